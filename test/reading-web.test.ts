// The reading pages in a real browser (Debian's chromium via playwright-core): opening an
// article whose source has remote images makes no request to any host but the server's.
import assert from 'node:assert/strict';
import { serve } from '@hono/node-server';
import { existsSync, mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { importSources } from '../src/import/pipeline.js';
import { createApp } from '../src/server/app.js';
import { analyzeArchive } from '../src/stories/analyze.js';
import { SqliteStore } from '../src/store/sqlite/store.js';
import { AliasTable } from '../src/text/aliases.js';
import { segmenter } from '../src/text/segment.js';
import { REMOTE_IMAGE, writeReadingArchive } from './reading-fixtures.js';
import { projectRoot } from './shared.js';
import { CHROMIUM, launchChromium } from './browser.js';

const haveBrowser = existsSync(CHROMIUM);
if (!haveBrowser && process.env.CI === 'true') throw new Error(`CI=true but ${CHROMIUM} is missing`);
if (!haveBrowser) process.stderr.write(`reading-web: SKIPPED, needs ${CHROMIUM}\n`);
const skip = haveBrowser ? false : `needs ${CHROMIUM}`;

let browser: Browser;
let base = '';
let server: ReturnType<typeof serve> | undefined;
let store: SqliteStore;

before(async () => {
  if (skip) return;
  const dir = mkdtempSync(join(tmpdir(), 'px-reading-web-'));
  store = new SqliteStore(join(dir, 'web.db'));
  await importSources(store, [join(projectRoot, 'demo'), writeReadingArchive(dir)]);
  const text = { segmenter: segmenter(), aliases: new AliasTable() };
  await analyzeArchive(store, text);
  const app = createApp({ store, text, lexicons: [] });
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => { base = `http://127.0.0.1:${info.port}`; resolve(); });
  });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.close();
  store?.close();
});

test('remote images: opening article, search, event and outlet pages makes no request to another host', { skip }, async () => {
  const page = await browser.newPage();
  const requested: string[] = [];
  // every request the page makes is seen here; any to another host is recorded and refused
  await page.route('**/*', (route) => {
    requested.push(route.request().url());
    return new URL(route.request().url()).host === new URL(base).host ? route.continue() : route.abort();
  });
  const article = (await store.listArticles({ limit: 500 })).find((a) => a.title === '晴川港新码头启用')!;
  assert.ok(article.figures.some((f) => f.src === REMOTE_IMAGE), 'the fixture has a remote image');
  const { events } = await store.listEvents({ minOutlets: 2, limit: 1 });
  for (const path of [`/article/${article.id}?lang=hans`, `/?q=${encodeURIComponent('码头')}`, `/event/${events[0]!.id}`, `/outlet/${article.outlet.id}`]) {
    await page.goto(base + path, { waitUntil: 'networkidle' });
    // scroll through so lazy content would load
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForTimeout(200);
  }
  await page.goto(`${base}/article/${article.id}?lang=hans`, { waitUntil: 'networkidle' });
  const link = page.locator('a.image').first();
  assert.equal(await link.getAttribute('href'), REMOTE_IMAGE);
  assert.match((await link.textContent()) ?? '', /images\.example\.net/);
  assert.equal(await page.locator('img').count(), 0);
  assert.ok(requested.length >= 5, requested.join('\n'));
  const elsewhere = requested.filter((u) => new URL(u).host !== new URL(base).host);
  assert.deepEqual(elsewhere, [], `requests to other hosts:\n${elsewhere.join('\n')}`);
  await page.close();
});

test('raw view: a GBK original shows as decoded plain text in the browser, not as a page', { skip }, async () => {
  const page = await browser.newPage();
  const gbk = (await store.listArticles({ limit: 500 })).find((a) => a.title === '晴川市举行秋季运动会')!;
  const r = await page.goto(`${base}/api/articles/${gbk.id}/raw`);
  assert.equal(r?.headers()['content-security-policy'], "default-src 'none'; sandbox");
  const shown = await page.locator('body').innerText();
  assert.match(shown, /<h1>晴川市举行秋季运动会<\/h1>/, 'the HTML is shown as text, decoded');
  assert.equal(await page.locator('h1').count(), 0, 'nothing rendered as HTML');
  await page.close();
});
