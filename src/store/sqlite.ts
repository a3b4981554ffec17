// The embedded store: one SQLite file (better-sqlite3, WAL). Raw bytes are kept
// compressed (brotli; gzip in archives made before 2026-11) and keyed by their sha256;
// articles are derived from them.
import Database from 'better-sqlite3';
import { Article, type OutletRef } from '../article.js';
import {
  locationKey, StaleIndexError, unpackRaw, type RawCodec, type ArchiveStats, type ArticleOutcome, type ImportItem, type KnownSource, type ListFilter,
  type Location, type SearchHits, type SearchRequest, type Store, type StoredSource, type EventFilter, type EventRecord, type StoredComparison, type ThreadRecord,
  type AnalysisWrite, type PendingArticle,
} from './store.js';
import type { LineageEdge } from '../dedup/lineage.js';
import type { IndexDoc } from '../search/index-doc.js';
import { EVENTS_SCHEMA, SqliteEvents } from './sqlite-events.js';
import { ANALYSIS_SCHEMA, SqliteAnalysis } from './sqlite-analysis.js';
import { SqliteWatch, WATCH_SCHEMA } from './sqlite-watch.js';
import { IMPORT_ROOTS_SCHEMA, SqliteImportRoots } from './sqlite-import-roots.js';
import type { WatchStore } from './watch.js';
import { shiftDay } from '../extract/dates.js';
import { BM25, BROAD_QUERY, hasWordTerms, matchExpression, SEARCH_FORMAT, SEARCH_SCHEMA, SEARCH_SETTINGS } from './sqlite-search.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS raw (
  sha256 TEXT PRIMARY KEY,
  size INTEGER NOT NULL,
  data BLOB NOT NULL,
  codec TEXT NOT NULL DEFAULT 'gzip'
);
CREATE TABLE IF NOT EXISTS sources (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  key TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL, path TEXT, url TEXT, repo TEXT, git_commit TEXT,
  sha256 TEXT NOT NULL REFERENCES raw(sha256),
  status TEXT NOT NULL, reason TEXT, format TEXT, encoding TEXT,
  parser INTEGER NOT NULL,
  seen_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS outlets (id TEXT PRIMARY KEY, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
  id TEXT PRIMARY KEY,
  outlet_id TEXT NOT NULL,
  -- distribution key for a sharded server deployment: the month of publication
  month TEXT NOT NULL,
  published_at TEXT,
  title TEXT NOT NULL,
  script TEXT NOT NULL,
  flagged INTEGER NOT NULL,
  content_hash TEXT NOT NULL,
  version INTEGER NOT NULL,
  source_key TEXT NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_outlet ON articles(outlet_id, published_at);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published_at);
CREATE TABLE IF NOT EXISTS article_sources (
  article_id TEXT NOT NULL,
  source_key TEXT NOT NULL,
  PRIMARY KEY (article_id, source_key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS article_sources_key ON article_sources(source_key);
CREATE TABLE IF NOT EXISTS lineage (
  from_id TEXT NOT NULL, to_id TEXT NOT NULL, kind TEXT NOT NULL, score REAL NOT NULL,
  PRIMARY KEY (from_id, to_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS lineage_to ON lineage(to_id);
CREATE TABLE IF NOT EXISTS article_versions (
  article_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  replaced_at TEXT NOT NULL,
  doc TEXT NOT NULL,
  PRIMARY KEY (article_id, version)
) WITHOUT ROWID;
`;

/**
 * Page cache sizes. Searches gain 10–20 % from a 64 MB cache; imports gain nothing from
 * more than 16 MB (measured on hkcnews-10k: same speed, 40–75 MB less peak RSS).
 */
const READ_CACHE_KB = 65536;
const WRITE_CACHE_KB = 16384;

/** a search row to write (doc null: remove the row) */
interface SearchRow { rowid: number | bigint; doc: IndexDoc | null }

export class SqliteStore implements Store {
  readonly db: Database.Database;
  private readonly stmts;
  private readonly events: SqliteEvents;
  private readonly analysis: SqliteAnalysis;
  private readonly roots: SqliteImportRoots;
  /** watched sources, pages and page versions (sqlite-watch.ts) */
  readonly watch: WatchStore;

  /** commits made through this connection (see generation) */
  private writes = 0;
  /** matches above which relevance is ranked in tiers (see BROAD_QUERY) */
  private readonly broadQuery: number;

  constructor(file: string, opts: { broadQuery?: number } = {}) {
    this.broadQuery = opts.broadQuery ?? BROAD_QUERY;
    this.db = new Database(file);
    // the busy timeout first: two processes opening a new archive at once both switch it to
    // WAL, and without a timeout the second fails at once with 'database is locked'
    this.db.pragma('busy_timeout = 10000');
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma(`cache_size = -${READ_CACHE_KB}`);
    this.db.pragma('foreign_keys = ON');
    this.db.exec(SCHEMA);
    this.db.exec(EVENTS_SCHEMA);
    this.db.exec(ANALYSIS_SCHEMA);
    this.events = new SqliteEvents(this.db);
    this.analysis = new SqliteAnalysis(this.db);
    this.db.exec(WATCH_SCHEMA);
    this.watch = new SqliteWatch(this.db, () => { this.writes++; });
    this.db.exec(IMPORT_ROOTS_SCHEMA);
    this.roots = new SqliteImportRoots(this.db);
    this.upgradeRaw();
    this.upgradeSearch();
    this.stmts = {
      knownSource: this.db.prepare('SELECT sha256, status, reason, parser FROM sources WHERE key = ?'),
      sourceArticles: this.db.prepare('SELECT article_id FROM article_sources WHERE source_key = ?'),
      putRaw: this.db.prepare('INSERT OR IGNORE INTO raw (sha256, size, data, codec) VALUES (?, ?, ?, ?)'),
      hasRaw: this.db.prepare('SELECT 1 FROM raw WHERE sha256 = ?'),
      putSource: this.db.prepare(`INSERT INTO sources (key, kind, path, url, repo, git_commit, sha256, status, reason, format, encoding, parser, seen_at)
        VALUES (@key, @kind, @path, @url, @repo, @commit, @sha256, @status, @reason, @format, @encoding, @parser, @seen)
        ON CONFLICT(key) DO UPDATE SET sha256 = excluded.sha256, status = excluded.status, reason = excluded.reason,
          format = excluded.format, encoding = excluded.encoding, parser = excluded.parser, git_commit = excluded.git_commit, seen_at = excluded.seen_at`),
      getArticleRow: this.db.prepare('SELECT rowid, content_hash, version, source_key, doc FROM articles WHERE id = ?'),
      indexDoc: this.db.prepare('INSERT INTO search (rowid, title_w, title_g, body_g, body_w, tags) VALUES (?, ?, ?, ?, ?, ?)'),
      markUnindexed: this.db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('search_missing', '1')"),
      unindex: this.db.prepare('DELETE FROM search WHERE rowid = ?'),
      insertArticle: this.db.prepare(`INSERT INTO articles (id, outlet_id, month, published_at, title, script, flagged, content_hash, version, source_key, doc)
        VALUES (@id, @outlet, @month, @published, @title, @script, @flagged, @hash, 1, @sourceKey, @doc)`),
      updateArticle: this.db.prepare(`UPDATE articles SET outlet_id = @outlet, month = @month, published_at = @published, title = @title,
        script = @script, flagged = @flagged, content_hash = @hash, version = version + 1, doc = @doc WHERE id = @id`),
      saveVersion: this.db.prepare('INSERT OR REPLACE INTO article_versions (article_id, version, replaced_at, doc) VALUES (?, ?, ?, ?)'),
      link: this.db.prepare('INSERT OR IGNORE INTO article_sources (article_id, source_key) VALUES (?, ?)'),
      unlinkSource: this.db.prepare('DELETE FROM article_sources WHERE source_key = ?'),
      putOutlet: this.db.prepare('INSERT OR IGNORE INTO outlets (id, doc) VALUES (?, ?)'),
      getDoc: this.db.prepare('SELECT doc FROM articles WHERE id = ?'),
      docAt: this.db.prepare('SELECT doc FROM articles WHERE rowid = ?'),
      dataVersion: this.db.prepare('PRAGMA data_version').pluck(),
      searchStale: this.db.prepare("SELECT key FROM meta WHERE key IN ('search_stale', 'search_missing') ORDER BY key DESC LIMIT 1").pluck(),
      getRaw: this.db.prepare('SELECT codec, data FROM raw WHERE sha256 = ?'),
      lineageOf: this.db.prepare('SELECT from_id, to_id, kind, score FROM lineage WHERE from_id = ? UNION ALL SELECT from_id, to_id, kind, score FROM lineage WHERE to_id = ? AND from_id <> to_id'),
    };
  }

  /** Archives made before raw bytes had a codec hold gzip: the column's default says so. */
  private upgradeRaw(): void {
    const columns = this.db.prepare('PRAGMA table_info(raw)').all() as Array<{ name: string }>;
    if (columns.some((c) => c.name === 'codec')) return;
    this.db.transaction(() => {
      const again = this.db.prepare('PRAGMA table_info(raw)').all() as Array<{ name: string }>;
      if (!again.some((c) => c.name === 'codec')) this.db.exec("ALTER TABLE raw ADD COLUMN codec TEXT NOT NULL DEFAULT 'gzip'");
    }).immediate();
  }

  /**
   * An index of an older format is dropped (its columns differ) and marked for `reindex`,
   * which rewrites every article: the facets triggers fill the new facets table then.
   */
  private upgradeSearch(): void {
    const format = (this.db.prepare("SELECT value FROM meta WHERE key = 'search_format'").get() as { value: string } | undefined)?.value;
    if (format === SEARCH_FORMAT) { this.db.exec(SEARCH_SCHEMA); return; }
    this.db.transaction(() => {
      // another process may have upgraded it while this one waited for the lock
      const now = (this.db.prepare("SELECT value FROM meta WHERE key = 'search_format'").get() as { value: string } | undefined)?.value;
      if (now === SEARCH_FORMAT) { this.db.exec(SEARCH_SCHEMA); return; }
      const old = this.db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'search'").get();
      const articles = this.db.prepare('SELECT 1 FROM articles LIMIT 1').get();
      if (old) this.db.exec('DROP TABLE search');
      // the facets' columns change with the format too: the triggers refill them as reindex rewrites every article
      this.db.exec('DROP TRIGGER IF EXISTS facets_insert; DROP TRIGGER IF EXISTS facets_update; DROP TRIGGER IF EXISTS facets_delete; DROP TABLE IF EXISTS facets');
      this.db.exec(SEARCH_SCHEMA + SEARCH_SETTINGS);
      this.db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('search_format', ?)").run(SEARCH_FORMAT);
      if (articles) this.db.exec("INSERT OR REPLACE INTO meta (key, value) VALUES ('search_stale', '1')");
    }).immediate();
  }

  async knownSource(key: string): Promise<KnownSource | undefined> {
    const row = this.stmts.knownSource.get(key) as { sha256: string; status: KnownSource['status']; reason: string | null; parser: number } | undefined;
    if (!row) return undefined;
    const ids = (this.stmts.sourceArticles.all(key) as Array<{ article_id: string }>).map((r) => r.article_id);
    return { ...row, articleIds: ids };
  }

  async commit(items: ImportItem[], parserVersion: number): Promise<ArticleOutcome[][]> {
    const seen = new Date().toISOString();
    this.writes++;
    // immediate: the write lock is taken first, so a second writer waits in the busy timeout
    // (a deferred transaction that read first fails at once with 'database is locked')
    return this.db.transaction((batch: ImportItem[]) => {
      const searchRows: SearchRow[] = [];
      const outcomes = batch.map((item) => this.commitOne(item, parserVersion, seen, searchRows));
      this.writeSearchRows(searchRows);
      return outcomes;
    }).immediate(items);
  }

  /**
   * A batch's search rows, written together at the end of its transaction. FTS5 writes its
   * pending terms out as a new segment at every commit and every savepoint, including the
   * statement savepoint that SQLite opens for any statement with a trigger or a conflict
   * clause: search rows written between article rows made one small segment per article
   * (1.7 ms each to write and merge); written together, one segment per batch.
   */
  private writeSearchRows(rows: readonly SearchRow[]): void {
    for (const { rowid, doc } of rows) {
      if (doc) this.stmts.indexDoc.run(rowid, doc.titleWords, doc.titleGrams, doc.bodyGrams, doc.bodyWords, doc.tags);
      else this.stmts.unindex.run(rowid);
    }
  }

  /** one file's rows; its search rows are queued on `searchRows`, in order */
  private commitOne(item: ImportItem, parserVersion: number, seen: string, searchRows: SearchRow[]): ArticleOutcome[] {
    const key = locationKey(item.location);
    // a file read in parts: the first part stores the bytes and replaces the links (store.ts ImportItem.part)
    const first = (item.part?.index ?? 0) === 0;
    if (first && !this.stmts.hasRaw.get(item.sha256)) this.stmts.putRaw.run(item.sha256, item.raw.size, item.raw.data, item.raw.codec);
    this.stmts.putSource.run({
      key, kind: item.location.kind, path: item.location.path ?? null, url: item.location.url ?? null,
      repo: item.location.repo ?? null, commit: item.location.commit ?? null, sha256: item.sha256, status: item.status,
      reason: item.reason ?? null, format: item.format ?? null, encoding: item.encoding ?? null, parser: item.part && !item.part.last ? 0 : parserVersion, seen,
    });
    const previous = new Set((this.stmts.sourceArticles.all(key) as Array<{ article_id: string }>).map((r) => r.article_id));
    if (first) this.stmts.unlinkSource.run(key);
    return item.articles.map((article) => {
      this.stmts.putOutlet.run(article.outlet.id, JSON.stringify(article.outlet));
      const hash = article.hash;
      const row = this.stmts.getArticleRow.get(article.id) as { rowid: number; content_hash: string; version: number; source_key: string; doc: string } | undefined;
      const index = (rowid: number | bigint): void => {
        if (article.index) searchRows.push({ rowid, doc: article.index });
        // news written without its index (import --no-index): search must say so until reindex
        else if (!article.flagged) this.stmts.markUnindexed.run();
      };
      const fields = {
        id: article.id, outlet: article.outlet.id, month: (article.publishedAt ?? '0000-00').slice(0, 7),
        published: article.publishedAt, title: article.title, script: article.script, flagged: article.flagged ? 1 : 0,
        hash, sourceKey: key, doc: article.doc,
      };
      this.stmts.link.run(article.id, key);
      if (!row) {
        index(this.stmts.insertArticle.run(fields).lastInsertRowid);
        return 'added';
      }
      // first stored from this very file: unchanged (a later part of a file read again in parts)
      if (row.content_hash === hash) return previous.has(article.id) || row.source_key === key ? 'unchanged' : 'duplicate';
      // the same article in another file (a mirror saved it again): the first copy stays
      if (row.source_key !== key) return 'duplicate';
      this.stmts.saveVersion.run(article.id, row.version, seen, row.doc);
      this.stmts.updateArticle.run(fields);
      searchRows.push({ rowid: row.rowid, doc: null });
      index(row.rowid);
      return 'updated';
    });
  }

  async search(req: SearchRequest): Promise<SearchHits> {
    const stale = this.stmts.searchStale.get() as string | undefined;
    if (stale === 'search_stale') {
      throw new StaleIndexError('the search index was built by an older Parallax and has been dropped: run `parallax reindex` to rebuild it');
    }
    if (stale === 'search_missing') {
      throw new StaleIndexError('the search index is missing: articles were imported with --no-index; run `parallax reindex` to build it');
    }
    // one read transaction: counts, ranks and documents come from the same snapshot even
    // while another process rewrites the archive
    return this.db.transaction(() => this.searchSnapshot(req))();
  }

  private searchSnapshot(req: SearchRequest): SearchHits {
    const match = matchExpression(req);
    const where: string[] = ['f.flagged = 0'];
    const args: Record<string, unknown> = {};
    if (req.query.outlets.length) {
      where.push(`f.outlet_id IN (${req.query.outlets.map((_, i) => `@o${i}`).join(', ')})`);
      req.query.outlets.forEach((o, i) => { args[`o${i}`] = o; });
    }
    // days are the outlet's local days, as pages show them
    if (req.query.since) { where.push('f.day >= @since'); args.since = req.query.since; }
    if (req.query.until) { where.push('f.day <= @until'); args.until = req.query.until; }
    if (req.query.script) { where.push('f.script = @script'); args.script = req.query.script; }
    const filter = where.join(' AND ');
    const page = { limit: req.limit, offset: req.offset };
    if (!match) {
      // filters alone: the newest articles that pass them
      const total = (this.db.prepare(`SELECT count(*) AS n FROM facets f WHERE ${filter}`).get(args) as { n: number }).n;
      const rows = this.db.prepare(`SELECT f.rid FROM facets f WHERE ${filter} ORDER BY f.published_at DESC LIMIT @limit OFFSET @offset`)
        .all({ ...args, ...page }) as Array<{ rid: number }>;
      return { total, hits: rows.map((r) => ({ article: this.docAt(r.rid), score: 0 })) };
    }
    // flagged articles are never indexed: without filters the index alone answers
    const filtered = where.length > 1;
    // CROSS JOIN keeps the full-text match as the outer loop (a planner starting from
    // the filters would test the match article by article)
    const from = filtered ? `search CROSS JOIN facets f ON f.rid = search.rowid` : 'search';
    const cond = filtered ? `AND ${filter}` : '';
    const count = (m: string): number =>
      (this.db.prepare(`SELECT count(*) AS n FROM ${from} WHERE search MATCH @m ${cond}`).get({ ...args, m }) as { n: number }).n;
    const total = count(match);
    if (total === 0 || req.offset >= total) return { total, hits: [] };
    let rows: Array<{ rid: number; score: number }>;
    if (req.sort === 'date') {
      const ids = this.db.prepare(`SELECT search.rowid AS rid FROM search CROSS JOIN facets f ON f.rid = search.rowid
        WHERE search MATCH @m ${cond} ORDER BY f.published_at DESC LIMIT @limit OFFSET @offset`).all({ ...args, ...page, m: match }) as Array<{ rid: number }>;
      // relevance of the page's hits only: bm25 of one row is a look-up, of every match a scan
      const scoreOf = this.db.prepare(`SELECT ${BM25} AS score FROM search WHERE search MATCH ? AND rowid = ?`);
      rows = ids.map((r) => ({ rid: r.rid, score: (scoreOf.get(match, r.rid) as { score: number } | undefined)?.score ?? 0 }));
    } else {
      rows = this.ranked(match, req, total, { from, cond, args, count });
    }
    // bm25 is lower for better matches; turn it into a positive relevance
    return { total, hits: rows.map((r) => ({ article: this.docAt(r.rid), score: Math.round(-r.score * 1000) / 1000 })) };
  }

  /**
   * One page in relevance order, in tiers each ranked on its own: a term read as several
   * words first where its words stand as written, then where they stand near each other,
   * then anywhere; a broad query (see BROAD_QUERY) first where the title holds every term.
   */
  private ranked(match: string, req: SearchRequest, total: number, q: { from: string; cond: string; args: Record<string, unknown>; count: (m: string) => number }): Array<{ rid: number; score: number }> {
    const rank = (m: string, limit: number, offset: number): Array<{ rid: number; score: number }> =>
      this.db.prepare(`SELECT search.rowid AS rid, ${BM25} AS score FROM ${q.from} WHERE search MATCH @m ${q.cond}
        ORDER BY score LIMIT @limit OFFSET @offset`).all({ ...q.args, m, limit, offset }) as Array<{ rid: number; score: number }>;
    const tiers: string[] = [];
    if (hasWordTerms(req)) {
      for (const tier of ['phrase', 'near'] as const) {
        const t = matchExpression(req, 'all', tier);
        if (t && t !== match && !tiers.includes(t)) tiers.push(t);
      }
    }
    const inTitle = total > this.broadQuery ? matchExpression(req, 'title') : null;
    if (inTitle && inTitle !== match) tiers.push(inTitle);
    if (tiers.length === 0) return rank(match, req.limit, req.offset);
    const rows: Array<{ rid: number; score: number }> = [];
    let skip = req.offset;
    const before: string[] = [];
    for (const t of [...tiers, match]) {
      const expr = before.length ? `(${t}) NOT (${before.join(' OR ')})` : t;
      before.push(`(${t})`);
      const last = t === match;
      // a tier wholly before the page costs a count, not a ranking
      if (skip > 0 && !last) {
        const n = q.count(expr);
        if (skip >= n) { skip -= n; continue; }
      }
      const got = rank(expr, req.limit - rows.length, skip);
      rows.push(...got);
      skip = 0;
      if (rows.length >= req.limit) break;
    }
    return rows;
  }

  private docAt(rid: number): Article {
    return Article.parse(JSON.parse((this.stmts.docAt.get(rid) as { doc: string }).doc));
  }

  async replaceLineage(edges: LineageEdge[]): Promise<void> {
    this.writes++;
    const put = this.db.prepare('INSERT OR REPLACE INTO lineage (from_id, to_id, kind, score) VALUES (?, ?, ?, ?)');
    this.db.transaction(() => {
      this.db.exec('DELETE FROM lineage');
      for (const e of edges) put.run(e.from, e.to, e.kind, e.score);
    }).immediate();
  }

  async pendingAnalysis(): Promise<PendingArticle[]> { return this.analysis.pending(); }
  async analysedCount(): Promise<number> { return this.analysis.count(); }
  async analysisPending(): Promise<boolean> { return this.analysis.hasPending(); }
  async analysedBetween(from: number, to: number) { return this.analysis.between(from, to); }
  async wordFrequencies(words: Iterable<string>) { return this.analysis.frequencies(words); }
  async lineageCandidates(keys: Iterable<number>, exclude: ReadonlySet<string>, capOf: (key: number) => number) { return this.analysis.candidates(keys, exclude, capOf); }
  async placementsOf(ids: Iterable<string>) { return this.analysis.placementsOf(ids); }

  async writeAnalysis(w: AnalysisWrite): Promise<void> {
    this.writes++;
    this.db.transaction(() => {
      if (w.reset) {
        this.analysis.clear();
        this.db.exec('DELETE FROM lineage');
        if (w.reset === 'everything') { this.events.clear(); this.db.exec('DELETE FROM event_comparisons'); }
      }
      this.analysis.replaceLineageOf(w.lineageOf, w.edges);
      this.analysis.save(w.analysed);
      this.analysis.upsertEvents(w.events, w.threads);
    }).immediate();
  }

  async lineageOf(id: string): Promise<LineageEdge[]> {
    // prepared once: search asks for the lineage of every hit on a page
    const rows = this.stmts.lineageOf.all(id, id) as EdgeRow[];
    return rows.map(toEdge);
  }

  async allLineage(): Promise<LineageEdge[]> {
    return (this.db.prepare('SELECT from_id, to_id, kind, score FROM lineage ORDER BY from_id, to_id').all() as EdgeRow[]).map(toEdge);
  }

  async eventPlacements(): Promise<Map<string, string>> { return this.events.placements(); }
  async threadPlacements(): Promise<Map<string, string>> { return this.events.threadPlacements(); }
  async saveEvents(events: readonly EventRecord[], threads: readonly ThreadRecord[]): Promise<void> { this.writes++; this.events.save(events, threads); }
  async listEvents(f: EventFilter): Promise<{ total: number; events: EventRecord[] }> { return this.events.list(f); }
  async getEvent(id: string): Promise<EventRecord | undefined> { return this.events.get(id); }
  async eventOf(articleId: string): Promise<string | undefined> { return this.events.eventOf(articleId); }
  async listThreads(f: EventFilter): Promise<{ total: number; threads: ThreadRecord[] }> { return this.events.listThreads(f); }
  async getThread(id: string): Promise<ThreadRecord | undefined> { return this.events.getThread(id); }
  async getComparison(eventId: string): Promise<StoredComparison | undefined> { return this.events.comparison(eventId); }
  async saveComparison(eventId: string, c: StoredComparison): Promise<void> { this.writes++; this.events.saveComparison(eventId, c); }

  async attributeArticle(id: string, outlet: OutletRef, published: Article['published']): Promise<void> {
    const row = this.stmts.getDoc.get(id) as { doc: string } | undefined;
    if (!row) return;
    const a = Article.parse(JSON.parse(row.doc));
    const next = { ...a, outlet, published, flags: published ? a.flags.filter((f) => f !== 'no-date') : a.flags };
    this.writes++;
    this.stmts.putOutlet.run(outlet.id, JSON.stringify(outlet));
    this.db.prepare('UPDATE articles SET outlet_id = ?, published_at = ?, month = ?, doc = ? WHERE id = ?')
      .run(outlet.id, published?.at ?? null, (published?.at ?? '0000-00').slice(0, 7), JSON.stringify(next), id);
  }

  async articlesByIds(ids: readonly string[]): Promise<Article[]> {
    const get = this.stmts.getDoc;
    return ids.map((id) => get.get(id) as { doc: string } | undefined).filter((r): r is { doc: string } => r !== undefined).map((r) => Article.parse(JSON.parse(r.doc)));
  }

  async articlesStamp(): Promise<string> {
    const r = this.db.prepare('SELECT count(*) AS n, max(rowid) AS m, total(version) AS v FROM articles').get() as { n: number; m: number | null; v: number };
    return `${r.n}:${r.m ?? 0}:${r.v}`;
  }

  bulkWrites(on: boolean): void {
    this.db.pragma(`cache_size = -${on ? WRITE_CACHE_KB : READ_CACHE_KB}`);
  }

  async generation(): Promise<string> {
    // data_version moves when another connection commits; our own commits count in `writes`
    return `${this.stmts.dataVersion.get() as number}:${this.writes}`;
  }

  async getMeta(key: string): Promise<string | undefined> {
    return (this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
  }

  async setMeta(key: string, value: string): Promise<void> {
    this.db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(key, value);
  }

  async getArticle(id: string): Promise<Article | undefined> {
    const row = this.stmts.getDoc.get(id) as { doc: string } | undefined;
    return row ? Article.parse(JSON.parse(row.doc)) : undefined;
  }

  async articleSources(id: string): Promise<StoredSource[]> {
    const rows = this.db.prepare(`SELECT s.* FROM article_sources a JOIN sources s ON s.key = a.source_key WHERE a.article_id = ? ORDER BY s.seq`).all(id) as SourceRow[];
    return rows.map(toStoredSource);
  }

  async articleVersions(id: string) {
    const rows = this.db.prepare('SELECT version, replaced_at, doc FROM article_versions WHERE article_id = ? ORDER BY version DESC').all(id) as Array<{ version: number; replaced_at: string; doc: string }>;
    return rows.map((r) => ({ version: r.version, replacedAt: r.replaced_at, article: Article.parse(JSON.parse(r.doc)) }));
  }

  async addImportRoot(path: string): Promise<void> { this.roots.record(path); }

  async importRoots(): Promise<string[]> { return this.roots.list(); }

  async getRaw(sha256: string): Promise<Uint8Array | undefined> {
    const row = this.stmts.getRaw.get(sha256) as { codec: RawCodec; data: Buffer } | undefined;
    return row ? unpackRaw(row.codec, row.data) : undefined;
  }

  async listArticles(f: ListFilter): Promise<Article[]> {
    const where: string[] = [];
    const args: Record<string, unknown> = {};
    if (!f.includeFlagged) where.push('flagged = 0');
    if (f.outlet) { where.push('outlet_id = @outlet'); args.outlet = f.outlet; }
    // the outlet's local day (what pages show): the UTC instant narrows, the stored day decides
    if (f.since) { where.push("published_at >= @sinceUtc AND json_extract(doc, '$.published.day') >= @since"); args.since = f.since; args.sinceUtc = shiftDay(f.since, -1); }
    if (f.until) { where.push("published_at < @untilUtc AND json_extract(doc, '$.published.day') < @until"); args.until = f.until; args.untilUtc = shiftDay(f.until, 1); }
    const sql = `SELECT doc FROM articles ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
      ORDER BY published_at DESC, id LIMIT @limit OFFSET @offset`;
    const rows = this.db.prepare(sql).all({ ...args, limit: f.limit ?? 50, offset: f.offset ?? 0 }) as Array<{ doc: string }>;
    return rows.map((r) => Article.parse(JSON.parse(r.doc)));
  }

  async outlets(): Promise<OutletRef[]> {
    return (this.db.prepare('SELECT doc FROM outlets ORDER BY id').all() as Array<{ doc: string }>).map((r) => JSON.parse(r.doc) as OutletRef);
  }

  async stats(): Promise<ArchiveStats> {
    const one = <T>(sql: string): T => this.db.prepare(sql).get() as T;
    const outlets = this.db.prepare(`SELECT o.id, json_extract(o.doc, '$.name') AS name, count(a.id) AS articles,
        min(a.published_at) AS first, max(a.published_at) AS last
      FROM outlets o LEFT JOIN articles a ON a.outlet_id = o.id AND a.flagged = 0 GROUP BY o.id ORDER BY articles DESC, o.id`).all() as ArchiveStats['outlets'];
    const group = (sql: string): Record<string, number> =>
      Object.fromEntries((this.db.prepare(sql).all() as Array<{ k: string | null; n: number }>).map((r) => [r.k ?? 'unknown', r.n]));
    return {
      articles: one<{ n: number }>('SELECT count(*) AS n FROM articles WHERE flagged = 0').n,
      flagged: one<{ n: number }>('SELECT count(*) AS n FROM articles WHERE flagged = 1').n,
      sources: one<{ n: number }>("SELECT count(*) AS n FROM sources WHERE status = 'ok'").n,
      rejected: one<{ n: number }>("SELECT count(*) AS n FROM sources WHERE status = 'rejected'").n,
      rawBytes: one<{ n: number | null }>('SELECT sum(size) AS n FROM raw').n ?? 0,
      storedBytes: one<{ n: number | null }>('SELECT sum(length(data)) AS n FROM raw').n ?? 0,
      versions: one<{ n: number }>('SELECT count(*) AS n FROM article_versions').n,
      outlets,
      scripts: group('SELECT script AS k, count(*) AS n FROM articles WHERE flagged = 0 GROUP BY script'),
      formats: group("SELECT format AS k, count(*) AS n FROM sources WHERE status = 'ok' GROUP BY format"),
    };
  }

  async *allArticles(): AsyncIterable<Article> {
    for (const r of this.db.prepare('SELECT doc FROM articles WHERE flagged = 0').iterate() as Iterable<{ doc: string }>) {
      yield JSON.parse(r.doc) as Article;
    }
  }

  async *allSources() {
    const rows = this.db.prepare("SELECT * FROM sources WHERE status != 'skipped' ORDER BY seq").all() as SourceRow[];
    for (const r of rows) {
      const bytes = await this.getRaw(r.sha256);
      if (bytes) yield { key: r.key, location: toLocation(r), sha256: r.sha256, bytes };
    }
  }

  async clearDerived(): Promise<void> {
    this.writes++;
    // one transaction: a reader never sees index entries whose articles are gone
    this.db.transaction(() => {
      this.db.exec("DELETE FROM article_sources; DELETE FROM articles; INSERT INTO search(search) VALUES('delete-all'); DELETE FROM meta WHERE key IN ('search_stale', 'search_missing');");
    }).immediate();
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

interface EdgeRow { from_id: string; to_id: string; kind: LineageEdge['kind']; score: number }
const toEdge = (r: EdgeRow): LineageEdge => ({ from: r.from_id, to: r.to_id, kind: r.kind, score: r.score });

interface SourceRow {
  key: string; kind: Location['kind']; path: string | null; url: string | null; repo: string | null; git_commit: string | null;
  sha256: string; status: ImportItem['status']; format: string | null; encoding: string | null;
}

function toLocation(r: SourceRow): Location {
  return {
    kind: r.kind, ...(r.path ? { path: r.path } : {}), ...(r.url ? { url: r.url } : {}),
    ...(r.repo ? { repo: r.repo } : {}), ...(r.git_commit ? { commit: r.git_commit } : {}),
  };
}

function toStoredSource(r: SourceRow): StoredSource {
  return { ...toLocation(r), key: r.key, status: r.status, format: r.format ?? '', encoding: r.encoding ?? '', sha256: r.sha256 };
}
