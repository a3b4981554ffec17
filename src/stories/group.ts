// Online grouping of articles into events (one happening) and of events into threads
// (one developing topic). Articles arrive in publication order; each joins the open event
// whose centroid it is most similar to — close in time and close in words — or starts one,
// and a new event joins the open thread it is most similar to, or starts one. Articles
// already placed stay where they are, and so do events in their threads: a new run only
// places what is new, so what a reader has seen is stable.
import { cosine, type Vector } from './features.js';
import { countsApart, nextInSeries, otherPlacesCount, sameDayFigure, seriesApart, type SeriesEntry } from './series.js';

/**
 * `marks`: the article's evidence of its happening (specific names, figures: `evidenceOf` in
 * features.ts); `outlet` and `day`: its outlet and its calendar day in that outlet's own zone
 * (`Article.published.day`), which the day rules read (an item without `day` counts its day
 * at `dayZoneHours`)
 */
export interface GroupItem {
  id: string; at: number; vector: Vector; marks?: ReadonlySet<string>; outlet?: string; day?: string;
  /** a live page, roundup or schedule (standalone.ts): an event of its own that nothing joins */
  alone?: boolean;
  /** its outlet, own day and title figures (series.ts): the next day's report of a daily series joins no event its earlier days are in */
  series?: SeriesEntry;
}

export interface GroupThresholds {
  /** an event takes no article published this long after its latest one */
  eventGapHours?: number;
  /** nor one published this long after its first */
  eventSpanHours?: number;
  /** least cosine similarity to an event's centroid to join it */
  eventThreshold?: number;
  /** a thread stays open this long after its latest article */
  threadGapDays?: number;
  /** least cosine similarity of a new event's first article to a thread's centroid */
  threadThreshold?: number;
  /** an article also joins an event when it is this similar to one of its members (0: centroids only) */
  memberThreshold?: number;
  /** a new event joins an earlier one of overlapping time when their centroids are this similar (1: never) */
  mergeThreshold?: number;
  /** one outlet's next day's report of a daily series (series.ts) joins no event holding an earlier day's */
  dailySeries?: boolean;
  /**
   * an article at least this similar to an event joins it as if at eventThreshold when its title
   * gives a figure another outlet's title in the event gives the same day (series.ts; 0: never)
   */
  sameDayFigure?: number;
  /** an article reporting one government's case count joins no event holding another's, and two such events never merge (series.ts countPlace) */
  countPlaces?: boolean;
}

/** Rules tried in the sixth session and off (RULES_OFF): eval/tune-evidence.ts sweeps them. */
export interface GroupRules {
  /**
   * a join (or merge) less similar than this needs evidence too: a specific name or a figure
   * the article shares with the event (0: never needed)
   */
  evidenceThreshold?: number;
  /** similarity taken off per day between an article and the event's latest member */
  dayPenalty?: number;
  /**
   * similarity taken off when an article falls on a later calendar day than the event's latest
   * member ("different days' briefings" are different events; issue 14)
   */
  newDayPenalty?: number;
  /** the offset from UTC of the calendar day newDayPenalty counts (the archive's outlets are mostly at UTC+8) */
  dayZoneHours?: number;
  /**
   * similarity taken off when the event already holds an article of the same outlet of an
   * earlier calendar day, each article's day counted in its own outlet's zone: one outlet's
   * daily figure, briefing, schedule or roundup is a new event each day ("different days'
   * briefings"; issue 14), while other outlets' next-day reports of a happening pay nothing
   * (seventh session, eval/tune-days.ts)
   */
  outletDayPenalty?: number;
  /** the late merge of two events pays outletDayPenalty too when one outlet's articles in them are of different days */
  outletDayInMerge?: boolean;
  /** newDayPenalty counts each article's own calendar day (GroupItem.day) where it has one, not the day at dayZoneHours */
  localDays?: boolean;
}

export type GroupOptions = GroupThresholds & GroupRules;

/** Tuned on the tuning halves of the labelled windows (eval/stories.ts EVENT_WINDOWS; mergeThreshold with the new-word weight in the nineteenth session: docs/evaluation.md). */
export const GROUP_DEFAULTS: Required<GroupThresholds> = { eventGapHours: 24, eventSpanHours: 72, eventThreshold: 0.4, threadGapDays: 10, threadThreshold: 0.25, memberThreshold: 0.45, mergeThreshold: 0.35, dailySeries: true, sameDayFigure: 0.3, countPlaces: true };

/**
 * The rules are off: swept in the sixth session (eval/tune-evidence.ts), they raised the
 * tuning half's figures but split the Xi–Putin meeting of test/events.test.ts
 * (docs/evaluation.md, sixth session). Kept apart from GROUP_DEFAULTS, whose hash stamps
 * stored placements (analyze.ts): rules that are off change no placement.
 */
export const RULES_OFF: Required<GroupRules> = { evidenceThreshold: 0, dayPenalty: 0, newDayPenalty: 0, dayZoneHours: 8, outletDayPenalty: 0, outletDayInMerge: false, localDays: false };

const DAY = 86_400_000;
/** the calendar day (YYYY-MM-DD) of an instant at a fixed offset from UTC */
const zoneDay = (at: number, zoneHours: number): string => new Date(at + zoneHours * 3_600_000).toISOString().slice(0, 10);
/** an item's calendar day: its own (in its outlet's zone) when it has one */
const itemDay = (it: GroupItem, zoneHours: number): string => it.day ?? zoneDay(it.at, zoneHours);

interface Cluster {
  id: string;
  members: Array<{ id: string; similarity: number; why: string[] }>;
  vectors: Vector[];
  /** mark → members carrying it */
  marks: Map<string, number>;
  /** term → summed weight over members */
  centroid: Map<string, number>;
  /** outlet → the earliest and latest calendar day of its members (the day rules) */
  outletDays: Map<string, [string, string]>;
  /** the earliest and latest calendar day of its members ('' while it has none) */
  firstDay: string;
  lastDay: string;
  norm2: number;
  first: number;
  last: number;
  /** holds a standalone piece: no article joins it and it merges with no event */
  sealed: boolean;
  /** the series entries of its members (series.ts) */
  series: SeriesEntry[];
}

export interface EventDraft extends Cluster { thread: string }
export interface ThreadDraft extends Cluster { events: string[] }

/** Add a vector (an item's, or a whole cluster's summed centroid) to a cluster's centroid, keeping its squared norm. */
function accumulate(c: Cluster, v: ReadonlyMap<string, number>): void {
  let dot = 0, self = 0;
  for (const [w, x] of v) { dot += (c.centroid.get(w) ?? 0) * x; self += x * x; }
  c.norm2 += 2 * dot + self;
  for (const [w, x] of v) c.centroid.set(w, (c.centroid.get(w) ?? 0) + x);
}

/** open clusters compared in full with an item, and of those, how many are also compared member by member */
const MAX_CANDIDATES = 40;
const MEMBER_CHECKS = 8;
/** terms a closed cluster keeps */
const KEEP_CLOSED_TERMS = 200;

/** Clusters of one kind, with a term index over the open ones so that a new item meets only those sharing a heavy term. */
class ClusterSet {
  readonly all = new Map<string, Cluster>();
  private readonly open = new Set<string>();
  private readonly byTerm = new Map<string, Set<string>>();

  constructor(private readonly gapMs: number, private readonly keepVectors = false, private readonly dayOf: (it: GroupItem) => string = () => '') {}

  start(id: string, at: number): Cluster {
    const c: Cluster = { id, members: [], vectors: [], marks: new Map(), centroid: new Map(), outletDays: new Map(), firstDay: '', lastDay: '', norm2: 0, first: at, last: at, sealed: false, series: [] };
    this.all.set(id, c);
    return c;
  }

  add(c: Cluster, it: GroupItem, similarity: number, why: string[]): void {
    accumulate(c, it.vector);
    for (const m of it.marks ?? []) c.marks.set(m, (c.marks.get(m) ?? 0) + 1);
    const day = this.dayOf(it);
    if (day) {
      if (!c.firstDay || day < c.firstDay) c.firstDay = day;
      if (day > c.lastDay) c.lastDay = day;
      if (it.outlet) spanDays(c.outletDays, it.outlet, day, day);
    }
    for (const w of it.vector.keys()) {
      let set = this.byTerm.get(w);
      if (!set) this.byTerm.set(w, (set = new Set()));
      set.add(c.id);
    }
    if (it.alone) c.sealed = true;
    if (it.series) c.series.push(it.series);
    c.members.push({ id: it.id, similarity: Math.round(similarity * 1000) / 1000, why });
    if (this.keepVectors) c.vectors.push(it.vector);
    c.first = Math.min(c.first, it.at);
    c.last = Math.max(c.last, it.at);
    this.open.add(c.id);
  }

  /** the most similar open cluster and its similarity (as `score` weighs it: -Infinity rules a cluster out) */
  best(it: GroupItem, accept: (c: Cluster) => boolean, memberThreshold = 0, score: (c: Cluster, sim: number) => number = (_c, sim) => sim): { cluster: Cluster; similarity: number } | undefined {
    // candidates: open clusters sharing the item's heaviest terms, those sharing most first (a
    // common word like 香港 would otherwise bring every open event of the day)
    const shared = new Map<string, number>();
    for (const w of [...it.vector.keys()].slice(0, 15)) for (const id of this.byTerm.get(w) ?? []) shared.set(id, (shared.get(id) ?? 0) + 1);
    const candidates = [...shared].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, MAX_CANDIDATES);
    const scored: Array<{ c: Cluster; sim: number }> = [];
    for (const [id] of candidates) {
      const c = this.all.get(id)!;
      if (it.at - c.last > this.gapMs || !accept(c)) continue;
      scored.push({ c, sim: cosine(it.vector, c.centroid) / Math.sqrt(c.norm2 || 1) });
    }
    scored.sort((a, b) => b.sim - a.sim || (a.c.id < b.c.id ? -1 : 1));
    // a member this close says the same happening even when the event has grown broad
    if (memberThreshold > 0) for (const x of scored.slice(0, MEMBER_CHECKS)) for (const v of x.c.vectors) { const m = cosine(it.vector, v); if (m >= memberThreshold && m > x.sim) x.sim = m; }
    for (const x of scored) x.sim = score(x.c, x.sim);
    let best: { c: Cluster; sim: number } | undefined;
    for (const x of scored) if (!best || x.sim > best.sim || (x.sim === best.sim && x.c.id < best.c.id)) best = x;
    return best && best.sim > 0 ? { cluster: best.c, similarity: best.sim } : undefined;
  }

  /** clusters whose latest item is older than the gap leave the term index for good (time only moves on) */
  sweep(now: number): void {
    for (const id of this.open) {
      const c = this.all.get(id)!;
      if (now - c.last <= this.gapMs) continue;
      this.open.delete(id);
      for (const w of c.centroid.keys()) this.byTerm.get(w)?.delete(id);
      // a closed cluster keeps only what its label, keywords and a late merge need: memory
      // stays in proportion to the open clusters, not to every term ever seen
      c.vectors = [];
      if (c.centroid.size > KEEP_CLOSED_TERMS) {
        c.centroid = new Map([...c.centroid].sort((a, b) => b[1] - a[1]).slice(0, KEEP_CLOSED_TERMS));
        c.norm2 = [...c.centroid.values()].reduce((sum, v) => sum + v * v, 0);
      }
    }
  }
}

/** widen an outlet's [first, last] calendar days */
function spanDays(days: Map<string, [string, string]>, outlet: string, first: string, last: string): void {
  const d = days.get(outlet);
  if (!d) days.set(outlet, [first, last]);
  else { if (first < d[0]) d[0] = first; if (last > d[1]) d[1] = last; }
}

/** what the day rules take off an article's similarity to an event (all 0 in RULES_OFF) */
function dayCost(it: GroupItem, c: Cluster, o: Required<GroupOptions>): number {
  let cost = o.dayPenalty * Math.max(0, it.at - c.last) / DAY;
  if (o.newDayPenalty && (o.localDays ? itemDay(it, o.dayZoneHours) > c.lastDay : zoneDay(it.at, o.dayZoneHours) > zoneDay(c.last, o.dayZoneHours))) cost += o.newDayPenalty;
  if (o.outletDayPenalty && it.outlet) {
    const d = c.outletDays.get(it.outlet);
    if (d && itemDay(it, o.dayZoneHours) > d[1]) cost += o.outletDayPenalty;
  }
  return cost;
}

/** the same for folding a later event `b` into `a`: a later day, or one outlet's articles of different days */
function mergeDayCost(a: Cluster, b: Cluster, o: Required<GroupOptions>): number {
  let cost = 0;
  if (o.newDayPenalty && (o.localDays ? b.firstDay > a.lastDay : zoneDay(b.first, o.dayZoneHours) > zoneDay(a.last, o.dayZoneHours))) cost += o.newDayPenalty;
  if (o.outletDayPenalty && o.outletDayInMerge) {
    for (const [outlet, [first, last]] of b.outletDays) {
      const d = a.outletDays.get(outlet);
      if (d && (first > d[1] || last < d[0])) { cost += o.outletDayPenalty; break; }
    }
  }
  return cost;
}

/** The heaviest terms an article shares with an event: why it is in. */
function sharedTerms(v: Vector, centroid: Map<string, number>, n = 5): string[] {
  return [...v].filter(([w]) => centroid.has(w)).map(([w, x]) => [w, x * centroid.get(w)!] as const)
    .sort((a, b) => b[1] - a[1]).slice(0, n).map(([w]) => w);
}

/**
 * Group `items` (any order), keeping `existing` placements (article → event) and
 * `threadOf` (event → thread). Event ids are "e" + the id of the event's first article and
 * thread ids "t" + the id of its first event's first article: stable across runs.
 */
export function groupEvents(items: readonly GroupItem[], existing: ReadonlyMap<string, string>, threadOf: ReadonlyMap<string, string>, opts: GroupOptions = {}): { events: EventDraft[]; threads: ThreadDraft[] } {
  const o = { ...RULES_OFF, ...GROUP_DEFAULTS, ...opts };
  const events = new ClusterSet(o.eventGapHours * 3_600_000, o.memberThreshold > 0, (it) => itemDay(it, o.dayZoneHours));
  const threads = new ClusterSet(o.threadGapDays * 86_400_000);
  const eventThread = new Map<string, string>();
  const threadEvents = new Map<string, string[]>();
  const sorted = [...items].sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
  const span = o.eventSpanHours * 3_600_000;

  const placeInThread = (eventId: string, it: GroupItem, known?: string): void => {
    let threadId = known;
    let sim = 1;
    if (!threadId) {
      const best = threads.best(it, () => true);
      if (best && best.similarity >= o.threadThreshold) { threadId = best.cluster.id; sim = best.similarity; }
      else threadId = 't' + it.id;
    }
    const t = threads.all.get(threadId) ?? threads.start(threadId, it.at);
    eventThread.set(eventId, threadId);
    (threadEvents.get(threadId) ?? threadEvents.set(threadId, []).get(threadId)!).push(eventId);
    threads.add(t, it, sim, []);
  };

  let sinceSweep = 0;
  for (const it of sorted) {
    if (++sinceSweep >= 500) { events.sweep(it.at); threads.sweep(it.at); sinceSweep = 0; }
    const placed = existing.get(it.id);
    let event: Cluster;
    let similarity = 1;
    if (placed) {
      event = events.all.get(placed) ?? events.start(placed, it.at);
    } else if (it.alone) {
      event = events.start('e' + it.id, it.at);
    } else {
      const best = events.best(it, (c) => !c.sealed && it.at - c.first <= span && !(o.dailySeries && laterInSeries(it.series, c.series)) && !(o.countPlaces && otherPlacesCount(it.series, c.series)), o.memberThreshold, (c, sim) => {
        let s = sim - dayCost(it, c, o);
        if (o.sameDayFigure > 0 && sim >= o.sameDayFigure && it.series && sameDayFigure(it.series, c.series)) s = Math.max(s, o.eventThreshold);
        return s >= o.evidenceThreshold || sharesMark(it.marks, c.marks) ? s : -Infinity;
      });
      if (best && best.similarity >= o.eventThreshold) { event = best.cluster; similarity = best.similarity; }
      else event = events.start('e' + it.id, it.at);
    }
    const why = event.members.length ? sharedTerms(it.vector, event.centroid) : [];
    events.add(event, it, similarity, why);
    const thread = eventThread.get(event.id);
    if (thread) threads.add(threads.all.get(thread)!, it, 1, []);
    else placeInThread(event.id, it, threadOf.get(event.id));
  }
  mergeNewEvents(events, eventThread, threadEvents, threads, existing, o);
  return {
    events: [...events.all.values()].map(({ vectors: _v, ...e }) => ({ ...e, vectors: [], thread: eventThread.get(e.id)! })),
    threads: [...threads.all.values()].map(({ vectors: _v, ...t }) => ({ ...t, vectors: [], events: threadEvents.get(t.id) ?? [] })),
  };
}

/** an article that is a later day's report of a series an event's member began (series.ts) */
function laterInSeries(it: SeriesEntry | undefined, of: readonly SeriesEntry[]): boolean {
  return !!it && of.some((e) => nextInSeries(e, it));
}

/** does an article (or event) carry a mark an event carries: a specific name or figure of one happening */
function sharesMark(marks: Iterable<string> | undefined, of: ReadonlyMap<string, number>): boolean {
  for (const m of marks ?? []) if (of.has(m)) return true;
  return false;
}

const centroidCosine = (a: Cluster, b: Cluster): number => {
  const [small, big] = a.centroid.size <= b.centroid.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [w, v] of small.centroid) { const u = big.centroid.get(w); if (u) dot += u * v; }
  return dot / Math.sqrt((a.norm2 || 1) * (b.norm2 || 1));
};

/**
 * An article that opened an event alone may have been told in words the event's first
 * articles did not use; once more of both have arrived, the two centroids show it is one
 * happening. Only events made in this run are folded into earlier ones (stored ids stay).
 */
function mergeNewEvents(events: ClusterSet, eventThread: Map<string, string>, threadEvents: Map<string, string[]>, threads: ClusterSet, existing: ReadonlyMap<string, string>, o: Required<GroupOptions>): void {
  if (o.mergeThreshold >= 1) return;
  const stored = new Set(existing.values());
  const gap = o.eventGapHours * 3_600_000, span = o.eventSpanHours * 3_600_000;
  const order = [...events.all.values()].sort((a, b) => a.first - b.first || a.id.localeCompare(b.id));
  const byTerm = new Map<string, Cluster[]>();
  const heavy = (c: Cluster): string[] => [...c.centroid].sort((x, y) => y[1] - x[1]).slice(0, 10).map(([w]) => w);
  for (const b of order) {
    if (b.sealed) continue;
    if (!stored.has(b.id)) {
      const seen = new Set<Cluster>();
      let into: Cluster | undefined, best = o.mergeThreshold;
      for (const w of heavy(b)) {
        const list = byTerm.get(w);
        if (!list) continue;
        // events are visited by their first article: one that began a span before b never can merge again
        while (list.length && b.first - list[0]!.first > span) list.shift();
        for (const a of list) {
          if (seen.has(a) || !events.all.has(a.id)) continue;
          seen.add(a);
          if (b.first - a.last > gap || Math.max(a.last, b.last) - a.first > span) continue;
          if (o.dailySeries && seriesApart(a.series, b.series)) continue;
          if (o.countPlaces && countsApart(a.series, b.series)) continue;
          const sim = centroidCosine(a, b) - mergeDayCost(a, b, o);
          if (sim >= best && (sim >= o.evidenceThreshold || sharesMark(b.marks.keys(), a.marks))) { best = sim; into = a; }
        }
      }
      if (into) {
        accumulate(into, b.centroid);
        for (const [m, n] of b.marks) into.marks.set(m, (into.marks.get(m) ?? 0) + n);
        for (const [outlet, [f, l]] of b.outletDays) spanDays(into.outletDays, outlet, f, l);
        if (b.firstDay && (!into.firstDay || b.firstDay < into.firstDay)) into.firstDay = b.firstDay;
        if (b.lastDay > into.lastDay) into.lastDay = b.lastDay;
        into.series.push(...b.series);
        into.members.push(...b.members.map((m) => ({ ...m, why: m.why.length ? m.why : sharedTermsOf(b, into!) })));
        into.last = Math.max(into.last, b.last);
        events.all.delete(b.id);
        const t = eventThread.get(b.id)!;
        eventThread.delete(b.id);
        const list = threadEvents.get(t)!.filter((id) => id !== b.id);
        if (list.length) threadEvents.set(t, list);
        else { threadEvents.delete(t); threads.all.delete(t); }
        continue;
      }
    }
    for (const w of heavy(b)) (byTerm.get(w) ?? byTerm.set(w, []).get(w)!).push(b);
  }
}

function sharedTermsOf(b: Cluster, a: Cluster): string[] {
  return [...b.centroid].filter(([w]) => a.centroid.has(w)).map(([w, x]) => [w, x * a.centroid.get(w)!] as const)
    .sort((x, y) => y[1] - x[1]).slice(0, 5).map(([w]) => w);
}
