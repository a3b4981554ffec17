import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Segmenter } from './segment.js';

const seg = new Segmenter();

test('segmenter: numbers keep their date units, a numeral and its measure word are two words', () => {
  assert.deepEqual(seg.words('新华社北京12月15日电'), ['新华社', '北京', '12月', '15日', '电']);
  assert.deepEqual(seg.words('他买了一个苹果'), ['他', '买', '了', '一', '个', '苹果']);
  assert.deepEqual(seg.words('2020-21年度增长37%'), ['2020-21', '年度', '增长', '37%']);
});

test('segmenter: a dictionary compound of two much more frequent words is cut into them', () => {
  assert.deepEqual(seg.words('信息技术发展'), ['信息', '技术', '发展']);
});

test('segmenter: Traditional text is cut through its Simplified form and given back as written', () => {
  const text = '習近平同普京舉行視像會晤';
  const written = seg.words(text);
  assert.deepEqual(written, ['習近平', '同', '普京', '舉行', '視像會晤']);
  assert.deepEqual(seg.words(text, 'normal'), ['习近平', '同', '普京', '举行', '视像会晤']);
  assert.equal(written.join(''), text);
  // phrase exceptions: 乾 is not 干 in 乾隆, 反覆 is 反复
  assert.deepEqual(seg.words('乾隆皇帝反覆說', 'normal'), ['乾隆', '皇帝', '反复', '说']);
});

test('segmenter: white space separates words and is no word', () => {
  assert.deepEqual(seg.words('  空格\u3000之间\n'), ['空格', '之间']);
});

test('segmenter: tags carry offsets into the original, and the curated tag wins', () => {
  const text = '習近平同普京會晤';
  const tokens = seg.tag(text);
  for (const t of tokens) assert.equal(text.slice(t.start, t.end), t.text);
  const putin = tokens.find((t) => t.text === '普京');
  assert.equal(putin?.tag, 'nr');
  assert.equal(seg.entityKind(putin!), 'person');
});
