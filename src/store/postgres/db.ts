// The connection side of the PostgreSQL store: a pool, transactions, and the write lock.
// SQLite lets one writer at a time into a file; here every write transaction takes one
// advisory lock first, so batches from several processes apply one after another and each
// sees what the one before it committed (an article is never inserted twice, outcomes are
// those SQLite gives). Readers never wait for it.
import pg from 'pg';

export type Db = pg.Pool;
export type Conn = pg.PoolClient;

/** advisory lock keys (one namespace: the first 32 bits say "parallax") */
export const LOCKS = {
  /** every write transaction */
  write: 0x70617261_0001n,
  /** schema migrations */
  migrate: 0x70617261_0002n,
  /** an analysis run, from its first read to its last write (held by the session) */
  analysis: 0x70617261_0003n,
  /** a polling round of the watcher (held by the session) */
  watch: 0x70617261_0004n,
  /** a load whose search_df changes are not written yet (shared, held by its session); a recount takes it exclusive */
  dfLoad: 0x70617261_0005n,
} as const;

export function openPool(url: string): Db {
  // a few connections a process: a server of four processes with its analysis and watcher
  // threads holds about 20, so several servers fit in PostgreSQL's default of 100
  const pool = new pg.Pool({ connectionString: url, max: 4, idleTimeoutMillis: 10_000 });
  // an idle connection dropped by the server must not end the process; the next query reconnects
  pool.on('error', () => {});
  return pool;
}

/**
 * run `fn` in one transaction on one connection; rolled back on any error. `mode` may hold
 * statements after the BEGIN (one round trip): `fn` gets the last one's result.
 */
export async function inTransaction<T>(db: Db, fn: (c: Conn, begun: pg.QueryResult) => Promise<T>, mode = 'BEGIN'): Promise<T> {
  const c = await db.connect();
  try {
    // several statements in one query come back as an array of results
    const begun = (await c.query(mode)) as pg.QueryResult | pg.QueryResult[];
    const out = await fn(c, Array.isArray(begun) ? begun[begun.length - 1]! : begun);
    await c.query('COMMIT');
    return out;
  } catch (e) {
    await c.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    c.release();
  }
}

/**
 * A write transaction: the write lock, then `fn`, then the archive's generation moves (what
 * readers key their caches by, in this process or any other).
 */
export function writing<T>(db: Db, fn: (c: Conn) => Promise<T>): Promise<T> {
  return inTransaction(db, async (c) => {
    await c.query('SELECT pg_advisory_xact_lock($1)', [LOCKS.write.toString()]);
    const out = await fn(c);
    await c.query('UPDATE archive_generation SET n = n + 1');
    return out;
  });
}

/** a read snapshot: every statement of `fn` sees the same committed state; `first`: statements sent with the BEGIN */
export function snapshot<T>(db: Db, fn: (c: Conn, begun: pg.QueryResult) => Promise<T>, first?: string): Promise<T> {
  return inTransaction(db, fn, `BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY${first ? `; ${first}` : ''}`);
}

/** pg hands bigint and numeric back as strings */
export const num = (v: string | number | null | undefined): number => (v === null || v === undefined ? 0 : Number(v));

/** a Uint8Array as the Buffer pg sends as bytea */
export const bytes = (u: Uint8Array): Buffer => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

