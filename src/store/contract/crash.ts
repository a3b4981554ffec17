// Contract: a write that breaks half-way leaves nothing of itself, and another store
// instance on the same database sees the same consistent state; a writer process killed
// with SIGKILL in the middle of a batch leaves whole batches only; two instances writing
// at once make no duplicates and no errors.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { searchArchive } from '../../search/search.js';
import { locationKey, unpackRaw, type ImportItem, type Store } from '../store.js';
import { ctx, demoItems, idsOf, notice, PARSER, withStore, type OpenStore } from './fixtures.js';
import { page, version } from './watch.js';
import { CRASH_BATCH, crashBatch } from './crash-writer.js';

/** Start the writer process on `target` (as a bulk load with `load`); kill it with SIGKILL once `after` batches are in, a moment into the next. */
export async function killWriter(target: string, after: number, load = false): Promise<number> {
  const writer = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./crash-writer.ts', import.meta.url)), target, ...(load ? ['load'] : [])], { stdio: ['ignore', 'pipe', 'pipe'] });
  let committed = 0;
  let err = '';
  writer.stderr.on('data', (d: Buffer) => { err += d.toString(); });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => writer.on('exit', (_code, signal) => resolve(signal)));
  writer.stdout.on('data', (d: Buffer) => {
    committed += [...d.toString()].filter((c) => c === '\n').length;
    if (committed === after) setTimeout(() => writer.kill('SIGKILL'), 5 + Math.floor(Math.random() * 20));
  });
  const signal = await exited;
  assert.equal(signal, 'SIGKILL', `the writer ended before it was killed: ${err.slice(-2000)}`);
  return committed;
}

const pier = (n: number): ImportItem =>
  notice(`crash/${n}.md`, { title: `燈塔第${n}號通告`, date: `2031-11-${String(n % 28 + 1).padStart(2, '0')} 09:00:00`, url: `https://ferry.example/crash/${n}`, body: [`燈塔第${n}號通告：今晚試燈。`] });

/** what a reader sees of the archive: enough to tell a half-written batch */
async function snapshot(store: Store): Promise<unknown> {
  const stats = await store.stats();
  const sources = [];
  for await (const s of store.allSources()) sources.push(s.key);
  return {
    articles: stats.articles, sources: stats.sources, rawBytes: stats.rawBytes,
    ids: (await store.listArticles({ limit: 1000, includeFlagged: true })).map((a) => a.id).sort(),
    sourceKeys: sources,
    pending: (await store.pendingAnalysis()).map((p) => p.id).sort(),
    found: (await searchArchive(store, '燈塔', { limit: 200, collapse: false }, ctx)).hits.map((h) => h.id).sort(),
    stamp: await store.articlesStamp(),
  };
}

export function crashContract(open: OpenStore): void {
  describe('crash and concurrency', () => {
    test('a batch that breaks half-way leaves nothing of itself; a reopened store sees the same', () => withStore(open, async ({ store, reopen }) => {
      await store.commit([pier(1), pier(2)], PARSER);
      const before = await snapshot(store);
      const good = pier(3);
      const bad = pier(4);
      // the second article of the second file has no outlet: the database refuses it after
      // the first file's raw bytes, source, article and index rows were written
      const broken: ImportItem = { ...bad, articles: [bad.articles[0]!, { ...bad.articles[0]!, id: 'bbbbbbbbbbbbbbb4', outlet: { ...bad.articles[0]!.outlet, id: null as unknown as string } }] };
      await assert.rejects(store.commit([good, broken], PARSER));
      assert.deepEqual(await snapshot(store), before);
      assert.equal(await store.knownSource(locationKey(good.location)), undefined);
      assert.equal(await store.getRaw(good.sha256), undefined);
      if (reopen) {
        const other = await reopen();
        try {
          assert.deepEqual(await snapshot(other), before);
          // and the batch goes in whole once it is right
          assert.deepEqual(await other.commit([good, bad], PARSER), [['added'], ['added']]);
        } finally {
          await other.close();
        }
        assert.deepEqual((await snapshot(store) as { ids: string[] }).ids, idsOf([pier(1), pier(2), good, bad]).sort());
      }
    }));

    test('a writer process killed in the middle of a batch: another store sees whole batches only, and the batch goes in again', () => withStore(open, async ({ store, target }) => {
      if (!target) return assert.fail('the driver gives no target: the kill case is not checked');
      await store.commit([pier(1)], PARSER);
      const committed = await killWriter(target, 3);
      assert.ok(committed >= 3);
      const ids = (await store.listArticles({ limit: 10000, includeFlagged: true })).map((a) => a.id);
      // the batches it reported, and at most the one it was writing when killed, whole
      const whole = (ids.length - 1) / CRASH_BATCH;
      assert.ok(Number.isInteger(whole) && (whole === committed || whole === committed + 1), `${ids.length - 1} articles after ${committed} batches`);
      const expected = [pier(1), ...Array.from({ length: whole }, (_, b) => crashBatch(b)).flat()];
      assert.deepEqual(ids.sort(), idsOf(expected).sort());
      const stats = await store.stats();
      assert.deepEqual([stats.articles, stats.sources, stats.versions], [expected.length, expected.length, 0]);
      assert.equal((await store.pendingAnalysis()).length, expected.length);
      assert.equal((await searchArchive(store, '燈塔', { limit: 1, collapse: false }, ctx)).total, expected.length);
      const last = expected[expected.length - 1]!;
      assert.deepEqual(Buffer.from((await store.getRaw(last.sha256))!), Buffer.from(unpackRaw(last.raw.codec, last.raw.data)));
      assert.deepEqual((await store.knownSource(locationKey(last.location)))!.articleIds, [last.articles[0]!.id]);
      // the batch it was writing, written again: added if the kill undid it, unchanged if it was in
      const outcomes = (await store.commit(crashBatch(committed), PARSER)).flat();
      assert.deepEqual(outcomes, Array(CRASH_BATCH).fill(whole === committed ? 'added' : 'unchanged'));
    }));

    test('a store closed and opened again on its database holds everything it wrote', () => withStore(open, async ({ store, reopen }) => {
      if (!reopen) return assert.fail('the driver gives no reopen: crash cases are not checked');
      await store.commit(demoItems(), PARSER);
      await store.setMeta('contract.key', 'kept');
      await store.watch.recordCheck(page(), version());
      const before = await snapshot(store);
      await store.close();
      const again = await reopen();
      try {
        assert.deepEqual(await snapshot(again), before);
        assert.equal(await again.getMeta('contract.key'), 'kept');
        assert.equal((await again.watch.versions(page().url)).length, 1);
        assert.deepEqual(await again.commit(demoItems(), PARSER), demoItems().map((i) => i.articles.map(() => 'unchanged')));
      } finally {
        await again.close();
      }
    }));

    test('two instances importing at once: every article once, no error', () => withStore(open, async ({ store, reopen }) => {
      if (!reopen) return assert.fail('the driver gives no reopen: concurrency is not checked');
      const other = await reopen();
      try {
        const mine = Array.from({ length: 40 }, (_, i) => pier(i + 1));
        const theirs = Array.from({ length: 40 }, (_, i) => pier(i + 21));
        const batches = (items: ImportItem[]): ImportItem[][] => Array.from({ length: items.length / 5 }, (_, i) => items.slice(i * 5, i * 5 + 5));
        const write = async (s: Store, items: ImportItem[]): Promise<string[]> => {
          const out: string[] = [];
          for (const b of batches(items)) out.push(...(await s.commit(b, PARSER)).flat());
          return out;
        };
        const [a, b] = await Promise.all([write(store, mine), write(other, theirs)]);
        // pier 21–40 was committed by both: once added, once unchanged, whoever came first
        const count = (o: string[], v: string): number => o.filter((x) => x === v).length;
        assert.equal(count(a, 'added') + count(b, 'added'), 60);
        assert.equal(count(a, 'unchanged') + count(b, 'unchanged'), 20);
        for (const s of [store, other]) {
          const stats = await s.stats();
          assert.deepEqual([stats.articles, stats.sources, stats.versions], [60, 60, 0]);
          assert.equal((await s.pendingAnalysis()).length, 60);
          assert.equal((await searchArchive(s, '燈塔', { limit: 200, collapse: false }, ctx)).total, 60);
        }
        assert.deepEqual((await store.articleSources(pier(30).articles[0]!.id)).map((x) => x.key), ['file||crash/30.md']);
      } finally {
        await other.close();
      }
    }));

    test('two instances writing the same things at once: one source, one version, one event set, no error', () => withStore(open, async ({ store, reopen }) => {
      if (!reopen) return assert.fail('the driver gives no reopen: concurrency is not checked');
      const other = await reopen();
      try {
        const at = { at: '2031-11-01T00:00:00.000Z', nextPollAt: null, intervalS: 600, kind: 'feed' as const, outlet: null };
        const added = await Promise.all([store.watch.addSource({ url: 'https://ferry.example/feed', ...at }), other.watch.addSource({ url: 'https://ferry.example/feed', ...at })]);
        assert.deepEqual(added.map((a) => a.added).sort(), [false, true]);
        assert.equal(added[0]!.id, added[1]!.id);
        const recorded = await Promise.all([store.watch.recordCheck(page(), version()), other.watch.recordCheck(page(), version())]);
        assert.deepEqual(recorded.sort(), [false, true]);
        assert.equal((await store.watch.versions(page().url)).length, 1);
        const same = pier(1);
        const outcomes = await Promise.all([store.commit([same], PARSER), other.commit([same], PARSER)]);
        assert.deepEqual(outcomes.map((o) => o[0]![0]).sort(), ['added', 'unchanged']);
        // readers while a writer works: counts and hits of one snapshot
        const writes = Promise.all(Array.from({ length: 4 }, (_, i) => store.commit([pier(10 + i)], PARSER)));
        const reads = Promise.all(Array.from({ length: 4 }, () => searchArchive(other, '燈塔', { limit: 200, collapse: false }, ctx)));
        const [, found] = await Promise.all([writes, reads]);
        for (const r of found) assert.equal(r.hits.length, r.total);
        assert.equal((await other.stats()).articles, 5);
      } finally {
        await other.close();
      }
    }));

    test('analysis runs of two instances take turns (exclusive): never at once, both run', () => withStore(open, async ({ store, reopen }) => {
      if (!reopen) return assert.fail('the driver gives no reopen: concurrency is not checked');
      assert.ok(store.exclusive, 'a store shared by processes serialises analysis runs');
      const other = await reopen();
      try {
        const spans: Array<[number, number]> = [];
        const run = (s: typeof store) => s.exclusive!('analysis', async () => {
          const start = performance.now();
          await new Promise((r) => setTimeout(r, 300));
          spans.push([start, performance.now()]);
          return spans.length;
        });
        const done = await Promise.all([run(store), run(other), run(store)]);
        assert.deepEqual([...done].sort(), [1, 2, 3]);
        spans.sort((a, b) => a[0] - b[0]);
        for (let i = 1; i < spans.length; i++) assert.ok(spans[i]![0] >= spans[i - 1]![1], `runs ${i - 1} and ${i} overlap`);
        // a run that fails lets the next one in
        await assert.rejects(other.exclusive!('analysis', async () => { throw new Error('broken run'); }), /broken run/);
        assert.equal(await store.exclusive!('analysis', async () => 'ran'), 'ran');
      } finally {
        await other.close();
      }
    }));
  });
}
