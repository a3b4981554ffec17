// The same remark across outlets, scripts and translations: quotations that share most of
// their words, in different articles, are one quote. Its speaker is the one most of its
// outlets name (the first named on a tie), shown as the quote's; each member keeps the
// speaker its own outlet gave (an outlet that quotes it without saying whose it is is told by
// the others, and says so: `own` false), and the quote lists the other speakers outlets gave it
// (`alsoGivenTo`), so a page can show where outlets differ. Quotations of different speakers
// are one quote only when their words agree closely.
import type { Article } from '../article.js';
import { claimUnit, matchUnits, type ClaimOptions, type ClaimUnit, type UnitContext } from './claims.js';
import { findQuotations, speakerKey, type Quoted } from './quotes.js';

/** one outlet's quotation: `speaker` is the one its own article names (`own`), else the quote's majority speaker */
export interface QuoteMember { article: string; outlet: string; n: number; at: number; text: string; speaker: string; own: boolean }
/** `speaker`: the one most outlets name; `alsoGivenTo`: the others some outlet gives it to, each with those outlets */
export interface Quote { speaker: string; text: string; outlets: string[]; members: QuoteMember[]; alsoGivenTo: Array<{ speaker: string; outlets: string[] }> }

/** one remark in other words or another script, by one speaker */
const SAME_REMARK: ClaimOptions = { dice: 0.45, containment: 0.7, maxRatio: 3, gramDice: 0.5, minWeight: 8, clauseDice: 0.7, clauseWeight: 20, discrepancyDice: 2 };
/** one remark whatever the outlets say of who made it: most of the words of both */
const SAME_WORDS: ClaimOptions = { dice: 0.7, containment: 0.9, maxRatio: 1.5, gramDice: 0.7, minWeight: 8, clauseDice: 2, clauseWeight: 1e9, discrepancyDice: 2 };

/**
 * Quotes across articles: most of the same words make one quote; its speaker by the outlets' majority.
 * `given`: the articles' quotations with their units, found before (article-text.ts remembers them).
 */
export function extractQuotes(articles: readonly Article[], ctx: UnitContext, given?: ReadonlyArray<{ found: Quoted; unit: ClaimUnit }>): Quote[] {
  const pairs = given ?? findQuotations(articles, ctx).map((f) => ({ found: f, unit: claimUnit(f.article.id, f.article.outlet.id, f.n, f.text, ctx) }));
  const found = pairs.map((p) => p.found);
  const units = pairs.map((p) => p.unit);
  const keys = found.map((f) => (f.speaker === null ? null : speakerKey(f.speaker, ctx)));
  const groups: number[][] = [];
  found.forEach((f, i) => {
    const g = groups.find((members) => !members.some((m) => found[m]!.article.id === f.article.id) && members.some((m) => {
      const same = keys[m] !== null && keys[m] === keys[i];
      return matchUnits(units[m]!, units[i]!, same ? SAME_REMARK : SAME_WORDS).score > 0;
    }) && members.every((m) => keys[m] === null || keys[i] === null || keys[m] === keys[i] || matchUnits(units[m]!, units[i]!, SAME_WORDS).score > 0));
    if (g) g.push(i);
    else groups.push([i]);
  });
  const quotes: Quote[] = [];
  for (const members of groups) {
    // the speaker most outlets name; on a tie the first named
    const votes = new Map<string, { n: number; name: string }>();
    for (const m of members) {
      const k = keys[m];
      if (k === null) continue;
      const v = votes.get(k);
      if (v) v.n++;
      else votes.set(k, { n: 1, name: found[m]!.speaker! });
    }
    if (!votes.size) continue;
    const speaker = [...votes.values()].reduce((a, b) => (b.n > a.n ? b : a)).name;
    const majority = speakerKey(speaker, ctx);
    const others = new Map<string, { speaker: string; outlets: string[] }>();
    for (const m of members) {
      const k = keys[m];
      if (k === null || k === majority) continue;
      const o = others.get(k) ?? others.set(k, { speaker: found[m]!.speaker!, outlets: [] }).get(k)!;
      if (!o.outlets.includes(found[m]!.article.outlet.id)) o.outlets.push(found[m]!.article.outlet.id);
    }
    const first = found[members[0]!]!;
    quotes.push({
      speaker,
      text: first.text,
      outlets: [...new Set(members.map((m) => found[m]!.article.outlet.id))],
      members: members.map((m) => {
        const f = found[m]!;
        return { article: f.article.id, outlet: f.article.outlet.id, n: f.n, at: f.at, text: f.text, speaker: f.speaker ?? speaker, own: f.speaker !== null };
      }),
      alsoGivenTo: [...others.values()],
    });
  }
  return quotes.sort((a, b) => b.outlets.length - a.outlets.length);
}
