// Open the store a database setting names: a file path is the embedded SQLite store.
import { SqliteStore } from './sqlite/store.js';
import type { Store } from './store.js';

export async function openStore(target: string): Promise<Store> {
  if (/^postgres(ql)?:\/\//.test(target)) {
    throw new Error('the PostgreSQL store is not built yet: use a SQLite file path for --db / PARALLAX_DB');
  }
  return new SqliteStore(target);
}
