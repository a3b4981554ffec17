// The watcher's cost: F feeds of 20 items (spread over 20 local hosts) polled every
// 15 minutes of simulated time, each new article fetched, imported and re-checked on
// the ladder. The clock is simulated, so hours run in minutes: CPU share = CPU seconds of
// the watcher's process / simulated seconds, over the rounds after the first (the first
// imports every feed's 20 items at once and is reported apart). Host spacing is 0 here
// (it costs wall time, not CPU). The outlets run in a child process.
// Usage: tsx bench/watch.ts [--feeds 2000] [--hours 6] [--v8-defaults]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ManualClock } from '../src/fetch/clock.js';
import { SqliteStore } from '../src/store/sqlite/store.js';
import { watchContext } from '../src/watch/context.js';
import { boundHeap, HEAP_BOUND_FLAGS } from '../src/heap.js';
import { addFeeds, pollDue } from '../src/watch/watcher.js';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const FEEDS = arg('feeds', 2000);
const HOURS = arg('hours', 6);
const ROUND = 15 * 60_000;
const T0 = Date.parse('2026-12-01T00:00:00Z');

// as `parallax watch` runs (src/heap.ts); --v8-defaults: without the bound
const heapBound = !process.argv.includes('--v8-defaults') && boundHeap();
const outlet = spawn(process.execPath, ['--import', 'tsx', 'bench/watch-outlet.ts', '20'], { stdio: ['ignore', 'pipe', 'inherit'] });
// stopped early (Ctrl-C, kill): the outlets go too
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => { outlet.kill(); process.exit(130); });
const ports = JSON.parse((await createInterface({ input: outlet.stdout })[Symbol.asyncIterator]().next()).value as string) as number[];
const dir = mkdtempSync(join(tmpdir(), 'px-bench-watch-'));
const store = new SqliteStore(join(dir, 'watch.db'));
const clock = new ManualClock(T0);
const MB = (n: number): string => (n / 1048576).toFixed(0);
/** the largest RSS sampled, and where the memory was at that moment */
let peak = process.memoryUsage();
const sampler = setInterval(() => { const m = process.memoryUsage(); if (m.rss > peak.rss) peak = m; }, 50);
try {
  const ctx = await watchContext(store, { allowPrivateHosts: true, ladder: [], lexicons: [], clock, spacingMs: 0 });
  await addFeeds(ctx, Array.from({ length: FEEDS }, (_, i) => `http://127.0.0.1:${ports[i % ports.length]}/f/${i}.xml`), null);
  console.log(`# watch bench: ${FEEDS} feeds × 20 items on ${ports.length} hosts, ${HOURS} simulated hours in rounds of 15 minutes (${new Date().toISOString().slice(0, 10)}); V8 heap: ${heapBound ? HEAP_BOUND_FLAGS.join(' ') : 'defaults'}\n`);
  console.log('| round | simulated time | sources | new pages | re-checks | versions (edit/removed) | CPU s | wall s | peak RSS MB | at the peak: heap used / total, external (array buffers) MB |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  let steadyCpu = 0;
  let steadyRounds = 0;
  for (let r = 0; r * ROUND <= HOURS * 3_600_000; r++) {
    clock.set(T0 + r * ROUND);
    await fetch(`http://127.0.0.1:${ports[0]}/__time?t=${clock.now()}`);
    const cpu = process.cpuUsage();
    const wall = performance.now();
    const rep = await pollDue(ctx);
    const used = process.cpuUsage(cpu);
    const cpuS = (used.user + used.system) / 1e6;
    if (r > 0) { steadyCpu += cpuS; steadyRounds++; }
    console.log(`| ${r} | ${(r * 15 / 60).toFixed(2)} h | ${rep.sources} | ${rep.newItems} | ${rep.pages - rep.newItems} | ${rep.versions.edit}/${rep.versions.removed} | ${cpuS.toFixed(1)} | ${((performance.now() - wall) / 1000).toFixed(1)} | ${MB(peak.rss)} | ${MB(peak.heapUsed)} / ${MB(peak.heapTotal)}, ${MB(peak.external)} (${MB(peak.arrayBuffers)}) |`);
  }
  const share = steadyCpu / (steadyRounds * ROUND / 1000);
  console.log(`\nsteady state (rounds 1–${steadyRounds}): ${steadyCpu.toFixed(1)} CPU s over ${(steadyRounds * 15 / 60).toFixed(2)} simulated hours = ${(share * 100).toFixed(2)} % of one core (goal ≤ 10 %); peak RSS ${MB(peak.rss)} MB (goal ≤ 300 MB)`);
  console.log(`archive: ${await store.watch.pageCount()} watched pages, ${(await store.stats()).articles} articles`);
} finally {
  clearInterval(sampler);
  outlet.kill();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
