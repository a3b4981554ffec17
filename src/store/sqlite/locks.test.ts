// When a lock row's holder counts as gone: the process table on this host, the lease
// from another host, each edge exactly.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { holderGone, LEASE_MS } from './locks.js';

const alive = () => true, dead = () => false;
const h = (host: string, expires: number) => ({ owner: 'x', pid: 42, host, expires });

test('on this host: gone when its process is; a live one only after ten leases past expiry (a reused id)', () => {
  assert.equal(holderGone(h('here', 1_000), 0, 'here', dead), true);
  assert.equal(holderGone(h('here', 1_000), 1_000 + 10 * LEASE_MS, 'here', alive), false);
  assert.equal(holderGone(h('here', 1_000), 1_000 + 10 * LEASE_MS + 1, 'here', alive), true);
});

test('from another host: gone once the lease has run out, not at its last millisecond', () => {
  assert.equal(holderGone(h('there', 1_000), 1_000, 'here', dead), false);
  assert.equal(holderGone(h('there', 1_000), 1_001, 'here', alive), true);
});
