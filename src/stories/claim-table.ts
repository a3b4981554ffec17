// The claims of one event as the comparison shows them: the event's sentences aligned
// (claims.ts), each claim with the outlets that carry it (all, some or one), and the
// discrepancies between claims of different outlets, one per pair of claims.
import { alignClaims, type ClaimUnit } from './claims.js';

export interface ClaimSentence { article: string; outlet: string; n: number; text: string }
export type Coverage = 'all' | 'some' | 'one';
/**
 * `members`: the sentences stating the claim, those that say it most plainly first. A sentence
 * stating several facts is in a claim for each and would label each of them alike: members that
 * label no earlier claim come first, then those in fewer of the event's claims, then publication
 * order. The first is the claim's label, and each outlet's first is what that outlet said.
 */
export interface Claim { id: number; coverage: Coverage; outlets: string[]; members: ClaimSentence[]; discrepant: boolean }
export interface DiscrepancyRow { kind: string; values: [string, string]; a: ClaimSentence; b: ClaimSentence; claims: [number, number] }

/** `units`: the sentences of an event's articles as claim units (article-text.ts), in publication order */
export function claimsOf(units: readonly ClaimUnit[], outlets: readonly string[]): { claims: Claim[]; discrepancies: DiscrepancyRow[] } {
  const alignment = alignClaims(units);
  const sentence = (i: number): ClaimSentence => ({ article: units[i]!.article, outlet: units[i]!.outlet, n: units[i]!.n, text: units[i]!.text });
  const claimOfUnit = new Map<number, number>();
  const claimsOfUnit = new Map<number, number>();
  for (const members of alignment.claims) for (const m of members) claimsOfUnit.set(m, (claimsOfUnit.get(m) ?? 0) + 1);
  const labels = new Set<number>();
  const claims: Claim[] = alignment.claims.map((members, id) => {
    for (const m of members) if (!claimOfUnit.has(m)) claimOfUnit.set(m, id);
    const co = [...new Set(members.map((m) => units[m]!.outlet))];
    const coverage: Coverage = co.length === outlets.length && outlets.length > 1 ? 'all' : co.length > 1 ? 'some' : 'one';
    // a sentence that labels no earlier claim, then the one in fewest claims
    const plainest = [...members].sort((a, b) => Number(labels.has(a)) - Number(labels.has(b)) || claimsOfUnit.get(a)! - claimsOfUnit.get(b)! || a - b);
    labels.add(plainest[0]!);
    return { id, coverage, outlets: co, members: plainest.map(sentence), discrepant: false };
  });
  // one discrepancy per pair of claims, between sentences of different outlets
  const seen = new Set<string>();
  const discrepancies: DiscrepancyRow[] = [];
  for (const d of alignment.discrepancies) {
    if (units[d.a]!.outlet === units[d.b]!.outlet) continue;
    const ca = claimOfUnit.get(d.a), cb = claimOfUnit.get(d.b);
    if (ca === undefined || cb === undefined || ca === cb) continue;
    const key = ca < cb ? `${ca}:${cb}` : `${cb}:${ca}`;
    if (seen.has(key)) continue;
    seen.add(key);
    claims[ca]!.discrepant = true;
    claims[cb]!.discrepant = true;
    discrepancies.push({ kind: d.kind, values: d.values, a: sentence(d.a), b: sentence(d.b), claims: [ca, cb] });
  }
  return { claims, discrepancies };
}

