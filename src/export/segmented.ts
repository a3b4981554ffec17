// A segmented corpus in the form of seed 004: one sentence per line, words separated by
// single spaces, articles separated by a blank line; in the original script or the
// Simplified normal form.
import type { Article } from '../article.js';
import type { Segmenter } from '../text/segment.js';
import { segmentedLines } from '../text/sentences.js';
import { selectedArticles } from './select.js';
import { finishReport, newReport, StreamFile, type ExportContext, type ExportReport } from './write.js';

export function segmentedArticle(a: Article, seg: Segmenter, form: 'written' | 'normal'): string {
  return [a.title, ...a.paragraphs].flatMap((p) => segmentedLines(p, seg, form)).join('\n') + '\n';
}

export async function exportSegmented(ctx: ExportContext & { segmenter: Segmenter; simplified?: boolean }): Promise<ExportReport> {
  const report = newReport('segmented', ctx.out);
  const file = new StreamFile(ctx.out);
  const form = ctx.simplified ? 'normal' : 'written';
  let first = true;
  for await (const a of selectedArticles(ctx.store, ctx.selection)) {
    await file.write((first ? '' : '\n') + segmentedArticle(a, ctx.segmenter, form));
    first = false;
    report.articles++;
    ctx.progress?.(report.articles);
  }
  await file.close();
  return finishReport({ ...report, files: 1, bytes: file.bytes });
}
