import assert from 'node:assert/strict';
import { test } from 'node:test';
import { wireDateline, parseCreditLine } from './credits.js';
import { parseDate } from './dates.js';
import { extractHtml } from './html.js';
import { markdownParts, partHtml } from './markdown.js';
import { canonicalPair, unwrapArchiveUrl, unwrapProxyUrl } from './urls.js';
import { looksMojibake } from './flags.js';

test('dates: every form seen in the archives, with precision and the local day', () => {
  assert.deepEqual(parseDate('Thu, 16 Dec 2021 06:21:53 GMT', 480), { at: '2021-12-16T06:21:53.000Z', precision: 'second', day: '2021-12-16', original: 'Thu, 16 Dec 2021 06:21:53 GMT' });
  assert.equal(parseDate('2021-12-16T08:42:17.971Z', 480)!.at, '2021-12-16T08:42:17.971Z');
  assert.equal(parseDate('2021-12-13 22:01:53.000000000 +08:00', 480)!.at, '2021-12-13T14:01:53.000Z');
  // zone-less local time of a UTC+8 outlet
  assert.equal(parseDate('2021-10-28 14:08:07', 480)!.at, '2021-10-28T06:08:07.000Z');
  const day = parseDate('2021-12-16', 480)!;
  assert.equal(day.precision, 'day');
  assert.equal(day.day, '2021-12-16');
  assert.equal(day.at, '2021-12-15T16:00:00.000Z');
  assert.equal(parseDate('2021年12月16日 14:08', 480)!.precision, 'minute');
  assert.equal(parseDate('', 480), null);
  assert.equal(parseDate('yesterday', 480), null);
  assert.equal(parseDate('2021-13-40', 480), null);
});

test('urls: wayback snapshots and CORS proxies are unwrapped', () => {
  assert.equal(unwrapArchiveUrl('https://web.archive.org/web/20220518032834/https://hkcnews.com/article/49162/x'), 'https://hkcnews.com/article/49162/x');
  assert.equal(unwrapArchiveUrl('https://web.archive.org/web/20220518032834im_/https://a.example/p.png'), 'https://a.example/p.png');
  assert.equal(unwrapArchiveUrl('https://example.org/'), null);
  assert.equal(unwrapProxyUrl('https://cors.zfour.workers.dev/?http://zkres1.myzaker.com/a.jpg'), 'http://zkres1.myzaker.com/a.jpg');
  assert.equal(unwrapProxyUrl('https://images.weserv.nl/?url=static.dw.com/image/1.jpg'), 'https://static.dw.com/image/1.jpg');
  assert.deepEqual(canonicalPair(['https://web.archive.org/web/2022/https://x.example/a']), { url: 'https://x.example/a', archiveUrl: 'https://web.archive.org/web/2022/https://x.example/a' });
});

test('wire datelines: Xinhua, CNA (reporters first), Reuters, Kyodo', () => {
  assert.deepEqual(wireDateline(['新华社北京12月15日电（记者杨依军）国家主席习近平…']), { agency: '新华社', place: '北京', day: '12-15', reporters: ['杨依军'], text: '新华社北京12月15日电（记者杨依军）' });
  const cna = wireDateline(['（中央社記者陳婕翎、江慧珺台北13日電）中央流行疫情指揮中心宣布…'])!;
  assert.equal(cna.agency, '中央社');
  assert.equal(cna.place, '台北');
  assert.deepEqual(cna.reporters, ['陳婕翎', '江慧珺']);
  assert.equal(wireDateline(['路透伦敦/纽约12月13日 - 银行界…'])!.place, '伦敦/纽约');
  assert.equal(wireDateline(['【共同社利物浦12月13日电】七国集团…'])!.day, '12-13');
  assert.equal(wireDateline(['今天天气很好，新华社北京12月15日电不在句首。']), null);
});

test('credit lines become credits, ordinary sentences do not', () => {
  assert.deepEqual(parseCreditLine('责任编辑：刘万里 SF014'), { role: '责任编辑', names: ['刘万里'] });
  assert.deepEqual(parseCreditLine('策划：陈贽、范伟国'), { role: '策划', names: ['陈贽', '范伟国'] });
  assert.deepEqual(parseCreditLine('编辑丨刘冲'), { role: '编辑', names: ['刘冲'] });
  assert.equal(parseCreditLine('记者在现场看到，大桥车流平稳，市民纷纷拍照留念，场面热闹。'), null);
});

test('html: blocks, figures with captions, dropped ad slots, iframes as media', () => {
  const ex = extractHtml('<div><img data-src="//a.example/1.jpg" alt="一"><figcaption>桥</figcaption><p>第一段。<br>第二段。</p><div id="dfp-ad-1"><p>广告</p></div><iframe src="//v.example/p"></iframe><script>alert(1)</script></div>');
  assert.deepEqual(ex.blocks.map((b) => b.text), ['第一段。', '第二段。']);
  assert.deepEqual(ex.figures, [{ src: 'https://a.example/1.jpg', caption: '桥' }]);
  assert.equal(ex.media[0]!.src, 'https://v.example/p');
});

test('html: 20,000 levels of nesting and truncated markup are read without recursion', () => {
  const deep = '<div>'.repeat(20000) + '<p>深处的文字。</p>' + '</div>'.repeat(20000);
  assert.deepEqual(extractHtml(deep).blocks.map((b) => b.text), ['深处的文字。']);
  assert.deepEqual(extractHtml('<p>完整的一段。</p><p>被截断的一').blocks.map((b) => b.text), ['完整的一段。', '被截断的一']);
});

test('mojibake is detected, real half-width punctuation is not', () => {
  assert.equal(looksMojibake('內?￥ﾍﾻ是ﾍﾻ的ｷｸ文字' + '正常文字'.repeat(20)), true);
  assert.equal(looksMojibake('美总统提名卡罗琳･肯尼迪出任驻澳大使'.repeat(3)), false);
});

test('markdown: plain blocks sent straight to the extractor give what the joined HTML gives', () => {
  // every kind of block, entities that must stay literal, and raw HTML that leaves an element
  // or a comment open (after which the rest goes through the parser)
  const bodies = [
    '# 標題 & 副題\n\n第一段，AT&T 與 &amp; 及 <b>不是標籤</b>。\n\n- 一項\n- **二項**\n\n> 引述\n\n第二行\n第三行\n\n[連結](https://example.org/a) 在段中\n\n![圖](https://example.org/p.jpg)\n\n<figure>\n<img src="https://example.org/q.jpg" alt="說明">\n<figcaption>圖說</figcaption>\n</figure>\n\n圖後一段。\n\n---\n\n尾段',
    '<div class="note">\n開了沒關\n\n這段在 div 裏。\n\n另一段。',
    '<!-- 註解未完\n\n被註解吞掉的段落。\n\n-->\n\n註解後的段落。',
    '<p>未關的段落\n\n下一段。',
    '<p class="lead">\n\n在開著的段落之後。\n\n</p>\n\n之後。',
    '<div class="dfp-ad">\n\n廣告裏的段落。\n\n</div>\n\n正文。',
  ];
  for (const md of bodies) {
    for (const endAtRule of [false, true]) {
      const parts = markdownParts(md, endAtRule);
      const joined = extractHtml(parts.map(partHtml).join('\n'));
      const direct = extractHtml(parts);
      assert.deepEqual(direct, joined, md);
    }
  }
  // the plain blocks really are plain text
  const parts = markdownParts('第一段，AT&T。\n\n[連結](https://example.org/)');
  assert.deepEqual(parts[0], { tag: 'p', text: '第一段，AT&T。' });
  assert.ok('html' in parts[1]!);
});
