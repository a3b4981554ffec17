// Word weights of the grouping: what a word says about which happening an article tells.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backgroundIdf, idfFrom, NEW_WORD_BASE, UNKNOWN_IDF } from './features.js';

test('a word the general corpus does not know weighs as its rarity in the archive says, up to UNKNOWN_IDF; a known word keeps its general weight', () => {
  // 晴川疫 and 晴川桥 are made-up words: no general corpus knows them
  assert.equal(backgroundIdf().get('晴川疫'), undefined);
  const df = new Map([['晴川疫', 150], ['晴川桥', 2], ['香港', 170]]);
  const idf = idfFrom(df, 1000);
  // in 15 % of the archive: a topic word, weighed like a common known word
  assert.ok(Math.abs(idf('晴川疫') - (NEW_WORD_BASE + Math.log(1000 / 150))) < 1e-9);
  assert.ok(idf('晴川疫') < 8);
  // in 2 of 1,000: as telling as any new name
  assert.equal(idf('晴川桥'), UNKNOWN_IDF);
  // a word no article of the archive holds yet (a new article's own word)
  assert.equal(idf('晴川港'), UNKNOWN_IDF);
  // a known word: the general corpus decides
  assert.equal(idf('香港'), backgroundIdf().get('香港'));
  // a small archive says too little: every new word weighs UNKNOWN_IDF
  assert.equal(idfFrom(new Map([['晴川疫', 10]]), 30)('晴川疫'), UNKNOWN_IDF);
  // words in more than a third of a sizeable archive are damped, new or known
  assert.ok(Math.abs(idfFrom(new Map([['晴川疫', 400]]), 1000)('晴川疫') - 0.3 * (NEW_WORD_BASE + Math.log(1000 / 400))) < 1e-9);
});
