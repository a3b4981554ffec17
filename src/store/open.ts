// Open the store a database setting names: a file path is the embedded SQLite store, a
// postgres:// or postgresql:// URL the PostgreSQL store.
import { isPostgresUrl } from './url.js';
import { SqliteStore } from './sqlite/store.js';
import type { Store } from './store.js';

/**
 * `create: false`: a database without an archive is an error, never made empty (PostgreSQL; for files the caller checks);
 * `searchThreads`: SQLite searches in threads of their own (a serving process; PostgreSQL's run in its server anyway)
 */
export async function openStore(target: string, opts: { create?: boolean; searchThreads?: number } = {}): Promise<Store> {
  // the client library is loaded only for a PostgreSQL archive
  if (isPostgresUrl(target)) return (await import('./postgres/store.js')).PostgresStore.open(target, opts);
  return new SqliteStore(target, { searchThreads: opts.searchThreads });
}
