// The static mirror: published from the demo archive (and from the seeds with the
// multi-outlet week when ../shared is here), served by a plain static file server on
// 127.0.0.1 and opened in Debian's chromium: the search runs in the browser, every internal
// link of every page resolves, no request leaves the site; a rebuild writes only what changed.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, posix, relative } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { importSources } from '../import/pipeline.js';
import { analyzeArchive } from '../stories/analyze.js';
import { openStore } from '../store/open.js';
import type { Store } from '../store/store.js';
import { AliasTable } from '../text/aliases.js';
import { normalizeText } from '../text/normalize.js';
import { segmenter } from '../text/segment.js';
import { projectRoot, sharedPath } from '../../test/shared.js';
import { cli } from '../../test/cli.js';
import { foldForSearch, foldTables, searchTerms } from './fold.js';
import { relativeTo } from './links.js';
import { publishSite, type PublishReport } from './site.js';
import { CHROMIUM, launchChromium } from '../../test/browser.js';

const haveBrowser = existsSync(CHROMIUM);
if (!haveBrowser && process.env.CI === 'true') throw new Error(`CI=true but ${CHROMIUM} is missing`);
const text = { segmenter: segmenter(), aliases: new AliasTable() };
const tmp = (name: string): string => mkdtempSync(join(tmpdir(), `px-publish-${name}-`));

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript; charset=utf-8' };

/** A plain static file server: files of one folder, nothing else. */
async function serveFolder(root: string): Promise<{ server: Server; base: string }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^\/+/, '');
    const file = join(root, path.endsWith('/') || path === '' ? join(path, 'index.html') : path);
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) { res.writeHead(404).end('not found'); return; }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html')).map((f) => join(dir, f));
}

/** Every href and src of every page that is not an http(s) URL must name a file of the site. */
function brokenLinks(site: string): string[] {
  const broken: string[] = [];
  for (const file of htmlFiles(site)) {
    const page = readFileSync(file, 'utf8');
    for (const m of page.matchAll(/(?:href|src|action)="([^"]*)"/g)) {
      const link = m[1]!.replace(/&amp;/g, '&');
      if (/^https?:\/\//.test(link) || link === 'data:,') continue;
      // a link within the page (the skip link) names an element of that page
      if (link.startsWith('#')) { if (!page.includes(`id="${link.slice(1)}"`)) broken.push(`${relative(site, file)} → ${link} (no such id)`); continue; }
      if (link.startsWith('/') || /^[a-z]+:/i.test(link)) { broken.push(`${relative(site, file)}: absolute or foreign ${link}`); continue; }
      const target = posix.join(posix.dirname(relative(site, file)), link.split(/[?#]/)[0]!);
      if (!existsSync(join(site, target)) || !statSync(join(site, target)).isFile()) broken.push(`${relative(site, file)} → ${link}`);
    }
  }
  return broken;
}

async function archive(inputs: string[]): Promise<Store> {
  const store = await openStore(join(tmp('db'), 'a.db'));
  await importSources(store, inputs);
  await analyzeArchive(store, text);
  return store;
}

let browser: Browser | undefined;
before(async () => {
  if (haveBrowser) browser = await launchChromium();
});
after(async () => { await browser?.close(); });

/** Open the site's search in chromium, search, follow the first event hit; every request stays on the site. */
async function searchInBrowser(base: string, query: string, lang = 'hans'): Promise<{ hits: string[]; eventTitle: string | null; members: string[]; foreign: string[]; errors: string[] }> {
  const page = await browser!.newPage();
  const foreign: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => { if (!r.url().startsWith(base)) foreign.push(r.url()); });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(`${base}/index.html`);
  await page.waitForURL(/\/hans\/index\.html$/);
  if (lang !== 'hans') await page.goto(`${base}/${lang}/index.html`);
  await page.fill('#static-search input[name=q]', query);
  await page.click('#static-search button');
  await page.waitForSelector('#results li', { timeout: 5000 }).catch(() => undefined);
  const hits = await page.$$eval('#results li', (lis) => lis.map((li) => `${li.className}|${li.querySelector('a')!.getAttribute('href')}|${li.textContent}`));
  let eventTitle: string | null = null;
  let members: string[] = [];
  const event = await page.$('#results li.kind-e a');
  if (event) {
    await event.click();
    await page.waitForLoadState();
    eventTitle = await page.textContent('h1');
    members = await page.$$eval('ul.members a', (as) => as.map((a) => a.getAttribute('href') ?? ''));
    // the comparison's own links work in the browser too
    await page.click('nav.filters a[data-filter="shared"]');
    await page.waitForLoadState();
    assert.match(page.url(), /\.shared\.html$/);
  }
  await page.close();
  return { hits, eventTitle, members, foreign, errors };
}

test('the browser fold is the archive fold: normal form, then regional variants', () => {
  const tables = foldTables(text.aliases);
  for (const s of ['習近平同俄羅斯總統普丁舉行視像會晤', '普京 蒲亭 Putin', '特朗普川普', '「臺灣」ＡＢＣ１２３', '视频会晤', '']) {
    assert.equal(foldForSearch(s, tables), text.aliases.foldText(normalizeText(s)), s);
  }
  assert.deepEqual(searchTerms(foldForSearch('普丁會晤 Putin 2021年', tables)), ['普京', '京会', '会晤', '普京', '2021', '年']);
});

test('links made relative as path.posix.relative makes them, between every kind of page of the site', () => {
  const paths = ['index.html', 'static/app.css', 'hans/index.html', 'hans/article/a.html', 'hans/article/b.hant.html', 'hant/article/a.html',
    'en/events/index.html', 'en/events/from-50.html', 'hans/outlets.html', 'hant/event/x.shared.p1.html', 'en/thread/t.html'];
  for (const self of paths) {
    for (const target of paths) {
      const dir = posix.dirname(self);
      assert.equal(relativeTo(dir, target), posix.relative(dir, target), `${self} → ${target}`);
    }
  }
});

test('an event page is rendered again when what it shows changes, not when only its members\' similarity moves', async () => {
  const store = await archive([join(projectRoot, 'demo')]);
  const site = join(tmp('site-visible'), 'site');
  await publishSite(store, site, { text });
  const { events } = await store.listEvents({ limit: 10_000 });
  const { threads } = await store.listThreads({ limit: 10_000 });
  const shown = await store.listEvents({ minOutlets: 2, limit: 10_000 });
  assert.ok(shown.events.length >= 2, 'the demo has multi-outlet events');
  // what a new import does to every event: each member's similarity shifts
  await store.saveEvents(events.map((e) => ({ ...e, members: e.members.map((m) => ({ ...m, similarity: m.similarity / 2 + 0.01 })) })), threads);
  const drift = await publishSite(store, site, { text });
  assert.deepEqual(drift.rendered, { articles: 0, events: 0 });
  assert.equal(drift.written, 0);
  // a "why" word is on the page: that event alone is rendered again, and its page says the word
  const target = shown.events[0]!.id;
  await store.saveEvents(events.map((e) => (e.id === target ? { ...e, members: e.members.map((m, i) => (i ? m : { ...m, why: [...m.why, '大象'] })) } : e)), threads);
  const moved = await publishSite(store, site, { text });
  assert.equal(moved.rendered.events, 1);
  assert.ok(moved.written >= 3 && moved.written < moved.files / 3, `${moved.written} of ${moved.files}`);
  assert.match(readFileSync(join(site, 'hans', 'event', `${target}.html`), 'utf8'), /大象/);
  await store.close();
});

test('demo: the static site works from a plain file server, searches in the browser, has no dead links; a rebuild writes only what changed', { skip: haveBrowser ? false : `needs ${CHROMIUM}` }, async () => {
  const demoDir = join(tmp('demo-src'), 'demo');
  cpSync(join(projectRoot, 'demo'), demoDir, { recursive: true });
  const store = await archive([demoDir]);
  const site = join(tmp('site'), 'site');
  const first = await publishSite(store, site, { text });
  assert.equal(first.written, first.files);
  assert.ok(first.pages.events >= 2 && first.pages.articles >= 9);
  assert.deepEqual(brokenLinks(site), []);
  for (const lang of ['hans', 'hant', 'en']) assert.ok(existsSync(join(site, lang, 'index.html')) && existsSync(join(site, lang, 'events/index.html')));
  // escaping by construction: archived text is never markup in a page
  for (const f of htmlFiles(site)) assert.doesNotMatch(readFileSync(f, 'utf8'), /<script(?![^>]*src="(\.\.\/)*static\/search(-index)?\.js")/);

  const { server, base } = await serveFolder(site);
  try {
    const r = await searchInBrowser(base, '跨海大橋');
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.foreign, []);
    assert.ok(r.hits.length >= 3, r.hits.join('\n'));
    assert.ok(r.hits[0]!.startsWith('hit kind-e|event/'), 'events come first');
    assert.match(r.eventTitle ?? '', /跨海大桥/);
    const none = await searchInBrowser(base, '不存在的词语组合');
    assert.deepEqual(none.hits, []);
  } finally {
    server.close();
  }

  // nothing changed: nothing rendered, nothing written
  const again = await publishSite(store, site, { text });
  assert.equal(again.written, 0);
  assert.deepEqual(again.rendered, { articles: 0, events: 0 });
  assert.equal(again.files, first.files);

  // one new article: its pages and the pages that list it, not the rest
  const extra = join(tmp('extra'), 'extra');
  mkdirSync(extra);
  writeFileSync(join(extra, 'new.md'), '---\ntitle: 望潮岛渡轮码头扩建完成\ndate: 2031-10-25\nauthor: 晴川日报\nurl: https://qingchuan-daily.example/2031/10/25/pier\n---\n\n望潮岛渡轮码头扩建工程今天完成，可同时停靠四艘渡轮。\n\n码头扩建历时两年。\n');
  await importSources(store, [extra]);
  await analyzeArchive(store, text);
  const third: PublishReport = await publishSite(store, site, { text });
  assert.equal(third.rendered.articles, 1);
  assert.ok(third.written > 0 && third.written < first.files / 3, `${third.written} of ${third.files}`);
  assert.equal(third.removed, 0);
  assert.deepEqual(brokenLinks(site), []);
  await store.close();
});

test('seeds + multi-outlet + hkcnews-10k: searching 普丁 in the browser finds the Xi–Putin event; every internal link resolves; nothing leaves the site', { skip: !haveBrowser ? `needs ${CHROMIUM}` : !sharedPath('seeds') || !sharedPath('corpus/multi-outlet') || !sharedPath('corpus/hkcnews-10k/hkcnews-10k.tar.gz') ? 'needs ../shared' : false }, async () => {
  const store = await archive([sharedPath('seeds')!, sharedPath('corpus/multi-outlet')!, sharedPath('corpus/hkcnews-10k/hkcnews-10k.tar.gz')!]);
  const seedIds: string[] = [];
  for await (const a of store.allArticles()) if (/^00[0-4]_[0-9a-f]{16}\.txt$/.test(a.source.path?.split('/').pop() ?? '')) seedIds.push(a.id);
  assert.equal(seedIds.length, 5);
  const site = join(tmp('shared-site'), 'site');
  const report = await publishSite(store, site, { text });
  assert.equal(report.pending, 0);
  assert.deepEqual(brokenLinks(site).slice(0, 10), []);
  const { server, base } = await serveFolder(site);
  try {
    for (const lang of ['hans', 'hant']) {
      const r = await searchInBrowser(base, '普丁', lang);
      assert.deepEqual(r.errors, []);
      assert.deepEqual(r.foreign, []);
      assert.ok(r.hits.length > 0);
      // the event of the seeds: Xi Jinping and Putin's video meeting of 15 December 2021
      // the first event found is the seeds' event: most of the five seeds are its members
      const found = seedIds.filter((id) => r.members.some((href) => href.endsWith(`${id}.html`)));
      assert.ok(found.length >= 3, `${r.eventTitle}: ${found.length} seeds among ${r.members.length} members`);
      assert.match(r.eventTitle ?? '', /习近平|習近平|普京|普丁|中俄/);
    }
    // an article with figures from other hosts: shown as links, nothing fetched from there
    let withFigures: string | undefined;
    for await (const a of store.allArticles()) if (a.figures.some((f) => /^https?:/.test(f.src))) { withFigures = a.id; break; }
    assert.ok(withFigures, 'the multi-outlet week has articles with figures');
    const page = await browser!.newPage();
    const foreign: string[] = [];
    page.on('request', (r) => { if (!r.url().startsWith(base)) foreign.push(r.url()); });
    await page.goto(`${base}/hant/article/${withFigures}.html`);
    assert.ok((await page.$$('a.image')).length > 0);
    assert.equal((await page.$$('img')).length, 0);
    await page.click('p.toggle a[data-script]');
    await page.waitForLoadState();
    assert.deepEqual(foreign, []);
    await page.close();
  } finally {
    server.close();
    await store.close();
  }
});

test('parallax publish: a folder of its own or an empty one; --json reports what it wrote', async () => {
  const dir = tmp('cli');
  const db = join(dir, 'demo.db');
  assert.equal(cli(['--db', db, 'import', join(projectRoot, 'demo'), '--json']).status, 0);
  const site = join(dir, 'site');
  const r = cli(['--db', db, 'publish', site, '--json']);
  assert.equal(r.status, 0, r.stderr);
  const report = JSON.parse(r.stdout) as PublishReport;
  assert.ok(report.files > 50 && report.written === report.files && report.pending === 0);
  assert.equal((JSON.parse(cli(['--db', db, 'publish', site, '--json']).stdout) as PublishReport).written, 0);
  const other = join(dir, 'other');
  mkdirSync(other);
  writeFileSync(join(other, 'notes.txt'), 'mine');
  const refused = cli(['--db', db, 'publish', other]);
  assert.equal(refused.status, 2);
  assert.match(refused.stderr, /not empty/);
  assert.equal(readFileSync(join(other, 'notes.txt'), 'utf8'), 'mine');
});
