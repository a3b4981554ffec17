// Fuzzing every reader through parseFile, the function each import worker runs on a file:
// real files (the readers' testdata, the demo archive, the seeds when ../shared is here)
// cut, with bytes flipped, inserted or repeated, or replaced by random bytes. Whatever the
// input, parseFile must answer (ok, skipped or rejected), every rejection must say why in
// words meant for a person (not a programming error), and each file must take bounded time.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { Segmenter } from '../text/segment.js';
import { parseFile } from './parse.js';

const here = join(import.meta.dirname, '..', '..');
const dirs = [join(here, 'src', 'readers', 'testdata'), join(here, 'demo'), join(here, '..', 'shared', 'seeds')];
const samples = dirs.flatMap((d) => {
  try { return readdirSync(d).filter((f) => !f.startsWith('.')).map((f) => ({ name: f, bytes: readFileSync(join(d, f)) })); } catch { return []; }
});
const ctx = { segmenter: new Segmenter() };
/** messages that betray a bug rather than bad input */
const BUG = /Cannot read propert|is not a function|is not iterable|undefined is not|Maximum call stack|Invalid array length|of undefined|of null/;

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('cut' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 20 }), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }) }),
  fc.record({ kind: fc.constant('repeat' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), times: fc.integer({ min: 2, max: 200 }) }),
  fc.record({ kind: fc.constant('random' as const), bytes: fc.uint8Array({ minLength: 0, maxLength: 2048 }) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(src: Buffer, m: Mutation): Buffer {
  const pos = (x: number): number => Math.floor(x * src.length);
  switch (m.kind) {
    case 'cut': return src.subarray(0, pos(m.at));
    case 'flip': { const b = Buffer.from(src); for (const a of m.at) if (b.length) b[Math.min(b.length - 1, pos(a))] = m.value; return b; }
    case 'insert': return Buffer.concat([src.subarray(0, pos(m.at)), m.bytes, src.subarray(pos(m.at))]);
    case 'repeat': { const p = pos(m.at); const piece = src.subarray(p, p + 64); return Buffer.concat([src.subarray(0, p), ...Array.from({ length: m.times }, () => piece), src.subarray(p)]); }
    case 'random': return Buffer.from(m.bytes);
  }
}

test(`fuzz: ${samples.length} real files, mutated, never crash parseFile and every rejection has a reason`, () => {
  assert.ok(samples.length >= 15, `samples: ${samples.length}`);
  let slowest = 0;
  fc.assert(fc.property(fc.integer({ min: 0, max: samples.length - 1 }), mutation, (i, m) => {
    const sample = samples[i]!;
    const bytes = mutate(sample.bytes, m);
    const t = performance.now();
    const item = parseFile({ location: { kind: 'file', path: `/fuzz/${sample.name}` }, bytes, pathHint: sample.name }, ctx);
    const ms = performance.now() - t;
    slowest = Math.max(slowest, ms);
    assert.ok(['ok', 'skipped', 'rejected'].includes(item.status), item.status);
    if (item.status !== 'ok') {
      assert.ok(item.reason && item.reason.length > 3, `${sample.name} (${m.kind}): no reason`);
      assert.doesNotMatch(item.reason, BUG, `${sample.name} (${m.kind}): ${item.reason}`);
    } else {
      for (const a of item.articles) assert.ok(typeof a.title === 'string' && /^[0-9a-f]{16}$/.test(a.id), JSON.stringify(a).slice(0, 200));
    }
    assert.ok(ms < 2000, `${sample.name} (${m.kind}) took ${ms.toFixed(0)} ms`);
  }), { numRuns: Number(process.env.PARALLAX_FUZZ_RUNS) || 2000, seed: Number(process.env.PARALLAX_FUZZ_SEED) || 20261203 });
  assert.ok(slowest < 2000);
});
