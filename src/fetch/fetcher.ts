// The polite fetcher every watched URL goes through: the remote policy, robots.txt,
// one request at a time per host with a pause between, and a host's Retry-After kept.
import type { Clock } from './clock.js';
import { HostGate } from './gate.js';
import { DEFAULTS, FetchError, httpGet, USER_AGENT, type FetchOptions, type FetchResponse } from './http.js';
import type { RemotePolicy } from './remote.js';
import { RobotsCache } from './robots.js';

export interface FetcherOptions {
  clock: Clock;
  policy: RemotePolicy;
  /** least time between two requests to one host (default 1 s) */
  spacingMs?: number;
  timeoutMs?: number;
  maxBytes?: number;
  /** honour robots.txt (default true) */
  robots?: boolean;
  userAgent?: string;
}

/** a 429/503 without Retry-After: wait this long before asking that host again */
const DEFAULT_RETRY_MS = 5 * 60_000;

export class Fetcher {
  private readonly gate: HostGate;
  private readonly robots: RobotsCache | null;
  readonly clock: Clock;

  constructor(private readonly opts: FetcherOptions) {
    this.clock = opts.clock;
    this.gate = new HostGate(opts.clock, opts.spacingMs ?? 1000);
    this.robots = opts.robots === false ? null : new RobotsCache(opts.clock, (u) => this.gated(u, {}), 'ParallaxBot');
  }

  /** When the host of `url` may be asked again, if it asked us to wait. */
  waitingUntil(url: string): number | undefined {
    return this.gate.blockedUntil(new URL(url).host);
  }

  /**
   * GET a URL politely. Throws FetchError when there is no response to judge: refused,
   * disallowed by robots.txt, the host asked us to wait, timeout, too large, a redirect loop.
   */
  async get(url: string, extra: Pick<FetchOptions, 'etag' | 'lastModified' | 'accept'> = {}): Promise<FetchResponse> {
    let host: string;
    try { host = new URL(url).host; } catch { throw new FetchError(`not a URL: ${url}`, 'refused'); }
    const until = this.gate.blockedUntil(host);
    if (until) throw new FetchError(`${host} asked us to wait until ${new Date(until).toISOString()}`, 'waiting', until);
    let delay = 0;
    if (this.robots) {
      const v = await this.robots.verdict(url);
      if (!v.allowed) throw new FetchError(v.reason ?? 'disallowed by robots.txt', 'robots');
      delay = v.crawlDelayMs;
    }
    return this.gated(url, extra, delay);
  }

  private async gated(url: string, extra: Pick<FetchOptions, 'etag' | 'lastModified' | 'accept'>, delay = 0): Promise<FetchResponse> {
    const host = new URL(url).host;
    const res = await this.gate.run(host, () => httpGet(url, {
      policy: this.opts.policy, timeoutMs: this.opts.timeoutMs ?? DEFAULTS.timeoutMs, maxBytes: this.opts.maxBytes ?? DEFAULTS.maxBytes,
      userAgent: this.opts.userAgent ?? USER_AGENT, ...extra,
    }), delay);
    if (res.status === 429 || res.status === 503) this.gate.block(host, this.clock.now() + (res.retryAfterMs ?? DEFAULT_RETRY_MS));
    return res;
  }
}
