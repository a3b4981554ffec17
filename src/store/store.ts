// The Store interface: everything Parallax keeps goes through it. SQLite is the
// embedded default (store/sqlite/); a PostgreSQL implementation satisfies the same
// interface and the same contract (store/contract/). Database specifics stay inside each one.
import { hash } from 'node:crypto';
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync } from 'node:zlib';
import type { Article, OutletRef, Script, Source } from '../article.js';
import type { IndexDoc, TermForm } from '../search/index-doc.js';
import type { Query } from '../search/query.js';
import type { LineageEdge } from '../dedup/lineage.js';
import type { WatchStore } from './watch.js';

/** Where a file came from, without its content: the key of a source. */
export interface Location {
  kind: Source['kind'];
  path?: string;
  url?: string;
  repo?: string;
  commit?: string;
}

export function locationKey(l: Location): string {
  return `${l.kind}|${l.repo ?? ''}|${l.path ?? l.url ?? ''}`;
}

/**
 * An article ready to be written: serialized and hashed once, where it was parsed
 * (a worker thread), so that the writing thread only writes.
 */
export interface PreparedArticle {
  id: string;
  outlet: OutletRef;
  publishedAt: string | null;
  title: string;
  script: Script;
  /** placeholder, empty or mojibake: kept, but not news */
  flagged: boolean;
  /** what says whether the article changed (not where or when it was seen) */
  hash: string;
  /** the Article as JSON */
  doc: string;
  /** what the search index holds (absent for flagged pages, which are not indexed) */
  index?: IndexDoc;
}

export function sha256Hex(data: Uint8Array | string): string {
  return hash('sha256', data, 'hex');
}

export const NOT_NEWS: ReadonlySet<string> = new Set(['placeholder', 'empty', 'mojibake']);

export function prepareArticle(a: Article): PreparedArticle {
  const { source, fetched, ...content } = a;
  const body = JSON.stringify(content);
  // the document is the content plus where and when it was seen: serialized once, then joined
  const seen = JSON.stringify({ source, fetched });
  return {
    id: a.id, outlet: a.outlet, publishedAt: a.published?.at ?? null, title: a.title, script: a.script,
    flagged: a.flags.some((f) => NOT_NEWS.has(f)),
    hash: sha256Hex(body).slice(0, 32),
    doc: `${body.slice(0, -1)},${seen.slice(1)}`,
  };
}

/** How raw bytes are compressed: brotli since 2026-11; archives made before hold gzip. */
export type RawCodec = 'br' | 'gzip';

/** The original bytes of a file as they travel to a store: compressed where the file was parsed. */
export interface RawBlob { size: number; codec: RawCodec; data: Uint8Array }

/**
 * Brotli at quality 1: on hkcnews files 0.49 of the size in 81 µs a file, where gzip took
 * 132 µs for 0.46 (level 3) — compressing was a tenth of all parsing work. The copy into
 * an exact-size buffer lets it travel to the writing thread without its 16 KB of slack.
 */
export function packRaw(bytes: Uint8Array): RawBlob {
  const data = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 1, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } });
  return { size: bytes.length, codec: 'br', data: Uint8Array.prototype.slice.call(data) };
}

export function unpackRaw(codec: RawCodec, data: Uint8Array): Uint8Array {
  return codec === 'br' ? brotliDecompressSync(data) : gunzipSync(data);
}

/** One file's import, committed atomically with the others of its batch. */
export interface ImportItem {
  location: Location;
  sha256: string;
  raw: RawBlob;
  status: 'ok' | 'rejected' | 'skipped';
  reason?: string;
  format?: string;
  encoding?: string;
  articles: PreparedArticle[];
  /**
   * One part of a file read in parts (a feed of many items, readers/feed-parts.ts), parts
   * committed in order. The first carries the raw bytes and replaces the source's article
   * links; later ones carry none (raw.data empty) and add their links. Until the last part
   * is committed the source is recorded with parser 0, so a rerun after a crash reads the
   * whole file again.
   */
  part?: { index: number; last: boolean };
}

/**
 * A rebuild of every derived article in place (reindex): articles are overwritten batch by
 * batch, so a reader finds every article all along (the old row until the new one), and
 * `sweepDerived` at the end removes what the rebuild did not write again. A rebuild killed
 * half-way leaves old and new rows, all readable; the next one completes.
 */
export interface RebuildPass {
  /** articles written by this rebuild (the store adds them as its commits succeed) */
  articles: Set<string>;
  /** sources this rebuild reads (the caller adds them): an article linked to another source (a concurrent import) is kept */
  sources: Set<string>;
}

export const newRebuildPass = (): RebuildPass => ({ articles: new Set(), sources: new Set() });

/** The search index cannot answer until `parallax reindex` rebuilt it. */
export class StaleIndexError extends Error {}

export type ArticleOutcome = 'added' | 'updated' | 'unchanged' | 'duplicate';

export interface KnownSource {
  sha256: string;
  status: ImportItem['status'];
  reason: string | null;
  parser: number;
  articleIds: string[];
}

export interface ListFilter {
  outlet?: string;
  /** the outlet's local days (what pages show): since is the first day, until the day after the last (`untilExclusive` in extract/dates.ts) */
  since?: string;
  until?: string;
  limit?: number;
  offset?: number;
  /** include placeholders, empty and mojibake pages (default: only news) */
  includeFlagged?: boolean;
}

export interface ArchiveStats {
  articles: number;
  flagged: number;
  sources: number;
  rejected: number;
  rawBytes: number;
  storedBytes: number;
  versions: number;
  outlets: Array<{ id: string; name: string; articles: number; first: string | null; last: string | null }>;
  scripts: Record<string, number>;
  formats: Record<string, number>;
}

/** work that runs in one process at a time on an archive (Store.exclusive) */
export type ExclusiveWork = 'analysis' | 'watch';

export interface StoredSource extends Source {
  key: string;
  status: ImportItem['status'];
}

/** A parsed query with each term in every form the index holds (variants, words, grams). */
export interface SearchRequest {
  query: Query;
  /** per query term (same order), its variants */
  forms: TermForm[][];
  /** per query term, when it was read as several words (an unspaced query), each word's variants */
  words?: Array<TermForm[][] | undefined>;
  sort: 'relevance' | 'date';
  limit: number;
  offset: number;
  /** the bound of the matches counted and ranked (SEARCH_CAP unless a test or benchmark asks otherwise) */
  cap?: number;
}

/**
 * How many matches a search counts and ranks, on every store. Up to it the total is exact
 * and relevance ranks every match (in tiers, see sqlite/search.ts rankingTiers); past it the
 * total is this number and `capped` (shown as "1,000+"), the articles with every term in
 * their title come first, and each tier ranks its first matches in the index's order (rowid
 * order) until this many articles are ranked in all: a common word costs the same at
 * 10,000 articles and at 1,000,000. Pages end there (searchArchive refuses an offset past it).
 */
export const SEARCH_CAP = 1000;

/** A search that ran past its time (SEARCH_TIMEOUT_MS): the server answers 503 with Retry-After. */
export class SearchTimeoutError extends Error {}

/** The longest one search may run on a store that can stop a statement (PostgreSQL's statement_timeout). */
export const SEARCH_TIMEOUT_MS = 5000;

export interface SearchHits {
  /** the matches, exact up to the request's cap; `capped`: more match than that */
  total: number;
  capped: boolean;
  hits: Array<{ article: Article; score: number }>;
}

export type EventRole = 'report' | 'reprint' | 'update' | 'commentary' | 'preview';

export interface EventMember {
  article: string;
  outlet: string;
  role: EventRole;
  similarity: number;
  published: string | null;
  /** why the article is in: the telling words it shares with the event */
  why: string[];
}

/** One happening told by one or more articles. */
export interface EventRecord {
  id: string;
  thread: string;
  label: { hans: string; hant: string };
  keywords: string[];
  first: string | null;
  last: string | null;
  outlets: string[];
  members: EventMember[];
}

/** The events of one developing topic, in time. */
export interface ThreadRecord {
  id: string;
  label: { hans: string; hant: string };
  keywords: string[];
  first: string | null;
  last: string | null;
  events: string[];
  outlets: string[];
  articles: number;
}

/** since: with an article on or after that day; until: the day after the last (`untilExclusive`), compared with the event's first instant */
export interface EventFilter {
  since?: string; until?: string; minOutlets?: number; minEvents?: number; outlet?: string; thread?: string;
  limit?: number; offset?: number; order?: 'size' | 'time';
}

/** An article the analysis has not seen, or whose content changed since it did. */
export interface PendingArticle { id: string; hash: string }

/** What the analysis keeps of an article between runs. */
/** what lineageCandidates finds: the common keys, and each other key's holders (leaving out those excluded) */
export interface LineageCandidates { common: Set<number>; holders: Map<number, string[]> }

export interface AnalysedArticle {
  id: string;
  /** the content hash it was analysed at */
  hash: string;
  /** the time it is grouped at (ms), null when it has none */
  at: number | null;
  /** its content words and their counts (see stories/features.ts), after any marks (isMark) */
  words: Array<[string, number]>;
  /** the keys lineage finds its candidates by (LSH bands, sentence hashes) */
  keys: number[];
}

/**
 * A mark the analysis stores among an article's words (#alone, the series' #o: #d: #t: #n:):
 * no text gives one, as words keep letters and digits. Marks are no words of a language:
 * the stores count no document frequency for them.
 */
export const isMark = (w: string): boolean => w.startsWith('#');

/** One analysis run's writes: what changed, written at once. */
export interface AnalysisWrite {
  /**
   * first forget what earlier runs kept: their analysis and lineage, or that and every
   * placement of an article in an event too ('everything', a regrouping). The events,
   * threads and comparisons themselves stay readable (no page goes missing while a
   * regrouping runs) and are overwritten as it writes them again; `sweepEvents` at the end
   * of the run removes those no article is placed in any more.
   */
  reset?: 'analysis' | 'everything';
  analysed: AnalysedArticle[];
  /** lineage: the edges from or to these articles are replaced by `edges` */
  lineageOf: string[];
  edges: LineageEdge[];
  /** events and threads written or rewritten */
  events: EventRecord[];
  threads: ThreadRecord[];
}

/** A comparison as stored: JSON, with the hash of the member list it was computed from. */
export interface StoredComparison { membersHash: string; doc: string }

/**
 * What a comparison cut of one article's text (stories/article-text.ts encodeText), kept so
 * that the next comparison of its event reads it instead of cutting the text again.
 */
export interface StoredText {
  article: string;
  /** the text it was cut from (article-text.ts textKey): a row of another text is not read */
  key: string;
  /** the rules it was cut by (stored-texts.ts textVersion): a row of another version is not read */
  version: string;
  data: Uint8Array;
}

export interface Store {
  /** what the watcher keeps: sources, pages to re-check, page versions (store/watch.ts) */
  readonly watch: WatchStore;
  search(req: SearchRequest): Promise<SearchHits>;
  /** replace every lineage edge (they are recomputed as a whole) */
  replaceLineage(edges: LineageEdge[]): Promise<void>;
  /** news articles the analysis has not seen or whose content changed since, in time order (undated last) */
  pendingAnalysis(): Promise<PendingArticle[]>;
  /** how many articles the analysis has seen */
  analysedCount(): Promise<number>;
  /** whether any article waits for the analysis (cheap: what a poller asks) */
  analysisPending(): Promise<boolean>;
  /**
   * Run `fn` while no other process on the archive runs the same work: two analysis runs
   * interleaved would both group the same new articles and build the same event twice;
   * two polling rounds would fetch the same due pages twice (and break per-host spacing).
   */
  exclusive<T>(what: ExclusiveWork, fn: () => Promise<T>): Promise<T>;
  /** whether some instance (any process) runs `what` now, inside `exclusive` (a page can say "being regrouped" instead of "not found") */
  running(what: ExclusiveWork): Promise<boolean>;
  /** one analysis run's results, in one transaction */
  writeAnalysis(w: AnalysisWrite): Promise<void>;
  /** analysed articles grouped between two times (ms, inclusive), in time order */
  analysedBetween(from: number, to: number): Promise<Array<{ id: string; at: number; words: Array<[string, number]> }>>;
  /** document frequencies of words among analysed articles, and their number */
  wordFrequencies(words: Iterable<string>): Promise<{ n: number; df: Map<string, number> }>;
  /** analysed articles sharing a lineage key; a key held by more than `capOf(key)` is common and brings none */
  lineageCandidates(keys: Iterable<number>, exclude: ReadonlySet<string>, capOf: (key: number) => number): Promise<LineageCandidates>;
  /** the events of these articles and those events' threads */
  placementsOf(ids: Iterable<string>): Promise<{ events: Map<string, string>; threads: Map<string, string> }>;
  /** edges from or to an article */
  lineageOf(id: string): Promise<LineageEdge[]>;
  allLineage(): Promise<LineageEdge[]>;
  /** article → event, for every placed article */
  eventPlacements(): Promise<Map<string, string>>;
  /** event → thread */
  threadPlacements(): Promise<Map<string, string>>;
  /**
   * the end of a full analysis run: delete the events no article is placed in (left by a
   * regrouping), the threads without events and the comparisons of events gone; returns
   * how many events were deleted
   */
  sweepEvents(): Promise<number>;
  /** replace the events and threads (placements of articles already placed are kept by the caller) */
  saveEvents(events: readonly EventRecord[], threads: readonly ThreadRecord[]): Promise<void>;
  listEvents(filter: EventFilter): Promise<{ total: number; events: EventRecord[] }>;
  getEvent(id: string): Promise<EventRecord | undefined>;
  eventOf(articleId: string): Promise<string | undefined>;
  listThreads(filter: EventFilter): Promise<{ total: number; threads: ThreadRecord[] }>;
  getThread(id: string): Promise<ThreadRecord | undefined>;
  getComparison(eventId: string): Promise<StoredComparison | undefined>;
  /** a comparison, and in the same transaction the texts it cut (each replaces the article's row, whatever its version) */
  saveComparison(eventId: string, c: StoredComparison, texts?: readonly StoredText[]): Promise<void>;
  /** the stored texts of these articles cut by `version` (rows of other versions are left out) */
  articleTexts(ids: readonly string[], version: string): Promise<Map<string, StoredText>>;
  /** what analysis learnt of an article's outlet and date (a wire text named by the dateline of a copy) */
  attributeArticle(id: string, outlet: OutletRef, published: Article['published']): Promise<void>;
  articlesByIds(ids: readonly string[]): Promise<Article[]>;
  /** changes whenever the set or content of articles changes: says when analysis is stale */
  articlesStamp(): Promise<string>;
  /**
   * Many writes follow (an import) or they are over: meanwhile a store may trade its read
   * caches for memory. `ends`: the writes are one run that ends (an import, a reindex; not a
   * watcher), so a store may hold counts it derives from them (PostgreSQL's search_df) to
   * the end, where searches rank with the counts from before the run meanwhile. `load`: an
   * ending run that may outgrow what the archive held (the benchmarks' replicas; `parallax
   * import` does not ask for it, see docs/scaling.md), so a store may also set its search
   * index aside and build it again when `bulkWrites(false)` ends it (searches stay right
   * meanwhile, only slower); `close` waits for that.
   */
  bulkWrites(on: boolean, opts?: { load?: boolean; ends?: boolean }): void;
  /** what the run `bulkWrites(false)` ended still had to do is done (its held counts, its search index) */
  settled(): Promise<void>;
  /** changes whenever anything in the archive changed, by this process or another: cheap, keys caches */
  generation(): Promise<string>;
  getMeta(key: string): Promise<string | undefined>;
  setMeta(key: string, value: string): Promise<void>;
  /** what the store knows of a location: lets an import skip files whose bytes did not change */
  knownSource(key: string): Promise<KnownSource | undefined>;
  /** knownSource of many locations at once (an import asks for a run of files in one round trip); unknown keys are absent */
  knownSources(keys: readonly string[]): Promise<Map<string, KnownSource>>;
  /**
   * commit one batch of files atomically; returns one outcome per article, in order. In a
   * rebuild, an article not yet written by it is overwritten whole (source, no earlier
   * version kept) and counts as added.
   */
  commit(items: ImportItem[], parserVersion: number, rebuild?: RebuildPass): Promise<ArticleOutcome[][]>;
  getArticle(id: string): Promise<Article | undefined>;
  /** every source an article was found in */
  articleSources(id: string): Promise<StoredSource[]>;
  /** earlier versions of an article, newest first */
  articleVersions(id: string): Promise<Array<{ version: number; replacedAt: string; article: Article }>>;
  /** record a folder, file or local repository an import was named with (absolute, symlinks resolved) */
  addImportRoot(path: string): Promise<void>;
  /** every recorded import root: what paths shown to clients are made relative to */
  importRoots(): Promise<string[]>;
  getRaw(sha256: string): Promise<Uint8Array | undefined>;
  listArticles(filter: ListFilter): Promise<Article[]>;
  outlets(): Promise<OutletRef[]>;
  stats(): Promise<ArchiveStats>;
  /** every article that is news (not flagged), in no particular order */
  allArticles(): AsyncIterable<Article>;
  /** all stored sources in import order, with their raw bytes: what reindex rebuilds from */
  allSources(): AsyncIterable<{ key: string; location: Location; sha256: string; bytes: Uint8Array }>;
  /**
   * the end of a rebuild: delete, in short transactions, every article it did not write
   * again (and not linked to a source outside it), and the marks of a stale or missing
   * index; returns how many were deleted
   */
  sweepDerived(rebuild: RebuildPass): Promise<number>;
  close(): Promise<void>;
}
