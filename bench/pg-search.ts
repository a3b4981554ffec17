// Search latency on a PostgreSQL archive (e.g. one bench/pg-replica.ts multiplied), with the
// 300 queries the search and scale benchmarks draw (bench/search.ts drawQueries) from the
// SQLite archive it was copied from: searchArchive with 20 hits, families and snippets, as
// bench/scale.ts measures. Prints p50/p95/p99 and the slowest queries; `--json FILE` keeps
// every query's time, total and hits (id:score) (to compare two runs query by query); `--cap N` bounds the matches
// counted and ranked at N instead of SEARCH_CAP; the number of capped queries is printed.
//
//   node --import tsx bench/pg-search.ts archive.db postgres://…/db [--json times.json] [--rounds 2] [--cap 1000]
import { writeFileSync } from 'node:fs';
import { searchArchive } from '../src/search/search.js';
import { openStore } from '../src/store/open.js';
import { AliasTable } from '../src/text/aliases.js';
import { Segmenter } from '../src/text/segment.js';
import { benchQueries, pct } from './search.js';


const args = process.argv.slice(2);
const opt = (name: string): string | undefined => { const i = args.indexOf(name); return i >= 0 ? args.splice(i, 2)[1] : undefined; };
const jsonOut = opt('--json');
const rounds = Number(opt('--rounds') ?? 1);
const capOpt = opt('--cap');
const cap = capOpt === undefined ? {} : { cap: Number(capOpt) };
const [db, url] = args;
if (!db || !url) throw new Error('usage: bench/pg-search.ts archive.db postgres://…/db [--json FILE] [--rounds N]');

const seg = new Segmenter().warm();
const ctx = { segmenter: seg, aliases: new AliasTable() };
const { queries } = await benchQueries(db, seg);

const store = await openStore(url);
for (const q of queries.slice(0, 20)) await searchArchive(store, q, { limit: 20, ...cap }, ctx); // warm caches
const times: Array<{ q: string; ms: number[]; total: number; capped: boolean; hits: string }> = queries.map((q) => ({ q, ms: [], total: 0, capped: false, hits: '' }));
for (let r = 0; r < rounds; r++) {
  for (const t of times) {
    const at = performance.now();
    const res = await searchArchive(store, t.q, { limit: 20, ...cap }, ctx);
    t.ms.push(performance.now() - at);
    t.total = res.total;
    t.hits = res.hits.map((h) => `${h.id}:${h.score}`).join(' ');
    // the result of a store without the bound has no `capped`
    t.capped = (res as { capped?: boolean }).capped === true;
  }
  const xs = times.map((t) => t.ms[r]!);
  console.log(`round ${r + 1}: ${xs.length} queries (${times.filter((t) => t.capped).length} capped), p50 ${pct(xs, 50).toFixed(1)} ms, p95 ${pct(xs, 95).toFixed(1)} ms, p99 ${pct(xs, 99).toFixed(1)} ms`);
}
await store.close();
const best = times.map((t) => Math.min(...t.ms));
if (rounds > 1) console.log(`best of ${rounds} per query: p50 ${pct(best, 50).toFixed(1)} ms, p95 ${pct(best, 95).toFixed(1)} ms, p99 ${pct(best, 99).toFixed(1)} ms`);
console.log('slowest (best of the rounds):');
for (const t of [...times].sort((a, b) => Math.min(...b.ms) - Math.min(...a.ms)).slice(0, 12)) console.log(`  ${Math.min(...t.ms).toFixed(0).padStart(6)} ms  total ${String(t.total).padStart(7)}${t.capped ? '+' : ' '}  ${t.q}`);
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(times, null, 1));
