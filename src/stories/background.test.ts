// The analysis process beside a server keeps its memory bounded: a process whose heap is
// over the limit after a run ends and a fresh one takes over, and the analysis goes on; it
// runs below the server's CPU priority and ends with the server. On the demo archive, in a
// real child process.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { importSources } from '../import/pipeline.js';
import { SqliteStore } from '../store/sqlite/store.js';
import { demoDir } from '../store/contract/fixtures.js';
import { AliasTable } from '../text/aliases.js';
import { Segmenter } from '../text/segment.js';
import { analyzeArchive } from './analyze.js';
import { startBackgroundAnalysis } from './background.js';

const until = async (what: string, ok: () => boolean | Promise<boolean>, ms = 60_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

test('a process over its heap limit after a run is replaced, and the next one goes on with the analysis', async () => {
  const db = join(mkdtempSync(join(tmpdir(), 'px-bg-')), 'a.db');
  const store = new SqliteStore(db);
  await importSources(store, [demoDir]);
  const reports: number[] = [];
  const heaps: number[] = [];
  const errors: string[] = [];
  // 1 MB: every process is over it after its first run
  const bg = startBackgroundAnalysis(db, { lexicons: [], aliases: [], intervalMs: 50, heapLimitMb: 1, onReport: (r) => reports.push(r.articles), onRecycle: (mb) => heaps.push(mb), onError: (m) => errors.push(m) });
  try {
    await until('two processes replaced', () => bg.recycled >= 2);
    assert.deepEqual(errors, []);
    assert.equal(reports.length, 1, 'the first process analysed the archive; the next found nothing new');
    assert.ok(heaps.every((mb) => mb > 1), `heaps ${heaps.join(', ')} MB`);
    assert.ok((await store.listEvents({ minOutlets: 1, limit: 0 })).total > 0, 'events written');
    // an import after the replacement is analysed by the fresh process
    const before = await store.analysedCount();
    await importSources(store, [join(demoDir, '..', 'src', 'readers', 'testdata')]);
    await until('the new articles analysed', async () => (await store.analysedCount()) > before && !(await store.analysisPending()));
    assert.deepEqual(errors, []);
  } finally {
    await bg.stop();
    await store.close();
  }
});

test('under the default limit a process stays, every thread of it below the server\'s priority; stop ends it', async () => {
  const db = join(mkdtempSync(join(tmpdir(), 'px-bg-')), 'a.db');
  const store = new SqliteStore(db);
  await importSources(store, [demoDir]);
  const reports: number[] = [];
  const bg = startBackgroundAnalysis(db, { lexicons: [], aliases: [], intervalMs: 50, onReport: (r) => reports.push(r.articles) });
  try {
    await until('the analysis', () => reports.length > 0);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(bg.recycled, 0);
    const pid = bg.pid!;
    if (process.platform === 'linux') {
      // every thread of the analysis process at nice 10 or lower; this (serving) process keeps its priority
      const nice = (path: string): number => { const st = readFileSync(path, 'utf8'); return Number(st.slice(st.lastIndexOf(')') + 2).split(' ')[16]); };
      const nices = readdirSync(`/proc/${pid}/task`).map((t) => nice(`/proc/${pid}/task/${t}/stat`));
      // (relative to the nice value the test itself was started with: `nice npm test` is 10 already)
      const base = nice(`/proc/${process.pid}/stat`);
      assert.ok(nices.length >= 4, `${nices.length} threads`);
      assert.deepEqual([...new Set(nices)], [Math.max(base, 10)], `nice values of the analysis process's threads: ${nices.join(' ')}`);
      assert.equal(nice(`/proc/self/task/${process.pid}/stat`), base, 'the server keeps its own priority');
    }
    await bg.stop();
    assert.throws(() => process.kill(pid, 0), 'stopped: the analysis process is gone');
  } finally {
    await bg.stop();
    await store.close();
  }
});

test('a poll with nothing to analyse writes nothing: another process\'s caches keep their generation', async () => {
  const db = join(mkdtempSync(join(tmpdir(), 'px-bg-')), 'a.db');
  const store = new SqliteStore(db);
  const other = new SqliteStore(db);
  try {
    await importSources(store, [demoDir]);
    const ctx = { segmenter: new Segmenter(), aliases: new AliasTable() };
    assert.equal((await analyzeArchive(store, ctx)).ran, true);
    const generation = await other.generation();
    for (let i = 0; i < 3; i++) assert.equal((await analyzeArchive(store, ctx)).ran, false);
    assert.equal(await other.generation(), generation, 'an idle poll took no lock and wrote nothing');
  } finally {
    await other.close();
    await store.close();
  }
});
