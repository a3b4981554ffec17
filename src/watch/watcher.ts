// The watcher: adding sources (what a URL is is found by fetching it), and polling
// whatever is due — sources first (their new pages are fetched at once), then pages
// whose re-check is due. State lives in the store: a restart resumes where it stopped.
import { readFileSync } from 'node:fs';
import { FetchError } from '../fetch/http.js';
import { decodeBytes } from '../readers/encoding.js';
import type { WatchedPage, WatchKind } from '../store/watch.js';
import { checkPage } from './check-page.js';
import { iso, type WatchContext } from './context.js';
import { opmlFeeds, readListing } from './listing.js';
import { pollSource } from './poll-source.js';

/** a URL that cannot be watched: the message says why */
export class WatchError extends Error {}

/** an item whose poll failed for a reason of ours (not the remote's) is tried again after this */
const UNEXPECTED_RETRY_MS = 3_600_000;

/** first poll interval of a new source, before its publishing rate is known */
const FIRST_INTERVAL_S = 900;

export interface AddResult { url: string; kind: WatchKind; id: number; added: boolean }

/** Watch a URL: a feed or sitemap becomes a polled source, an OPML file its feeds, an article page a page re-checked on the ladder. */
export async function addWatch(ctx: WatchContext, url: string, outlet: string | null): Promise<AddResult[]> {
  let res;
  try { res = await ctx.fetcher.get(url); }
  catch (e) { throw new WatchError(e instanceof FetchError ? e.message : String(e)); }
  if (res.status < 200 || res.status >= 300) throw new WatchError(`${url} answered HTTP ${res.status}: not added`);
  let text: string;
  try { text = decodeBytes(res.body, res.charset).text; } catch (e) { throw new WatchError(`${url}: ${(e as Error).message}`); }
  const listing = (() => { try { return readListing(text, 1000); } catch { return null; } })();
  const at = iso(ctx.clock.now());
  if (listing?.kind === 'opml') return addFeeds(ctx, listing.items.map((i) => i.url), outlet);
  if (listing) {
    const kind: WatchKind = listing.kind === 'feed' ? 'feed' : 'sitemap';
    const r = await ctx.store.watch.addSource({ url, kind, outlet, at, nextPollAt: at, intervalS: FIRST_INTERVAL_S });
    return [{ url, kind, ...r }];
  }
  if (!/<html|<body|<article|<p[\s>]/i.test(text.slice(0, 65536))) throw new WatchError(`${url} is neither a feed, a sitemap, an OPML file nor a web page`);
  const r = await ctx.store.watch.addSource({ url, kind: 'page', outlet, at, nextPollAt: null, intervalS: 0 });
  await ctx.store.watch.addPage(freshPage(url, r.id, outlet, at));
  return [{ url, kind: 'page', ...r }];
}

/** Feeds named by an OPML file (or a list): added without fetching each, polled when due. */
export async function addFeeds(ctx: WatchContext, urls: readonly string[], outlet: string | null): Promise<AddResult[]> {
  const at = iso(ctx.clock.now());
  const out: AddResult[] = [];
  for (const url of urls) out.push({ url, kind: 'feed', ...(await ctx.store.watch.addSource({ url, kind: 'feed', outlet, at, nextPollAt: at, intervalS: FIRST_INTERVAL_S })) });
  return out;
}

export async function importOpml(ctx: WatchContext, file: string, outlet: string | null): Promise<AddResult[]> {
  let urls: string[];
  try { urls = opmlFeeds(readFileSync(file, 'utf8')); } catch (e) { throw new WatchError(`${file} is not a readable OPML file: ${(e as Error).message.split('\n')[0]}`); }
  if (urls.length === 0) throw new WatchError(`${file} names no feeds (no outline with an xmlUrl)`);
  return addFeeds(ctx, urls, outlet);
}

export function freshPage(url: string, sourceId: number | null, outlet: string | null, at: string): WatchedPage {
  return {
    url, sourceId, articleId: null, outlet, firstSeenAt: at, state: 'pending', nextCheckAt: at, lastSeenAt: null, lastFetchAt: null,
    failures: 0, lastError: null, etag: null, lastModified: null, lastUnconditionalAt: null, textHash: null,
  };
}

export interface PollReport {
  sources: number;
  sourcesFailed: number;
  newItems: number;
  pages: number;
  pagesFailed: number;
  versions: { first: number; edit: number; removed: number; restored: number };
}

/** Run `fn` over items with at most `n` at once (per-host politeness is the fetcher's). */
async function pooled<T>(items: readonly T[], n: number, fn: (t: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]!);
  }));
}

/**
 * Poll every source and re-check every page that was due when the round began, `batch`
 * at a time (memory stays bounded however much is due). What a round schedules again is
 * due later, so a round ends. One round at a time on an archive: a watcher started while
 * another polls waits for it, then finds only what is still due (two rounds at once would
 * fetch the same pages twice and ignore each other's per-host spacing).
 */
export function pollDue(ctx: WatchContext, opts: { concurrency?: number; batch?: number } = {}): Promise<PollReport> {
  return ctx.store.exclusive('watch', () => pollRound(ctx, opts));
}

async function pollRound(ctx: WatchContext, opts: { concurrency?: number; batch?: number }): Promise<PollReport> {
  const report: PollReport = { sources: 0, sourcesFailed: 0, newItems: 0, pages: 0, pagesFailed: 0, versions: { first: 0, edit: 0, removed: 0, restored: 0 } };
  const concurrency = opts.concurrency ?? 8;
  const batch = opts.batch ?? 500;
  const now = iso(ctx.clock.now());
  for (let sources = await ctx.store.watch.dueSources(now, batch); sources.length; sources = await ctx.store.watch.dueSources(now, batch)) {
    await pooled(sources, concurrency, async (s) => {
      const o = await pollSource(ctx, s).catch(async (e: Error) => {
        // a bug or a store error on one source must not stop the others, nor loop on it
        await ctx.store.watch.saveSourceState({ ...s, lastError: `internal error: ${e.message}`, nextPollAt: iso(ctx.clock.now() + UNEXPECTED_RETRY_MS) });
        return { status: 'failed' as const, newItems: 0, pagesFailed: 0, pagesRead: 0 };
      });
      report.sources++;
      if (o.status === 'failed') report.sourcesFailed++;
      report.newItems += o.newItems;
      report.pages += o.newItems;
      report.pagesFailed += o.pagesFailed;
      report.versions.first += o.pagesRead;
    });
  }
  for (let pages = await ctx.store.watch.duePages(now, batch); pages.length; pages = await ctx.store.watch.duePages(now, batch)) {
    await pooled(pages, concurrency, async (p) => {
      const o = await checkPage(ctx, p).catch(async (e: Error) => {
        await ctx.store.watch.recordCheck({ ...p, lastError: `internal error: ${e.message}`, nextCheckAt: iso(ctx.clock.now() + UNEXPECTED_RETRY_MS) });
        return { failed: e.message, version: undefined };
      });
      report.pages++;
      if (o.failed) report.pagesFailed++;
      if (o.version) report.versions[o.version]++;
    });
  }
  await ctx.furniture.flush();
  return report;
}

/** Poll until the signal aborts: each round does what is due, then sleeps until the next thing is (at most a minute). */
export async function runWatcher(ctx: WatchContext, signal: AbortSignal, onRound?: (r: PollReport) => void): Promise<void> {
  while (!signal.aborted) {
    const r = await pollDue(ctx);
    onRound?.(r);
    const due = await ctx.store.watch.nextDue();
    const wait = Math.min(60_000, Math.max(1000, due ? Date.parse(due) - ctx.clock.now() : 60_000));
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, wait);
      signal.addEventListener('abort', () => { clearTimeout(t); resolve(); }, { once: true });
    });
  }
}
