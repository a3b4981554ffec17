// The embedded store: one SQLite file (better-sqlite3, WAL). This class opens the file,
// brings it to the current layout (schema.ts) and hands each part of the Store interface
// to the file that keeps it: articles.ts (imports, articles, sources, lists, stats),
// raw.ts (raw bytes), search.ts (the index), events.ts, analysis.ts (and lineage), watch.ts.
import { SqliteImportRoots } from './import-roots.js';
import Database from 'better-sqlite3';
import type { Article, OutletRef } from '../../article.js';
import type {
  AnalysisWrite, ArchiveStats, ArticleOutcome, EventFilter, EventRecord, ExclusiveWork, ImportItem, KnownSource, ListFilter, PendingArticle, SearchHits,
  RebuildPass, SearchRequest, Store, StoredComparison, StoredSource, StoredText, ThreadRecord,
} from '../store.js';
import { DEFAULT_BUSY, whenWritable, type BusyPolicy } from './busy.js';
import { SqliteLease } from './lease.js';
import type { LineageEdge } from '../../dedup/lineage.js';
import type { WatchStore } from '../watch.js';
import { SqliteAnalysis } from './analysis.js';
import { SqliteArticles } from './articles.js';
import { SqliteEvents } from './events.js';
import { SqliteRaw } from './raw.js';
import { migrate } from './schema.js';
import { SqliteSearch } from './search.js';
import { SearchThreads } from './search-threads.js';
import { SqliteWatch } from './watch.js';

/**
 * Page cache sizes. Searches gain 10–20 % from a 64 MB cache; imports gain nothing from
 * more than 16 MB (measured on hkcnews-10k: same speed, 40–75 MB less peak RSS).
 */
const READ_CACHE_KB = 65536;
const WRITE_CACHE_KB = 16384;
/** each search thread's own connection (serve): two of them beside the process's connection */
const THREAD_CACHE_KB = 32768;

export class SqliteStore implements Store {
  readonly db: Database.Database;
  private readonly raw: SqliteRaw;
  private readonly index: SqliteSearch;
  private readonly articles: SqliteArticles;
  private readonly events: SqliteEvents;
  private readonly analysis: SqliteAnalysis;
  private readonly roots: SqliteImportRoots;
  /** watched sources, pages and page versions (watch.ts) */
  readonly watch: WatchStore;
  private readonly stmts;
  private readonly lease: SqliteLease;
  /** searches in threads of their own (a serving process), else on the caller's thread */
  private readonly searchThreads?: SearchThreads;

  /** commits made through this connection (see generation) */
  private writes = 0;

  /** what a write does when the lock is still held after the busy timeout (busy.ts) */
  private readonly busy: BusyPolicy;

  /**
   * busyTimeoutMs: how long one statement waits for the lock (SQLite's busy timeout);
   * busy: what a write does after that (busy.ts);
   * searchThreads: run searches in this many threads of their own, each with its own
   * read-only connection (search-threads.ts), so a long one holds no other request
   */
  constructor(file: string, opts: { busyTimeoutMs?: number; busy?: BusyPolicy; searchThreads?: number } = {}) {
    this.db = new Database(file);
    this.busy = opts.busy ?? DEFAULT_BUSY;
    // the busy timeout first: two processes opening a new archive at once both switch it to
    // WAL, and without a timeout the second fails at once with 'database is locked'
    this.db.pragma(`busy_timeout = ${opts.busyTimeoutMs ?? 10000}`);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma(`cache_size = -${READ_CACHE_KB}`);
    this.db.pragma('foreign_keys = ON');
    migrate(this.db);
    this.raw = new SqliteRaw(this.db);
    this.index = new SqliteSearch(this.db);
    this.articles = new SqliteArticles(this.db, this.raw, this.index);
    this.events = new SqliteEvents(this.db);
    this.analysis = new SqliteAnalysis(this.db);
    this.watch = new SqliteWatch(this.db, this.raw, () => { this.writes++; });
    this.roots = new SqliteImportRoots(this.db);
    this.lease = new SqliteLease(this.db, (what, fn) => this.write(what, fn));
    if (opts.searchThreads) this.searchThreads = new SearchThreads(file, { threads: opts.searchThreads, cacheKb: THREAD_CACHE_KB });
    this.stmts = {
      dataVersion: this.db.prepare('PRAGMA data_version').pluck(),
      getMeta: this.db.prepare('SELECT value FROM meta WHERE key = ?').pluck(),
      setMeta: this.db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)'),
    };
  }

  async knownSource(key: string): Promise<KnownSource | undefined> { return this.articles.knownSource(key); }
  async knownSources(keys: readonly string[]): Promise<Map<string, KnownSource>> { return this.articles.knownSources(keys); }

  async commit(items: ImportItem[], parserVersion: number, rebuild?: RebuildPass): Promise<ArticleOutcome[][]> {
    this.writes++;
    return this.write('an import batch', () => this.articles.commit(items, parserVersion, rebuild));
  }

  /** one write transaction, waiting its turn when another writer holds the lock (busy.ts) */
  private write<T>(what: string, fn: () => T): Promise<T> {
    return whenWritable(what, fn, this.busy);
  }

  async search(req: SearchRequest): Promise<SearchHits> { return this.searchThreads ? this.searchThreads.search(req) : this.index.search(req); }

  async replaceLineage(edges: LineageEdge[]): Promise<void> {
    this.writes++;
    await this.write('lineage', () => this.analysis.replaceLineage(edges));
  }

  async pendingAnalysis(): Promise<PendingArticle[]> { return this.analysis.pending(); }
  async analysedCount(): Promise<number> { return this.analysis.count(); }
  async analysisPending(): Promise<boolean> { return this.analysis.hasPending(); }
  async analysedBetween(from: number, to: number) { return this.analysis.between(from, to); }
  async wordFrequencies(words: Iterable<string>) { return this.analysis.frequencies(words); }
  async lineageCandidates(keys: Iterable<number>, exclude: ReadonlySet<string>, capOf: (key: number) => number) { return this.analysis.candidates(keys, exclude, capOf); }
  async placementsOf(ids: Iterable<string>) { return this.analysis.placementsOf(ids); }

  /** one analysis run, or one polling round, at a time across processes (lease.ts) */
  exclusive<T>(what: ExclusiveWork, fn: () => Promise<T>): Promise<T> {
    return this.lease.hold(what, fn, 500, (pid) => process.stderr.write(`parallax: waiting for the ${what} run of process ${pid} on this archive to end\n`));
  }

  async running(what: ExclusiveWork): Promise<boolean> { return this.lease.held(what); }

  async writeAnalysis(w: AnalysisWrite): Promise<void> {
    this.writes++;
    await this.write('the analysis', () => this.db.transaction(() => {
      if (w.reset) {
        this.analysis.clear();
        this.analysis.clearLineage();
        if (w.reset === 'everything') this.events.forgetPlacements();
      }
      this.analysis.replaceLineageOf(w.lineageOf, w.edges);
      this.analysis.save(w.analysed);
      this.analysis.upsertEvents(w.events, w.threads);
    }).immediate());
  }

  async lineageOf(id: string): Promise<LineageEdge[]> { return this.analysis.lineageOf(id); }
  async allLineage(): Promise<LineageEdge[]> { return this.analysis.allLineage(); }

  async eventPlacements(): Promise<Map<string, string>> { return this.events.placements(); }
  async threadPlacements(): Promise<Map<string, string>> { return this.events.threadPlacements(); }
  async sweepEvents(): Promise<number> { this.writes++; return this.write('the end of a regrouping', () => this.events.sweep()); }
  async saveEvents(events: readonly EventRecord[], threads: readonly ThreadRecord[]): Promise<void> { this.writes++; await this.write('events', () => this.events.save(events, threads)); }
  async listEvents(f: EventFilter): Promise<{ total: number; events: EventRecord[] }> { return this.events.list(f); }
  async getEvent(id: string): Promise<EventRecord | undefined> { return this.events.get(id); }
  async eventOf(articleId: string): Promise<string | undefined> { return this.events.eventOf(articleId); }
  async listThreads(f: EventFilter): Promise<{ total: number; threads: ThreadRecord[] }> { return this.events.listThreads(f); }
  async getThread(id: string): Promise<ThreadRecord | undefined> { return this.events.getThread(id); }
  async getComparison(eventId: string): Promise<StoredComparison | undefined> { return this.events.comparison(eventId); }
  async saveComparison(eventId: string, c: StoredComparison, texts: readonly StoredText[] = []): Promise<void> {
    this.writes++;
    await this.write('a comparison', () => this.db.transaction(() => { this.events.saveComparison(eventId, c); this.analysis.saveTexts(texts); }).immediate());
  }
  async articleTexts(ids: readonly string[], version: string): Promise<Map<string, StoredText>> { return this.analysis.texts(ids, version); }

  async attributeArticle(id: string, outlet: OutletRef, published: Article['published']): Promise<void> {
    if (await this.write('an attribution', () => this.articles.attribute(id, outlet, published))) this.writes++;
  }

  async articlesByIds(ids: readonly string[]): Promise<Article[]> { return this.articles.byIds(ids); }
  async articlesStamp(): Promise<string> { return this.articles.stamp(); }

  bulkWrites(on: boolean): void {
    this.db.pragma(`cache_size = -${on ? WRITE_CACHE_KB : READ_CACHE_KB}`);
  }

  /** nothing is held past a run: FTS5 counts as it writes */
  settled(): Promise<void> { return Promise.resolve(); }

  async generation(): Promise<string> {
    // data_version moves when another connection commits; our own commits count in `writes`
    return `${this.stmts.dataVersion.get() as number}:${this.writes}`;
  }

  async getMeta(key: string): Promise<string | undefined> { return this.stmts.getMeta.get(key) as string | undefined; }

  async setMeta(key: string, value: string): Promise<void> {
    this.writes++;
    await this.write('a setting', () => this.stmts.setMeta.run(key, value));
  }

  async getArticle(id: string): Promise<Article | undefined> { return this.articles.get(id); }
  async articleSources(id: string): Promise<StoredSource[]> { return this.articles.sources(id); }
  async articleVersions(id: string) { return this.articles.versions(id); }
  async getRaw(sha256: string): Promise<Uint8Array | undefined> { return this.raw.get(sha256); }
  async addImportRoot(path: string): Promise<void> { await this.write('an import root', () => this.roots.record(path)); }
  async importRoots(): Promise<string[]> { return this.roots.list(); }
  async listArticles(f: ListFilter): Promise<Article[]> { return this.articles.list(f); }
  async outlets(): Promise<OutletRef[]> { return this.articles.outlets(); }
  async stats(): Promise<ArchiveStats> { return this.articles.stats(); }

  async *allArticles(): AsyncIterable<Article> { yield* this.articles.all(); }
  async *allSources() { yield* this.articles.allSources(); }

  async sweepDerived(rebuild: RebuildPass): Promise<number> {
    this.writes++;
    // a sweep begun again after a wait deletes the same rows: what is gone is not found again
    return this.write('the end of a reindex', () => this.articles.sweep(rebuild));
  }

  async close(): Promise<void> {
    await this.searchThreads?.close();
    this.db.close();
  }
}
