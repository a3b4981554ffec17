// One check of a watched page: fetch it, read it with the HTML article reader, and
// decide what happened — nothing, a first version, an edit, a removal (with its cause)
// or a restoration. The article goes into the archive through the normal import path
// (raw bytes, provenance, search index); the check's state and version are committed
// together.
import { Article, type ArticleDraft } from '../article.js';
import { FetchError, type FetchResponse } from '../fetch/http.js';
import { parseFile, finishArticle } from '../import/parse.js';
import { PARSER_VERSION } from '../import/pipeline.js';
import { decodeBytes } from '../readers/encoding.js';
import { packRaw, prepareArticle, type ImportItem } from '../store/store.js';
import type { PageVersion, RemovalCause, VersionKind, WatchedPage } from '../store/watch.js';
import { indexDoc } from '../search/index-doc.js';
import { isHomeOrSection, removalNotice, similarity, textHash, visibleText } from './compare.js';
import { iso, type WatchContext } from './context.js';
import { backoff, nextOnLadder, UNCONDITIONAL_EVERY_MS } from './schedule.js';

export interface CheckOutcome {
  version?: VersionKind;
  cause?: RemovalCause;
  /** why the check had no answer to judge (it is retried later) */
  failed?: string;
}

/** an article body shorter than this many characters is an empty page (or a notice) */
const EMPTY_CHARS = 20;
/** a body under this many characters with a removal phrase is a notice, not an article quoting one */
const NOTICE_MAX_CHARS = 300;
/** a new text sharing less than this with the last is compared with the host's not-found page */
const DRASTIC = 0.5;
/** a page this close to the probe of a URL that cannot exist is the host's not-found page */
const SOFT_404 = 0.8;
const PROBE_KEEP_MS = 3_600_000;

/** The feed's own copy of an item: imported when the page cannot be had. */
export interface FeedCopy { draft: ArticleDraft; bytes: Uint8Array; sha256: string; format: string; encoding: string }

export async function checkPage(ctx: WatchContext, page: WatchedPage, feedCopy?: FeedCopy): Promise<CheckOutcome> {
  const now = ctx.clock.now();
  const at = iso(now);
  const conditional = !!(page.etag || page.lastModified) && !!page.lastUnconditionalAt && now - Date.parse(page.lastUnconditionalAt) < UNCONDITIONAL_EVERY_MS;
  let res: FetchResponse;
  try {
    res = await ctx.fetcher.get(page.url, conditional ? { etag: page.etag ?? undefined, lastModified: page.lastModified ?? undefined, accept: 'text/html,*/*;q=0.8' } : { accept: 'text/html,*/*;q=0.8' });
  } catch (e) {
    if (!(e instanceof FetchError)) throw e;
    if (e.kind === 'waiting') {
      // the host asked us to wait (another page's 429): not this page's failure
      await ctx.store.watch.recordCheck({ ...page, nextCheckAt: iso(e.retryAt ?? now + 60_000) });
      return { failed: e.message };
    }
    return failed(ctx, page, now, e.message, e.retryAt, feedCopy);
  }
  const next: WatchedPage = {
    ...page, lastFetchAt: at, failures: 0, lastError: null,
    lastUnconditionalAt: conditional ? page.lastUnconditionalAt : at,
  };
  const scheduled = (): WatchedPage => ({ ...next, nextCheckAt: nextAt(ctx, page, now) });

  if (res.status === 304) {
    await ctx.store.watch.recordCheck({ ...scheduled(), lastSeenAt: at });
    return {};
  }
  if (res.status === 404 || res.status === 410) return removed(ctx, scheduled(), res, at, res.status === 404 ? 'http-404' : 'http-410');
  if (res.status < 200 || res.status >= 300) return failed(ctx, page, now, `HTTP ${res.status}`, res.retryAfterMs !== undefined ? now + res.retryAfterMs : undefined, feedCopy);
  const validated = { ...scheduled(), etag: res.headers.etag ?? null, lastModified: res.headers['last-modified'] ?? null };
  if (res.redirects.length && isHomeOrSection(page.url, res.url)) return removed(ctx, validated, res, at, 'redirect-home');

  // read without indexing and without packing the raw bytes: most checks find nothing new,
  // and only what is committed needs either (withIndex)
  const item = parseFile({ location: { kind: 'url', url: page.url }, bytes: res.body, sha256: res.sha256, pathHint: res.url, charset: res.charset, raw: NOT_PACKED }, { segmenter: undefined });
  const prepared = item.status === 'ok' ? item.articles[0] : undefined;
  const article = prepared ? Article.parse(JSON.parse(prepared.doc)) : undefined;
  const title = article?.title ?? '';
  const paragraphs = article?.paragraphs ?? [];
  const body = paragraphs.join('');
  const html = safeHtml(res);
  const furniture = await ctx.furniture.of(page.url);
  await ctx.furniture.learn(res.url, html, { title, paragraphs });
  if (body.length < NOTICE_MAX_CHARS && (removalNotice(title + body) ?? removalNotice(visibleText(html)))) return removed(ctx, validated, res, at, 'notice');
  const hash = textHash(title, paragraphs, furniture);
  const versions = hash === page.textHash ? [] : await ctx.store.watch.versions(page.url);
  const last = lastWithText(versions);
  // the host's furniture is learnt as pages come: the last text is compared as it is seen now
  const same = hash === page.textHash || (last !== undefined && textHash(last.title, last.paragraphs, furniture) === hash);
  if (page.state === 'present' && same) {
    await ctx.store.watch.recordCheck({ ...validated, lastSeenAt: at, textHash: hash });
    return {};
  }
  const previous = last ? last.title + last.paragraphs.join('') : null;
  const short = body.length < EMPTY_CHARS;
  if (short || (previous !== null && similarity(previous, title + body) < DRASTIC)) {
    const probe = await probeText(ctx, res.url, now);
    if (probe !== null && probe.length >= EMPTY_CHARS && similarity(probe, title + body) >= SOFT_404) return removed(ctx, validated, res, at, 'soft-404');
  }
  if (short || !prepared) return removed(ctx, validated, res, at, 'empty');

  const kind: VersionKind = page.state === 'removed' ? 'restored' : page.textHash ? 'edit' : 'first';
  await ctx.store.commit([await withIndex(ctx, item, res.body)], PARSER_VERSION);
  const articleId = page.articleId ?? prepared.id;
  const outlet = page.outlet ?? prepared.outlet.id;
  const state: WatchedPage = { ...validated, state: 'present', textHash: hash, lastSeenAt: at, articleId, outlet };
  await ctx.store.watch.recordCheck(state, {
    url: page.url, at, kind, cause: null, lastSeen: page.lastSeenAt, firstMissing: kind === 'first' ? null : at,
    title, paragraphs, textHash: hash, status: res.status, finalUrl: res.url, headers: res.headers, rawSha256: res.sha256, articleId, outlet,
  });
  return { version: kind };
}

/** a placeholder for the raw bytes of a page read to be compared (packed only when committed) */
const NOT_PACKED = { size: 0, codec: 'br' as const, data: new Uint8Array(0) };

/** The item to commit: its raw bytes packed, its articles indexed for search (as parseFile does with a segmenter). */
async function withIndex(ctx: WatchContext, item: ImportItem, bytes: Uint8Array): Promise<ImportItem> {
  const seg = await ctx.segmenter?.();
  const articles = item.articles.map((a) => (a.flagged || !seg ? a : { ...a, index: indexDoc(Article.parse(JSON.parse(a.doc)), seg) }));
  return { ...item, raw: packRaw(bytes), articles };
}

function nextAt(ctx: WatchContext, page: WatchedPage, now: number): string | null {
  const t = nextOnLadder(ctx.ladder, Date.parse(page.firstSeenAt), now);
  return t === null ? null : iso(t);
}

function safeHtml(res: FetchResponse): string {
  try { return decodeBytes(res.body.subarray(0, 2 << 20), res.charset).text; } catch { return ''; }
}

/** the last version that had text */
function lastWithText(versions: PageVersion[]): PageVersion | undefined {
  for (let i = versions.length - 1; i >= 0; i--) if (versions[i]!.kind !== 'removed') return versions[i];
  return undefined;
}

async function removed(ctx: WatchContext, page: WatchedPage, res: FetchResponse, at: string, cause: RemovalCause): Promise<CheckOutcome> {
  if (page.state !== 'present') {
    // already removed (or never seen with text): nothing new, but the ladder goes on so that a return is seen
    await ctx.store.watch.recordCheck({ ...page, lastSeenAt: page.state === 'removed' ? at : page.lastSeenAt });
    return {};
  }
  await ctx.store.watch.recordCheck({ ...page, state: 'removed', lastSeenAt: at }, {
    url: page.url, at, kind: 'removed', cause, lastSeen: page.lastSeenAt, firstMissing: at, title: '', paragraphs: [],
    textHash: `removed:${cause}`, status: res.status, finalUrl: res.url, headers: res.headers, rawSha256: res.body.length ? res.sha256 : null,
    articleId: page.articleId, outlet: page.outlet,
  }, res.body.length ? { sha256: res.sha256, blob: packRaw(res.body) } : undefined);
  return { version: 'removed', cause };
}

async function failed(ctx: WatchContext, page: WatchedPage, now: number, why: string, retryAt: number | undefined, feedCopy?: FeedCopy): Promise<CheckOutcome> {
  const failures = page.failures + 1;
  let articleId = page.articleId;
  let outlet = page.outlet;
  if (feedCopy && !articleId) {
    // the page cannot be had: the archive keeps the feed's text under the page's URL, which the page replaces when it comes
    const imported = await importFeedCopy(ctx, page.url, feedCopy);
    articleId = imported.id;
    outlet ??= imported.outlet;
  }
  const ladderEnd = nextOnLadder(ctx.ladder, Date.parse(page.firstSeenAt), now) === null;
  const retry = Math.max(now + backoff(failures, ctx.random), retryAt ?? 0);
  await ctx.store.watch.recordCheck({
    ...page, articleId, outlet, failures, lastError: why, lastFetchAt: iso(now),
    // past the ladder's end a page is still retried a few times, then left
    nextCheckAt: ladderEnd && failures > 5 ? null : iso(retry),
  });
  return { failed: why };
}

async function importFeedCopy(ctx: WatchContext, url: string, copy: FeedCopy): Promise<{ id: string; outlet: string }> {
  const source = { kind: 'url' as const, url, format: copy.format, encoding: copy.encoding, sha256: copy.sha256 };
  const article = finishArticle(copy.draft, source);
  const prepared = prepareArticle(article);
  const item: ImportItem = {
    location: { kind: 'url', url }, sha256: copy.sha256, raw: NOT_PACKED, status: 'ok', format: copy.format, encoding: copy.encoding, articles: [prepared],
  };
  await ctx.store.commit([await withIndex(ctx, item, copy.bytes)], PARSER_VERSION);
  return { id: prepared.id, outlet: prepared.outlet.id };
}

/** The text the host serves for a URL that cannot exist (its not-found page), or null when it answers 404 properly. */
async function probeText(ctx: WatchContext, url: string, now: number): Promise<string | null> {
  const u = new URL(url);
  ctx.probes ??= new Map();
  const have = ctx.probes.get(u.origin);
  if (have && now - have.at < PROBE_KEEP_MS) return have.text;
  const dir = u.pathname.replace(/[^/]*$/, '');
  const ext = /\.[a-z]{2,5}$/i.exec(u.pathname)?.[0] ?? '';
  const random = Math.floor((ctx.random ?? Math.random)() * 2 ** 48).toString(36);
  let text: string | null = null;
  try {
    const res = await ctx.fetcher.get(`${u.origin}${dir}px-probe-${random}${ext}`);
    if (res.status >= 200 && res.status < 300) {
      const item = parseFile({ location: { kind: 'url', url: res.url }, bytes: res.body, pathHint: res.url, charset: res.charset }, { segmenter: undefined });
      const a = item.status === 'ok' && item.articles[0] ? Article.parse(JSON.parse(item.articles[0].doc)) : undefined;
      text = a ? a.title + a.paragraphs.join('') : visibleText(decodeBytes(res.body, res.charset).text);
    }
  } catch {
    text = null;
  }
  ctx.probes.set(u.origin, { at: now, text });
  return text;
}
