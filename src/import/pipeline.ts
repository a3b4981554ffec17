// The import: sources → readers → articles → store, one batch transaction at a time.
// A file that cannot be read is reported with its path and reason and the import goes
// on; a crash between batches leaves every committed batch whole, and a rerun skips
// what is already there (same bytes, same parser) and completes the rest.
import { createHash } from 'node:crypto';
import { Article, type ArticleDraft, type Source } from '../article.js';
import { isCandidatePath, readDocument, RejectError, SkipError } from '../readers/index.js';
import { openSource, type SourceFile } from '../readers/sources.js';
import { detectScript } from '../text/script.js';
import { locationKey, type ImportItem, type Location, type Store } from '../store/store.js';

/** Bump when extraction changes, so that a re-import re-reads files whose bytes did not change. */
export const PARSER_VERSION = 1;
export const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;

export interface ImportReport {
  files: number;
  skipped: number;
  articles: { added: number; updated: number; unchanged: number };
  duplicates: number;
  flagged: number;
  rejected: Array<{ path: string; reason: string }>;
  seconds: number;
}

export interface ImportProgress { files: number; articles: number; rejected: number; current: string }

export interface ImportOptions {
  rev?: string;
  maxBytes?: number;
  batchSize?: number;
  onProgress?: (p: ImportProgress) => void;
}

export function articleId(identity: string): string {
  return createHash('sha256').update(identity).digest('hex').slice(0, 16);
}

/** Fix id, script and provenance of a reader's draft, and validate the result. */
export function finishArticle(draft: ArticleDraft, source: Source): Article {
  const { identity, ...rest } = draft;
  const script = detectScript(draft.title + draft.paragraphs.join(''));
  return Article.parse({ ...rest, id: articleId(identity), script, source });
}

function sourceOf(location: Location, format: string, encoding: string, sha256: string): Source {
  return {
    kind: location.kind, format, encoding, sha256,
    ...(location.path ? { path: location.path } : {}), ...(location.url ? { url: location.url } : {}),
    ...(location.repo ? { repo: location.repo } : {}), ...(location.commit ? { commit: location.commit } : {}),
  };
}

/** Read one file into an ImportItem; never throws for bad input. */
export function parseFile(location: Location, bytes: Uint8Array, sha256: string, pathHint: string): ImportItem {
  const base = { location, sha256, bytes, articles: [] as Article[] };
  try {
    const { format, encoding, drafts } = readDocument(bytes, pathHint);
    const source = sourceOf(location, format, encoding, sha256);
    return { ...base, status: 'ok', format, encoding, articles: drafts.map((d) => finishArticle(d, source)) };
  } catch (e) {
    if (e instanceof SkipError) return { ...base, status: 'skipped', reason: e.message };
    if (e instanceof RejectError) return { ...base, status: 'rejected', reason: e.message };
    const msg = e instanceof Error ? e.message.split('\n')[0]! : String(e);
    return { ...base, status: 'rejected', reason: `could not be read as an article: ${msg}` };
  }
}

export async function importSources(store: Store, inputs: string[], opts: ImportOptions = {}): Promise<ImportReport> {
  const started = performance.now();
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const batchSize = opts.batchSize ?? 200;
  const report: ImportReport = {
    files: 0, skipped: 0, articles: { added: 0, updated: 0, unchanged: 0 }, duplicates: 0, flagged: 0, rejected: [], seconds: 0,
  };
  let batch: Array<{ item: ImportItem; display: string }> = [];
  let batchBytes = 0;
  let articleCount = 0;

  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const outcomes = await store.commit(batch.map((b) => b.item), PARSER_VERSION);
    batch.forEach(({ item }, i) => {
      for (const [j, o] of outcomes[i]!.entries()) {
        if (o === 'duplicate') report.duplicates++;
        else report.articles[o]++;
        if (item.articles[j]!.flags.some((f) => f === 'placeholder' || f === 'empty' || f === 'mojibake')) report.flagged++;
      }
    });
    batch = [];
    batchBytes = 0;
  };

  const handle = async (file: SourceFile): Promise<void> => {
    report.files++;
    const path = file.location.path ?? file.location.url ?? file.display;
    if (!isCandidatePath(path)) { report.skipped++; return; }
    if (file.size > maxBytes) {
      report.rejected.push({ path: file.display, reason: `file too large: ${(file.size / 1048576).toFixed(1)} MB (limit ${(maxBytes / 1048576).toFixed(0)} MB)` });
      return;
    }
    const bytes = await file.read();
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const known = await store.knownSource(locationKey(file.location));
    if (known && known.sha256 === sha256 && known.parser === PARSER_VERSION) {
      if (known.status === 'ok') { report.articles.unchanged += known.articleIds.length; articleCount += known.articleIds.length; }
      else if (known.status === 'rejected') report.rejected.push({ path: file.display, reason: known.reason ?? 'rejected' });
      else report.skipped++;
      return;
    }
    const item = parseFile(file.location, bytes, sha256, path);
    if (item.status === 'skipped') { report.skipped++; return; }
    if (item.status === 'rejected') report.rejected.push({ path: file.display, reason: item.reason! });
    articleCount += item.articles.length;
    batch.push({ item, display: file.display });
    batchBytes += bytes.length;
    if (batch.length >= batchSize || batchBytes > 16 * 1048576) await flush();
  };

  for (const input of inputs) {
    try {
      for await (const file of openSource(input, { rev: opts.rev })) {
        await handle(file);
        opts.onProgress?.({ files: report.files, articles: articleCount, rejected: report.rejected.length, current: file.display });
      }
    } catch (e) {
      // an unreadable input (missing path, broken archive, failed clone) is reported like a bad file
      report.rejected.push({ path: input, reason: e instanceof Error ? e.message.split('\n')[0]! : String(e) });
    }
  }
  await flush();
  report.seconds = Math.round((performance.now() - started) / 10) / 100;
  return report;
}

/** Rebuild every article from the raw bytes the store keeps, with the current readers. */
export async function reindex(store: Store, onProgress?: (done: number) => void): Promise<{ sources: number; articles: number; rejected: number; seconds: number }> {
  const started = performance.now();
  await store.clearDerived();
  let batch: ImportItem[] = [];
  let sources = 0;
  let articles = 0;
  let rejected = 0;
  for await (const s of store.allSources()) {
    const item = parseFile(s.location, s.bytes, s.sha256, s.location.path ?? s.location.url ?? '');
    sources++;
    articles += item.articles.length;
    if (item.status !== 'ok') rejected++;
    batch.push(item);
    if (batch.length >= 200) { await store.commit(batch, PARSER_VERSION); batch = []; onProgress?.(sources); }
  }
  if (batch.length) await store.commit(batch, PARSER_VERSION);
  return { sources, articles, rejected, seconds: Math.round((performance.now() - started) / 10) / 100 };
}
