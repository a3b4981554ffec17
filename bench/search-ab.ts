// What this round's search features cost, measured so that machine load cannot decide it:
// the same queries in each setup one after the other (interleaved), two rounds, one process.
// Setups: variants + one hit per family (the default), variants with every copy listed, and
// only the hand-written alias list with every copy listed.
import type { Article } from '../src/article.js';
import { searchArchive, type SearchOptions, type TextContext } from '../src/search/search.js';
import { SqliteStore } from '../src/store/sqlite/store.js';
import { AliasTable, CORE_ALIASES } from '../src/text/aliases.js';
import { Segmenter } from '../src/text/segment.js';
import { drawQueries } from './search.js';

const pct = (xs: number[], p: number): number => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!; };

export async function searchAbBench(db: string): Promise<void> {
  const store = new SqliteStore(db);
  const seg = new Segmenter().warm();
  const articles: Article[] = [];
  for await (const a of store.allArticles()) articles.push(a);
  articles.sort((a, b) => a.id.localeCompare(b.id));
  const queries = drawQueries(articles, seg, 300);
  const full = new AliasTable();
  const setups: Array<[string, TextContext, SearchOptions]> = [
    ['variants (OpenCC + archive + hand list), one hit per family', { segmenter: seg, aliases: full }, {}],
    ['variants, every copy its own hit', { segmenter: seg, aliases: full }, { collapse: false }],
    ['hand list only, every copy its own hit', { segmenter: seg, aliases: new AliasTable([], { builtin: [CORE_ALIASES] }) }, { collapse: false }],
  ];
  for (const [, ctx, opts] of setups) for (const q of queries.slice(0, 20)) await searchArchive(store, q, { limit: 20, ...opts }, ctx);
  const times = setups.map(() => [] as number[]);
  for (let round = 0; round < 2; round++) {
    for (const q of queries) {
      for (const [k, [, ctx, opts]] of setups.entries()) {
        const t = performance.now();
        await searchArchive(store, q, { limit: 20, ...opts }, ctx);
        times[k]!.push(performance.now() - t);
      }
    }
  }
  await store.close();
  console.log(`## Search features, interleaved (${queries.length} queries × 2 rounds, ${articles.length} articles, 20 hits with snippets)\n`);
  console.log('| setup | p50 ms | p95 ms | p99 ms |');
  console.log('|---|---|---|---|');
  setups.forEach(([name], k) => console.log(`| ${name} | ${pct(times[k]!, 50).toFixed(1)} | ${pct(times[k]!, 95).toFixed(1)} | ${pct(times[k]!, 99).toFixed(1)} |`));
  console.log('');
}
