// The same remark across outlets, scripts and translations: quotes of one speaker that
// share most of their words are one quote.
import type { Article } from '../article.js';
import { claimUnit, matchUnits, type ClaimUnit, type UnitContext } from './claims.js';
import { findQuotes, speakerKey, type Found } from './quotes.js';

export interface QuoteMember { article: string; outlet: string; n: number; at: number; text: string; speaker: string }
export interface Quote { speaker: string; text: string; outlets: string[]; members: QuoteMember[] }

/**
 * Quotes across articles: the same speaker and most of the same words make one quote.
 * `given`: the articles' quotes with their units, found before (article-text.ts remembers them).
 */
export function extractQuotes(articles: readonly Article[], ctx: UnitContext, given?: ReadonlyArray<{ found: Found; unit: ClaimUnit }>): Quote[] {
  const pairs = given ?? findQuotes(articles, ctx).map((f) => ({ found: f, unit: claimUnit(f.article.id, f.article.outlet.id, f.n, f.text, ctx) }));
  const found = pairs.map((p) => p.found);
  const units = pairs.map((p) => p.unit);
  const groups: Array<{ key: string; members: number[] }> = [];
  found.forEach((f, i) => {
    const key = speakerKey(f.speaker, ctx);
    const g = groups.find((x) => x.key === key && !x.members.some((m) => found[m]!.article.id === f.article.id) &&
      matchUnits(units[x.members[0]!]!, units[i]!, { dice: 0.45, containment: 0.7, maxRatio: 3, gramDice: 0.5, minWeight: 8, clauseDice: 0.7, clauseWeight: 20, discrepancyDice: 2 }).score > 0);
    if (g) g.members.push(i);
    else groups.push({ key, members: [i] });
  });
  return groups
    .map((g) => {
      const first = found[g.members[0]!]!;
      return {
        speaker: first.speaker,
        text: first.text,
        outlets: [...new Set(g.members.map((m) => found[m]!.article.outlet.id))],
        members: g.members.map((m) => {
          const f = found[m]!;
          return { article: f.article.id, outlet: f.article.outlet.id, n: f.n, at: f.at, text: f.text, speaker: f.speaker };
        }),
      };
    })
    .sort((a, b) => b.outlets.length - a.outlets.length);
}
