// The server store: one PostgreSQL database (through `pg`), shared by any number of
// import, watch and serve processes. It keeps what the SQLite store keeps, in the same
// tables, and behaves the same through the Store interface; every write transaction takes
// one advisory lock (db.ts), so writers apply one after another as they do on SQLite, and
// an analysis run holds a lock of its own from its first read to its last write.
import pg from 'pg';
import type { Article, OutletRef } from '../../article.js';
import type { LineageEdge } from '../../dedup/lineage.js';
import {
  StaleIndexError, type AnalysisWrite, type ArchiveStats, type ArticleOutcome, type EventFilter, type EventRecord, type ExclusiveWork, type ImportItem,
  type KnownSource, type ListFilter, type Location, type PendingArticle, type RebuildPass, SEARCH_TIMEOUT_MS, SearchTimeoutError, type SearchHits, type SearchRequest, type Store,
  type StoredComparison, type StoredSource, type StoredText, type ThreadRecord,
} from '../store.js';
import type { WatchStore } from '../watch.js';
import * as analysis from './analysis.js';
import * as articles from './articles.js';
import { NoArchiveError, redact } from '../url.js';
import { LOCKS, openPool, snapshot, writing, type Db } from './db.js';
import * as events from './events.js';
import { getRaw } from './raw.js';
import { LoadDfChanges, repairSearchDf, SearchIndexDeferral } from './bulk-load.js';
import { migrate, schemaVersion } from './schema.js';
import { DfChanges } from './search-df.js';
import { BULK_GIN_PENDING_KB, BULK_WORK_MEM, flushSearchPending, searchRids, searchSettings } from './search.js';
import { PostgresWatch } from './watch.js';


export class PostgresStore implements Store {
  readonly watch: WatchStore;
  /** the longest a search's statement may run (SEARCH_TIMEOUT_MS; tests shorten it) */
  searchTimeoutMs = SEARCH_TIMEOUT_MS;

  private constructor(readonly db: Db) {
    this.watch = new PostgresWatch(db);
  }

  /**
   * Connect; `create` makes the database (when the server lets this user) and the tables.
   * Without it a database that is missing or holds no archive is a NoArchiveError, as a
   * missing file is for SQLite.
   */
  static async open(url: string, opts: { create?: boolean } = {}): Promise<PostgresStore> {
    const create = opts.create ?? true;
    let db = openPool(url);
    try {
      await db.query('SELECT 1');
    } catch (e) {
      await db.end();
      if ((e as { code?: string }).code !== '3D000') throw new Error(`cannot connect to ${redact(url)}: ${(e as Error).message}`);
      if (!create) throw new NoArchiveError(`no archive at ${redact(url)}: the database does not exist; make one with \`parallax import … --db ${redact(url)}\``);
      await createDatabase(url);
      db = openPool(url);
    }
    try {
      if (!create && (await schemaVersion(db)) === 0) {
        throw new NoArchiveError(`no archive at ${redact(url)}: the database holds no Parallax tables; make one with \`parallax import … --db ${redact(url)}\``);
      }
      await migrate(db);
      await repairSearchDf(db, () => process.stderr.write('counting search_df (search ranking\'s document counts) afresh: an import stopped before writing them (a few seconds per 10,000 articles)\n'));
    } catch (e) {
      await db.end();
      throw e;
    }
    return new PostgresStore(db);
  }

  async search(req: SearchRequest): Promise<SearchHits> {
    // one snapshot: counts, ranks and documents agree even while another process writes;
    // its BEGIN, the search's settings and the look at the index's state are one round trip
    try {
      return await snapshot(this.db, async (c, state) => {
        const stale = (state.rows[0] as { key: string } | undefined)?.key;
        if (stale === 'search_stale') {
          throw new StaleIndexError('the search index was built by an older Parallax and has been dropped: run `parallax reindex` to rebuild it');
        }
        if (stale === 'search_missing') {
          throw new StaleIndexError('the search index is missing: articles were imported with --no-index; run `parallax reindex` to build it');
        }
        const found = await searchRids(c, req, { settled: true });
        const docs = await articles.articlesByRids(c, found.hits.map((h) => h.rid));
        return { total: found.total, capped: found.capped, hits: found.hits.filter((h) => docs.has(h.rid)).map((h) => ({ article: docs.get(h.rid)!, score: h.score })) };
      }, `${searchSettings(req, this.searchTimeoutMs)}; SELECT key FROM meta WHERE key IN ('search_stale', 'search_missing') ORDER BY key DESC LIMIT 1`);
    } catch (e) {
      // 57014: canceled by statement_timeout
      if ((e as { code?: string }).code === '57014') throw new SearchTimeoutError(`the search ran past ${this.searchTimeoutMs} ms and was stopped: try again later, or narrow the query`);
      throw e;
    }
  }

  async replaceLineage(edges: LineageEdge[]): Promise<void> {
    await writing(this.db, async (c) => {
      await c.query('DELETE FROM lineage');
      await analysis.putEdges(c, edges);
    });
  }

  async pendingAnalysis(): Promise<PendingArticle[]> { return analysis.pending(this.db); }
  async analysedCount(): Promise<number> { return analysis.count(this.db); }
  async analysisPending(): Promise<boolean> { return analysis.hasPending(this.db); }
  async analysedBetween(from: number, to: number) { return analysis.between(this.db, from, to); }
  async wordFrequencies(words: Iterable<string>) { return analysis.frequencies(this.db, words); }
  async lineageCandidates(keys: Iterable<number>, exclude: ReadonlySet<string>, capOf: (key: number) => number) { return analysis.candidates(this.db, keys, exclude, capOf); }
  async placementsOf(ids: Iterable<string>) { return analysis.placementsOf(this.db, ids); }

  async writeAnalysis(w: AnalysisWrite): Promise<void> {
    await writing(this.db, async (c) => {
      if (w.reset) {
        await analysis.clearAnalysis(c);
        // a regrouping places every article afresh; the events stay readable until sweepEvents
        if (w.reset === 'everything') await c.query('DELETE FROM event_members');
      }
      await analysis.replaceLineageOf(c, w.lineageOf, w.edges);
      await analysis.saveAnalysed(c, w.analysed);
      await events.upsertEvents(c, w.events, w.threads);
    });
  }

  /**
   * One analysis run at a time across every process on the database: a session lock on a
   * connection of its own, held from the run's first read to its last write (two runs
   * interleaved would both group the same new articles and build the same event twice).
   * A process that dies drops its connection and with it the lock.
   */
  async exclusive<T>(what: ExclusiveWork, fn: () => Promise<T>): Promise<T> {
    const c = await this.db.connect();
    try {
      await c.query('SELECT pg_advisory_lock($1)', [LOCKS[what].toString()]);
      try {
        return await fn();
      } finally {
        await c.query('SELECT pg_advisory_unlock($1)', [LOCKS[what].toString()]);
      }
    } finally {
      c.release();
    }
  }

  /** held by some session: this one's try fails (an advisory lock is per session, so a holder in this pool is seen too) */
  async running(what: ExclusiveWork): Promise<boolean> {
    const c = await this.db.connect();
    try {
      const got = (await c.query<{ got: boolean }>('SELECT pg_try_advisory_lock($1) AS got', [LOCKS[what].toString()])).rows[0]!.got;
      if (got) await c.query('SELECT pg_advisory_unlock($1)', [LOCKS[what].toString()]);
      return !got;
    } finally {
      c.release();
    }
  }

  lineageOf(id: string): Promise<LineageEdge[]> { return analysis.lineageOf(this.db, id); }
  allLineage(): Promise<LineageEdge[]> { return analysis.allLineage(this.db); }
  eventPlacements(): Promise<Map<string, string>> { return events.eventPlacements(this.db); }
  threadPlacements(): Promise<Map<string, string>> { return events.threadPlacements(this.db); }
  sweepEvents(): Promise<number> { return writing(this.db, (c) => events.sweepEvents(c)); }
  async saveEvents(e: readonly EventRecord[], t: readonly ThreadRecord[]): Promise<void> { await writing(this.db, (c) => events.saveEvents(c, e, t)); }
  listEvents(f: EventFilter): Promise<{ total: number; events: EventRecord[] }> { return events.listEvents(this.db, f); }
  getEvent(id: string): Promise<EventRecord | undefined> { return events.getEvent(this.db, id); }
  eventOf(articleId: string): Promise<string | undefined> { return events.eventOf(this.db, articleId); }
  listThreads(f: EventFilter): Promise<{ total: number; threads: ThreadRecord[] }> { return events.listThreads(this.db, f); }
  getThread(id: string): Promise<ThreadRecord | undefined> { return events.getThread(this.db, id); }
  getComparison(eventId: string): Promise<StoredComparison | undefined> { return events.getComparison(this.db, eventId); }
  async saveComparison(eventId: string, s: StoredComparison, texts: readonly StoredText[] = []): Promise<void> {
    await writing(this.db, async (c) => { await events.saveComparison(c, eventId, s); await analysis.saveTexts(c, texts); });
  }
  articleTexts(ids: readonly string[], version: string): Promise<Map<string, StoredText>> { return analysis.texts(this.db, ids, version); }

  async attributeArticle(id: string, outlet: OutletRef, published: Article['published']): Promise<void> {
    await writing(this.db, (c) => articles.attributeArticle(c, id, outlet, published));
  }

  articlesByIds(ids: readonly string[]): Promise<Article[]> { return articles.articlesByIds(this.db, ids); }
  articlesStamp(): Promise<string> { return articles.articlesStamp(this.db); }

  /** an import is under way: its search rows go to the GIN indexes' pending lists in larger runs */
  private bulk = false;
  /** a run that ends (bulkWrites with ends or load): its search_df changes held to its end; a load's search indexes set aside while it outgrows the archive */
  private load?: { indexes?: SearchIndexDeferral; df: LoadDfChanges };
  /** merging the pending lists after an import (awaited by close) */
  private flushing: Promise<void> = Promise.resolve();

  bulkWrites(on: boolean, opts: { load?: boolean; ends?: boolean } = {}): void {
    // The server sizes its own caches. What pays is the GIN pending list: with 64 MB instead
    // of 4 MB an import writes search rows about a third faster (multi-outlet: 34.5/46.3 s →
    // 22.2/29.8 s); when the import ends the lists are merged into the indexes, so searches
    // do not scan a long pending list until autovacuum gets to it. A load that outgrows the
    // archive writes without the GIN indexes and builds them at its end (bulk-load.ts).
    if (this.bulk && !on) {
      const load = this.load;
      this.load = undefined;
      // what a step leaves undone the next open of the archive does (repairSearchDf, the search schema's IF NOT EXISTS)
      const steps: Array<[string, () => Promise<unknown> | undefined]> = [
        ["writing the import's search counts", () => load?.df.end()],
        ['building the search index', () => load?.indexes?.end()],
        ["merging the search index's pending lists", () => flushSearchPending(this.db)],
      ];
      this.flushing = this.flushing.then(async () => {
        for (const [what, step] of steps) {
          try {
            await step();
          } catch (e) {
            process.stderr.write(`warning: ${what} after the import failed (the next open of the archive does it): ${(e as Error).message}\n`);
          }
        }
      });
    }
    if (on && (opts.load || opts.ends) && !this.load) this.load = { indexes: opts.load ? new SearchIndexDeferral(this.db) : undefined, df: new LoadDfChanges(this.db) };
    this.bulk = on;
  }

  /** what an ended run still has to do: its held search counts, a load's search index, the pending lists (close waits for it too) */
  settled(): Promise<void> { return this.flushing; }

  async generation(): Promise<string> {
    return String((await this.db.query<{ n: string }>('SELECT n FROM archive_generation')).rows[0]?.n ?? 0);
  }

  async getMeta(key: string): Promise<string | undefined> {
    return (await this.db.query<{ value: string }>('SELECT value FROM meta WHERE key = $1', [key])).rows[0]?.value;
  }

  async setMeta(key: string, value: string): Promise<void> {
    await writing(this.db, (c) => c.query('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]));
  }

  knownSource(key: string): Promise<KnownSource | undefined> { return articles.knownSource(this.db, key); }
  knownSources(keys: readonly string[]): Promise<Map<string, KnownSource>> { return articles.knownSources(this.db, keys); }

  async commit(items: ImportItem[], parserVersion: number, rebuild?: RebuildPass): Promise<ArticleOutcome[][]> {
    const seen = new Date().toISOString();
    // the ids a rebuild rewrote join its pass once the batch is committed
    const rewritten = new Set<string>();
    const load = this.load;
    await load?.indexes?.beforeBatch(items.reduce((n, i) => n + i.articles.filter((a) => a.index).length, 0));
    await load?.df.begin();
    // a run's batch keeps its search_df changes; they join the run's once the batch is committed
    const df = load ? new DfChanges() : undefined;
    const outcomes = await writing(this.db, async (c) => {
      // an import's batch: larger GIN pending lists, and its search_df counts sorted in memory
      if (this.bulk) await c.query(`SET LOCAL gin_pending_list_limit = ${BULK_GIN_PENDING_KB}; SET LOCAL work_mem = '${BULK_WORK_MEM}'`);
      await load?.df.mark(c);
      return articles.commitBatch(c, items, parserVersion, seen, rebuild && { pass: rebuild, rewritten }, df);
    });
    if (load && df) await load.df.committed(df);
    for (const id of rewritten) rebuild?.articles.add(id);
    return outcomes;
  }

  getArticle(id: string): Promise<Article | undefined> { return articles.getArticle(this.db, id); }
  articleSources(id: string): Promise<StoredSource[]> { return articles.articleSources(this.db, id); }
  articleVersions(id: string) { return articles.articleVersions(this.db, id); }
  getRaw(sha256: string): Promise<Uint8Array | undefined> { return getRaw(this.db, sha256); }

  async addImportRoot(path: string): Promise<void> {
    await writing(this.db, (c) => c.query('INSERT INTO import_roots (path, first_at) VALUES ($1, $2) ON CONFLICT (path) DO NOTHING', [path, new Date().toISOString()]));
  }

  async importRoots(): Promise<string[]> {
    return (await this.db.query<{ path: string }>('SELECT path FROM import_roots ORDER BY path')).rows.map((r) => r.path);
  }
  listArticles(f: ListFilter): Promise<Article[]> { return articles.listArticles(this.db, f); }
  outlets(): Promise<OutletRef[]> { return articles.outlets(this.db); }
  stats(): Promise<ArchiveStats> { return articles.stats(this.db); }
  allArticles(): AsyncIterable<Article> { return articles.allArticles(this.db); }

  async *allSources(): AsyncIterable<{ key: string; location: Location; sha256: string; bytes: Uint8Array }> {
    const rows = articles.pages<articles.SourceRow>(this.db, (after) =>
      `SELECT * FROM sources WHERE status <> 'skipped' ${after ? `AND seq > ${after}` : ''} ORDER BY seq LIMIT $${after ? 2 : 1}`, (r) => r.seq);
    for await (const r of rows) {
      const bytes = await this.getRaw(r.sha256);
      if (bytes) yield { key: r.key, location: articles.toLocation(r), sha256: r.sha256, bytes };
    }
  }

  sweepDerived(rebuild: RebuildPass): Promise<number> {
    return articles.sweepDerived(this.db, rebuild, (fn) => writing(this.db, fn));
  }

  async close(): Promise<void> {
    // a run not ended by bulkWrites(false) ends here: its held counts are written and its connection let go
    if (this.load) this.bulkWrites(false);
    await this.flushing;
    await this.db.end();
  }
}

/** CREATE DATABASE through the server's maintenance database, as an import makes a new SQLite file */
async function createDatabase(url: string): Promise<void> {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.slice(1));
  if (!name) throw new Error(`no database named in ${redact(url)}: add it, e.g. postgres://user@host/parallax`);
  u.pathname = '/postgres';
  const admin = new pg.Client(u.toString());
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  } catch (e) {
    // another process made it meanwhile
    if ((e as { code?: string }).code !== '42P04') throw new Error(`the database ${name} does not exist and could not be made: ${(e as Error).message}`);
  } finally {
    await admin.end().catch(() => {});
  }
}


