// The HTTP server: a JSON API (described at /api/openapi.json) and the web UI, over one
// store. Inputs are validated; bad input is a 400 with a message, an unknown id a 404,
// and no client ever sees a stack trace. Write operations need PARALLAX_ADMIN_TOKEN.
import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { timing } from 'hono/timing';
import { z } from 'zod';
import { ARTICLE_ID, EVENT_ID, THREAD_ID } from '../article.js';
import type { ImportReport } from '../import/pipeline.js';
import { isCalendarDay, untilExclusive } from '../extract/dates.js';
import { rawText } from '../readers/encoding.js';
import { importSources } from '../import/pipeline.js';
import { reindex } from '../import/pipeline.js';
import { QueryError } from '../search/query.js';
import { SearchCache } from '../search/cache.js';
import type { TextContext } from '../search/search.js';
import { ComparisonPending, eventComparison } from '../stories/analyze.js';
import { standaloneEvent } from '../stories/standalone.js';
import { SearchTimeoutError, StaleIndexError, type Store } from '../store/store.js';
import { clientArticle, clientPath, clientSource } from './client-paths.js';
import { OPENAPI } from './openapi.js';
import { articlePage, messagePage, outletName, outletPage, outletsPage, searchPage, type PageContext } from './pages.js';
import { CLAIM_FILTERS, CLAIMS_PER_PAGE, eventPage, eventsPage, filterClaims, threadPage, threadsPage } from './pages-events.js';
import { pickLang, queryErrorText, t } from './i18n.js';
import { CSS } from './static.js';
import { pageOffset } from './params.js';
import { JobQueue } from './import/jobs.js';
import { ImportRefused, resolveApiInputs } from './import/policy.js';
import { watchRoutes } from './watch-routes.js';
import { laterSection } from './pages-watch.js';
import { laterChanges } from '../watch/history.js';
import { whereabouts } from './moved.js';

export interface AppOptions {
  store: Store;
  text: TextContext;
  lexicons: string[];
  adminToken?: string;
  /** how long a cached search result may outlive another process's write (ms) */
  searchLagMs?: number;
  /** folders `POST /api/import` may read */
  importRoots?: string[];
  /** git URLs through the API may name private and loopback hosts */
  allowPrivateHosts?: boolean;
}

/** how long archive statistics are served before they are counted again */
const STATS_TTL_MS = 30_000;

/** request bodies larger than this are refused before anything else is looked at */
const MAX_BODY_BYTES = 64 * 1024;

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

/** Archived pages may hold anything: the UI runs no script and loads nothing from another host (article images are links). */
const CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'; script-src 'none'; object-src 'none'";

const day = z.string().refine(isCalendarDay, 'expected a calendar day as YYYY-MM-DD');
const int = (max: number) => z.coerce.number().int().min(0).max(max);
const SearchParams = z.object({ q: z.string().min(1, 'q is required').max(500), limit: int(200).default(20), offset: int(100000).default(0), sort: z.enum(['relevance', 'date']).default('relevance'), copies: z.enum(['fold', 'all']).default('fold') });
const EventParams = z.object({ since: day.optional(), until: day.optional(), minOutlets: int(100).default(2), outlet: z.string().max(60).optional(), thread: z.string().regex(THREAD_ID).optional(), limit: int(500).default(30), offset: int(100000).default(0) });
const ThreadParams = z.object({ since: day.optional(), until: day.optional(), minEvents: int(100000).default(2), limit: int(500).default(30), offset: int(100000).default(0) });
const ClaimParams = z.object({ show: z.enum(CLAIM_FILTERS).default('all'), outlet: z.string().max(60).optional(), limit: int(500).default(CLAIMS_PER_PAGE), offset: int(1000000).default(0) });
const ListParams = z.object({ outlet: z.string().max(60).optional(), since: day.optional(), until: day.optional(), limit: int(500).default(50), offset: int(100000).default(0) });
const Id = z.string().regex(ARTICLE_ID, 'an article id is 16 hex digits');
const EventId = z.string().regex(EVENT_ID, 'an event id is e + 16 hex digits');
const ThreadId = z.string().regex(THREAD_ID, 'a thread id is t + 16 hex digits');
const ImportBody = z.object({ paths: z.array(z.string().min(1).max(4096)).min(1).max(100), rev: z.string().regex(/^[\w./^~-]{1,200}$/, 'a revision is a commit, branch or tag name').refine((r) => !r.startsWith('-'), 'a revision cannot start with -').optional() });
const JobId = z.string().uuid('a job id is a UUID');

class BadRequest extends Error {}
class NotFound extends Error {}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new BadRequest(r.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; '));
  return r.data;
}


export function createApp(opts: AppOptions): Hono {
  const { store, text } = opts;
  const app = new Hono();
  const results = new SearchCache(store, text, { maxLagMs: opts.searchLagMs });
  const outletNames = async (lang: PageContext['lang']): Promise<Map<string, string>> => new Map((await store.outlets()).map((o) => [o.id, outletName(o, lang)]));
  /**
   * An event or thread a regrouping ended: a redirect to where its articles went (src/server/
   * moved.ts), a 503 while a regrouping is still placing them, else null. Temporary (307), never cached: a later regrouping may move it again,
   * and a cached permanent redirect could then loop between two ids.
   */
  const redirectMoved = async (c: Context, id: string, prefix: string): Promise<Response | null> => {
    const w = await whereabouts(store, id);
    if (!w) return null;
    if ('regrouping' in w) {
      // a regrouping is placing this id's article again: an answer in a moment, not a 404
      if (prefix.startsWith('/api/')) return c.json({ error: `${id} is being regrouped; try again shortly`, code: 'regrouping' }, 503, { 'Retry-After': '10' });
      const ctx = page(c);
      return c.html(messagePage(ctx, t(ctx.lang, 'regrouping'), id), 503, { 'Retry-After': '10' });
    }
    const query = new URL(c.req.url).search;
    return c.redirect(`${prefix}${w.movedTo}${query}`, 307);
  };

  // Server-Timing: the server's own time for each answer, apart from the network and any
  // wait in the process's queue (what a client sees minus this is waiting, not work)
  app.use('*', timing({ totalDescription: 'server time' }));
  app.use('*', async (c, next) => {
    await next();
    // a route that set its own, stricter policy keeps it (the raw view's sandbox)
    if (!c.res.headers.has('content-security-policy')) c.header('Content-Security-Policy', CSP);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Frame-Options', 'DENY');
  });
  app.onError((e, c) => {
    // `code` is stable for programs; `error` is a sentence for people and may change
    if (e instanceof QueryError) return c.json({ error: e.message, code: e.code, params: e.params }, 400);
    if (e instanceof BadRequest) return c.json({ error: e.message, code: 'bad-parameter' }, 400);
    if (e instanceof NotFound) return c.json({ error: e.message, code: 'not-found' }, 404);
    if (e instanceof StaleIndexError) return c.json({ error: e.message, code: 'index-stale' }, 503);
    if (e instanceof SearchTimeoutError) return c.json({ error: e.message, code: 'search-timeout' }, 503, { 'Retry-After': '5' });
    if (e instanceof ComparisonPending) return c.json({ error: e.message, code: 'comparison-pending' }, 503, { 'Retry-After': '10' });
    process.stderr.write(`parallax serve: ${e instanceof Error ? e.stack : String(e)}\n`);
    return c.json({ error: 'internal error', code: 'internal' }, 500);
  });
  app.notFound((c) => c.json({ error: `no such path: ${c.req.path}`, code: 'no-such-path' }, 404));

  const admin = (c: Context): Response | null => {
    if (!opts.adminToken) return c.json({ error: 'write operations are off: start the server with PARALLAX_ADMIN_TOKEN set', code: 'writes-off' }, 403);
    // the scheme in any case (RFC 9110); the token compared in constant time
    const given = /^bearer[ \t]+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '')?.[1];
    if (!given || !timingSafeEqual(digest(given), digest(opts.adminToken))) return c.json({ error: 'a valid admin token is required (Authorization: Bearer …)', code: 'token-required' }, 401);
    return null;
  };
  const imports = new JobQueue<ImportReport>();

  app.use('/api/*', bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => c.json({ error: `the request body is over ${MAX_BODY_BYTES / 1024} KB`, code: 'body-too-large' }, 413) }));

  // ---- API
  app.get('/api/openapi.json', (c) => c.json(OPENAPI));
  // liveness is constant-time: it never scans the archive; statistics are cached a while
  let stats: { at: number; value: Awaited<ReturnType<Store['stats']>> } | undefined;
  const cachedStats = async (): Promise<Awaited<ReturnType<Store['stats']>>> => {
    if (!stats || Date.now() - stats.at > STATS_TTL_MS) stats = { at: Date.now(), value: await store.stats() };
    return stats.value;
  };
  app.get('/api/health', (c) => c.json({ ok: true, ...(stats ? { articles: stats.value.articles, statsAt: new Date(stats.at).toISOString() } : {}) }));
  app.get('/api/stats', async (c) => c.json(await cachedStats()));
  app.get('/api/outlets', async (c) => c.json(await store.outlets()));
  app.get('/api/search', async (c) => {
    const p = parse(SearchParams, c.req.query());
    return c.json(await results.search(p.q, { ...p, collapse: p.copies === 'fold' }));
  });
  app.get('/api/articles', async (c) => {
    const p = parse(ListParams, c.req.query());
    const list = await store.listArticles({ ...p, until: untilExclusive(p.until) });
    const roots = await store.importRoots();
    return c.json(list.map(({ paragraphs: _p, givenTokens: _g, ...rest }) => clientArticle(rest, roots)));
  });
  app.get('/api/articles/:id', async (c) => {
    const id = parse(Id, c.req.param('id'));
    const a = await store.getArticle(id);
    if (!a) throw new NotFound(`no article with id ${id}`);
    const roots = await store.importRoots();
    return c.json({ ...clientArticle(a, roots), sources: (await store.articleSources(id)).map((s) => clientSource(s, roots)), lineage: await store.lineageOf(id), event: (await store.eventOf(id)) ?? null });
  });
  app.get('/api/articles/:id/raw', async (c) => {
    const id = parse(Id, c.req.param('id'));
    const a = await store.getArticle(id);
    const raw = a ? await store.getRaw(a.source.sha256) : undefined;
    if (!a || !raw) throw new NotFound(`no article with id ${id}`);
    // the original bytes as text, never as a page: archived HTML must not render. Decoded
    // with the encoding recorded at import (GBK/Big5 originals), sent as UTF-8.
    return new Response(rawText(raw, a.source.encoding), { headers: { 'content-type': 'text/plain; charset=utf-8', 'content-security-policy': "default-src 'none'; sandbox", 'x-content-type-options': 'nosniff' } });
  });
  app.get('/api/events', async (c) => {
    const p = parse(EventParams, c.req.query());
    const minOutlets = p.thread && c.req.query('minOutlets') === undefined ? 1 : p.minOutlets;
    return c.json(await store.listEvents({ ...p, minOutlets, until: untilExclusive(p.until), order: p.thread ? 'time' : 'size' }));
  });
  app.get('/api/events/:id', async (c) => {
    const id = parse(EventId, c.req.param('id'));
    const p = parse(ClaimParams, c.req.query());
    const event = await store.getEvent(id);
    if (!event) { const moved = await redirectMoved(c, id, '/api/events/'); if (moved) return moved; throw new NotFound(`no event with id ${id}`); }
    // events are grouped and compared off the request path (the analysis worker of `serve`): a request reads what is stored
    const comparison = await eventComparison(store, event, text);
    // claims are paged: a large event's full list would be megabytes
    const claims = filterClaims(comparison, p.show, p.outlet ?? null);
    return c.json({
      ...event,
      comparison: { ...comparison, claims: claims.slice(p.offset, p.offset + p.limit), quotes: comparison.quotes.slice(0, 200), entities: comparison.entities.slice(0, 100) },
      claimsTotal: claims.length, claimsOffset: p.offset,
      // a one-article event that stands alone by its title's form (a market report, live page, roundup, schedule), else null
      standalone: standaloneEvent(event, comparison),
      // what the watcher saw the outlets edit or remove after publication
      later: await laterChanges(store, event.members.map((m) => m.article)),
    });
  });
  app.get('/api/threads', async (c) => {
    const p = parse(ThreadParams, c.req.query());
    return c.json(await store.listThreads({ ...p, until: untilExclusive(p.until) }));
  });
  app.get('/api/threads/:id', async (c) => {
    const id = parse(ThreadId, c.req.param('id'));
    const thread = await store.getThread(id);
    if (!thread) { const moved = await redirectMoved(c, id, '/api/threads/'); if (moved) return moved; throw new NotFound(`no thread with id ${id}`); }
    const { events } = await store.listEvents({ thread: id, limit: 1000, order: 'time' });
    return c.json({ ...thread, events });
  });
  app.post('/api/import', async (c) => {
    const denied = admin(c);
    if (denied) return denied;
    const body = parse(ImportBody, await c.req.json().catch(() => { throw new BadRequest('the body must be JSON: {"paths": […]}'); }));
    let inputs: string[];
    try {
      inputs = await resolveApiInputs(body.paths, { roots: opts.importRoots ?? [], allowPrivateHosts: opts.allowPrivateHosts ?? false });
    } catch (e) {
      if (e instanceof ImportRefused) return c.json({ error: e.message, code: 'import-refused' }, 403);
      throw e;
    }
    // the import runs after the answer, one job at a time; the caller polls the job, which
    // names the inputs as the caller gave them (not the server's real paths)
    const job = imports.start(body.paths, async () => {
      try { return await importSources(store, inputs, { rev: body.rev, lexicons: opts.lexicons }); }
      finally { results.clear(); }
    });
    return c.json({ job: job.id, status: job.status, poll: `/api/import/${job.id}` }, 202);
  });
  app.get('/api/import/:job', async (c) => {
    const denied = admin(c);
    if (denied) return denied;
    const job = imports.get(parse(JobId, c.req.param('job')));
    if (!job) throw new NotFound('no such import job (the last 50 are kept)');
    // an input that could not be read is reported by its real path: shown relative too
    const roots = await store.importRoots();
    return c.json(job.report ? { ...job, report: { ...job.report, rejected: job.report.rejected.map((r) => ({ ...r, path: clientPath(r.path, roots) })) } } : job);
  });
  app.post('/api/reindex', async (c) => {
    const denied = admin(c);
    if (denied) return denied;
    const r = await reindex(store, opts.lexicons);
    results.clear();
    return c.json(r);
  });

  // ---- web UI
  const page = (c: Context): PageContext => {
    const url = new URL(c.req.url);
    return { lang: pickLang(url.searchParams.get('lang') ?? undefined, c.req.header('accept-language')), path: url.pathname, params: url.searchParams };
  };
  watchRoutes(app, store, text.segmenter, page);
  app.get('/static/app.css', (c) => c.body(CSS, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=3600' }));
  app.get('/', async (c) => {
    const ctx = page(c);
    const p = ctx.params;
    const outlets = await store.outlets();
    const q = (p.get('q') ?? '').trim();
    const filters = [
      p.get('outlet') ? `outlet:${p.get('outlet')}` : '', p.get('since') ? `since:${p.get('since')}` : '',
      p.get('until') ? `until:${p.get('until')}` : '', p.get('script') ? `script:${p.get('script')}` : '',
    ].filter(Boolean).join(' ');
    if (!q && !filters) return c.html(searchPage(ctx, outlets, null, null));
    try {
      const offset = pageOffset(p.get('offset'));
      const result = await results.search(`${q} ${filters}`.trim(), { limit: 20, offset });
      return c.html(searchPage(ctx, outlets, result, null));
    } catch (e) {
      if (e instanceof QueryError) return c.html(searchPage(ctx, outlets, null, queryErrorText(ctx.lang, e)), 400);
      if (e instanceof StaleIndexError) return c.html(searchPage(ctx, outlets, null, t(ctx.lang, 'indexStale')), 503);
      if (e instanceof SearchTimeoutError) return c.html(searchPage(ctx, outlets, null, t(ctx.lang, 'searchTimeout')), 503, { 'Retry-After': '5' });
      throw e;
    }
  });
  app.get('/article/:id', async (c) => {
    const ctx = page(c);
    const id = c.req.param('id');
    const a = ARTICLE_ID.test(id) ? await store.getArticle(id) : undefined;
    if (!a) return c.html(messagePage(ctx, t(ctx.lang, 'notFound'), id), 404);
    const edges = await store.lineageOf(id);
    const others = await store.articlesByIds(edges.map((e) => (e.from === id ? e.to : e.from)));
    const byId = new Map(others.map((o) => [o.id, o]));
    return c.html(articlePage(ctx, a, edges.map((e) => ({ ...e, other: byId.get(e.from === id ? e.to : e.from) ?? null })), await store.eventOf(id), !!(await store.watch.pageOfArticle(id))));
  });
  app.get('/events', async (c) => {
    const ctx = page(c);
    const offset = pageOffset(ctx.params.get('offset'));
    const { total, events } = await store.listEvents({ minOutlets: 2, limit: 50, offset });
    return c.html(eventsPage(ctx, events, total, offset, 50, await store.outlets()));
  });
  app.get('/threads', async (c) => {
    const ctx = page(c);
    const offset = pageOffset(ctx.params.get('offset'));
    const { total, threads } = await store.listThreads({ minEvents: 2, limit: 50, offset });
    return c.html(threadsPage(ctx, threads, total, offset, 50, await store.outlets()));
  });
  app.get('/event/:id', async (c) => {
    const ctx = page(c);
    const id = c.req.param('id');
    const valid = EventId.safeParse(id).success;
    const event = valid ? await store.getEvent(id) : undefined;
    if (!event) return (valid && (await redirectMoved(c, id, '/event/'))) || c.html(messagePage(ctx, t(ctx.lang, 'notFound'), id), 404);
    try {
      const comparison = await eventComparison(store, event, text);
      const titles = new Map(comparison.timeline.flatMap((r) => r.articles.map((a) => [a.article, a.title] as const)));
      const names = await outletNames(ctx.lang);
      const later = laterSection(ctx, await laterChanges(store, event.members.map((m) => m.article)), names, titles);
      return c.html(eventPage(ctx, event, comparison, names, titles, later));
    } catch (e) {
      if (e instanceof ComparisonPending) return c.html(messagePage(ctx, ctx.lang === 'hant' ? event.label.hant : event.label.hans, t(ctx.lang, 'pending')), 503, { 'Retry-After': '10' });
      throw e;
    }
  });
  app.get('/thread/:id', async (c) => {
    const ctx = page(c);
    const id = c.req.param('id');
    const valid = ThreadId.safeParse(id).success;
    const thread = valid ? await store.getThread(id) : undefined;
    if (!thread) return (valid && (await redirectMoved(c, id, '/thread/'))) || c.html(messagePage(ctx, t(ctx.lang, 'notFound'), id), 404);
    const { events } = await store.listEvents({ thread: id, limit: 1000, order: 'time' });
    return c.html(threadPage(ctx, thread, events, await outletNames(ctx.lang), await store.outlets()));
  });
  // links made before events had their own pages
  app.get('/stories', (c) => c.redirect('/events', 301));
  app.get('/outlets', async (c) => {
    const ctx = page(c);
    const stats = await cachedStats();
    const outlets = await store.outlets();
    const counts = new Map(stats.outlets.map((o) => [o.id, o.articles]));
    return c.html(outletsPage(ctx, outlets.map((o) => ({ outlet: o, articles: counts.get(o.id) ?? 0 })).sort((a, b) => b.articles - a.articles)));
  });
  app.get('/outlet/:id', async (c) => {
    const ctx = page(c);
    const o = (await store.outlets()).find((x) => x.id === c.req.param('id'));
    if (!o) return c.html(messagePage(ctx, t(ctx.lang, 'notFound'), c.req.param('id')), 404);
    const articles = await store.listArticles({ outlet: o.id, limit: 100 });
    const { events } = await store.listEvents({ outlet: o.id, minOutlets: 2, limit: 50 });
    return c.html(outletPage(ctx, o, articles, events));
  });
  return app;
}
