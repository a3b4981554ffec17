// The web UI in a real browser: Debian's chromium driven by playwright-core (never a
// downloaded browser). Screenshots go to test-artifacts/. The event and thread pages, the
// API and the XSS checks run on the project's own demo archive; search and the Xi–Putin
// event also on ../shared when it is here.
import assert from 'node:assert/strict';
import { serve } from '@hono/node-server';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { importSources } from '../src/import/pipeline.js';
import { createApp } from '../src/server/app.js';
import { analyzeArchive } from '../src/stories/analyze.js';
import { openStore } from '../src/store/open.js';
import type { Store } from '../src/store/store.js';
import { AliasTable } from '../src/text/aliases.js';
import { segmenter } from '../src/text/segment.js';
import { projectRoot, sharedPath } from './shared.js';
import { CHROMIUM, launchChromium } from './browser.js';
import { freshDatabase } from './postgres.js';

/** the store under the UI: SQLite, or PostgreSQL when test/web-postgres.test.ts runs this file */
const driver = process.env.PARALLAX_WEB_STORE === 'postgres' ? 'postgres' : 'sqlite';

const artifacts = join(projectRoot, 'test-artifacts');
const haveBrowser = existsSync(CHROMIUM);
if (!haveBrowser && process.env.CI === 'true') throw new Error(`CI=true but ${CHROMIUM} is missing: .ci/run installs Debian's chromium`);
const seeds = haveBrowser ? sharedPath('seeds') : null;
const multi = haveBrowser ? sharedPath('corpus/multi-outlet') : null;
const skip = !haveBrowser ? `needs ${CHROMIUM}` : false;
const skipShared = skip || (!seeds || !multi ? 'needs ../shared' : false);

const XSS = `---
title: "晴川大桥<img src=x onerror=\\"window.__xss=1\\">测试"
date: 2031-10-30
author: 测试报
url: https://xss.example/a/1
---

<p>晴川大桥的恶意页面<script>window.__xss = 1; alert('xss')</script>正文内容。</p>
<p><img src="x" onerror="window.__xss=2;alert(2)">第二段<a href="javascript:alert(3)">链接</a>。</p>
<iframe src="javascript:alert(4)"></iframe>
`;

let browser: Browser;
let base = '';
let server: ReturnType<typeof serve> | undefined;
let store: Store | undefined;
let dropDatabase: (() => Promise<void>) | undefined;

before(async () => {
  if (skip) return;
  const dir = mkdtempSync(join(tmpdir(), 'px-web-'));
  const xssDir = join(dir, 'xss');
  mkdirSync(xssDir);
  writeFileSync(join(xssDir, 'evil.md'), XSS);
  if (driver === 'postgres') {
    const fresh = await freshDatabase('web');
    dropDatabase = fresh.drop;
    store = await openStore(fresh.url);
  } else store = await openStore(join(dir, 'web.db'));
  await importSources(store, [join(projectRoot, 'demo'), xssDir, ...(seeds && multi ? [seeds, multi] : [])]);
  const text = { segmenter: segmenter(), aliases: new AliasTable() };
  await analyzeArchive(store, text);
  const app = createApp({ store, text, lexicons: [] });
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => { base = `http://127.0.0.1:${info.port}`; resolve(); });
  });
  mkdirSync(artifacts, { recursive: true });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.close();
  await store?.close();
  await dropDatabase?.();
});

async function newPage(): Promise<{ page: Page; dialogs: string[]; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, dialogs, errors };
}

test('search 普丁: the Xi–Putin articles in Simplified and Traditional, highlighted', { skip: skipShared }, async () => {
  const { page } = await newPage();
  await page.goto(`${base}/?lang=hans`);
  await page.fill('input[name=q]', '普丁');
  await Promise.all([page.waitForURL(/q=/), page.press('input[name=q]', 'Enter')]);
  const titles = await page.locator('.hit h3').allTextContents();
  assert.ok(titles.length >= 10, titles.join(' | '));
  assert.ok(titles.some((x) => /習近平|會晤|蒲亭/.test(x)), 'a Traditional title');
  assert.ok(titles.some((x) => /习近平|会晤|普京/.test(x)), 'a Simplified title');
  assert.ok((await page.locator('.snippet mark').count()) > 0);
  await page.screenshot({ path: join(artifacts, 'search-putin.png'), fullPage: true });
  // pagination keeps the query
  const next = page.locator('a[rel=next]');
  if (await next.count()) {
    await next.click();
    // copies folded into one hit are skipped over: the next page starts after them
    assert.ok(Number(/offset=(\d+)/.exec(page.url())?.[1]) >= 20, page.url());
  }
});

test('search says how it read the query; a variant is left out with one click, an optional one added', { skip: skipShared }, async () => {
  const { page } = await newPage();
  await page.goto(`${base}/?lang=en&q=${encodeURIComponent('习近平同普丁视频会晤')}`);
  const reading = await page.locator('#reading').textContent();
  assert.match(reading ?? '', /习近平 · 普丁 · 视频会晤/);
  assert.match(reading ?? '', /普京/);
  const before = Number((await page.locator('#total').textContent())?.split(' ')[0]);
  await Promise.all([page.waitForURL(/variant/), page.locator('#reading .variant', { hasText: '普京' }).locator('a').click()]);
  assert.match(decodeURIComponent(page.url()), /-variant:普京/);
  assert.match((await page.locator('#reading').textContent()) ?? '', /left out: .*普京/);
  const after = Number((await page.locator('#total').textContent())?.split(' ')[0]);
  assert.ok(after < before, `${after} < ${before}`);
  await page.screenshot({ path: join(artifacts, 'search-reading.png'), fullPage: true });
  await page.goto(`${base}/?lang=en&q=${encodeURIComponent('数据')}`);
  await Promise.all([page.waitForURL(/variant/), page.locator('#reading a.optional', { hasText: '资料' }).click()]);
  assert.match(decodeURIComponent(page.url()), /variant:资料/);
  assert.match((await page.locator('#reading').textContent()) ?? '', /also searched: .*资料/);
});

/** the event page's matrix: outlets as columns, one row per claim with its coverage */
async function matrixOf(page: Page): Promise<{ outlets: string[]; rows: string[] }> {
  const outlets = await page.locator('table.matrix thead th.o').evaluateAll((els) => els.map((e) => e.getAttribute('data-outlet') ?? ''));
  const rows = await page.locator('table.matrix tbody tr').evaluateAll((els) => els.map((e) => e.className));
  return { outlets, rows };
}

test('demo: the event page compares the outlets (matrix, filters, timeline) and links its thread', { skip }, async () => {
  const { page, errors } = await newPage();
  await page.goto(`${base}/events?lang=hans`);
  await page.locator('.hit.event h3 a', { hasText: '晴川跨海大桥正式通车' }).click();
  await page.waitForSelector('table.matrix');
  const { outlets, rows } = await matrixOf(page);
  assert.equal(outlets.length, 5, `matrix columns: ${outlets.join()}`);
  assert.ok(rows.some((r) => r.startsWith('all')) && rows.some((r) => r.startsWith('some')), rows.join());
  assert.match((await page.locator('table.matrix tbody tr.all td.k').first().textContent())!, /^5\/5$/);
  await page.screenshot({ path: join(artifacts, 'event-demo.png'), fullPage: true });
  // filters are links: shared keeps only what all five carry; omitted for one outlet
  await page.click('nav.filters a[data-filter=shared]');
  await page.waitForURL(/show=shared/);
  const shared = await matrixOf(page);
  assert.ok(shared.rows.length > 0 && shared.rows.every((r) => r.startsWith('all')), shared.rows.join());
  await page.click('nav.filters a[data-filter=partial]');
  await page.waitForURL(/show=partial/);
  assert.ok((await matrixOf(page)).rows.every((r) => r.startsWith('some')));
  // the per-outlet table links to what an outlet left out; the dolphins warning is one of them
  await page.goto(`${base}/event/${new URL(page.url()).pathname.split('/').pop()}?lang=hans`);
  const omittedLinks = page.locator('table.summary tr[data-outlet] td:nth-child(5) a');
  let sawDolphins = false;
  for (let i = 0; i < await omittedLinks.count(); i++) {
    if ((await omittedLinks.nth(i).textContent()) === '0') continue;
    const href = (await omittedLinks.nth(i).getAttribute('href'))!;
    assert.match(href, /show=omitted&outlet=/);
    await page.goto(base + href);
    const texts = await page.locator('table.matrix tbody th.claim').allTextContents();
    assert.ok(texts.length > 0);
    if (texts.some((x) => /白海豚/.test(x))) sawDolphins = true;
    await page.goBack();
  }
  assert.ok(sawDolphins, 'an outlet that left out the dolphins warning');
  // timeline: one row per outlet, a dot per article, labelled with the local zone
  // (the word-segmented wire text has no date of its own: a row without a dot, '—' in the table)
  assert.equal(await page.locator('svg.timeline g.row').count(), 5, 'timeline rows');
  assert.equal(await page.locator('svg.timeline circle').count(), 4, 'timeline dots');
  assert.deepEqual((await page.locator('table.times time').allTextContents()).filter((x) => x === '—').length, 1);
  assert.match((await page.locator('svg.timeline g.row text').first().textContent())!, /UTC\+8/);
  assert.match((await page.locator('table.times time').first().textContent())!, /^2031-10-14 10:00$/);
  // the mayor's words under his name
  assert.match((await page.locator('section.speaker h3').allTextContents()).join(' '), /周明远/);
  // a phone-sized screen: the page still fits, the matrix scrolls inside its box
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `page wider than the phone by ${overflow}px`);
  await page.screenshot({ path: join(artifacts, 'event-demo-phone.png') });
  await page.setViewportSize({ width: 1280, height: 900 });
  // the thread: the opening and the next day's price rise, in time
  await page.click('p.meta a[href^="/thread/"]');
  await page.waitForSelector('ol.thread-events');
  const thread = await page.locator('ol.thread-events li a').allTextContents();
  assert.deepEqual(thread.length, 2, thread.join(' | '));
  assert.match(thread[0]!, /晴川跨海大桥正式通车/);
  assert.match(thread[1]!, /楼价/);
  await page.screenshot({ path: join(artifacts, 'thread-demo.png'), fullPage: true });
  // interface language
  await page.click('.langs a:text("EN")');
  assert.match((await page.locator('nav').first().textContent())!, /Events/);
  assert.deepEqual(errors, []);
});

test('the Xi–Putin event: from an article in either script to its event, one column per outlet', { skip: skipShared }, async () => {
  const { page } = await newPage();
  await page.goto(`${base}/?lang=hant&q=${encodeURIComponent('視訊會晤蒲亭')}`);
  await page.locator('.hit h3 a').first().click();
  await page.waitForSelector('article.full h1');
  assert.match((await page.locator('article.full h1').textContent())!, /會晤/);
  await page.click('a[data-script=hans]');
  await page.waitForURL(/script=hans/);
  assert.match((await page.locator('article.full h1').textContent())!, /会晤/);
  await page.screenshot({ path: join(artifacts, 'article-hans.png'), fullPage: true });
  await page.click('a[data-script=hant]');
  assert.match((await page.locator('article.full h1').textContent())!, /會晤/);
  await page.locator('a[href^="/event/"]').first().click();
  await page.waitForSelector('table.matrix');
  const { outlets } = await matrixOf(page);
  for (const o of ['hkcnews', 'rthk', 'cna', 'reuters', 'bbc', 'rfi', 'dw']) assert.ok(outlets.includes(o), `column for ${o}: ${outlets.join(',')}`);
  assert.ok(await page.locator('svg.timeline g.row').count() === outlets.length);
  await page.screenshot({ path: join(artifacts, 'event-xi-putin.png'), fullPage: true });
});

test('an XSS payload planted in an imported article never runs', { skip }, async () => {
  const { page, dialogs, errors } = await newPage();
  await page.goto(`${base}/?lang=hans&q=${encodeURIComponent('恶意页面')}`);
  await page.locator('.hit h3 a').first().click();
  await page.waitForSelector('article.full');
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined);
  assert.deepEqual(dialogs, []);
  assert.equal(await page.locator('article.full script, article.full iframe, article.full [onerror]').count(), 0);
  assert.match((await page.locator('article.full h1').textContent())!, /<img src=x/); // shown as text
  const csp = (await page.request.get(page.url())).headers()['content-security-policy'];
  assert.match(csp!, /script-src 'none'/);
  await page.screenshot({ path: join(artifacts, 'xss-article.png'), fullPage: true });
  void errors;
});

test('API: validation, 404, no stack traces; write operations off without a token', { skip }, async () => {
  const get = (p: string) => fetch(base + p);
  assert.equal((await get('/api/search?q=')).status, 400);
  assert.equal((await get('/api/search?q=%22open')).status, 400);
  assert.equal((await get('/api/search?q=x&limit=9999')).status, 400);
  assert.equal((await get('/api/articles/0000000000000000')).status, 404);
  assert.equal((await get('/api/articles/nope')).status, 400);
  assert.equal((await get('/api/events/e0000000000000000')).status, 404);
  // events and threads: paged lists, one event with its claims paged
  const events = await (await get('/api/events?minOutlets=1&limit=2')).json() as { total: number; events: Array<{ id: string; thread: string }> };
  assert.ok(events.total >= 3 && events.events.length === 2, JSON.stringify(events).slice(0, 200));
  const one = await (await get(`/api/events/${events.events[0]!.id}?limit=2`)).json() as { claimsTotal: number; comparison: { claims: unknown[] } };
  assert.equal(one.comparison.claims.length, 2);
  assert.ok(one.claimsTotal > 2, String(one.claimsTotal));
  assert.equal((await get(`/api/events/${events.events[0]!.id}?limit=99999`)).status, 400);
  const thread = await (await get(`/api/threads/${events.events[0]!.thread}`)).json() as { events: unknown[] };
  assert.ok(thread.events.length >= 1);
  assert.equal((await get('/stories')).status, 200); // the old address redirects to /events
  const body = await (await get('/api/articles/nope')).text();
  assert.ok(!/at .*\.ts/.test(body));
  const spec = await (await get('/api/openapi.json')).json() as { paths: Record<string, unknown> };
  assert.ok(spec.paths['/api/search'] && spec.paths['/api/events/{id}'] && spec.paths['/api/threads/{id}']);
  const hit = (await (await get(`/api/search?q=${encodeURIComponent('晴川')}`)).json()) as { total: number; hits: Array<{ id: string }> };
  assert.ok(hit.total > 0);
  const article = await (await get(`/api/articles/${hit.hits[0]!.id}`)).json() as { paragraphs: string[] };
  assert.ok(article.paragraphs.length > 0);
  const raw = await get(`/api/articles/${hit.hits[0]!.id}/raw`);
  assert.match(raw.headers.get('content-type')!, /text\/plain/);
  const denied = await fetch(base + '/api/import', { method: 'POST', body: '{"paths":["/"]}', headers: { 'content-type': 'application/json' } });
  assert.equal(denied.status, 403);
});
