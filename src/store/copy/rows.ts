// Reading and writing the rows of one table, for each store: SQLite through its own
// connection, PostgreSQL through COPY … TO STDOUT and COPY … FROM STDIN (text format),
// which moves rows several times faster than INSERTs and streams however large the table.
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type Database from 'better-sqlite3';
import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import type { Kind, Row, TableSpec } from './tables.js';

const where = (t: TableSpec): string => (t.where ? `WHERE ${t.where}` : '');

// ---------------------------------------------------------------- SQLite

export function* sqliteRows(db: Database.Database, t: TableSpec, by: 'order' | 'key'): Iterable<Row> {
  const order = by === 'key' ? t.key.join(', ') : t.order.replace('{rowid}', 'rowid');
  const stmt = db.prepare(`SELECT ${t.columns.map(([c]) => c).join(', ')} FROM ${t.name} ${where(t)} ORDER BY ${order}`).raw(true);
  for (const r of stmt.iterate() as Iterable<unknown[]>) {
    t.columns.forEach(([, k], i) => { if (k === 'b') r[i] = r[i] === null ? null : r[i] === 1; });
    yield r;
  }
}

export function sqliteCount(db: Database.Database, t: TableSpec): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${t.name} ${where(t)}`).get() as { n: number }).n;
}

/** a writer of one table's rows, inside the caller's transaction */
export function sqliteWriter(db: Database.Database, t: TableSpec): (r: Row) => void {
  const stmt = db.prepare(`INSERT INTO ${t.name} (${t.columns.map(([c]) => c).join(', ')}) VALUES (${t.columns.map(() => '?').join(', ')})`);
  const bools = t.columns.map(([, k]) => k === 'b');
  return (r) => { stmt.run(r.map((v, i) => (bools[i] && v !== null ? (v ? 1 : 0) : v))); };
}

// ---------------------------------------------------------------- PostgreSQL

const pgColumn = ([c, k]: [string, Kind]): string => (k === 'j' ? `${c}::text` : c);

export async function pgCount(c: pg.ClientBase, t: TableSpec): Promise<number> {
  return Number((await c.query<{ n: string }>(`SELECT count(*) AS n FROM ${t.name} ${where(t)}`)).rows[0]!.n);
}

/** the rows of a table, streamed by COPY TO (on the caller's connection and snapshot) */
export async function* pgRows(c: pg.ClientBase, t: TableSpec, by: 'order' | 'key'): AsyncIterable<Row> {
  const order = by === 'key' ? t.key.join(', ') : t.order.replace('{rowid}', 'rid');
  const stream = c.query(copyTo(`COPY (SELECT ${t.columns.map(pgColumn).join(', ')} FROM ${t.name} ${where(t)} ORDER BY ${order}) TO STDOUT`));
  let rest: Buffer = Buffer.alloc(0);
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const buf = rest.length ? Buffer.concat([rest, chunk]) : chunk;
    let start = 0;
    for (let nl = buf.indexOf(10, start); nl >= 0; nl = buf.indexOf(10, start)) {
      yield parseLine(buf.toString('utf8', start, nl), t.columns);
      start = nl + 1;
    }
    rest = buf.subarray(start);
  }
}

const UNESCAPE: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

function parseLine(line: string, columns: ReadonlyArray<[string, Kind]>): Row {
  return line.split('\t').map((f, i) => {
    if (f === '\\N') return null;
    const v = f.includes('\\') ? f.replace(/\\(.)/g, (_, ch: string) => UNESCAPE[ch] ?? ch) : f;
    switch (columns[i]![1]) {
      case 'i': case 'r': return Number(v);
      case 'b': return v === 't';
      case 'x': return Buffer.from(v.slice(2), 'hex');
      default: return v;
    }
  });
}

const escapeText = (s: string): string => s.replace(/[\\\n\r\t]/g, (ch) => (ch === '\\' ? '\\\\' : ch === '\n' ? '\\n' : ch === '\r' ? '\\r' : '\\t'));

function formatValue(v: unknown, k: Kind): string {
  if (v === null || v === undefined) return '\\N';
  switch (k) {
    case 'b': return v ? 't' : 'f';
    case 'x': return `\\\\x${Buffer.from(v as Uint8Array).toString('hex')}`;
    case 'i': case 'r': return String(v);
    // jsonb holds no U+0000 (see postgres/articles.ts)
    case 'j': return escapeText((v as string).replace(/(?<!\\)((?:\\\\)*)\\u0000/g, '$1\\ufffd'));
    default: return escapeText(String(v));
  }
}

/**
 * Write rows into a table by COPY FROM STDIN on the caller's connection. `extra` adds
 * columns the PostgreSQL table derives (articles.day from the document).
 */
export async function pgCopyIn(c: pg.ClientBase, t: TableSpec, rows: AsyncIterable<Row> | Iterable<Row>, onRow: () => void,
  extra?: { column: string; value: (r: Row) => string | null }): Promise<void> {
  const names = t.columns.map(([n]) => n);
  if (extra) names.push(extra.column);
  const sink = c.query(copyFrom(`COPY ${t.name} (${names.join(', ')}) FROM STDIN`));
  const lines = new Transform({
    writableObjectMode: true,
    transform(r: Row, _enc: BufferEncoding, done: TransformCallback) {
      const fields = t.columns.map(([, k], i) => formatValue(r[i], k));
      if (extra) fields.push(formatValue(extra.value(r), 't'));
      onRow();
      done(null, fields.join('\t') + '\n');
    },
  });
  await pipeline(Readable.from(rows), lines, sink);
}
