// Analysis of the archive after imports: lineage between articles, what a wire dateline
// says of texts that do not name their outlet, events and threads, and the comparison of
// every event whose members changed (stored, so that no request computes one).
//
// A run works on what is new: articles never analysed (or whose content changed) find
// their lineage candidates through stored keys, their words are counted once and stored,
// and grouping replays only the time window they can reach (the thread gap and an event's
// span before them, a span after); events and threads they do not touch are not rewritten.
// The first run, a change of grouping rules, `regroup` or a very large batch analyse every
// article. Articles already placed in an event stay in it.
import { createHash } from 'node:crypto';
import type { Article } from '../article.js';
import { computeLineage, isSentenceKey, lineageInput, lineageKeys, MAX_SENTENCE_SHARERS, relatedHolders, sentenceKeys, type LineageEdge, type LineageInput } from '../dedup/lineage.js';
import { MAX_BUCKET, ShinglePool } from '../dedup/minhash.js';
import { collectGarbage } from '../heap.js';
import type { AnalysedArticle, EventRecord, PendingArticle, Store, ThreadRecord } from '../store/store.js';
import type { AliasTable } from '../text/aliases.js';
import type { Segmenter } from '../text/segment.js';
import { compareEvent } from './compare.js';
import { CLAIM_DEFAULTS } from './claims.js';
import { articleWords, idfFrom, isMark, NEW_WORD_BASE, tfidf } from './features.js';
import { compareFromStored, rulesHash } from './stored-texts.js';
import { GROUP_DEFAULTS, groupEvents, type GroupItem, type GroupOptions } from './group.js';
import { eventRecord, threadRecord, type RecordContext } from './records.js';
import { WIRE_OUTLETS, wireAttribution } from './wire-attribution.js';
import { seriesMarks, seriesOf } from './series.js';
import { STANDS_ALONE, standaloneKind } from './standalone.js';

export { WIRE_OUTLETS } from './wire-attribution.js';

/** the grouping rules the stored analysis was made by */
const RULES = 'analysis-stamp';
/** set while a full run is under way: a run killed half-way is begun again */
const INCOMPLETE = 'analysis-incomplete';
/** bump when grouping changes meaning: placements made by an older version (or other thresholds, or word weights) are dropped */
const GROUPING_VERSION = `events-4/${createHash('sha1').update(JSON.stringify({ ...GROUP_DEFAULTS, newWordBase: NEW_WORD_BASE })).digest('hex').slice(0, 8)}`;

export interface AnalysisContext { segmenter: Segmenter; aliases: AliasTable }
export interface AnalysisReport {
  ran: boolean;
  /** every article again, or only the new and changed ones */
  mode: 'full' | 'incremental' | 'none';
  /** articles analysed in this run */
  articles: number;
  /** lineage edges written in this run */
  lineage: number;
  /** events, events told by two or more outlets and threads in the archive after the run */
  events: number; multiOutlet: number; threads: number;
  /** events and threads rewritten in this run */
  eventsWritten: number;
  comparisons: number;
  seconds: number;
}
/** progress of a long run: a step's name, how far it is, of how many */
export type Progress = (step: string, done: number, total: number) => void;

type Options = GroupOptions & { force?: boolean; regroup?: boolean; progress?: Progress; /** articles per batch of a full run */ batch?: number };

/**
 * The rules a stored comparison was made by: bump the revision when the comparison's code
 * changes meaning. A comparison made by other rules no longer matches its event and is
 * made again by the next analysis run (never by a request).
 */
const COMPARISON_RULES = `claims-2/${createHash('sha1').update(JSON.stringify(CLAIM_DEFAULTS)).digest('hex').slice(0, 8)}`;
/** the comparison rules every stored comparison was made by */
const COMPARED = 'comparison-stamp';
/**
 * the code and data of the cut every stored comparison was made by (stored-texts.ts): a
 * Parallax whose claim or quote rules read a text otherwise makes every comparison again,
 * though its thresholds (COMPARISON_RULES) are the same
 */
const COMPARED_BY_CODE = 'comparison-code';
const membersHash = (ids: readonly string[]): string => createHash('sha1').update(`${COMPARISON_RULES}|${[...ids].sort().join(',')}`).digest('hex').slice(0, 16);
const HOUR = 3_600_000;

/**
 * `regroup` forgets earlier placements and groups every article afresh; `force` analyses
 * every article again, keeping placements.
 */
export async function analyzeArchive(store: Store, ctx: AnalysisContext, opts: Options = {}): Promise<AnalysisReport> {
  // nothing to do is found without the lock (serve's thread asks every few seconds, and taking it is a write)
  const now = await analysisState(store, opts);
  if (now.idle) return idleReport(store);
  // one run at a time on an archive shared by processes: two interleaved runs would group
  // the same new articles and build the same event twice
  return store.exclusive('analysis', () => analyzeNow(store, ctx, opts));
}

const idleReport = async (store: Store): Promise<AnalysisReport> =>
  ({ ...(await totals(store)), ran: false, mode: 'none', articles: 0, lineage: 0, eventsWritten: 0, comparisons: 0, seconds: 0 });

/** what a run would do: everything again (`full`), nothing at all (`idle`), or the new articles */
async function analysisState(store: Store, opts: Options): Promise<{ full: boolean; sameRules: boolean; compared: boolean; idle: boolean; sameCode: boolean }> {
  const rules = await store.getMeta(RULES);
  // archives analysed before the queue kept the rules and a stamp of the articles
  const sameRules = rules === GROUPING_VERSION || (rules?.startsWith(GROUPING_VERSION + ':') ?? false);
  const incomplete = (await store.getMeta(INCOMPLETE)) === '1';
  const analysed = await store.analysedCount();
  const full = !!(opts.force || opts.regroup || !sameRules || analysed === 0 || incomplete);
  const sameCode = (await store.getMeta(COMPARED_BY_CODE)) === rulesHash();
  const compared = (await store.getMeta(COMPARED)) === COMPARISON_RULES && sameCode;
  const idle = !full && compared && !(await store.analysisPending());
  return { full, sameRules, compared, idle, sameCode };
}

async function analyzeNow(store: Store, ctx: AnalysisContext, opts: Options): Promise<AnalysisReport> {
  const started = performance.now();
  const { full, sameRules, compared, idle, sameCode } = await analysisState(store, opts);
  if (idle) return idleReport(store);
  if (!full && !(await store.analysisPending())) {
    // a newer Parallax compares differently: every comparison again, events kept as they are
    const comparisons = await compareAll(store, ctx, opts.progress ?? (() => {}), !sameCode);
    await setCompared(store);
    return { ...(await totals(store)), ran: true, mode: 'none', articles: 0, lineage: 0, eventsWritten: 0, comparisons, seconds: Math.round((performance.now() - started) / 100) / 10 };
  }
  let run: RunResult;
  if (full) {
    // every article again: earlier analysis (and unless placements are kept, every event)
    // is forgotten; a run killed half-way leaves the mark and is begun again
    await store.setMeta(INCOMPLETE, '1');
    await store.writeAnalysis({ reset: !opts.regroup && sameRules ? 'analysis' : 'everything', analysed: [], lineageOf: [], edges: [], events: [], threads: [] });
    run = await inBatches(store, ctx, opts, await store.pendingAnalysis());
    // the events of before that no article is placed in any more (a regrouping) go now, not at its start
    await store.sweepEvents();
    await store.setMeta(INCOMPLETE, '');
  } else {
    run = await inBatches(store, ctx, opts, await store.pendingAnalysis());
  }
  if (!compared) run.comparisons += await compareAll(store, ctx, opts.progress ?? (() => {}), !sameCode);
  await store.setMeta(RULES, GROUPING_VERSION);
  await setCompared(store);
  return { ...run, ...(await totals(store)), ran: true, mode: full ? 'full' : 'incremental', seconds: Math.round((performance.now() - started) / 100) / 10 };
}

async function totals(store: Store): Promise<Pick<AnalysisReport, 'events' | 'multiOutlet' | 'threads'>> {
  return {
    events: (await store.listEvents({ minOutlets: 1, limit: 0 })).total,
    multiOutlet: (await store.listEvents({ minOutlets: 2, limit: 0 })).total,
    threads: (await store.listThreads({ limit: 0 })).total,
  };
}

type RunResult = Pick<AnalysisReport, 'articles' | 'lineage' | 'eventsWritten' | 'comparisons'>;

/** What both kinds of run do with a set of articles once their lineage is known. */
interface Prepared {
  fresh: Article[];
  rows: AnalysedArticle[];
  edges: LineageEdge[];
  byId: Map<string, Article>;
}

/** Attribution by wire datelines, features and lineage keys of `fresh` articles. */
async function prepare(store: Store, ctx: AnalysisContext, fresh: Article[], hashes: ReadonlyMap<string, string>, inputs: readonly LineageInput[], edges: LineageEdge[], byId: Map<string, Article>, progress: Progress): Promise<Prepared> {
  const edgesOf = indexEdges(edges);
  for (const [i, a] of fresh.entries()) {
    const attributed = wireAttribution(a, edgesOf(a.id), byId);
    if (!attributed) continue;
    await store.attributeArticle(a.id, attributed.outlet, attributed.published);
    fresh[i] = { ...a, outlet: attributed.outlet, published: attributed.published };
    byId.set(a.id, fresh[i]!);
  }
  const rows: AnalysedArticle[] = [];
  for (const [i, a] of fresh.entries()) {
    if (i % 500 === 0) progress('features', i, fresh.length);
    const words: Array<[string, number]> = [...articleWords(a, ctx.segmenter, ctx.aliases)];
    // marks the grouping reads beside the words (`#` words, which no text gives)
    words.unshift(...seriesMarks(a).map((m): [string, number] => [m, 1]));
    if (standaloneKind(a)) words.unshift([STANDS_ALONE, 1]);
    rows.push({ id: a.id, hash: hashes.get(a.id)!, at: timeOf(a, edgesOf(a.id), byId), words, keys: lineageKeys(inputs[i]!) });
  }
  return { fresh, rows, edges, byId };
}

/** an undated text is placed at the time of a dated article it shares text with */
function timeOf(a: Article, edges: readonly LineageEdge[], byId: ReadonlyMap<string, Article>): number | null {
  if (a.published) return Date.parse(a.published.at);
  for (const e of edges) {
    const other = byId.get(e.from === a.id ? e.to : e.from);
    if (other?.published) return Date.parse(other.published.at);
  }
  return null;
}

function indexEdges(edges: readonly LineageEdge[]): (id: string) => LineageEdge[] {
  const by = new Map<string, LineageEdge[]>();
  for (const e of edges) for (const id of [e.from, e.to]) (by.get(id) ?? by.set(id, []).get(id)!).push(e);
  return (id) => by.get(id) ?? [];
}

/**
 * Articles analysed at once: what bounds a run's memory, however many are new. With the heap
 * bound (src/heap.ts) the analysis of 12,204 articles peaked at 746 MB of RSS in batches of
 * 5,000 and 988 MB in batches of 10,000 (docs/benchmarks.md).
 */
export const BATCH = 5_000;

/**
 * A run of more articles than this goes in batches of LARGE_RUN_BATCH: late in a long run each
 * batch's lineage reads the stored articles sharing its keys, which grow with the archive.
 * Regrouping 206,898 articles peaked at 1,641 MB in batches of 5,000, 1,044 MB in 2,500 and
 * 902 MB in 2,000 (+29 % wall); 60,879 articles in batches of 5,000 stayed under 1 GB
 * (docs/benchmarks.md, twelfth session). Smaller runs keep BATCH, so their events are as before.
 */
export const LARGE_RUN = 50_000;
export const LARGE_RUN_BATCH = 2_000;

/** the articles analysed at once in a run of `pending` articles (`given`: the caller's choice) */
export const batchFor = (pending: number, given?: number): number => given ?? (pending > LARGE_RUN ? LARGE_RUN_BATCH : BATCH);

/**
 * Every article in `pending` analysed in batches in time order, each as new articles are,
 * so that memory follows the batch and not the archive; a run of up to one batch is one
 * piece, exactly as a single pass would be.
 */
async function inBatches(store: Store, ctx: AnalysisContext, opts: Options, pending: readonly PendingArticle[]): Promise<RunResult> {
  const progress = opts.progress ?? (() => undefined);
  const batch = batchFor(pending.length, opts.batch);
  const total: RunResult = { articles: 0, lineage: 0, eventsWritten: 0, comparisons: 0 };
  for (let i = 0; i < pending.length; i += batch) {
    if (pending.length > batch) progress('articles', i, pending.length);
    const r = await incrementalRun(store, ctx, opts, pending.slice(i, i + batch));
    total.articles += r.articles; total.lineage += r.lineage; total.eventsWritten += r.eventsWritten; total.comparisons += r.comparisons;
    // what this batch left is garbage: collected now, the next batch starts from what is live (src/heap.ts)
    if (i + batch < pending.length) collectGarbage();
  }
  if (pending.length > batch) progress('articles', pending.length, pending.length);
  return total;
}

function recordContext(p: Prepared, items: readonly GroupItem[], extraEdges: readonly LineageEdge[] = []): RecordContext {
  const from = new Map<string, LineageEdge[]>();
  for (const e of [...p.edges, ...extraEdges]) (from.get(e.from) ?? from.set(e.from, []).get(e.from)!).push(e);
  const atById = new Map(items.map((it) => [it.id, it.at]));
  return {
    byId: p.byId,
    edgesFrom: (id) => from.get(id) ?? [],
    vectorOf: new Map(items.map((it) => [it.id, it.vector])),
    atOf: (a) => a.published?.at ?? (atById.has(a.id) ? new Date(atById.get(a.id)!).toISOString() : null),
  };
}

async function incrementalRun(store: Store, ctx: AnalysisContext, opts: Options, pending: readonly PendingArticle[]): Promise<RunResult> {
  const progress = opts.progress ?? (() => undefined);
  const o = { ...GROUP_DEFAULTS, ...opts };
  const pendingIds = new Set(pending.map((p) => p.id));
  const fresh = await store.articlesByIds([...pendingIds]);
  // the batch's shingle sets in a few large blocks, unmapped whole when the batch is done (minhash.ts)
  const pool = new ShinglePool();
  const inputs = fresh.map((a) => lineageInput(a, WIRE_OUTLETS, pool));

  // lineage: the new articles against the stored articles sharing a key with them
  progress('lineage', 0, fresh.length);
  const keysOf = inputs.map(lineageKeys);
  const found = await store.lineageCandidates(keysOf.flat(), pendingIds, (k) => (isSentenceKey(k) ? MAX_SENTENCE_SHARERS : MAX_BUCKET));
  // only the holders lineage can relate to a new article are read (relatedHolders)
  const candidates = await store.articlesByIds(relatedHolders(keysOf, found.holders));
  const candidateInputs = candidates.map((a) => lineageInput(a, WIRE_OUTLETS, pool));
  // boilerplate: a sentence the archive holds more than the cap, or the new articles and its
  // holders (read or not) more than MAX_SENTENCE_SHARERS, as computeLineage would count them all
  const freshWith = new Map<number, number>();
  for (const keys of keysOf) for (const k of keys) if (isSentenceKey(k)) freshWith.set(k, (freshWith.get(k) ?? 0) + 1);
  const common = new Set<string>();
  for (const it of inputs) for (const [s, k] of sentenceKeys(it)) if (found.common.has(k) || (freshWith.get(k) ?? 0) + (found.holders.get(k)?.length ?? 0) > MAX_SENTENCE_SHARERS) common.add(s);
  const edges = computeLineage([...inputs, ...candidateInputs].sort((a, b) => (a.id < b.id ? -1 : 1)), { common, focus: pendingIds });
  const byId = new Map([...candidates, ...fresh].map((a) => [a.id, a]));
  const p = await prepare(store, ctx, fresh, new Map(pending.map((x) => [x.id, x.hash])), inputs, edges, byId, progress);

  // grouping: replay the windows of time the new articles can reach
  const reach = (o.threadGapDays * 24 + o.eventSpanHours + o.eventGapHours) * HOUR;
  const after = o.eventSpanHours * HOUR;
  const windows = mergeWindows(p.rows.flatMap((r) => (r.at === null ? [] : [[r.at - reach, r.at + after] as [number, number]])));
  const stored: Array<{ id: string; at: number; words: Array<[string, number]> }> = [];
  for (const [from, to] of windows) for (const r of await store.analysedBetween(from, to)) if (!pendingIds.has(r.id)) stored.push(r);
  // (marks are not weighed: their frequencies are neither read nor counted)
  const freq = await store.wordFrequencies(new Set([...stored, ...p.rows].flatMap((r) => r.words.flatMap(([w]) => (isMark(w) ? [] : [w])))));
  // the new articles count in the frequencies they are weighed by
  for (const r of p.rows) for (const [w] of r.words) if (!isMark(w)) freq.df.set(w, (freq.df.get(w) ?? 0) + 1);
  const idf = idfFrom(freq.df, freq.n + p.rows.length);
  const items: GroupItem[] = [...stored, ...p.rows.filter((r) => r.at !== null) as Array<AnalysedArticle & { at: number }>]
    .map((r) => analysedItem(r, idf));
  progress('grouping', 0, items.length);
  const placed = await store.placementsOf(items.map((it) => it.id));
  const grouped = groupEvents(items, placed.events, placed.threads, opts);

  // the events that gained or changed an article, and their threads, are written again
  const touched = grouped.events.filter((d) => d.members.some((m) => pendingIds.has(m.id)));
  const memberIds = touched.flatMap((d) => d.members.map((m) => m.id)).filter((id) => !byId.has(id));
  for (const a of await store.articlesByIds(memberIds)) byId.set(a.id, a);
  const oldEdges: LineageEdge[] = [];
  for (const d of touched) for (const m of d.members) if (!pendingIds.has(m.id)) oldEdges.push(...(await store.lineageOf(m.id)).filter((e) => e.from === m.id));
  const placedBefore = new Map<string, Pick<EventRecord['members'][number], 'similarity' | 'why'>>();
  for (const d of touched) for (const m of (await store.getEvent(d.id))?.members ?? []) if (!pendingIds.has(m.article)) placedBefore.set(m.article, { similarity: m.similarity, why: m.why });
  const rc = { ...recordContext(p, items, oldEdges), placedBefore };
  const events = touched.map((d) => eventRecord(d, rc));
  const threads: ThreadRecord[] = [];
  const byEvent = new Map(events.map((e) => [e.id, e]));
  for (const t of grouped.threads.filter((t) => t.events.some((id) => byEvent.has(id)))) {
    const known = await store.getThread(t.id);
    const ids = [...new Set([...(known?.events ?? []), ...t.events])];
    const records: EventRecord[] = [];
    for (const id of ids) { const e = byEvent.get(id) ?? (await store.getEvent(id)); if (e) records.push(e); }
    threads.push(threadRecord(t.id, records, t.centroid));
  }
  // new articles alone in their event (or in none) are not cut: about a third of an archive's
  // articles are never compared, and the comparison that first joins one cuts it and keeps the
  // cut (cutting them now made a second day's step cheaper only by making the first dearer:
  // docs/benchmarks.md, tenth session)
  await store.writeAnalysis({ analysed: p.rows, lineageOf: [...pendingIds], edges, events, threads });
  // an event whose article changed compares again even though its members are the same
  const changed = new Set(touched.filter((d) => d.members.some((m) => pendingIds.has(m.id) && placed.events.has(m.id))).map((d) => d.id));
  const comparisons = await compareStale(store, ctx, events, changed, byId, progress);
  return { articles: fresh.length, lineage: edges.length, eventsWritten: events.length + threads.length, comparisons };
}

/** What grouping takes of an analysed row: its time, its words weighed, and whether it stands alone (its first word says so). */
export function analysedItem(r: { id: string; at: number; words: ReadonlyArray<readonly [string, number]> }, idf: (w: string) => number): GroupItem {
  const alone = r.words[0]?.[0] === STANDS_ALONE;
  // the marks lead the stored words (prepare): what follows them is the text's
  let from = 0;
  while (from < r.words.length && isMark(r.words[from]![0])) from++;
  const series = from > 0 ? seriesOf(r.words.slice(0, from).map(([w]) => w)) : undefined;
  return { id: r.id, at: r.at, vector: tfidf(from ? r.words.slice(from) : r.words, idf), ...(alone ? { alone } : {}), ...(series ? { series } : {}) };
}

/** overlapping [from, to] windows joined, in time order */
function mergeWindows(ws: Array<[number, number]>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const w of ws.sort((a, b) => a[0] - b[0])) {
    const last = out[out.length - 1];
    if (last && w[0] <= last[1]) last[1] = Math.max(last[1], w[1]);
    else out.push([...w]);
  }
  return out;
}

/** comparisons of the events of two or more articles whose members changed (or that `force` names) */
async function compareStale(store: Store, ctx: AnalysisContext, events: readonly EventRecord[], force: ReadonlySet<string>, byId: ReadonlyMap<string, Article>, progress: Progress): Promise<number> {
  const stale: EventRecord[] = [];
  for (const e of events) {
    if (e.members.length < 2) continue;
    if (force.has(e.id) || (await store.getComparison(e.id))?.membersHash !== membersHash(e.members.map((m) => m.article))) stale.push(e);
  }
  let done = 0;
  for (const e of stale) {
    progress('comparisons', done++, stale.length);
    const members = e.members.map((m) => byId.get(m.article)!);
    // the members' texts read as an earlier comparison cut them; the others (new, or alone in their event until now) cut and kept with this comparison
    const { comparison, texts } = await compareFromStored(store, members, { ...ctx, wireOutlets: WIRE_OUTLETS });
    await store.saveComparison(e.id, { membersHash: membersHash(e.members.map((m) => m.article)), doc: JSON.stringify(comparison) }, texts);
  }
  progress('comparisons', stale.length, stale.length);
  return stale.length;
}

/** every stored comparison is of these rules and this code */
async function setCompared(store: Store): Promise<void> {
  await store.setMeta(COMPARED, COMPARISON_RULES);
  await store.setMeta(COMPARED_BY_CODE, rulesHash());
}

/** Every event's comparison that other rules made (`every`: other code made them all), a page of events at a time (memory follows the page). */
async function compareAll(store: Store, ctx: AnalysisContext, progress: Progress, every = false): Promise<number> {
  const PAGE = 200;
  const { total } = await store.listEvents({ limit: 0 });
  let made = 0;
  for (let offset = 0; offset < total; offset += PAGE) {
    const { events } = await store.listEvents({ limit: PAGE, offset, order: 'time' });
    const ids = events.flatMap((e) => (e.members.length > 1 ? e.members.map((m) => m.article) : []));
    const byId = new Map((await store.articlesByIds(ids)).map((a) => [a.id, a]));
    made += await compareStale(store, ctx, events, every ? new Set(events.map((e) => e.id)) : new Set(), byId, (_step, done) => progress('comparisons', offset + done, total));
  }
  return made;
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
