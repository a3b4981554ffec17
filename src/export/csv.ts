// CSV of article metadata for spreadsheets: RFC 4180 (quoted fields, CRLF), UTF-8 with a
// byte order mark so that Excel reads Chinese as Chinese.
import type { Article } from '../article.js';
import { selectedArticles } from './select.js';
import { finishReport, newReport, StreamFile, type ExportContext, type ExportReport } from './write.js';

const LIST = '; ';

export const CSV_COLUMNS: ReadonlyArray<[string, (a: Article) => string | number]> = [
  ['id', (a) => a.id],
  ['outlet', (a) => a.outlet.id],
  ['outlet_name', (a) => a.outlet.name],
  ['region', (a) => a.outlet.region],
  ['title', (a) => a.title],
  ['published', (a) => a.published?.at ?? ''],
  ['published_day', (a) => a.published?.day ?? ''],
  ['published_precision', (a) => a.published?.precision ?? ''],
  ['updated', (a) => a.updated?.at ?? ''],
  ['authors', (a) => a.authors.join(LIST)],
  ['url', (a) => a.url ?? ''],
  ['archive_url', (a) => a.archiveUrl ?? ''],
  ['script', (a) => a.script],
  ['tags', (a) => a.tags.join(LIST)],
  ['categories', (a) => a.categories.join(LIST)],
  ['wire', (a) => a.wire?.agency ?? ''],
  ['flags', (a) => a.flags.join(LIST)],
  ['paragraphs', (a) => a.paragraphs.length],
  ['characters', (a) => a.paragraphs.reduce((n, p) => n + p.length, 0)],
  ['source_format', (a) => a.source.format],
  ['source', (a) => a.source.url ?? a.source.path ?? ''],
];

/**
 * One field, quoted when it holds a comma, quote or line break (RFC 4180). A text cell that
 * a spreadsheet would run as a formula (=, +, -, @ first) gets a leading apostrophe.
 */
export function csvField(v: string | number): string {
  if (typeof v === 'number') return String(v);
  const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvRow = (cells: ReadonlyArray<string | number>): string => cells.map(csvField).join(',') + '\r\n';

export async function exportCsv({ store, selection, out, progress }: ExportContext): Promise<ExportReport> {
  const report = newReport('csv', out);
  const file = new StreamFile(out);
  await file.write('\uFEFF' + csvRow(CSV_COLUMNS.map(([name]) => name)));
  for await (const a of selectedArticles(store, selection)) {
    await file.write(csvRow(CSV_COLUMNS.map(([, get]) => get(a))));
    report.articles++;
    progress?.(report.articles);
  }
  await file.close();
  return finishReport({ ...report, files: 1, bytes: file.bytes });
}
