// Analysis of the archive after imports: lineage between articles, what a wire dateline
// says of texts that do not name their outlet, events and threads, and the comparison of
// every event whose members changed (stored, so that no request computes one). Runs when
// the set of articles changed since the last run (or when forced); articles already placed
// in an event stay in it.
import { createHash } from 'node:crypto';
import type { Article, Instant } from '../article.js';
import { computeLineage, lineageInput, type LineageEdge } from '../dedup/lineage.js';
import { outletEntry, resolveOutlet } from '../outlets/resolve.js';
import { OUTLETS } from '../outlets/table.js';
import type { EventMember, EventRecord, EventRole, Store, ThreadRecord } from '../store/store.js';
import type { AliasTable } from '../text/aliases.js';
import { toSimplified, toTraditional } from '../text/script.js';
import type { Segmenter } from '../text/segment.js';
import { compareEvent } from './compare.js';
import { articleWords, cosine, idfTable, tfidf, type Vector } from './features.js';
import { GROUP_DEFAULTS, groupEvents, type GroupOptions } from './group.js';

export const WIRE_OUTLETS: ReadonlySet<string> = new Set(OUTLETS.filter((o) => o.wire).map((o) => o.id));
const STAMP = 'analysis-stamp';
/** bump when grouping changes meaning: placements made by an older version (or other thresholds) are dropped */
const GROUPING_VERSION = `events-2/${createHash('sha1').update(JSON.stringify(GROUP_DEFAULTS)).digest('hex').slice(0, 8)}`;

export interface AnalysisContext { segmenter: Segmenter; aliases: AliasTable }
export interface AnalysisReport { ran: boolean; articles: number; lineage: number; events: number; multiOutlet: number; threads: number; comparisons: number; seconds: number }
/** progress of a long run: a step's name, how far it is, of how many */
export type Progress = (step: string, done: number, total: number) => void;

const COMMENTARY = /評論|评论|社評|社评|社論|社论|觀點|观点|專欄|专栏|評析|评析|opinion|editorial|blogger|投書|投书|時評|时评/i;
const PREVIEW = /(將|将|即將|即将|擬|拟|預計|预计|計劃|计划)(於|于|在)?.{0,12}(舉行|举行|會晤|会晤|會談|会谈|出席|訪問|访问|召開|召开|通話|通话)/;

function roleOf(a: Article, edges: readonly LineageEdge[], members: ReadonlySet<string>): EventRole {
  const out = edges.filter((e) => e.from === a.id && members.has(e.to));
  if (out.some((e) => e.kind === 'reprint-of' || e.kind === 'duplicate-of')) return 'reprint';
  if (out.some((e) => e.kind === 'update-of')) return 'update';
  if (COMMENTARY.test([a.title, ...a.categories, ...a.tags].join(' '))) return 'commentary';
  if (PREVIEW.test(a.title)) return 'preview';
  return 'report';
}

/**
 * A text that names no outlet and no date (a word-segmented wire text, say) but whose text
 * another article carries under a wire dateline (新华社北京12月15日电) is that agency's, of
 * that day: the year is the carrying article's.
 */
export function wireAttribution(a: Article, edges: readonly LineageEdge[], byId: ReadonlyMap<string, Article>): { outlet: Article['outlet']; published: Instant | null } | null {
  if (outletEntry(a.outlet.id)) return null;
  for (const e of edges) {
    const other = byId.get(e.from === a.id ? e.to : e.to === a.id ? e.from : '');
    const wire = other?.wire;
    if (!other || !wire) continue;
    const agency = outletEntry(wire.agency);
    if (!agency?.wire) continue;
    const outlet = resolveOutlet({ id: agency.id });
    let published = a.published;
    const md = /^(\d{2})-(\d{2})$/.exec(wire.day);
    if (!published && md && other.published) {
      const year = Number(other.published.day.slice(0, 4)) - (other.published.day.slice(5, 7) < md[1]! ? 1 : 0);
      const day = `${year}-${md[1]}-${md[2]}`;
      published = { at: new Date(Date.parse(`${day}T00:00:00+08:00`)).toISOString(), precision: 'day', day, original: wire.text };
    }
    return { outlet, published };
  }
  return null;
}

const membersHash = (ids: readonly string[]): string => createHash('sha1').update([...ids].sort().join(',')).digest('hex').slice(0, 16);

function labelOf(title: string): { hans: string; hant: string } {
  return { hans: toSimplified(title), hant: toTraditional(title) };
}

/** `regroup` forgets earlier placements and groups every article afresh. */
export async function analyzeArchive(store: Store, ctx: AnalysisContext, opts: GroupOptions & { force?: boolean; regroup?: boolean; progress?: Progress } = {}): Promise<AnalysisReport> {
  const started = performance.now();
  const progress = opts.progress ?? (() => undefined);
  const stamp = `${GROUPING_VERSION}:${await store.articlesStamp()}`;
  if (!opts.force && !opts.regroup && (await store.getMeta(STAMP)) === stamp) {
    return { ran: false, articles: 0, lineage: 0, events: 0, multiOutlet: 0, threads: 0, comparisons: 0, seconds: 0 };
  }
  const regroup = opts.regroup || !(await store.getMeta(STAMP))?.startsWith(GROUPING_VERSION + ':');
  const articles: Article[] = [];
  for await (const a of store.allArticles()) articles.push(a);
  articles.sort((a, b) => a.id.localeCompare(b.id));
  progress('lineage', 0, articles.length);

  const edges = computeLineage(articles.map((a) => lineageInput(a, WIRE_OUTLETS)));
  await store.replaceLineage(edges);
  const byId = new Map(articles.map((a) => [a.id, a]));
  for (const [i, a] of articles.entries()) {
    const attributed = wireAttribution(a, edges, byId);
    if (!attributed) continue;
    await store.attributeArticle(a.id, attributed.outlet, attributed.published);
    articles[i] = { ...a, outlet: attributed.outlet, published: attributed.published };
    byId.set(a.id, articles[i]!);
  }

  // an undated text is placed at the time of a dated article it shares text with
  const timeOf = (a: Article): number | null => {
    if (a.published) return Date.parse(a.published.at);
    for (const e of edges) {
      const other = e.from === a.id ? byId.get(e.to) : e.to === a.id ? byId.get(e.from) : undefined;
      if (other?.published) return Date.parse(other.published.at);
    }
    return null;
  };
  const words: Array<Map<string, number>> = [];
  for (const [i, a] of articles.entries()) {
    words.push(articleWords(a, ctx.segmenter, ctx.aliases));
    if (i % 500 === 0) progress('features', i, articles.length);
  }
  const idf = idfTable(words);
  const vectors = words.map((w) => tfidf(w, idf));
  const items = articles.flatMap((a, i) => {
    const at = timeOf(a);
    return at === null ? [] : [{ id: a.id, at, vector: vectors[i]! }];
  });
  progress('grouping', 0, items.length);
  const grouped = groupEvents(items, regroup ? new Map() : await store.eventPlacements(), regroup ? new Map() : await store.threadPlacements(), opts);
  const vectorOf = new Map(articles.map((a, i) => [a.id, vectors[i]!]));
  const atOf = (a: Article): string | null => a.published?.at ?? (timeOf(a) === null ? null : new Date(timeOf(a)!).toISOString());

  /** the title of the member closest to the centre, among first-hand reports */
  const central = (ids: readonly string[], centroid: Map<string, number>, n: number): Article => {
    const c: Vector = new Map([...centroid].map(([w, v]) => [w, v / n]));
    return ids.map((id) => byId.get(id)!).sort((x, y) => cosine(vectorOf.get(y.id)!, c) - cosine(vectorOf.get(x.id)!, c) || x.id.localeCompare(y.id))[0]!;
  };
  const keywordsOf = (centroid: Map<string, number>): string[] => [...centroid].sort((x, y) => y[1] - x[1]).slice(0, 8).map(([w]) => w);

  const events: EventRecord[] = grouped.events.map((d) => {
    const memberIds = new Set(d.members.map((m) => m.id));
    const members: EventMember[] = d.members.map((m) => {
      const a = byId.get(m.id)!;
      return { article: a.id, outlet: a.outlet.id, role: roleOf(a, edges, memberIds), similarity: m.similarity, published: atOf(a), why: m.why };
    });
    members.sort((x, y) => (x.published ?? '9').localeCompare(y.published ?? '9') || x.article.localeCompare(y.article));
    const firstHand = members.filter((m) => m.role !== 'reprint').map((m) => m.article);
    const head = central(firstHand.length ? firstHand : members.map((m) => m.article), d.centroid, d.members.length);
    return {
      id: d.id, thread: d.thread, label: labelOf(head.title), keywords: keywordsOf(d.centroid),
      first: members.find((m) => m.published)?.published ?? null,
      last: [...members].reverse().find((m) => m.published)?.published ?? null,
      outlets: [...new Set(members.map((m) => m.outlet))],
      members,
    };
  });
  const eventById = new Map(events.map((e) => [e.id, e]));
  const threads: ThreadRecord[] = grouped.threads.map((t) => {
    const evs = t.events.map((id) => eventById.get(id)!).sort((x, y) => (x.first ?? '9').localeCompare(y.first ?? '9') || x.id.localeCompare(y.id));
    const biggest = [...evs].sort((x, y) => y.outlets.length - x.outlets.length || y.members.length - x.members.length || x.id.localeCompare(y.id))[0]!;
    return {
      id: t.id, label: biggest.label, keywords: keywordsOf(t.centroid),
      first: evs.find((e) => e.first)?.first ?? null, last: [...evs].reverse().find((e) => e.last)?.last ?? null,
      events: evs.map((e) => e.id), outlets: [...new Set(evs.flatMap((e) => e.outlets))], articles: evs.reduce((s, e) => s + e.members.length, 0),
    };
  });
  await store.saveEvents(events, threads);

  // comparisons of the events of two or more articles whose members changed
  const stale: EventRecord[] = [];
  for (const e of events) {
    if (e.members.length < 2) continue;
    const hash = membersHash(e.members.map((m) => m.article));
    if ((await store.getComparison(e.id))?.membersHash !== hash) stale.push(e);
  }
  let done = 0;
  for (const e of stale) {
    progress('comparisons', done++, stale.length);
    const members = e.members.map((m) => byId.get(m.article)!);
    const comparison = compareEvent(members, { ...ctx, wireOutlets: WIRE_OUTLETS });
    await store.saveComparison(e.id, { membersHash: membersHash(e.members.map((m) => m.article)), doc: JSON.stringify(comparison) });
  }
  progress('comparisons', stale.length, stale.length);
  await store.setMeta(STAMP, stamp);
  return {
    ran: true, articles: articles.length, lineage: edges.length, events: events.length,
    multiOutlet: events.filter((s) => s.outlets.length >= 2).length, threads: threads.length, comparisons: stale.length,
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
}

/** The stored comparison of an event, or one computed now for a single-article event (bounded: one article). */
export async function eventComparison(store: Store, event: EventRecord, ctx: AnalysisContext): Promise<ReturnType<typeof compareEvent>> {
  const stored = await store.getComparison(event.id);
  if (stored && stored.membersHash === membersHash(event.members.map((m) => m.article))) return JSON.parse(stored.doc) as ReturnType<typeof compareEvent>;
  if (event.members.length > 1) throw new ComparisonPending(event.id);
  return compareEvent(await store.articlesByIds(event.members.map((m) => m.article)), { ...ctx, wireOutlets: WIRE_OUTLETS });
}

/** The comparison of a multi-article event is computed by the analysis, never by a request: this one is not ready yet. */
export class ComparisonPending extends Error {
  constructor(id: string) { super(`the comparison of ${id} is being computed; try again shortly`); }
}
