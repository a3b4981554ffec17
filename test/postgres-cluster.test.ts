// The test cluster itself: a fresh database answers and is gone after drop.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { freshDatabase, needsPostgres, postgresUrl } from './postgres.js';

test('a fresh database on the throwaway cluster answers, and drop removes it', needsPostgres(), async () => {
  const db = await freshDatabase();
  const c = new pg.Client(db.url);
  await c.connect();
  const r = await c.query('SELECT current_database() AS name, current_setting(\'server_encoding\') AS enc');
  await c.end();
  assert.equal(r.rows[0].enc, 'UTF8');
  const name = r.rows[0].name as string;
  await db.drop();
  const admin = new pg.Client(postgresUrl()!);
  await admin.connect();
  const left = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  await admin.end();
  assert.equal(left.rowCount, 0);
});
