// One search thread of a serving process (search-threads.ts): its own read-only connection
// to the archive, answering one search at a time. SQLite's statements run in the calling
// thread and cannot be interrupted through better-sqlite3; here a long one holds only this
// thread, never the process's requests.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { StaleIndexError, type SearchRequest } from '../store.js';
import { SqliteSearch } from './search.js';

const { file, cacheKb } = workerData as { file: string; cacheKb: number };
const db = new Database(file, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 10000');
db.pragma(`cache_size = -${cacheKb}`);
const index = new SqliteSearch(db);

parentPort!.on('message', ({ id, req }: { id: number; req: SearchRequest }) => {
  try {
    parentPort!.postMessage({ id, hits: index.search(req) });
  } catch (e) {
    parentPort!.postMessage({ id, error: { stale: e instanceof StaleIndexError, message: e instanceof Error ? e.message : String(e) } });
  }
});
