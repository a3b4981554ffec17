// Runs the archive's analysis beside a server, off the request path (a worker thread),
// polling for changes; one per serving machine (the cluster's primary process).
//
// Memory stays bounded: a thread's heap grows to what its largest run needed and V8 keeps
// it (a regrouping of the archive: hundreds of MB), so a thread whose heap is over
// `heapLimitMb` after a run ends itself and a fresh one takes its place (the soak of issue
// 20 saw the serving processes grow from 644 to ~1,500 MB, the analysis thread's part most).
import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../workers.js';
import type { AnalysisReport } from './analyze.js';

export interface BackgroundAnalysis {
  stop(): Promise<void>;
  /** how many threads were ended for their heap and replaced */
  readonly recycled: number;
}

/** the heap (MB) above which the analysis thread is replaced after a run */
export const ANALYSIS_HEAP_MB = 256;

export interface BackgroundOptions {
  lexicons: string[];
  aliases: string[];
  intervalMs?: number;
  heapLimitMb?: number;
  onReport?: (r: AnalysisReport) => void;
  onError?: (message: string) => void;
  /** a thread ended for its heap (MB) and replaced */
  onRecycle?: (heapMb: number) => void;
}

export function startBackgroundAnalysis(db: string, opts: BackgroundOptions): BackgroundAnalysis {
  let stopped = false;
  let recycled = 0;
  let worker: Worker;
  const start = (): void => {
    worker = startModuleWorker(import.meta.url, 'analysis-worker', {
      workerData: { db, lexicons: opts.lexicons, aliases: opts.aliases, intervalMs: opts.intervalMs ?? 2000, heapLimitMb: opts.heapLimitMb ?? ANALYSIS_HEAP_MB },
    });
    let recycling = false;
    worker.on('message', (m: { analysed?: AnalysisReport; error?: string; recycle?: number }) => {
      if (m.analysed) opts.onReport?.(m.analysed);
      if (m.error) opts.onError?.(m.error);
      if (m.recycle !== undefined) { recycling = true; recycled++; opts.onRecycle?.(m.recycle); }
    });
    worker.on('error', (e) => opts.onError?.(e.message));
    // a thread that ended for its heap is replaced at once; one that failed, after a pause
    worker.on('exit', () => { if (!stopped) setTimeout(start, recycling ? 0 : 5000).unref(); });
    worker.unref();
  };
  start();
  return {
    stop: async () => { stopped = true; await worker.terminate(); },
    get recycled() { return recycled; },
  };
}
