// Each hostile file alone, as one import worker reads it (parseFile): read or rejected with
// its reason, in bounded time. Issue 20's bound (≤ 2 s a file) is a speed target, measured by
// `npm run bench -- hostile` against an ordinary file of the same size; here the bound only
// catches unbounded work (a parse that runs away takes minutes, not a loaded machine's 2.2 s).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Segmenter } from '../text/segment.js';
import { parseFile } from './parse.js';
import { HOSTILE_BOUND_MS, HOSTILE_CASES } from './testdata/hostile.js';

const ctx = { segmenter: new Segmenter() };
const RUNAWAY_MS = 5 * HOSTILE_BOUND_MS;

for (const { name, text, want, reason } of HOSTILE_CASES) {
  test(`${name}: ${want}, in bounded time`, () => {
    const t = performance.now();
    const item = parseFile({ location: { kind: 'file', path: `/hostile/${name}` }, bytes: Buffer.from(text), pathHint: name }, ctx);
    const ms = performance.now() - t;
    assert.equal(item.status, want, `${name}: ${item.status} ${item.reason ?? ''}`);
    if (reason) assert.match(item.reason ?? '', reason);
    if (want === 'ok') assert.ok(item.articles.length >= 1 && item.articles.every((a) => a.title.length <= 501), `${name}: ${item.articles.map((a) => a.title.length).join(',')}`);
    assert.ok(ms < RUNAWAY_MS, `${name} took ${ms.toFixed(0)} ms`);
  });
}
