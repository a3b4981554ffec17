// The watcher against a scripted local server, on a clock the test moves: new items,
// an article edited three times then removed (404), a redirect to the home page, a soft
// 404, a removal notice, an article that comes back, a flicker A→B→A, boilerplate that
// changes on every fetch, a GBK page without a charset, 500s, a timeout, a redirect loop,
// a gzip bomb and a 50 MB body; memory stays flat over rounds. (An ETag that never
// changes, 429 with Retry-After and a feed of 100,000 items: polling.test.ts.)
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { collectGarbage } from '../heap.js';
import { articleHtml, ScriptedServer } from '../../test/scripted-server.js';
import { ManualClock } from '../fetch/clock.js';
import { Fetcher } from '../fetch/fetcher.js';
import { SqliteStore } from '../store/sqlite/store.js';
import { Segmenter } from '../text/segment.js';
import { HostFurniture } from './boilerplate.js';
import type { WatchContext } from './context.js';
import { articleHistory, changesSince } from './history.js';
import { DEFAULT_LADDER, parseLadder } from './schedule.js';
import { addWatch, pollDue } from './watcher.js';

const MIN = 60_000;
const T0 = Date.parse('2026-12-01T00:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'px-watch-'));
const store = new SqliteStore(join(dir, 'watch.db'));
const clock = new ManualClock(T0);
const seg = new Segmenter();
const server = new ScriptedServer();
const other = new ScriptedServer();
const policy = { schemes: ['http', 'https'], allowPrivateHosts: true };
const ctx: WatchContext = {
  store, clock, ladder: parseLadder(DEFAULT_LADDER), segmenter: async () => seg, random: () => 0.5, furniture: new HostFurniture(store),
  fetcher: new Fetcher({ clock, policy, spacingMs: 0, timeoutMs: 400, maxBytes: 8 << 20 }),
};

/** which round of the script the server is in: every page answers according to it */
let round = 0;
let fetches = 0;
const P = {
  a: '国务院新闻办公室今天上午举行发布会，介绍今年前十个月的经济运行情况。',
  b: '发言人表示，国民经济总体保持恢复态势，主要指标好于市场预期。',
  c: '记者在现场看到，来自多个国家的媒体记者参加了发布会并提问。',
  d: '发言人还回答了关于就业和物价的问题，称就业形势总体稳定。',
};
const pages: Record<string, (r: number) => { status?: number; location?: string; title?: string; paragraphs?: string[]; body?: string }> = {
  // edited three times, then removed with a 404
  '/a/edited.html': (r) => r >= 4 ? { status: 404 } : { title: r >= 2 ? '前十月经济运行总体平稳' : '前十月经济运行情况发布', paragraphs: [P.a, r >= 1 ? P.b.replace('好于', '明显好于') : P.b, P.c, ...(r >= 3 ? [P.d] : [])] },
  '/a/home.html': (r) => r >= 2 ? { status: 302, location: '/' } : { title: '城市更新计划公布', paragraphs: ['市政府今天公布了老旧小区改造计划，涉及全市一百多个小区。', '计划提出，改造工作将在三年内分批完成，居民意见将被充分听取。'] },
  '/a/soft.html': (r) => r >= 2 ? { body: NOT_FOUND } : { title: '地铁新线开通运营', paragraphs: ['地铁十九号线今天上午正式开通运营，沿线居民出行更加便利。', '运营方表示，开通初期行车间隔为六分钟，高峰时段将加密班次。'] },
  '/a/notice.html': (r) => r >= 2 ? { title: '提示', paragraphs: ['该内容已被发布者删除。'] } : { title: '某地发生交通事故', paragraphs: ['昨晚某地高速公路发生多车相撞事故，造成多人受伤。', '事故原因正在调查之中，相关部门已经介入处理。'] },
  '/a/back.html': (r) => r === 1 ? { status: 404 } : { title: '专家解读新政策', paragraphs: ['多位专家今天接受采访，解读了新出台的住房政策。', '专家认为，新政策有利于稳定市场预期，促进行业健康发展。'] },
  '/a/flicker.html': (r) => ({ title: '球队晋级决赛', paragraphs: [r === 1 ? '主队在加时赛中以三比二战胜对手，晋级决赛。' : '主队在比赛中以三比二战胜对手，晋级决赛。', '主教练赛后表示，球员们展现了顽强的斗志。'] }),
  '/a/noisy.html': () => ({ title: '气温明显回升', paragraphs: ['受暖湿气流影响，本周后期全市气温将明显回升，最高气温可达二十度。', '气象台提醒市民注意天气变化，适时调整着装。'] }),
  '/a/err.html': () => ({ status: 500 }),
  '/a/empty.html': (r) => r >= 2 ? { body: '<html><head><title></title></head><body></body></html>' } : { title: '市民排队购买纪念币', paragraphs: ['纪念币今天开始预约兑换，不少市民一早就在银行门口排起长队。', '银行表示，兑换将持续一周，市民无需着急。'] },
};
const NOT_FOUND = `<!doctype html><html><head><meta charset="utf-8"><title>页面找不到了</title></head><body><div class="box"><h1>页面找不到了</h1><p>抱歉，您要访问的页面找不到了，可能已经被移动或者您输入的网址有误，请检查后再试。</p><p>您可以返回首页继续浏览本站的其他新闻内容，感谢您的支持与理解。</p></div></body></html>`;
const HOME = `<!doctype html><html><head><meta charset="utf-8"><title>示例新闻网</title></head><body><ul><li><a href="/a/1">新闻一</a></li><li><a href="/a/2">新闻二</a></li></ul></body></html>`;
const GBK_PAGE = iconv.encode('<html><head><title>台风今晚登陆沿海</title></head><body><article><h1>台风今晚登陆沿海</h1><p>气象部门表示，今年第十号台风预计今晚在沿海地区登陆，各地已经做好防御准备。</p><p>全市中小学停课一天，市民应当留在家中，注意安全。</p></article></body></html>', 'gbk');

function feedXml(): string {
  const paths = [...Object.keys(pages), '/a/gbk.html', '/a/slow.html', '/a/loop.html', '/a/bomb.html', '/a/huge.html', ...(round >= 2 ? ['/a/late.html'] : [])];
  const items = paths.map((p, i) => `<item><title>条目${i}</title><link>${server.base}${p}</link><pubDate>${new Date(T0 - i * 30 * MIN).toUTCString()}</pubDate><description>来自订阅源的摘要：第${i}条新闻的简短介绍，内容较为简单。</description></item>`);
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>示例新闻网</title><link>${server.base}/</link>${items.join('')}</channel></rss>`;
}

before(async () => {
  await server.start();
  await other.start();
  server.page('/robots.txt', 'User-agent: *\nAllow: /\n', { 'content-type': 'text/plain' });
  // the outlet answers a URL that does not exist with its not-found page and status 200
  server.fallback = (_req, res) => { res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }); res.end(NOT_FOUND); };
  server.page('/', HOME);
  server.routes.set('/feed.xml', (req, res) => {
    const body = feedXml();
    const etag = `"${round >= 2 ? 'v2' : 'v1'}"`;
    if (req.headers['if-none-match'] === etag) { res.writeHead(304); res.end(); return; }
    res.writeHead(200, { 'content-type': 'application/rss+xml', etag }); res.end(body);
  });
  for (const [path, script] of Object.entries(pages)) {
    server.routes.set(path, (_req, res) => {
      fetches++;
      const s = script(round);
      if (s.location) { res.writeHead(s.status!, { location: s.location }); res.end(); return; }
      res.writeHead(s.status ?? 200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(s.body ?? (s.status && s.status !== 200 ? '<html><body>error</body></html>' : articleHtml({ title: s.title!, paragraphs: s.paragraphs!, noise: fetches })));
    });
  }
  server.page('/a/late.html', articleHtml({ title: '晚到的新闻', paragraphs: ['这是一条在第二轮才出现在订阅源中的新闻，内容完整。', '它应当被发现并被抓取全文。'] }));
  server.page('/a/gbk.html', GBK_PAGE, { 'content-type': 'text/html' });
  server.routes.set('/a/slow.html', (_req, res) => { res.writeHead(200, { 'content-type': 'text/html' }); res.write('<html>'); });
  server.page('/a/loop.html', '', { location: '/a/loop2.html' }, 302);
  server.page('/a/loop2.html', '', { location: '/a/loop.html' }, 302);
  // 256 MB of zeros, about 250 KB gzipped: small on the wire, far over the 8 MB limit decoded
  server.page('/a/bomb.html', gzipSync(Buffer.alloc(256 << 20, 0)), { 'content-type': 'text/html', 'content-encoding': 'gzip' });
  // 50 MB sent a megabyte at a time, as fast as the reader takes it; what was sent is counted
  hugeSent = server.streamed('/a/huge.html', 50);
});
/** megabytes of the 50 MB body written before each reader hung up */
let hugeSent: number[] = [];
after(async () => { await server.stop(); await other.stop(); await store.close(); });

const kinds = async (path: string): Promise<string[]> =>
  (await store.watch.versions(server.base + path)).map((v) => v.kind + (v.cause ? `:${v.cause}` : ''));

test('a feed is watched: every scripted edit and removal is found with its type and bracketed time', async () => {
  const added = await addWatch(ctx, `${server.base}/feed.xml`, null);
  assert.deepEqual(added.map((a) => a.kind), ['feed']);
  const times: number[] = [];
  // rounds at the ladder's first rungs: 0, 5 min, 15 min, 1 h, 3 h, 12 h
  for (const [r, at] of [[0, 0], [1, 5], [2, 15], [3, 60], [4, 180], [5, 720]] as const) {
    round = r;
    clock.set(T0 + at * MIN);
    times.push(clock.now());
    await pollDue(ctx);
  }
  const iso = (i: number): string => new Date(times[i]!).toISOString();
  assert.deepEqual(await kinds('/a/edited.html'), ['first', 'edit', 'edit', 'edit', 'removed:http-404']);
  assert.deepEqual(await kinds('/a/home.html'), ['first', 'removed:redirect-home']);
  assert.deepEqual(await kinds('/a/soft.html'), ['first', 'removed:soft-404']);
  assert.deepEqual(await kinds('/a/notice.html'), ['first', 'removed:notice']);
  assert.deepEqual(await kinds('/a/back.html'), ['first', 'removed:http-404', 'restored']);
  assert.deepEqual(await kinds('/a/flicker.html'), ['first', 'edit', 'edit']);
  // the texts (the rotating ad the reader keeps beside a short article aside)
  const flicker = (await store.watch.versions(`${server.base}/a/flicker.html`)).map((v) => v.paragraphs.filter((p) => !p.startsWith('广告')));
  assert.notDeepEqual(flicker[1], flicker[0]);
  assert.deepEqual(flicker[2], flicker[0], 'A→B→A: the third version is the first text again');
  assert.deepEqual(await kinds('/a/noisy.html'), ['first'], 'dates, ads and related links changing on every fetch are not versions');
  assert.deepEqual(await kinds('/a/late.html'), ['first'], 'an item that appears later is found');
  assert.deepEqual(await kinds('/a/empty.html'), ['first', 'removed:empty']);
  assert.deepEqual(await kinds('/a/err.html'), []);
  assert.deepEqual(await kinds('/a/slow.html'), []);
  assert.deepEqual(await kinds('/a/loop.html'), []);
  // the removal is bracketed: last seen at the 1 h check, missing from the 3 h one
  const removal = (await store.watch.versions(`${server.base}/a/edited.html`)).at(-1)!;
  assert.equal(removal.lastSeen, iso(3));
  assert.equal(removal.firstMissing, iso(4));
  // the pages replaced at the 15 min check: last seen at the 5 min one
  for (const path of ['/a/home.html', '/a/soft.html', '/a/notice.html', '/a/empty.html']) {
    const r = (await store.watch.versions(server.base + path)).find((v) => v.kind === 'removed')!;
    assert.deepEqual([r.lastSeen, r.firstMissing], [iso(1), iso(2)], path);
  }
  const back = await store.watch.versions(`${server.base}/a/back.html`);
  assert.equal(back[1]!.lastSeen, iso(0));
  assert.equal(back[1]!.firstMissing, iso(1));
  assert.equal(back[2]!.lastSeen, iso(1));
  // failures are retried, not removals, and are visible
  const err = (await store.watch.getPage(`${server.base}/a/err.html`))!;
  assert.ok(err.failures >= 1 && /HTTP 500/.test(err.lastError!));
  assert.match((await store.watch.getPage(`${server.base}/a/slow.html`))!.lastError!, /within 400 ms/);
  assert.match((await store.watch.getPage(`${server.base}/a/loop.html`))!.lastError!, /redirect loop/);
  // the gzip bomb and the 50 MB body are cut off at the 8 MB limit, retried, never versions
  for (const path of ['/a/bomb.html', '/a/huge.html']) {
    assert.deepEqual(await kinds(path), []);
    const p = (await store.watch.getPage(server.base + path))!;
    assert.ok(p.failures >= 1, path);
    assert.match(p.lastError!, /body larger than 8\.0 MB/, path);
  }
  assert.ok(hugeSent.length >= 2 && hugeSent.every((mb) => mb < 50), `the transfer stopped early each time: ${hugeSent.join(', ')} MB sent`);
  // the GBK page was read as GBK
  const gbk = await store.watch.versions(`${server.base}/a/gbk.html`);
  assert.equal(gbk[0]!.title, '台风今晚登陆沿海');
});

test('the pages are in the archive: full text, raw bytes and provenance, one article per page', async () => {
  const page = (await store.watch.getPage(`${server.base}/a/noisy.html`))!;
  const article = (await store.getArticle(page.articleId!))!;
  assert.equal(article.title, '气温明显回升');
  assert.equal(article.source.kind, 'url');
  assert.ok(await store.getRaw(article.source.sha256));
  const edited = (await store.watch.getPage(`${server.base}/a/edited.html`))!;
  assert.equal((await store.articleVersions(edited.articleId!)).length, 3, 'the archive keeps the three earlier texts');
  // the slow page never answered: the feed's own text stands in for it
  const slow = (await store.watch.getPage(`${server.base}/a/slow.html`))!;
  const fromFeed = (await store.getArticle(slow.articleId!))!;
  assert.match(fromFeed.paragraphs.join(''), /来自订阅源的摘要/);
});

test('history and diffs: edits marked by sentence and word, the title change called out', async () => {
  const page = (await store.watch.getPage(`${server.base}/a/edited.html`))!;
  const h = (await articleHistory(store, page.articleId!, seg))!;
  assert.equal(h.article, page.articleId);
  assert.deepEqual(h.versions.map((v) => v.kind), ['first', 'edit', 'edit', 'edit', 'removed']);
  const first = h.versions[1]!.changes;
  assert.equal(first.length, 1);
  assert.equal(first[0]!.type, 'edited');
  const words = first[0]!.type === 'edited' ? first[0]!.words : [];
  assert.deepEqual(words.filter((w) => w.op !== 'same').map((w) => `${w.op}:${w.text}`), ['added:明显']);
  assert.deepEqual(h.versions[2]!.changes.map((c) => c.type), ['title']);
  assert.deepEqual(h.versions[3]!.changes.map((c) => c.type), ['added']);
  const flicker = (await articleHistory(store, `${server.base}/a/flicker.html`, seg))!;
  assert.deepEqual(flicker.versions[2]!.changes.map((c) => c.type), ['edited']);
  const changes = await changesSince(store, { since: '2026-12-01' }, seg);
  const removals = changes.filter((c) => c.kind === 'removed').map((c) => c.cause).sort();
  assert.deepEqual(removals, ['empty', 'http-404', 'http-404', 'notice', 'redirect-home', 'soft-404']);
  assert.equal(changes.find((c) => c.url.endsWith('/a/edited.html') && c.kind === 'removed')!.title, '前十月经济运行总体平稳');
});

test('a rerun records nothing twice', async () => {
  const before = (await store.watch.changes({ since: '2000-01-01', limit: 1000 })).length;
  await pollDue(ctx);
  await store.watch.recheckAll(new Date(clock.now()).toISOString());
  round = 5;
  await pollDue(ctx);
  assert.equal((await store.watch.changes({ since: '2000-01-01', limit: 1000 })).length, before);
});

test('memory stays flat: rounds that re-check every page (the bomb and the 50 MB body too) keep nothing', async () => {
  const before = (await store.watch.changes({ since: '2000-01-01', limit: 1000 })).length;
  const heap: number[] = [];
  const rss: number[] = [];
  const fetched = server.hitsOf('/a/huge.html').length;
  for (let i = 0; i < 12; i++) {
    clock.advance(MIN);
    await store.watch.recheckAll(new Date(clock.now()).toISOString());
    await pollDue(ctx);
    collectGarbage();
    heap.push(process.memoryUsage().heapUsed);
    rss.push(process.memoryUsage().rss);
  }
  assert.equal(server.hitsOf('/a/huge.html').length - fetched, 12, 'every round fetched the pages again');
  assert.equal((await store.watch.changes({ since: '2000-01-01', limit: 1000 })).length, before, 'nothing changed: no versions');
  const MB = (n: number): string => (n / 1048576).toFixed(1);
  // after warming up (rounds 0–3), eight more rounds: a page's body or parse kept per round would show here
  assert.ok(heap[11]! - heap[3]! < 1 << 20, `JS heap after round 3 ${MB(heap[3]!)} MB, after round 11 ${MB(heap[11]!)} MB`);
  assert.ok(rss[11]! - rss[3]! < 48 << 20, `RSS after round 3 ${MB(rss[3]!)} MB, after round 11 ${MB(rss[11]!)} MB`);
});
