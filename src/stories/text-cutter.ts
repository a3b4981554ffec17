// Articles' texts cut ahead, on a second core: a run of the analysis sends its new articles to a
// worker thread (cut-worker.ts) as soon as it has read them, and its comparisons, a second or
// more later, take the cuts ready instead of cutting the texts themselves (~10 ms of a core an
// article, the largest part of a small run's comparisons). Every article is claimed before it
// is cut, in flags both threads see: the main thread takes an article the worker has not begun
// (and cuts it itself), and waits only for one the worker is cutting. The cuts no comparison
// took are kept too (`rest`): the new article alone in its event today is the old member the
// next run's comparison reads (docs/benchmarks.md, fifteenth session).
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { Article } from '../article.js';
import type { StoredText } from '../store/store.js';
import { startModuleWorker } from '../workers.js';
import type { UnitContext } from './claims.js';
import { textVersion } from './stored-texts.js';

/** a batch's flag: the worker is cutting the article (or has) */
export const CLAIMED_BY_WORKER = 1;
/** a batch's flag: the main thread took the article (it will not wait for the worker's cut) */
const CLAIMED_HERE = 2;

export interface CutWorkerData { lexicons: readonly string[]; aliasFiles: readonly string[] }
export interface CutBatch { batch: number; articles: Article[]; claims: SharedArrayBuffer }
export interface CutResult { batch: number; i: number; row?: StoredText; error?: string }

interface Sent {
  flags: Int32Array;
  i: number;
  /** the worker's cut once it came (null: it could not make one) */
  made?: StoredText | null;
  taken?: boolean;
  waiting?: Array<(row: StoredText | null) => void>;
}

export class TextCutter {
  private readonly sent = new Map<string, Sent>();
  private readonly batches: string[][] = [];
  private readonly worker: Worker;
  /** a cut by other rules (an alias group added to this table in-process, unknown to the worker's) is not taken */
  private readonly version: string;
  private stopped = false;

  /** A cutter for texts cut by `ctx`'s rules, or undefined on a machine of one core. */
  static start(ctx: UnitContext): TextCutter | undefined {
    if (availableParallelism() < 2) return undefined;
    return new TextCutter(ctx);
  }

  private constructor(ctx: UnitContext) {
    this.version = textVersion(ctx);
    const data: CutWorkerData = { lexicons: ctx.segmenter.lexicons, aliasFiles: ctx.aliases.files };
    this.worker = startModuleWorker(import.meta.url, 'cut-worker', { workerData: data });
    this.worker.on('message', (m: CutResult) => this.received(m));
    // a worker that failed leaves the texts to the main thread: nothing waits for it
    this.worker.on('error', () => this.stop());
    this.worker.on('exit', () => this.stop());
  }

  /** Articles to cut ahead (those sent before are not sent again). */
  send(articles: readonly Article[]): void {
    const fresh = articles.filter((a) => !this.sent.has(a.id));
    if (this.stopped || fresh.length === 0) return;
    const claims = new SharedArrayBuffer(fresh.length * Int32Array.BYTES_PER_ELEMENT);
    const flags = new Int32Array(claims);
    for (const [i, a] of fresh.entries()) this.sent.set(a.id, { flags, i });
    this.batches.push(fresh.map((a) => a.id));
    const batch: CutBatch = { batch: this.batches.length - 1, articles: fresh, claims };
    this.worker.postMessage(batch);
  }

  /**
   * The worker's cut of `a`, or undefined when the caller is to cut it: never sent, not
   * begun by the worker (now it never will be), cut by other rules, or the worker failed.
   */
  async take(a: Article): Promise<StoredText | undefined> {
    const s = this.sent.get(a.id);
    if (!s) return undefined;
    s.taken = true;
    if (s.made === undefined && Atomics.compareExchange(s.flags, s.i, 0, CLAIMED_HERE) !== CLAIMED_BY_WORKER) return undefined;
    const row = s.made !== undefined ? s.made : await new Promise<StoredText | null>((resolve) => (s.waiting ??= []).push(resolve));
    return row && row.version === this.version ? row : undefined;
  }

  /**
   * The cuts no one took, once the worker is done with the articles it began, waiting up to
   * `waitMs` for it to cut those it had not begun; those still not begun are left uncut (a
   * later comparison cuts them).
   */
  async rest(waitMs = 0): Promise<StoredText[]> {
    if (waitMs > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([this.drain(), new Promise((resolve) => { timer = setTimeout(resolve, waitMs); })]);
      clearTimeout(timer);
    }
    const waits: Array<Promise<StoredText | null>> = [];
    for (const s of this.sent.values()) {
      if (s.taken) continue;
      if (s.made !== undefined) { waits.push(Promise.resolve(s.made)); continue; }
      if (Atomics.compareExchange(s.flags, s.i, 0, CLAIMED_HERE) === CLAIMED_BY_WORKER) waits.push(new Promise((resolve) => (s.waiting ??= []).push(resolve)));
    }
    return (await Promise.all(waits)).filter((r): r is StoredText => !!r && r.version === this.version);
  }

  /** Wait until the worker has cut every article sent that no one took from it (for a caller with nothing else to do, as a test). */
  async drain(): Promise<void> {
    const waits: Array<Promise<unknown>> = [];
    for (const s of this.sent.values()) if (s.made === undefined && Atomics.load(s.flags, s.i) !== CLAIMED_HERE) waits.push(new Promise((resolve) => (s.waiting ??= []).push(resolve)));
    await Promise.all(waits);
  }

  async close(): Promise<void> {
    this.stop();
    await this.worker.terminate();
  }

  private received(m: CutResult): void {
    const id = this.batches[m.batch]?.[m.i];
    const s = id === undefined ? undefined : this.sent.get(id);
    if (!s) return;
    // structured clone makes the worker's Buffer a plain Uint8Array; the stores bind Buffers
    s.made = m.row ? { ...m.row, data: Buffer.from(m.row.data.buffer, m.row.data.byteOffset, m.row.data.byteLength) } : null;
    for (const resolve of s.waiting ?? []) resolve(s.made);
    s.waiting = undefined;
  }

  /** the worker is gone: whatever waits for it is told there is no cut, and no more is sent */
  private stop(): void {
    this.stopped = true;
    for (const s of this.sent.values()) {
      if (s.made !== undefined) continue;
      Atomics.store(s.flags, s.i, CLAIMED_HERE);
      s.made = null;
      for (const resolve of s.waiting ?? []) resolve(null);
      s.waiting = undefined;
    }
  }
}
