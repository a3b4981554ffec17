// DfChanges (search-df.ts) against plain Maps: typed-array counts of one- and two-unit tokens
// (growth past the first table, a pair that is one astral character, a lone unit), longer
// tokens in a Map, a batch merged into a run's changes, counts of 0 left out of the upsert.
// No server: the upsert's parameters are read off a client that records them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ClientBase } from 'pg';
import { DfChanges, type TokenMaps } from './search-df.js';

const maps = (cols: Partial<Record<keyof TokenMaps, string[]>>): TokenMaps => {
  const m = (ts: string[] = []): Map<string, number[]> => new Map(ts.map((t, i) => [t, [i + 1]]));
  return { tw: m(cols.tw), tg: m(cols.tg), bg: m(cols.bg), bm: m(cols.bm), bw: m(cols.bw), tt: m(cols.tt) };
};

/** what apply sends, as "set token" → change */
async function applied(d: DfChanges): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const client = { query: async (_sql: string, [cols, toks, ns]: [number[], string[], number[]]) => {
    cols.forEach((c, i) => { const k = `${c} ${toks[i]}`; assert.ok(!out.has(k), `sent twice: ${k}`); out.set(k, ns[i]!); });
    return { rows: [] };
  } } as unknown as ClientBase;
  await d.apply(client);
  return out;
}

test('a run\'s changes: every set counted once a row, merged batch by batch, sent once each, zeros left out', async () => {
  const expected = new Map<string, number>();
  const expect = (set: number, t: string, n = 1): void => { expected.set(`${set} ${t}`, (expected.get(`${set} ${t}`) ?? 0) + n); };
  const run = new DfChanges();
  // 3 batches of 4,000 rows with 5,000 distinct bigrams between them: the tables grow several times
  for (let b = 0; b < 3; b++) {
    const batch = new DfChanges();
    for (let r = 0; r < 4000; r++) {
      const k = b * 4000 + r;
      const gram = String.fromCharCode(0x4e00 + (k % 5000), 0x4e00 + ((k * 7) % 5000));
      const row = maps({ tw: ['大桥'], tg: ['大桥', '桥通'], bg: [gram, '大桥'], bm: ['𠮷', gram], bw: ['hongkong'], tt: ['晴川'] });
      batch.addRow(row);
      expect(0, '大桥'); expect(3, '大桥'); expect(1, '大桥'); expect(1, '桥通'); expect(2, '晴川');
      expect(3, 'hongkong');
      expect(4, gram); expect(4, '大桥'); expect(4, '桥通'); expect(4, '𠮷');
    }
    run.merge(batch);
  }
  // a removal that cancels one token's count: no upsert of 0
  run.add(2, '晴川', -12000);
  expected.delete('2 晴川');
  assert.equal(run.size, expected.size + 1);
  assert.deepEqual(await applied(run), expected);
  assert.equal(run.size, 0);
  assert.deepEqual(await applied(run), new Map(), 'emptied by apply');
});
