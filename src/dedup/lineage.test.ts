import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MIN_SHARED_SENTENCES, relatedHolders } from './lineage.js';

test('relatedHolders: a holder of a band key, or of MIN_SHARED_SENTENCES sentence keys of one new article; not of one sentence of each', () => {
  assert.equal(MIN_SHARED_SENTENCES, 2);
  const band = 3 * 2 ** 32 + 7; // band keys are above 2^32, sentence keys below
  const holders = new Map<number, string[]>([
    [101, ['twice', 'once-a', 'split']],
    [102, ['twice', 'once-b']],
    [103, ['split']],
    [band, ['near']],
  ]);
  // new article 1: sentences 101, 102 and a band; new article 2: sentence 103
  const related = relatedHolders([[101, 102, band], [103]], holders).sort();
  // 'split' shares 101 with the first and 103 with the second: one sentence of each, no candidate
  assert.deepEqual(related, ['near', 'twice']);
  assert.deepEqual(relatedHolders([[101, 103]], holders).sort(), ['split']);
  assert.deepEqual(relatedHolders([], holders), []);
});
