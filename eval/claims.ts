// Claim alignment and quote attribution against the hand-tagged events of eval/gold/claims:
// every sentence of every article of an event tagged with the claims it states. A pair of
// sentences of different outlets is a true pair when their claim sets meet; the system's
// pairs are those it puts in one claim. Quotes: the speaker Parallax gives each gold quote.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Article } from '../src/article.js';
import { sentenceUnits } from '../src/stories/article-text.js';
import { alignClaims, CLAIM_DEFAULTS, type ClaimOptions, type ClaimUnit, type UnitContext } from '../src/stories/claims.js';
import { extractQuotes } from '../src/stories/quote-alignment.js';
import { speakerKey } from '../src/stories/quotes.js';
import type { Store } from '../src/store/store.js';

export const sentenceHash = (text: string): string => createHash('sha1').update(text).digest('hex').slice(0, 10);

export interface ClaimGold {
  event: string;
  articles: Array<{ path: string; outlet: string }>;
  claims: Record<string, string>;
  discrepancies: Array<[string, string]>;
  quotes: Array<{ path: string; n: number; at: number; speaker: string }>;
  sentences: Array<{ path: string; n: number; h: string; claims: string[]; kind?: string }>;
}

export function loadClaimGold(dir: string): ClaimGold[] {
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as ClaimGold);
}

/** The archive's articles by their path relative to ../shared. */
export async function articlesByPath(store: Store): Promise<Map<string, Article>> {
  const out = new Map<string, Article>();
  for await (const a of store.allArticles()) {
    const p = a.source.path ?? '';
    const at = p.lastIndexOf('/shared/');
    if (at >= 0) out.set(p.slice(at + '/shared/'.length), a);
  }
  return out;
}

export interface EventUnits {
  units: ClaimUnit[];
  /** gold key path#n (the sentence's position when it was labelled) → unit index today */
  byKey: Map<string, number>;
  articles: Article[];
  /** gold sentences whose text is no longer in their article (not scored) */
  mismatched: number;
}

/**
 * The event's sentences as units, in publication order. Gold sentences are found again by
 * their text's hash within their article, so a cleaner extraction that drops a caption
 * or a credit line (shifting every later sentence) does not mis-score what follows; a
 * gold sentence whose text changed is counted as mismatched and left out.
 */
export function eventUnits(gold: ClaimGold, byPath: Map<string, Article>, ctx: UnitContext): EventUnits {
  const articles = gold.articles.map((g) => { const a = byPath.get(g.path); if (!a) throw new Error(`gold article not in the archive: ${g.path}`); return a; });
  const pathOf = new Map(gold.articles.map((g, i) => [articles[i]!.id, g.path]));
  const order = [...articles].sort((a, b) => (a.published?.at ?? '9').localeCompare(b.published?.at ?? '9') || a.id.localeCompare(b.id));
  const units: ClaimUnit[] = [];
  // per article path: sentence hash → unit indexes today, in order
  const today = new Map<string, Map<string, number[]>>();
  for (const a of order) {
    const path = pathOf.get(a.id)!;
    const byHash = new Map<string, number[]>();
    today.set(path, byHash);
    for (const u of sentenceUnits(a, ctx)) {
      const h = sentenceHash(u.text);
      (byHash.get(h) ?? byHash.set(h, []).get(h)!).push(units.length);
      units.push(u);
    }
  }
  const byKey = new Map<string, number>();
  let mismatched = 0;
  // gold sentences in their labelled order take today's occurrences of their text in order
  const taken = new Map<string, number>();
  for (const s of [...gold.sentences].sort((a, b) => a.path.localeCompare(b.path) || a.n - b.n)) {
    const at = today.get(s.path)?.get(s.h);
    const k = `${s.path}|${s.h}`;
    const i = taken.get(k) ?? 0;
    if (!at || i >= at.length) { mismatched++; continue; }
    taken.set(k, i + 1);
    byKey.set(`${s.path}#${s.n}`, at[i]!);
  }
  return { units, byKey, articles: order, mismatched };
}

export interface PairScore { goldPairs: number; systemPairs: number; truePairs: number; precision: number; recall: number }

const pairKey = (i: number, j: number): string => (i < j ? `${i}:${j}` : `${j}:${i}`);

/** The gold's claims of each of today's units that states any (unit index → claim ids). */
export function goldClaimsOf(gold: ClaimGold, ev: EventUnits): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  for (const s of gold.sentences) { const i = ev.byKey.get(`${s.path}#${s.n}`); if (i !== undefined && s.claims.length) out.set(i, new Set(s.claims)); }
  return out;
}

export function claimPairs(gold: ClaimGold, ev: EventUnits, opts: ClaimOptions = CLAIM_DEFAULTS): PairScore {
  const goldSet = new Set<string>();
  const tagged = [...goldClaimsOf(gold, ev)];
  for (let x = 0; x < tagged.length; x++) for (let y = x + 1; y < tagged.length; y++) {
    const [i, a] = tagged[x]!, [j, b] = tagged[y]!;
    if (ev.units[i]!.outlet === ev.units[j]!.outlet) continue;
    if ([...a].some((c) => b.has(c))) goldSet.add(pairKey(i, j));
  }
  const sys = new Set<string>();
  for (const claim of alignClaims(ev.units, opts).claims) for (let x = 0; x < claim.length; x++) for (let y = x + 1; y < claim.length; y++) {
    if (ev.units[claim[x]!]!.outlet !== ev.units[claim[y]!]!.outlet) sys.add(pairKey(claim[x]!, claim[y]!));
  }
  let tp = 0;
  for (const k of sys) if (goldSet.has(k)) tp++;
  return { goldPairs: goldSet.size, systemPairs: sys.size, truePairs: tp, precision: sys.size ? tp / sys.size : 1, recall: goldSet.size ? tp / goldSet.size : 1 };
}

export interface DiscrepancyScore {
  /** the gold's discrepancies that two sentences of different outlets state (one value each) */
  gold: number;
  /** of them, those Parallax reports between some such two sentences */
  found: number;
  /** Parallax's discrepancies between sentences of different outlets, and those whose sentences state a gold discrepancy's two values */
  system: number;
  right: number;
}

/**
 * Discrepancies (one fact, two values): a gold discrepancy [cA, cB] is found when Parallax
 * reports a discrepancy between a sentence stating cA and one of another outlet stating cB; a
 * reported discrepancy is right when its two sentences state the two values of a gold one.
 */
export function discrepancyScore(gold: ClaimGold, ev: EventUnits, opts: ClaimOptions = CLAIM_DEFAULTS): DiscrepancyScore {
  const claimsOf = goldClaimsOf(gold, ev);
  const states = (i: number, c: string): boolean => claimsOf.get(i)?.has(c) ?? false;
  const apart = (i: number, j: number): boolean => ev.units[i]!.outlet !== ev.units[j]!.outlet;
  const tagged = [...claimsOf.keys()];
  const reported = alignClaims(ev.units, opts).discrepancies.filter((d) => apart(d.a, d.b));
  const sameFact = (a: number, b: number, [x, y]: [string, string]): boolean => (states(a, x) && states(b, y)) || (states(a, y) && states(b, x));
  let goldCount = 0, found = 0;
  for (const pair of gold.discrepancies) {
    if (!tagged.some((i) => tagged.some((j) => apart(i, j) && states(i, pair[0]) && states(j, pair[1])))) continue;
    goldCount++;
    if (reported.some((d) => sameFact(d.a, d.b, pair))) found++;
  }
  const right = reported.filter((d) => gold.discrepancies.some((pair) => sameFact(d.a, d.b, pair))).length;
  return { gold: goldCount, found, system: reported.length, right };
}

export interface QuoteScore { gold: number; found: number; correct: number; wrong: Array<{ key: string; gold: string; system: string }> }

/** For each gold quote, the speaker Parallax gives the quotation that starts at the same place (its outlet's own). */
export function quoteSpeakers(gold: ClaimGold, ev: EventUnits, ctx: UnitContext): QuoteScore {
  const quotes = extractQuotes(ev.articles, ctx);
  const pathOf = new Map(gold.articles.map((g) => [ev.articles.find((a) => a.source.path?.endsWith('/' + g.path))?.id, g.path]));
  const sys = new Map<string, string>();
  // each outlet's own attribution (the group's majority only where the outlet names no one)
  for (const q of quotes) for (const m of q.members) sys.set(`${pathOf.get(m.article)}#${m.n}#${m.at}`, m.speaker);
  let found = 0, correct = 0;
  const wrong: QuoteScore['wrong'] = [];
  for (const g of gold.quotes) {
    if (g.speaker === 'unknown') continue;
    // the gold sentence where it is today (its text found again by hash)
    const unit = ev.byKey.get(`${g.path}#${g.n}`);
    if (unit === undefined) continue;
    const key = `${g.path}#${ev.units[unit]!.n}#${g.at}`;
    const s = sys.get(key);
    if (s === undefined) continue;
    found++;
    if (speakerKey(s, ctx) === speakerKey(g.speaker, ctx)) correct++;
    else wrong.push({ key, gold: g.speaker, system: s });
  }
  return { gold: gold.quotes.filter((q) => q.speaker !== 'unknown').length, found, correct, wrong };
}

/**
 * The half of the claim gold set that thresholds are tuned on; the rest is held out and only
 * reported. The held-out half is the same three events since the fourth session; the
 * sixteenth added four events to the tuning half.
 */
export const TUNING_EVENTS: ReadonlySet<string> = new Set([
  'lithuania-diplomats-leave-china', 'hu-xijin-retires',
  'us-tornado-outbreak', 'korea-end-of-war-declaration', 'tang-summit-video-cut', 'starbucks-wuxi-food-safety',
  'apple-daily-liquidation', 'blinken-trip-cut-short',
]);
