// The store contract on PostgreSQL: a fresh database per check on the test cluster that
// test/run.mjs starts (skipped with a notice when no PostgreSQL server is installed).
import { test } from 'node:test';
import { freshDatabase, postgresUrl } from '../../../test/postgres.js';
import { storeContract } from '../contract/suite.js';
import { PostgresStore } from './store.js';

if (postgresUrl()) {
  storeContract('postgres', async () => {
    const { url, drop } = await freshDatabase('contract');
    const store = await PostgresStore.open(url);
    const opened: PostgresStore[] = [store];
    return {
      store,
      target: url,
      reopen: async () => { const s = await PostgresStore.open(url, { create: false }); opened.push(s); return s; },
      cleanup: async () => { for (const s of opened) await s.close().catch(() => {}); await drop(); },
    };
  });
} else {
  test('store contract: postgres', { skip: 'needs a PostgreSQL server' }, () => {});
}
