// Story grouping against the hand-labelled gold set (eval/gold/stories.json), scored on
// the labelled articles: B-cubed precision/recall/F1 and pairwise F1. Near-duplicate
// detection against brute-force exact Jaccard on a sample.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Article } from '../src/article.js';
import { comparableText, jaccard, lshCandidates, shingleSet, signature } from '../src/dedup/minhash.js';
import type { Store } from '../src/store/store.js';
import { rng } from './known-item.js';
import { articleMarks, articleWords, evidenceOf, idfFrom, idfTable, NEW_WORD_BASE, tfidf } from '../src/stories/features.js';
import type { GroupItem } from '../src/stories/group.js';
import { analysedItem } from '../src/stories/analyze.js';
import { standaloneKind } from '../src/stories/standalone.js';
import { SqliteStore } from '../src/store/sqlite/store.js';
import { AliasTable } from '../src/text/aliases.js';
import { Segmenter } from '../src/text/segment.js';

export interface ClusterScore { items: number; events: number; b3: { p: number; r: number; f1: number }; pairwise: { p: number; r: number; f1: number } }

const f1 = (p: number, r: number): number => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

/** gold: item → event; system: item → cluster. Only items in gold are scored. */
export function scoreClusters(gold: Map<string, string>, system: Map<string, string>, scored: (item: string) => boolean = () => true): ClusterScore {
  const labelled = [...gold.keys()];
  const items = labelled.filter(scored);
  const sys = (i: string): string => system.get(i) ?? `single:${i}`;
  const byGold = new Map<string, string[]>();
  const bySys = new Map<string, string[]>();
  for (const i of labelled) {
    (byGold.get(gold.get(i)!) ?? byGold.set(gold.get(i)!, []).get(gold.get(i)!)!).push(i);
    (bySys.get(sys(i)) ?? bySys.set(sys(i), []).get(sys(i))!).push(i);
  }
  let p = 0, r = 0;
  for (const i of items) {
    const g = byGold.get(gold.get(i)!)!;
    const s = bySys.get(sys(i))!;
    const both = s.filter((j) => gold.get(j) === gold.get(i)).length;
    p += both / s.length;
    r += both / g.length;
  }
  const bp = p / items.length, br = r / items.length;
  // pairs with at least one scored item
  let tp = 0, sysPairs = 0, goldPairs = 0;
  const counted = (x: string, y: string): boolean => scored(x) || scored(y);
  for (const s of bySys.values()) for (let x = 0; x < s.length; x++) for (let y = x + 1; y < s.length; y++) {
    if (!counted(s[x]!, s[y]!)) continue;
    sysPairs++;
    if (gold.get(s[x]!) === gold.get(s[y]!)) tp++;
  }
  for (const g of byGold.values()) for (let x = 0; x < g.length; x++) for (let y = x + 1; y < g.length; y++) if (counted(g[x]!, g[y]!)) goldPairs++;
  const pp = sysPairs ? tp / sysPairs : 1, pr = goldPairs ? tp / goldPairs : 1;
  return { items: items.length, events: new Set(items.map((i) => gold.get(i))).size, b3: { p: bp, r: br, f1: f1(bp, br) }, pairwise: { p: pp, r: pr, f1: f1(pp, pr) } };
}

/** The earlier gold of chosen events (eval/gold/stories.json): article id → event. */
export async function goldOfChosen(store: Store): Promise<Map<string, string>> {
  const gold = JSON.parse(readFileSync(fileURLToPath(new URL('./gold/stories.json', import.meta.url)), 'utf8')) as { events: Record<string, { members: string[] }> };
  return goldByArticle(store, { window: ['', ''], threads: {}, events: Object.fromEntries(Object.entries(gold.events).map(([k, e]) => [k, { about: '', thread: k, members: e.members }])) });
}

export interface EventGold { version?: number; changes?: string; window: [string, string]; threads: Record<string, { about: string }>; events: Record<string, { about: string; thread: string; members: string[] }> }

export type Half = 'tune' | 'test';
const sha1Even = (id: string): boolean => createHash('sha1').update(id).digest()[0]! % 2 === 0;

/**
 * Which half of the window's gold each event is in: thresholds are tuned on 'tune' and
 * reported on 'test'. Drawn by THREAD (eval/gold/events-guideline.md, "Halves"): every event
 * of one developing topic falls in one half, so tuning on one event of a topic does not
 * decide how its sibling events in the other half are grouped. Threads are taken largest
 * first (articles), each to the half with fewer articles so far; ties go by the sha1 of the
 * thread id. `by: 'event'` is the earlier split (sha1 of the event id), kept to compare.
 */
export function halvesOf(gold: EventGold, by: 'thread' | 'event' = 'thread'): Map<string, Half> {
  const out = new Map<string, Half>();
  if (by === 'event') {
    for (const event of Object.keys(gold.events)) out.set(event, sha1Even(event) ? 'tune' : 'test');
    return out;
  }
  const size = new Map<string, number>();
  for (const e of Object.values(gold.events)) size.set(e.thread, (size.get(e.thread) ?? 0) + e.members.length);
  const threads = [...size.keys()].sort((a, b) => size.get(b)! - size.get(a)! || a.localeCompare(b));
  const filled = { tune: 0, test: 0 };
  const halfOfThread = new Map<string, Half>();
  for (const t of threads) {
    const half: Half = filled.tune === filled.test ? (sha1Even(t) ? 'tune' : 'test') : filled.tune < filled.test ? 'tune' : 'test';
    halfOfThread.set(t, half);
    filled[half] += size.get(t)!;
  }
  for (const [event, e] of Object.entries(gold.events)) out.set(event, halfOfThread.get(e.thread)!);
  return out;
}

/** The half of each gold event, for each map goldByArticle returned (scoreHalf reads it). */
const halvesOfGoldMap = new WeakMap<Map<string, string>, Map<string, Half>>();

/**
 * Gold event of each labelled article id (paths relative to corpus/multi-outlet). The map
 * carries the gold's halves (halvesOf, by thread unless `by` says otherwise) for scoreHalf.
 */
export async function goldByArticle(store: Store, gold: EventGold, by: 'thread' | 'event' = 'thread'): Promise<Map<string, string>> {
  const byPath = new Map<string, string>();
  for (const [event, e] of Object.entries(gold.events)) for (const m of e.members) byPath.set(m, event);
  const out = new Map<string, string>();
  for await (const a of store.allArticles()) {
    const path = a.source.path ?? '';
    const at = path.indexOf('multi-outlet/');
    const event = at >= 0 ? byPath.get(path.slice(at + 'multi-outlet/'.length)) : undefined;
    if (event) out.set(a.id, event);
  }
  halvesOfGoldMap.set(out, halvesOf(gold, by));
  return out;
}

/**
 * Score a grouping on one half of the gold window: the items are the articles of that
 * half's events, but each item's system cluster is counted with every labelled article in
 * it, so a wrong join with an article of the other half still costs precision.
 */
export function scoreHalf(goldOf: Map<string, string>, system: Map<string, string>, half: Half | 'all'): ClusterScore {
  const halves = halvesOfGoldMap.get(goldOf);
  if (!halves) throw new Error('scoreHalf: the gold map must come from goldByArticle');
  return scoreClusters(goldOf, system, (i) => half === 'all' || halves.get(goldOf.get(i)!) === half);
}

export function loadEventGold(file: string): EventGold {
  return JSON.parse(readFileSync(file, 'utf8')) as EventGold;
}

/**
 * The windows labelled in full, each with its own halves (drawn by thread within the window):
 * 18–19 Dec (the first) and 13–14 Dec (labelled in the nineteenth session, where Omicron news
 * of many governments falls on the same days). The thresholds are tuned on both tuning halves.
 */
export const EVENT_WINDOWS: ReadonlyArray<{ name: string; file: string }> = [
  { name: '18–19 Dec', file: fileURLToPath(new URL('./gold/events-window.json', import.meta.url)) },
  { name: '13–14 Dec', file: fileURLToPath(new URL('./gold/events-window-13-14.json', import.meta.url)) },
];

/** The gold events of several windows as one map (ids `window:event`), each window's halves kept, for scoreHalf. */
export async function goldOfWindows(store: Store, golds: readonly EventGold[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const halves = new Map<string, Half>();
  for (const [i, gold] of golds.entries()) {
    const of = await goldByArticle(store, gold);
    for (const [article, event] of of) out.set(article, `${i}:${event}`);
    for (const [event, half] of halvesOfGoldMap.get(of)!) halves.set(`${i}:${event}`, half);
  }
  halvesOfGoldMap.set(out, halves);
  return out;
}

export interface DedupScore { sample: number; truePairs: number; found: number; precision: number; recall: number; bruteSeconds: number; lshSeconds: number }

/** MinHash + LSH near-duplicates (Jaccard ≥ 0.8) against the exact Jaccard of every pair of a sample. */
export async function dedupScore(store: Store, n = 5000, threshold = 0.8): Promise<DedupScore> {
  const all: Article[] = [];
  for await (const a of store.allArticles()) if (a.paragraphs.length) all.push(a);
  all.sort((a, b) => a.id.localeCompare(b.id));
  const rand = rng(7);
  for (let i = all.length - 1; i > 0; i--) { const j = Math.floor(rand() * (i + 1)); [all[i], all[j]] = [all[j]!, all[i]!]; }
  const sample = all.slice(0, n);
  const sets = sample.map((a) => shingleSet(comparableText(a.paragraphs)));
  let t = performance.now();
  const truth = new Set<string>();
  for (let i = 0; i < sets.length; i++) for (let j = i + 1; j < sets.length; j++) {
    if (sets[i]!.length < 20 || sets[j]!.length < 20) continue;
    const small = Math.min(sets[i]!.length, sets[j]!.length), big = Math.max(sets[i]!.length, sets[j]!.length);
    if (small / big < threshold) continue; // Jaccard cannot reach the threshold
    if (jaccard(sets[i]!, sets[j]!) >= threshold) truth.add(`${i}:${j}`);
  }
  const bruteSeconds = (performance.now() - t) / 1000;
  t = performance.now();
  const sigs = sets.map((s) => (s.length >= 20 ? signature(s) : new Uint32Array(0)));
  const found = lshCandidates(sigs).filter(([i, j]) => jaccard(sets[i]!, sets[j]!) >= threshold).map(([i, j]) => `${Math.min(i, j)}:${Math.max(i, j)}`);
  const lshSeconds = (performance.now() - t) / 1000;
  const hits = found.filter((k) => truth.has(k)).length;
  return { sample: sample.length, truePairs: truth.size, found: found.length, precision: found.length ? hits / found.length : 1, recall: truth.size ? hits / truth.size : 1, bruteSeconds, lshSeconds };
}

/**
 * What the grouping sweeps read: an archive's articles in id order, the window gold's event
 * of each labelled article, and the items grouping takes (word vectors weighed as analysis does).
 */
export async function loadGroupingInput(db: string, opts: { marks?: boolean } = {}): Promise<{ store: SqliteStore; articles: Article[]; goldOf: Map<string, string>; items: GroupItem[] }> {
  const store = new SqliteStore(db);
  const ctx = { segmenter: new Segmenter(), aliases: new AliasTable() };
  const goldOf = await goldByArticle(store, loadEventGold(EVENT_WINDOWS[0]!.file));
  const articles: Article[] = [];
  for await (const a of store.allArticles()) articles.push(a);
  articles.sort((a, b) => a.id.localeCompare(b.id));
  const words = articles.map((a) => articleWords(a, ctx.segmenter, ctx.aliases));
  // the evidence rule's marks (eval/tune-evidence.ts)
  const marks = opts.marks ? articles.map((a) => articleMarks(a, ctx.segmenter, ctx.aliases)) : [];
  const idf = idfTable(words);
  const items = articles.flatMap((a, i) => (a.published ? [{ id: a.id, at: Date.parse(a.published.at), vector: tfidf(words[i]!, idf), ...(standaloneKind(a) ? { alone: true } : {}), outlet: a.outlet.id, day: a.published.day, ...(opts.marks ? { marks: evidenceOf(marks[i]!, idf) } : {}) }] : []));
  return { store, articles, goldOf, items };
}

/**
 * The items of an archive analysed by `parallax events` (analyzeArchive), as its full run
 * grouped them: the stored words and times, weighed by the stored word frequencies; with each
 * article's outlet and own calendar day as the analysis attributed them (the day rules), and
 * with `marks` its evidence marks. `stored`: the placements the analysis made — a replay with
 * GROUP_DEFAULTS must give them (eval/tune-days.ts checks it).
 */
export async function loadAnalysedInput(db: string, opts: { marks?: boolean } = {}): Promise<{ store: SqliteStore; articles: Article[]; goldOf: Map<string, string>; items: GroupItem[]; stored: Map<string, string>; itemsWith: (newWordBase: number) => GroupItem[] }> {
  const store = new SqliteStore(db);
  const ctx = { segmenter: new Segmenter(), aliases: new AliasTable() };
  const goldOf = await goldByArticle(store, loadEventGold(EVENT_WINDOWS[0]!.file));
  const articles: Article[] = [];
  for await (const a of store.allArticles()) articles.push(a);
  articles.sort((a, b) => a.id.localeCompare(b.id));
  const byId = new Map(articles.map((a) => [a.id, a]));
  const rows = await store.analysedBetween(-8.64e15, 8.64e15);
  const freq = await store.wordFrequencies(new Set(rows.flatMap((r) => r.words.map(([w]) => w))));
  const marksOf = new Map(opts.marks ? articles.map((a) => [a.id, articleMarks(a, ctx.segmenter, ctx.aliases)] as const) : []);
  // the items as analysis weighs them with another weight of new words (features.ts NEW_WORD_BASE), for the sweeps
  const itemsWith = (newWordBase: number): GroupItem[] => {
    const idf = idfFrom(freq.df, freq.n, newWordBase);
    return rows.map((r): GroupItem => {
      const a = byId.get(r.id);
      const marks = marksOf.get(r.id);
      return { ...analysedItem(r, idf), outlet: a?.outlet.id, day: a?.published?.day, ...(marks ? { marks: evidenceOf(marks, idf) } : {}) };
    });
  };
  const items = itemsWith(NEW_WORD_BASE);
  return { store, articles, goldOf, items, stored: await store.eventPlacements(), itemsWith };
}
