// `parallax copy`: move an archive between stores (SQLite → PostgreSQL and back, or
// between two of a kind) table by table, streaming, into a new empty target in one
// transaction (a copy that fails or is killed leaves the target empty), then rebuild the
// target's search index from the copied articles and verify: every table's row count and
// a digest of its rows must be equal on both sides, and every raw blob must unpack to the
// bytes its sha256 names.
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type pg from 'pg';
import { Article } from '../../article.js';
import { indexDoc, type IndexDoc } from '../../search/index-doc.js';
import { Segmenter } from '../../text/segment.js';
import { LOCKS } from '../postgres/db.js';
import { writeSearchRows } from '../postgres/search.js';
import { PostgresStore } from '../postgres/store.js';
import { SqliteStore } from '../sqlite/store.js';
import { unpackRaw, type RawCodec, type Store } from '../store.js';
import { pgCopyIn, pgCount, pgRows, sqliteCount, sqliteRows, sqliteWriter } from './rows.js';
import { TABLES, type Kind, type Row, type TableSpec } from './tables.js';

export class CopyError extends Error {}

export type CopyProgress = (step: string, done: number, total: number) => void;

export interface CopyReport {
  tables: Array<{ name: string; rows: number; digest: string }>;
  /** articles the target's search index was built for */
  indexed: number;
  /** raw blobs whose bytes were unpacked and hashed again in the target */
  rawChecked: number;
  seconds: number;
}

/** one side of a copy: a connection (and for PostgreSQL a transaction of its own) */
type Side =
  | { kind: 'sqlite'; db: Database.Database }
  | { kind: 'pg'; client: pg.PoolClient };

async function sideOf(store: Store): Promise<Side> {
  if (store instanceof SqliteStore) return { kind: 'sqlite', db: store.db };
  if (store instanceof PostgresStore) return { kind: 'pg', client: await store.db.connect() };
  throw new CopyError('copy knows SQLite and PostgreSQL stores only');
}

const release = (s: Side): void => { if (s.kind === 'pg') s.client.release(); };

async function count(s: Side, t: TableSpec): Promise<number> {
  return s.kind === 'sqlite' ? sqliteCount(s.db, t) : pgCount(s.client, t);
}

function rowsOf(s: Side, t: TableSpec, by: 'order' | 'key'): AsyncIterable<Row> | Iterable<Row> {
  return s.kind === 'sqlite' ? sqliteRows(s.db, t, by) : pgRows(s.client, t, by);
}

/**
 * An order-free digest of a table: the sum of each row's sha256 (mod 2^256), so the source
 * can be digested as it is copied (in import order) and the target in any order.
 */
class Digest {
  private sum = 0n;
  rows = 0;
  constructor(private readonly columns: ReadonlyArray<[string, Kind]>) {}
  add(r: Row): void {
    const canonical = r.map((v, i) => canonicalValue(v, this.columns[i]![1]));
    this.sum = (this.sum + BigInt('0x' + createHash('sha256').update(JSON.stringify(canonical)).digest('hex'))) & ((1n << 256n) - 1n);
    this.rows++;
  }
  get hex(): string { return this.sum.toString(16).padStart(64, '0'); }
}

function canonicalValue(v: unknown, k: Kind): unknown {
  if (v === null || v === undefined) return null;
  if (k === 'x') return createHash('sha256').update(v as Uint8Array).digest('hex');
  if (k === 'j') return stableJson(JSON.parse(v as string));
  if (k === 'b') return v === true || v === 1;
  return v;
}

/** JSON with keys sorted: jsonb keeps its own key order, SQLite the writer's */
function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${stableJson((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v);
}

export async function copyArchive(from: Store, to: Store, opts: { lexicons?: string[]; progress?: CopyProgress } = {}): Promise<CopyReport> {
  const started = performance.now();
  const progress = opts.progress ?? (() => {});
  const src = await sideOf(from);
  const dst = await sideOf(to);
  try {
    for (const t of ['sources', 'articles', 'raw', 'watch_sources', 'events']) {
      if ((await count(dst, TABLES.find((x) => x.name === t)!)) > 0) throw new CopyError(`the target already holds an archive (its ${t} table is not empty): copy into a new, empty database`);
    }
    const digests = await copyTables(src, dst, progress);
    const seg = new Segmenter(opts.lexicons ?? []);
    const indexed = await buildIndex(dst, seg, progress);
    await endWrite(dst, 'COMMIT');
    await endRead(src);
    const report = await verify(dst, digests, progress);
    return { ...report, indexed, seconds: Math.round((performance.now() - started) / 100) / 10 };
  } catch (e) {
    await endWrite(dst, 'ROLLBACK').catch(() => {});
    await endRead(src).catch(() => {});
    throw e;
  } finally {
    release(src);
    release(dst);
  }
}

const writing = new WeakSet<object>();
const reading = new WeakSet<object>();

async function beginRead(s: Side): Promise<void> {
  if (s.kind === 'pg') await s.client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  else s.db.exec('BEGIN');
  reading.add(s);
}

async function endRead(s: Side): Promise<void> {
  if (!reading.has(s)) return;
  reading.delete(s);
  if (s.kind === 'pg') await s.client.query('COMMIT');
  else if (s.db.inTransaction) s.db.exec('COMMIT');
}

async function beginWrite(s: Side): Promise<void> {
  if (s.kind === 'pg') {
    await s.client.query('BEGIN');
    await s.client.query('SELECT pg_advisory_xact_lock($1)', [LOCKS.write.toString()]);
  } else s.db.exec('BEGIN IMMEDIATE');
  writing.add(s);
}

async function endWrite(s: Side, how: 'COMMIT' | 'ROLLBACK'): Promise<void> {
  if (!writing.has(s)) return;
  writing.delete(s);
  if (s.kind === 'pg') {
    if (how === 'COMMIT') await s.client.query('UPDATE archive_generation SET n = n + 1');
    await s.client.query(how);
  } else if (s.db.inTransaction) s.db.exec(how);
}

/** every table in one read snapshot of the source and one write transaction of the target */
async function copyTables(src: Side, dst: Side, progress: CopyProgress): Promise<Map<string, Digest>> {
  await beginRead(src);
  await beginWrite(dst);
  const digests = new Map<string, Digest>();
  for (const t of TABLES) {
    const total = await count(src, t);
    const digest = new Digest(t.columns);
    digests.set(t.name, digest);
    // the target's triggers queued every copied article: the source's queue says which wait
    if (t.name === 'analysis_queue') await exec(dst, 'DELETE FROM analysis_queue');
    let done = 0;
    const tick = (): void => { if (++done % 1000 === 0) progress(t.name, done, total); };
    const rows = withDigest(rowsOf(src, t, 'order'), digest);
    if (dst.kind === 'sqlite') {
      const put = sqliteWriter(dst.db, t);
      for await (const r of rows) { put(r); tick(); }
    } else {
      const docAt = t.columns.findIndex(([c]) => c === 'doc');
      await pgCopyIn(dst.client, t, rows, tick, t.name === 'articles'
        ? { column: 'day', value: (r) => (JSON.parse(r[docAt] as string) as { published?: { day?: string } }).published?.day ?? null }
        : undefined);
    }
    progress(t.name, total, total);
  }
  // ids of watched sources are copied as they are: the next one follows the largest
  if (dst.kind === 'pg') await dst.client.query("SELECT setval(pg_get_serial_sequence('watch_sources', 'id'), max(id)) FROM watch_sources HAVING count(*) > 0");
  return digests;
}

async function* withDigest(rows: AsyncIterable<Row> | Iterable<Row>, d: Digest): AsyncIterable<Row> {
  for await (const r of rows) { d.add(r); yield r; }
}

async function exec(s: Side, sql: string): Promise<void> {
  if (s.kind === 'sqlite') s.db.exec(sql);
  else await s.client.query(sql);
}

/** the target's search index, built from its articles as an import builds it from parsed files */
async function buildIndex(dst: Side, seg: Segmenter, progress: CopyProgress): Promise<number> {
  const page = 500;
  let after = 0;
  let n = 0;
  const total = dst.kind === 'sqlite'
    ? (dst.db.prepare('SELECT count(*) AS n FROM articles WHERE flagged = 0').get() as { n: number }).n
    : Number((await dst.client.query<{ n: string }>('SELECT count(*) AS n FROM articles WHERE NOT flagged')).rows[0]!.n);
  const put = dst.kind === 'sqlite' ? dst.db.prepare('INSERT INTO search (rowid, title_w, title_g, body_g, body_w, tags) VALUES (?, ?, ?, ?, ?, ?)') : null;
  for (;;) {
    const rows: Array<{ rid: number; doc: string }> = dst.kind === 'sqlite'
      ? dst.db.prepare('SELECT rowid AS rid, doc FROM articles WHERE flagged = 0 AND rowid > ? ORDER BY rowid LIMIT ?').all(after, page) as Array<{ rid: number; doc: string }>
      : (await dst.client.query<{ rid: string; doc: string }>('SELECT rid, doc::text AS doc FROM articles WHERE NOT flagged AND rid > $1 ORDER BY rid LIMIT $2', [after, page])).rows
        .map((r) => ({ rid: Number(r.rid), doc: r.doc }));
    if (rows.length === 0) break;
    const docs: Array<{ rid: number; doc: IndexDoc }> = rows.map((r) => ({ rid: r.rid, doc: indexDoc(Article.parse(JSON.parse(r.doc)), seg) }));
    if (put) for (const { rid, doc } of docs) put.run(rid, doc.titleWords, doc.titleGrams, doc.bodyGrams, doc.bodyWords, doc.tags);
    else if (dst.kind === 'pg') await writeSearchRows(dst.client, docs.map((d) => ({ rid: String(d.rid), doc: d.doc })));
    n += rows.length;
    after = rows[rows.length - 1]!.rid;
    progress('search index', n, total);
  }
  return n;
}

/** the committed target, table by table, against the digests taken as the source was read */
async function verify(dst: Side, digests: ReadonlyMap<string, Digest>, progress: CopyProgress): Promise<Omit<CopyReport, 'indexed' | 'seconds'>> {
  const tables: CopyReport['tables'] = [];
  let rawChecked = 0;
  const bad: string[] = [];
  await beginRead(dst);
  try {
    for (const t of TABLES) {
      const want = digests.get(t.name)!;
      const got = new Digest(t.columns);
      const sha = t.columns.findIndex(([c]) => c === 'sha256');
      for await (const r of rowsOf(dst, t, 'key')) {
        got.add(r);
        if (t.name === 'raw') {
          const bytes = unpackRaw(r[3] as RawCodec, r[2] as Uint8Array);
          if (createHash('sha256').update(bytes).digest('hex') !== r[sha]) bad.push(`raw ${String(r[sha])}: its bytes do not hash to their key`);
          rawChecked++;
        }
      }
      if (got.rows !== want.rows || got.hex !== want.hex) bad.push(`${t.name}: ${want.rows} rows in the source, ${got.rows} in the target${got.rows === want.rows ? ', different content' : ''}`);
      tables.push({ name: t.name, rows: got.rows, digest: got.hex.slice(0, 16) });
      progress('verify', tables.length, TABLES.length);
    }
  } finally {
    await endRead(dst);
  }
  if (bad.length) throw new CopyError(`the copy does not match its source:\n  ${bad.slice(0, 20).join('\n  ')}`);
  return { tables, rawChecked };
}
