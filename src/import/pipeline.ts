// The import: sources → readers → articles → store, one batch transaction at a time.
// A file that cannot be read is reported with its path and reason and the import goes
// on; a crash between batches leaves every committed batch whole, and a rerun skips
// what is already there (same bytes, same parser) and completes the rest.
import { realpath } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { feedParts } from '../readers/feed-parts.js';
import { isCandidatePath, isGitUrl, openSource, type SourceFile } from '../readers/sources.js';
import { locationKey, newRebuildPass, packRaw, sha256Hex, type ImportItem, type RawBlob, type Store } from '../store/store.js';
import type { ParseJob } from './parse.js';
import { ParsePool } from './pool.js';

/** Bump when extraction changes, so that a re-import re-reads files whose bytes did not change. */
export const PARSER_VERSION = 2;
export const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;

/** How many parser threads, and how many files the writing thread commits at a time. */
export interface ParsePlan { workers: number; batch: number }

/**
 * How parsing and writing share the cores (PARALLAX_WORKERS overrides the count; 0 parses
 * in-process). The parsers run one batch ahead of the writing thread, so that they go on
 * while it commits a batch; memory is bounded by the batch whatever the input size.
 * Without the search index parsing is most of the work: a parser per core (up to 4) and
 * batches of 250 files. With it the writing thread (FTS5) has about as much work as all
 * the parsers together, so it keeps a core of its own, and batches of 500 files make
 * fewer, larger index segments. Measured on 30,000 files with 2 cores: 17.4–17.7 s with
 * batches of 500, 19.1–19.9 s with 200, 19.2 s with transactions of 2,000 files and
 * 2,048 ahead at 620 MB against 435 MB.
 */
export function parsePlan(index: boolean, cores = availableParallelism()): ParsePlan {
  const override = process.env.PARALLAX_WORKERS;
  const workers = override !== undefined && override !== '' ? Number(override) : Math.min(4, index ? Math.max(1, cores - 1) : cores);
  return { workers, batch: index ? 500 : 250 };
}

/** a batch is written once it holds this many articles, whatever its number of files (parts of large feeds) */
const BATCH_ARTICLES = 1000;
/** files read before their "known?" look-up is asked, at most (and at most this many bytes of them) */
const LOOKUP_FILES = 256;
const LOOKUP_BYTES = 16 * 1048576;

/**
 * The parse jobs of one file: the file, or each part of a feed of many items (its parts go
 * to the parsers in order, a few at a time: see `submit`), so a 100,000-item feed is never
 * one tree of 100,000 articles in memory.
 */
function* jobsOf(job: ParseJob): Generator<ParseJob> {
  const parts = feedParts(job.bytes);
  if (!parts) { yield job; return; }
  const sha256 = job.sha256 ?? sha256Hex(job.bytes);
  // compressed here, once (a parser would need a copy of the whole file for it)
  let raw: RawBlob | undefined = packRaw(job.bytes);
  for (let index = 0; index < parts.count; index++) {
    yield { ...job, sha256, bytes: parts.part(index), part: { index, last: index === parts.count - 1 }, ...(raw ? { raw } : {}) };
    raw = undefined;
  }
}

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
  /** lexicon files for the segmenter (the archive's own and the user's) */
  lexicons?: string[];
  /** build the search index as articles arrive (default); off, `reindex` builds it later */
  index?: boolean;
  rev?: string;
  maxBytes?: number;
  onProgress?: (p: ImportProgress) => void;
}

export async function importSources(store: Store, inputs: string[], opts: ImportOptions = {}): Promise<ImportReport> {
  const started = performance.now();
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const report: ImportReport = {
    files: 0, skipped: 0, articles: { added: 0, updated: 0, unchanged: 0 }, duplicates: 0, flagged: 0, rejected: [], seconds: 0,
  };
  let batch: ImportItem[] = [];
  let batchBytes = 0;
  let batchArticles = 0;
  let articleCount = 0;
  const plan = parsePlan(opts.index !== false);
  const pool = new ParsePool(opts.lexicons ?? [], opts.index !== false, plan.workers);
  const pending: Array<{ item: Promise<ImportItem>; display: string }> = [];
  // the search index kept up to date as rows arrive: building PostgreSQL's GIN indexes after
  // a load ({ load: true }) saved server CPU but was slower end to end where it was measured
  // (docs/scaling.md, fifth session), and searches beside the import would run without them.
  // One run that ends: PostgreSQL holds its search_df changes to the end (bulk-load.ts).
  store.bulkWrites(true, { ends: true });

  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const outcomes = await store.commit(batch, PARSER_VERSION);
    batch.forEach((item, i) => {
      for (const [j, o] of outcomes[i]!.entries()) {
        if (o === 'duplicate') report.duplicates++;
        else report.articles[o]++;
        if (item.articles[j]!.flagged) report.flagged++;
      }
    });
    batch = [];
    batchBytes = 0;
    batchArticles = 0;
  };

  /** take the oldest parsed file off the queue into the write batch */
  const drainOne = async (): Promise<void> => {
    const { item: promised, display } = pending.shift()!;
    const item = await promised;
    if (item.status === 'skipped') { report.skipped++; return; }
    if (item.status === 'rejected') report.rejected.push({ path: display, reason: item.reason! });
    articleCount += item.articles.length;
    batch.push(item);
    batchBytes += item.raw.size;
    batchArticles += item.articles.length;
    if (batch.length >= plan.batch || batchBytes > 16 * 1048576 || batchArticles >= BATCH_ARTICLES) await flush();
  };

  /**
   * Files read and waiting for the "is this file known?" look-up: asked for a run of files
   * at once (one round trip on a server store instead of one a file), in the order read.
   */
  let looking: Array<{ file: SourceFile; path: string; bytes: Uint8Array; key: string }> = [];
  let lookingBytes = 0;

  const lookUp = async (): Promise<void> => {
    if (looking.length === 0) return;
    const run = looking;
    looking = [];
    lookingBytes = 0;
    const knownOf = await store.knownSources(run.map((f) => f.key));
    for (const { file, path, bytes, key } of run) {
      const known = knownOf.get(key);
      // the bytes are hashed here only to compare with a known source; a new file is hashed by its parser, off this thread
      const sha256 = known ? sha256Hex(bytes) : undefined;
      if (known && known.sha256 === sha256 && known.parser === PARSER_VERSION) {
        if (known.status === 'ok') { report.articles.unchanged += known.articleIds.length; articleCount += known.articleIds.length; }
        else if (known.status === 'rejected') report.rejected.push({ path: file.display, reason: known.reason ?? 'rejected' });
        else report.skipped++;
        continue;
      }
      for (const job of jobsOf({ location: file.location, bytes, sha256, pathHint: path })) {
        pending.push({ item: pool.parse(job), display: file.display });
        // parts are large: only as many in flight as there are parsers, and one more
        while (pending.length >= (job.part ? plan.workers + 2 : plan.batch)) await drainOne();
      }
    }
  };

  const handle = async (file: SourceFile): Promise<void> => {
    report.files++;
    if (file.unreadable) { report.rejected.push({ path: file.display, reason: file.unreadable }); return; }
    const path = file.location.path ?? file.location.url ?? file.display;
    if (!isCandidatePath(path)) { report.skipped++; return; }
    if (file.size > maxBytes) {
      report.rejected.push({ path: file.display, reason: `file too large: ${(file.size / 1048576).toFixed(1)} MB (limit ${(maxBytes / 1048576).toFixed(0)} MB)` });
      return;
    }
    let bytes: Uint8Array;
    try {
      bytes = await file.read();
    } catch (e) {
      // gone or unreadable since it was listed: reported like any bad file
      report.rejected.push({ path: file.display, reason: `could not be read: ${e instanceof Error ? e.message.split('\n')[0]! : String(e)}` });
      return;
    }
    looking.push({ file, path, bytes, key: locationKey(file.location) });
    lookingBytes += bytes.length;
    if (looking.length >= LOOKUP_FILES || lookingBytes > LOOKUP_BYTES) await lookUp();
  };

  try {
    for (const input of inputs) {
      try {
        // what the paths shown to clients are made relative to (the stored paths stay absolute)
        const root = isGitUrl(input) ? undefined : await realpath(resolve(input)).catch(() => undefined);
        if (root) await store.addImportRoot(root);
        for await (const file of openSource(input, { rev: opts.rev, maxBytes })) {
          await handle(file);
          opts.onProgress?.({ files: report.files, articles: articleCount, rejected: report.rejected.length, current: file.display });
        }
        await lookUp();
      } catch (e) {
        // an unreadable input (missing path, broken archive, failed clone) is reported like a bad file
        report.rejected.push({ path: input, reason: e instanceof Error ? e.message.split('\n')[0]! : String(e) });
      }
    }
    await lookUp();
    while (pending.length) await drainOne();
    await flush();
  } finally {
    await pool.close();
    // the import is over when what it held is written (PostgreSQL's search counts)
    store.bulkWrites(false);
    await store.settled();
  }
  report.seconds = Math.round((performance.now() - started) / 10) / 100;
  return report;
}

/**
 * Rebuild every article from the raw bytes the store keeps, with the current readers, in
 * place (store.ts RebuildPass): readers find every article all along, batches commit in
 * short transactions, and what no source gives any more is swept at the end.
 */
export async function reindex(store: Store, lexicons: string[] = [], onProgress?: (done: number) => void): Promise<{ sources: number; articles: number; rejected: number; swept: number; seconds: number }> {
  const started = performance.now();
  const pass = newRebuildPass();
  const plan = parsePlan(true);
  const pool = new ParsePool(lexicons, true, plan.workers);
  store.bulkWrites(true, { ends: true });
  let batch: ImportItem[] = [];
  let sources = 0;
  let articles = 0;
  let rejected = 0;
  const pending: Array<Promise<ImportItem>> = [];
  let batchArticles = 0;
  const drainOne = async (): Promise<void> => {
    const item = await pending.shift()!;
    if (!item.part || item.part.last) sources++;
    articles += item.articles.length;
    if (item.status !== 'ok') rejected++;
    batch.push(item);
    batchArticles += item.articles.length;
    if (batch.length >= plan.batch || batchArticles >= BATCH_ARTICLES) { await store.commit(batch, PARSER_VERSION, pass); batch = []; batchArticles = 0; onProgress?.(sources); }
  };
  try {
    for await (const s of store.allSources()) {
      pass.sources.add(s.key);
      for (const job of jobsOf({ location: s.location, bytes: s.bytes, sha256: s.sha256, pathHint: s.location.path ?? s.location.url ?? '' })) {
        pending.push(pool.parse(job));
        while (pending.length >= (job.part ? plan.workers + 2 : plan.batch)) await drainOne();
      }
    }
    while (pending.length) await drainOne();
    if (batch.length) await store.commit(batch, PARSER_VERSION, pass);
    onProgress?.(sources);
  } finally {
    await pool.close();
    store.bulkWrites(false);
    await store.settled();
  }
  const swept = await store.sweepDerived(pass);
  return { sources, articles, rejected, swept, seconds: Math.round((performance.now() - started) / 10) / 100 };
}
