// The HTTP server: a JSON API (described at /api/openapi.json) and the web UI, over one
// store. Inputs are validated; bad input is a 400 with a message, an unknown id a 404,
// and no client ever sees a stack trace. Write operations need PARALLAX_ADMIN_TOKEN.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { importSources } from '../import/pipeline.js';
import { reindex } from '../import/pipeline.js';
import { QueryError } from '../search/query.js';
import { SearchCache } from '../search/cache.js';
import type { TextContext } from '../search/search.js';
import { analyzeArchive, WIRE_OUTLETS } from '../stories/analyze.js';
import { compareStory } from '../stories/compare.js';
import { StaleIndexError, type Store } from '../store/store.js';
import { OPENAPI } from './openapi.js';
import { articlePage, messagePage, outletPage, outletsPage, searchPage, storiesPage, storyPage, type PageContext } from './pages.js';
import { pickLang, t } from './i18n.js';
import { CSS } from './static.js';

export interface AppOptions {
  store: Store;
  text: TextContext;
  lexicons: string[];
  adminToken?: string;
  /** how long a cached search result may outlive another process's write (ms) */
  searchLagMs?: number;
}

/** Archived pages may hold anything: the UI runs no script at all and loads only images from elsewhere. */
const CSP = "default-src 'none'; style-src 'self'; img-src 'self' https: http: data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'; script-src 'none'; object-src 'none'";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const int = (max: number) => z.coerce.number().int().min(0).max(max);
const SearchParams = z.object({ q: z.string().min(1, 'q is required').max(500), limit: int(200).default(20), offset: int(100000).default(0), sort: z.enum(['relevance', 'date']).default('relevance') });
const StoryParams = z.object({ since: day.optional(), until: day.optional(), minOutlets: int(100).default(2), outlet: z.string().max(60).optional(), limit: int(500).default(30), offset: int(100000).default(0) });
const ListParams = z.object({ outlet: z.string().max(60).optional(), since: day.optional(), until: day.optional(), limit: int(500).default(50), offset: int(100000).default(0) });
const Id = z.string().regex(/^[0-9a-f]{16}$/, 'an article id is 16 hex digits');
const StoryId = z.string().regex(/^s[0-9a-f]{16}$/, 'a story id is s + 16 hex digits');
const ImportBody = z.object({ paths: z.array(z.string().min(1)).min(1).max(100), rev: z.string().optional() });

class BadRequest extends Error {}
class NotFound extends Error {}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new BadRequest(r.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; '));
  return r.data;
}

const nextDay = (d: string): string => new Date(Date.parse(d) + 86_400_000).toISOString().slice(0, 10);

export function createApp(opts: AppOptions): Hono {
  const { store, text } = opts;
  const app = new Hono();
  const results = new SearchCache(store, text, { maxLagMs: opts.searchLagMs });
  let analysis: Promise<unknown> = Promise.resolve();
  /** stories are regrouped when the archive changed, one analysis at a time */
  const fresh = (): Promise<unknown> => (analysis = analysis.then(() => analyzeArchive(store, text)).catch(() => undefined));

  app.use('*', async (c, next) => {
    await next();
    c.header('Content-Security-Policy', CSP);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Frame-Options', 'DENY');
  });
  app.onError((e, c) => {
    if (e instanceof BadRequest || e instanceof QueryError) return c.json({ error: e.message }, 400);
    if (e instanceof NotFound) return c.json({ error: e.message }, 404);
    if (e instanceof StaleIndexError) return c.json({ error: e.message }, 503);
    process.stderr.write(`parallax serve: ${e instanceof Error ? e.stack : String(e)}\n`);
    return c.json({ error: 'internal error' }, 500);
  });
  app.notFound((c) => c.json({ error: `no such path: ${c.req.path}` }, 404));

  const admin = (c: Context): Response | null => {
    if (!opts.adminToken) return c.json({ error: 'write operations are off: start the server with PARALLAX_ADMIN_TOKEN set' }, 403);
    if (c.req.header('authorization') !== `Bearer ${opts.adminToken}`) return c.json({ error: 'a valid admin token is required (Authorization: Bearer …)' }, 401);
    return null;
  };

  // ---- API
  app.get('/api/openapi.json', (c) => c.json(OPENAPI));
  app.get('/api/health', async (c) => c.json({ ok: true, articles: (await store.stats()).articles }));
  app.get('/api/stats', async (c) => c.json(await store.stats()));
  app.get('/api/outlets', async (c) => c.json(await store.outlets()));
  app.get('/api/search', async (c) => {
    const p = parse(SearchParams, c.req.query());
    return c.json(await results.search(p.q, p));
  });
  app.get('/api/articles', async (c) => {
    const p = parse(ListParams, c.req.query());
    const list = await store.listArticles({ ...p, until: p.until ? nextDay(p.until) : undefined });
    return c.json(list.map(({ paragraphs: _p, givenTokens: _g, ...rest }) => rest));
  });
  app.get('/api/articles/:id', async (c) => {
    const id = parse(Id, c.req.param('id'));
    const a = await store.getArticle(id);
    if (!a) throw new NotFound(`no article with id ${id}`);
    return c.json({ ...a, sources: await store.articleSources(id), lineage: await store.lineageOf(id), story: (await store.storyOf(id)) ?? null });
  });
  app.get('/api/articles/:id/raw', async (c) => {
    const id = parse(Id, c.req.param('id'));
    const a = await store.getArticle(id);
    const raw = a ? await store.getRaw(a.source.sha256) : undefined;
    if (!a || !raw) throw new NotFound(`no article with id ${id}`);
    // the original bytes as text, never as a page: archived HTML must not render
    return new Response(Buffer.from(raw), { headers: { 'content-type': 'text/plain; charset=utf-8', 'content-security-policy': "default-src 'none'; sandbox", 'x-content-type-options': 'nosniff' } });
  });
  app.get('/api/stories', async (c) => {
    const p = parse(StoryParams, c.req.query());
    await fresh();
    return c.json(await store.listStories({ ...p, until: p.until ? nextDay(p.until) : undefined }));
  });
  app.get('/api/stories/:id', async (c) => {
    const id = parse(StoryId, c.req.param('id'));
    await fresh();
    const s = await store.getStory(id);
    if (!s) throw new NotFound(`no story with id ${id}`);
    const articles = await store.articlesByIds(s.members.map((m) => m.article));
    return c.json({ ...s, comparison: compareStory(articles, { ...text, wireOutlets: WIRE_OUTLETS }) });
  });
  app.post('/api/import', async (c) => {
    const denied = admin(c);
    if (denied) return denied;
    const body = parse(ImportBody, await c.req.json().catch(() => { throw new BadRequest('the body must be JSON: {"paths": […]}'); }));
    const report = await importSources(store, body.paths, { rev: body.rev, lexicons: opts.lexicons });
    results.clear();
    void fresh();
    return c.json(report);
  });
  app.post('/api/reindex', async (c) => {
    const denied = admin(c);
    if (denied) return denied;
    const r = await reindex(store, opts.lexicons);
    results.clear();
    void fresh();
    return c.json(r);
  });

  // ---- web UI
  const page = (c: Context): PageContext => {
    const url = new URL(c.req.url);
    return { lang: pickLang(url.searchParams.get('lang') ?? undefined, c.req.header('accept-language')), path: url.pathname, params: url.searchParams };
  };
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
      const offset = Math.max(0, Number(p.get('offset') ?? 0) || 0);
      const result = await results.search(`${q} ${filters}`.trim(), { limit: 20, offset });
      return c.html(searchPage(ctx, outlets, result, null));
    } catch (e) {
      if (e instanceof QueryError) return c.html(searchPage(ctx, outlets, null, e.message), 400);
      if (e instanceof StaleIndexError) return c.html(searchPage(ctx, outlets, null, e.message), 503);
      throw e;
    }
  });
  app.get('/article/:id', async (c) => {
    const ctx = page(c);
    const id = c.req.param('id');
    const a = /^[0-9a-f]{16}$/.test(id) ? await store.getArticle(id) : undefined;
    if (!a) return c.html(messagePage(ctx, t(ctx.lang, 'notFound'), id), 404);
    const edges = await store.lineageOf(id);
    const others = await store.articlesByIds(edges.map((e) => (e.from === id ? e.to : e.from)));
    const titles = new Map(others.map((o) => [o.id, o.title]));
    return c.html(articlePage(ctx, a, edges.map((e) => ({ ...e, title: titles.get(e.from === id ? e.to : e.from) ?? '' })), await store.storyOf(id)));
  });
  app.get('/stories', async (c) => {
    const ctx = page(c);
    await fresh();
    const { total, stories } = await store.listStories({ minOutlets: 2, limit: 100 });
    return c.html(storiesPage(ctx, stories, total, t(ctx.lang, 'stories')));
  });
  app.get('/story/:id', async (c) => {
    const ctx = page(c);
    await fresh();
    const s = await store.getStory(c.req.param('id'));
    if (!s) return c.html(messagePage(ctx, t(ctx.lang, 'notFound'), c.req.param('id')), 404);
    const articles = await store.articlesByIds(s.members.map((m) => m.article));
    return c.html(storyPage(ctx, s, articles, compareStory(articles, { ...text, wireOutlets: WIRE_OUTLETS })));
  });
  app.get('/outlets', async (c) => {
    const ctx = page(c);
    const stats = await store.stats();
    const outlets = await store.outlets();
    const counts = new Map(stats.outlets.map((o) => [o.id, o.articles]));
    return c.html(outletsPage(ctx, outlets.map((o) => ({ outlet: o, articles: counts.get(o.id) ?? 0 })).sort((a, b) => b.articles - a.articles)));
  });
  app.get('/outlet/:id', async (c) => {
    const ctx = page(c);
    const o = (await store.outlets()).find((x) => x.id === c.req.param('id'));
    if (!o) return c.html(messagePage(ctx, t(ctx.lang, 'notFound'), c.req.param('id')), 404);
    await fresh();
    const articles = await store.listArticles({ outlet: o.id, limit: 100 });
    const { stories } = await store.listStories({ outlet: o.id, minOutlets: 2, limit: 50 });
    return c.html(outletPage(ctx, o, articles, stories));
  });
  return app;
}
