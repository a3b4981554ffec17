// Clean text and metadata (issue 19): site names and sections out of titles, captions and
// credits to figures, related-article lists and video shortcodes out of the text, wire
// datelines whole, no outlet from a URL without a host. Fictional fixtures in testdata/.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { Article } from '../article.js';
import { outletRules, resolveOutlet } from '../outlets/resolve.js';
import { toSimplified } from '../text/script.js';
import { cleanBody } from './boilerplate.js';
import { wireDateline } from './credits.js';
import { buildDraft } from './draft.js';
import { extractHtml } from './html.js';
import { markdownParts } from './markdown.js';
import { cleanTitle } from './title.js';
import { hostOf } from './urls.js';

const fixture = (name: string): string => readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8');
const clean = (html: string, outlet = 'unknown-site') => cleanBody(extractHtml(html, { dropSelectors: outletRules(outlet).dropSelectors }), '', outletRules(outlet));
const titleOf = (raw: string, outlet: string) => cleanTitle(raw, resolveOutlet({ id: outlet, name: outlet }));

test('site names left in titles: outlet names in any script, sections and markers are taken off', () => {
  assert.deepEqual(titleOf('晴川大桥通车 | 政治 新闻 | 半岛电视台', 'aj'), { title: '晴川大桥通车', sections: ['政治 新闻'] });
  assert.deepEqual(titleOf('晴川大橋通車 | 中東 | 半島電視台', 'aj'), { title: '晴川大橋通車', sections: ['中東'] });
  assert.equal(titleOf('晴川大桥通车 | 半岛电视台', 'aj').title, '晴川大桥通车');
  assert.deepEqual(titleOf('晴川大桥的意义 - 法国世界报', 'rfi'), { title: '晴川大桥的意义', sections: ['法国世界报'] });
  assert.equal(titleOf('晴川大桥的意义 - 要闻解说', 'rfi').title, '晴川大桥的意义');
  assert.equal(titleOf('我们可以拥有完全不同的桥 - iYouPort', 'iyouport').title, '我们可以拥有完全不同的桥');
  assert.equal(titleOf('晴川大橋通車 居民歡迎[影]', 'cna').title, '晴川大橋通車 居民歡迎');
});

test('site names left in titles: a real title part is never taken', () => {
  // a dash inside a word, a subtitle after a dash, a pipe in the headline before the site name
  assert.equal(titleOf('COVID-19疫情下的晴川', 'aj').title, 'COVID-19疫情下的晴川');
  assert.equal(titleOf('与晴川对话2031 - 什么是大桥？ - iYouPort', 'iyouport').title, '与晴川对话2031 - 什么是大桥？');
  assert.equal(titleOf('晴川大桥 - 一个城市的梦 | 半岛电视台', 'aj').title, '晴川大桥 - 一个城市的梦');
  // a column word of one outlet is a title part of another
  assert.equal(titleOf('晴川大桥的意义 - 要闻解说', 'dw').title, '晴川大桥的意义 - 要闻解说');
  // the marker only at the end, and a title that is only the site name stays
  assert.equal(titleOf('[影]晴川大橋', 'cna').title, '[影]晴川大橋');
  assert.equal(titleOf('半岛电视台', 'aj').title, '半岛电视台');
  // the section goes to the categories of the draft
  const d = buildDraft({ title: '晴川大桥通车 | 科技 | 半岛电视台', outlet: { id: 'aj' }, body: { html: '<p>大桥今天通车。</p>' } });
  assert.equal(d.title, '晴川大桥通车');
  assert.ok(d.categories.includes('科技'));
});

test('a credit after the last sentence of a paragraph goes to the credits (CNA: …病例。（編輯：楊昇儒）1101218)', () => {
  const b = clean('<p>（東方社晴川14日電）晴川跨海大橋今天通車。</p><p>大橋全長十二公里，歷時五年建成。（編輯：林海舟/周明遠）1101014</p>', 'cna');
  assert.deepEqual(b.paragraphs, ['（東方社晴川14日電）晴川跨海大橋今天通車。', '大橋全長十二公里，歷時五年建成。']);
  assert.deepEqual(b.credits.editor, ['林海舟', '周明遠']);
  // a bracket in the middle of a sentence, or one without a role, stays text
  assert.deepEqual(clean('<p>市長表示（記者：林海舟）大橋今天通車。</p><p>大橋全長十二公里。（約合七英里）</p>').paragraphs, ['市長表示（記者：林海舟）大橋今天通車。', '大橋全長十二公里。（約合七英里）']);
});

test('gallery captions go to figures: DW 相关图集 with one caption per slide', () => {
  const b = clean(fixture('gallery.html'), 'dw');
  assert.deepEqual(b.paragraphs, ['望潮岛渔港今年秋天迎来了第一批远洋渔船。', '港务局表示，新码头将在明年投入使用。']);
  assert.deepEqual(b.figures.map((f) => f.caption), ['春汛：三月，渔民修补渔网，准备出海。', '盛夏：七月的码头挤满了收购海鲜的商贩。', '台风季：九月，渔船回港避风。']);
});

test('photo captions and credits go to figures: credit then caption (BBC), caption then 图 credit line (Reuters)', () => {
  const b = clean(fixture('credit-caption.html'), 'bbc');
  assert.deepEqual(b.figures[0], { src: 'https://img.example/bridge.jpg', caption: '晴川跨海大桥夜景', credit: '晴川图片社' });
  assert.equal(b.figures[1]!.credit, '晴川日报');
  // a heading after a credit is not the picture's caption
  assert.equal(b.figures[1]!.caption, 'Mayor');
  assert.deepEqual(b.figures[2], { src: '', caption: '无人机拍摄的通车仪式现场', credit: '东方社/林海舟' });
  assert.deepEqual(b.paragraphs, ['大桥今天上午正式通车，全长十二公里。', '渔民的看法', '望潮岛的渔民普遍表示欢迎。', '市政府说，通车后车程将缩短至二十分钟。', '图：望潮岛客流量的变化']);
});

test('photo credits: a credit away from its picture takes no caption; older stored articles still parse', () => {
  const b = clean('<img src="https://img.example/a.jpg" alt=""><p>大桥今天通车，全长十二公里。</p><p>图片来源：晴川日报</p><p>渔民的看法</p>');
  assert.equal(b.figures[0]!.credit, '晴川日报');
  assert.equal(b.figures[0]!.caption, '');
  assert.deepEqual(b.paragraphs, ['大桥今天通车，全长十二公里。', '渔民的看法']);
  // an article stored before figures had credits and articles had related links
  const d = buildDraft({ title: '晴川大桥通车', outlet: {}, body: { html: '<img src="https://img.example/a.jpg" alt="桥"><p>大桥今天通车了。</p>' } });
  const { identity: _i, ...fields } = d;
  const old = { ...fields, id: '0123456789abcdef', script: 'hans', source: { kind: 'file', format: 'html', encoding: 'utf-8', sha256: '0'.repeat(64) } };
  assert.equal('related' in old, false);
  assert.equal(Article.parse(old).figures[0]!.credit, undefined);
});

test('related-article lists leave the paragraphs for their own field: CNA 延伸閱讀 and insert boxes', () => {
  const d = buildDraft({ title: '晴川跨海大橋通車', outlet: { id: 'cna' }, body: { html: fixture('related.html') } });
  assert.equal(d.paragraphs.length, 2);
  assert.ok(!d.paragraphs.some((p) => /延伸閱讀|•|樓價/.test(p)), d.paragraphs.join('\n'));
  assert.deepEqual(d.related, [
    { url: 'https://news.example/a/1.aspx', title: '影片／晴川大橋合龍 全線貫通' },
    { url: 'https://news.example/a/2.aspx', title: '望潮島樓價一年升兩成 居民喜憂參半' },
    { url: 'https://news.example/a/3.aspx', title: '白海豚棲息地監測 環團要求公開數據' },
  ]);
  // an article without such a list has no field (older archives read the same)
  assert.equal(buildDraft({ title: 't', outlet: {}, body: { html: '<p>大桥今天通车了。</p>' } }).related, undefined);
});

test('hkcnews video shortcodes become media, not text', () => {
  const md = '大橋今日通車。\n\n{{< video src="https://web.archive.org/web/20311014if_/https://video.example/embed/abc" >}}\n\n{{< youtube xyz123 >}}\n\n居民歡迎。';
  const b = clean(markdownParts(md) as never);
  assert.deepEqual(b.paragraphs, ['大橋今日通車。', '居民歡迎。']);
  // a video inside a snapshot is only reachable through the archive: its URL is kept as is
  assert.deepEqual(b.media.map((m) => [m.kind, m.src]), [['video', 'https://web.archive.org/web/20311014if_/https://video.example/embed/abc'], ['video', 'https://www.youtube.com/embed/xyz123']]);
  // a shortcode inside a sentence is left alone
  assert.equal(markdownParts('見 {{< video src="x" >}} 片段').length, 1);
});

test('wire line 「（中央社台北15日電）」 kept whole, and the script toggle converts it', () => {
  const w = wireDateline(['（中央社晴川15日電）跨海大橋今天通車。'])!;
  assert.equal(w.text, '（中央社晴川15日電）');
  assert.equal(wireDateline(['（中央社記者林海舟晴川15日電）大橋通車。'])!.text, '（中央社記者林海舟晴川15日電）');
  assert.equal(wireDateline(['【共同社東京12月15日電】大橋通車。'])!.text, '【共同社東京12月15日電】');
  assert.equal(wireDateline(['（中央社晴川18日綜合報導）大橋通車。'])!.text, '（中央社晴川18日綜合報導）');
  assert.equal(wireDateline(['（中央社記者林海舟晴川18日綜合報導）大橋通車。'])!.text, '（中央社記者林海舟晴川18日綜合報導）');
  assert.equal(toSimplified(w.text), '（中央社晴川15日电）');
});

test('URLs without a host give no outlet: javascript:, urn:, file: are unknown, not one made-up outlet', () => {
  for (const u of ['javascript:void(0)', 'urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66', 'file:///tmp/a.html', 'mailto:desk@news.example']) {
    assert.equal(hostOf(u), undefined, u);
    assert.equal(resolveOutlet({ domain: hostOf(u) }).id, 'unknown', u);
  }
  assert.equal(resolveOutlet({ domain: '' }).id, 'unknown');
  // a named site keeps its name whatever its URL
  assert.equal(resolveOutlet({ name: '晴川日报', domain: hostOf('urn:x') }).name, '晴川日报');
  assert.equal(hostOf('https://news.example/a'), 'news.example');
});
