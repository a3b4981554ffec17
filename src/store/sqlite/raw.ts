// Raw bytes in the SQLite store: every file as it was read, compressed (brotli; gzip in
// archives made before 2026-11) and keyed by its sha256, so a file met twice is kept once.
// Articles are derived from them (reindex rebuilds every article from here).
import type Database from 'better-sqlite3';
import { unpackRaw, type RawBlob, type RawCodec } from '../store.js';

export const RAW_SCHEMA = `
CREATE TABLE IF NOT EXISTS raw (
  sha256 TEXT PRIMARY KEY,
  size INTEGER NOT NULL,
  data BLOB NOT NULL,
  codec TEXT NOT NULL DEFAULT 'gzip'
);
`;

export class SqliteRaw {
  private readonly stmts;

  constructor(db: Database.Database) {
    this.stmts = {
      put: db.prepare('INSERT OR IGNORE INTO raw (sha256, size, data, codec) VALUES (?, ?, ?, ?)'),
      has: db.prepare('SELECT 1 FROM raw WHERE sha256 = ?'),
      get: db.prepare('SELECT codec, data FROM raw WHERE sha256 = ?'),
    };
  }

  /** keep a file's bytes unless they are kept already (inside the caller's transaction) */
  put(sha256: string, blob: RawBlob): void {
    if (!this.stmts.has.get(sha256)) this.stmts.put.run(sha256, blob.size, blob.data, blob.codec);
  }

  get(sha256: string): Uint8Array | undefined {
    const row = this.stmts.get.get(sha256) as { codec: RawCodec; data: Buffer } | undefined;
    return row ? unpackRaw(row.codec, row.data) : undefined;
  }
}
