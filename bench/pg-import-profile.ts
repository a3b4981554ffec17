// Where the time of a PostgreSQL import goes, on ../shared/corpus/multi-outlet (or the
// folder given): (1) reading + parsing without and with the search index (segmentation
// and tokens), on this thread; (2) the whole `importSources` into a fresh database with
// every statement's round trip timed by what it writes; (3) the same import with the
// search table's GIN indexes dropped, and with the articles' queue triggers disabled
// (what each costs); (4) the same import into SQLite beside it.
// Usage: node --import tsx bench/pg-import-profile.ts [folder]   (PARALLAX_BENCH_PG=postgres://… or a throwaway cluster)
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { parseFile } from '../src/import/parse.js';
import { importSources } from '../src/import/pipeline.js';
import { PostgresStore } from '../src/store/postgres/store.js';
import { SqliteStore } from '../src/store/sqlite/store.js';
import { segmenter } from '../src/text/segment.js';
import { sharedPath } from '../test/shared.js';
// @ts-expect-error an untyped .mjs helper of the tests
import { startCluster } from '../test/postgres-cluster.mjs';

const folder = process.argv[2] ?? sharedPath('corpus/multi-outlet');
if (!folder) throw new Error('no ../shared/corpus/multi-outlet: name a folder');
const files = (function walk(d: string): string[] {
  return readdirSync(d).flatMap((n) => { const p = join(d, n); return statSync(p).isDirectory() ? walk(p) : [p]; });
})(folder);

const ms = (t: number): string => `${Math.round(t)} ms`;

// (1) parsing on this thread
{
  let t = performance.now();
  const bytes = files.map((f) => readFileSync(f));
  const read = performance.now() - t;
  // once to warm up (readers loaded, code compiled), then timed
  for (let i = 0; i < Math.min(200, files.length); i++) parseFile({ location: { kind: 'file', path: files[i]! }, bytes: bytes[i]!, pathHint: files[i]! }, { segmenter: undefined });
  t = performance.now();
  let articles = 0;
  for (let i = 0; i < files.length; i++) articles += parseFile({ location: { kind: 'file', path: files[i]! }, bytes: bytes[i]!, pathHint: files[i]! }, { segmenter: undefined }).articles.length;
  const plain = performance.now() - t;
  const seg = segmenter([]);
  t = performance.now();
  for (let i = 0; i < files.length; i++) parseFile({ location: { kind: 'file', path: files[i]! }, bytes: bytes[i]!, pathHint: files[i]! }, { segmenter: seg });
  const indexed = performance.now() - t;
  console.log(`${files.length} files, ${articles} articles`);
  console.log(`read ${ms(read)}; parse ${ms(plain)}; parse + search tokens (segmentation) ${ms(indexed)} (tokens alone ${ms(indexed - plain)}) — one thread`);
}

// every statement's round trip, by what it does
const byStatement = new Map<string, { n: number; ms: number }>();
const query = pg.Client.prototype.query as (...a: unknown[]) => unknown;
pg.Client.prototype.query = function timed(this: pg.Client, ...args: unknown[]) {
  const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string })?.text ?? '';
  const label = (/^\s*(INSERT INTO \w+|UPDATE \w+|DELETE FROM \w+|WITH \w+|SELECT pg_advisory_xact_lock|SET LOCAL|BEGIN|COMMIT|SELECT [\w, ]+ FROM \w+)/i.exec(text)?.[1] ?? text.trim().slice(0, 30)).replace(/\s+/g, ' ');
  const t = performance.now();
  const callback = args.findIndex((x) => typeof x === 'function');
  if (callback >= 0) {
    // the pool's own query() passes a callback
    const done = args[callback] as (...r: unknown[]) => void;
    args[callback] = (...r: unknown[]) => {
      const s = byStatement.get(label) ?? { n: 0, ms: 0 };
      s.n++; s.ms += performance.now() - t;
      byStatement.set(label, s);
      done(...r);
    };
    return query.apply(this, args);
  }
  const out = query.apply(this, args);
  if (out instanceof Promise) {
    void out.then(() => {
      const s = byStatement.get(label) ?? { n: 0, ms: 0 };
      s.n++; s.ms += performance.now() - t;
      byStatement.set(label, s);
    }, () => undefined);
  }
  return out;
} as typeof pg.Client.prototype.query;

const cluster = process.env.PARALLAX_BENCH_PG ? null : await startCluster() as { url: string; stop: () => void };
const server = process.env.PARALLAX_BENCH_PG ?? cluster!.url;
let n = 0;
async function fresh(): Promise<string> {
  const name = `profile_${process.pid}_${n++}`;
  const c = new pg.Client(server);
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const u = new URL(server);
  u.pathname = `/${name}`;
  return u.toString();
}

async function pgImport(label: string, prepare?: (c: pg.Client) => Promise<void>): Promise<number> {
  const url = await fresh();
  const store = await PostgresStore.open(url, { create: true });
  if (prepare) {
    const c = new pg.Client(url);
    await c.connect();
    await prepare(c);
    await c.end();
  }
  byStatement.clear();
  const started = performance.now();
  const r = await importSources(store, [folder]);
  // the import's own seconds end before the search indexes are built again (a load into an empty archive sets them aside)
  await store.settled();
  const whole = (performance.now() - started) / 1000;
  console.log(`PostgreSQL, ${label}: ${r.articles.added} articles in ${r.seconds.toFixed(2)} s, ${whole.toFixed(2)} s with the index built (${Math.round(r.articles.added / whole)}/s)`);
  if (!prepare) {
    const rows = [...byStatement].sort((x, y) => y[1].ms - x[1].ms);
    console.log(`  statements' round trips (overlap with parsing in the worker): ${ms(rows.reduce((t, [, v]) => t + v.ms, 0))}`);
    for (const [k, v] of rows.slice(0, 14)) console.log(`    ${k.padEnd(52)} ${String(v.n).padStart(5)}×  ${ms(v.ms).padStart(9)}`);
    byStatement.clear();
    // the same folder again: every file known and unchanged (what a rerun on a grown folder mostly is)
    const again = await importSources(store, [folder]);
    console.log(`  imported again: ${again.articles.unchanged} unchanged in ${again.seconds.toFixed(2)} s; ${[...byStatement.values()].reduce((t, v) => t + v.n, 0)} statements`);
  }
  await store.close();
  return r.seconds;
}

try {
  await pgImport('as shipped');
  await pgImport('search GIN indexes dropped', async (c) => {
    for (const r of (await c.query<{ name: string }>("SELECT indexname AS name FROM pg_indexes WHERE tablename = 'search' AND indexdef LIKE '%USING gin%'")).rows) await c.query(`DROP INDEX ${r.name}`);
  });
  await pgImport('articles triggers disabled', async (c) => { await c.query('ALTER TABLE articles DISABLE TRIGGER USER'); });
  await pgImport('as shipped, again');
  const dir = mkdtempSync(join(tmpdir(), 'px-profile-'));
  const lite = new SqliteStore(join(dir, 'p.db'));
  const r = await importSources(lite, [folder]);
  await lite.close();
  rmSync(dir, { recursive: true, force: true });
  console.log(`SQLite: ${r.articles.added} articles in ${r.seconds.toFixed(2)} s (${Math.round(r.articles.added / r.seconds)}/s)`);
} finally {
  cluster?.stop();
}
