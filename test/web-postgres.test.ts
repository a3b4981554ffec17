// The browser tests of test/web.test.ts with the server on a PostgreSQL archive (a fresh
// database on the test cluster); skipped with a notice when there is no PostgreSQL server.
import { test } from 'node:test';
import { postgresUrl } from './postgres.js';

if (postgresUrl()) {
  process.env.PARALLAX_WEB_STORE = 'postgres';
  await import('./web.test.js');
} else {
  test('web UI on PostgreSQL', { skip: 'needs a PostgreSQL server' }, () => {});
}
