// How many articles one batch of the analysis takes: a run's memory follows its batch.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BATCH, batchFor, LARGE_RUN, LARGE_RUN_BATCH } from './analyze.js';

test('batches: BATCH up to LARGE_RUN articles, LARGE_RUN_BATCH past it, the caller\'s size whenever given', () => {
  assert.equal(batchFor(12_204), BATCH);
  assert.equal(batchFor(LARGE_RUN), BATCH);
  assert.equal(batchFor(LARGE_RUN + 1), LARGE_RUN_BATCH);
  assert.equal(batchFor(206_898), 2_000);
  assert.equal(batchFor(206_898, 1_000), 1_000);
  assert.equal(batchFor(10, 5), 5);
  assert.ok(LARGE_RUN_BATCH < BATCH);
});
