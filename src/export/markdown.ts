// Markdown + YAML: one file per article, in the front-matter form static-site generators
// and Parallax's importer read. The plain fields (title, date, author, url, tags) are for
// other tools; the `parallax:` block carries every field exactly, id included, so that
// `parallax import` of the folder gives back the same articles.
import * as yaml from 'js-yaml';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Article } from '../article.js';
import { bodyOfParagraphs, EXPORT_KEY, EXPORT_VERSION, paragraphsOfBody, type ExportedFields } from '../readers/parallax-md.js';
import { selectedArticles } from './select.js';
import { finishReport, newReport, type ExportContext, type ExportReport } from './write.js';

const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

export function markdownOf(a: Article): string {
  const { source: _s, script: _sc, paragraphs, ...rest } = a;
  const body = bodyOfParagraphs(paragraphs);
  // paragraphs that hold blank lines (or none at all) go in the block, exactly
  const exact = paragraphs.length > 0 && sameList(paragraphsOfBody(body), paragraphs);
  const block: ExportedFields = { version: EXPORT_VERSION, ...rest, ...(exact ? {} : { paragraphs }) };
  const front = {
    title: a.title,
    ...(a.published ? { date: a.published.at } : {}),
    ...(a.authors.length ? { author: a.authors } : {}),
    outlet: a.outlet.name,
    ...(a.url ? { url: a.url } : {}),
    ...(a.archiveUrl ? { archive_url: a.archiveUrl } : {}),
    tags: a.tags,
    categories: a.categories,
    [EXPORT_KEY]: block,
  };
  // the core schema: dates stay the strings they are, as the importer reads them
  const head = yaml.dump(front, { schema: yaml.CORE_SCHEMA, lineWidth: -1, noRefs: true, flowLevel: 3 });
  return `---\n${head}---\n${body}`;
}

/** where an article's file goes: outlet/day-id.md */
export function markdownPath(a: Article): string {
  return join(a.outlet.id.replace(/[^\w.-]/g, '_'), `${a.published?.day ?? 'undated'}-${a.id}.md`);
}

export async function exportMarkdown({ store, selection, out, progress }: ExportContext): Promise<ExportReport> {
  const report = newReport('markdown', out);
  for await (const a of selectedArticles(store, selection)) {
    const path = join(out, markdownPath(a));
    const text = markdownOf(a);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    report.bytes += Buffer.byteLength(text);
    report.files++;
    report.articles++;
    progress?.(report.articles);
  }
  return finishReport(report);
}
