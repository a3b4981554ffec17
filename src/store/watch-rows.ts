// The watch tables' rows as both stores read them (the PostgreSQL schema mirrors SQLite's
// column for column): one mapping to the WatchStore types. The drivers differ only in how
// a value arrives: ids and counts as numbers (SQLite) or bigint strings (pg), booleans as
// 0/1 (SQLite) or true/false (pg).
import type { PageVersion, WatchedPage, WatchKind, WatchSource } from './watch.js';

/** the window failures are counted over before a source is paused (30 failures in 7 days) */
export const FAILURE_WINDOW_MS = 7 * 86_400_000;

export interface SourceRow {
  id: number | string; url: string; kind: WatchKind; outlet: string | null; state: WatchSource['state']; added_at: string;
  next_poll_at: string | null; interval_s: number; last_attempt_at: string | null; last_success_at: string | null; last_error: string | null;
  failure_run: number; failing_since: string | null; etag: string | null; last_modified: string | null; body_sha256: string | null;
  last_unconditional_at: string | null; etag_unreliable: number | boolean; errors7d?: number; pages?: number | string;
}

export const toSource = (r: SourceRow): WatchSource => ({
  id: Number(r.id), url: r.url, kind: r.kind, outlet: r.outlet, state: r.state, addedAt: r.added_at, nextPollAt: r.next_poll_at,
  intervalS: r.interval_s, lastAttemptAt: r.last_attempt_at, lastSuccessAt: r.last_success_at, lastError: r.last_error,
  failureRun: r.failure_run, failingSince: r.failing_since, etag: r.etag, lastModified: r.last_modified, bodySha256: r.body_sha256,
  lastUnconditionalAt: r.last_unconditional_at, etagUnreliable: r.etag_unreliable === true || r.etag_unreliable === 1,
  ...(r.errors7d !== undefined ? { errors7d: Math.round(r.errors7d * 100) / 100 } : {}), ...(r.pages !== undefined ? { pages: Number(r.pages) } : {}),
});

export interface PageRow {
  url: string; source_id: number | string | null; article_id: string | null; outlet: string | null; first_seen_at: string; state: WatchedPage['state'];
  next_check_at: string | null; last_seen_at: string | null; last_fetch_at: string | null; failures: number; last_error: string | null;
  etag: string | null; last_modified: string | null; last_unconditional_at: string | null; text_hash: string | null;
}

export const toPage = (r: PageRow): WatchedPage => ({
  url: r.url, sourceId: r.source_id === null ? null : Number(r.source_id), articleId: r.article_id, outlet: r.outlet, firstSeenAt: r.first_seen_at,
  state: r.state, nextCheckAt: r.next_check_at, lastSeenAt: r.last_seen_at, lastFetchAt: r.last_fetch_at, failures: r.failures, lastError: r.last_error,
  etag: r.etag, lastModified: r.last_modified, lastUnconditionalAt: r.last_unconditional_at, textHash: r.text_hash,
});

/** the watch_pages columns in the order `pageValues` gives them */
export const PAGE_COLUMNS = ['url', 'source_id', 'article_id', 'outlet', 'first_seen_at', 'state', 'next_check_at', 'last_seen_at', 'last_fetch_at',
  'failures', 'last_error', 'etag', 'last_modified', 'last_unconditional_at', 'text_hash'] as const;
export const pageValues = (p: WatchedPage): unknown[] => [p.url, p.sourceId, p.articleId, p.outlet, p.firstSeenAt, p.state, p.nextCheckAt, p.lastSeenAt,
  p.lastFetchAt, p.failures, p.lastError, p.etag, p.lastModified, p.lastUnconditionalAt, p.textHash];

export interface VersionRow {
  url: string; seq: number; at: string; kind: PageVersion['kind']; cause: PageVersion['cause']; last_seen: string | null; first_missing: string | null;
  title: string; paragraphs: string; text_hash: string; status: number; final_url: string; headers: string; raw_sha256: string | null;
  article_id: string | null; outlet: string | null;
}

export const toVersion = (r: VersionRow): PageVersion => ({
  url: r.url, seq: r.seq, at: r.at, kind: r.kind, cause: r.cause, lastSeen: r.last_seen, firstMissing: r.first_missing, title: r.title,
  paragraphs: JSON.parse(r.paragraphs) as string[], textHash: r.text_hash, status: r.status, finalUrl: r.final_url,
  headers: JSON.parse(r.headers) as Record<string, string>, rawSha256: r.raw_sha256, articleId: r.article_id, outlet: r.outlet,
});
