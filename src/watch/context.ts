// What the watcher works with: the store, the polite fetcher, a clock, the re-check
// ladder, and the segmenter that indexes what it imports.
import type { Fetcher } from '../fetch/fetcher.js';
import type { Clock } from '../fetch/clock.js';
import type { Store } from '../store/store.js';
import type { Segmenter } from '../text/segment.js';
import type { HostFurniture } from './boilerplate.js';

export interface WatchContext {
  store: Store;
  fetcher: Fetcher;
  clock: Clock;
  /** re-check offsets after a page is first seen, in ms (schedule.ts: DEFAULT_LADDER) */
  ladder: readonly number[];
  /** indexes imported articles for search (none: `reindex` does it later) */
  segmenter?: Segmenter;
  random?: () => number;
  /** per origin: the text of a page that cannot exist there, probed at most hourly */
  probes?: Map<string, { at: number; text: string | null }>;
  /** sentence shapes each host's pages share (boilerplate.ts) */
  furniture: HostFurniture;
  /** new items whose pages are fetched per source poll (the rest wait for the next poll) */
  maxNewPerPoll?: number;
  /** items read from one listing */
  maxItems?: number;
}

export const iso = (ms: number): string => new Date(ms).toISOString();
