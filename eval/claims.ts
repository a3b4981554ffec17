// Claim alignment and quote attribution against the hand-tagged events of eval/gold/claims:
// every sentence of every article of an event tagged with the claims it states. A pair of
// sentences of different outlets is a true pair when their claim sets meet; the system's
// pairs are those it puts in one claim. Quotes: the speaker Parallax gives each gold quote.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Article } from '../src/article.js';
import { alignClaims, claimUnit, CLAIM_DEFAULTS, type ClaimOptions, type ClaimUnit, type UnitContext } from '../src/stories/claims.js';
import { extractQuotes, speakerKey } from '../src/stories/quotes.js';
import type { Store } from '../src/store/store.js';
import { splitSentences } from '../src/text/sentences.js';

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

export interface EventUnits { units: ClaimUnit[]; byKey: Map<string, number>; articles: Article[]; mismatched: number }

/** The event's sentences as units, in publication order, keyed path#n; sentences whose text changed since labelling are counted. */
export function eventUnits(gold: ClaimGold, byPath: Map<string, Article>, ctx: UnitContext): EventUnits {
  const articles = gold.articles.map((g) => { const a = byPath.get(g.path); if (!a) throw new Error(`gold article not in the archive: ${g.path}`); return a; });
  const pathOf = new Map(gold.articles.map((g, i) => [articles[i]!.id, g.path]));
  const hashes = new Map(gold.sentences.map((s) => [`${s.path}#${s.n}`, s.h]));
  const order = [...articles].sort((a, b) => (a.published?.at ?? '9').localeCompare(b.published?.at ?? '9') || a.id.localeCompare(b.id));
  const units: ClaimUnit[] = [];
  const byKey = new Map<string, number>();
  let mismatched = 0;
  for (const a of order) {
    let n = 0;
    for (const p of a.paragraphs) for (const s of splitSentences(p)) {
      const key = `${pathOf.get(a.id)}#${n}`;
      if (hashes.get(key) !== sentenceHash(s.text)) mismatched++;
      byKey.set(key, units.length);
      units.push(claimUnit(a.id, a.outlet.id, n++, s.text, ctx));
    }
  }
  return { units, byKey, articles: order, mismatched };
}

export interface PairScore { goldPairs: number; systemPairs: number; truePairs: number; precision: number; recall: number }

const pairKey = (i: number, j: number): string => (i < j ? `${i}:${j}` : `${j}:${i}`);

export function claimPairs(gold: ClaimGold, ev: EventUnits, opts: ClaimOptions = CLAIM_DEFAULTS): PairScore {
  const goldSet = new Set<string>();
  const tagged = gold.sentences.map((s) => ({ i: ev.byKey.get(`${s.path}#${s.n}`), claims: new Set(s.claims) })).filter((s) => s.i !== undefined && s.claims.size);
  for (let x = 0; x < tagged.length; x++) for (let y = x + 1; y < tagged.length; y++) {
    const a = tagged[x]!, b = tagged[y]!;
    if (ev.units[a.i!]!.outlet === ev.units[b.i!]!.outlet) continue;
    if ([...a.claims].some((c) => b.claims.has(c))) goldSet.add(pairKey(a.i!, b.i!));
  }
  const sys = new Set<string>();
  for (const claim of alignClaims(ev.units, opts).claims) for (let x = 0; x < claim.length; x++) for (let y = x + 1; y < claim.length; y++) {
    if (ev.units[claim[x]!]!.outlet !== ev.units[claim[y]!]!.outlet) sys.add(pairKey(claim[x]!, claim[y]!));
  }
  let tp = 0;
  for (const k of sys) if (goldSet.has(k)) tp++;
  return { goldPairs: goldSet.size, systemPairs: sys.size, truePairs: tp, precision: sys.size ? tp / sys.size : 1, recall: goldSet.size ? tp / goldSet.size : 1 };
}

export interface QuoteScore { gold: number; found: number; correct: number; wrong: Array<{ key: string; gold: string; system: string }> }

/** For each gold quote, the speaker Parallax gives the quote that starts at the same place. */
export function quoteSpeakers(gold: ClaimGold, ev: EventUnits, ctx: UnitContext): QuoteScore {
  const quotes = extractQuotes(ev.articles, ctx);
  const pathOf = new Map(gold.articles.map((g) => [ev.articles.find((a) => a.source.path?.endsWith('/' + g.path))?.id, g.path]));
  const sys = new Map<string, string>();
  for (const q of quotes) for (const m of q.members) sys.set(`${pathOf.get(m.article)}#${m.n}#${m.at}`, q.speaker);
  let found = 0, correct = 0;
  const wrong: QuoteScore['wrong'] = [];
  for (const g of gold.quotes) {
    if (g.speaker === 'unknown') continue;
    const key = `${g.path}#${g.n}#${g.at}`;
    const s = sys.get(key);
    if (s === undefined) continue;
    found++;
    if (speakerKey(s, ctx) === speakerKey(g.speaker, ctx)) correct++;
    else wrong.push({ key, gold: g.speaker, system: s });
  }
  return { gold: gold.quotes.filter((q) => q.speaker !== 'unknown').length, found, correct, wrong };
}

/** The half of the claim gold set that thresholds are tuned on; the rest is held out and only reported. */
export const TUNING_EVENTS: ReadonlySet<string> = new Set(['lithuania-diplomats-leave-china', 'hu-xijin-retires']);
