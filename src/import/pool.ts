// A pool of worker threads that parse files while the main thread reads sources and
// writes the store. Results come back in submission order, so "the first copy wins"
// stays deterministic. With no worker (size 0) parsing runs in-process.
import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../workers.js';
import type { ImportItem } from '../store/store.js';
import type { ParseJob } from './parse.js';

/**
 * A parser's young generation: V8 would let it grow several times larger, which a parser,
 * whose objects die young, does not need (measured on 30,000 files: 35 MB less peak RSS
 * with two parsers, the same speed).
 */
const PARSER_YOUNG_GENERATION_MB = 8;

function startWorker(lexicons: readonly string[], index: boolean): Worker {
  return startModuleWorker(import.meta.url, 'parse-worker', { workerData: { lexicons, index }, resourceLimits: { maxYoungGenerationSizeMb: PARSER_YOUNG_GENERATION_MB } });
}

/**
 * Parsing in this thread. The readers and the segmenter are loaded only then: a writing
 * thread whose parsers are workers does not carry them (~50 MB).
 */
async function inProcessParser(lexicons: readonly string[], index: boolean): Promise<(job: ParseJob) => ImportItem> {
  const [{ parseFile }, { segmenter }] = await Promise.all([import('./parse.js'), import('../text/segment.js')]);
  const ctx = { segmenter: index ? segmenter(lexicons) : undefined };
  return (job) => parseFile(job, ctx);
}

export class ParsePool {
  private readonly workers: Worker[] = [];
  private readonly waiting = new Map<number, { resolve: (i: ImportItem) => void; reject: (e: Error) => void }>();
  private seq = 0;
  private next = 0;
  private local: Promise<(job: ParseJob) => ImportItem> | undefined;

  constructor(private readonly lexicons: readonly string[], private readonly index: boolean, size: number) {
    for (let i = 0; i < size; i++) {
      const w = startWorker(lexicons, index);
      w.on('message', (m: { seq: number; item: ImportItem }) => {
        const p = this.waiting.get(m.seq);
        this.waiting.delete(m.seq);
        p?.resolve(m.item);
      });
      w.on('error', (e) => { for (const p of this.waiting.values()) p.reject(e); this.waiting.clear(); });
      this.workers.push(w);
    }
  }

  parse(job: ParseJob): Promise<ImportItem> {
    if (this.workers.length === 0) {
      this.local ??= inProcessParser(this.lexicons, this.index);
      return this.local.then((parse) => parse(job));
    }
    const seq = this.seq++;
    const worker = this.workers[this.next++ % this.workers.length]!;
    return new Promise((resolve, reject) => {
      this.waiting.set(seq, { resolve, reject });
      worker.postMessage({ ...job, seq });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
