// robots.txt, fetched once per host and kept for a day. A missing file (4xx) allows
// everything; a host whose robots.txt cannot be had (5xx, network) is not fetched
// until it can (Google's rule: an unreachable robots.txt means "not now").
import robotsModule from 'robots-parser';
import type { Clock } from './clock.js';
import { FetchError, type FetchResponse } from './http.js';

interface RobotsRules { isAllowed(url: string, ua?: string): boolean | undefined; getCrawlDelay(ua?: string): number | undefined }
// the package's types declare a module without its default export's signature
const robotsParser = robotsModule as unknown as (url: string, text: string) => RobotsRules;

const KEEP_MS = 24 * 3_600_000;
const RETRY_MS = 10 * 60_000;
/** a Crawl-delay above this is taken as this (a typo of 3600 must not stop a feed for a day) */
const MAX_CRAWL_DELAY_MS = 60_000;

interface RobotsEntry { at: number; keepMs: number; rules: RobotsRules | null; unavailable?: string }

export interface RobotsVerdict { allowed: boolean; crawlDelayMs: number; reason?: string }

export class RobotsCache {
  private readonly byOrigin = new Map<string, RobotsEntry>();
  private readonly pending = new Map<string, Promise<RobotsEntry>>();

  constructor(private readonly clock: Clock, private readonly get: (url: string) => Promise<FetchResponse>, private readonly agent: string) {}

  async verdict(url: string): Promise<RobotsVerdict> {
    const origin = new URL(url).origin;
    const entry = await this.entry(origin);
    if (entry.unavailable) return { allowed: false, crawlDelayMs: 0, reason: entry.unavailable };
    if (!entry.rules) return { allowed: true, crawlDelayMs: 0 };
    const allowed = entry.rules.isAllowed(url, this.agent) !== false;
    const delay = entry.rules.getCrawlDelay(this.agent);
    return { allowed, crawlDelayMs: Math.min((delay ?? 0) * 1000, MAX_CRAWL_DELAY_MS), reason: allowed ? undefined : `robots.txt of ${origin} disallows it` };
  }

  private async entry(origin: string): Promise<RobotsEntry> {
    const have = this.byOrigin.get(origin);
    if (have && this.clock.now() - have.at < have.keepMs) return have;
    let p = this.pending.get(origin);
    if (!p) {
      p = this.load(origin).finally(() => this.pending.delete(origin));
      this.pending.set(origin, p);
    }
    const e = await p;
    this.byOrigin.set(origin, e);
    return e;
  }

  private async load(origin: string): Promise<RobotsEntry> {
    const at = this.clock.now();
    const robotsUrl = `${origin}/robots.txt`;
    try {
      const res = await this.get(robotsUrl);
      if (res.status >= 200 && res.status < 300) {
        return { at, keepMs: KEEP_MS, rules: robotsParser(robotsUrl, Buffer.from(res.body).toString('utf8')) };
      }
      if (res.status >= 400 && res.status < 500 && res.status !== 429) return { at, keepMs: KEEP_MS, rules: null };
      return { at, keepMs: RETRY_MS, rules: null, unavailable: `robots.txt of ${origin} answered ${res.status}` };
    } catch (e) {
      if (e instanceof FetchError && (e.kind === 'refused' || e.kind === 'too-large' || e.kind === 'redirect-loop' || e.kind === 'too-many-redirects')) {
        return { at, keepMs: KEEP_MS, rules: null };
      }
      return { at, keepMs: RETRY_MS, rules: null, unavailable: `robots.txt of ${origin} could not be fetched: ${(e as Error).message}` };
    }
  }
}
