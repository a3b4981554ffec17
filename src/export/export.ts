// `parallax export FORMAT`: the formats and what each writes (a file or a folder).
import type { Segmenter } from '../text/segment.js';
import { exportAtom } from './atom.js';
import { exportCsv } from './csv.js';
import { exportDataset } from './dataset.js';
import { exportJsonl } from './jsonl.js';
import { exportMarkdown } from './markdown.js';
import { exportSegmented } from './segmented.js';
import { exportWarc } from './warc.js';
import type { ExportContext, ExportReport } from './write.js';

export const EXPORT_FORMATS = {
  jsonl: { writes: 'file', what: 'one Article per line, JSON Schema beside it (NAME.schema.json)' },
  csv: { writes: 'file', what: 'article metadata, RFC 4180, UTF-8 with BOM' },
  segmented: { writes: 'file', what: 'one sentence per line, words separated by spaces (--simplified: normal form)' },
  markdown: { writes: 'folder', what: 'one Markdown + YAML file per article, importable again' },
  atom: { writes: 'folder', what: 'Atom feeds per outlet, event and thread' },
  dataset: { writes: 'folder', what: 'gzip JSONL + Parquet + dataset card (README.md) + schema' },
  warc: { writes: 'file', what: 'WARC 1.1 of the original bytes with provenance (.warc.gz: gzip per record)' },
} as const;
export type ExportFormat = keyof typeof EXPORT_FORMATS;

export const isExportFormat = (f: string): f is ExportFormat => Object.hasOwn(EXPORT_FORMATS, f);

export interface ExportOptions { segmenter?: Segmenter; simplified?: boolean }

export async function runExport(format: ExportFormat, ctx: ExportContext, opts: ExportOptions = {}): Promise<ExportReport> {
  switch (format) {
    case 'jsonl': return exportJsonl(ctx);
    case 'csv': return exportCsv(ctx);
    case 'markdown': return exportMarkdown(ctx);
    case 'atom': return exportAtom(ctx);
    case 'dataset': return exportDataset(ctx);
    case 'warc': return exportWarc(ctx);
    case 'segmented': {
      if (!opts.segmenter) throw new Error('the segmented export needs a segmenter');
      return exportSegmented({ ...ctx, segmenter: opts.segmenter, simplified: opts.simplified });
    }
  }
}
