// The store contract on SQLite: a fresh archive file per check, in a temporary folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { storeContract } from '../contract/suite.js';
import { SqliteStore } from '../sqlite.js';

const dir = mkdtempSync(join(tmpdir(), 'px-sqlite-contract-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

storeContract('sqlite', async () => {
  const file = join(dir, `c${++n}.db`);
  const store = new SqliteStore(file);
  return {
    store,
    reopen: async () => new SqliteStore(file),
    cleanup: async () => { await store.close(); rmSync(file, { force: true }); rmSync(`${file}-wal`, { force: true }); rmSync(`${file}-shm`, { force: true }); },
  };
});
