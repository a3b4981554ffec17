// A worker thread that cuts articles' texts ahead of the comparisons that will read them
// (text-cutter.ts): the same cut the comparison would make, by a segmenter and alias table read
// from the same files, sent back in the stored form. Each article is claimed in the batch's
// shared flags before it is cut: one the main thread claimed first (it cut the text itself, or
// no longer wants it) is skipped.
import { parentPort, workerData } from 'node:worker_threads';
import type { Article } from '../article.js';
import { AliasTable } from '../text/aliases.js';
import { Segmenter } from '../text/segment.js';
import { cutText } from './article-text.js';
import { storedText, textVersion } from './stored-texts.js';
import { CLAIMED_BY_WORKER, type CutBatch, type CutResult, type CutWorkerData } from './text-cutter.js';

const { lexicons, aliasFiles } = workerData as CutWorkerData;
const ctx = { segmenter: new Segmenter(lexicons), aliases: AliasTable.from(aliasFiles) };
const version = textVersion(ctx);

parentPort!.on('message', ({ batch, articles, claims }: CutBatch) => {
  const flags = new Int32Array(claims);
  for (const [i, a] of articles.entries()) {
    if (Atomics.compareExchange(flags, i, 0, CLAIMED_BY_WORKER) !== 0) continue;
    const result: CutResult = { batch, i };
    try {
      const row = storedText(a as Article, cutText(a as Article, ctx), version);
      if (row) result.row = row;
    } catch (e) {
      result.error = e instanceof Error ? e.message : String(e);
    }
    parentPort!.postMessage(result);
  }
});
