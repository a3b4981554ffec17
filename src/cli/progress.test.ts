// The progress line of long commands: count, total, rate and time left.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { duration, progressLine } from './progress.js';

test('a progress line says how many of how many, how fast and how long is left', () => {
  assert.equal(progressLine('reindexing', 'sources', 250, 1000, 5000), 'reindexing █████░░░░░░░░░░░░░░░ 250/1,000 sources | 50 sources/s | 15s left');
  assert.equal(progressLine('reindexing', 'sources', 1000, 1000, 20_000, 21_000), 'reindexing ████████████████████ 1,000/1,000 sources | 50 sources/s | all in 21s');
  // no total known: the count and the rate
  assert.equal(progressLine('importing', 'files', 12_345, 0, 10_000), 'importing 12,345 files | 1,235 files/s');
  // nothing counted yet, no total: how long it has run
  assert.equal(progressLine('mining', '', 0, 0, 0, 65_000), 'mining … 1m05s');
  // too early to know the rate
  assert.equal(progressLine('lineage', '', 0, 9, 0), 'lineage ░░░░░░░░░░░░░░░░░░░░ 0/9 | …/s | ? left');
  assert.equal(duration(3725), '1h02m');
  assert.equal(duration(Number.NaN), '?');
});
