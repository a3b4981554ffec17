// Runs the archive's analysis beside a server, off the request path (a child process,
// analysis-process.ts), polling for changes; one per serving machine (the cluster's
// primary process).
//
// Memory stays bounded: a process's heap grows to what its largest run needed and V8 keeps
// it (a regrouping of the archive: hundreds of MB), so a process whose heap is over
// `heapLimitMb` after a run ends itself and a fresh one takes its place. A process, not a
// thread: the soak of issue 20 saw the primary holding the analysis thread at 1,060 MB
// (heap limit 256 MB) — a thread's memory, ended inside a living process, is not all
// given back; a process's is.
import type { ChildProcess } from 'node:child_process';
import { forkModule } from '../workers.js';
import type { AnalysisReport } from './analyze.js';
import type { AnalysisMessage, AnalysisProcessArgs } from './analysis-process.js';

export interface BackgroundAnalysis {
  stop(): Promise<void>;
  /** how many processes were ended for their heap and replaced */
  readonly recycled: number;
  /** the analysing process's id (it changes when one is replaced) */
  readonly pid: number | undefined;
}

/** the heap (MB) above which the analysis process is replaced after a run */
export const ANALYSIS_HEAP_MB = 256;

export interface BackgroundOptions {
  lexicons: string[];
  aliases: string[];
  intervalMs?: number;
  heapLimitMb?: number;
  onReport?: (r: AnalysisReport) => void;
  onError?: (message: string) => void;
  /** a process ended for its heap (MB) and replaced */
  onRecycle?: (heapMb: number) => void;
}

export function startBackgroundAnalysis(db: string, opts: BackgroundOptions): BackgroundAnalysis {
  let stopped = false;
  let recycled = 0;
  let child: ChildProcess;
  const args: AnalysisProcessArgs = { db, lexicons: opts.lexicons, aliases: opts.aliases, intervalMs: opts.intervalMs ?? 2000, heapLimitMb: opts.heapLimitMb ?? ANALYSIS_HEAP_MB };
  const start = (): void => {
    child = forkModule(import.meta.url, 'analysis-process', [JSON.stringify(args)]);
    let recycling = false;
    child.on('message', (m: AnalysisMessage) => {
      if ('analysed' in m) opts.onReport?.(m.analysed);
      if ('error' in m) opts.onError?.(m.error);
      if ('recycle' in m) { recycling = true; recycled++; opts.onRecycle?.(m.recycle); }
    });
    child.on('error', (e) => opts.onError?.(e.message));
    // one that ended for its heap is replaced at once; one that failed, after a pause
    child.on('exit', (code, signal) => {
      if (stopped) return;
      if (!recycling) opts.onError?.(`the analysis process ended (${signal ?? code}); another starts in 5 s`);
      setTimeout(start, recycling ? 0 : 5000).unref();
    });
    // the server may exit without waiting for it (it ends on its own when the server goes)
    child.unref();
    child.channel?.unref();
  };
  start();
  // whatever way this process leaves (a signal's handler, an error), the analysis goes with it
  process.once('exit', () => { stopped = true; child.kill('SIGTERM'); });
  return {
    stop: async () => {
      stopped = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.ref(); // its end is awaited now
      // a run in progress is cut short: its writes are transactions, and the next run completes it
      child.kill('SIGTERM');
      await gone;
    },
    get recycled() { return recycled; },
    get pid() { return child.pid; },
  };
}
