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
import { writing, type Db } from './db.js';

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
