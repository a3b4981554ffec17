// Every export format on the demo archive (and the Markdown round trip on the real seeds
// and the multi-outlet week when ../shared is here), read back with stock readers:
// ajv for JSONL, zlib and hyparquet for the dataset, warcio for WARC, an XML parser for Atom.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parquetReadObjects } from 'hyparquet';
import { WARCParser } from 'warcio';
import type { Article } from '../article.js';
import { importSources } from '../import/pipeline.js';
import { openStore } from '../store/open.js';
import type { Store } from '../store/store.js';
import { segmenter } from '../text/segment.js';
import { AliasTable } from '../text/aliases.js';
import { analyzeArchive } from '../stories/analyze.js';
import { detectScript, toSimplified } from '../text/script.js';
import { projectRoot, needsShared, sharedPath } from '../../test/shared.js';
import { cli } from '../../test/cli.js';
import { runExport, type ExportFormat } from './export.js';
import { resolveSelection, type ExportFilter } from './select.js';
import { atomEntry, exportAtom } from './atom.js';
import { csvRow } from './csv.js';
import { xmlText } from './xml.js';
import type { ExportReport } from './write.js';

const tmp = (name: string): string => mkdtempSync(join(tmpdir(), `px-export-${name}-`));
const text = async () => ({ segmenter: segmenter(), aliases: new AliasTable() });

async function archiveOf(inputs: string[], analyse = false): Promise<{ store: Store; db: string }> {
  const db = join(tmp('db'), 'a.db');
  const store = await openStore(db);
  const r = await importSources(store, inputs);
  assert.deepEqual(r.rejected, []);
  if (analyse) await analyzeArchive(store, await text());
  return { store, db };
}

async function exportTo(store: Store, format: ExportFormat, out: string, filter: ExportFilter = {}, simplified = false): Promise<ExportReport> {
  const selection = await resolveSelection(store, filter, text);
  return runExport(format, { store, selection, out }, { segmenter: segmenter(), simplified });
}

/** every article of an archive (flagged too), by id, without its provenance */
async function articlesOf(store: Store): Promise<Map<string, Omit<Article, 'source'>>> {
  const out = new Map<string, Omit<Article, 'source'>>();
  for (let offset = 0; ; offset += 500) {
    const page = await store.listArticles({ includeFlagged: true, limit: 500, offset });
    for (const { source: _s, ...rest } of page) out.set(rest.id, rest);
    if (page.length < 500) return out;
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => join(dir, f)).filter((f) => statSync(f).isFile());
}

/** Export as Markdown, import the folder into a new archive: every article comes back identical. */
async function assertMarkdownRoundTrip(store: Store): Promise<number> {
  const out = join(tmp('md'), 'md');
  await exportTo(store, 'markdown', out, { includeFlagged: true });
  const again = await openStore(join(tmp('db2'), 'b.db'));
  try {
    const r = await importSources(again, [out]);
    assert.deepEqual(r.rejected, []);
    const before = await articlesOf(store);
    const after = await articlesOf(again);
    assert.deepEqual([...after.keys()].sort(), [...before.keys()].sort());
    for (const [id, a] of before) assert.deepEqual(after.get(id), a, `article ${id} changed in the round trip`);
    for (const a of await again.listArticles({ includeFlagged: true, limit: 5 })) assert.equal(a.source.format, 'parallax-md');
    return before.size;
  } finally {
    await again.close();
  }
}

const demo = archiveOf([join(projectRoot, 'demo')], true);

test('jsonl: one Article per line, every line valid against the JSON Schema written beside it', async () => {
  const { store } = await demo;
  const out = join(tmp('jsonl'), 'articles.jsonl');
  const r = await exportTo(store, 'jsonl', out);
  const schema = JSON.parse(readFileSync(join(out, '..', 'articles.schema.json'), 'utf8')) as object;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  const validate = ajv.compile(schema);
  const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
  assert.equal(lines.length, r.articles);
  assert.equal(lines.length, (await store.listArticles({ limit: 1000 })).length);
  for (const line of lines) assert.ok(validate(JSON.parse(line)), JSON.stringify(validate.errors));
  // the schema does reject what is not an Article
  assert.equal(validate({ ...JSON.parse(lines[0]!), id: 'not-an-id' }), false);
  assert.equal(validate({ ...JSON.parse(lines[0]!), paragraphs: 'one string' }), false);
});

test('markdown: export then import gives identical articles (ids, text, metadata) on the demo', async () => {
  const { store } = await demo;
  assert.ok((await assertMarkdownRoundTrip(store)) >= 9);
});

test('markdown: paragraphs with blank lines, control characters and YAML-looking strings survive', async () => {
  const { store } = await demo;
  const [a] = await store.listArticles({ limit: 1 });
  const { markdownOf } = await import('./markdown.js');
  const { splitFrontMatter } = await import('../readers/frontmatter.js');
  const { readPost } = await import('../readers/post.js');
  const tricky: Article = { ...a!, title: 'yes: no # 1\x08 "q" \'s\'', tags: ['true', '2021-12-15', 'null', '- x'],
    paragraphs: ['first\n\nstill first', '  leading', '---', 'last\r\n'] };
  const { draft, format } = readPost(splitFrontMatter(markdownOf(tricky))!);
  assert.equal(format, 'parallax-md');
  assert.equal(draft.id, a!.id);
  assert.equal(draft.title, tricky.title);
  assert.deepEqual(draft.tags, tricky.tags);
  assert.deepEqual(draft.paragraphs, tricky.paragraphs);
});

test('markdown round trip on the five seeds', needsShared('seeds'), async () => {
  const { store } = await archiveOf([sharedPath('seeds')!], true);
  assert.equal(await assertMarkdownRoundTrip(store), 5);
});

test('markdown round trip on the multi-outlet week', needsShared('corpus/multi-outlet'), async () => {
  const { store } = await archiveOf([sharedPath('corpus/multi-outlet')!]);
  assert.ok((await assertMarkdownRoundTrip(store)) > 100);
});

/** a small RFC 4180 reader: quoted fields, doubled quotes, CRLF records */
function parseCsv(s: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [], field = '', quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\r' && s[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; } else field += c;
  }
  return rows;
}

test('csv: BOM, header, one RFC 4180 row per article; commas, quotes and line breaks quoted', async () => {
  const { store } = await demo;
  const out = join(tmp('csv'), 'a.csv');
  const r = await exportTo(store, 'csv', out);
  const bytes = readFileSync(out);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const rows = parseCsv(bytes.toString('utf8').slice(1));
  assert.equal(rows[0]![0], 'id');
  assert.equal(rows.length, r.articles + 1);
  const titles = new Map((await store.listArticles({ limit: 1000 })).map((a) => [a.id, a.title]));
  const col = rows[0]!.indexOf('title');
  for (const row of rows.slice(1)) assert.equal(row[col], titles.get(row[0]!));
  assert.deepEqual(parseCsv(csvRow(['a,b', 'say "hi"', 'two\nlines', 3])), [['a,b', 'say "hi"', 'two\nlines', '3']]);
  assert.equal(csvRow(['=HYPERLINK("x")']), `"'=HYPERLINK(""x"")"\r\n`);
});

test('segmented: one sentence per line, words separated by spaces; the running text comes back; --simplified is Simplified', async () => {
  const { store } = await demo;
  const dir = tmp('seg');
  await exportTo(store, 'segmented', join(dir, 'orig.txt'));
  await exportTo(store, 'segmented', join(dir, 'simp.txt'), {}, true);
  const articles = await store.listArticles({ limit: 1000 });
  const blocks = readFileSync(join(dir, 'orig.txt'), 'utf8').trimEnd().split('\n\n');
  assert.equal(blocks.length, articles.length);
  articles.forEach((a, i) => {
    const lines = blocks[i]!.split('\n');
    assert.ok(lines.every((l) => !/ {2}/.test(l) && l.trim() === l), 'single spaces between words');
    assert.equal(lines.join('').replace(/ /g, ''), [a.title, ...a.paragraphs].join('').replace(/\s/g, ''));
  });
  const simp = readFileSync(join(dir, 'simp.txt'), 'utf8');
  assert.ok(articles.some((a) => a.script === 'hant'), 'the demo has Traditional articles');
  assert.notEqual(detectScript(simp.replace(/ /g, '')), 'hant');
  assert.equal(toSimplified(simp), simp, 'nothing left to convert');
  assert.notEqual(toSimplified(readFileSync(join(dir, 'orig.txt'), 'utf8')), readFileSync(join(dir, 'orig.txt'), 'utf8'));
});

test('atom: feeds whose entries went to part files on the way are the same feeds; no part file is left', async () => {
  const { store } = await demo;
  const selection = await resolveSelection(store, {});
  const held = join(tmp('atom-held'), 'feeds');
  const spilled = join(tmp('atom-spilled'), 'feeds');
  await exportAtom({ store, selection, out: held });
  // a bound of one entry: every article sends every feed it is in to its part file
  await exportAtom({ store, selection, out: spilled }, { spillAt: 1 });
  const files = filesUnder(held).map((f) => f.slice(held.length));
  assert.deepEqual(filesUnder(spilled).map((f) => f.slice(spilled.length)).sort(), [...files].sort());
  assert.ok(files.some((f) => f.includes('/events/')));
  for (const f of files) assert.equal(readFileSync(join(spilled, f), 'utf8'), readFileSync(join(held, f), 'utf8'), f);
});

test('atom: a well-formed feed per outlet, event and thread, with ids, updated, authors and escaping', async () => {
  const { store } = await demo;
  const out = join(tmp('atom'), 'feeds');
  const r = await exportTo(store, 'atom', out);
  const files = filesUnder(out).filter((f) => f.endsWith('.atom'));
  const { total: events } = await store.listEvents({ limit: 1000 });
  assert.ok(files.some((f) => f.includes('/outlets/')) && files.some((f) => f.includes('/events/')) && files.some((f) => f.includes('/threads/')));
  assert.ok(files.filter((f) => f.includes('/events/')).length <= events);
  const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['entry', 'author', 'category', 'link'].includes(name) });
  const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
  let entries = 0;
  for (const f of files) {
    const xml = readFileSync(f, 'utf8');
    assert.equal(XMLValidator.validate(xml), true, f);
    const feed = parser.parse(xml).feed;
    assert.equal(feed['@_xmlns'], 'http://www.w3.org/2005/Atom');
    assert.match(feed.id, /^urn:parallax:(outlet|event|thread):/);
    assert.ok(feed.title['#text'] ?? feed.title);
    assert.match(feed.updated, RFC3339);
    const ids = new Set<string>();
    for (const e of feed.entry) {
      assert.match(e.id, /^urn:parallax:article:[0-9a-f]{16}$/);
      assert.ok(!ids.has(e.id), 'entry ids unique in a feed');
      ids.add(e.id);
      assert.match(e.updated, RFC3339);
      assert.ok(e.updated <= feed.updated, 'the feed is as new as its newest entry');
      assert.ok(e.author.length && e.author.every((x: { name: string }) => x.name));
      assert.ok(e.title);
      entries++;
    }
  }
  assert.ok(entries >= r.articles);
  if (existsSync('/usr/bin/xmllint')) {
    const lint = spawnSync('/usr/bin/xmllint', ['--noout', ...files], { encoding: 'utf8' });
    assert.equal(lint.status, 0, lint.stderr);
  } else process.stderr.write('NOTICE: /usr/bin/xmllint is not here; the Atom feeds are checked by fast-xml-parser only\n');
  // hostile text: markup and control characters come out as text, the XML stays well-formed
  const [a] = await store.listArticles({ limit: 1 });
  const entry = atomEntry({ ...a!, title: '<script>alert("x")</script> & \x01', paragraphs: ['a < b && c > d ]]>'] });
  assert.equal(XMLValidator.validate(`<feed xmlns="http://www.w3.org/2005/Atom">${entry}</feed>`), true);
  const parsed = new XMLParser({ processEntities: true, trimValues: false }).parse(entry).entry;
  assert.equal(parsed.title, '<script>alert("x")</script> & ');
  assert.equal(parsed.content, 'a < b && c > d ]]>');
  assert.equal(xmlText('\ud800x'), 'x');
});

test('dataset: gzip JSONL and Parquet read back with zlib and hyparquet; a card with a YAML header', async () => {
  const { store } = await demo;
  const out = join(tmp('ds'), 'ds');
  const r = await exportTo(store, 'dataset', out);
  const articles = new Map((await store.listArticles({ limit: 1000 })).map((a) => [a.id, a]));
  const lines = gunzipSync(readFileSync(join(out, 'data/train.jsonl.gz'))).toString('utf8').trimEnd().split('\n');
  assert.equal(lines.length, r.articles);
  for (const l of lines) {
    const a = JSON.parse(l) as Article;
    assert.deepEqual(a, articles.get(a.id));
  }
  const buf = readFileSync(join(out, 'data/train.parquet'));
  const rows = await parquetReadObjects({ file: buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) });
  assert.equal(rows.length, articles.size);
  for (const row of rows) {
    const a = articles.get(row.id as string)!;
    assert.equal(row.title, a.title);
    assert.equal(row.text, a.paragraphs.join('\n\n'));
    assert.equal(row.published, a.published?.at ?? null);
    assert.deepEqual(JSON.parse(row.tags as string), a.tags);
    assert.equal(row.paragraphs, a.paragraphs.length);
  }
  const card = readFileSync(join(out, 'README.md'), 'utf8');
  const yaml = await import('js-yaml');
  const header = yaml.load(card.split('---\n')[1]!) as { language: string[]; license: string; configs: Array<{ config_name: string; data_files: Array<{ split: string; path: string }> }> };
  assert.deepEqual(header.language, ['zh-Hans', 'zh-Hant']);
  assert.equal(header.license, 'unknown');
  for (const c of header.configs) for (const d of c.data_files) assert.ok(statSync(join(out, d.path)).size > 0, d.path);
  assert.ok(JSON.parse(readFileSync(join(out, 'article.schema.json'), 'utf8')).properties.paragraphs);
});

test('warc: WARC 1.1 read back by warcio; each resource is the stored raw bytes, digests match, provenance beside it', async () => {
  const { store } = await demo;
  const out = join(tmp('warc'), 'a.warc.gz');
  await exportTo(store, 'warc', out);
  const articles = await store.listArticles({ limit: 1000 });
  const wanted = new Set(articles.map((a) => a.source.sha256));
  const records = new WARCParser([readFileSync(out)]);
  const resources = new Map<string, string>();
  const metadata: Array<{ refers: string; doc: { sha256: string; article: string; format: string } }> = [];
  let info = 0;
  for await (const rec of records) {
    assert.equal(rec.warcHeaders.protocol, 'WARC/1.1');
    const body = await rec.readFully();
    if (rec.warcType === 'warcinfo') { info++; continue; }
    if (rec.warcType === 'resource') {
      const hex = createHash('sha256').update(body).digest('hex');
      assert.equal(rec.warcBlockDigest, `sha256:${hex}`);
      assert.deepEqual(Buffer.from(body), Buffer.from((await store.getRaw(hex))!), 'the stored raw bytes, exactly');
      resources.set(rec.warcHeader('WARC-Record-ID')!, hex);
    }
    if (rec.warcType === 'metadata') metadata.push({ refers: rec.warcHeader('WARC-Refers-To')!, doc: JSON.parse(Buffer.from(body).toString('utf8')) });
  }
  assert.equal(info, 1);
  assert.deepEqual(new Set(resources.values()), wanted);
  assert.equal(metadata.length, articles.length);
  for (const m of metadata) {
    assert.equal(resources.get(m.refers), m.doc.sha256);
    assert.ok(articles.some((a) => a.id === m.doc.article && a.source.sha256 === m.doc.sha256 && a.source.format === m.doc.format));
  }
});

test('selection: --outlet, --since/--until, --event, --thread and --query narrow the export; bad input is a usage error', async () => {
  const { store, db } = await demo;
  const dir = tmp('sel');
  const count = async (filter: ExportFilter): Promise<number> => (await exportTo(store, 'jsonl', join(dir, `${Math.random()}.jsonl`), filter)).articles;
  const all = await store.listArticles({ limit: 1000 });
  const outlet = all[0]!.outlet.id;
  assert.equal(await count({ outlet }), all.filter((a) => a.outlet.id === outlet).length);
  assert.equal(await count({ since: '2031-10-15', until: '2031-10-16' }), all.filter((a) => a.published && a.published.at >= '2031-10-15' && a.published.at < '2031-10-16').length);
  const { events: [event] } = await store.listEvents({ limit: 1 });
  assert.equal(await count({ event: event!.id }), event!.members.filter((m) => all.some((a) => a.id === m.article)).length);
  const thread = (await store.getThread(event!.thread))!;
  assert.ok((await count({ thread: thread.id })) >= event!.members.length);
  const { searchArchive } = await import('../search/search.js');
  const hits = await searchArchive(store, '台风', { limit: 200 }, await text());
  assert.ok(hits.total > 0);
  assert.equal(await count({ query: '台风' }), hits.total);
  assert.equal(await count({ query: '台风', outlet }), hits.hits.filter((h) => h.outlet.id === outlet).length);

  const bad = cli(['--db', db, 'export', 'pdf', '--out', join(dir, 'x')]);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /unknown format pdf/);
  assert.equal(cli(['--db', db, 'export', 'jsonl', '--event', 'enosuch', '--out', join(dir, 'y.jsonl')]).status, 2);
  const ok = cli(['--db', db, 'export', 'csv', '--outlet', outlet, '--out', join(dir, 'z.csv'), '--json']);
  assert.equal(ok.status, 0, ok.stderr);
  assert.equal((JSON.parse(ok.stdout) as ExportReport).articles, all.filter((a) => a.outlet.id === outlet).length);
  // a fresh archive is grouped into events when an export asks for one
  const fresh = join(tmp('fresh'), 'f.db');
  assert.equal(cli(['--db', fresh, 'import', join(projectRoot, 'demo'), '--json']).status, 0);
  const byEvent = cli(['--db', fresh, 'export', 'jsonl', '--event', event!.id, '--out', join(dir, 'ev.jsonl'), '--json']);
  assert.equal(byEvent.status, 0, byEvent.stderr);
  assert.equal((JSON.parse(byEvent.stdout) as ExportReport).articles, await count({ event: event!.id }));
  const nonEmpty = cli(['--db', db, 'export', 'markdown', '--out', dir]);
  assert.equal(nonEmpty.status, 2);
  assert.match(nonEmpty.stderr, /not empty/);
});
