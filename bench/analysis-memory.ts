// The whole analysis of an archive in a process of its own, so that its peak RSS is its own:
// `analyzeArchive` with `regroup` (every article again) at a given batch size, on a copy of
// the archive. Prints one table row.
// The heap is bound as the commands that analyse bind it (src/heap.ts); --v8-defaults: not.
// Usage: node --import tsx bench/analysis-memory.ts ARCHIVE.db BATCH [--v8-defaults] [--trace] [--in-place] [--snapshots N,M…]
// (--trace: RSS and heap between batches on stderr, the live heap when node runs with --expose-gc; --snapshots: a heap snapshot before the batch that
// starts at each of these article counts, next to the archive: what the heap holds as the run goes on)
import { copyFileSync, readFileSync } from 'node:fs';
import { writeHeapSnapshot } from 'node:v8';
import { boundHeap } from '../src/heap.js';
import { analyzeArchive } from '../src/stories/analyze.js';
import { SqliteStore } from '../src/store/sqlite/store.js';
import { AliasTable } from '../src/text/aliases.js';
import { Segmenter } from '../src/text/segment.js';

const [db, batchArg] = process.argv.slice(2);
if (!db || !batchArg) throw new Error('usage: analysis-memory.ts ARCHIVE.db BATCH');
const bound = !process.argv.includes('--v8-defaults') && boundHeap();
// --in-place: the archive itself (a replica made for the run), not a copy of it
const copy = process.argv.includes('--in-place') ? db : `${db}.batch-${batchArg}`;
if (copy !== db) copyFileSync(db, copy);
const store = new SqliteStore(copy);
const before = process.memoryUsage().rss / 1048576;
const t = performance.now();
// between batches, on stderr: what the process holds as the run goes through the archive
const trace = process.argv.includes('--trace');
const mb = (n: number): string => (n / 1048576).toFixed(0);
const snapArg = process.argv.indexOf('--snapshots');
const snapAt = new Set(snapArg > 0 ? (process.argv[snapArg + 1] ?? '').split(',').map(Number) : []);
// the most RSS and array-buffer memory seen in each step of the batch (--trace): which step holds the peak
const stepPeaks = new Map<string, { rss: number; buffers: number }>();
const progress = (step: string, done: number, total: number): void => {
  if (step !== 'articles') {
    if (!trace) return;
    const m = process.memoryUsage();
    const p = stepPeaks.get(step) ?? { rss: 0, buffers: 0 };
    stepPeaks.set(step, { rss: Math.max(p.rss, m.rss), buffers: Math.max(p.buffers, m.arrayBuffers) });
    return;
  }
  if (snapAt.has(done)) process.stderr.write(`heap snapshot at ${done}: ${writeHeapSnapshot(`${copy}.${done}.heapsnapshot`)}\n`);
  if (!trace) return;
  // run with --expose-gc, the heap is collected first: what the run keeps, not what it has yet to collect
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  const peaks = [...stepPeaks].map(([step, p]) => `${step} ${mb(p.rss)}/${mb(p.buffers)}`).join(', ');
  stepPeaks.clear();
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${done}/${total} rss ${mb(m.rss)} heap ${mb(m.heapUsed)} of ${mb(m.heapTotal)} external ${mb(m.external)} (array buffers ${mb(m.arrayBuffers)}) MB${peaks ? `; the batch before, peak rss/buffers by step: ${peaks}` : ''}\n`);
};
const r = await analyzeArchive(store, { segmenter: new Segmenter(), aliases: new AliasTable() }, { regroup: true, batch: Number(batchArg), progress });
const seconds = (performance.now() - t) / 1000;
await store.close();
const peak = Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))![1]) / 1024;
console.log(`| ${r.articles} | ${batchArg} | ${bound ? 'bound' : 'V8 defaults'} | ${seconds.toFixed(1)} | ${r.events} | ${r.comparisons} | ${before.toFixed(0)} | ${peak.toFixed(0)} |`);
