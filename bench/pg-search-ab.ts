// Two versions of src/store/postgres/search.ts `searchRids` on one PostgreSQL archive, query
// by query in alternating order in one process (so a loaded machine's swings hit both alike):
// the 300 queries of bench/search.ts drawQueries, 20 hits by relevance. The other version is
// given as a path to its search.ts (e.g. a `git worktree` of an earlier commit).
//
//   node --import tsx bench/pg-search-ab.ts archive.db postgres://…/db /path/to/old/src/store/postgres/search.ts
import pg from 'pg';
import { pathToFileURL } from 'node:url';
import { parseQuery } from '../src/search/query.js';
import { readQuery } from '../src/search/search.js';
import { searchRids } from '../src/store/postgres/search.js';
import type { SearchRequest } from '../src/store/store.js';
import { AliasTable } from '../src/text/aliases.js';
import { Segmenter } from '../src/text/segment.js';
import { benchQueries, pct } from './search.js';

const [db, url, other] = process.argv.slice(2);
if (!db || !url || !other) throw new Error('usage: bench/pg-search-ab.ts archive.db postgres://…/db OTHER/search.ts');
const old = (await import(pathToFileURL(other).href)) as { searchRids: typeof searchRids };
const seg = new Segmenter().warm();
const ctx = { segmenter: seg, aliases: new AliasTable() };
const { queries } = await benchQueries(db, seg);
const c = new pg.Client(url);
await c.connect();
const run = async (fn: typeof searchRids, req: SearchRequest): Promise<{ ms: number; total: number; ids: string }> => {
  const t = performance.now();
  await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  const r = await fn(c, req);
  await c.query('COMMIT');
  return { ms: performance.now() - t, total: r.total, ids: r.hits.map((h) => `${h.rid}:${h.score}`).join(' ') };
};
const reqs = queries.map((q): SearchRequest => { const query = parseQuery(q); const { forms, words } = readQuery(query, ctx); return { query, forms, words, sort: 'relevance', limit: 20, offset: 0 }; });
for (const r of reqs.slice(0, 20)) { await run(old.searchRids, r); await run(searchRids, r); } // warm caches
const a: number[] = [];
const b: number[] = [];
let differ = 0;
for (const [i, r] of reqs.entries()) {
  const [x, y] = i % 2 ? [await run(old.searchRids, r), await run(searchRids, r)] : await (async () => { const n = await run(searchRids, r); return [await run(old.searchRids, r), n]; })();
  a.push(x.ms); b.push(y.ms);
  if (x.total !== y.total || x.ids !== y.ids) { differ++; console.log(`differs: ${queries[i]} (${x.total} / ${y.total})`); }
}
await c.end();
console.log(`other: p50 ${pct(a, 50).toFixed(1)} p95 ${pct(a, 95).toFixed(1)} p99 ${pct(a, 99).toFixed(1)} ms, sum ${(a.reduce((n, x) => n + x, 0) / 1000).toFixed(1)} s`);
console.log(`this:  p50 ${pct(b, 50).toFixed(1)} p95 ${pct(b, 95).toFixed(1)} p99 ${pct(b, 99).toFixed(1)} ms, sum ${(b.reduce((n, x) => n + x, 0) / 1000).toFixed(1)} s`);
const ratios = a.map((x, i) => b[i]! / x);
console.log(`this/other per query: median ${pct(ratios, 50).toFixed(2)}, p10 ${pct(ratios, 10).toFixed(2)}, p90 ${pct(ratios, 90).toFixed(2)}; ${differ} of ${reqs.length} answers differ`);
