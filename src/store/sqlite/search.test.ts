// Search inside the SQLite store: facets for filters and date order, the tiered
// relevance order of broad queries, the upgrade of an index an older Parallax built, and
// search rows written with their batch during bulk writes.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseFile } from '../../import/parse.js';
import { importSources, reindex } from '../../import/pipeline.js';
import { QueryError } from '../../search/query.js';
import { searchArchive } from '../../search/search.js';
import { AliasTable } from '../../text/aliases.js';
import { Segmenter } from '../../text/segment.js';
import { SqliteStore } from './store.js';
import type { ImportItem } from '../store.js';

const dir = mkdtempSync(join(tmpdir(), 'px-sqlite-search-'));
const posts = join(dir, 'posts');
mkdirSync(posts);
// six invented notices about a ferry pier; two name the pier in their title
for (let i = 1; i <= 6; i++) {
  const title = i <= 2 ? `望潮碼頭第${i}號公告` : `港口管理處第${i}號通告`;
  writeFileSync(join(posts, `n${i}.md`), `---\ntitle: ${title}\ndate: 2031-10-0${i} 09:00:00\n---\n\n望潮碼頭本週維修，渡輪改於臨時浮台上落，第${i}號通告。\n\n管理處提醒乘客預留時間。\n`);
}
const ctx = { segmenter: new Segmenter(), aliases: new AliasTable() };
const db = join(dir, 'a.db');
{
  const s = new SqliteStore(db);
  const r = await importSources(s, [posts]);
  assert.equal(r.articles.added, 6);
  await s.close();
}

test('past the cap: the total says "cap+", title matches rank first, the first matches in index order fill the rest, and paging stops at the cap', async () => {
  const store = new SqliteStore(db);
  const all = await searchArchive(store, '望潮碼頭', { limit: 10 }, ctx);
  assert.equal(all.total, 6);
  assert.equal(all.capped, false);
  const first = await searchArchive(store, '望潮碼頭', { limit: 2, cap: 4 }, ctx);
  assert.equal(first.total, 4);
  assert.equal(first.capped, true);
  assert.deepEqual(first.hits.map((h) => h.title).sort(), ['望潮碼頭第1號公告', '望潮碼頭第2號公告']);
  // the other two are the body matches written first (n3, n4), whatever their score against n5, n6
  const seen: string[] = [];
  for (let offset = 0; offset < 4; offset += 2) {
    for (const h of (await searchArchive(store, '望潮碼頭', { limit: 2, offset, cap: 4 }, ctx)).hits) seen.push(h.title);
  }
  assert.deepEqual(seen.slice(2).sort(), ['港口管理處第3號通告', '港口管理處第4號通告']);
  assert.equal(new Set(seen).size, 4);
  // a page that straddles the two tiers
  const straddle = await searchArchive(store, '望潮碼頭', { limit: 3, offset: 1, cap: 4 }, ctx);
  assert.equal(straddle.hits.length, 3);
  assert.equal(new Set(straddle.hits.map((h) => h.id)).size, 3);
  // a cap the title tier fills: only title matches
  const titles = await searchArchive(store, '望潮碼頭', { limit: 5, cap: 2 }, ctx);
  assert.deepEqual(titles.hits.map((h) => h.title).sort(), ['望潮碼頭第1號公告', '望潮碼頭第2號公告']);
  // past the cap: a clear refusal, not an empty page
  await assert.rejects(searchArchive(store, '望潮碼頭', { limit: 2, offset: 4, cap: 4 }, ctx), (e: unknown) => e instanceof QueryError && e.code === 'offset-past-cap');
  await store.close();
});

test('filters and date order come from the facets', async () => {
  const store = new SqliteStore(db);
  const byDate = await searchArchive(store, '渡輪 since:2031-10-03', { sort: 'date' }, ctx);
  assert.equal(byDate.total, 4);
  const days = byDate.hits.map((h) => h.published!.day);
  assert.deepEqual(days, ['2031-10-06', '2031-10-05', '2031-10-04', '2031-10-03']);
  // date-sorted hits still carry their relevance score
  const relevance = new Map((await searchArchive(store, '渡輪 since:2031-10-03', {}, ctx)).hits.map((h) => [h.id, h.score]));
  for (const h of byDate.hits) assert.equal(h.score, relevance.get(h.id));
  const none = await searchArchive(store, 'until:2031-10-02', {}, ctx);
  assert.equal(none.total, 2);
  await store.close();
});

test('an index of an older format is dropped with a clear message until reindex rebuilds it, facets included', async () => {
  const file = join(dir, 'old.db');
  {
    const s = new SqliteStore(file);
    await importSources(s, [posts]);
    // what an older Parallax left: another column set, no facets, no format stamp
    s.db.exec("DROP TABLE search; CREATE VIRTUAL TABLE search USING fts5(title_w, body_w, title_g, body_g, tags, content = ''); DELETE FROM meta WHERE key = 'search_format'");
    s.db.exec('DROP TRIGGER facets_insert; DROP TRIGGER facets_update; DROP TRIGGER facets_delete; DROP TABLE facets');
    await s.close();
  }
  const store = new SqliteStore(file);
  await assert.rejects(searchArchive(store, '渡輪', {}, ctx), /parallax reindex/);
  await reindex(store);
  assert.equal((await searchArchive(store, '渡輪', {}, ctx)).total, 6);
  assert.equal((await searchArchive(store, '渡輪 since:2031-10-03', {}, ctx)).total, 4);
  await store.close();
});

test('bulk writes: search rows go in with their batch, in order; a failed batch leaves neither rows nor search rows', async () => {
  const store = new SqliteStore(join(dir, 'bulk.db'));
  const seg = new Segmenter();
  const item = (body: string): ImportItem => {
    const bytes = Buffer.from(`---\ntitle: 浮台通告\ndate: 2031-10-09 09:00:00\n---\n\n${body}\n`);
    return parseFile({ location: { kind: 'file', path: 'x/a.md' }, bytes, pathHint: 'x/a.md' }, { segmenter: seg });
  };
  store.bulkWrites(true);
  // the same file changed within one batch: its search row is written, then replaced
  assert.deepEqual(await store.commit([item('渡輪改泊東側浮台。'), item('渡輪改泊西側浮台。')], 1), [['added'], ['updated']]);
  const broken = item('渡輪停航，北側浮台關閉。');
  const article = broken.articles[0]!;
  await assert.rejects(store.commit([{ ...broken, location: { kind: 'file', path: 'x/b.md' }, articles: [
    // a feed's first item is written and queued for the index, the second breaks the batch
    { ...article, id: 'c' }, { ...article, id: 'b', outlet: { ...article.outlet, id: null as unknown as string } },
  ] }], 1));
  store.bulkWrites(false);
  assert.equal((await searchArchive(store, '西側', {}, ctx)).total, 1);
  assert.equal((await searchArchive(store, '東側', {}, ctx)).total, 0);
  assert.equal((await searchArchive(store, '北側', {}, ctx)).total, 0);
  assert.equal((await store.stats()).articles, 1);
  await store.close();
});
