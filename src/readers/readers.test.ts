import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import iconv from 'iconv-lite';
import { decodeBytes } from './encoding.js';
import { readDocument, RejectError, SkipError } from './index.js';
import { isCandidatePath } from './sources.js';
import { SEGMENTED_THRESHOLD, segmentedRatio } from './text.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`./testdata/${name}`, import.meta.url));
const read = (name: string) => readDocument(fixture(name), name);

test('hexo mirror: outlet from author, proxy unwrapped, boilerplate out, credits in', () => {
  const r = read('hexo-post.md');
  assert.equal(r.format, 'hexo-mirror');
  const d = r.drafts[0]!;
  assert.equal(d.title, '晴川跨海大桥今日通车 全长十二公里');
  assert.equal(d.outlet.name, '晴川日报');
  assert.equal(d.published!.at, '2031-10-14T02:30:00.000Z');
  assert.equal(d.figures[0]!.src, 'http://img.qingchuan.example/2031/bridge.jpg');
  assert.equal(d.figures[0]!.caption, '大桥夜景。');
  const text = d.paragraphs.join('\n');
  for (const bad of ['赞助内容', '海量资讯', '责任编辑', '出品人', '{', 'float']) assert.ok(!text.includes(bad), bad);
  assert.equal(d.paragraphs.length, 3);
  assert.ok(d.paragraphs[2]!.startsWith('据介绍'));
  assert.deepEqual(d.credits.editor, ['陈小舟']);
  assert.deepEqual(d.credits.roles['出品人'], ['王一帆']);
  assert.equal(d.wire!.agency, '东方社');
});

test('jekyll NodeBE4 mirror: from → url, epoch comment → fetched, header lines dropped', () => {
  const r = read('jekyll-nodebe4.md');
  assert.equal(r.format, 'jekyll-nodebe4');
  const d = r.drafts[0]!;
  assert.equal(d.url, 'https://www.nanyang-morning.example/news/2031/10/14/bridge');
  assert.equal(d.fetched!.at, new Date(1918371600000).toISOString());
  assert.equal(d.figures[0]!.caption, '通车首日的车流。');
  assert.equal(d.paragraphs[0], '晴川跨海大桥昨天通车，望潮岛上的渔民和商户普遍表示欢迎。');
  assert.equal(d.paragraphs.length, 3);
});

test('jekyll agora0 mirror: CRLF plain-text body, outlet from categories', () => {
  const r = read('jekyll-agora0.md');
  assert.equal(r.format, 'jekyll-agora0');
  const d = r.drafts[0]!;
  assert.equal(d.published!.at, '2031-10-14T03:20:00.000Z');
  assert.equal(d.paragraphs.length, 3);
  assert.ok(!d.paragraphs.some((p) => p.includes('\r')));
});

test('hkcnews archive: snapshot unwrapped, title repeat and trailer dropped, day precision', () => {
  const r = read('hkcnews.md');
  assert.equal(r.format, 'hkcnews-md');
  const d = r.drafts[0]!;
  assert.equal(d.url, 'https://harbourdaily.example/article/777/bridge');
  assert.equal(d.archiveUrl, 'https://web.archive.org/web/20320101000000/https://harbourdaily.example/article/777/bridge');
  assert.equal(d.published!.precision, 'day');
  assert.equal(d.published!.day, '2031-10-15');
  assert.equal(d.updated!.at, '2031-10-15T11:21:34.000Z');
  assert.deepEqual(d.paragraphs, ['晴川跨海大橋昨日通車，望潮島部分漁民擔心客源流失。', '學者梁思遠指出，政府應為受影響的船家設立過渡安排。']);
  assert.equal(d.figures[0]!.caption, '望潮島碼頭。');
});

test('saved full page: main text only, metadata from head', () => {
  const r = read('page.html');
  assert.equal(r.format, 'html-page');
  const d = r.drafts[0]!;
  assert.equal(d.title, '晴川跨海大桥通车首日车流平稳');
  assert.equal(d.url, 'https://news.dongfang.example/2031/10/14/bridge-traffic.html');
  assert.equal(d.published!.at, '2031-10-14T10:00:00.000Z');
  assert.equal(d.paragraphs.length, 3, d.paragraphs.join('|'));
  assert.ok(!d.paragraphs.join('').includes('版权所有'));
  assert.ok(!d.paragraphs.join('').includes('天气预报'));
});

test('feeds: RSS 2.0, Atom and JSON Feed items are articles', () => {
  const rss = read('feed.rss');
  assert.equal(rss.format, 'rss');
  assert.equal(rss.drafts.length, 2);
  assert.equal(rss.drafts[0]!.published!.at, '2031-10-19T04:00:00.000Z');
  assert.deepEqual(rss.drafts[1]!.paragraphs, ['大桥夜间灯光秀昨晚首演，吸引大批市民驻足观看。']);
  const atom = read('feed.atom');
  assert.equal(atom.format, 'atom');
  assert.equal(atom.drafts[0]!.updated!.at, '2031-10-15T12:00:00.000Z');
  const json = read('feed.json');
  assert.equal(json.format, 'json-feed');
  assert.deepEqual(json.drafts[0]!.tags, ['环境']);
});

test('segmented text: running text recovered, given tokens kept', () => {
  const r = read('segmented.txt');
  assert.equal(r.format, 'segmented-text');
  const d = r.drafts[0]!;
  assert.equal(d.title, '晴川跨海大桥今日通车');
  assert.equal(d.paragraphs[0], '连接晴川市与望潮岛的跨海大桥今天上午正式通车。');
  const [s, e] = d.givenTokens![0]![1]!;
  assert.equal(d.paragraphs[0]!.slice(s, e), '晴川市');
});

test('non-articles are skipped, bad files rejected with a reason', () => {
  assert.equal(isCandidatePath('site/_config.yml'), false);
  assert.equal(isCandidatePath('img/logo.png'), false);
  assert.equal(isCandidatePath('_posts/a.md'), true);
  assert.throws(() => read('README.md'), SkipError);
  assert.throws(() => readDocument(Buffer.from('---\ntitle: [unclosed\n---\n正文'), 'x.md'), (e: Error) => e instanceof RejectError && /malformed YAML/.test(e.message));
  assert.throws(() => readDocument(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 2, 3]), 'x.md'), (e: Error) => e instanceof RejectError && /binary/.test(e.message));
  assert.throws(() => readDocument(Buffer.from('---\ntitle: x\n正文没有结束'), 'x.md'), /never closed/);
});

test('encodings: UTF-8 BOM, GBK, Big5, invalid UTF-8', () => {
  const text = '---\ntitle: 晴川跨海大桥通车\ndate: 2031-10-14\n---\n\n连接晴川市与望潮岛的跨海大桥今天上午正式通车，市民纷纷前往参观。\n';
  assert.equal(decodeBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])).encoding, 'utf-8-bom');
  const gbk = readDocument(iconv.encode(text, 'gbk'), 'a.md');
  assert.equal(gbk.encoding, 'gb18030');
  assert.equal(gbk.drafts[0]!.title, '晴川跨海大桥通车');
  const trad = '---\ntitle: 晴川跨海大橋通車\n---\n\n連接晴川市與望潮島的跨海大橋今天上午正式通車，市民紛紛前往參觀。\n';
  const big5 = readDocument(iconv.encode(trad, 'big5'), 'b.md');
  assert.equal(big5.encoding, 'big5-hkscs');
  assert.equal(big5.drafts[0]!.title, '晴川跨海大橋通車');
  const broken = Buffer.concat([Buffer.from(text), Buffer.from([0xff, 0xfe, 0xfd])]);
  const r = readDocument(broken, 'c.md');
  assert.equal(r.encoding, 'utf-8-lossy');
  assert.equal(r.drafts[0]!.title, '晴川跨海大桥通车');
});

test('segmented file read as segmented: the demo wire text and the fixture clear the threshold by far', () => {
  const demo = readFileSync(new URL('../../demo/08-wire-segmented.txt', import.meta.url));
  const r = readDocument(demo, '08-wire-segmented.txt');
  assert.equal(r.format, 'segmented-text');
  assert.equal(r.drafts[0]!.title, '晴川跨海大桥正式通车');
  for (const bytes of [demo, fixture('segmented.txt')]) assert.ok(segmentedRatio(bytes.toString('utf8')) > SEGMENTED_THRESHOLD + 0.15);
  // running text with spaces between a headline's phrases stays far below
  const running = '晴川跨海大桥正式通车 望潮岛居民欢迎\n连接晴川市与望潮岛的跨海大桥今天上午正式通车，全长十二公里，历时五年建成，是本市最长的桥梁。市长在通车仪式上表示，这座桥把两岸的日常生活连在了一起。';
  assert.ok(segmentedRatio(running) < 0.1);
  assert.equal(readDocument(Buffer.from(running), 'a.txt').format, 'plain-text');
});

test('demo: 晴川日报 is one outlet in both of its files', () => {
  const ids = ['02-qingchuan-daily.md', '06-qingchuan-typhoon.rss'].map((f) =>
    readDocument(readFileSync(new URL(`../../demo/${f}`, import.meta.url)), f).drafts[0]!.outlet);
  assert.equal(ids[0]!.id, ids[1]!.id);
  assert.equal(ids[0]!.name, '晴川日报');
});
