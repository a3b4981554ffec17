// One poll of a watched feed or sitemap: a conditional GET (validators dropped every
// 12 h, and for good when a server sends a new body under an old ETag), the body hash
// compared, new items found, their pages fetched, the next poll scheduled from how
// often the source publishes, failures backed off and counted.
import { FetchError, type FetchResponse } from '../fetch/http.js';
import { decodeBytes } from '../readers/encoding.js';
import type { WatchedPage, WatchSource } from '../store/watch.js';
import { checkPage, type FeedCopy } from './check-page.js';
import { iso, type WatchContext } from './context.js';
import { readListing, type ListedItem } from './listing.js';
import { adaptInterval, backoff, shouldPause, UNCONDITIONAL_EVERY_MS } from './schedule.js';

export interface PollOutcome {
  source: number;
  status: 'unchanged' | 'changed' | 'failed' | 'waiting';
  newItems: number;
  pagesFailed: number;
  /** first versions of the new items' pages */
  pagesRead: number;
  error?: string;
}

const DEFAULT_MAX_NEW = 200;
const DEFAULT_MAX_ITEMS = 1000;

export async function pollSource(ctx: WatchContext, source: WatchSource): Promise<PollOutcome> {
  const now = ctx.clock.now();
  const at = iso(now);
  const conditional = !source.etagUnreliable && !!(source.etag || source.lastModified) && !!source.lastUnconditionalAt
    && now - Date.parse(source.lastUnconditionalAt) < UNCONDITIONAL_EVERY_MS;
  let res: FetchResponse;
  try {
    res = await ctx.fetcher.get(source.url, conditional ? { etag: source.etag ?? undefined, lastModified: source.lastModified ?? undefined } : {});
  } catch (e) {
    if (!(e instanceof FetchError)) throw e;
    if (e.kind === 'waiting') {
      // the host asked us to wait: not this source's failure
      await ctx.store.watch.saveSourceState({ ...source, nextPollAt: iso(e.retryAt ?? now + 60_000) });
      return { source: source.id, status: 'waiting', newItems: 0, pagesFailed: 0, pagesRead: 0, error: e.message };
    }
    return fail(ctx, source, now, e.message);
  }
  if (res.status === 304) return succeed(ctx, { ...source, lastAttemptAt: at }, now, source.intervalS * 1000, 'unchanged', 0, 0);
  if (res.status < 200 || res.status >= 300) return fail(ctx, source, now, `HTTP ${res.status}`, res.retryAfterMs !== undefined ? now + res.retryAfterMs : undefined);

  const validators = {
    etag: res.headers.etag ?? null, lastModified: res.headers['last-modified'] ?? null, bodySha256: res.sha256,
    lastUnconditionalAt: conditional ? source.lastUnconditionalAt : at,
    // the same ETag for different bytes: this server's validators cannot be trusted
    etagUnreliable: source.etagUnreliable || (!!res.headers.etag && res.headers.etag === source.etag && !!source.bodySha256 && res.sha256 !== source.bodySha256),
  };
  const updated: WatchSource = { ...source, ...validators, lastAttemptAt: at };
  if (res.sha256 === source.bodySha256) return succeed(ctx, updated, now, source.intervalS * 1000, 'unchanged', 0, 0);

  let text: string;
  let encoding: string;
  try { ({ text, encoding } = decodeBytes(res.body, res.charset)); }
  catch (e) { return fail(ctx, source, now, `not text: ${(e as Error).message}`); }
  let listing;
  try { listing = readListing(text, ctx.maxItems ?? DEFAULT_MAX_ITEMS); }
  catch (e) { return fail(ctx, source, now, `unreadable listing: ${(e as Error).message.split('\n')[0]}`); }
  if (!listing) return fail(ctx, source, now, 'not a feed or a sitemap any more');

  if (listing.kind === 'sitemap-index' || listing.kind === 'opml') {
    // a list of lists: each becomes a source of its own
    for (const it of listing.items.slice(0, 100)) {
      await ctx.store.watch.addSource({ url: it.url, kind: listing.kind === 'opml' ? 'feed' : 'sitemap', outlet: source.outlet, at, nextPollAt: at, intervalS: source.intervalS });
    }
    return succeed(ctx, updated, now, source.intervalS * 1000 * 2, 'changed', 0, 0);
  }

  const known = await ctx.store.watch.knownItems(source.id, listing.items.map((i) => i.url));
  const fresh = listing.items.filter((i) => !known.has(i.url)).slice(0, ctx.maxNewPerPoll ?? DEFAULT_MAX_NEW);
  let pagesFailed = 0;
  let pagesRead = 0;
  for (const item of fresh) {
    // another source of this round (polled at the same time) may be fetching the page already
    const checking = (ctx.checking ??= new Set());
    const page = checking.has(item.url) ? undefined : await newPage(ctx, source, item, at);
    if (page && !checking.has(item.url)) {
      const copy: FeedCopy | undefined = item.draft ? { draft: item.draft, bytes: res.body, sha256: res.sha256, format: listing.format ?? 'feed', encoding } : undefined;
      checking.add(item.url);
      const outcome = await checkPage(ctx, page, copy).finally(() => checking.delete(item.url));
      if (outcome.failed) pagesFailed++;
      if (outcome.version === 'first') pagesRead++;
    }
    // recorded after its page was checked: a crash before this line re-finds the item
    await ctx.store.watch.addItems(source.id, [{ url: item.url, published: item.published === null ? null : iso(item.published) }], at);
  }
  const published = listing.items.map((i) => i.published).filter((t): t is number => t !== null);
  const intervalMs = adaptInterval(published, now, source.intervalS * 1000, fresh.length);
  return { ...(await succeed(ctx, updated, now, intervalMs, 'changed', fresh.length, pagesFailed)), pagesRead };
}

async function newPage(ctx: WatchContext, source: WatchSource, item: ListedItem, at: string): Promise<WatchedPage | undefined> {
  const page: WatchedPage = {
    url: item.url, sourceId: source.id, articleId: null, outlet: source.outlet, firstSeenAt: at, state: 'pending', nextCheckAt: at,
    lastSeenAt: null, lastFetchAt: null, failures: 0, lastError: null, etag: null, lastModified: null, lastUnconditionalAt: null, textHash: null,
  };
  // a page another source listed first is already watched
  if (await ctx.store.watch.addPage(page)) return page;
  const have = await ctx.store.watch.getPage(item.url);
  return have && have.state === 'pending' && !have.lastFetchAt ? have : undefined;
}

async function succeed(ctx: WatchContext, s: WatchSource, now: number, intervalMs: number, status: PollOutcome['status'], newItems: number, pagesFailed: number): Promise<PollOutcome> {
  // pages that could not be fetched count as a fraction of a failure, and do not end a failing run
  const partial = newItems > 0 ? pagesFailed / newItems : 0;
  const next: WatchSource = {
    ...s, lastSuccessAt: iso(now), intervalS: Math.round(intervalMs / 1000), nextPollAt: iso(now + intervalMs),
    failureRun: partial > 0 ? s.failureRun + partial : 0, failingSince: partial > 0 ? s.failingSince ?? iso(now) : null,
    lastError: pagesFailed ? `${pagesFailed} of ${newItems} new pages could not be fetched` : null,
  };
  await ctx.store.watch.saveSourceState(next, partial > 0 ? { at: iso(now), weight: partial } : undefined);
  return { source: s.id, status, newItems, pagesFailed, pagesRead: 0 };
}

async function fail(ctx: WatchContext, s: WatchSource, now: number, error: string, retryAt?: number): Promise<PollOutcome> {
  const failureRun = s.failureRun + 1;
  const failingSince = s.failingSince ?? iso(now);
  const paused = shouldPause(failureRun, Date.parse(failingSince), now);
  const wait = Math.max(backoff(failureRun, ctx.random), (retryAt ?? 0) - now);
  await ctx.store.watch.saveSourceState({
    ...s, state: paused ? 'paused' : s.state, lastAttemptAt: iso(now), lastError: error, failureRun, failingSince,
    nextPollAt: paused ? null : iso(now + wait),
  }, { at: iso(now), weight: 1 });
  return { source: s.id, status: 'failed', newItems: 0, pagesFailed: 0, pagesRead: 0, error };
}
