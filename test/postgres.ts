// PostgreSQL for the tests: test/run.mjs starts one throwaway cluster per run
// (test/postgres-cluster.mjs) and names it in PARALLAX_TEST_PG. Each test takes a fresh
// database of its own. Without a server the tests are skipped with a visible notice;
// under CI=true a missing server is an error, never a silent skip.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export function postgresUrl(): string | null {
  const url = process.env.PARALLAX_TEST_PG;
  if (url) return url;
  if (process.env.CI === 'true') throw new Error('CI=true but no PostgreSQL server: install postgresql (see .ci/run) or set PARALLAX_TEST_PG');
  process.stderr.write('NOTICE: no PostgreSQL server (PARALLAX_TEST_PG unset, none installed); PostgreSQL tests are skipped\n');
  return null;
}

/** Options for node:test: skip with a reason when there is no PostgreSQL server. */
export function needsPostgres(): { skip: string | false } {
  return { skip: postgresUrl() ? false : 'needs a PostgreSQL server' };
}

/** A new empty database on the test cluster; returns its URL and a function that drops it. */
export async function freshDatabase(prefix = 't'): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = postgresUrl();
  if (!base) throw new Error('no PostgreSQL server for the tests');
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client(base);
  await admin.connect();
  try { await admin.query(`CREATE DATABASE ${name}`); } finally { await admin.end(); }
  const u = new URL(base);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client(base);
      await c.connect();
      try { await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`); } finally { await c.end(); }
    },
  };
}
