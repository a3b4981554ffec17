// How much of each outlet's text in an event is wire copy, naming the agency.
import type { Article, Instant } from '../article.js';
import { sentenceKey } from '../dedup/lineage.js';
import { matchUnits, type ClaimUnit } from './claims.js';

/**
 * Whether an article published at `carrier` could carry text of one published at `wire`:
 * not before it (a wire piece that quotes an outlet's earlier report, 香港電台今天引述…, makes
 * that outlet's sentences no wire copy). Day against day where either is known only to the
 * day; an undated side could be either.
 */
export function publishedNotBefore(carrier: Instant | null, wire: Instant | null): boolean {
  if (!carrier || !wire) return true;
  if (carrier.precision === 'day' || wire.precision === 'day') return carrier.day >= wire.day;
  return Date.parse(carrier.at) >= Date.parse(wire.at);
}

export interface WireRow { outlet: string; agency: string | null; share: number; sentences: number; fromWire: number; leftOut: number }

/**
 * How much of each outlet's text is wire copy, naming the agency, and how many of the
 * wire's sentences it left out (a count: the sentences themselves are in the claims). The
 * wire text is what a wire outlet published, or what follows a wire dateline in an article.
 */
export function wireShare(articles: readonly Article[], units: readonly ClaimUnit[], ctx: { wireOutlets: ReadonlySet<string> }): WireRow[] {
  const publishedOf = new Map(articles.map((a) => [a.id, a.published]));
  const couldCarry = (carrier: ClaimUnit, wire: ClaimUnit): boolean => publishedNotBefore(publishedOf.get(carrier.article) ?? null, publishedOf.get(wire.article) ?? null);
  const agencyOf = (a: Article): string | null => (ctx.wireOutlets.has(a.outlet.id) ? a.outlet.name : a.wire?.agency ?? null);
  const wireUnits: Array<{ u: ClaimUnit; agency: string; own: boolean }> = [];
  const unitsByArticle = new Map<string, ClaimUnit[]>();
  for (const u of units) (unitsByArticle.get(u.article) ?? unitsByArticle.set(u.article, []).get(u.article)!).push(u);
  for (const a of articles) {
    const agency = agencyOf(a);
    if (!agency) continue;
    const mine = unitsByArticle.get(a.id) ?? [];
    // after the dateline, for an article that carries the wire text after its own lead
    const from = ctx.wireOutlets.has(a.outlet.id) ? 0 : Math.max(0, mine.findIndex((u) => a.wire && u.text.includes(a.wire.text)));
    for (const u of mine.slice(from)) if (sentenceKey(u.text).length >= 8) wireUnits.push({ u, agency, own: ctx.wireOutlets.has(a.outlet.id) });
  }
  // where the agency's own article is in the event, its text is the wire text; carriers' copies may add their own lines
  const ownAgencies = new Set(wireUnits.filter((w) => w.own).map((w) => w.agency));
  const canonical = new Set(wireUnits.filter((w) => w.own || !ownAgencies.has(w.agency)));
  const same = (x: ClaimUnit, y: ClaimUnit): boolean => matchUnits(x, y, { dice: 0.7, containment: 0.85, maxRatio: 1.5, gramDice: 0.7, minWeight: 10, clauseDice: 2, clauseWeight: 1e9, discrepancyDice: 2 }).score > 0;
  const outlets = [...new Set(articles.map((a) => a.outlet.id))];
  return outlets.map((outlet) => {
    const mine = units.filter((u) => u.outlet === outlet && sentenceKey(u.text).length >= 8);
    const others = wireUnits.filter((w) => w.u.outlet !== outlet);
    const isWireOutlet = articles.some((a) => a.outlet.id === outlet && ctx.wireOutlets.has(outlet));
    let fromWire = 0;
    let agency: string | null = isWireOutlet ? articles.find((a) => a.outlet.id === outlet)!.outlet.name : null;
    for (const m of mine) {
      const hit = isWireOutlet ? undefined : wireUnits.find((w) => w.u.article !== m.article && couldCarry(m, w.u) && same(m, w.u)) ?? wireUnits.find((w) => w.u === m);
      if (hit) { fromWire++; agency ??= hit.agency; }
    }
    // what the wire said that this outlet did not carry though it published after it: nothing for the agency itself
    // the outlet's latest dated article in the event: what the wire published after it, it could not carry
    let latest: Instant | null = null;
    for (const a of articles) if (a.outlet.id === outlet && a.published && (!latest || publishedNotBefore(a.published, latest))) latest = a.published;
    const leftOut = isWireOutlet ? 0 : new Set(others.filter((w) => canonical.has(w) && (agency === null || w.agency === agency) && publishedNotBefore(latest, publishedOf.get(w.u.article) ?? null) && !mine.some((m) => same(m, w.u))).map((w) => sentenceKey(w.u.text))).size;
    return {
      outlet, agency, sentences: mine.length, fromWire: isWireOutlet ? mine.length : fromWire,
      share: mine.length ? Math.round(((isWireOutlet ? mine.length : fromWire) / mine.length) * 1000) / 1000 : 0, leftOut,
    };
  });
}
