// The watcher's API and pages: /api/watch, /api/articles/{id}/history, /api/changes,
// /article/{id}/history, /changes, /watch. Thin: they call watch/history.ts.
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { ARTICLE_ID } from '../article.js';
import { isCalendarDay } from '../extract/dates.js';
import type { Store } from '../store/store.js';
import type { Segmenter } from '../text/segment.js';
import { articleHistory, changesSince } from '../watch/history.js';
import { t } from './i18n.js';
import { messagePage, type PageContext } from './pages.js';
import { changesPage, historyPage, watchPage } from './pages-watch.js';

const Id = z.string().regex(ARTICLE_ID, 'an article id is 16 hex digits');
const ChangeParams = z.object({
  since: z.string().refine(isCalendarDay, 'expected a calendar day as YYYY-MM-DD'),
  outlet: z.string().max(60).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

/** a week back: what the changes page shows without ?since= */
const defaultSince = (): string => new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);

export function watchRoutes(app: Hono, store: Store, segmenter: Segmenter, page: (c: Context) => PageContext): void {
  app.get('/api/watch', async (c) => c.json(await store.watch.listSources(new Date().toISOString())));
  app.get('/api/articles/:id/history', async (c) => {
    const id = Id.safeParse(c.req.param('id'));
    if (!id.success) return c.json({ error: id.error.issues[0]!.message, code: 'bad-parameter' }, 400);
    const h = await articleHistory(store, id.data, segmenter);
    return h ? c.json(h) : c.json({ error: `article ${id.data} is not watched`, code: 'not-found' }, 404);
  });
  app.get('/api/changes', async (c) => {
    const p = ChangeParams.safeParse(c.req.query());
    if (!p.success) return c.json({ error: p.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), code: 'bad-parameter' }, 400);
    return c.json(await changesSince(store, p.data, segmenter));
  });

  app.get('/article/:id/history', async (c) => {
    const ctx = page(c);
    const id = c.req.param('id');
    const h = Id.safeParse(id).success ? await articleHistory(store, id, segmenter) : undefined;
    if (!h) return c.html(messagePage(ctx, t(ctx.lang, 'notFound'), id), 404);
    const title = (await store.getArticle(id))?.title ?? h.versions.find((v) => v.title)?.title ?? h.url;
    return c.html(historyPage(ctx, h, title));
  });
  app.get('/changes', async (c) => {
    const ctx = page(c);
    const since = ctx.params.get('since') || defaultSince();
    if (!isCalendarDay(since)) return c.html(messagePage(ctx, t(ctx.lang, 'changes'), 'since: expected a calendar day as YYYY-MM-DD'), 400);
    const outlet = ctx.params.get('outlet') || undefined;
    return c.html(changesPage(ctx, await changesSince(store, { since, outlet, limit: 300 }, segmenter), since));
  });
  app.get('/watch', async (c) => c.html(watchPage(page(c), await store.watch.listSources(new Date().toISOString()))));
}
