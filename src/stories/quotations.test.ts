// Quotation marks as outlets use them, and who speaks the quotations found with them, on
// fictional sentences.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AliasTable } from '../text/aliases.js';
import { Segmenter } from '../text/segment.js';
import { fictionalArticle } from './fictional-article.js';
import { quotationsOf, straightMarks } from './quotations.js';
import { findQuotes, speakerKey } from './quotes.js';

const ctx = { segmenter: new Segmenter(), aliases: new AliasTable() };
const never = (): boolean => false;
const texts = (s: string, introduced: (b: string) => boolean = never): string[] => quotationsOf(s, introduced).map((q) => q.text);

const article = (id: string, paragraphs: string[]) => fictionalArticle(id, 'harbour', paragraphs);
const speakers = (paragraphs: string[]): string[] => findQuotes([article('00000000000000a1', paragraphs)], ctx).map((f) => `${f.n}:${speakerKey(f.speaker, ctx)}`);

test('quotations: every kind of mark, nested quotations inside, short ones only after a verb of saying', () => {
  assert.deepEqual(texts('邱海澄说：「码头将在『风暴过后』重新开放」。'), ['码头将在『风暴过后』重新开放']);
  assert.deepEqual(texts('他说“渡轮明天恢复航行”，又说‘票价维持不变’。'), ['渡轮明天恢复航行', '票价维持不变']);
  assert.deepEqual(texts('他说"渡轮明天恢复航行"。'), ['渡轮明天恢复航行']);
  // a scare-quoted word is no quotation; the same word after a verb of likening is
  assert.deepEqual(texts('这家“老字号”渡轮公司停航了。'), []);
  assert.deepEqual(texts('他把码头比喻成“旧鞋子”。', (b) => /比喻成$/.test(b)), ['旧鞋子']);
});

test('quotations: “…“ closed with an opening mark only when no closing mark follows; a quotation never closed runs to its full stop', () => {
  assert.deepEqual(texts('邱海澄说：“渡轮明天恢复航行。“'), ['渡轮明天恢复航行。']);
  // the second “ opens a quotation that ” closes: the first was never closed
  assert.deepEqual(texts('港务局称码头“已经全面检修完毕。晴川日报的评论称：“这是迟来的好消息。”'), ['已经全面检修完毕', '这是迟来的好消息。']);
  assert.deepEqual(texts('他对乘客表示，他将"继续守护这条航线，直到退休为止。'), ['继续守护这条航线，直到退休为止']);
});

test('quotations: ”…“ the wrong way round is put right, same length', () => {
  const s = '局长称赞船员走过”不平凡“的一年，承诺渡轮将”永远准点开航“。';
  const straight = straightMarks(s);
  assert.equal(straight.length, s.length);
  assert.deepEqual(texts(straight), ['永远准点开航']);
  // a sentence with marks the right way round is left alone
  assert.equal(straightMarks('他说“渡轮明天恢复航行”。'), '他说“渡轮明天恢复航行”。');
});

test('quotes: 据…报道 names the source when no one says it, and the source speaks in no later sentence', () => {
  assert.deepEqual(speakers([
    '据晴川日报报道，港务局长在码头视察时，“对渡轮的维修进度表示满意”。',
    '并称“码头明年还会再扩建一次”。',
  ]), ['0:晴川日报']);
});

test('quotes: “…”的X is X\'s words; a subjectless 并称 goes on with who spoke just before; a person before 的 owns the speaker', () => {
  assert.deepEqual(speakers(['有人说，比起“要把码头全部拆掉”的邱海澄，岑澜汐算温和的。']), ['0:邱海澄']);
  assert.deepEqual(speakers([
    '港务局长邱海澄周二表示：“渡轮会在风暴过后恢复航行。”',
    '并称“所有船员都已经平安返回晴川港”。',
  ]), ['0:邱海澄', '1:邱海澄']);
  // a sentence that names its own subject earlier is no continuation (a country is no speaker of its own here)
  assert.deepEqual(speakers([
    '港务局长邱海澄周二表示：“渡轮会在风暴过后恢复航行。”',
    '虽然日本指责韩国拖延渡轮维修，并声称将采取“必要的反制措施”。',
  ]), ['0:邱海澄']);
  assert.deepEqual(speakers(['岑澜汐（又名岑老）的儿子、港务局顾问之一马可·岑·维拉（Marco Vila）说，“渡轮下周恢复航行”。']), ['0:维拉']);
});

test('quotes: a news outlet speaks when no one else in its clause does', () => {
  assert.deepEqual(speakers(['晴川日报的评论称：“这是迟来的好消息，乘客终于可以放心了。”']), ['0:晴川日报']);
  // an outlet spoken to is no speaker: 他 is
  assert.deepEqual(speakers(['港务局长邱海澄周二宣布渡轮停航。', '他对晴川广播电台表示：“渡轮会在风暴过后恢复航行。”']), ['1:邱海澄']);
  assert.deepEqual(speakers(['港务局长邱海澄周二宣布渡轮停航。', '他对法国广播电台表示：“渡轮会在风暴过后恢复航行。”']), ['1:邱海澄']);
});
