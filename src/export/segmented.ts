// A segmented corpus in the form of seed 004: one sentence per line, words separated by
// single spaces, articles separated by a blank line; in the original script or the
// Simplified normal form. The segmenter is the cost; the rest is reading and writing.
// (Cutting in worker threads was tried: each thread's segmenter cut at half the speed of
// the main thread's, so a 2-core export took longer; see docs/benchmarks.md.)
import type { Article } from '../article.js';
import type { Segmenter } from '../text/segment.js';
import { segmentedLines } from '../text/sentences.js';
import { selectedArticles } from './select.js';
import { finishReport, newReport, StreamFile, type ExportContext, type ExportReport } from './write.js';

export function segmentedArticle(a: Pick<Article, 'title' | 'paragraphs'>, seg: Segmenter, form: 'written' | 'normal'): string {
  return [a.title, ...a.paragraphs].flatMap((p) => segmentedLines(p, seg, form)).join('\n') + '\n';
}

/** articles written as one chunk */
const CHUNK = 64;

export async function exportSegmented(ctx: ExportContext & { segmenter: Segmenter; simplified?: boolean }): Promise<ExportReport> {
  const report = newReport('segmented', ctx.out);
  const file = new StreamFile(ctx.out);
  const form = ctx.simplified ? 'normal' : 'written';
  let texts: string[] = [];
  const flush = async (): Promise<void> => {
    if (!texts.length) return;
    // a blank line between articles, and between this chunk and the one before
    await file.write((report.articles ? '\n' : '') + texts.join('\n'));
    report.articles += texts.length;
    texts = [];
    ctx.progress?.(report.articles);
  };
  for await (const a of selectedArticles(ctx.store, ctx.selection)) {
    texts.push(segmentedArticle(a, ctx.segmenter, form));
    if (texts.length >= CHUNK) await flush();
  }
  await flush();
  await file.close();
  return finishReport({ ...report, files: 1, bytes: file.bytes });
}
