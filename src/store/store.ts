// The Store interface: everything Parallax keeps goes through it. SQLite is the
// embedded default (store/sqlite.ts); a PostgreSQL implementation satisfies the same
// interface and the same contract tests. Database specifics stay inside each one.
import type { Article, OutletRef, Source } from '../article.js';

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

/** One file's import, committed atomically with the others of its batch. */
export interface ImportItem {
  location: Location;
  sha256: string;
  /** the original bytes (the store compresses them) */
  bytes: Uint8Array;
  status: 'ok' | 'rejected' | 'skipped';
  reason?: string;
  format?: string;
  encoding?: string;
  articles: Article[];
}

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

export interface StoredSource extends Source {
  key: string;
  status: ImportItem['status'];
}

export interface Store {
  /** what the store knows of a location: lets an import skip files whose bytes did not change */
  knownSource(key: string): Promise<KnownSource | undefined>;
  /** commit one batch of files atomically; returns one outcome per article, in order */
  commit(items: ImportItem[], parserVersion: number): Promise<ArticleOutcome[][]>;
  getArticle(id: string): Promise<Article | undefined>;
  /** every source an article was found in */
  articleSources(id: string): Promise<StoredSource[]>;
  /** earlier versions of an article, newest first */
  articleVersions(id: string): Promise<Array<{ version: number; replacedAt: string; article: Article }>>;
  getRaw(sha256: string): Promise<Uint8Array | undefined>;
  listArticles(filter: ListFilter): Promise<Article[]>;
  outlets(): Promise<OutletRef[]>;
  stats(): Promise<ArchiveStats>;
  /** all stored sources in import order, with their raw bytes: what reindex rebuilds from */
  allSources(): AsyncIterable<{ key: string; location: Location; sha256: string; bytes: Uint8Array }>;
  /** drop every derived article (reindex rebuilds them from raw) */
  clearDerived(): Promise<void>;
  close(): Promise<void>;
}
