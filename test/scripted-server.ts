// A local HTTP server whose every path is scripted by the test: what it answers can
// change between requests (an article edited, removed, restored), and it records what
// it was asked (conditional headers, order, overlap) so politeness can be checked.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface Hit { path: string; at: number; headers: IncomingMessage['headers'] }

export class ScriptedServer {
  readonly routes = new Map<string, Handler>();
  readonly hits: Hit[] = [];
  /** most requests in flight at once */
  maxInFlight = 0;
  private inFlight = 0;
  private server!: Server;
  base = '';
  fallback: Handler = (_req, res) => { res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }); res.end('<html><body><h1>404</h1></body></html>'); };

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const path = req.url ?? '/';
      this.hits.push({ path, at: Date.now(), headers: req.headers });
      this.inFlight++;
      this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
      res.on('close', () => { this.inFlight--; });
      const handler = this.routes.get(path.split('?')[0]!) ?? this.fallback;
      Promise.resolve(handler(req, res)).catch((e) => { res.destroy(e as Error); });
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** answer `path` with a fixed body */
  page(path: string, body: string | Buffer, headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8' }, status = 200): void {
    this.routes.set(path, (_req, res) => { res.writeHead(status, headers); res.end(body); });
  }

  /**
   * Answer `path` with `mb` megabytes, written as fast as the reader takes them. Returns
   * the megabytes handed to the socket for each request so far (a reader that stops at
   * its size limit hangs up long before the end).
   */
  streamed(path: string, mb: number): number[] {
    const sent: number[] = [];
    const chunk = Buffer.alloc(1 << 20, 0x61);
    this.routes.set(path, (_req, res) => {
      const k = sent.push(0) - 1;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      const more = (): void => {
        while (sent[k]! < mb && !res.destroyed) {
          sent[k]!++;
          if (!res.write(chunk)) { res.once('drain', more); return; }
        }
        if (!res.destroyed) res.end();
      };
      more();
    });
    return sent;
  }

  hitsOf(path: string): Hit[] { return this.hits.filter((h) => h.path === path); }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

/** An article page with boilerplate around the text that may change on every fetch. */
export function articleHtml(o: { title: string; paragraphs: string[]; noise?: number; site?: string; canonical?: string; published?: string }): string {
  const n = o.noise ?? 0;
  return `<!doctype html><html><head><meta charset="utf-8"><title>${o.title}</title>
${o.canonical ? `<link rel="canonical" href="${o.canonical}">` : ''}${o.published ? `<meta property="article:published_time" content="${o.published}">` : ''}
<meta property="og:title" content="${o.title}"></head><body>
<header><nav><a href="/">首页</a><a href="/news/">新闻</a></nav><div class="time">现在时间 2026-12-0${1 + (n % 8)} 1${n % 10}:0${n % 6}</div></header>
<div class="ad">广告：第${n}号推广，立即购买优惠商品，限时折扣${n * 7}元！</div>
<article><h1>${o.title}</h1>${o.paragraphs.map((p) => `<p>${p}</p>`).join('\n')}</article>
<aside class="related"><h3>相关新闻</h3><ul><li><a href="/a/r${n}">相关报道第${n}篇：市场行情今日更新</a></li><li><a href="/a/s${n}">编辑推荐第${n}篇</a></li></ul></aside>
<footer>版权所有 ${o.site ?? '示例新闻网'} 访问量 ${n * 131}</footer></body></html>`;
}
