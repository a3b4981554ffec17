// What is PostgreSQL's own in the store (the contract suite covers the shared behaviour):
// opening a database that is missing, empty or from a newer Parallax; migrations stamped
// once; a file seen again without its index does not make search stale.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import pg from 'pg';
import { freshDatabase, needsPostgres, postgresUrl } from '../../../test/postgres.js';
import { searchArchive } from '../../search/search.js';
import { ctx, demoItems, notice, PARSER } from '../contract/fixtures.js';
import { NoArchiveError } from '../url.js';
import { SCHEMA_VERSION } from './schema.js';
import { PostgresStore } from './store.js';

const drops: Array<() => Promise<void>> = [];
after(async () => { for (const d of drops) await d(); });
const fresh = async () => { const f = await freshDatabase('store'); drops.push(f.drop); return f.url; };

test('a missing or empty database is no archive unless asked to make one; a newer schema is refused', needsPostgres(), async () => {
  const url = await fresh();
  const missing = url.replace(/\/([^/]+)$/, '/$1_missing');
  await assert.rejects(PostgresStore.open(missing, { create: false }), (e: Error) => e instanceof NoArchiveError && /database does not exist/.test(e.message));
  await assert.rejects(PostgresStore.open(url, { create: false }), (e: Error) => e instanceof NoArchiveError && /holds no Parallax tables/.test(e.message));
  // with create the database itself is made (as an import makes a new file)
  const made = await PostgresStore.open(missing);
  drops.push(async () => { const c = new pg.Client(postgresUrl()!); await c.connect(); await c.query(`DROP DATABASE IF EXISTS ${new URL(missing).pathname.slice(1)} WITH (FORCE)`); await c.end(); });
  assert.equal(await made.getMeta('schema_version'), String(SCHEMA_VERSION));
  await made.close();
  const again = await PostgresStore.open(missing, { create: false });
  await again.setMeta('schema_version', String(SCHEMA_VERSION + 1));
  await again.close();
  await assert.rejects(PostgresStore.open(missing), /newer Parallax/);
});

test('the same files again without their index leave search answering', needsPostgres(), async () => {
  const store = await PostgresStore.open(await fresh());
  try {
    await store.commit(demoItems(), PARSER);
    const bare = demoItems().map((i) => ({ ...i, articles: i.articles.map(({ index: _index, ...a }) => a) }));
    const outcomes = await store.commit(bare, PARSER);
    assert.ok(outcomes.flat().every((o) => o === 'unchanged'));
    assert.equal(await store.getMeta('search_missing'), undefined);
  } finally {
    await store.close();
  }
});

test('a password in the URL is not in the messages', needsPostgres(), async () => {
  const u = new URL(postgresUrl()!);
  u.password = 'sekrit';
  u.pathname = '/nosuch_db_here';
  await assert.rejects(PostgresStore.open(u.toString(), { create: false }), (e: Error) => !e.message.includes('sekrit') && e.message.includes('***'));
});

test('an import writes search rows through larger GIN pending lists and merges them into the indexes when it ends', needsPostgres(), async () => {
  const url = await fresh();
  const pending = async (): Promise<number> => {
    const c = new pg.Client(url);
    await c.connect();
    try {
      await c.query('CREATE EXTENSION IF NOT EXISTS pageinspect');
      const { rows } = await c.query<{ n: string }>(`SELECT coalesce(sum((gin_metapage_info(get_raw_page(indexname, 0))).n_pending_tuples), 0) AS n
        FROM pg_indexes WHERE tablename = 'search' AND indexdef LIKE '%USING gin%'`);
      return Number(rows[0]!.n);
    } finally { await c.end(); }
  };
  const store = await PostgresStore.open(url);
  store.bulkWrites(true);
  await store.commit(demoItems(), PARSER);
  // during the import the new entries wait in the pending lists
  assert.ok((await pending()) > 0, 'entries pending while importing');
  store.bulkWrites(false);
  await store.close();
  assert.equal(await pending(), 0, 'merged when the import ended');
});

test('a load that outgrows the archive writes without the search GIN indexes, searches meanwhile, and builds them at its end; a small load into a larger archive keeps them', needsPostgres(), async () => {
  const url = await fresh();
  const gin = async (on = url): Promise<string[]> => {
    const c = new pg.Client(on);
    await c.connect();
    try {
      return (await c.query<{ name: string }>("SELECT indexname AS name FROM pg_indexes WHERE tablename = 'search' AND indexdef LIKE '%USING gin%' ORDER BY 1")).rows.map((r) => r.name);
    } finally { await c.end(); }
  };
  const items = demoItems();
  const title = items.find((i) => i.articles[0]?.index)!.articles[0]!.title;
  const query = [...title.replace(/\s/g, '')].slice(0, 2).join('');
  const store = await PostgresStore.open(url);
  try {
    const all = await gin();
    assert.ok(all.length >= 5, `the schema's GIN indexes: ${all.join(', ')}`);
    store.bulkWrites(true, { load: true });
    await store.commit(items, PARSER);
    assert.deepEqual(await gin(), [], 'set aside while loading into an empty archive');
    const during = await searchArchive(store, query, { limit: 20 }, ctx);
    assert.ok(during.total > 0, `"${query}" finds the loaded articles without the indexes`);
    store.bulkWrites(false);
    await store.settled();
    assert.deepEqual(await gin(), all, 'built again when the load ends');
    const afterLoad = await searchArchive(store, query, { limit: 20 }, ctx);
    assert.deepEqual(afterLoad.hits.map((h) => h.id), during.hits.map((h) => h.id));
    assert.equal(afterLoad.total, during.total);
    // one file into an archive of many: far less than the archive holds, the indexes stay
    store.bulkWrites(true, { load: true });
    await store.commit([notice('pier/new.md', { title: '碼頭新告示', body: ['碼頭明日照常開放。'] })], PARSER);
    assert.deepEqual(await gin(), all, 'kept for a small load');
    store.bulkWrites(false);
    await store.settled();
    // a watcher's writes (bulk, not a load) never set them aside, even into an empty archive
    const otherUrl = await fresh();
    const other = await PostgresStore.open(otherUrl);
    try {
      other.bulkWrites(true);
      await other.commit(items, PARSER);
      assert.deepEqual(await gin(otherUrl), all, 'kept while a watcher writes');
    } finally { other.bulkWrites(false); await other.close(); }
  } finally {
    await store.close();
  }
});
