// Time as the watcher sees it: the system clock, or a clock a test moves by hand so that
// a month of re-checks runs in a second.
export interface Clock { now(): number }

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that moves only when told to (tests, benchmarks). */
export class ManualClock implements Clock {
  constructor(private t: number) {}
  now(): number { return this.t; }
  set(t: number): void { this.t = t; }
  advance(ms: number): void { this.t += ms; }
}
