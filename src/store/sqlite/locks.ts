// One analysis run at a time across every process on an SQLite archive. SQLite has no lock
// a process can hold across transactions (holding its write lock for a whole run would stop
// every import), so the lock is a row naming its holder — a token, the process id and the
// host — taken in an immediate transaction and renewed while the work runs. A holder that
// died is taken over: on this host when its process is gone, from elsewhere when its lease
// has run out. (PostgreSQL's store uses a session advisory lock for the same thing.)
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type Database from 'better-sqlite3';

export const LOCKS_SCHEMA = `
CREATE TABLE IF NOT EXISTS locks (
  name TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  pid INTEGER NOT NULL,
  host TEXT NOT NULL,
  -- ms since the epoch; renewed every LEASE_MS / 4 while the holder works
  expires INTEGER NOT NULL
) WITHOUT ROWID;
`;

/** a holder on another host that has not renewed for this long is taken for dead */
export const LEASE_MS = 60_000;
/** on this host the process table is the truth; the lease only guards against a reused process id */
const LOCAL_GRACE_MS = 10 * LEASE_MS;
const POLL_MS = 250;

interface Holder { owner: string; pid: number; host: string; expires: number }

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Can a lock held by `h` be taken now? */
export function holderGone(h: Holder, now = Date.now(), here = hostname(), alive = processAlive): boolean {
  if (h.host === here) return !alive(h.pid) || now > h.expires + LOCAL_GRACE_MS;
  return now > h.expires;
}

/** Run `fn` holding the lock `name`; wait (polling) while another live holder has it. */
export async function withLock<T>(db: Database.Database, name: string, fn: () => Promise<T>): Promise<T> {
  const owner = randomUUID();
  const here = hostname();
  const read = db.prepare('SELECT owner, pid, host, expires FROM locks WHERE name = ?');
  const write = db.prepare('INSERT OR REPLACE INTO locks (name, owner, pid, host, expires) VALUES (?, ?, ?, ?, ?)');
  const take = db.transaction((): boolean => {
    const h = read.get(name) as Holder | undefined;
    if (h && !holderGone(h)) return false;
    write.run(name, owner, process.pid, here, Date.now() + LEASE_MS);
    return true;
  });
  while (!take.immediate()) await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  const renew = db.prepare('UPDATE locks SET expires = ? WHERE name = ? AND owner = ?');
  const timer = setInterval(() => {
    try { renew.run(Date.now() + LEASE_MS, name, owner); } catch { /* busy: the next tick renews */ }
  }, LEASE_MS / 4);
  timer.unref();
  try {
    return await fn();
  } finally {
    clearInterval(timer);
    db.prepare('DELETE FROM locks WHERE name = ? AND owner = ?').run(name, owner);
  }
}
