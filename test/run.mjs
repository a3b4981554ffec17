// Runs every *.test.ts under src/ and test/ with node:test (through tsx).
// Usage: node test/run.mjs [substring…] to run only matching files.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { postgresBin, startCluster } from './postgres-cluster.mjs';

const roots = ['src', 'test', 'eval'];
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) { if (name !== 'testdata' && name !== 'node_modules') walk(p); }
    else if (name.endsWith('.test.ts')) files.push(p);
  }
};
roots.forEach(walk);
const filters = process.argv.slice(2);
const selected = files.sort().filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)));
// one throwaway PostgreSQL cluster for the whole run, when a server is installed and no
// PARALLAX_TEST_PG names one already; tests that need it read PARALLAX_TEST_PG (test/postgres.ts)
// Every test's scratch folders go under one folder of this run, removed at its end: the
// tests make archives, sites and clones under the temporary folder (a run on ../shared
// leaves ~2 GB), and one that fails or is killed must not leave them behind for the next.
// PARALLAX_KEEP_TMP=1 keeps them to look at.
const runTmp = mkdtempSync(join(tmpdir(), 'parallax-test-'));
const removeRunTmp = () => { if (!process.env.PARALLAX_KEEP_TMP) rmSync(runTmp, { recursive: true, force: true }); };
let cluster = null;
if (!process.env.PARALLAX_TEST_PG && postgresBin()) {
  cluster = await startCluster();
  process.env.PARALLAX_TEST_PG = cluster.url;
}
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => { cluster?.stop(); removeRunTmp(); process.exit(130); });
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...selected], {
  stdio: 'inherit', env: { ...process.env, TMPDIR: runTmp },
});
cluster?.stop();
removeRunTmp();
if (process.env.PARALLAX_KEEP_TMP) console.log(`test scratch folders kept in ${runTmp}`);
process.exit(r.status ?? 1);
