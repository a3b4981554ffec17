// Politeness per host: one request at a time, a pause between two requests, and no
// request at all while the host has asked us to wait (429/503 with Retry-After).
import type { Clock } from './clock.js';

interface HostState { tail: Promise<unknown>; lastEnd: number; blockedUntil: number }

export class HostGate {
  private readonly hosts = new Map<string, HostState>();

  /** spacingMs: the least time between the end of one request to a host and the start of the next */
  constructor(private readonly clock: Clock, private readonly spacingMs: number) {}

  private state(host: string): HostState {
    let s = this.hosts.get(host);
    if (!s) { s = { tail: Promise.resolve(), lastEnd: 0, blockedUntil: 0 }; this.hosts.set(host, s); }
    return s;
  }

  /** When the host may be asked again (clock time), if it asked us to wait. */
  blockedUntil(host: string): number | undefined {
    const until = this.hosts.get(host)?.blockedUntil ?? 0;
    return until > this.clock.now() ? until : undefined;
  }

  block(host: string, until: number): void {
    const s = this.state(host);
    s.blockedUntil = Math.max(s.blockedUntil, until);
  }

  /** Run `fn` when the host is free and rested; requests to one host run one after another. */
  run<T>(host: string, fn: () => Promise<T>, extraSpacingMs = 0): Promise<T> {
    const s = this.state(host);
    const next = s.tail.then(async () => {
      // spacing is real time (it protects the host), whatever clock the schedule runs on
      const wait = s.lastEnd + Math.max(this.spacingMs, extraSpacingMs) - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      try { return await fn(); } finally { s.lastEnd = Date.now(); }
    });
    s.tail = next.catch(() => undefined);
    return next;
  }
}
