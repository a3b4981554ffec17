import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { WordTable } from './word-table.js';

const jieba = dirname(createRequire(import.meta.url).resolve('@node-rs/jieba/package.json'));

test('word table: a word is found by its bytes, the later of two kept lines wins, lines without a word are not read', () => {
  const t = new WordTable(Buffer.from('甲乙 12 nr\n丙 7\n甲乙 30 ns\n 5 x\nnospace\n𠀀字 4 n\r\n末 9 t'));
  assert.equal(t.size, 4);
  assert.deepEqual(t.freqAndTag('甲乙'), { freq: 30, tag: 'ns' });
  assert.deepEqual(t.freqAndTag('丙'), { freq: 7, tag: '' });
  // a tag is trimmed (a CRLF file), and the last line needs no newline
  assert.deepEqual(t.freqAndTag('𠀀字'), { freq: 4, tag: 'n' });
  assert.deepEqual(t.freqAndTag('末'), { freq: 9, tag: 't' });
  // (twice: the second answer is the remembered one)
  for (let i = 0; i < 2; i++) {
    for (const missing of ['甲', '乙', '甲乙丙', '', 'nospace', ' ', '5', '𠀀']) assert.equal(t.freqAndTag(missing), undefined, missing);
    assert.deepEqual(t.freqAndTag('丙'), { freq: 7, tag: '' });
  }
  assert.equal(t.has('丙'), true);
  assert.equal(t.rest('丙'), '7');
  const numbers = new WordTable(Buffer.from('长词 3.5\n短 x\n'));
  for (let i = 0; i < 2; i++) { assert.equal(numbers.number('长词'), 3.5); assert.equal(numbers.number('长'), undefined); }
  assert.ok(Number.isNaN(new WordTable(Buffer.from('长词 3.5\n短 x\n')).number('短')));
  // a word longer than any dictionary's is not looked for
  assert.equal(t.has('字'.repeat(2000)), false);
});

test('word table: a looked-up word with a space or a lone surrogate matches no line; a wide character after the digits is skipped whole', () => {
  const t = new WordTable(Buffer.from('甲9 109 nr\n\uFFFD 9 nr\na\uFFFDb 3 n\n词 12\u3000nr\n'));
  // (the line of 甲9 holds "甲9 109" before a space: the word is 甲9 only)
  assert.equal(t.freqAndTag('甲9 109'), undefined);
  assert.deepEqual(t.freqAndTag('甲9'), { freq: 109, tag: 'nr' });
  assert.equal(t.freqAndTag('\uD800'), undefined);
  assert.equal(t.freqAndTag('a\uDC00b'), undefined);
  assert.deepEqual(t.freqAndTag('a\uFFFDb'), { freq: 3, tag: 'n' });
  assert.deepEqual(t.freqAndTag('词'), { freq: 12, tag: 'nr' });
  // a well-formed pair is a character like any other
  assert.deepEqual(new WordTable(Buffer.from('𠀀字 4 n')).freqAndTag('𠀀字'), { freq: 4, tag: 'n' });
});

test("word table: jieba's dictionary and IDF table read in place give what a Map of their lines gives, for every word", () => {
  const dict = readFileSync(join(jieba, 'dict.txt'));
  const table = new WordTable(dict);
  const map = new Map<string, { freq: number; tag: string }>();
  for (const line of dict.toString('utf8').split('\n')) {
    const [word, freq, ...tag] = line.split(' ');
    if (word && freq !== undefined) map.set(word, { freq: Number(freq), tag: tag.join(' ').trim() });
  }
  assert.ok(map.size > 300_000);
  // each word on one line only (segment.ts reads tags and frequencies from one table, which
  // keeps a repeated word's later line whatever it holds): as many words as lines with one
  const lines = dict.toString('utf8').split('\n').filter((l) => l.indexOf(' ') > 0).length;
  assert.equal(map.size, lines);
  assert.equal(table.size, lines);
  for (const [word, v] of map) assert.deepEqual(table.freqAndTag(word), v, word);

  const idfBytes = readFileSync(join(jieba, 'idf.txt'));
  const idf = new WordTable(idfBytes);
  const weights = new Map<string, number>();
  for (const line of idfBytes.toString('utf8').split('\n')) {
    const sp = line.indexOf(' ');
    if (sp > 0) weights.set(line.slice(0, sp), Number(line.slice(sp + 1)));
  }
  assert.ok(weights.size > 200_000);
  assert.equal(idf.size, weights.size);
  for (const [word, w] of weights) assert.equal(idf.number(word), w, word);
  for (const missing of ['不是一个词语吧', 'zzzz', '普京普京']) {
    assert.equal(table.has(missing), map.has(missing));
    assert.equal(idf.number(missing), undefined);
  }
});
