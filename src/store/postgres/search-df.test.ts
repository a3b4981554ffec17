// search_df (bm25's document frequency of each token, kept by the writes) against a fresh
// count of the search rows (ts_stat) after each kind of write: a load that sets the GIN
// indexes aside, an insert, a changed article imported again, a removal, and the schema
// step that fills it in an archive written before it existed; a load killed before its end
// (which holds its changes to its end) and the open after it, which counts afresh.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import pg from 'pg';
import { freshDatabase, needsPostgres } from '../../../test/postgres.js';
import { searchArchive } from '../../search/search.js';
import { killWriter } from '../contract/crash.js';
import { CRASH_BATCH } from '../contract/crash-writer.js';
import { ctx, demoItems, notice, PARSER } from '../contract/fixtures.js';
import { newRebuildPass } from '../store.js';
import { SCHEMA_VERSION } from './schema.js';
import { SEARCH_DF_COUNTED } from './search-df.js';
import { PostgresStore } from './store.js';

const drops: Array<() => Promise<void>> = [];
after(async () => { for (const d of drops) await d(); });

async function sql<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const c = new pg.Client(url);
  await c.connect();
  try { return (await c.query<T>(text)).rows; } finally { await c.end(); }
}

/** rows of search_df that differ from a fresh count (a count of 0 is no row), and the counts compared */
async function dfDrift(url: string): Promise<{ drift: string[]; rows: number }> {
  const kept = `SELECT token, col, docs FROM search_df WHERE docs <> 0`;
  const drift = await sql<{ d: string }>(url, `SELECT format('%s %s %s %s', side, col, token, docs) AS d FROM (
      (SELECT 'kept' AS side, * FROM (${kept} EXCEPT (${SEARCH_DF_COUNTED})) x)
      UNION ALL (SELECT 'counted' AS side, * FROM ((${SEARCH_DF_COUNTED}) EXCEPT ${kept}) y)) z ORDER BY 1 LIMIT 20`);
  const rows = Number((await sql<{ n: string }>(url, `SELECT count(*) AS n FROM search_df WHERE docs <> 0`))[0]!.n);
  return { drift: drift.map((r) => r.d), rows };
}

/** the counts of a token (in the index's normal form: simplified) over every column set */
const docsOf = async (url: string, token: string): Promise<number> =>
  Number((await sql<{ n: string | null }>(url, `SELECT sum(docs) AS n FROM search_df WHERE token = '${token}'`))[0]!.n ?? 0);

test('search_df stays exact through a load, an insert, a changed article and a removal; the schema step fills it', needsPostgres(), async () => {
  const f = await freshDatabase('df');
  drops.push(f.drop);
  const exact = async (when: string): Promise<void> => {
    const { drift, rows } = await dfDrift(f.url);
    assert.deepEqual(drift, [], `search_df exact ${when}`);
    assert.ok(rows > 0, `search_df holds counts ${when}`);
  };
  let store = await PostgresStore.open(f.url);
  try {
    // a load into an empty archive: the GIN indexes are set aside and built at its end (bulk-load.ts)
    store.bulkWrites(true, { load: true });
    await store.commit(demoItems(), PARSER);
    store.bulkWrites(false);
    await store.settled();
    await exact('after a load');

    const pier = (body: string[]) => notice('pier/notice.md', { title: '碼頭告示', body });
    assert.deepEqual(await store.commit([pier(['碼頭明日照常開放。', '渡輪服務暫停一日。'])], PARSER), [['added']]);
    await exact('after an insert');
    const ferry = await docsOf(f.url, '渡轮');
    assert.ok(ferry >= 1);

    // the same file changed: its old row's tokens leave the counts, the new row's come in
    assert.deepEqual(await store.commit([pier(['碼頭明日照常開放。', '纜車服務暫停一日。'])], PARSER), [['updated']]);
    await exact('after a changed article was imported again');
    assert.equal(await docsOf(f.url, '渡轮'), ferry - 1);
    assert.ok((await docsOf(f.url, '缆车')) >= 1);
    const found = await searchArchive(store, '纜車', { limit: 20 }, ctx);
    assert.equal(found.total, 1);

    // a rebuild that did not write the notice again removes it (sweepDerived)
    const rebuild = newRebuildPass();
    for (const r of await sql<{ id: string; title: string; source_key: string }>(f.url, 'SELECT a.id, a.title, s.source_key FROM articles a JOIN article_sources s ON s.article_id = a.id')) {
      rebuild.sources.add(r.source_key);
      if (r.title !== '碼頭告示') rebuild.articles.add(r.id);
    }
    assert.equal(await store.sweepDerived(rebuild), 1);
    await exact('after a removal');
    assert.equal(await docsOf(f.url, '缆车'), 0);
  } finally {
    await store.close();
  }

  // an archive of the schema before search_df: the step counts it from the search rows
  await sql(f.url, "DROP TABLE search_df; UPDATE meta SET value = '2' WHERE key = 'schema_version'");
  store = await PostgresStore.open(f.url);
  try {
    assert.equal(await store.getMeta('schema_version'), String(SCHEMA_VERSION));
    await exact('after the schema step');
  } finally {
    await store.close();
  }
});

test('a load killed before its end leaves search_df short and marked; the next open counts it afresh', needsPostgres(), async () => {
  const f = await freshDatabase('dfkill');
  drops.push(f.drop);
  const markers = async (): Promise<number> =>
    Number((await sql<{ n: string }>(f.url, "SELECT count(*) AS n FROM meta WHERE key LIKE 'search_df_pending:%'"))[0]!.n);
  // an archive that holds something already: the load's changes come on top of kept counts
  let store = await PostgresStore.open(f.url);
  try {
    await store.commit(demoItems(), PARSER);
  } finally {
    await store.close();
  }
  const before = await dfDrift(f.url);
  assert.deepEqual(before.drift, []);

  const committed = await killWriter(f.url, 3, true);
  assert.ok(committed >= 3);
  const short = await dfDrift(f.url);
  assert.ok(short.drift.length > 0 && short.drift.every((d) => d.startsWith('counted ')), `search_df misses the killed load's rows: ${short.drift.slice(0, 3).join('; ')}`);
  assert.equal(await markers(), 1, 'the killed load left its marker');

  store = await PostgresStore.open(f.url);
  try {
    const { drift, rows } = await dfDrift(f.url);
    assert.deepEqual(drift, [], 'search_df exact after the open that follows the killed load');
    assert.ok(rows > before.rows);
    assert.equal(await markers(), 0);
    // the killed load's notices rank with their counts: found, the newest batch included
    const found = await searchArchive(store, '燈塔夜間通告', { limit: 20 }, ctx);
    assert.ok(found.total >= committed * CRASH_BATCH, `found ${found.total}`);
  } finally {
    await store.close();
  }
});

test('an import (a run that ends) holds its search_df changes to its end, then they are exact', needsPostgres(), async () => {
  const f = await freshDatabase('dfrun');
  drops.push(f.drop);
  const store = await PostgresStore.open(f.url);
  try {
    const items = demoItems();
    const half = Math.ceil(items.length / 2);
    store.bulkWrites(true, { ends: true });
    await store.commit(items.slice(0, half), PARSER);
    await store.commit(items.slice(half), PARSER);
    const held = await dfDrift(f.url);
    assert.ok(held.drift.length > 0 && held.drift.every((d) => d.startsWith('counted ')), 'the counts wait for the end of the run');
    // searches meanwhile find every row (only their ranking waits)
    assert.ok((await searchArchive(store, '跨海大橋', { limit: 20 }, ctx)).total > 0);
    store.bulkWrites(false);
    await store.settled();
    const { drift, rows } = await dfDrift(f.url);
    assert.deepEqual(drift, [], 'search_df exact at the end of the run');
    assert.ok(rows > 0);
  } finally {
    await store.close();
  }
});

test('closing a store in the middle of a run ends the run: its counts written, nothing left waiting', { ...needsPostgres(), timeout: 60_000 }, async () => {
  const f = await freshDatabase('dfclose');
  drops.push(f.drop);
  const store = await PostgresStore.open(f.url);
  store.bulkWrites(true, { ends: true });
  await store.commit(demoItems(), PARSER);
  await store.close();
  const { drift, rows } = await dfDrift(f.url);
  assert.deepEqual(drift, []);
  assert.ok(rows > 0);
  assert.equal(Number((await sql<{ n: string }>(f.url, "SELECT count(*) AS n FROM meta WHERE key LIKE 'search_df_pending:%'"))[0]!.n), 0);
});
