// The web UI in a real browser: Debian's chromium driven by playwright-core (never a
// downloaded browser). Screenshots go to test-artifacts/.
import assert from 'node:assert/strict';
import { serve } from '@hono/node-server';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { importSources } from '../src/import/pipeline.js';
import { createApp } from '../src/server/app.js';
import { analyzeArchive } from '../src/stories/analyze.js';
import { SqliteStore } from '../src/store/sqlite.js';
import { AliasTable } from '../src/text/aliases.js';
import { segmenter } from '../src/text/segment.js';
import { projectRoot, sharedPath } from './shared.js';

const CHROMIUM = process.env.PARALLAX_CHROMIUM ?? '/usr/bin/chromium';
const artifacts = join(projectRoot, 'test-artifacts');
const haveBrowser = existsSync(CHROMIUM);
if (!haveBrowser && process.env.CI === 'true') throw new Error(`CI=true but ${CHROMIUM} is missing: .ci/run installs Debian's chromium`);
const seeds = haveBrowser ? sharedPath('seeds') : null;
const multi = haveBrowser ? sharedPath('corpus/multi-outlet') : null;
const skip = !haveBrowser ? `needs ${CHROMIUM}` : !seeds || !multi ? 'needs ../shared' : false;

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
let store: SqliteStore;

before(async () => {
  if (skip) return;
  const dir = mkdtempSync(join(tmpdir(), 'px-web-'));
  const xssDir = join(dir, 'xss');
  mkdirSync(xssDir);
  writeFileSync(join(xssDir, 'evil.md'), XSS);
  store = new SqliteStore(join(dir, 'web.db'));
  await importSources(store, [seeds!, multi!, xssDir]);
  const text = { segmenter: segmenter(), aliases: new AliasTable() };
  await analyzeArchive(store, text);
  const app = createApp({ store, text, lexicons: [] });
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => { base = `http://127.0.0.1:${info.port}`; resolve(); });
  });
  mkdirSync(artifacts, { recursive: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
  server?.close();
  await store?.close();
});

async function newPage(): Promise<{ page: Page; dialogs: string[]; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, dialogs, errors };
}

test('search 普丁: the Xi–Putin articles in Simplified and Traditional, highlighted', { skip }, async () => {
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
    assert.match(page.url(), /offset=20/);
  }
});

test('the story page has one column per outlet; the script toggle converts the article', { skip }, async () => {
  const { page } = await newPage();
  await page.goto(`${base}/?lang=hant&q=${encodeURIComponent('視訊會晤蒲亭')}`);
  await page.locator('.hit h3 a').first().click();
  await page.waitForSelector('article.full h1');
  const original = await page.locator('article.full h1').textContent();
  assert.match(original!, /會晤/);
  await page.click('a[data-script=hans]');
  await page.waitForURL(/script=hans/);
  assert.match((await page.locator('article.full h1').textContent())!, /会晤/);
  await page.screenshot({ path: join(artifacts, 'article-hans.png'), fullPage: true });
  await page.click('a[data-script=hant]');
  assert.match((await page.locator('article.full h1').textContent())!, /會晤/);
  await page.locator('a[href^="/story/"]').first().click();
  await page.waitForSelector('.columns');
  const outlets = await page.locator('.column').evaluateAll((els) => els.map((e) => e.getAttribute('data-outlet')));
  for (const o of ['hkcnews', 'rthk', 'cna', 'reuters', 'bbc', 'rfi', 'dw']) assert.ok(outlets.includes(o), `column for ${o}: ${outlets.join(',')}`);
  assert.ok(await page.locator('table.claims tr.all, table.claims tr.some').count() > 0);
  assert.ok(await page.locator('svg.timeline circle').count() >= outlets.length);
  await page.screenshot({ path: join(artifacts, 'story-xi-putin.png'), fullPage: true });
  // a phone-sized screen still shows the page
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: join(artifacts, 'story-phone.png') });
  // interface language switch
  await page.click('.langs a:text("EN")');
  assert.match((await page.locator('nav').textContent())!, /Stories/);
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
  assert.equal((await get('/api/stories/s0000000000000000')).status, 404);
  const body = await (await get('/api/articles/nope')).text();
  assert.ok(!/at .*\.ts/.test(body));
  const spec = await (await get('/api/openapi.json')).json() as { paths: Record<string, unknown> };
  assert.ok(spec.paths['/api/search'] && spec.paths['/api/stories/{id}']);
  const hit = (await (await get(`/api/search?q=${encodeURIComponent('普丁')}`)).json()) as { total: number; hits: Array<{ id: string }> };
  assert.ok(hit.total > 0);
  const article = await (await get(`/api/articles/${hit.hits[0]!.id}`)).json() as { paragraphs: string[] };
  assert.ok(article.paragraphs.length > 0);
  const raw = await get(`/api/articles/${hit.hits[0]!.id}/raw`);
  assert.match(raw.headers.get('content-type')!, /text\/plain/);
  const denied = await fetch(base + '/api/import', { method: 'POST', body: '{"paths":["/"]}', headers: { 'content-type': 'application/json' } });
  assert.equal(denied.status, 403);
});
