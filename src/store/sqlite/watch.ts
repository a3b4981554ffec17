// Watched sources, watched pages and page versions in the SQLite store. A check's new
// page state and its version are written in one transaction, so a process killed in
// the middle of polling leaves either both or neither, and a rerun adds no duplicate.
import { FAILURE_WINDOW_MS, PAGE_COLUMNS, pageValues, toPage, toSource, toVersion, type PageRow, type SourceRow, type VersionRow } from '../watch-rows.js';
import type Database from 'better-sqlite3';
import type { RawBlob } from '../store.js';
import type { SqliteRaw } from './raw.js';
import type { ChangeFilter, PageVersion, WatchedPage, WatchKind, WatchSource, WatchStore } from '../watch.js';

export const WATCH_SCHEMA = `
CREATE TABLE IF NOT EXISTS watch_sources (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  url TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  outlet TEXT,
  state TEXT NOT NULL DEFAULT 'active',
  added_at TEXT NOT NULL,
  next_poll_at TEXT,
  interval_s INTEGER NOT NULL,
  last_attempt_at TEXT, last_success_at TEXT, last_error TEXT,
  failure_run REAL NOT NULL DEFAULT 0,
  failing_since TEXT,
  etag TEXT, last_modified TEXT, body_sha256 TEXT, last_unconditional_at TEXT,
  etag_unreliable INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS watch_sources_due ON watch_sources(next_poll_at) WHERE state = 'active';
CREATE TABLE IF NOT EXISTS watch_failures (
  source_id INTEGER NOT NULL, at TEXT NOT NULL, weight REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS watch_failures_source ON watch_failures(source_id, at);
CREATE TABLE IF NOT EXISTS watch_items (
  source_id INTEGER NOT NULL, url TEXT NOT NULL, first_seen_at TEXT NOT NULL, published_at TEXT,
  PRIMARY KEY (source_id, url)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS watch_pages (
  url TEXT PRIMARY KEY,
  source_id INTEGER,
  article_id TEXT,
  outlet TEXT,
  first_seen_at TEXT NOT NULL,
  state TEXT NOT NULL,
  next_check_at TEXT,
  last_seen_at TEXT, last_fetch_at TEXT,
  failures INTEGER NOT NULL DEFAULT 0, last_error TEXT,
  etag TEXT, last_modified TEXT, last_unconditional_at TEXT,
  text_hash TEXT
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS watch_pages_due ON watch_pages(next_check_at);
CREATE INDEX IF NOT EXISTS watch_pages_article ON watch_pages(article_id);
CREATE TABLE IF NOT EXISTS page_versions (
  url TEXT NOT NULL,
  seq INTEGER NOT NULL,
  at TEXT NOT NULL,
  kind TEXT NOT NULL,
  cause TEXT,
  last_seen TEXT, first_missing TEXT,
  title TEXT NOT NULL,
  paragraphs TEXT NOT NULL,
  text_hash TEXT NOT NULL,
  status INTEGER NOT NULL,
  final_url TEXT NOT NULL,
  headers TEXT NOT NULL,
  raw_sha256 TEXT,
  article_id TEXT,
  outlet TEXT,
  PRIMARY KEY (url, seq)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS page_versions_at ON page_versions(at);
CREATE TABLE IF NOT EXISTS watch_furniture (origin TEXT PRIMARY KEY, doc TEXT NOT NULL) WITHOUT ROWID;
`;

const PAGE_INSERT = `INSERT INTO watch_pages (${PAGE_COLUMNS.join(', ')}) VALUES (${PAGE_COLUMNS.map(() => '?').join(', ')})`;

export class SqliteWatch implements WatchStore {
  constructor(private readonly db: Database.Database, private readonly raw: SqliteRaw, private readonly onWrite: () => void) {}

  async addSource(s: { url: string; kind: WatchKind; outlet: string | null; at: string; nextPollAt: string | null; intervalS: number }): Promise<{ id: number; added: boolean }> {
    this.onWrite();
    const r = this.db.prepare(`INSERT INTO watch_sources (url, kind, outlet, added_at, next_poll_at, interval_s) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT(url) DO NOTHING`).run(s.url, s.kind, s.outlet, s.at, s.nextPollAt, s.intervalS);
    const id = (this.db.prepare('SELECT id FROM watch_sources WHERE url = ?').get(s.url) as { id: number }).id;
    return { id, added: r.changes > 0 };
  }

  private sourceRow(idOrUrl: string): SourceRow | undefined {
    const byId = /^\d+$/.test(idOrUrl);
    return this.db.prepare(`SELECT * FROM watch_sources WHERE ${byId ? 'id' : 'url'} = ?`).get(byId ? Number(idOrUrl) : idOrUrl) as SourceRow | undefined;
  }

  async removeSource(idOrUrl: string): Promise<boolean> {
    const row = this.sourceRow(idOrUrl);
    if (!row) return false;
    this.onWrite();
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM watch_sources WHERE id = ?').run(row.id);
      this.db.prepare('DELETE FROM watch_items WHERE source_id = ?').run(row.id);
      this.db.prepare('DELETE FROM watch_failures WHERE source_id = ?').run(row.id);
    }).immediate();
    return true;
  }

  async getSource(idOrUrl: string): Promise<WatchSource | undefined> {
    const r = this.sourceRow(idOrUrl);
    return r ? toSource(r) : undefined;
  }

  async listSources(now: string): Promise<WatchSource[]> {
    const since = new Date(Date.parse(now) - FAILURE_WINDOW_MS).toISOString();
    const rows = this.db.prepare(`SELECT s.*,
        (SELECT coalesce(sum(weight), 0) FROM watch_failures f WHERE f.source_id = s.id AND f.at >= ?) AS errors7d,
        (SELECT count(*) FROM watch_pages p WHERE p.source_id = s.id) AS pages
      FROM watch_sources s ORDER BY s.id`).all(since) as SourceRow[];
    return rows.map(toSource);
  }

  async dueSources(now: string, limit: number): Promise<WatchSource[]> {
    return (this.db.prepare(`SELECT * FROM watch_sources WHERE state = 'active' AND next_poll_at IS NOT NULL AND next_poll_at <= ?
      ORDER BY next_poll_at LIMIT ?`).all(now, limit) as SourceRow[]).map(toSource);
  }

  async saveSourceState(s: WatchSource, failure?: { at: string; weight: number }): Promise<void> {
    this.onWrite();
    this.db.transaction(() => {
      this.db.prepare(`UPDATE watch_sources SET state = @state, outlet = @outlet, next_poll_at = @nextPollAt, interval_s = @intervalS,
        last_attempt_at = @lastAttemptAt, last_success_at = @lastSuccessAt, last_error = @lastError, failure_run = @failureRun,
        failing_since = @failingSince, etag = @etag, last_modified = @lastModified, body_sha256 = @bodySha256,
        last_unconditional_at = @lastUnconditionalAt, etag_unreliable = @etagUnreliable WHERE id = @id`)
        .run({ ...s, etagUnreliable: s.etagUnreliable ? 1 : 0, errors7d: undefined, pages: undefined } as never);
      if (failure) this.db.prepare('INSERT INTO watch_failures (source_id, at, weight) VALUES (?, ?, ?)').run(s.id, failure.at, failure.weight);
      // the log is read for a week back only
      this.db.prepare('DELETE FROM watch_failures WHERE source_id = ? AND at < ?').run(s.id, new Date(Date.parse(s.lastAttemptAt ?? s.addedAt) - 2 * FAILURE_WINDOW_MS).toISOString());
    }).immediate();
  }

  async failureWeight(sourceId: number, since: string): Promise<number> {
    return (this.db.prepare('SELECT coalesce(sum(weight), 0) AS w FROM watch_failures WHERE source_id = ? AND at >= ?').get(sourceId, since) as { w: number }).w;
  }

  async knownItems(sourceId: number, urls: readonly string[]): Promise<Set<string>> {
    const q = this.db.prepare('SELECT 1 FROM watch_items WHERE source_id = ? AND url = ?').pluck();
    return new Set(urls.filter((u) => q.get(sourceId, u) !== undefined));
  }

  async addItems(sourceId: number, items: ReadonlyArray<{ url: string; published: string | null }>, at: string): Promise<void> {
    this.onWrite();
    const put = this.db.prepare('INSERT OR IGNORE INTO watch_items (source_id, url, first_seen_at, published_at) VALUES (?, ?, ?, ?)');
    this.db.transaction(() => { for (const it of items) put.run(sourceId, it.url, at, it.published); }).immediate();
  }

  async getPage(url: string): Promise<WatchedPage | undefined> {
    const r = this.db.prepare('SELECT * FROM watch_pages WHERE url = ?').get(url) as PageRow | undefined;
    return r ? toPage(r) : undefined;
  }

  async pageOfArticle(articleId: string): Promise<WatchedPage | undefined> {
    const r = this.db.prepare('SELECT * FROM watch_pages WHERE article_id = ? ORDER BY first_seen_at LIMIT 1').get(articleId) as PageRow | undefined;
    return r ? toPage(r) : undefined;
  }

  async addPage(p: WatchedPage): Promise<boolean> {
    this.onWrite();
    return this.db.prepare(`${PAGE_INSERT} ON CONFLICT(url) DO NOTHING`).run(...pageValues(p)).changes > 0;
  }

  async duePages(now: string, limit: number): Promise<WatchedPage[]> {
    return (this.db.prepare('SELECT * FROM watch_pages WHERE next_check_at IS NOT NULL AND next_check_at <= ? ORDER BY next_check_at LIMIT ?')
      .all(now, limit) as PageRow[]).map(toPage);
  }

  async recheckAll(now: string): Promise<number> {
    this.onWrite();
    return this.db.prepare('UPDATE watch_pages SET next_check_at = ? WHERE next_check_at IS NOT NULL').run(now).changes;
  }

  async nextDue(): Promise<string | null> {
    const r = this.db.prepare(`SELECT min(t) AS t FROM (
      SELECT min(next_poll_at) AS t FROM watch_sources WHERE state = 'active'
      UNION ALL SELECT min(next_check_at) FROM watch_pages)`).get() as { t: string | null };
    return r.t;
  }

  async recordCheck(page: WatchedPage, version?: Omit<PageVersion, 'seq'>, raw?: { sha256: string; blob: RawBlob }): Promise<boolean> {
    this.onWrite();
    return this.db.transaction(() => {
      let recorded = false;
      if (version) {
        const last = this.db.prepare('SELECT seq, kind, text_hash, at FROM page_versions WHERE url = ? ORDER BY seq DESC LIMIT 1').get(page.url) as { seq: number; kind: string; text_hash: string; at: string } | undefined;
        // the same change seen again (a rerun after a crash between fetch and commit) is one version
        const repeat = last && last.kind === version.kind && last.text_hash === version.textHash;
        if (!repeat) {
          if (raw) this.raw.put(raw.sha256, raw.blob);
          this.db.prepare(`INSERT INTO page_versions (url, seq, at, kind, cause, last_seen, first_missing, title, paragraphs, text_hash, status, final_url, headers, raw_sha256, article_id, outlet)
            VALUES (@url, @seq, @at, @kind, @cause, @lastSeen, @firstMissing, @title, @paragraphs, @textHash, @status, @finalUrl, @headers, @rawSha256, @articleId, @outlet)`).run({
            ...version, seq: (last?.seq ?? 0) + 1, paragraphs: JSON.stringify(version.paragraphs), headers: JSON.stringify(version.headers),
          });
          recorded = true;
        }
      }
      this.db.prepare(`${PAGE_INSERT}
        ON CONFLICT(url) DO UPDATE SET ${PAGE_COLUMNS.slice(1).map((c) => `${c} = excluded.${c}`).join(', ')}`).run(...pageValues(page));
      return recorded;
    }).immediate();
  }

  async versions(url: string): Promise<PageVersion[]> {
    return (this.db.prepare('SELECT * FROM page_versions WHERE url = ? ORDER BY seq').all(url) as VersionRow[]).map(toVersion);
  }

  async getFurniture(origin: string): Promise<string | undefined> {
    return (this.db.prepare('SELECT doc FROM watch_furniture WHERE origin = ?').get(origin) as { doc: string } | undefined)?.doc;
  }

  async saveFurniture(origin: string, doc: string): Promise<void> {
    this.onWrite();
    this.db.prepare('INSERT INTO watch_furniture (origin, doc) VALUES (?, ?) ON CONFLICT(origin) DO UPDATE SET doc = excluded.doc').run(origin, doc);
  }

  async changes(f: ChangeFilter): Promise<PageVersion[]> {
    const rows = this.db.prepare(`SELECT * FROM page_versions WHERE kind != 'first' AND at >= @since
      ${f.outlet ? 'AND outlet = @outlet' : ''} ORDER BY at DESC, url LIMIT @limit`).all({ since: f.since, outlet: f.outlet ?? null, limit: f.limit ?? 200 }) as VersionRow[];
    return rows.map(toVersion);
  }

  async pageCount(): Promise<number> {
    return (this.db.prepare('SELECT count(*) AS n FROM watch_pages').get() as { n: number }).n;
  }
}
