// What the watcher keeps: the sources it polls, the pages it re-checks, and every
// version of a page (a removal is a version too). Times are ISO strings (UTC).
import type { RawBlob } from './store.js';

export type WatchKind = 'feed' | 'sitemap' | 'page';
export type WatchState = 'active' | 'paused';

export interface WatchSource {
  id: number;
  url: string;
  kind: WatchKind;
  outlet: string | null;
  state: WatchState;
  addedAt: string;
  /** null: not polled on its own (a single article URL is re-checked on the ladder) */
  nextPollAt: string | null;
  intervalS: number;
  lastAttemptAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  /** failures since the last success (partial failures count as fractions) */
  failureRun: number;
  failingSince: string | null;
  etag: string | null;
  lastModified: string | null;
  bodySha256: string | null;
  lastUnconditionalAt: string | null;
  /** the server answered a new body under an old ETag: its validators are not sent again */
  etagUnreliable: boolean;
  /** failures of the last 7 days (filled by listSources) */
  errors7d?: number;
  /** pages found through this source (filled by listSources) */
  pages?: number;
}

export type PageState = 'pending' | 'present' | 'removed';
export type VersionKind = 'first' | 'edit' | 'removed' | 'restored';
export type RemovalCause = 'http-404' | 'http-410' | 'redirect-home' | 'soft-404' | 'notice' | 'empty';

export interface WatchedPage {
  url: string;
  sourceId: number | null;
  articleId: string | null;
  outlet: string | null;
  firstSeenAt: string;
  state: PageState;
  /** null: the ladder is over */
  nextCheckAt: string | null;
  /** the last fetch that showed the current state's content (present: the text; removed: the removal) */
  lastSeenAt: string | null;
  lastFetchAt: string | null;
  failures: number;
  lastError: string | null;
  etag: string | null;
  lastModified: string | null;
  lastUnconditionalAt: string | null;
  /** the compared form of the current text (see watch/fingerprint.ts) */
  textHash: string | null;
}

export interface PageVersion {
  url: string;
  seq: number;
  /** when this version was first seen */
  at: string;
  kind: VersionKind;
  cause: RemovalCause | null;
  /** the last fetch that showed the state before this version */
  lastSeen: string | null;
  /** the first fetch that showed this version (= at) */
  firstMissing: string | null;
  title: string;
  paragraphs: string[];
  textHash: string;
  status: number;
  finalUrl: string;
  headers: Record<string, string>;
  rawSha256: string | null;
  articleId: string | null;
  outlet: string | null;
}

export interface ChangeFilter { since: string; outlet?: string; limit?: number }

export interface WatchStore {
  /** returns the source's id and whether it was new */
  addSource(s: { url: string; kind: WatchKind; outlet: string | null; at: string; nextPollAt: string | null; intervalS: number }): Promise<{ id: number; added: boolean }>;
  /** by id or URL; its pages stay (their history is the archive's) */
  removeSource(idOrUrl: string): Promise<boolean>;
  getSource(idOrUrl: string): Promise<WatchSource | undefined>;
  listSources(now: string): Promise<WatchSource[]>;
  dueSources(now: string, limit: number): Promise<WatchSource[]>;
  /** save a source's poll state; a failure's weight (0 < w ≤ 1) is logged with it */
  saveSourceState(s: WatchSource, failure?: { at: string; weight: number }): Promise<void>;
  /** failures logged for a source since a time */
  failureWeight(sourceId: number, since: string): Promise<number>;
  /** of these item URLs, the ones the source has listed before */
  knownItems(sourceId: number, urls: readonly string[]): Promise<Set<string>>;
  addItems(sourceId: number, items: ReadonlyArray<{ url: string; published: string | null }>, at: string): Promise<void>;
  getPage(url: string): Promise<WatchedPage | undefined>;
  pageOfArticle(articleId: string): Promise<WatchedPage | undefined>;
  /** add a page to re-check if it is not watched yet */
  addPage(p: WatchedPage): Promise<boolean>;
  duePages(now: string, limit: number): Promise<WatchedPage[]>;
  /** every page whose ladder is not over becomes due now; returns how many */
  recheckAll(now: string): Promise<number>;
  /** next time anything is due (source poll or page check) */
  nextDue(): Promise<string | null>;
  /**
   * One check's outcome, atomically: the page's new state and, when something changed,
   * its new version and the raw bytes that showed it. A version equal to the page's last
   * one (a rerun after a crash) is not recorded twice.
   */
  recordCheck(page: WatchedPage, version?: Omit<PageVersion, 'seq'>, raw?: { sha256: string; blob: RawBlob }): Promise<boolean>;
  versions(url: string): Promise<PageVersion[]>;
  /** what the watcher learnt of a host's page furniture (watch/boilerplate.ts), as JSON */
  getFurniture(origin: string): Promise<string | undefined>;
  saveFurniture(origin: string, doc: string): Promise<void>;
  /** edits, removals and restorations since a time, newest first */
  changes(f: ChangeFilter): Promise<PageVersion[]>;
  pageCount(): Promise<number>;
}
