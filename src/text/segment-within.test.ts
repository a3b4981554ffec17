// A segmenter's view of one article (Segmenter.within): a text inside one of its paragraphs,
// edged at jieba's block edges, is cut and tagged from the paragraph's pieces, the same words
// and tags as cutting it alone; any other text is cut as before. Fictional paragraphs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Segmenter } from './segment.js';
import { splitSentences } from './sentences.js';

const paragraphs = [
  '晴川港务局周三宣布，望潮岛渡轮因风暴暂停航行，全部19名船员已于下午3时撤离。港务局长邱海澄说：“渡轮会在风暴过后恢复航行。”',
  '晴川港務局週三宣佈，望潮島渡輪暫停航行；島上居民擔心物資短缺，超市的蔬菜已經售罄！',
  '气象台预计风暴周五减弱 ，Ferry Co. 的股价下跌3.5%，市值约2.4亿元（约合3000万美元）。',
  '2031年3月4日，晴川市议会以21票对9票通过海堤预算  议员石春霖表示：海堤工程明年动工。',
  // inside this paragraph 所持 and 显着 are words; cut alone, 教授所持 and 拥有非常显着 end in single characters
  '邱海澄对教授所持的观点表示认同，居民都拥有非常显着的改善。',
];

/** the texts a comparison asks of an article: sentences, their clauses, quotations, and some that lie across block edges */
function asked(): string[] {
  const out: string[] = [];
  for (const p of paragraphs) {
    out.push(p);
    for (const s of splitSentences(p)) {
      out.push(s.text);
      out.push(...s.text.split(/[，；：]/).filter(Boolean));
    }
  }
  out.push('渡轮会在风暴过后恢复航行。', '港务局', '望潮岛渡', '3.5%，市值', 'Co', '明年动工', '教授所持', '拥有非常显着', '不在任何段落里的句子。', '');
  return out;
}

test('a view of an article cuts and tags each text as the segmenter does alone', () => {
  const seg = new Segmenter();
  // the case the block edges are for: pieces of a paragraph that jieba cuts otherwise alone
  assert.notDeepEqual(seg.words('教授所持'), ['教授', '所持']);
  const view = seg.within(paragraphs);
  for (const text of asked()) {
    assert.deepEqual(view.words(text), seg.words(text), `words: ${text}`);
    assert.deepEqual(view.words(text, 'normal'), seg.words(text, 'normal'), `normal words: ${text}`);
    assert.deepEqual(view.tag(text), seg.tag(text), `tags: ${text}`);
  }
});

test('a view cuts no sentence or clause of its paragraphs again, and cuts the rest itself', () => {
  const seg = new Segmenter();
  const alone: string[] = [];
  const words = seg.words.bind(seg), tag = seg.tag.bind(seg);
  seg.words = (text, form) => { alone.push(text); return words(text, form); };
  seg.tag = (text) => { alone.push(text); return tag(text); };
  const view = seg.within(paragraphs);
  for (const p of paragraphs) for (const s of splitSentences(p)) {
    view.words(s.text, 'normal');
    view.tag(s.text);
    for (const clause of s.text.split('，')) view.words(clause, 'normal');
  }
  assert.deepEqual(alone, [], 'every sentence and clause came from its paragraph\'s pieces');
  // inside a block (港务局 is the start of 港务局长…): cut alone, as jieba would cut it alone
  view.words('港务局');
  view.words('不在任何段落里的句子。');
  assert.deepEqual(alone, ['港务局', '不在任何段落里的句子。']);
  // a text tagged alone is tagged once
  view.tag('港务局'); view.tag('港务局');
  assert.equal(alone.filter((t) => t === '港务局').length, 2, 'one cut and one tag');
});
