// The heap bound (of the watcher and the analysis) is set once the process runs: this checks that V8 honours it
// (a node upgrade that stopped reading the flags at each collection would fail here), in
// child processes doing the same allocation with and without it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { boundHeap } from './heap.js';

const memoryTs = fileURLToPath(new URL('./heap.ts', import.meta.url));

/** 20 MB that lives, and short-lived objects that survive a few collections before they die */
const WORK = `
import { getHeapSpaceStatistics } from 'node:v8';
import { boundHeap } from ${JSON.stringify(pathToFileURL(memoryTs).href)};
const bound = process.argv.includes('bound') && boundHeap([], '');
const live = Array.from({ length: 200_000 }, (_, i) => ({ i, s: 'live' + i }));
let window = [];
let peak = 0;
for (let r = 0; r < 2_000_000; r++) {
  window.push({ r, s: 'mid' + r });
  if (window.length > 40_000) window = window.slice(20_000);
  if (r % 5_000 === 0) peak = Math.max(peak, process.memoryUsage().heapTotal);
}
const young = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
console.log(JSON.stringify({ bound, peak, young, live: live.length }));
`;

function run(bound: boolean): { bound: boolean; peak: number; young: number } {
  const file = join(mkdtempSync(join(tmpdir(), 'px-heap-')), 'work.mts');
  writeFileSync(file, WORK);
  const r = spawnSync(process.execPath, ['--import', 'tsx', file, ...(bound ? ['bound'] : [])], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { bound: boolean; peak: number; young: number };
}

test('the watcher heap bound takes effect in a running process: a small young generation, a smaller heap', () => {
  const defaults = run(false);
  const bounded = run(true);
  assert.equal(bounded.bound, true);
  const MB = (n: number): string => `${(n / 1048576).toFixed(0)} MB`;
  assert.ok(bounded.young <= 8 << 20 && defaults.young >= 16 << 20, `young generation ${MB(bounded.young)} bounded, ${MB(defaults.young)} by default`);
  assert.ok(bounded.peak < defaults.peak * 0.75, `peak heap ${MB(bounded.peak)} bounded, ${MB(defaults.peak)} by default`);
});

test("the user's own heap flags are left alone", () => {
  assert.equal(boundHeap(['--max-old-space-size=512'], ''), false);
  assert.equal(boundHeap([], '--max-semi-space-size=8'), false);
  assert.equal(boundHeap([], '--heap-growing-percent=20 --enable-source-maps'), false);
});

test('collectGarbage collects now, without --expose-gc: the garbage of a batch is gone at its end', () => {
  // a child without --expose-gc, so that the test runs as the analysis does
  const file = join(mkdtempSync(join(tmpdir(), 'px-gc-')), 'collect.ts');
  writeFileSync(file, `import { collectGarbage } from ${JSON.stringify(pathToFileURL(memoryTs).href)};
let batch: unknown[] | null = Array.from({ length: 400_000 }, (_, i) => ({ i, s: 'x' + i }));
const before = process.memoryUsage().heapUsed;
batch = null;
collectGarbage();
collectGarbage();
console.log(JSON.stringify({ before, after: process.memoryUsage().heapUsed, exposed: typeof (globalThis as { gc?: unknown }).gc }));
`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', file], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  assert.equal(r.status, 0, r.stderr);
  const { before, after, exposed } = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { before: number; after: number; exposed: string };
  // 400,000 small objects are ~25 MB; what is left after is the runtime's own
  assert.ok(before - after > 15 << 20, `heap ${(before / 1048576).toFixed(0)} → ${(after / 1048576).toFixed(0)} MB`);
  // the process's own global is not touched
  assert.equal(exposed, 'undefined');
});
