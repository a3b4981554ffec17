// Polling that is polite and never silently gives up: validators that lie, 429 with
// Retry-After, a source failing for a week, a feed of 100,000 items; and the schedule's
// own rules (publishing rate, backoff with jitter, the ladder).
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { collectGarbage } from '../heap.js';
import { articleHtml, ScriptedServer } from '../../test/scripted-server.js';
import { ManualClock } from '../fetch/clock.js';
import { Fetcher } from '../fetch/fetcher.js';
import { SqliteStore } from '../store/sqlite/store.js';
import { HostFurniture } from './boilerplate.js';
import type { WatchContext } from './context.js';
import { adaptInterval, backoff, DEFAULT_LADDER, nextOnLadder, parseLadder, shouldPause } from './schedule.js';
import { addWatch, pollDue } from './watcher.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const T0 = Date.parse('2026-12-01T00:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'px-poll-'));
const server = new ScriptedServer();
after(() => server.stop());
before(async () => {
  await server.start();
  server.fallback = (req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(articleHtml({ title: `文章${req.url}`, paragraphs: [`这是编号为${req.url}的文章正文，用于测试订阅源的轮询。`, '第二段文字，内容不会改变，也不应当产生新的版本。'] }));
  };
});

function context(name: string, opts: { maxBytes?: number } = {}): { ctx: WatchContext; clock: ManualClock; store: SqliteStore } {
  const store = new SqliteStore(join(dir, `${name}.db`));
  after(() => store.close());
  const clock = new ManualClock(T0);
  const fetcher = new Fetcher({ clock, policy: { schemes: ['http'], allowPrivateHosts: true }, spacingMs: 0, timeoutMs: 2000, maxBytes: opts.maxBytes ?? 8 << 20, robots: false });
  return { clock, store, ctx: { store, clock, fetcher, ladder: parseLadder(DEFAULT_LADDER), random: () => 0.5, furniture: new HostFurniture(store) } };
}

const rss = (links: string[]): string => `<?xml version="1.0"?><rss version="2.0"><channel><title>测试源</title>${links.map((l, i) => `<item><title>条目${i}</title><link>${server.base}${l}</link></item>`).join('')}</channel></rss>`;

test('an ETag that never changes: a new body under it is noticed, and a 304 for ever is overruled every 12 hours', async () => {
  const { ctx, clock, store } = context('etag');
  let items = ['/e/1'];
  // a server that answers 200 with new content under the same ETag
  server.routes.set('/liar.xml', (_req, res) => { res.writeHead(200, { etag: '"same"' }); res.end(rss(items)); });
  // a server that answers 304 whenever the ETag matches, whatever it now serves
  server.routes.set('/stuck.xml', (req, res) => {
    if (req.headers['if-none-match'] === '"stuck"') { res.writeHead(304); res.end(); return; }
    res.writeHead(200, { etag: '"stuck"' }); res.end(rss(items.map((i) => i.replace('/e/', '/s/'))));
  });
  await addWatch(ctx, `${server.base}/liar.xml`, null);
  await addWatch(ctx, `${server.base}/stuck.xml`, null);
  await pollDue(ctx);
  assert.equal((await store.watch.getSource(`${server.base}/liar.xml`))!.etagUnreliable, false);
  // within 12 h polls are conditional; the liar's new body under "same" is caught by its hash
  items = ['/e/1', '/e/2'];
  clock.advance(HOUR);
  await pollDue(ctx);
  assert.equal(server.hitsOf('/liar.xml').at(-1)!.headers['if-none-match'], '"same"');
  assert.equal((await store.watch.getSource(`${server.base}/liar.xml`))!.etagUnreliable, true);
  assert.ok(await store.watch.getPage(`${server.base}/e/2`));
  clock.advance(HOUR);
  await pollDue(ctx);
  assert.equal(server.hitsOf('/liar.xml').at(-1)!.headers['if-none-match'], undefined, 'a distrusted ETag is not sent again');
  // the stuck server kept answering 304 to conditional polls; the unconditional one finds /s/2
  assert.equal(server.hitsOf('/stuck.xml').at(-1)!.headers['if-none-match'], '"stuck"');
  assert.equal(await store.watch.getPage(`${server.base}/s/2`), undefined);
  clock.advance(13 * HOUR);
  await pollDue(ctx);
  assert.ok(await store.watch.getPage(`${server.base}/s/2`), 'an unconditional fetch at least every 12 h');
});

test('429 with Retry-After: the source waits as long as it was told, and the host is left alone meanwhile', async () => {
  const { ctx, clock, store } = context('retry');
  server.routes.set('/busy.xml', (_req, res) => { res.writeHead(200); res.end(rss(['/b/1'])); });
  await addWatch(ctx, `${server.base}/busy.xml`, null);
  server.routes.set('/busy.xml', (_req, res) => { res.writeHead(429, { 'retry-after': '7200' }); res.end(); });
  await pollDue(ctx);
  const s = (await store.watch.getSource(`${server.base}/busy.xml`))!;
  assert.equal(s.lastError, 'HTTP 429');
  assert.ok(Date.parse(s.nextPollAt!) >= T0 + 2 * HOUR, `next poll ${s.nextPollAt} honours Retry-After`);
  const hits = server.hitsOf('/busy.xml').length;
  clock.advance(HOUR);
  await pollDue(ctx);
  assert.equal(server.hitsOf('/busy.xml').length, hits, 'not asked again before Retry-After');
  clock.advance(2 * HOUR);
  server.routes.set('/busy.xml', (_req, res) => { res.writeHead(200); res.end(rss(['/b/1'])); });
  await pollDue(ctx);
  const ok = (await store.watch.getSource(`${server.base}/busy.xml`))!;
  assert.equal(ok.failureRun, 0);
  assert.ok(await store.watch.getPage(`${server.base}/b/1`));
});

test('a source that fails is backed off and paused only after 30 failures over 7 days, and says so', async () => {
  const { ctx, clock, store } = context('pause');
  server.routes.set('/down.xml', (_req, res) => { res.writeHead(200); res.end(rss(['/d/1'])); });
  await addWatch(ctx, `${server.base}/down.xml`, null);
  server.routes.set('/down.xml', (_req, res) => { res.writeHead(500); res.end(); });
  const polls: number[] = [];
  for (let i = 0; i < 200; i++) {
    const s = (await store.watch.getSource(`${server.base}/down.xml`))!;
    if (s.state === 'paused') break;
    clock.set(Date.parse(s.nextPollAt!));
    polls.push(clock.now());
    await pollDue(ctx);
  }
  const s = (await store.watch.listSources(new Date(clock.now()).toISOString())).find((x) => x.url.endsWith('/down.xml'))!;
  assert.equal(s.state, 'paused');
  assert.ok(s.failureRun >= 30, `${s.failureRun} failures`);
  assert.ok(clock.now() - Date.parse(s.failingSince!) >= 7 * DAY);
  assert.ok(s.errors7d! >= 20, 'the last week\'s failures are listed');
  assert.equal(s.nextPollAt, null);
  // the gaps grew: backoff
  assert.ok(polls[3]! - polls[2]! > polls[1]! - polls[0]!);
});

test('a feed of 100,000 items: the first items are read, memory stays flat poll after poll', async () => {
  const { ctx, store, clock } = context('huge', { maxBytes: 64 << 20 });
  ctx.maxNewPerPoll = 20;
  // each poll, 20 new items on top of 100,000 (built before the poll: the server is in this process)
  let top = 0;
  let body = Buffer.alloc(0);
  server.routes.set('/huge.xml', (_req, res) => { res.writeHead(200, { 'content-type': 'application/rss+xml' }); res.end(body); });
  const publish = (): void => { top -= 20; body = Buffer.from(rss(Array.from({ length: 100_000 }, (_, i) => `/h/${top + i}`))); };
  publish();
  await addWatch(ctx, `${server.base}/huge.xml`, null);
  const heap: number[] = [];
  const growth: number[] = [];
  for (let poll = 0; poll < 6; poll++) {
    publish();
    clock.advance(DAY);
    collectGarbage();
    const base = process.memoryUsage().rss;
    let peak = base;
    const sample = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 2);
    const r = await pollDue(ctx);
    clearInterval(sample);
    assert.equal(r.newItems, 20, 'new pages per poll are bounded');
    collectGarbage();
    heap.push(process.memoryUsage().heapUsed);
    growth.push(peak - base);
  }
  assert.ok(body.length > 5 << 20);
  assert.equal(await store.watch.pageCount(), 120);
  const MB = (n: number): string => (n / 1048576).toFixed(1);
  // a 7 MB feed read whole by the XML parser would take hundreds of MB; its first 1,000 items take little
  assert.ok(Math.max(...growth) < 64 << 20, `RSS grew by ${growth.map(MB).join(', ')} MB during the polls`);
  assert.ok(heap[5]! - heap[1]! < 2 << 20, `JS heap after each poll: ${heap.map(MB).join(', ')} MB`);
});

test('a news sitemap and a JSON Feed are watched like RSS: their items are found and read', async () => {
  const { ctx, store } = context('kinds');
  server.page('/sitemap-news.xml', `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>${server.base}/m/1.html</loc><news:news><news:publication_date>2026-11-30T20:00:00+08:00</news:publication_date><news:title>一</news:title></news:news></url>
<url><loc>${server.base}/m/2.html</loc><lastmod>2026-11-30T21:00:00+08:00</lastmod></url></urlset>`, { 'content-type': 'application/xml' });
  server.page('/feed.json', JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: '测试', items: [{ id: '1', url: `${server.base}/j/1.html`, title: '条目', content_text: '来自JSON订阅源的文字。' }] }), { 'content-type': 'application/feed+json' });
  const added = [...await addWatch(ctx, `${server.base}/sitemap-news.xml`, null), ...await addWatch(ctx, `${server.base}/feed.json`, null)];
  assert.deepEqual(added.map((a) => a.kind), ['sitemap', 'feed']);
  await pollDue(ctx);
  for (const p of ['/m/1.html', '/m/2.html', '/j/1.html']) {
    const page = (await store.watch.getPage(server.base + p))!;
    assert.equal(page.state, 'present', p);
    assert.equal((await store.getArticle(page.articleId!))!.title, `文章${p}`);
  }
});

test('the schedule: interval from the publishing rate, backoff with jitter, the ladder', () => {
  const now = T0;
  // 20 items an hour apart: polled every 30 minutes
  assert.equal(adaptInterval(Array.from({ length: 20 }, (_, i) => now - i * HOUR), now, 900_000, 0), 30 * MIN);
  // a burst every minute: never more often than every 5 minutes
  assert.equal(adaptInterval(Array.from({ length: 20 }, (_, i) => now - i * MIN), now, 900_000, 0), 5 * MIN);
  // two items a day apart, the last three days ago: half the gap (23 h) rather than a quarter of the silence
  assert.equal(adaptInterval([now - 3 * DAY - HOUR, now - 4 * DAY], now, 900_000, 0), 11.5 * HOUR);
  // quiet for six days after hourly items: the silence counts
  assert.equal(adaptInterval([now - 6 * DAY, now - 6 * DAY - HOUR], now, 900_000, 0), 18 * HOUR);
  assert.equal(adaptInterval([now - 30 * DAY], now, 900_000, 0), DAY);
  // no dates: halved on news, lengthened without
  assert.equal(adaptInterval([], now, 3_600_000, 3), 30 * MIN);
  assert.equal(adaptInterval([], now, 3_600_000, 0), 90 * MIN);
  assert.equal(backoff(1, () => 0.5), 5 * MIN);
  assert.equal(backoff(3, () => 0.5), 20 * MIN);
  assert.equal(backoff(30, () => 0.5), 6 * HOUR);
  assert.equal(backoff(1, () => 0), 4 * MIN);
  assert.equal(backoff(1, () => 1), 6 * MIN);
  assert.equal(shouldPause(30, now - 6 * DAY, now), false);
  assert.equal(shouldPause(29.5, now - 8 * DAY, now), false);
  assert.equal(shouldPause(30, now - 7 * DAY, now), true);
  const ladder = parseLadder(DEFAULT_LADDER);
  assert.equal(nextOnLadder(ladder, now, now), now + 5 * MIN);
  assert.equal(nextOnLadder(ladder, now, now + 2 * HOUR), now + 3 * HOUR);
  assert.equal(nextOnLadder(ladder, now, now + 8 * DAY), now + 14 * DAY);
  assert.equal(nextOnLadder(ladder, now, now + 31 * DAY), null);
  assert.throws(() => parseLadder(['1h', '5m']), /must increase/);
  assert.throws(() => parseLadder(['soon']), /not a duration/);
});
