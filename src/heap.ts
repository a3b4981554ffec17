// A bound on the JS heap of the long jobs that allocate fast in bursts: the watcher (a
// round of 40,000 re-checks; live heap ~35 MB) and the analysis (a batch of 10,000
// articles). V8's defaults, tuned for throughput, let the young generation grow to 32 MB
// and the old one to about four times what survived the last full collection, so the
// peak is mostly garbage: 150 MB of heap for the watcher, 1.9 GB of RSS for the analysis
// of 12,204 articles. With the bound the young generation stays at its initial size and
// the old one grows by a fraction before it is collected, for a little CPU (docs/
// benchmarks.md). V8 reads both flags at each collection, so they take effect when set
// once the process runs; `parallax watch`, `serve --watch`, every command that runs the
// analysis and every serving process set them (a serving process's heap then stays at ~100 MB
// over a 10-minute soak, its live heap ~56 MB: docs/benchmarks.md, twelfth session).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** old generation: collected when it is this much (%) over what the last full collection kept */
const HEAP_GROWING_PERCENT = 50;

export const HEAP_BOUND_FLAGS = [`--heap-growing-percent=${HEAP_GROWING_PERCENT}`, '--semi-space-growth-factor=1'] as const;

/** flags of the user's own (node options or NODE_OPTIONS) that these would override */
const USER_HEAP_FLAGS = /--(?:heap-growing-percent|semi-space-growth-factor|max-semi-space-size|min-semi-space-size|max-old-space-size)\b/;

/** Bound this process's heap as the watcher wants it; left alone when the user set heap flags of their own. Returns whether it was set. */
export function boundHeap(execArgv: readonly string[] = process.execArgv, nodeOptions = process.env.NODE_OPTIONS ?? ''): boolean {
  if (USER_HEAP_FLAGS.test(execArgv.join(' ')) || USER_HEAP_FLAGS.test(nodeOptions)) return false;
  for (const flag of HEAP_BOUND_FLAGS) setFlagsFromString(flag);
  return true;
}

let fullCollection: (() => void) | undefined;

/**
 * A full collection now. Between the batches of a long analysis the live heap is ~110–130 MB
 * at 60,000 and at 200,000 articles, yet with V8's own timing the heap held 800–900 MB at the
 * batch boundaries of a 200,000-article run (garbage of many batches: its first full
 * collections come late): collected at each boundary, it holds one batch's garbage at most
 * (docs/benchmarks.md, eleventh session). ~0.1 s a batch of 5,000.
 */
export function collectGarbage(): void {
  if (!fullCollection) {
    // the flag makes `gc` a global of contexts made after it: one such context hands it over
    setFlagsFromString('--expose-gc');
    fullCollection = runInNewContext('gc') as () => void;
  }
  fullCollection();
}
