// One file's bytes → an ImportItem ready for the store: read, extract, validate,
// serialize, compress. Pure CPU work, run in worker threads by the parse pool.
import { Article, type ArticleDraft, type Source } from '../article.js';
import { readDocument, RejectError, SkipError } from '../readers/index.js';
import { packRaw, prepareArticle, sha256Hex, type ImportItem, type Location, type RawBlob } from '../store/store.js';
import { detectScript } from '../text/script.js';
import { indexDoc } from '../search/index-doc.js';
import type { Segmenter } from '../text/segment.js';

export interface ParseJob {
  location: Location;
  bytes: Uint8Array;
  /** the bytes' sha256, when the caller has it already */
  sha256?: string;
  pathHint: string;
  /** the charset an HTTP response header named */
  charset?: string;
  /** one part of a file read in parts (store.ts ImportItem.part): `bytes` is the part */
  part?: { index: number; last: boolean };
  /** with a file's first part: the whole file's bytes, compressed (what the store keeps) */
  raw?: RawBlob;
}

/** what parsing needs besides the bytes: the segmenter for the search index (none: no index) */
export interface ParseContext { segmenter: Segmenter | undefined }

export function articleId(identity: string): string {
  return sha256Hex(identity).slice(0, 16);
}

/** Fix id, script and provenance of a reader's draft, and validate the result. */
export function finishArticle(draft: ArticleDraft, source: Source): Article {
  const { identity, ...rest } = draft;
  const script = detectScript(draft.title + draft.paragraphs.join(''));
  return Article.parse({ ...rest, id: rest.id ?? articleId(identity), script, source });
}

function sourceOf(location: Location, format: string, encoding: string, sha256: string): Source {
  return {
    kind: location.kind, format, encoding, sha256,
    ...(location.path ? { path: location.path } : {}), ...(location.url ? { url: location.url } : {}),
    ...(location.repo ? { repo: location.repo } : {}), ...(location.commit ? { commit: location.commit } : {}),
  };
}

/** Read one file into an ImportItem; never throws for bad input. */
export function parseFile({ location, bytes, sha256: known, pathHint, charset, part, raw: given }: ParseJob, ctx: ParseContext): ImportItem {
  const sha256 = known ?? sha256Hex(bytes);
  // compressed here, in a worker thread: the writing thread only writes; a file read in
  // parts comes with its bytes compressed on its first part, none on the others
  const raw = given ?? (part ? { size: 0, codec: 'br' as const, data: new Uint8Array(0) } : packRaw(bytes));
  const base = { location, sha256, raw, articles: [], ...(part ? { part } : {}) };
  try {
    const { format, encoding, drafts } = readDocument(bytes, pathHint, charset);
    const source = sourceOf(location, format, encoding, sha256);
    return { ...base, status: 'ok', format, encoding, articles: drafts.map((d) => {
      const article = finishArticle(d, source);
      const prepared = prepareArticle(article);
      // flagged pages (placeholders, mojibake) are kept but never indexed as news
      return prepared.flagged || !ctx.segmenter ? prepared : { ...prepared, index: indexDoc(article, ctx.segmenter) };
    }) };
  } catch (e) {
    if (e instanceof SkipError) return { ...base, status: 'skipped', reason: e.message };
    if (e instanceof RejectError) return { ...base, status: 'rejected', reason: e.message };
    const msg = e instanceof Error ? e.message.split('\n')[0]! : String(e);
    return { ...base, status: 'rejected', reason: `could not be read as an article: ${msg}` };
  }
}
