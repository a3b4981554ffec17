// The reading pages (issue 19, "Reading pages"), in process through the app's request
// function, on demo/ and a small fictional archive (test/reading-fixtures.ts).
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { importSources } from '../src/import/pipeline.js';
import { createApp } from '../src/server/app.js';
import { analyzeArchive } from '../src/stories/analyze.js';
import { SqliteStore } from '../src/store/sqlite/store.js';
import { AliasTable } from '../src/text/aliases.js';
import { Segmenter } from '../src/text/segment.js';
import { REMOTE_IMAGE, RLO_TITLE, writeReadingArchive } from './reading-fixtures.js';
import { projectRoot } from './shared.js';

const dir = mkdtempSync(join(tmpdir(), 'px-reading-'));
const text = { segmenter: new Segmenter(), aliases: new AliasTable() };
let store: SqliteStore;
let app: ReturnType<typeof createApp>;

before(async () => {
  store = new SqliteStore(join(dir, 'reading.db'));
  await importSources(store, [join(projectRoot, 'demo'), writeReadingArchive(dir)]);
  await analyzeArchive(store, text);
  app = createApp({ store, text, lexicons: [] });
});
after(() => store.close());

const get = async (path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; body: string }> => {
  const r = await app.request(path, { headers });
  return { status: r.status, headers: r.headers, body: await r.text() };
};
const byTitle = async (title: string) => {
  const a = (await store.listArticles({ limit: 500 })).filter((x) => x.title === title);
  assert.ok(a.length, `no article titled ${title}`);
  return a;
};

test('remote images: the article page loads nothing from another host (links instead) and the CSP allows images only from self and data:', async () => {
  const [a] = await byTitle('晴川港新码头启用');
  const r = await get(`/article/${a!.id}?lang=hans`);
  assert.equal(r.status, 200);
  assert.doesNotMatch(r.body, /<img[^>]+src="https?:/, 'no <img> points at another host');
  assert.doesNotMatch(r.body, /<(script|iframe|link[^>]+href="https?:|source|video|audio)/);
  assert.match(r.body, new RegExp(`<a class="image" href="${REMOTE_IMAGE.replace(/\./g, '\\.')}"[^>]*>打开图片（来自 images\\.example\\.net）</a>`));
  assert.match(r.body, /来自 tracker\.example\.org/);
  const csp = r.headers.get('content-security-policy') ?? '';
  assert.match(csp, /img-src 'self' data:;/);
  assert.doesNotMatch(csp, /https?:/, 'no remote scheme anywhere in the policy');
});

test('dates: shown in the outlet\'s local time with its zone and real precision on article, list and event pages', async () => {
  const [gbk] = await byTitle('晴川市举行秋季运动会');
  // second precision, published 09:30:15 +08:00 (01:30:15 UTC)
  const second = await get(`/article/${gbk!.id}`);
  assert.match(second.body, /<time datetime="2031-10-21T01:30:15\.000Z" data-precision="second">2031-10-21 09:30:15 UTC\+8<\/time>/);
  assert.doesNotMatch(second.body, /\.000Z \(/, 'the raw UTC string is not what is shown');
  // day precision: only the day, in the outlet's zone (not 2031-10-19T16:00:00.000Z)
  const [img] = await byTitle('晴川港新码头启用');
  const day = await get(`/article/${img!.id}`);
  assert.match(day.body, /data-precision="day">2031-10-20 UTC\+8<\/time>/);
  assert.doesNotMatch(day.body, /16:00/);
  // minute precision on the search list
  const list = await get('/?q=夜间航班&lang=hans');
  assert.match(list.body, /2031-10-23 20:15 UTC\+8/);
  // the events list: local wall clock with the zone, not "… UTC" after a UTC time
  const events = await get('/events?lang=en');
  assert.match(events.body, /\d{4}-\d\d-\d\d \d\d:\d\d UTC[+−]\d+ – \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
});

test('raw view: GBK and Big5 originals decoded with the recorded encoding, sent as text/plain with its sandbox CSP intact', async () => {
  for (const [title, want] of [['晴川市举行秋季运动会', '数千名市民参加了比赛'], ['晴川市舉行秋季音樂會', '數千名市民到場欣賞']] as const) {
    const [a] = await byTitle(title);
    assert.match(a!.source.encoding, /gb18030|big5/);
    const r = await get(`/api/articles/${a!.id}/raw`);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'text/plain; charset=utf-8');
    assert.ok(r.body.includes(want), `${title}: the raw text reads ${r.body.slice(0, 120)}`);
    assert.ok(!r.body.includes('\ufffd'));
    assert.equal(r.headers.get('content-security-policy'), "default-src 'none'; sandbox", 'the global header did not overwrite the sandbox');
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
  }
});

test('lineage: repeated copies collapse into "N copies" with outlet, date and URL each', async () => {
  const copies = await byTitle('晴川港夜间航班恢复');
  assert.equal(copies.length, 3);
  const pages = await Promise.all(copies.map((c) => get(`/article/${c.id}?lang=en`)));
  const withGroup = pages.find((p) => /<details><summary>[^<]*: 2 copies<\/summary>/.test(p.body));
  assert.ok(withGroup, `one of the copies lists the other two as a group:\n${pages.map((p) => p.body.slice(p.body.indexOf('Lineage'), p.body.indexOf('Lineage') + 600)).join('\n---\n')}`);
  const group = withGroup.body.slice(withGroup.body.indexOf('<details>'), withGroup.body.indexOf('</details>'));
  assert.equal((group.match(/<li>/g) ?? []).length, 2);
  assert.equal((group.match(/2031-10-23 20:15 UTC\+8/g) ?? []).length, 2);
  assert.match(group, /https:\/\/qingchuan-daily\.example\/a\/copy-\d/);
  assert.doesNotMatch(withGroup.body, /duplicate-of|reprint-of/, 'kinds are words, not codes');
  const zh = await get(`/article/${copies[0]!.id}?lang=hans`);
  assert.match(zh.body, /重复稿|转载自/);
});

test('bidi controls: a right-to-left override in a title or body does not reach the page', async () => {
  const [a] = await byTitle(RLO_TITLE);
  const r = await get(`/article/${a!.id}`);
  assert.doesNotMatch(r.body, /[\u202A-\u202E\u2066-\u2069]/);
  assert.match(r.body, /<h1>晴川港口消息<\/h1>/);
  const s = await get('/?q=晴川港口');
  assert.doesNotMatch(s.body, /[\u202A-\u202E\u2066-\u2069]/);
});

test('accessibility: zh-Hant marked, search page h1, skip link, date labels, claims table caption and header scope', async () => {
  const [big5] = await byTitle('晴川市舉行秋季音樂會');
  const trad = await get(`/article/${big5!.id}?lang=hans`);
  assert.match(trad.body, /<article class="full" data-script="hant" lang="zh-Hant">/);
  const [gbk] = await byTitle('晴川市举行秋季运动会');
  assert.match((await get(`/article/${gbk!.id}?lang=hans&script=hant`)).body, /lang="zh-Hant"/);
  const search = await get('/?lang=hans');
  assert.match(search.body, /<h1>搜索<\/h1>/);
  assert.match(search.body, /<a class="skip" href="#main">跳到正文<\/a>/);
  assert.match(search.body, /<main id="main">/);
  assert.match(search.body, /<label>起 <input type="date" name="since"/);
  assert.match(search.body, /<label>止 <input type="date" name="until"/);
  const hits = await get('/?q=音樂會&lang=hans');
  assert.match(hits.body, /<div class="hit" lang="zh-Hant">/);
  const { events } = await store.listEvents({ minOutlets: 2, limit: 1 });
  const ev = await get(`/event/${events[0]!.id}?lang=hans`);
  assert.match(ev.body, /<table class="matrix"[^>]*><caption>每行一个说法/);
  assert.match(ev.body, /<th scope="col" class="claim">/);
  assert.match(ev.body, /<th scope="row" class="claim"/);
  assert.match(ev.body, /<th scope="row">/);
});

test('i18n: no English roles, kinds or query errors in the Chinese interface; the 繁 title; the current language marked; Accept-Language picks the first supported', async () => {
  const { events } = await store.listEvents({ minOutlets: 2, limit: 10 });
  for (const e of events) {
    const body = (await get(`/event/${e.id}?lang=hant`)).body;
    assert.doesNotMatch(body, / · (report|reprint|update|commentary|preview)</, 'roles are translated');
    assert.doesNotMatch(body, /title="(person|place|organisation)"/);
    assert.match(body, new RegExp(`<title>${e.label.hant.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} · Parallax</title>`));
    assert.match(body, /<a href="[^"]*lang=hant" aria-current="true">繁<\/a>/);
    assert.doesNotMatch(body, /aria-current="true">简/);
  }
  // a source naming no outlet: "unknown" in the interface's language
  const [gbk] = await byTitle('晴川市举行秋季运动会');
  assert.equal(gbk!.outlet.id, 'unknown');
  assert.match((await get(`/article/${gbk!.id}?lang=hant`)).body, /<p class="meta"[^>]*>不詳 · /);
  const bad = await get('/?q=nosuchfield:x&lang=hant');
  assert.equal(bad.status, 400);
  assert.match(bad.body, /查詢有誤/);
  const pick = async (al: string): Promise<string> => /<html lang="([^"]+)"/.exec((await get('/', { 'accept-language': al })).body)![1]!;
  assert.equal(await pick('fr, zh-TW'), 'zh-Hant');
  assert.equal(await pick('fr;q=0.9, en;q=0.8, zh-TW;q=0.5'), 'en');
  assert.equal(await pick('de'), 'zh-Hans');
  assert.equal(await pick('zh-HK;q=0, zh-CN'), 'zh-Hans');
});

test('Server-Timing: every answer, page, API or error, says how long the server worked on it', async () => {
  const [a] = await byTitle('晴川港新码头启用');
  for (const path of ['/api/health', `/article/${a!.id}`, '/api/search?q=%E6%99%B4%E5%B7%9D', '/api/articles/nothex']) {
    const r = await get(path);
    const header = r.headers.get('server-timing') ?? '';
    const m = /^total;dur=([\d.]+);desc="server time"$/.exec(header);
    assert.ok(m, `${path} (${r.status}): Server-Timing is "${header}"`);
    assert.ok(Number(m[1]) >= 0 && Number(m[1]) < 60_000, `${path}: ${m[1]} ms`);
  }
});
