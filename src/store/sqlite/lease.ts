// One analysis run at a time on a SQLite archive shared by processes (serve's analysis
// thread, `events --regroup`, an import's analysis): two interleaved runs would group the
// same new articles and build the same event twice, and a regrouping beside the server's
// thread would do all its work twice. A lease in the meta table, taken in an immediate
// transaction and renewed while the run lasts. A holder that died (kill -9, a server stopped
// mid-run) is seen at once by its process id (a SQLite archive in WAL mode is on this
// machine), and a live one keeps its lease through missed renewals; a holder without a
// process id loses it when the lease runs out.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';

/** how long a lease lasts without renewal; renewed every third of it */
export const LEASE_MS = 120_000;

interface Lease { owner: string; until: number }

/** whether the process that took a lease (`pid:…`) is alive; unknown owners count as alive */
function ownerAlive(owner: string): boolean {
  const pid = Number(owner.split(':')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** a live holder on this machine keeps its lease this many leases past its end: a run may block its thread (a long synchronous step) and miss renewals; only a reused process id needs the lease to run out at all */
const LIVE_GRACE_LEASES = 10;

/** Is a lease still its holder's? A numbered holder: while its process lives (within the grace); an unknown one: until its lease runs out. */
function stillHeld(held: Lease, now: number, leaseMs: number): boolean {
  const pid = Number(held.owner.split(':')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return held.until > now;
  return ownerAlive(held.owner) && now <= held.until + LIVE_GRACE_LEASES * leaseMs;
}

export class SqliteLease {
  private readonly get;
  private readonly put;
  private readonly drop;

  constructor(private readonly db: Database.Database, private readonly write: <T>(what: string, fn: () => T) => Promise<T>, private readonly leaseMs = LEASE_MS) {
    this.get = db.prepare('SELECT value FROM meta WHERE key = ?').pluck();
    this.put = db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
    this.drop = db.prepare('DELETE FROM meta WHERE key = ? AND value = ?');
  }

  private read(key: string): Lease | undefined {
    const v = this.get.get(key) as string | undefined;
    try { return v ? (JSON.parse(v) as Lease) : undefined; } catch { return undefined; }
  }

  /** whether a live holder (this process or another) holds the lease named `what` now */
  held(what: string): boolean {
    const held = this.read(`lease:${what}`);
    return held !== undefined && stillHeld(held, Date.now(), this.leaseMs);
  }

  /**
   * `fn` run while this connection holds the lease named `what`; waits (polling) while
   * another holds it, and says so once (`onWait`) when that lasts
   */
  async hold<T>(what: string, fn: () => Promise<T>, pollMs = 500, onWait: (holder: string) => void = () => {}): Promise<T> {
    const key = `lease:${what}`;
    const owner = `${process.pid}:${randomUUID()}`;
    const take = (): string | false => this.db.transaction(() => {
      const now = Date.now();
      const held = this.read(key);
      if (held && held.owner !== owner && stillHeld(held, now, this.leaseMs)) return false;
      const value = JSON.stringify({ owner, until: now + this.leaseMs } satisfies Lease);
      this.put.run(key, value);
      return value;
    }).immediate();
    let mine: string | false;
    const since = Date.now();
    let told = false;
    while (!(mine = await this.write(`the ${what} lease`, take))) {
      if (!told && Date.now() - since > 2000) { told = true; onWait(this.read(key)?.owner.split(':')[0] ?? '?'); }
      await new Promise((r) => setTimeout(r, pollMs));
    }
    const renew = setInterval(() => {
      void this.write(`the ${what} lease`, take).then((v) => { if (v) mine = v; }).catch(() => undefined);
    }, this.leaseMs / 3);
    renew.unref();
    try {
      return await fn();
    } finally {
      clearInterval(renew);
      const value = mine;
      await this.write(`the ${what} lease`, () => this.drop.run(key, value)).catch(() => undefined);
    }
  }
}
