// The watcher's pages in a real browser (Debian's chromium through playwright-core) and
// its API: an outlet scripted on 127.0.0.1 edits one article (with a hostile title) and
// removes another; the history page shows the diff, the changes page both, and nothing
// the outlet wrote runs.
import assert from 'node:assert/strict';
import { serve } from '@hono/node-server';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { ManualClock } from '../src/fetch/clock.js';
import { Fetcher } from '../src/fetch/fetcher.js';
import { createApp } from '../src/server/app.js';
import { analyzeArchive } from '../src/stories/analyze.js';
import { SqliteStore } from '../src/store/sqlite/store.js';
import { AliasTable } from '../src/text/aliases.js';
import { segmenter } from '../src/text/segment.js';
import { HostFurniture } from '../src/watch/boilerplate.js';
import { DEFAULT_LADDER, parseLadder } from '../src/watch/schedule.js';
import { addWatch, pollDue } from '../src/watch/watcher.js';
import { articleHtml, ScriptedServer } from './scripted-server.js';
import { projectRoot } from './shared.js';
import { CHROMIUM, launchChromium } from './browser.js';

const haveBrowser = existsSync(CHROMIUM);
if (!haveBrowser && process.env.CI === 'true') throw new Error(`CI=true but ${CHROMIUM} is missing`);
const artifacts = join(projectRoot, 'test-artifacts');

const outlet = new ScriptedServer();
const dir = mkdtempSync(join(tmpdir(), 'px-watch-web-'));
const store = new SqliteStore(join(dir, 'w.db'));
let browser: Browser | undefined;
let server: ReturnType<typeof serve> | undefined;
let base = '';
let round = 0;
const EVIL = '港口扩建<script>window.__xss=1</script>';

before(async () => {
  await outlet.start();
  outlet.routes.set('/feed.xml', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>港口日报</title>${['/n/1.html', '/n/2.html'].map((p) => `<item><title>t</title><link>${outlet.base}${p}</link></item>`).join('')}</channel></rss>`);
  });
  outlet.routes.set('/n/1.html', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(articleHtml({ title: (round ? `${EVIL}获批` : EVIL).replace(/</g, '&lt;'), published: '2026-11-30T23:00:00Z', paragraphs: [
      `港务局今天宣布，港口三期扩建工程${round ? '已经' : '将于明年'}开工，总投资约一百亿元。`, '工程完成后，港口年吞吐能力将提高三成，新增就业岗位两千个。'] }));
  });
  outlet.routes.set('/n/2.html', (_req, res) => {
    if (round) { res.writeHead(410); res.end(); return; }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(articleHtml({ title: '渔民抗议填海', published: '2026-11-30T23:30:00Z', paragraphs: ['数百名渔民今天聚集在港务局门外，抗议填海工程影响渔业生计。', '港务局表示将与渔民代表会面，听取他们的意见。'] }));
  });
  const clock = new ManualClock(Date.parse('2026-12-01T00:00:00Z'));
  const seg = segmenter();
  const ctx = {
    store, clock, ladder: parseLadder(DEFAULT_LADDER), segmenter: async () => seg, furniture: new HostFurniture(store),
    fetcher: new Fetcher({ clock, policy: { schemes: ['http'], allowPrivateHosts: true }, spacingMs: 0, robots: false }),
  };
  await addWatch(ctx, `${outlet.base}/feed.xml`, 'demo-harbour');
  await pollDue(ctx);
  round = 1;
  clock.advance(6 * 60_000);
  await pollDue(ctx);
  const text = { segmenter: seg, aliases: new AliasTable() };
  await analyzeArchive(store, text);
  const app = createApp({ store, text, lexicons: [] });
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => { base = `http://127.0.0.1:${info.port}`; resolve(); });
  });
  if (haveBrowser) {
    mkdirSync(artifacts, { recursive: true });
    browser = await launchChromium();
  }
});
after(async () => { await browser?.close(); server?.close(); await outlet.stop(); await store.close(); });

const articleOf = async (path: string): Promise<string> => (await store.watch.getPage(outlet.base + path))!.articleId!;

test('API: watched sources, an article history, changes since a day; bad input is a 400', async () => {
  const sources = await (await fetch(`${base}/api/watch`)).json() as Array<{ url: string; pages: number }>;
  assert.equal(sources[0]!.url, `${outlet.base}/feed.xml`);
  assert.equal(sources[0]!.pages, 2);
  const h = await (await fetch(`${base}/api/articles/${await articleOf('/n/1.html')}/history`)).json() as { versions: Array<{ kind: string; changes: Array<{ type: string }> }> };
  assert.deepEqual(h.versions.map((v) => v.kind), ['first', 'edit']);
  assert.deepEqual(h.versions[1]!.changes.map((c) => c.type).sort(), ['edited', 'title']);
  const changes = await (await fetch(`${base}/api/changes?since=2026-12-01`)).json() as Array<{ kind: string; cause: string | null }>;
  assert.deepEqual(changes.map((c) => `${c.kind}:${c.cause}`).sort(), ['edit:null', 'removed:http-410']);
  assert.equal((await fetch(`${base}/api/changes?since=last-week`)).status, 400);
  assert.equal((await fetch(`${base}/api/articles/0123456789abcdef/history`)).status, 404);
});

test('browser: the history page shows the diff, the changes page the edit and the removal; nothing runs', { skip: haveBrowser ? false : `needs ${CHROMIUM}` }, async () => {
  const page = await browser!.newPage({ viewport: { width: 1100, height: 800 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const id = await articleOf('/n/1.html');
  await page.goto(`${base}/article/${id}?lang=en`);
  await page.click('text=Edits and removals');
  assert.equal(new URL(page.url()).pathname, `/article/${id}/history`);
  assert.deepEqual(await page.locator('ol.versions > li').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind'))), ['first', 'edit']);
  assert.deepEqual(await page.locator('ul.diff ins').allTextContents(), [`${EVIL}获批`, '已经']);
  assert.deepEqual(await page.locator('ul.diff li.edited del').allTextContents(), ['将于明年']);
  await page.screenshot({ path: join(artifacts, 'watch-history.png'), fullPage: true });
  await page.goto(`${base}/changes?since=2026-12-01&lang=en`);
  const items = await page.locator('ul.changes li').allTextContents();
  assert.equal(items.length, 2);
  assert.ok(items.some((t) => /removed\s*\(410 gone\)/.test(t)), items.join(' | '));
  assert.ok(items.some((t) => /edited/.test(t) && t.includes('港口扩建<script>')), 'the hostile title is shown as text');
  await page.screenshot({ path: join(artifacts, 'watch-changes.png'), fullPage: true });
  assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the event comparison shows what its outlets edited or removed afterwards', async () => {
  const id = await articleOf('/n/1.html');
  const event = await store.eventOf(id);
  assert.ok(event, 'the watched article is in an event');
  const api = await (await fetch(`${base}/api/events/${event}`)).json() as { later: Array<{ articleId: string; kind: string; outlet: string }> };
  assert.ok(api.later.some((c) => c.articleId === id && c.kind === 'edit' && c.outlet === 'demo-harbour'), JSON.stringify(api.later));
  const page = await (await fetch(`${base}/event/${event}?lang=en`)).text();
  assert.match(page, /<h2 id="later">Edits and removals<\/h2>/);
  assert.match(page, new RegExp(`href="/article/${id}/history\\?lang=en"`));
});
