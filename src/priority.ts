// CPU priority of the background work (imports, reindexing, regrouping, copying, a server's
// analysis): below the serving processes, so readers keep quick answers while writers work,
// and on an idle machine the work runs at full speed all the same.
import { readdirSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** the nice value of background work: the writing commands' `--nice` default and serve's analysis process */
export const BACKGROUND_NICE = 10;

/**
 * Lower this process's CPU priority (nice 0–19) before a long write job starts its
 * worker threads, which inherit it.
 */
export function lowerPriority(nice: number): void {
  if (nice <= 0) return;
  // Linux keeps a nice value per thread and setpriority(0) names the calling thread only:
  // the threads started with the process (V8's garbage collection and compilation, libuv's
  // pool) would stay at normal priority beside a server. Every thread there is lowered.
  const threads = process.platform === 'linux' ? listThreads() : [0];
  for (const tid of threads) {
    try {
      // never raised: a thread already lower stays where it is
      setPriority(tid, Math.max(getPriority(tid), Math.min(nice, 19)));
    } catch {
      // not permitted here (some containers), or the thread has ended: run at the priority we have
    }
  }
}

/**
 * Lower the calling thread alone to `nice` (Linux; a no-op elsewhere, where 0 would mean the
 * whole process, serving included). Never raised: a process started lower stays lower.
 */
export function lowerThisThread(nice: number): void {
  if (process.platform !== 'linux') return;
  try { setPriority(0, Math.max(getPriority(0), nice)); } catch { /* not allowed here: runs at the process's priority */ }
}

/** this process's threads (Linux), the calling one first */
function listThreads(): number[] {
  try { return [0, ...readdirSync('/proc/self/task').map(Number).filter((t) => t !== process.pid)]; } catch { return [0]; }
}
