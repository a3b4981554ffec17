// When to ask again: a source's interval follows how often it publishes; a page is
// re-checked on a ladder (often at first, when most edits and removals happen, then
// rarely); failures back off exponentially with jitter; a source is paused only after
// 30 failures over at least 7 days (one bad night never silences a feed).
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export const MIN_INTERVAL_MS = 5 * MIN;
export const MAX_INTERVAL_MS = DAY;
/** a source never fetched without validators for longer than this (servers whose ETag never changes) */
export const UNCONDITIONAL_EVERY_MS = 12 * HOUR;
export const PAUSE_AFTER_FAILURES = 30;
export const PAUSE_AFTER_MS = 7 * DAY;
/** longest wait after failures: short enough that 30 failures take about a week */
const MAX_BACKOFF_MS = 6 * HOUR;

/**
 * Re-check times after a page was first seen: censorship studies put most deletions
 * between 5 minutes and 24 hours after posting, so the ladder is dense there.
 */
export const DEFAULT_LADDER = ['5m', '15m', '1h', '3h', '12h', '1d', '2d', '3d', '4d', '5d', '6d', '7d', '14d', '21d', '30d'];

/** "90s", "5m", "3h", "2d", "1w" → ms */
export function parseDuration(s: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(s|m|h|d|w)$/.exec(s.trim());
  if (!m) throw new Error(`not a duration: ${JSON.stringify(s)} (expected e.g. 5m, 3h, 2d, 1w)`);
  const unit = { s: 1000, m: MIN, h: HOUR, d: DAY, w: 7 * DAY }[m[2] as 's' | 'm' | 'h' | 'd' | 'w'];
  return Number(m[1]) * unit;
}

export function parseLadder(steps: readonly string[]): number[] {
  const ms = steps.map(parseDuration);
  for (let i = 1; i < ms.length; i++) if (ms[i]! <= ms[i - 1]!) throw new Error(`the re-check ladder must increase: ${steps.join(', ')}`);
  return ms;
}

/** The next ladder time after `now` for a page first seen at `firstSeen`, or null when the ladder is over. */
export function nextOnLadder(ladder: readonly number[], firstSeen: number, now: number): number | null {
  for (const step of ladder) if (firstSeen + step > now) return firstSeen + step;
  return null;
}

/**
 * How long until a source is polled again, from the dates of the items it lists: half
 * the typical gap between items, between 5 minutes and 24 hours. A feed without dates
 * is polled sooner when the last poll found new items and later when it did not.
 */
export function adaptInterval(published: ReadonlyArray<number>, now: number, previousMs: number, newItems: number): number {
  const recent = published.filter((t) => t <= now + HOUR && t > now - 7 * DAY).sort((a, b) => a - b);
  let ms: number;
  if (recent.length >= 2) {
    const gap = (recent[recent.length - 1]! - recent[0]!) / (recent.length - 1);
    // a feed that has been quiet for longer than its gaps is not about to publish in a burst
    const quiet = now - recent[recent.length - 1]!;
    ms = Math.max(gap, quiet / 4) / 2;
  } else if (published.length > 0) {
    ms = MAX_INTERVAL_MS;
  } else {
    ms = newItems > 0 ? previousMs / 2 : previousMs * 1.5;
  }
  return Math.round(Math.min(MAX_INTERVAL_MS, Math.max(MIN_INTERVAL_MS, ms)));
}

/** Wait after the n-th failure in a row (n ≥ 1): 5 min doubling to 6 h, ±20 % jitter so that hosts are not all retried at once. */
export function backoff(failures: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_BACKOFF_MS, 5 * MIN * 2 ** Math.max(0, Math.ceil(failures) - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** Paused when the failures since the last success reach 30 and began at least 7 days ago. */
export function shouldPause(failureRun: number, failingSince: number | null, now: number): boolean {
  return failureRun >= PAUSE_AFTER_FAILURES && failingSince !== null && now - failingSince >= PAUSE_AFTER_MS;
}
