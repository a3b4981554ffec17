// The comparison of one event: which claims every outlet carried, which only some, which
// only one, what each left out that most others carried, where outlets disagree on a
// number or a date, who was quoted, which names each used, the words that set each outlet
// apart, when each published (in its own time zone) and how much of each outlet's text is
// wire copy, naming the agency. Computed when the event's members change and stored.
import type { Article } from '../article.js';
import { sentenceKey } from '../dedup/lineage.js';
import { outletOffsetMinutes } from '../outlets/resolve.js';
import type { AliasTable } from '../text/aliases.js';
import type { Segmenter } from '../text/segment.js';
import { splitSentences } from '../text/sentences.js';
import { alignClaims, claimUnit, matchUnits, type ClaimUnit } from './claims.js';
import { STOP } from './features.js';
import { extractQuotes, type Quote } from './quotes.js';

export type { Quote } from './quotes.js';
export interface ClaimSentence { article: string; outlet: string; n: number; text: string }
export type Coverage = 'all' | 'some' | 'one';
export interface Claim { id: number; coverage: Coverage; outlets: string[]; members: ClaimSentence[]; discrepant: boolean }
export interface DiscrepancyRow { kind: string; values: [string, string]; a: ClaimSentence; b: ClaimSentence; claims: [number, number] }
export interface OutletSummary { outlet: string; articles: number; sentences: number; all: number[]; some: number[]; only: number[]; omitted: number[] }
export interface EntityRow { name: string; kind: 'person' | 'place' | 'organisation'; variants: string[]; outlets: Record<string, number> }
export interface TimelineEntry { article: string; title: string; at: string | null; local: string | null; precision: 'day' | 'minute' | 'second' | null }
export interface TimelineRow { outlet: string; zone: string; first: string | null; articles: TimelineEntry[] }
export interface WireRow { outlet: string; agency: string | null; share: number; sentences: number; fromWire: number; leftOut: number }

export interface Comparison {
  outlets: string[];
  claims: Claim[];
  discrepancies: DiscrepancyRow[];
  summary: OutletSummary[];
  quotes: Quote[];
  entities: EntityRow[];
  distinctive: Record<string, Array<{ word: string; z: number }>>;
  timeline: TimelineRow[];
  wire: WireRow[];
}

export interface CompareContext { segmenter: Segmenter; aliases: AliasTable; wireOutlets: ReadonlySet<string> }

/** words that are no names and say nothing of an outlet's telling (通讯社 is tagged an organisation) */
const NOT_NAMES = new Set(['通讯社', '表示', '因此', '打着', '指出', '认为', '报道', '记者', '消息', '新闻', '今天', '昨天', '当地时间']);

/** The sentences of an event's articles as claim units, in publication order. */
function unitsOf(articles: readonly Article[], ctx: CompareContext): ClaimUnit[] {
  const units: ClaimUnit[] = [];
  for (const a of articles) {
    let n = 0;
    for (const p of a.paragraphs) for (const s of splitSentences(p)) units.push(claimUnit(a.id, a.outlet.id, n++, s.text, ctx));
  }
  return units;
}

function claimsOf(articles: readonly Article[], ctx: CompareContext, outlets: readonly string[]): { claims: Claim[]; discrepancies: DiscrepancyRow[]; units: ClaimUnit[] } {
  const units = unitsOf(articles, ctx);
  const alignment = alignClaims(units);
  const sentence = (i: number): ClaimSentence => ({ article: units[i]!.article, outlet: units[i]!.outlet, n: units[i]!.n, text: units[i]!.text });
  const claimOfUnit = new Map<number, number>();
  const claims: Claim[] = alignment.claims.map((members, id) => {
    for (const m of members) if (!claimOfUnit.has(m)) claimOfUnit.set(m, id);
    const co = [...new Set(members.map((m) => units[m]!.outlet))];
    const coverage: Coverage = co.length === outlets.length && outlets.length > 1 ? 'all' : co.length > 1 ? 'some' : 'one';
    return { id, coverage, outlets: co, members: members.map(sentence), discrepant: false };
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
  return { claims, discrepancies, units };
}

/** For each outlet: the claims all carry, some carry, only it carries, and those most others carry that it leaves out. */
function summaryOf(articles: readonly Article[], claims: readonly Claim[], units: readonly ClaimUnit[], outlets: readonly string[]): OutletSummary[] {
  return outlets.map((outlet) => {
    const others = outlets.length - 1;
    const mine = claims.filter((c) => c.outlets.includes(outlet));
    return {
      outlet,
      articles: articles.filter((a) => a.outlet.id === outlet).length,
      sentences: units.filter((u) => u.outlet === outlet).length,
      all: mine.filter((c) => c.coverage === 'all').map((c) => c.id),
      some: mine.filter((c) => c.coverage === 'some').map((c) => c.id),
      only: mine.filter((c) => c.coverage === 'one').map((c) => c.id),
      // carried by at least two others and by half of the others or more
      omitted: others >= 2 ? claims.filter((c) => !c.outlets.includes(outlet) && c.outlets.length >= 2 && c.outlets.length * 2 >= others).map((c) => c.id) : [],
    };
  });
}

function extractEntities(articles: readonly Article[], ctx: CompareContext): EntityRow[] {
  const rows = new Map<string, EntityRow>();
  for (const a of articles) {
    for (const p of [a.title, ...a.paragraphs]) {
      for (const t of ctx.segmenter.tag(p)) {
        // Latin acronyms (AUKUS, NATO) name organisations and pacts
        const kind = /^[A-Z]{3,8}$/.test(t.text) ? 'organisation' : ctx.segmenter.entityKind(t);
        if (!kind || t.norm.length < 2 || NOT_NAMES.has(t.norm)) continue;
        const key = ctx.aliases.canonical(t.norm);
        let row = rows.get(key);
        if (!row) rows.set(key, (row = { name: /^[a-z]+$/.test(key) ? t.text : key, kind, variants: [], outlets: {} }));
        if (!row.variants.includes(t.text)) row.variants.push(t.text);
        row.outlets[a.outlet.id] = (row.outlets[a.outlet.id] ?? 0) + 1;
      }
    }
  }
  return [...rows.values()].sort((a, b) => Object.keys(b.outlets).length - Object.keys(a.outlets).length || total(b) - total(a));
}

const total = (r: EntityRow): number => Object.values(r.outlets).reduce((s, n) => s + n, 0);

/**
 * Words that set each outlet apart from the rest of the story: the log-odds ratio with
 * an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008), as z-scores.
 */
function distinctiveWords(articles: readonly Article[], ctx: CompareContext, top = 10): Record<string, Array<{ word: string; z: number }>> {
  const byOutlet = new Map<string, Map<string, number>>();
  const all = new Map<string, number>();
  for (const a of articles) {
    const c = byOutlet.get(a.outlet.id) ?? new Map<string, number>();
    byOutlet.set(a.outlet.id, c);
    for (const p of [a.title, ...a.paragraphs]) {
      for (const word of ctx.segmenter.words(p, 'normal')) {
        if (!/^\p{Script=Han}{2,}$/u.test(word)) continue;
        const w = ctx.aliases.canonical(word);
        if (STOP.has(w) || NOT_NAMES.has(w)) continue;
        c.set(w, (c.get(w) ?? 0) + 1);
        all.set(w, (all.get(w) ?? 0) + 1);
      }
    }
  }
  const n = [...all.values()].reduce((s, x) => s + x, 0);
  const a0 = Math.min(n, 1000); // prior strength: the story's own word distribution, scaled
  const out: Record<string, Array<{ word: string; z: number }>> = {};
  for (const [outlet, ci] of byOutlet) {
    const ni = [...ci.values()].reduce((s, x) => s + x, 0);
    const nj = n - ni;
    if (ni === 0 || nj === 0) { out[outlet] = []; continue; }
    const scored: Array<{ word: string; z: number }> = [];
    for (const [w, yi] of ci) {
      const yj = (all.get(w) ?? 0) - yi;
      const aw = (a0 * (all.get(w) ?? 0)) / n;
      const delta = Math.log((yi + aw) / (ni + a0 - yi - aw)) - Math.log((yj + aw) / (nj + a0 - yj - aw));
      const variance = 1 / (yi + aw) + 1 / (yj + aw);
      scored.push({ word: w, z: Math.round((delta / Math.sqrt(variance)) * 100) / 100 });
    }
    out[outlet] = scored.sort((x, y) => y.z - x.z).slice(0, top).filter((x) => x.z > 0);
  }
  return out;
}


const pad = (n: number): string => String(n).padStart(2, '0');

/** An instant in an outlet's own time: the wall clock its readers saw, and the zone. */
export function localTime(at: string, offsetMinutes: number): string {
  const d = new Date(Date.parse(at) + offsetMinutes * 60_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

export function zoneName(offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'UTC';
  const h = Math.floor(Math.abs(offsetMinutes) / 60), m = Math.abs(offsetMinutes) % 60;
  return `UTC${offsetMinutes < 0 ? '−' : '+'}${h}${m ? ':' + pad(m) : ''}`;
}

/** One row per outlet, in order of its first article, each article at its local time. */
function timeline(articles: readonly Article[]): TimelineRow[] {
  const rows = new Map<string, TimelineRow>();
  for (const a of articles) {
    const offset = outletOffsetMinutes(a.outlet);
    let row = rows.get(a.outlet.id);
    if (!row) rows.set(a.outlet.id, (row = { outlet: a.outlet.id, zone: zoneName(offset), first: null, articles: [] }));
    // a day-precise date is that day, with no time of day to show
    const local = a.published ? (a.published.precision === 'day' ? a.published.day : localTime(a.published.at, offset)) : null;
    row.articles.push({ article: a.id, title: a.title, at: a.published?.at ?? null, local, precision: a.published?.precision ?? null });
  }
  for (const r of rows.values()) {
    r.articles.sort((x, y) => (x.at ?? '9').localeCompare(y.at ?? '9'));
    r.first = r.articles[0]?.at ?? null;
  }
  return [...rows.values()].sort((x, y) => (x.first ?? '9').localeCompare(y.first ?? '9') || x.outlet.localeCompare(y.outlet));
}

/**
 * How much of each outlet's text is wire copy, naming the agency, and how many of the
 * wire's sentences it left out (a count: the sentences themselves are in the claims). The
 * wire text is what a wire outlet published, or what follows a wire dateline in an article.
 */
function wireShare(articles: readonly Article[], units: readonly ClaimUnit[], ctx: CompareContext): WireRow[] {
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
      const hit = isWireOutlet ? undefined : wireUnits.find((w) => w.u.article !== m.article && same(m, w.u)) ?? wireUnits.find((w) => w.u === m);
      if (hit) { fromWire++; agency ??= hit.agency; }
    }
    // what the wire said that this outlet did not carry: nothing for the agency itself
    const leftOut = isWireOutlet ? 0 : new Set(others.filter((w) => canonical.has(w) && (agency === null || w.agency === agency) && !mine.some((m) => same(m, w.u))).map((w) => sentenceKey(w.u.text))).size;
    return {
      outlet, agency, sentences: mine.length, fromWire: isWireOutlet ? mine.length : fromWire,
      share: mine.length ? Math.round(((isWireOutlet ? mine.length : fromWire) / mine.length) * 1000) / 1000 : 0, leftOut,
    };
  });
}

export function compareEvent(members: readonly Article[], ctx: CompareContext): Comparison {
  // publication order: the first telling of a claim comes first
  const articles = [...members].sort((a, b) => (a.published?.at ?? '9').localeCompare(b.published?.at ?? '9') || a.id.localeCompare(b.id));
  const rows = timeline(articles);
  const outlets = rows.map((r) => r.outlet);
  const { claims, discrepancies, units } = claimsOf(articles, ctx, outlets);
  return {
    outlets,
    claims,
    discrepancies,
    summary: summaryOf(articles, claims, units, outlets),
    quotes: extractQuotes(articles, ctx),
    entities: extractEntities(articles, ctx),
    distinctive: distinctiveWords(articles, ctx),
    timeline: rows,
    wire: wireShare(articles, units, ctx),
  };
}
