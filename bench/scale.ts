// Past one machine, measured: a replica of N articles (the archive copied with new ids and
// dates shifted 30 days a copy, as the search benchmark does at 200,000) written into
// SQLite and into PostgreSQL in one run, each through its store's commit with the search
// index (the index documents computed once per original, as bench/search.ts does, so the
// rate is the store's writing, not parsing; timed until the store is closed, so whatever
// a store does at the end of a load — building its search indexes — counts); then the same 300 queries on both (full
// searchArchive: families, snippets, 20 hits), and the size on disk.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { Article } from '../src/article.js';
import { openStore } from '../src/store/open.js';
import { SqliteStore } from '../src/store/sqlite/store.js';
import { AliasTable } from '../src/text/aliases.js';
import { Segmenter } from '../src/text/segment.js';
import { drawQueries, latencies, pct, replicate, replicateInto } from './search.js';

const fileSize = (f: string): number => ['', '-wal'].reduce((n, s) => { try { return n + statSync(f + s).size; } catch { return n; } }, 0);

/** `db`: an imported SQLite archive; `serverUrl`: a PostgreSQL server where a database may be created */
export async function scaleBench(db: string, dir: string, serverUrl: string, target: number, stores: ReadonlyArray<'sqlite' | 'postgres'> = ['sqlite', 'postgres']): Promise<void> {
  const seg = new Segmenter().warm();
  const ctx = { segmenter: seg, aliases: new AliasTable() };
  const src = new SqliteStore(db);
  const articles: Article[] = [];
  for await (const a of src.allArticles()) articles.push(a);
  articles.sort((a, b) => a.id.localeCompare(b.id));
  const copies = Math.ceil(target / articles.length);
  const queries = drawQueries(articles, seg, 300);
  const rows: string[] = [];
  const say = (s: string): void => { process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${s}\n`); };

  // SQLite
  const file = join(dir, `scale-${target}.db`);
  let t = performance.now();
  if (stores.includes('sqlite')) {
  const n = await replicate(src, file, copies, seg);
  const sqliteImport = (performance.now() - t) / 1000;
  await src.close();
  say(`SQLite: ${n} articles in ${sqliteImport.toFixed(0)} s`);
  const sqlite = new SqliteStore(file);
  const sqliteLat = await latencies(sqlite, queries, ctx);
  await sqlite.close();
  rows.push(`| SQLite (FTS5) | ${n} | ${sqliteImport.toFixed(0)} | ${Math.round(n / sqliteImport)} | — | ${pct(sqliteLat, 50).toFixed(1)} | ${pct(sqliteLat, 95).toFixed(1)} | ${pct(sqliteLat, 99).toFixed(1)} | ${(fileSize(file) / 1048576).toFixed(0)} |`);
  say(rows.at(-1)!);
  } else await src.close();

  // PostgreSQL, a database of its own
  if (stores.includes('postgres')) {
  const name = `px_scale_${target}_${process.pid}`;
  const admin = new pg.Client(serverUrl);
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  try {
    const store = await openStore(u.toString());
    t = performance.now();
    let next = 50_000;
    const m = await replicateInto(store, articles, seg, copies, (k) => {
      if (k < next) return;
      next += 50_000;
      say(`PostgreSQL: ${k} articles, ${Math.round(k / ((performance.now() - t) / 1000))}/s`);
    });
    const written = (performance.now() - t) / 1000;
    // through close: a load into an empty archive builds the search indexes and writes its held search counts at its end (postgres/bulk-load.ts)
    await store.close();
    const pgImport = (performance.now() - t) / 1000;
    say(`PostgreSQL: rows written in ${written.toFixed(0)} s, the load's end (search indexes built, counts written) ${(pgImport - written).toFixed(0)} s`);
    // what a bulk load is followed by: the visibility map (GIN counts without reading rows) and statistics
    const c = new pg.Client(u.toString());
    await c.connect();
    t = performance.now();
    await c.query('VACUUM ANALYZE');
    const vacuum = (performance.now() - t) / 1000;
    const size = Number((await c.query<{ n: string }>('SELECT pg_database_size(current_database()) AS n')).rows[0]!.n);
    await c.end();
    say(`PostgreSQL: ${m} articles in ${pgImport.toFixed(0)} s, VACUUM ANALYZE ${vacuum.toFixed(0)} s, ${(size / 1048576).toFixed(0)} MB`);
    const pgStore = await openStore(u.toString());
    const stopped = { n: 0 };
    const pgLat = await latencies(pgStore, queries, ctx, stopped);
    await pgStore.close();
    say(`PostgreSQL search: p50 ${pct(pgLat, 50).toFixed(1)} p95 ${pct(pgLat, 95).toFixed(1)} p99 ${pct(pgLat, 99).toFixed(1)}${stopped.n ? `; ${stopped.n} of ${queries.length} stopped at the time limit (counted at the time they ran)` : ''}`);
    rows.push(`| PostgreSQL (tsvector + GIN) | ${m} | ${pgImport.toFixed(0)} | ${Math.round(m / pgImport)} | ${vacuum.toFixed(0)} | ${pct(pgLat, 50).toFixed(1)} | ${pct(pgLat, 95).toFixed(1)} | ${pct(pgLat, 99).toFixed(1)} | ${(size / 1048576).toFixed(0)} |`);
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
    await admin.end();
  }
  }
  console.log(`## Scale: a replica of ${target.toLocaleString('en')} articles in SQLite and in PostgreSQL (${copies} copies of ${articles.length} articles)\n`);
  console.log('Import: commits of 1,000 articles with the search index (index documents computed once per original). Search: 300 queries drawn from the archive (1–3 words, names, phrases, rare terms, filters), searchArchive with 20 hits, families and snippets.\n');
  console.log('| store | articles | import s | articles/s | VACUUM ANALYZE s | search p50 ms | p95 ms | p99 ms | disk MB |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
  console.log('');
}
