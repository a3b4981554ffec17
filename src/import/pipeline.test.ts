import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePlan } from './pipeline.js';

test('with the index the writing thread keeps a core and commits larger batches', () => {
  const saved = process.env.PARALLAX_WORKERS;
  delete process.env.PARALLAX_WORKERS;
  try {
    assert.deepEqual(parsePlan(true, 2), { workers: 1, batch: 500 });
    assert.deepEqual(parsePlan(false, 2), { workers: 2, batch: 250 });
    assert.deepEqual(parsePlan(true, 1), { workers: 1, batch: 500 }, 'one core still gets a parser');
    assert.deepEqual(parsePlan(true, 16), { workers: 4, batch: 500 }, 'at most four parsers');
    process.env.PARALLAX_WORKERS = '0';
    assert.equal(parsePlan(true, 8).workers, 0, 'the environment overrides the count');
  } finally {
    if (saved === undefined) delete process.env.PARALLAX_WORKERS;
    else process.env.PARALLAX_WORKERS = saved;
  }
});
