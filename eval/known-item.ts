// Known-item search across scripts: for random articles, a distinctive 8–12 character
// span of the body, converted to the other script, must bring the article into the top 3.
import type { Article } from '../src/article.js';
import { searchArchive, type TextContext } from '../src/search/search.js';
import type { Store } from '../src/store/store.js';
import { normalizeText } from '../src/text/normalize.js';
import { toSimplified, toTraditional } from '../src/text/script.js';

/** a small seeded generator, so that every run draws the same sample */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (s + 0x6d2b79f5) >>> 0; let t = s; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
}

export interface KnownItemResult { queries: number; top3: number; top1: number; hitRate: number; misses: Array<{ id: string; query: string; rank: number }> }

export async function knownItem(store: Store, ctx: TextContext, n = 500, seed = 42): Promise<KnownItemResult> {
  const articles: Article[] = [];
  for await (const a of store.allArticles()) if (a.paragraphs.join('').length > 80) articles.push(a);
  articles.sort((a, b) => a.id.localeCompare(b.id));
  const norms = articles.map((a) => normalizeText(a.paragraphs.join('\n')));
  const rand = rng(seed);
  let top3 = 0, top1 = 0, queries = 0;
  const misses: KnownItemResult['misses'] = [];
  for (let tries = 0; queries < n && tries < n * 20; tries++) {
    const i = Math.floor(rand() * articles.length);
    const a = articles[i]!;
    const p = a.paragraphs[Math.floor(rand() * a.paragraphs.length)]!;
    const len = 8 + Math.floor(rand() * 5);
    if (p.length < len + 2) continue;
    const at = Math.floor(rand() * (p.length - len));
    const span = p.slice(at, at + len);
    if ((span.match(/\p{Script=Han}/gu)?.length ?? 0) < len - 2 || /[\s\n]/.test(span)) continue;
    // distinctive: at most three articles of the archive carry it
    const key = normalizeText(span);
    let carriers = 0;
    for (const t of norms) if (t.includes(key) && ++carriers > 3) break;
    if (carriers > 3) continue;
    const query = a.script === 'hant' ? toSimplified(span) : toTraditional(span);
    queries++;
    const r = await searchArchive(store, query.replace(/["“”「」\-:]/g, ' '), { limit: 3 }, ctx);
    // a copy folded into a hit of its family (lineage) is found with it, listed under it
    const rank = r.hits.findIndex((h) => h.id === a.id || (h.copies ?? []).some((c) => c.id === a.id));
    if (rank >= 0) top3++;
    if (rank === 0) top1++;
    else if (rank < 0 && misses.length < 10) misses.push({ id: a.id, query, rank });
  }
  return { queries, top3, top1, hitRate: top3 / Math.max(1, queries), misses };
}
