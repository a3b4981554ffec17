// The outlets of the watch benchmark, in a process of their own (their CPU is not the
// watcher's): `hosts` servers on 127.0.0.1 (one host each, by port), each serving its
// share of the feeds. Every feed publishes an item every 30 minutes of simulated time
// (set by GET /__time?t=ms) and lists its last 20; pages carry rotating ads and dates,
// 1 in 50 is edited an hour after it appears and 1 in 100 is removed after three hours.
// Usage: watch-outlet.ts HOSTS — prints the ports as JSON on its first line.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { articleHtml } from '../test/scripted-server.js';

const hosts = Number(process.argv[2] ?? 20);
const SLOT = 30 * 60_000;
let now = Date.parse('2026-12-01T00:00:00Z');
let served = 0;

const sentence = (n: number, k: number, i: number): string => `第${n}号频道第${k}条新闻的第${i}段：有关部门今天表示，相关工作正在有序推进，各方反应积极，后续进展将及时公布。`;

function handle(path: string): { status: number; type: string; body: string } {
  let m = /^\/f\/(\d+)\.xml$/.exec(path);
  if (m) {
    const n = Number(m[1]);
    const last = Math.floor(now / SLOT);
    const items = Array.from({ length: 20 }, (_, i) => last - i).map((k) => `<item><title>第${n}号频道第${k}条</title><link>http://HOST/a/${n}-${k}.html</link><pubDate>${new Date(k * SLOT).toUTCString()}</pubDate><description>${sentence(n, k, 0)}</description></item>`);
    return { status: 200, type: 'application/rss+xml', body: `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>频道${n}</title>${items.join('')}</channel></rss>` };
  }
  m = /^\/a\/(\d+)-(\d+)\.html$/.exec(path);
  if (m) {
    const n = Number(m[1]);
    const k = Number(m[2]);
    const age = now - k * SLOT;
    if ((n + k) % 100 === 7 && age > 3 * 3_600_000) return { status: 404, type: 'text/html', body: '<html><body>404</body></html>' };
    const edited = (n + k) % 50 === 3 && age > 3_600_000;
    const paragraphs = [0, 1, 2, 3, 4].map((i) => sentence(n, k, i) + (edited && i === 2 ? '记者补充报道，事件最新情况有所变化。' : ''));
    return { status: 200, type: 'text/html; charset=utf-8', body: articleHtml({ title: `第${n}号频道第${k}条新闻`, paragraphs, noise: ++served }) };
  }
  return { status: 404, type: 'text/plain', body: 'not found' };
}

const ports: number[] = [];
for (let h = 0; h < hosts; h++) {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/__time') { now = Number(url.searchParams.get('t')); res.end('ok'); return; }
    const r = handle(url.pathname);
    res.writeHead(r.status, { 'content-type': r.type });
    res.end(r.body.replaceAll('http://HOST', `http://${req.headers.host}`));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  ports.push((server.address() as AddressInfo).port);
}
process.stdout.write(JSON.stringify(ports) + '\n');
