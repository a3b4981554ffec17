// What the watcher works with: the store, the polite fetcher, a clock, the re-check
// ladder, and the segmenter that indexes what it imports (built when first needed).
import type { Fetcher } from '../fetch/fetcher.js';
import { systemClock, type Clock } from '../fetch/clock.js';
import type { Store } from '../store/store.js';
import type { Segmenter } from '../text/segment.js';
import type { HostFurniture } from './boilerplate.js';

export interface WatchContext {
  store: Store;
  fetcher: Fetcher;
  clock: Clock;
  /** re-check offsets after a page is first seen, in ms (schedule.ts: DEFAULT_LADDER) */
  ladder: readonly number[];
  /**
   * the segmenter that indexes imported articles for search, built on first use: it is
   * ~70 MB, and `watch add`, `watch list` and rounds of re-checks that find nothing new
   * never need it (none: `reindex` does it later)
   */
  segmenter?: () => Promise<Segmenter>;
  random?: () => number;
  /** per origin: the text of a page that cannot exist there, probed at most hourly */
  probes?: Map<string, { at: number; text: string | null }>;
  /** sentence shapes each host's pages share (boilerplate.ts) */
  furniture: HostFurniture;
  /** pages being checked now: two sources listing one new page in a round fetch it once */
  checking?: Set<string>;
  /** new items whose pages are fetched per source poll (the rest wait for the next poll) */
  maxNewPerPoll?: number;
  /** items read from one listing */
  maxItems?: number;
}

export const iso = (ms: number): string => new Date(ms).toISOString();

export interface WatchSettings {
  allowPrivateHosts: boolean;
  /** the re-check ladder as durations ("5m", "3h"…); empty: DEFAULT_LADDER */
  ladder: readonly string[];
  lexicons: readonly string[];
  clock?: Clock;
  /** least time between two requests to one host, ms (default 1 s) */
  spacingMs?: number;
  timeoutMs?: number;
}

/** The context the CLI and the server watch with. A ladder that cannot be read is an error naming it. */
export async function watchContext(store: Store, s: WatchSettings): Promise<WatchContext> {
  const [{ Fetcher }, { HostFurniture }, { DEFAULT_LADDER, parseLadder }] = await Promise.all([
    import('../fetch/fetcher.js'), import('./boilerplate.js'), import('./schedule.js'),
  ]);
  const clock = s.clock ?? systemClock;
  // the watcher writes page after page and reads little: the store's small write cache
  // (64 MB → 16 MB of SQLite pages) is most of the difference to the 300 MB goal
  store.bulkWrites(true);
  const ladder = parseLadder(s.ladder.length ? s.ladder : DEFAULT_LADDER);
  return {
    // segmenter(): the process's one copy for these lexicons (`serve --watch` shares the server's)
    store, clock, ladder, segmenter: async () => (await import('../text/segment.js')).segmenter(s.lexicons), furniture: new HostFurniture(store),
    fetcher: new Fetcher({ clock, policy: { schemes: ['http', 'https'], allowPrivateHosts: s.allowPrivateHosts }, spacingMs: s.spacingMs, timeoutMs: s.timeoutMs }),
  };
}
