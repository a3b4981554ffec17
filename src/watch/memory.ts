// The watcher's JS heap. Its live part is small (~35 MB in the 2,000-feed bench) but it
// allocates fast in bursts (a round of 40,000 re-checks), and V8's defaults, tuned for
// throughput, let the young generation grow to 32 MB and the old one to about four
// times what survived the last full collection: the peak was 150 MB of heap, most of it
// garbage. A long-running poller trades a little CPU (it uses ~3 % of a core) for a
// bound: the young generation stays at its initial size and the old one grows by a
// fraction before it is collected. V8 reads both flags at each collection, so they take
// effect when set once the process runs; `parallax watch` and `serve --watch` set them.
import { setFlagsFromString } from 'node:v8';

/** old generation: collected when it is this much (%) over what the last full collection kept */
const HEAP_GROWING_PERCENT = 50;

export const WATCHER_V8_FLAGS = [`--heap-growing-percent=${HEAP_GROWING_PERCENT}`, '--semi-space-growth-factor=1'] as const;

/** flags of the user's own (node options or NODE_OPTIONS) that these would override */
const USER_HEAP_FLAGS = /--(?:heap-growing-percent|semi-space-growth-factor|max-semi-space-size|min-semi-space-size|max-old-space-size)\b/;

/** Bound this process's heap as the watcher wants it; left alone when the user set heap flags of their own. Returns whether it was set. */
export function boundWatcherHeap(execArgv: readonly string[] = process.execArgv, nodeOptions = process.env.NODE_OPTIONS ?? ''): boolean {
  if (USER_HEAP_FLAGS.test(execArgv.join(' ')) || USER_HEAP_FLAGS.test(nodeOptions)) return false;
  for (const flag of WATCHER_V8_FLAGS) setFlagsFromString(flag);
  return true;
}
