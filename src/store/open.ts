// Open the store a database setting names: a file path is the embedded SQLite store, a
// postgres:// or postgresql:// URL the PostgreSQL store.
import { isPostgresUrl } from './url.js';
import { SqliteStore } from './sqlite/store.js';
import type { Store } from './store.js';

/** `create: false`: a database without an archive is an error, never made empty (PostgreSQL; for files the caller checks) */
export async function openStore(target: string, opts: { create?: boolean } = {}): Promise<Store> {
  // the client library is loaded only for a PostgreSQL archive
  if (isPostgresUrl(target)) return (await import('./postgres/store.js')).PostgresStore.open(target, opts);
  return new SqliteStore(target);
}
