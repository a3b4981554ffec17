// How the PostgreSQL store writes a batch of articles: one INSERT … SELECT FROM unnest(…)
// (what commit() does) against COPY into a staging table and INSERT … SELECT from it (what
// COPY would cost in the commit path, which needs the generated rids back), on real
// article documents of an archive. Usage:
//   node --import tsx bench/pg-article-writes.ts postgres://…/archive [batch=500] [rounds=6]
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const [url, batchArg, roundsArg] = process.argv.slice(2);
if (!url) throw new Error('usage: bench/pg-article-writes.ts postgres://…/archive [batch] [rounds]');
const batch = Number(batchArg ?? 500);
const rounds = Number(roundsArg ?? 6);
const c = new pg.Client(url);
await c.connect();
const docs = (await c.query<{ doc: string }>('SELECT doc::text AS doc FROM articles ORDER BY rid LIMIT $1', [batch * rounds])).rows.map((r) => r.doc);
const COLS = 'id, outlet_id, month, published_at, day, title, script, flagged, content_hash, version, source_key, doc';
await c.query(`CREATE TEMP TABLE bench_articles (rid bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, id text COLLATE "C" UNIQUE NOT NULL,
  outlet_id text NOT NULL, month text NOT NULL, published_at text, day text, title text NOT NULL, script text NOT NULL, flagged boolean NOT NULL,
  content_hash text NOT NULL, version integer NOT NULL, source_key text NOT NULL, doc jsonb NOT NULL)`);
await c.query('CREATE INDEX ON bench_articles(outlet_id, published_at); CREATE INDEX ON bench_articles(published_at); CREATE INDEX ON bench_articles(day)');

const rowsOf = (part: string[], r: number) => part.map((d, i) => ({ id: `${r}-${i}-${Math.random()}`, d }));
const escape = (s: string) => s.replace(/[\\\n\r\t]/g, (ch) => (ch === '\\' ? '\\\\' : ch === '\n' ? '\\n' : ch === '\r' ? '\\r' : '\\t'));

async function viaUnnest(part: string[], r: number): Promise<number> {
  const rows = rowsOf(part, r);
  const res = await c.query(`INSERT INTO bench_articles (${COLS}) SELECT u.id, 'o', '2031-10', '2031-10-14T00:00:00Z', u.d->'published'->>'day', 't', 'hans', false, 'h', 1, 'k', u.d
    FROM (SELECT id, doc::jsonb AS d FROM unnest($1::text[], $2::text[]) AS x(id, doc)) u RETURNING rid`, [rows.map((x) => x.id), rows.map((x) => x.d)]);
  return res.rowCount ?? 0;
}

async function viaCopy(part: string[], r: number): Promise<number> {
  const rows = rowsOf(part, r);
  await c.query('CREATE TEMP TABLE IF NOT EXISTS bench_stage (id text, doc text) ON COMMIT DELETE ROWS');
  await pipeline(Readable.from(rows.map((x) => `${escape(x.id)}\t${escape(x.d)}\n`)), c.query(copyFrom('COPY bench_stage (id, doc) FROM STDIN')));
  const res = await c.query(`INSERT INTO bench_articles (${COLS}) SELECT u.id, 'o', '2031-10', '2031-10-14T00:00:00Z', u.d->'published'->>'day', 't', 'hans', false, 'h', 1, 'k', u.d
    FROM (SELECT id, doc::jsonb AS d FROM bench_stage) u RETURNING rid`);
  return res.rowCount ?? 0;
}

const results: Record<string, number[]> = { unnest: [], copy: [] };
for (let r = 0; r < rounds; r++) {
  const part = docs.slice(r * batch, (r + 1) * batch);
  for (const [name, f] of (r % 2 ? [['copy', viaCopy], ['unnest', viaUnnest]] : [['unnest', viaUnnest], ['copy', viaCopy]]) as Array<[string, typeof viaCopy]>) {
    await c.query('BEGIN');
    const t = performance.now();
    await f(part, r);
    results[name]!.push(performance.now() - t);
    await c.query('COMMIT');
  }
}
const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d), 0) / docs.length;
for (const [name, ms] of Object.entries(results)) {
  const sorted = [...ms].sort((a, b) => a - b);
  process.stdout.write(`${name.padEnd(7)} ${batch} articles (${Math.round(bytes)} B of JSON each): median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} ms a batch, ${(batch / sorted[Math.floor(sorted.length / 2)]! * 1000).toFixed(0)} articles/s\n`);
}
await c.end();
