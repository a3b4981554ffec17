// Writers wait their turn. Every write takes SQLite's lock first (immediate transactions)
// and waits the busy timeout for it; a writer that still finds the archive locked (another
// process held it longer: a long analysis write, a slow disk) waits with backoff, says so,
// and tries again, instead of failing with 'database is locked'.

/** what a writer does after the busy timeout ran out: how long it waits, how often it tries */
export interface BusyPolicy {
  /** waits before the first retry (ms), doubled after each, up to `maxWaitMs` */
  firstWaitMs: number;
  maxWaitMs: number;
  /** gives up (the error is thrown) after this much waiting in all (ms) */
  giveUpAfterMs: number;
  /** told of every wait: by default a line on stderr */
  onWait: (what: string, waitMs: number, waitedMs: number) => void;
}

export const DEFAULT_BUSY: BusyPolicy = {
  firstWaitMs: 250,
  maxWaitMs: 4000,
  giveUpAfterMs: 10 * 60_000,
  onWait: (what, waitMs, waitedMs) => process.stderr.write(
    `parallax: the archive is locked by another writer (${what}): waiting ${(waitMs / 1000).toFixed(1)} s and trying again (${Math.round(waitedMs / 1000)} s so far)\n`),
};

export const isBusy = (e: unknown): boolean => {
  const code = (e as { code?: string } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT' || code === 'SQLITE_LOCKED';
};

/** `write` (one transaction, synchronous) run until it is not refused for a lock */
export async function whenWritable<T>(what: string, write: () => T, policy: BusyPolicy = DEFAULT_BUSY): Promise<T> {
  let waited = 0;
  let wait = policy.firstWaitMs;
  for (;;) {
    try {
      return write();
    } catch (e) {
      if (!isBusy(e) || waited >= policy.giveUpAfterMs) throw e;
      policy.onWait(what, wait, waited);
      await new Promise((r) => setTimeout(r, wait));
      waited += wait;
      wait = Math.min(wait * 2, policy.maxWaitMs);
    }
  }
}
