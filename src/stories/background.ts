// Runs the archive's analysis beside a server, off the request path (a worker thread),
// polling for changes; one per serving machine (the cluster's primary process).
import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../workers.js';
import type { AnalysisReport } from './analyze.js';

export interface BackgroundAnalysis { stop(): Promise<void> }

export function startBackgroundAnalysis(db: string, opts: { lexicons: string[]; aliases: string[]; intervalMs?: number; onReport?: (r: AnalysisReport) => void; onError?: (message: string) => void }): BackgroundAnalysis {
  const worker: Worker = startModuleWorker(import.meta.url, 'analysis-worker', { workerData: { db, lexicons: opts.lexicons, aliases: opts.aliases, intervalMs: opts.intervalMs ?? 2000 } });
  worker.on('message', (m: { analysed?: AnalysisReport; error?: string }) => {
    if (m.analysed) opts.onReport?.(m.analysed);
    if (m.error) opts.onError?.(m.error);
  });
  worker.on('error', (e) => opts.onError?.(e.message));
  worker.unref();
  return { stop: async () => { await worker.terminate(); } };
}
