// `pg` against `postgres` (porsager) on Parallax's PostgreSQL workload, on one server in
// one run: the bulk insert of articles with their search rows (multi-row INSERT … SELECT
// FROM unnest of arrays, in transactions of 500), and the statements of a search query mix
// (recorded from searchRids through `pg`, replayed by each client), interleaved so a
// slow minute of the shared machine hits both.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import postgres from 'postgres';
import type { Article } from '../src/article.js';
import { indexDoc } from '../src/search/index-doc.js';
import { parseQuery } from '../src/search/query.js';
import { readQuery } from '../src/search/search.js';
import { PG_SEARCH_SCHEMA, searchRids, searchVectors } from '../src/store/postgres/search.js';
import type { AliasTable } from '../src/text/aliases.js';
import type { Segmenter } from '../src/text/segment.js';

const pct = (xs: number[], p: number): number => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!; };

const ARTICLES = `CREATE TABLE articles (rid bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, id text UNIQUE NOT NULL,
  outlet_id text NOT NULL, published_at text, day text, script text NOT NULL, flagged boolean NOT NULL, doc jsonb NOT NULL)`;
const INSERT_ARTICLES = `INSERT INTO articles (id, outlet_id, published_at, day, script, flagged, doc)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bool[], $7::jsonb[]) RETURNING rid`;
const INSERT_SEARCH = `INSERT INTO search (rid, title_w, title_g, body_g, body_more, body_w, tags, tokens)
  SELECT rid, tw::tsvector, tg::tsvector, bg::tsvector, bm::tsvector, bw::tsvector, t::tsvector, n
  FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[]) AS u(rid, tw, tg, bg, bm, bw, t, n)`;

/** one client's way to run a statement with parameters and get rows */
type Run = (text: string, args: unknown[]) => Promise<Array<Record<string, unknown>>>;

async function fresh(admin: pg.Client, name: string): Promise<void> {
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
}

async function load(run: Run, articles: readonly Article[], seg: Segmenter): Promise<number> {
  await run(ARTICLES, []);
  for (const s of PG_SEARCH_SCHEMA.replace(/--[^\n]*/g, '').split(';').map((x) => x.trim()).filter(Boolean)) await run(s, []);
  const t = performance.now();
  for (let i = 0; i < articles.length; i += 500) {
    const part = articles.slice(i, i + 500);
    await run('BEGIN', []);
    const rids = (await run(INSERT_ARTICLES, [part.map((a) => a.id), part.map((a) => a.outlet.id), part.map((a) => a.published?.at ?? null),
      part.map((a) => a.published?.day ?? null), part.map((a) => a.script), part.map(() => false), part.map((a) => JSON.stringify(a))])).map((r) => String(r.rid));
    const v = part.map((a, j) => searchVectors(rids[j]!, indexDoc(a, seg)));
    await run(INSERT_SEARCH, [v.map((r) => r.rid), v.map((r) => r.titleW), v.map((r) => r.titleG), v.map((r) => r.bodyG), v.map((r) => r.bodyMore),
      v.map((r) => r.bodyW), v.map((r) => r.tags), v.map((r) => r.tokens)]);
    await run('INSERT INTO search_totals (rows, tokens) VALUES ($1, $2)', [v.length, v.reduce((n, r) => n + r.tokens, 0)]);
    await run('COMMIT', []);
  }
  return (performance.now() - t) / 1000;
}

export async function pgClientsBench(serverUrl: string, all: readonly Article[], queries: readonly string[], ctx: { segmenter: Segmenter; aliases: AliasTable }): Promise<void> {
  const articles = all.slice(0, 5000);
  const admin = new pg.Client(serverUrl);
  await admin.connect();
  const urlOf = (db: string): string => { const u = new URL(serverUrl); u.pathname = `/${db}`; return u.toString(); };
  const loads: Record<string, number[]> = { pg: [], postgres: [] };
  const searches: Record<string, number[]> = { pg: [], postgres: [] };
  try {
    // the statements of the query mix, as searchRids sends them
    await fresh(admin, 'px_clients_pg');
    const c = new pg.Client(urlOf('px_clients_pg'));
    await c.connect();
    const viaPg: Run = async (text, args) => (await c.query(text, args)).rows;
    loads.pg!.push(await load(viaPg, articles, ctx.segmenter));
    await c.query('VACUUM ANALYZE');
    const recorded: Array<Array<{ text: string; args: unknown[] }>> = [];
    const query = c.query.bind(c) as (text: string, args?: unknown[]) => Promise<pg.QueryResult>;
    for (const input of queries) {
      const statements: Array<{ text: string; args: unknown[] }> = [];
      (c as unknown as { query: unknown }).query = (text: string, args?: unknown[]) => { statements.push({ text, args: args ?? [] }); return query(text, args); };
      const q = parseQuery(input);
      if (q.outlets.length) continue;
      const { forms, words } = readQuery(q, ctx);
      await query('BEGIN');
      await searchRids(c, { query: q, forms, words, sort: 'relevance', limit: 20, offset: 0 });
      await query('COMMIT');
      (c as unknown as { query: unknown }).query = query;
      recorded.push(statements.filter((s) => !s.text.startsWith('SET LOCAL')));
    }
    await c.end();

    await fresh(admin, 'px_clients_postgres');
    const sql = postgres(urlOf('px_clients_postgres'), { max: 1, onnotice: () => {} });
    // one reserved connection, as pg's Client: BEGIN/COMMIT must go to the same one
    const reserved = await sql.reserve();
    // arrays go as typed arrays (postgres infers a plain JS array's type from its value)
    const typed = (v: unknown): unknown => !Array.isArray(v) ? v
      : reserved.array(v, v.some((x) => typeof x === 'boolean') ? 16 : v.some((x) => typeof x === 'number') ? 23 : 25);
    const viaPostgres: Run = async (text, args) => [...await reserved.unsafe(text, args.map(typed) as postgres.ParameterOrJSON<never>[])] as Array<Record<string, unknown>>;
    loads.postgres!.push(await load(viaPostgres, articles, ctx.segmenter));
    await reserved.unsafe('VACUUM ANALYZE');

    const c2 = new pg.Client(urlOf('px_clients_postgres'));
    await c2.connect();
    const runs: Record<string, Run> = {
      pg: async (text, args) => (await c2.query(text, args)).rows,
      postgres: viaPostgres,
    };
    for (let round = 0; round < 2; round++) {
      for (const statements of recorded) {
        for (const name of round === 0 ? ['pg', 'postgres'] : ['postgres', 'pg']) {
          const t = performance.now();
          await runs[name]!('BEGIN', []);
          for (const s of statements) await runs[name]!(s.text, s.args);
          await runs[name]!('COMMIT', []);
          searches[name]!.push(performance.now() - t);
        }
      }
    }
    await c2.end();
    reserved.release();
    await sql.end();
    const version = (name: string): string => (JSON.parse(readFileSync(join('node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
    console.log(`## PostgreSQL clients: pg ${version('pg')} against postgres ${version('postgres')}\n`);
    console.log(`${articles.length} articles with their search rows (batches of 500), then ${recorded.length} searches' statements (searchRids, relevance, 20 hits) replayed twice by each client, interleaved.\n`);
    console.log('| client | load s | articles/s | search p50 ms | p95 ms | p99 ms | all searches s |');
    console.log('|---|---|---|---|---|---|---|');
    for (const name of ['pg', 'postgres']) {
      const xs = searches[name]!;
      console.log(`| ${name} | ${loads[name]![0]!.toFixed(1)} | ${Math.round(articles.length / loads[name]![0]!)} | ${pct(xs, 50).toFixed(1)} | ${pct(xs, 95).toFixed(1)} | ${pct(xs, 99).toFixed(1)} | ${(xs.reduce((a, b) => a + b, 0) / 1000).toFixed(2)} |`);
    }
    console.log('');
  } finally {
    await admin.query('DROP DATABASE IF EXISTS px_clients_pg WITH (FORCE)').catch(() => {});
    await admin.query('DROP DATABASE IF EXISTS px_clients_postgres WITH (FORCE)').catch(() => {});
    await admin.end();
  }
}
