import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AliasTable } from './aliases.js';
import { bigramText, normalizeText, segmentationForm, wordCharsOnly } from './normalize.js';
import { detectScript } from './script.js';
import { splitSentences } from './sentences.js';

test('script: hant, hans, mixed; characters shared by both count for neither', () => {
  assert.equal(detectScript('中俄元首會晤　齊聲反對離間兩國關係'), 'hant');
  assert.equal(detectScript('习普视频会晤讨论中俄如何展开更紧密合作'), 'hans');
  assert.equal(detectScript('中国人民'), 'hans');
  assert.equal(detectScript('這是繁體字，这是简体字，這裡還有繁體，这里还有简体，應該算混合，应该算混合'), 'mixed');
});

test('normal form: Simplified, half-width, lower case, one quote style, same length', () => {
  const src = '「習近平」與ＰＵＴＩＮ會晤，１２月';
  const n = normalizeText(src);
  assert.equal(n, '“习近平”与putin会晤,12月');
  assert.equal(n.length, src.length);
  for (const s of ['乾隆皇帝在後宮裏', '頭髮乾燥', '瞭解']) assert.equal(normalizeText(s).length, s.length);
  // other alphabets fold to lower case too (the index tokenizer folds ASCII only)
  assert.equal(normalizeText('ÉCOLE Москва'), 'école москва');
  // folding twice changes nothing (a query's normal form may be folded again)
  for (const s of [src, '薴麻', 'ÉCOLE']) assert.equal(normalizeText(normalizeText(s)), normalizeText(s));
});

test('segmentation form: OpenCC phrase exceptions over the normal form, same length', () => {
  // the character table alone makes 干隆 and 反覆; the segmenter's dictionary knows 乾隆 and 反复
  assert.equal(normalizeText('乾隆年間反覆'), '干隆年间反覆');
  assert.equal(segmentationForm('乾隆年間反覆'), '乾隆年间反复');
  assert.equal(segmentationForm('頭髮乾燥'), normalizeText('頭髮乾燥'));
  for (const s of ['乾隆皇帝在後宮裏', '一目瞭然', '']) assert.equal(segmentationForm(s).length, s.length);
});

test('n-gram units: one per letter or digit; spaces and punctuation join', () => {
  // units 2 1 世 纪 p u 普 京, and their overlapping bigrams
  assert.equal(bigramText(['21世纪 pu，普京']), '21 1世 世纪 纪p pu u普 普京');
  assert.equal(bigramText(['2', '1世纪']), '1世 世纪');
  // the one-pass form against the obvious one: units of the normal form, paired; none across two texts, astral characters whole
  const pairs = (t: string): string[] => {
    const units = Array.from(wordCharsOnly(normalizeText(t)));
    return units.slice(1).map((u, i) => units[i]! + u);
  };
  const texts = ['21世紀 PU，普京', '「習近平」', '𠮷野家', '', '一'];
  assert.equal(bigramText(texts), texts.flatMap(pairs).join(' '));
  assert.equal(bigramText(['𠮷野家']), '𠮷野 野家');
});

test('sentences: quotes and their inner 。！？ stay whole; closing quotes end with their sentence', () => {
  const t = '他说：“我们很高兴。我们会再来！”然后离开了。大家问：「真的嗎？」他沒有回答……記者再問；他笑了。';
  assert.deepEqual(splitSentences(t).map((s) => s.text), [
    '他说：“我们很高兴。我们会再来！”',
    '然后离开了。',
    '大家问：「真的嗎？」',
    '他沒有回答……',
    '記者再問；',
    '他笑了。',
  ]);
  const s = splitSentences(t)[2]!;
  assert.equal(t.slice(s.start, s.end), s.text);
});

test('sentences: an unclosed quote does not swallow the rest of a long paragraph', () => {
  const t = '他说：“' + '很长的一句话，'.repeat(80) + '结束。' + '下一句。';
  assert.ok(splitSentences(t).length >= 2);
});

test('alias folding: each variant replaced by its group form, the text between copied as it is', () => {
  const table = new AliasTable([], { builtin: [] });
  table.addLine({ forms: [{ form: '晴川港', wordOnly: false, optional: false }, { form: '晴川码头', wordOnly: false, optional: false }] });
  table.addLine({ forms: [{ form: '渡轮', wordOnly: false, optional: false }, { form: '渡船', wordOnly: false, optional: false }] });
  assert.equal(table.foldText('没有变体的句子'), '没有变体的句子');
  assert.equal(table.foldText('晴川码头'), '晴川港');
  assert.equal(table.foldText('晴川码头的渡船今早开出'), '晴川港的渡轮今早开出');
  assert.equal(table.foldText('今早渡船从晴川码头'), '今早渡轮从晴川港');
  assert.equal(table.foldText('渡船渡船'), '渡轮渡轮');
  assert.equal(table.foldText(''), '');
  // a character outside the BMP (two code units) is copied whole around a variant
  assert.equal(table.foldText('𠀋渡船𠀋'), '𠀋渡轮𠀋');
});
