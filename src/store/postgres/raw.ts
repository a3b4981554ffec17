// Raw bytes in the PostgreSQL store: bytea keyed by sha256, compressed as they arrive
// (packRaw: brotli; gzip in archives made before 2026-11), written once.
import { unpackRaw, type RawBlob, type RawCodec } from '../store.js';
import { bytes, type Conn, type Db } from './db.js';

/** write the blobs not stored yet (one statement for a whole batch) */
export async function putRaws(c: Conn, blobs: ReadonlyArray<{ sha256: string; blob: RawBlob }>): Promise<void> {
  if (blobs.length === 0) return;
  await c.query(`INSERT INTO raw (sha256, size, data, codec) SELECT * FROM unnest($1::text[], $2::bigint[], $3::bytea[], $4::text[])
    ON CONFLICT (sha256) DO NOTHING`, [
    blobs.map((b) => b.sha256), blobs.map((b) => b.blob.size), blobs.map((b) => bytes(b.blob.data)), blobs.map((b) => b.blob.codec),
  ]);
}

export async function getRaw(db: Db | Conn, sha256: string): Promise<Uint8Array | undefined> {
  const r = await db.query<{ codec: RawCodec; data: Buffer }>('SELECT codec, data FROM raw WHERE sha256 = $1', [sha256]);
  const row = r.rows[0];
  return row ? unpackRaw(row.codec, row.data) : undefined;
}
