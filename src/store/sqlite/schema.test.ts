// Versioned migrations of the SQLite archive: a new file gets the current layout and
// version; an archive written before versions existed (testdata: the demo archive as
// main at 8caf119 wrote it) opens, keeps everything and is stamped; older layouts are
// brought up; migrations run once; an archive from a newer Parallax is refused.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { PARSER_VERSION } from '../../import/pipeline.js';
import { searchArchive } from '../../search/search.js';
import { ctx, demoDir, demoItems } from '../contract/fixtures.js';
import { sha256Hex } from '../store.js';
import { MIGRATIONS, SCHEMA_VERSION, schemaVersion } from './schema.js';
import { SqliteStore } from './store.js';

const dir = mkdtempSync(join(tmpdir(), 'px-sqlite-schema-'));
let n = 0;
/** a fresh copy of the archive main wrote before migrations had versions */
const mainArchive = (): string => {
  const file = join(dir, `main-${++n}.db`);
  writeFileSync(file, gunzipSync(readFileSync(new URL('./testdata/archive-main-8caf119.db.gz', import.meta.url))));
  return file;
};

test('migrations are numbered 1, 2, … in order; a new archive is at the last', async () => {
  assert.deepEqual(MIGRATIONS.map((m) => m.version), MIGRATIONS.map((_, i) => i + 1));
  assert.equal(SCHEMA_VERSION, MIGRATIONS.length);
  const store = new SqliteStore(join(dir, 'new.db'));
  assert.equal(schemaVersion(store.db), SCHEMA_VERSION);
  assert.equal(await store.getMeta('schema_version'), String(SCHEMA_VERSION));
  await store.close();
});

test('an archive written by main before versioned migrations opens with everything in it, searchable without reindex', async () => {
  const file = mainArchive();
  const before = new Database(file);
  assert.equal(schemaVersion(before), 0);
  before.close();
  const store = new SqliteStore(file);
  assert.equal(schemaVersion(store.db), SCHEMA_VERSION);
  assert.equal(await store.getMeta('created-by'), 'main 8caf119');
  const stats = await store.stats();
  assert.deepEqual([stats.articles, stats.sources, stats.flagged], [9, 8, 0]);
  // raw bytes as the demo files hold them
  const wire = readFileSync(join(demoDir, '01-dongfang-wire.md'));
  assert.deepEqual(Buffer.from((await store.getRaw(sha256Hex(wire)))!), wire);
  assert.equal((await store.getArticle('4d332cf58f30f605'))!.title, '晴川跨海大桥正式通车');
  assert.deepEqual(await store.allLineage(), [{ from: '39f0f336fbd6b500', to: '4d332cf58f30f605', kind: 'duplicate-of', score: 0.97 }]);
  assert.deepEqual((await store.watch.listSources('2031-10-14T01:00:00.000Z')).map((s) => s.url), ['https://news.harbour.example/feed.atom']);
  assert.equal((await store.pendingAnalysis()).length, 9);
  assert.equal((await searchArchive(store, '跨海大桥', { collapse: false }, ctx)).total, 9);
  // the same files committed again (the archive holds them under demo/…): every article unchanged
  const items = demoItems();
  assert.deepEqual(await store.commit(items, PARSER_VERSION), items.map((i) => i.articles.map(() => 'unchanged')));
  assert.equal((await store.knownSource('file||demo/05-harbour-feed.atom'))!.parser, PARSER_VERSION);
  await store.close();
});

test('older layouts are brought up: the stories tables go; migrations then run once', async () => {
  const file = mainArchive();
  const db = new Database(file);
  db.exec('CREATE TABLE stories (id TEXT PRIMARY KEY, doc TEXT); CREATE TABLE story_members (article_id TEXT, story_id TEXT)');
  db.close();
  const store = new SqliteStore(file);
  const tables = (s: SqliteStore): string[] => (s.db.prepare("SELECT name FROM sqlite_schema WHERE name LIKE 'stor%'").pluck().all() as string[]).sort();
  assert.deepEqual(tables(store), []);
  // a table no migration makes, left by hand after the archive is current: opening again runs no step
  store.db.exec('CREATE TABLE stories (id TEXT PRIMARY KEY)');
  await store.close();
  const again = new SqliteStore(file);
  assert.deepEqual(tables(again), ['stories']);
  await again.close();
});

test('an archive from a newer Parallax is refused with a clear message, and left as it was', async () => {
  const file = join(dir, 'newer.db');
  const store = new SqliteStore(file);
  await store.setMeta('schema_version', String(SCHEMA_VERSION + 7));
  await store.close();
  assert.throws(() => new SqliteStore(file), new RegExp(`newer Parallax \\(schema version ${SCHEMA_VERSION + 7}; this one knows up to ${SCHEMA_VERSION}\\)`));
  const db = new Database(file);
  assert.equal(schemaVersion(db), SCHEMA_VERSION + 7);
  db.close();
});

test('events and threads are indexed in their lists\' order: a list\'s count and first page read the index alone, in a new archive and an old one brought up', async () => {
  for (const file of [join(dir, 'rank-new.db'), mainArchive()]) {
    const store = new SqliteStore(file);
    const plan = (sql: string): string => (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ min: 2, minEvents: 1, limit: 50, offset: 0 }) as Array<{ detail: string }>).map((r) => r.detail).join('; ');
    // the statements of SqliteEvents.page for the lists' default filters and order
    assert.match(plan('SELECT count(*) AS n FROM events WHERE outlets >= @min'), /COVERING INDEX events_rank/);
    assert.match(plan('SELECT count(*) AS n FROM threads WHERE outlets >= @min AND events >= @minEvents'), /COVERING INDEX threads_rank/);
    const first = plan('SELECT doc FROM events WHERE outlets >= @min ORDER BY outlets DESC, articles DESC, last_at DESC, id LIMIT @limit OFFSET @offset');
    assert.match(first, /INDEX events_rank/);
    assert.doesNotMatch(first, /TEMP B-TREE/);
    await store.close();
  }
});
