// The server a daily user meets (issue 19), on the project's own demo/ data and small
// fictional files (no ../shared): query errors with stable codes and in the interface's
// language, raw UTF-8 in a URL answered with its reason over a real socket, and the
// article page showing related links, photo credits and media, escaped, linking out only.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { serve } from '@hono/node-server';
import { importSources } from '../src/import/pipeline.js';
import { createApp } from '../src/server/app.js';
import { explainClientErrors } from '../src/server/client-error.js';
import { analyzeArchive } from '../src/stories/analyze.js';
import { SqliteStore } from '../src/store/sqlite/store.js';
import { AliasTable } from '../src/text/aliases.js';
import { Segmenter } from '../src/text/segment.js';
import { projectRoot } from './shared.js';

const dir = mkdtempSync(join(tmpdir(), 'px-daily-server-'));
const text = { segmenter: new Segmenter(), aliases: new AliasTable() };
let store: SqliteStore;
let app: ReturnType<typeof createApp>;

/** a CNA-like page with a photo credit and a related-reading list, and a post with a video shortcode; hostile text in both */
function writeFixtures(): string {
  const out = join(dir, 'fixtures');
  mkdirSync(out);
  writeFileSync(join(out, 'related.html'), `<!doctype html><html><head><meta charset="utf-8"><title>晴川跨海大橋通車</title>
<meta property="article:published_time" content="2031-10-14T10:00:00+08:00"><link rel="canonical" href="https://news.example/a/0.aspx"></head>
<body><article><h1>晴川跨海大橋通車</h1>
<p>（中央社晴川14日電）連接晴川市與望潮島的跨海大橋今天上午正式通車。</p>
<img src="https://img.example/bridge.jpg" alt="">
<p>大橋全長十二公里，歷時五年建成。</p>
<p>圖片來源：晴川&lt;b&gt;圖片社</p>
<p>市長周明遠表示，這座橋把兩岸的日常生活連在了一起。</p>
<div class='paragraph moreArticle'><div class='moreArticle-title'>延伸閱讀</div><a class='moreArticle-link' href='https://news.example/a/2.aspx'> • <span>望潮島樓價&lt;script&gt;alert(1)&lt;/script&gt;一年升兩成</span></a><a class='moreArticle-link' href='javascript:alert(2)'> • <span>白海豚棲息地監測 環團要求公開數據</span></a></div>
</article></body></html>`);
  writeFileSync(join(out, 'evil.md'), '---\ntitle: "晴川渡口<img src=x onerror=alert(1)>通告"\ndate: 2031-10-16T09:00:00+08:00\nauthor: 测试报<script>alert(2)</script>\nurl: https://evil.example/a/1\n---\n\n<p>晴川渡口的通告<script>alert(3)</script>正文。</p>\n<p><img src="x" onerror="alert(4)">第二段<a href="javascript:alert(5)">链接</a>。</p>\n<iframe src="javascript:alert(6)"></iframe>\n<p><svg onload="alert(7)"></svg>第三段。</p>\n');
  writeFileSync(join(out, 'video.md'), '---\ntitle: 望潮島渡輪加班\ndate: 2031-10-15T09:00:00+08:00\nsource: 港聞\nurl: https://harbour.example/news/ferry\n---\n\n望潮島渡輪今日加開班次，方便居民往返。\n\n{{< video src="https://video.example/embed/ferry" >}}\n\n居民表示歡迎。\n');
  // a market report of the bridge's day: it names the bridge, and stands alone all the same
  writeFileSync(join(out, 'market.md'), '---\ntitle: 港股半日升逾1% 晴川港務股受跨海大橋通車帶動\ndate: 2031-10-14T12:30:00+08:00\nurl: https://harbour.example/news/market\n---\n\n港股半日升逾1%，晴川港務股受跨海大橋通車帶動，升逾4%。\n\n大橋今天上午正式通車，分析員指港口物流股將受惠。\n');
  return out;
}

before(async () => {
  store = new SqliteStore(join(dir, 'daily.db'));
  await importSources(store, [join(projectRoot, 'demo'), writeFixtures()]);
  await analyzeArchive(store, text);
  app = createApp({ store, text, lexicons: [] });
});
after(() => store.close());

const get = async (path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> => {
  const r = await app.request(path, { headers });
  return { status: r.status, body: await r.text() };
};
const idOf = async (title: string): Promise<string> => {
  const a = (await store.listArticles({ limit: 500 })).find((x) => x.title === title);
  assert.ok(a, `no article titled ${title}`);
  return a.id;
};

test('the article page shows related links, photo credits and media, escaped, as links out only', async () => {
  const page = await get(`/article/${await idOf('晴川跨海大橋通車')}?lang=hant`);
  assert.equal(page.status, 200);
  assert.match(page.body, /<h2>延伸閱讀<\/h2><ul class="related">/);
  assert.match(page.body, /<a href="https:\/\/news\.example\/a\/2\.aspx" rel="noopener noreferrer nofollow">望潮島樓價&lt;script&gt;alert\(1\)&lt;\/script&gt;一年升兩成<\/a>/);
  // a link that is no web address is shown as text, never as a link
  assert.match(page.body, /<li>白海豚棲息地監測 環團要求公開數據<\/li>/);
  assert.doesNotMatch(page.body, /javascript:/);
  assert.match(page.body, /<span class="credit">圖片來源: 晴川&lt;b&gt;圖片社<\/span>/);
  assert.doesNotMatch(page.body, /<script>|<b>/);
  const video = await get(`/article/${await idOf('望潮島渡輪加班')}?lang=en`);
  assert.match(video.body, /<h2>Media<\/h2><ul class="media"><li><a href="https:\/\/video\.example\/embed\/ferry" rel="noopener noreferrer nofollow">video · open on video\.example<\/a><\/li><\/ul>/);
  assert.doesNotMatch(video.body, /\{\{</);
  // nothing on either page is loaded from another host: no src= that is not this server's
  for (const body of [page.body, video.body]) {
    assert.doesNotMatch(body, /<(img|iframe|video|audio|source|embed|object|script)\b[^>]*\s(src|data)="(https?:)?\/\//i);
  }
});

test('query errors: a stable code and its values in the API, a sentence in the interface\'s language on the page', async () => {
  const cases: Array<[string, string, RegExp, RegExp]> = [
    ['"晴川', 'phrase-not-closed', /第 1 个字符处以 &quot; 开始的短语没有结束的引号/, /第 1 個字元處以 &quot; 開始的短語沒有結束的引號/],
    ['since:2031-02-30', 'date-invalid', /since: 需要 YYYY-MM-DD 格式的日期，2031-02-30 不是/, /since: 需要 YYYY-MM-DD 格式的日期/],
    ['date:2031-10-14', 'field-unknown', /没有 date: 这个字段/, /沒有 date: 這個欄位/],
    ['晴川 outlet:nosuch', 'outlet-unknown', /档案中没有媒体 nosuch/, /檔案中沒有媒體 nosuch/],
    ['-大桥', 'only-exclusions', /至少要有一个要找的词/, /至少要有一個要找的詞/],
    ['since:2031-10-20 until:2031-10-14', 'since-after-until', /起始日期 2031-10-20 晚于截止日期 2031-10-14/, /晚於截止日期/],
  ];
  for (const [q, code, hans, hant] of cases) {
    const api = await app.request(`/api/search?q=${encodeURIComponent(q)}`);
    assert.equal(api.status, 400, q);
    const body = await api.json() as { error: string; code: string; params: Record<string, unknown> };
    assert.equal(body.code, code, `${q}: ${JSON.stringify(body)}`);
    assert.ok(body.error.length > 10);
    const pages = await Promise.all((['hans', 'hant', 'en'] as const).map((l) => get(`/?q=${encodeURIComponent(q)}&lang=${l}`)));
    for (const p of pages) assert.equal(p.status, 400, q);
    assert.match(pages[0]!.body, /查询有误: /);
    assert.match(pages[0]!.body, hans);
    assert.match(pages[1]!.body, /查詢有誤: /);
    assert.match(pages[1]!.body, hant);
    assert.match(pages[2]!.body, /The query cannot be read: /);
    assert.ok(pages[2]!.body.includes(body.error.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;')), `${q}: English page has the API's sentence`);
  }
  // the API's other errors carry codes too
  assert.equal((await (await app.request('/api/articles/nope')).json() as { code: string }).code, 'bad-parameter');
  assert.equal((await (await app.request('/api/articles/0000000000000000')).json() as { code: string }).code, 'not-found');
  assert.equal((await (await app.request('/api/nothing-here')).json() as { code: string }).code, 'no-such-path');
  // a percent-encoded byte sequence that is no UTF-8 is not a 500
  assert.notEqual((await app.request('/api/search?q=%E6%99')).status, 500);
});

/** Send bytes as they are over a socket and read the whole answer. */
function rawRequest(port: number, request: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => s.end(request));
    let out = '';
    s.setEncoding('utf8');
    s.on('data', (d: string) => { out += d; });
    s.on('end', () => resolve(out));
    s.on('error', reject);
  });
}

test('curl \'…/api/search?q=普京\' (raw UTF-8 in the URL) gets a 400 that says to percent-encode, and the encoded URL works', async () => {
  const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }) as unknown as Server;
  explainClientErrors(server);
  await new Promise<void>((res) => server.once('listening', () => res()));
  const port = (server.address() as { port: number }).port;
  try {
    const raw = await rawRequest(port, Buffer.concat([Buffer.from('GET /api/search?q='), Buffer.from('晴川大桥', 'utf8'), Buffer.from(' HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n')]));
    assert.match(raw, /^HTTP\/1\.1 400 Bad Request\r\n/);
    assert.match(raw, /content-type: application\/json/i);
    const body = JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4)) as { error: string; code: string; params: { url: string } };
    assert.equal(body.code, 'url-not-encoded');
    assert.equal(body.params.url, '/api/search?q=%E6%99%B4%E5%B7%9D%E5%A4%A7%E6%A1%A5');
    assert.match(body.error, /percent-encoded/);
    // what it says to send is answered
    const ok = await rawRequest(port, Buffer.from(`GET ${body.params.url} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`));
    assert.match(ok, /^HTTP\/1\.1 200 OK\r\n/);
    assert.match(ok, /"total":[1-9]/);
    // other requests the parser refuses still get Node's own status
    assert.match(await rawRequest(port, Buffer.from('NOT A REQUEST\r\n\r\n')), /^HTTP\/1\.1 400 Bad Request\r\n/);
  } finally {
    await new Promise<void>((res) => server.close(() => res()));
  }
});

test('hermetic tier: the API and the pages on demo/ — events, the comparison, threads, search, articles — answer from the archive', async () => {
  const json = async <T>(path: string): Promise<T> => {
    const r = await app.request(path);
    assert.equal(r.status, 200, `${path}: ${r.status}`);
    return await r.json() as T;
  };
  const { events } = await json<{ total: number; events: Array<{ id: string; thread: string; outlets: string[] }> }>('/api/events');
  // the bridge's opening: demo's five outlets (and this test's own fixtures on the same day)
  const demoOutlets = ['wire-dongfang-example', 'qingchuan-daily-example', 'news-harbour-example', 'nanyang-morning-example', 'unknown'];
  const bridge = events.find((e) => demoOutlets.every((o) => e.outlets.includes(o)));
  assert.ok(bridge, JSON.stringify(events.map((e) => e.outlets)));
  const one = await json<{ comparison: { outlets: string[]; claims: Array<{ outlets: string[]; members: Array<{ text: string }> }>; quotes: Array<{ speaker: string; outlets: string[] }>; summary: unknown[]; timeline: unknown[] } }>(`/api/events/${bridge.id}`);
  assert.deepEqual(one.comparison.outlets.filter((o) => demoOutlets.includes(o)).sort(), [...demoOutlets].sort());
  assert.ok(one.comparison.claims.some((c) => c.outlets.length >= 3 && c.members.some((m) => /白海豚/.test(m.text))), 'the dolphin warning is a claim several outlets carry');
  assert.ok(one.comparison.quotes.some((q) => /周明遠|周明远/.test(q.speaker) && q.outlets.length >= 4), 'the mayor quoted by four outlets');
  assert.equal(one.comparison.summary.length, one.comparison.outlets.length);
  assert.equal((one as { standalone?: unknown }).standalone, null, 'the bridge is no standalone piece');
  // the market report of the same day stands alone, and the API and the page say why
  const marketId = await idOf('港股半日升逾1% 晴川港務股受跨海大橋通車帶動');
  const market = (await json<{ events: Array<{ id: string; members: Array<{ article: string }> }> }>('/api/events?minOutlets=1&limit=200')).events.find((e) => e.members.some((m) => m.article === marketId));
  assert.ok(market, 'the market report has an event');
  assert.equal(market.members.length, 1);
  assert.equal((await json<{ standalone: string | null }>(`/api/events/${market.id}`)).standalone, 'market');
  assert.match((await get(`/event/${market.id}?lang=en`)).body, /A market report: an event of its own/);
  const thread = await json<{ events: Array<{ id: string }> }>(`/api/threads/${bridge.thread}`);
  assert.ok(thread.events.some((e) => e.id === bridge.id), `thread ${bridge.thread}: ${JSON.stringify(thread.events).slice(0, 300)}`);
  const hits = await json<{ total: number; hits: Array<{ id: string }> }>(`/api/search?q=${encodeURIComponent('跨海大橋')}`);
  assert.ok(hits.total >= 3, `search: ${hits.total}`);
  const article = await json<{ paragraphs: string[] }>(`/api/articles/${hits.hits[0]!.id}`);
  assert.ok(article.paragraphs.length > 0, 'paragraphs');
  const spec = await json<{ paths: Record<string, unknown> }>('/api/openapi.json');
  assert.ok(spec.paths['/api/events/{id}'], 'openapi');
  // the event page: the matrix of claims by outlet, for every interface language
  for (const l of ['hans', 'hant', 'en']) {
    const page = await get(`/event/${bridge.id}?lang=${l}`);
    assert.equal(page.status, 200);
    assert.match(page.body, /<table[^>]*>[\s\S]*<caption>/);
  }
});

test('hermetic tier: an XSS payload in an imported article is text on every page, never markup', async () => {
  const id = await idOf('晴川渡口<img src=x onerror=alert(1)>通告');
  const pages = [
    await get(`/article/${id}`),
    await get(`/?q=${encodeURIComponent('晴川渡口')}`),
    await get('/outlets'),
    ...(await store.outlets()).filter((o) => o.id.includes('evil')).map(async (o) => get(`/outlet/${o.id}`)),
  ];
  const resolved = await Promise.all(pages);
  for (const p of resolved) {
    assert.equal(p.status, 200);
    // markup, not text: an element or an attribute the payload would have made
    assert.doesNotMatch(p.body, /<(script|iframe|svg)\b|<[^>]+\son(error|load)=|href="javascript:|src="javascript:/i);
  }
  assert.match(resolved[0]!.body, /<h1>晴川渡口&lt;img src=x onerror=alert\(1\)&gt;通告<\/h1>/);
  assert.match(resolved[1]!.body, /晴川渡口&lt;img src=x onerror=alert\(1\)&gt;通告/);
  // and the policy would stop a script anyway
  const r = await app.request(`/article/${id}`);
  assert.match(r.headers.get('content-security-policy') ?? '', /script-src 'none'/);
});
