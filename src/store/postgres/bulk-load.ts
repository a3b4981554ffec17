// A load (an import) that outgrows the archive it writes into: the search table's GIN
// indexes are set aside while it writes and built again when it ends. Inserting ~700
// lexemes an article into six GIN indexes was most of an import's time (docs/scaling.md);
// CREATE INDEX builds a GIN index from sorted entries in memory, many times cheaper an
// entry. The indexes are dropped once the load has written at least as many search rows as
// the table held when it began (at once into an empty archive), so building them again
// costs at most about twice what the load wrote, never a rebuild of a large archive for a
// small import. Searches stay right meanwhile (the @@ tests run on the rows, only slower).
// A load that dies before the end leaves them missing until a store opens the database:
// the search schema (search.ts PG_SEARCH_SCHEMA, run by migrate on every open) creates
// every one of them IF NOT EXISTS.
//
// A load's search_df changes (bm25's document counts), and an import's (any run of writes
// that ends: Store.bulkWrites `ends`), are added up here across its batches and written at
// its end: applied batch by batch they were the largest part of a load's server time
// (~250,000 upserts a batch of 1,000 articles, most of them the same common bigrams again).
// Until the end, searches rank with counts that miss the run's rows. A run that dies
// before its end leaves a marker in meta; the next store to open the database counts
// search_df afresh (repairSearchDf), once no other run is live.
import { randomUUID } from 'node:crypto';
import { LOCKS, writing, type Conn, type Db } from './db.js';
import { DfChanges, SEARCH_DF_COUNTED } from './search-df.js';

/** the memory a GIN build sorts in (per index, one at a time); the server's default is 64 MB */
const BUILD_MEMORY = '512MB';
/** search rows counted at most when a load begins (past this the archive is "large") */
const COUNT_CAP = 1_000_000;

export class SearchIndexDeferral {
  /** search rows when the load began; undefined until its first batch */
  private startRows?: number;
  private written = 0;
  /** the definitions of the indexes this load dropped, to build again */
  private dropped: string[] = [];
  /** dropped once at most: a concurrent load may have dropped them first (and builds them at its end) */
  private tried = false;

  constructor(private readonly db: Db) {}

  /** before a batch that writes `rows` search rows: drop the indexes once the load outgrows the archive */
  async beforeBatch(rows: number): Promise<void> {
    this.startRows ??= Number((await this.db.query<{ n: string }>(`SELECT count(*) AS n FROM (SELECT 1 FROM search LIMIT ${COUNT_CAP}) t`)).rows[0]!.n);
    this.written += rows;
    if (this.tried || rows === 0 || this.written < this.startRows) return;
    this.tried = true;
    this.dropped = await writing(this.db, async (c) => {
      const { rows: defs } = await c.query<{ name: string; def: string }>(
        "SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'search' AND indexdef LIKE '%USING gin%' ORDER BY indexname");
      for (const d of defs) await c.query(`DROP INDEX IF EXISTS ${d.name}`);
      return defs.map((d) => d.def.replace(/^CREATE INDEX /, 'CREATE INDEX IF NOT EXISTS '));
    });
  }

  /** the load ended: build what it dropped (another load may have built them already: IF NOT EXISTS) */
  async end(): Promise<void> {
    const defs = this.dropped;
    this.dropped = [];
    this.tried = false;
    this.startRows = undefined;
    this.written = 0;
    if (defs.length === 0) return;
    await writing(this.db, async (c) => {
      await c.query(`SET LOCAL maintenance_work_mem = '${BUILD_MEMORY}'`);
      for (const def of defs) await c.query(def);
    });
  }
}

/** search_df changes held at most before a run writes them (8 bytes each in typed arrays, ~100 in a Map for longer tokens) */
const DF_HELD = 2_000_000;
/** meta keys that mark a load whose search_df changes are not all written */
const DF_PENDING = 'search_df_pending:';

export class LoadDfChanges {
  private readonly changes = new DfChanges();
  private readonly key = DF_PENDING + randomUUID();
  /** the connection holding the shared lock that says this load is live */
  private held?: Conn;

  constructor(private readonly db: Db) {}

  /** before each batch: the first takes the shared lock (waits while a recount runs) */
  async begin(): Promise<void> {
    if (this.held) return;
    const c = await this.db.connect();
    // the server may end this idle connection (a restart): the load's end then finds it gone
    c.on('error', () => {});
    try {
      await c.query('SELECT pg_advisory_lock_shared($1)', [LOCKS.dfLoad.toString()]);
    } catch (e) {
      c.release(true);
      throw e;
    }
    this.held = c;
  }

  /** inside a batch's transaction: the marker that says search_df misses rows of this load */
  async mark(c: Conn): Promise<void> {
    await c.query('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [this.key, new Date().toISOString()]);
  }

  /** a batch committed: its changes join the load's; written when they grow past DF_HELD */
  async committed(batch: DfChanges): Promise<void> {
    this.changes.merge(batch);
    if (this.changes.size >= DF_HELD) await writing(this.db, (c) => this.changes.apply(c));
  }

  /** the load ended: its changes written and its marker gone in one transaction, the lock let go */
  async end(): Promise<void> {
    if (!this.held) return;
    try {
      await writing(this.db, async (c) => {
        await this.changes.apply(c);
        await c.query('DELETE FROM meta WHERE key = $1', [this.key]);
      });
    } finally {
      const c = this.held;
      this.held = undefined;
      await c.query('SELECT pg_advisory_unlock_shared($1)', [LOCKS.dfLoad.toString()]).then(() => c.release(), (e: Error) => c.release(e));
    }
  }
}

/**
 * After a load that died before its end: search_df counted afresh from the search rows, when
 * no load is live (a live one's changes would be counted twice); else left to a later open.
 * Returns whether it counted.
 */
export async function repairSearchDf(db: Db, starting: () => void = () => {}): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM meta WHERE starts_with(key, $1) LIMIT 1', [DF_PENDING]);
  if (rows.length === 0) return false;
  return writing(db, async (c) => {
    const { rows: lock } = await c.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS ok', [LOCKS.dfLoad.toString()]);
    if (!lock[0]!.ok) return false;
    starting();
    await c.query(`SET LOCAL work_mem = '256MB'`);
    await c.query('DELETE FROM search_df');
    await c.query(`INSERT INTO search_df (token, col, docs) ${SEARCH_DF_COUNTED}`);
    await c.query('DELETE FROM meta WHERE starts_with(key, $1)', [DF_PENDING]);
    return true;
  });
}
