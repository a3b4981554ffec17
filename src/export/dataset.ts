// A dataset folder that a dataset hub, `datasets`, pandas or DuckDB loads as it is:
// data/train.jsonl.gz (whole Articles, schema beside), data/train.parquet (one flat row per
// article, text as one string) and README.md, a dataset card with a YAML header.
import { createGzip, type Gzip } from 'node:zlib';
import { createWriteStream, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import * as yaml from 'js-yaml';
import { ParquetWriter, fileWriter, schemaFromColumnData } from 'hyparquet-writer';
import type { Article } from '../article.js';
import { articleJsonSchema } from './schema.js';
import { selectedArticles, type ExportFilter } from './select.js';
import { finishReport, newReport, type ExportContext, type ExportReport } from './write.js';

/** rows of one Parquet row group: the most held in memory at once */
const ROW_GROUP = 2000;

type Cell = string | number | null;
/** the flat columns of the Parquet file: name, type, value */
export const PARQUET_COLUMNS: ReadonlyArray<[string, 'STRING' | 'INT32', (a: Article) => Cell, string]> = [
  ['id', 'STRING', (a) => a.id, 'the article id (stable: the same article in another file keeps it)'],
  ['outlet', 'STRING', (a) => a.outlet.id, 'outlet id'],
  ['outlet_name', 'STRING', (a) => a.outlet.name, 'outlet name'],
  ['region', 'STRING', (a) => a.outlet.region, "the outlet's region"],
  ['title', 'STRING', (a) => a.title, 'title'],
  ['text', 'STRING', (a) => a.paragraphs.join('\n\n'), 'the clean text, paragraphs separated by a blank line'],
  ['published', 'STRING', (a) => a.published?.at ?? null, 'publication instant, UTC ISO 8601 (null: none)'],
  ['published_day', 'STRING', (a) => a.published?.day ?? null, "publication day in the outlet's own time zone"],
  ['published_precision', 'STRING', (a) => a.published?.precision ?? null, 'day, minute or second'],
  ['updated', 'STRING', (a) => a.updated?.at ?? null, 'last update instant, UTC'],
  ['url', 'STRING', (a) => a.url, 'canonical URL'],
  ['archive_url', 'STRING', (a) => a.archiveUrl, 'archived copy'],
  ['script', 'STRING', (a) => a.script, 'hans, hant or mixed'],
  ['authors', 'STRING', (a) => JSON.stringify(a.authors), 'JSON list'],
  ['tags', 'STRING', (a) => JSON.stringify(a.tags), 'JSON list'],
  ['categories', 'STRING', (a) => JSON.stringify(a.categories), 'JSON list'],
  ['wire', 'STRING', (a) => a.wire?.agency ?? null, 'wire agency named by a dateline'],
  ['flags', 'STRING', (a) => JSON.stringify(a.flags), 'JSON list'],
  ['paragraphs', 'INT32', (a) => a.paragraphs.length, 'number of paragraphs'],
  ['source_format', 'STRING', (a) => a.source.format, 'the format the article was read from'],
  ['source_sha256', 'STRING', (a) => a.source.sha256, 'sha256 of the original bytes'],
];

export const DATASET_FILES = { jsonl: 'data/train.jsonl.gz', parquet: 'data/train.parquet', schema: 'article.schema.json', card: 'README.md' };

const LANGUAGE = { hans: ['zh-Hans'], hant: ['zh-Hant'], mixed: ['zh-Hans', 'zh-Hant'] } as const;

async function gzWrite(gz: Gzip, s: string): Promise<void> {
  if (!gz.write(s)) await once(gz, 'drain');
}

export async function exportDataset({ store, selection, out, progress }: ExportContext): Promise<ExportReport> {
  const report = newReport('dataset', out);
  mkdirSync(join(out, 'data'), { recursive: true });
  const gz = createGzip({ level: 6 });
  const jsonlFile = createWriteStream(join(out, DATASET_FILES.jsonl));
  gz.pipe(jsonlFile);
  let parquet: ParquetWriter | undefined;
  let rows: Article[] = [];
  const scripts = new Set<string>();
  const outlets = new Map<string, number>();
  let first: string | null = null, last: string | null = null;
  const flush = (): void => {
    if (!rows.length) return;
    const columnData = PARQUET_COLUMNS.map(([name, type, get]) => ({ name, type, data: rows.map(get) }));
    parquet ??= new ParquetWriter({ writer: fileWriter(join(out, DATASET_FILES.parquet)), schema: schemaFromColumnData({ columnData }), createdBy: 'parallax' });
    parquet.write({ columnData, rowGroupSize: ROW_GROUP });
    rows = [];
  };
  for await (const a of selectedArticles(store, selection)) {
    await gzWrite(gz, JSON.stringify(a) + '\n');
    rows.push(a);
    if (rows.length >= ROW_GROUP) flush();
    scripts.add(a.script);
    outlets.set(a.outlet.id, (outlets.get(a.outlet.id) ?? 0) + 1);
    const day = a.published?.day;
    if (day) { if (!first || day < first) first = day; if (!last || day > last) last = day; }
    report.articles++;
    progress?.(report.articles);
  }
  flush();
  // an empty selection still makes a loadable (empty) Parquet file
  if (!parquet) {
    const columnData = PARQUET_COLUMNS.map(([name, type]) => ({ name, type, data: [] as Cell[] }));
    parquet = new ParquetWriter({ writer: fileWriter(join(out, DATASET_FILES.parquet)), schema: schemaFromColumnData({ columnData }), createdBy: 'parallax' });
  }
  parquet.finish();
  gz.end();
  await once(jsonlFile, 'finish');
  writeFileSync(join(out, DATASET_FILES.schema), JSON.stringify(articleJsonSchema(), null, 2) + '\n');
  writeFileSync(join(out, DATASET_FILES.card), datasetCard({
    articles: report.articles, languages: [...new Set([...scripts].flatMap((s) => LANGUAGE[s as keyof typeof LANGUAGE] ?? []))].sort(),
    outlets: [...outlets].sort((a, b) => b[1] - a[1]), first, last, filter: selection.filter,
  }));
  const bytes = Object.values(DATASET_FILES).reduce((n, f) => n + statSync(join(out, f)).size, 0);
  return finishReport({ ...report, files: 4, bytes });
}

interface CardFacts {
  articles: number; languages: string[]; outlets: Array<[string, number]>; first: string | null; last: string | null; filter: ExportFilter;
}

export function datasetCard(f: CardFacts): string {
  const header = {
    // BCP 47 tags: the scripts the articles are written in
    language: f.languages.length ? f.languages : ['zh'],
    // the articles' copyright belongs to their outlets: choose what fits your use
    license: 'unknown',
    pretty_name: 'Parallax news archive export',
    task_categories: ['text-classification', 'text-generation'],
    size_categories: [sizeCategory(f.articles)],
    configs: [
      { config_name: 'default', default: true, data_files: [{ split: 'train', path: DATASET_FILES.parquet }] },
      { config_name: 'articles', data_files: [{ split: 'train', path: DATASET_FILES.jsonl }] },
    ],
  };
  const filter = Object.entries(f.filter).filter(([, v]) => v !== undefined && v !== false).map(([k, v]) => `${k}=${String(v)}`).join(', ');
  return `---\n${yaml.dump(header, { lineWidth: -1 })}---\n\n# Parallax news archive export\n\n` +
    `${f.articles} Chinese-language news articles from ${f.outlets.length} outlets, published ${f.first ?? '?'} … ${f.last ?? '?'}, ` +
    `exported by Parallax${filter ? ` (selection: ${filter})` : ''}.\n\n` +
    `**License:** not set. The articles' copyright belongs to their outlets; set \`license\` in the header above to what applies to your use.\n\n` +
    `## Configurations\n\n- \`default\`: \`${DATASET_FILES.parquet}\`, one flat row per article:\n\n| column | type | what |\n|---|---|---|\n` +
    PARQUET_COLUMNS.map(([n, t, , what]) => `| ${n} | ${t === 'INT32' ? 'int32' : 'string'} | ${what} |`).join('\n') +
    `\n\n- \`articles\`: \`${DATASET_FILES.jsonl}\`, the whole Article per line (dates with precision and original string, credits, wire dateline, figures, provenance), described by the JSON Schema \`${DATASET_FILES.schema}\`.\n\n` +
    `## Outlets\n\n| outlet | articles |\n|---|---|\n${f.outlets.map(([o, n]) => `| ${o} | ${n} |`).join('\n')}\n\n` +
    `## Loading\n\n\`\`\`python\nfrom datasets import load_dataset\nds = load_dataset("path/to/this/folder")            # Parquet\nimport pandas as pd\ndf = pd.read_json("${DATASET_FILES.jsonl}", lines=True)\n\`\`\`\n\n` +
    `\`\`\`sql\nSELECT outlet, count(*) FROM '${DATASET_FILES.parquet}' GROUP BY outlet;  -- DuckDB\n\`\`\`\n`;
}

function sizeCategory(n: number): string {
  return n < 1000 ? 'n<1K' : n < 10_000 ? '1K<n<10K' : n < 100_000 ? '10K<n<100K' : n < 1_000_000 ? '100K<n<1M' : '1M<n<10M';
}
