// The fetcher against a local scripted server: redirects and their limits, deadlines,
// size limits before and after decompression, charset from bytes, Retry-After, robots.txt,
// conditional requests, one request at a time per host, and private addresses refused.
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import iconv from 'iconv-lite';
import { ScriptedServer } from '../../test/scripted-server.js';
import { readDocument } from '../readers/index.js';
import { ManualClock } from './clock.js';
import { Fetcher } from './fetcher.js';
import { FetchError, httpGet } from './http.js';

const server = new ScriptedServer();
const allow = { schemes: ['http', 'https'], allowPrivateHosts: true } as const;
before(async () => { await server.start(); });
after(() => server.stop());

const fails = async (p: Promise<unknown>, kind: FetchError['kind']): Promise<void> => {
  await assert.rejects(p, (e: unknown) => e instanceof FetchError && e.kind === kind ? true : assert.fail(`expected ${kind}, got ${String(e)}`));
};

test('redirects are followed up to the limit; a loop and a long chain are errors', async () => {
  server.page('/final', 'done');
  server.page('/r1', '', { location: '/final' }, 301);
  server.page('/r0', '', { location: `${server.base}/r1` }, 302);
  const res = await httpGet(`${server.base}/r0`, { policy: allow });
  assert.equal(res.status, 200);
  assert.equal(res.url, `${server.base}/final`);
  assert.deepEqual(res.redirects, [`${server.base}/r1`, `${server.base}/final`]);
  server.page('/loop-a', '', { location: '/loop-b' }, 302);
  server.page('/loop-b', '', { location: '/loop-a' }, 302);
  await fails(httpGet(`${server.base}/loop-a`, { policy: allow }), 'redirect-loop');
  for (let i = 0; i < 8; i++) server.page(`/chain${i}`, '', { location: `/chain${i + 1}` }, 302);
  await fails(httpGet(`${server.base}/chain0`, { policy: allow }), 'too-many-redirects');
});

test('private and loopback hosts are refused unless allowed (by name and by address)', async () => {
  await fails(httpGet(`${server.base}/final`, { policy: { schemes: ['http', 'https'], allowPrivateHosts: false } }), 'refused');
  await fails(httpGet('file:///etc/passwd', { policy: allow }), 'refused');
  await fails(httpGet('http://localhost:1/', { policy: { schemes: ['http'], allowPrivateHosts: false } }), 'refused');
});

test('a server that never finishes is cut off at the deadline', async () => {
  server.routes.set('/slow', (_req, res) => { res.writeHead(200); res.write('start'); /* never ends */ });
  const started = Date.now();
  await fails(httpGet(`${server.base}/slow`, { policy: allow, timeoutMs: 300 }), 'timeout');
  assert.ok(Date.now() - started < 3000);
});

test('a 50 MB body and a gzip bomb stop at the size limit without being held in memory', async () => {
  const sent = server.streamed('/huge', 50);
  // 256 MB of zeros is about 250 KB gzipped: small on the wire, far over the limit decoded
  const bomb = gzipSync(Buffer.alloc(256 << 20, 0));
  server.page('/bomb', bomb, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sample = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 2);
  await fails(httpGet(`${server.base}/huge`, { policy: allow, maxBytes: 4 << 20 }), 'too-large');
  await fails(httpGet(`${server.base}/bomb`, { policy: allow, maxBytes: 4 << 20 }), 'too-large');
  clearInterval(sample);
  assert.ok(sent.length === 1 && sent[0]! < 50, `the transfer stopped early: ${sent.join(', ')} of 50 MB sent`);
  assert.ok(peak - rssBefore < 48 << 20, `memory grew by ${((peak - rssBefore) / 1048576).toFixed(0)} MB: the limit (4 MB) and buffers, not the bodies`);
  server.page('/gz', gzipSync(Buffer.from('<p>压缩的正文</p>')), { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip' });
  const ok = await httpGet(`${server.base}/gz`, { policy: allow });
  assert.equal(Buffer.from(ok.body).toString('utf8'), '<p>压缩的正文</p>');
});

test('a GBK page without any charset declaration is read as GBK; a header charset is honoured', async () => {
  const text = '<html><body><article><h1>台风今晚登陆沿海地区</h1><p>气象部门表示，台风预计今晚在沿海地区登陆，各地已经做好防御准备工作。</p><p>学校停课一天，市民应当留在家中，注意安全。</p></article></body></html>';
  server.page('/gbk', iconv.encode(text, 'gbk'), { 'content-type': 'text/html' });
  const res = await httpGet(`${server.base}/gbk`, { policy: allow });
  const read = readDocument(res.body, res.url, res.charset);
  assert.equal(read.encoding, 'gb18030');
  assert.equal(read.drafts[0]!.title, '台风今晚登陆沿海地区');
  server.page('/big5', iconv.encode(text.replace('台风', '颱風'), 'big5'), { 'content-type': 'text/html; charset=Big5' });
  const b = await httpGet(`${server.base}/big5`, { policy: allow });
  assert.equal(b.charset, 'big5');
  assert.equal(readDocument(b.body, b.url, b.charset).encoding, 'big5-hkscs');
});

test('conditional requests send the validators and a 304 has no body', async () => {
  server.routes.set('/cond', (req, res) => {
    if (req.headers['if-none-match'] === '"v1"') { res.writeHead(304); res.end(); return; }
    res.writeHead(200, { etag: '"v1"', 'last-modified': 'Tue, 01 Dec 2026 00:00:00 GMT' }); res.end('body');
  });
  const first = await httpGet(`${server.base}/cond`, { policy: allow });
  assert.equal(first.headers.etag, '"v1"');
  const again = await httpGet(`${server.base}/cond`, { policy: allow, etag: first.headers.etag, lastModified: first.headers['last-modified'] });
  assert.equal(again.status, 304);
  assert.equal(again.body.length, 0);
  assert.equal(server.hitsOf('/cond')[1]!.headers['if-modified-since'], 'Tue, 01 Dec 2026 00:00:00 GMT');
});

test('the fetcher: robots.txt honoured, one request at a time per host, Retry-After blocks the host', async () => {
  const clock = new ManualClock(Date.parse('2026-12-03T00:00:00Z'));
  const f = new Fetcher({ clock, policy: allow, spacingMs: 20 });
  server.page('/robots.txt', 'User-agent: *\nDisallow: /private/\n', { 'content-type': 'text/plain' });
  server.page('/private/x', 'secret');
  await fails(f.get(`${server.base}/private/x`), 'robots');
  assert.equal(server.hitsOf('/private/x').length, 0);
  server.routes.set('/slowish', async (_req, res) => { await new Promise((r) => setTimeout(r, 30)); res.end('ok'); });
  server.maxInFlight = 0;
  await Promise.all(Array.from({ length: 5 }, () => f.get(`${server.base}/slowish`)));
  assert.equal(server.maxInFlight, 1);
  const times = server.hitsOf('/slowish').map((h) => h.at);
  for (let i = 1; i < times.length; i++) assert.ok(times[i]! - times[i - 1]! >= 45, 'requests are spaced');
  server.page('/busy', 'slow down', { 'retry-after': '120' }, 429);
  const busy = await f.get(`${server.base}/busy`);
  assert.equal(busy.status, 429);
  assert.equal(busy.retryAfterMs, 120_000);
  await fails(f.get(`${server.base}/final`), 'waiting');
  clock.advance(121_000);
  assert.equal((await f.get(`${server.base}/final`)).status, 200);
  assert.equal(server.hitsOf('/robots.txt').length, 1, 'robots.txt is fetched once per host');
});
