// A feed of many items is read in parts of ITEMS_PER_PART items (readers/feed-parts.ts):
// every item lands once, the file is one source with its bytes kept whole, a rerun finds it
// unchanged, and a run stopped between parts is completed by the next. On fictional feeds.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { importSources, PARSER_VERSION } from '../src/import/pipeline.js';
import { parseFile } from '../src/import/parse.js';
import { feedParts, ITEMS_PER_PART } from '../src/readers/feed-parts.js';
import { readDocument } from '../src/readers/index.js';
import { locationKey, packRaw, sha256Hex } from '../src/store/store.js';
import { SqliteStore } from '../src/store/sqlite/store.js';

const dir = mkdtempSync(join(tmpdir(), 'px-feed-parts-'));
const N = ITEMS_PER_PART * 10 + 37;
const rss = (n: number): string => ['<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>晴川日报</title><link>https://qingchuan-daily.example/</link>\n',
  // an </item> inside CDATA and a comment must not cut the feed there
  '<!-- a comment with </item> in it -->\n',
  ...Array.from({ length: n }, (_, i) => `<item><title>晴川第${i}号通告</title><link>https://qingchuan-daily.example/n/${i}</link><pubDate>Mon, 13 Oct 2031 08:00:00 GMT</pubDate><description><![CDATA[<p>晴川市政府今天发布第${i}号通告，内容涉及道路、供水和公共交通的安排。</item></p>]]></description></item>\n`),
  '</channel></rss>\n'].join('');

test('feedParts: whole items in order, each part a feed the reader reads; small feeds and UTF-16 are not cut', () => {
  const bytes = Buffer.from(rss(N));
  const parts = feedParts(bytes)!;
  assert.equal(parts.count, 11);
  const titles = Array.from({ length: parts.count }, (_, i) => readDocument(parts.part(i), 'f.rss').drafts.map((d) => d.title)).flat();
  assert.deepEqual(titles, Array.from({ length: N }, (_, i) => `晴川第${i}号通告`));
  assert.equal(readDocument(parts.part(3), 'f.rss').drafts[0]!.outlet.name, '晴川日报');
  assert.equal(feedParts(Buffer.from(rss(ITEMS_PER_PART))), null);
  assert.equal(feedParts(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(rss(N), 'utf16le')])), null);
  const atom = Buffer.from(`<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>晴川日报</title>${Array.from({ length: N }, (_, i) => `<entry><title>第${i}条</title><link href="https://qingchuan-daily.example/e/${i}"/><updated>2031-10-13T08:00:00Z</updated><content>晴川市今天的第${i}条消息，内容涉及道路维修的安排。</content></entry>`).join('')}</feed>`);
  const ap = feedParts(atom)!;
  assert.equal(ap.count, 11);
  assert.equal(readDocument(ap.part(10), 'f.atom').drafts.length, 37);
});

/** a JSON Feed whose strings hold what would cut it if they were not stepped over: `],{"` and escaped quotes */
const jsonFeed = (n: number, extra: Record<string, unknown> = {}): string => JSON.stringify({
  version: 'https://jsonfeed.org/version/1.1', title: '南洋晨报', home_page_url: 'https://nanyang-morning.example/',
  items: Array.from({ length: n }, (_, i) => ({
    id: `https://nanyang-morning.example/j/${i}`, url: `https://nanyang-morning.example/j/${i}`, title: `南洋第${i}则"快讯"`,
    date_published: '2031-10-14T08:00:00+08:00', content_text: `南洋今天的第${i}则快讯：码头 ],{"items": [ 的安排有所调整，\\ 乘客请留意。`, tags: ['港口', { nested: [1, 2] }],
  })),
  ...extra,
}, null, 1);

test('feedParts: a JSON Feed is cut between whole items, strings stepped over; not UTF-8 or no items array: read whole', () => {
  const bytes = Buffer.from(jsonFeed(N, { _after: { note: 'a key after the items' } }));
  const parts = feedParts(bytes)!;
  assert.equal(parts.count, 11);
  const read = Array.from({ length: parts.count }, (_, i) => readDocument(parts.part(i), 'f.json').drafts);
  assert.deepEqual(read.flat().map((d) => d.title), Array.from({ length: N }, (_, i) => `南洋第${i}则"快讯"`));
  assert.equal(read[10]!.length, 37);
  assert.equal(read[4]![0]!.outlet.name, '南洋晨报');
  // what the file read whole gives, item for item
  assert.deepEqual(read.flat().map((d) => ({ paragraphs: d.paragraphs, tags: d.tags, url: d.url })), readDocument(bytes, 'f.json').drafts.map((d) => ({ paragraphs: d.paragraphs, tags: d.tags, url: d.url })));
  assert.equal(feedParts(Buffer.from(jsonFeed(ITEMS_PER_PART))), null, 'small enough to read whole');
  // a byte that is not UTF-8 (a GBK trail byte could be a quote or a backslash): not cut
  assert.equal(feedParts(Buffer.concat([Buffer.from(jsonFeed(N).slice(0, -1)), Buffer.from(',"x":"\xb0\x5c"}', 'latin1')])), null);
  assert.equal(feedParts(Buffer.from(jsonFeed(N).replace('"items"', '"entries"'))), null, 'no items array');
});

test('a feed of many items imports in parts: one source, every item once, bytes kept whole; a rerun is unchanged', async () => {
  const file = join(dir, 'big.rss');
  writeFileSync(file, rss(N));
  const store = new SqliteStore(join(dir, 'a.db'));
  const first = await importSources(store, [file]);
  assert.deepEqual(first.articles, { added: N, updated: 0, unchanged: 0 });
  assert.equal(first.files, 1);
  const known = (await store.knownSource(locationKey({ kind: 'file', path: file })))!;
  assert.equal(known.articleIds.length, N);
  assert.equal(known.parser, PARSER_VERSION);
  assert.deepEqual(Buffer.from((await store.getRaw(known.sha256))!), readFileSync(file));
  const again = await importSources(store, [file]);
  assert.deepEqual(again.articles, { added: 0, updated: 0, unchanged: N });
  await store.close();
});

test('a JSON Feed of many items imports in parts: every item once, a rerun is unchanged', async () => {
  const file = join(dir, 'big.json');
  writeFileSync(file, jsonFeed(N));
  const store = new SqliteStore(join(dir, 'j.db'));
  try {
    assert.deepEqual((await importSources(store, [file])).articles, { added: N, updated: 0, unchanged: 0 });
    const known = (await store.knownSource(locationKey({ kind: 'file', path: file })))!;
    assert.equal(known.articleIds.length, N);
    assert.equal(known.parser, PARSER_VERSION);
    assert.deepEqual((await importSources(store, [file])).articles, { added: 0, updated: 0, unchanged: N });
  } finally {
    await store.close();
  }
});

test('a run stopped after some parts leaves the source unfinished; the next run completes it', async () => {
  const file = join(dir, 'stopped.rss');
  writeFileSync(file, rss(N));
  const bytes = readFileSync(file);
  const location = { kind: 'file' as const, path: file };
  const store = new SqliteStore(join(dir, 'b.db'));
  // what a run killed after its third part had committed
  const parts = feedParts(bytes)!;
  const sha256 = sha256Hex(bytes);
  const items = [0, 1, 2].map((index) => parseFile({ location, bytes: parts.part(index), sha256, pathHint: file, part: { index, last: false }, ...(index === 0 ? { raw: packRaw(bytes) } : {}) }, { segmenter: undefined }));
  await store.commit(items, PARSER_VERSION);
  assert.equal((await store.knownSource(locationKey(location)))!.parser, 0, 'not finished: a rerun must read it again');
  const rerun = await importSources(store, [file]);
  assert.deepEqual(rerun.articles, { added: N - 3 * ITEMS_PER_PART, updated: 0, unchanged: 3 * ITEMS_PER_PART });
  const known = (await store.knownSource(locationKey(location)))!;
  assert.equal(known.articleIds.length, N);
  assert.equal(known.parser, PARSER_VERSION);
  await store.close();
});
