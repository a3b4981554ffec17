// Contract: analysis runs (and polling rounds) one at a time across store instances
// (processes): two runs at once build the events of one run, none twice; a holder killed
// with SIGKILL does not keep the lock.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { analyzeArchive } from '../../stories/analyze.js';
import type { Store } from '../store.js';
import { ctx, demoItems, notice, PARSER, withStore, type OpenStore } from './fixtures.js';

const items = () => [
  ...demoItems(),
  ...['望潮岛', '晴川', '南洋', '海港'].flatMap((place, i) => ['news.harbour.example', 'www.nanyang.example'].map((host, n) => notice(`n/${i}-${n}.md`, {
    title: `${place}码头新泊位启用${n ? '，首批货船靠岸' : ''}`, date: `2031-11-0${i + 1} 1${n}:00`, url: `https://${host}/n/${i}-${n}`,
    body: [`${place}码头新泊位今日启用，港务局表示新泊位可停靠大型货船。`, `港务局预计${place}码头的货运量明年增加三成。`],
  }))),
];

const memberSets = async (s: Store): Promise<string[]> =>
  (await s.listEvents({ limit: 1000 })).events.map((e) => e.members.map((m) => m.article).sort().join(',')).sort();

export function lockContract(open: OpenStore): void {
  describe('analysis runs one at a time', () => {
    test('two analysis runs at once through two instances build the events of one run, none twice', () => withStore(open, async ({ store, reopen }) => {
      assert.ok(reopen, 'the driver opens a second instance');
      const total = items().flatMap((i) => i.articles).length;
      await withStore(open, async ({ store: alone }) => {
        await alone.commit(items(), PARSER);
        await analyzeArchive(alone, ctx);
        const want = await memberSets(alone);
        assert.ok(want.length >= 3);

        await store.commit(items(), PARSER);
        const other = await reopen();
        try {
          const runs = await Promise.all([analyzeArchive(store, ctx), analyzeArchive(other, ctx)]);
          // one ran first and did the work; the other found nothing left to do
          assert.deepEqual(runs.map((r) => r.articles).sort((a, b) => a - b), [0, total]);
          assert.deepEqual(await memberSets(store), want);
          assert.equal(await store.analysedCount(), total);
        } finally {
          await other.close();
        }
      });
    }));

    test('polling rounds too, through two instances: one after the other, and a round does not hold up analysis', () => withStore(open, async ({ store, reopen }) => {
      assert.ok(reopen, 'the driver opens a second instance');
      const other = await reopen();
      try {
        const spans: Array<[number, number]> = [];
        const round = async (): Promise<void> => {
          const t = Date.now();
          await new Promise((resolve) => setTimeout(resolve, 300));
          spans.push([t, Date.now()]);
        };
        let analysedDuringRound = false;
        await Promise.all([
          store.exclusive('watch', async () => {
            await round();
            // a different work's lock is free while a round runs
            await other.exclusive('analysis', async () => { analysedDuringRound = true; });
          }),
          other.exclusive('watch', round),
        ]);
        assert.equal(analysedDuringRound, true);
        spans.sort((x, y) => x[0] - y[0]);
        assert.equal(spans.length, 2);
        assert.ok(spans[1]![0] >= spans[0]![1], `the rounds overlapped: ${JSON.stringify(spans)}`);
      } finally {
        await other.close();
      }
    }));

    test('running says whether another instance holds a work now, and only that work', () => withStore(open, async ({ store, reopen }) => {
      assert.ok(reopen, 'the driver opens a second instance');
      const other = await reopen();
      try {
        assert.equal(await store.running('analysis'), false);
        let inside: boolean[] = [];
        await other.exclusive('analysis', async () => {
          inside = [await store.running('analysis'), await other.running('analysis'), await store.running('watch')];
        });
        assert.deepEqual(inside, [true, true, false], 'held: seen from both instances; another work is not running');
        assert.equal(await store.running('analysis'), false, 'released at the end of the run');
      } finally {
        await other.close();
      }
    }));

    test('a holder killed with SIGKILL does not keep the lock', () => withStore(open, async ({ store, target }) => {
      assert.ok(target, 'the driver names its database');
      const holder = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./lock-holder.ts', import.meta.url)), target], { stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      holder.stderr.on('data', (d: Buffer) => { err += d.toString(); });
      const exited = new Promise<void>((resolve) => holder.on('exit', () => resolve()));
      try {
        await new Promise<void>((resolve, reject) => {
          holder.stdout.on('data', (d: Buffer) => { if (d.toString().includes('held')) resolve(); });
          holder.on('exit', () => reject(new Error(`the holder ended before it held the lock: ${err.slice(-2000)}`)));
        });
        // while it lives, the lock is its own
        let ran = false;
        const waiting = store.exclusive('analysis', async () => { ran = true; });
        await new Promise((resolve) => setTimeout(resolve, 1500));
        assert.equal(ran, false, 'a second run waits while the holder lives');
        holder.kill('SIGKILL');
        await exited;
        const t = Date.now();
        await waiting;
        assert.equal(ran, true);
        assert.ok(Date.now() - t < 10_000, `taken over ${Date.now() - t} ms after the kill`);
      } finally {
        holder.kill('SIGKILL');
      }
    }));
  });
}
