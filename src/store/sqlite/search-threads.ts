// Searches of a serving process in threads of their own. A SQLite search runs in the
// thread that asks (better-sqlite3 is synchronous), so on the request thread a search of a
// common word over a large archive held every other request of the process — health probes
// and article pages — for as long as it ran (1.3 s under load, docs/benchmarks.md). Here it
// holds one search thread; the process keeps answering. A search still running after
// `timeoutMs` is answered with SearchTimeoutError (503 with Retry-After) and its thread is
// replaced: the statement itself cannot be interrupted, so the old thread ends when it
// returns, but no request waits for it.
import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../../workers.js';
import { SEARCH_TIMEOUT_MS, SearchTimeoutError, StaleIndexError, type SearchHits, type SearchRequest } from '../store.js';

interface Pending { id: number; req: SearchRequest; resolve: (h: SearchHits) => void; reject: (e: Error) => void }
interface Slot { worker: Worker; job?: Pending; timer?: NodeJS.Timeout; answered?: boolean }
type Reply = { id: number; hits: SearchHits } | { id: number; error: { stale: boolean; message: string } };

export interface SearchThreadOptions {
  /** threads (default 2: a quick search passes a slow one) */
  threads?: number;
  /** a search running longer is answered with SearchTimeoutError (default SEARCH_TIMEOUT_MS) */
  timeoutMs?: number;
  /** searches waiting for a thread beyond this are refused at once (SearchTimeoutError) */
  maxQueue?: number;
  /** each thread's SQLite page cache, KB */
  cacheKb: number;
}

export class SearchThreads {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private next = 0;
  private closed = false;
  private readonly timeoutMs: number;
  private readonly maxQueue: number;

  constructor(private readonly file: string, private readonly opts: SearchThreadOptions) {
    this.timeoutMs = opts.timeoutMs ?? SEARCH_TIMEOUT_MS;
    this.maxQueue = opts.maxQueue ?? 200;
    // started now, not at the first search: a thread takes a moment to start (seconds on a
    // loaded machine), and the first visitors would wait for it
    for (let i = 0; i < (opts.threads ?? 2); i++) this.start();
  }

  search(req: SearchRequest): Promise<SearchHits> {
    if (this.closed) return Promise.reject(new Error('the store is closed'));
    if (this.queue.length >= this.maxQueue) return Promise.reject(new SearchTimeoutError(`${this.queue.length} searches are waiting: try again in a moment`));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.next++, req, resolve, reject });
      this.dispatch();
    });
  }

  /** threads in the pool (tests) */
  get threadCount(): number { return this.slots.length; }

  private dispatch(): void {
    while (this.queue.length) {
      let slot = this.slots.find((s) => !s.job);
      if (!slot && this.slots.length < (this.opts.threads ?? 2)) slot = this.start();
      if (!slot) return;
      const job = this.queue.shift()!;
      slot.job = job;
      slot.timer = setTimeout(() => this.timedOut(slot!), this.timeoutMs);
      slot.worker.postMessage({ id: job.id, req: job.req });
    }
  }

  private start(): Slot {
    const worker = startModuleWorker(import.meta.url, 'search-worker', { workerData: { file: this.file, cacheKb: this.opts.cacheKb } });
    const slot: Slot = { worker };
    worker.on('message', (m: Reply) => {
      const job = slot.job;
      if (!job || job.id !== m.id) return;
      slot.answered = true;
      this.finish(slot);
      if ('hits' in m) job.resolve(m.hits);
      else job.reject(m.error.stale ? new StaleIndexError(m.error.message) : new Error(m.error.message));
    });
    worker.on('error', (e) => this.lost(slot, e));
    worker.on('exit', () => this.lost(slot, new Error('a search thread ended')));
    // a thread waiting for work does not keep the process alive
    worker.unref();
    this.slots.push(slot);
    return slot;
  }

  private finish(slot: Slot): void {
    clearTimeout(slot.timer);
    slot.job = undefined;
    slot.timer = undefined;
    queueMicrotask(() => this.dispatch());
  }

  /** the search is answered now; its thread, busy in a statement, is dropped and ends when the statement does */
  private timedOut(slot: Slot): void {
    const job = slot.job;
    this.drop(slot, true);
    void slot.worker.terminate();
    job?.reject(new SearchTimeoutError(`the search ran past ${this.timeoutMs / 1000} s and was stopped`));
    this.dispatch();
  }

  private lost(slot: Slot, e: Error): void {
    if (!this.slots.includes(slot)) return;
    const job = slot.job;
    // a thread that never answered (the archive cannot be opened) is not started again in a
    // loop: the searches waiting get its error, and the next search tries a thread again
    this.drop(slot, !!slot.answered);
    job?.reject(e);
    if (this.slots.length === 0 && !slot.answered) for (const waiting of this.queue.splice(0)) waiting.reject(e);
    else if (!this.closed) this.dispatch();
  }

  /** a thread leaves the pool; one that worked before (`replace`) has a fresh one take its place at once */
  private drop(slot: Slot, replace: boolean): void {
    clearTimeout(slot.timer);
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    if (replace && !this.closed) this.start();
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('the store is closed'));
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((s) => { clearTimeout(s.timer); s.job?.reject(new Error('the store is closed')); return s.worker.terminate(); }));
  }
}
