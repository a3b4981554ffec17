// A segmented corpus in the form of seed 004: one sentence per line, words separated by
// single spaces, articles separated by a blank line; in the original script or the
// Simplified normal form. The segmenter is the cost (the rest is reading and writing):
// a large export cuts its articles in worker threads, one per core, each with the same
// segmenter, and writes them in the order they were read.
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { Article } from '../article.js';
import type { Segmenter } from '../text/segment.js';
import { segmentedLines } from '../text/sentences.js';
import { startModuleWorker } from '../workers.js';
import { selectedArticles } from './select.js';
import { finishReport, newReport, StreamFile, type ExportContext, type ExportReport } from './write.js';

type Form = 'written' | 'normal';
/** what a worker is sent: the text of a batch of articles */
export interface SegmentBatch { seq: number; articles: Array<Pick<Article, 'title' | 'paragraphs'>> }

export function segmentedText(a: Pick<Article, 'title' | 'paragraphs'>, seg: Segmenter, form: Form): string {
  return [a.title, ...a.paragraphs].flatMap((p) => segmentedLines(p, seg, form)).join('\n') + '\n';
}

/** articles sent to a worker at once */
const BATCH = 32;
/** batches in flight per worker: one being cut, one waiting (bounds memory) */
const IN_FLIGHT = 2;
/** below this many articles, starting threads costs more than it saves */
export const THREADED_FROM = 400;

/** `threads`: worker threads (default one per core; 0: none); `batch`: articles sent to one at once */
export interface SegmentedOptions { segmenter: Segmenter; simplified?: boolean; threads?: number; batch?: number }

export async function exportSegmented(ctx: ExportContext & SegmentedOptions): Promise<ExportReport> {
  const report = newReport('segmented', ctx.out);
  const file = new StreamFile(ctx.out);
  const form: Form = ctx.simplified ? 'normal' : 'written';
  let first = true;
  /** articles' texts written as one chunk, a blank line between articles */
  const put = async (texts: string[]): Promise<void> => {
    if (!texts.length) return;
    await file.write((first ? '' : '\n') + texts.join('\n'));
    first = false;
    report.articles += texts.length;
    ctx.progress?.(report.articles);
  };
  const threads = ctx.threads ?? availableParallelism();
  const small = ctx.selection.ids !== undefined && ctx.selection.ids.size < THREADED_FROM;
  if (threads < 1 || small) {
    for await (const a of selectedArticles(ctx.store, ctx.selection)) await put([segmentedText(a, ctx.segmenter, form)]);
  } else {
    await cutInWorkers(ctx, ctx.segmenter.lexicons, form, threads, ctx.batch ?? BATCH, put);
  }
  await file.close();
  return finishReport({ ...report, files: 1, bytes: file.bytes });
}

/** Read batches, hand them to the workers round the ring, write the answers in order. */
async function cutInWorkers(ctx: ExportContext, lexicons: readonly string[], form: Form, threads: number, size: number, put: (texts: string[]) => Promise<void>): Promise<void> {
  const workers: Worker[] = Array.from({ length: threads }, () => startModuleWorker(import.meta.url, 'segment-worker', { workerData: { lexicons, form } }));
  const answers = new Map<number, { resolve: (texts: string[]) => void; reject: (e: Error) => void }>();
  let failure: Error | undefined;
  let closing = false;
  const fail = (e: Error): void => { failure ??= e; for (const a of answers.values()) a.reject(e); answers.clear(); };
  for (const w of workers) {
    w.on('message', (m: { seq: number; texts: string[] }) => { answers.get(m.seq)?.resolve(m.texts); answers.delete(m.seq); });
    w.on('error', fail);
    w.on('exit', (code) => { if (!closing) fail(new Error(`a segmenter thread stopped (exit code ${code})`)); });
  }
  const pending: Array<Promise<string[]>> = [];
  let seq = 0;
  const send = (articles: SegmentBatch['articles']): void => {
    if (failure) throw failure;
    const n = seq++;
    const answer = new Promise<string[]>((resolve, reject) => answers.set(n, { resolve, reject }));
    answer.catch(() => {}); // a failure is thrown where the answer is awaited
    pending.push(answer);
    workers[n % threads]!.postMessage({ seq: n, articles } satisfies SegmentBatch);
  };
  const drain = async (keep: number): Promise<void> => {
    while (pending.length > keep) await put(await pending.shift()!);
  };
  try {
    let batch: SegmentBatch['articles'] = [];
    for await (const a of selectedArticles(ctx.store, ctx.selection)) {
      batch.push({ title: a.title, paragraphs: a.paragraphs });
      if (batch.length < size) continue;
      send(batch);
      batch = [];
      await drain(threads * IN_FLIGHT);
    }
    if (batch.length) send(batch);
    await drain(0);
  } finally {
    closing = true;
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
