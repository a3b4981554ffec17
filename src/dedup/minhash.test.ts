import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jaccard, shingleSet, ShinglePool, SHINGLE } from './minhash.js';

/** the definition, written plainly: every k-character shingle's FNV-1a, sorted, distinct */
function plainSet(text: string, k = SHINGLE): number[] {
  const fnv = (s: string): number => { let h = 0x811c9dc5; for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 0x01000193); } return h >>> 0; };
  if (text.length < k) return text ? [fnv(text)] : [];
  const out = new Set<number>();
  for (let i = 0; i + k <= text.length; i++) out.add(fnv(text.slice(i, i + k)));
  return [...out].sort((a, b) => a - b);
}

const texts = ['', '港口', '晴川港务局周二宣布渡轮停航', '晴川港务局周二宣布渡轮停航晴川港务局周二宣布渡轮停航', '望潮岛'.repeat(30_000)];

test('shingle sets: sorted distinct hashes, the same with or without a pool, whatever the order of lengths', () => {
  const pool = new ShinglePool(1 << 10);
  for (const t of [...texts, ...texts.reverse()]) {
    const plain = plainSet(t);
    assert.deepEqual([...shingleSet(t)], plain, t.slice(0, 12));
    assert.deepEqual([...shingleSet(t, SHINGLE, pool)], plain, t.slice(0, 12));
  }
});

test('a pool hands out views of its blocks, and an array longer than a block of its own', () => {
  const pool = new ShinglePool(1 << 10); // 256 hashes a block
  const a = shingleSet('晴川港务局周二宣布渡轮停航', SHINGLE, pool);
  const b = shingleSet('望潮岛渡轮周三恢复航行', SHINGLE, pool);
  assert.equal(a.buffer, b.buffer);
  assert.equal(b.byteOffset, a.byteOffset + a.byteLength);
  // 400 different characters: 396 distinct shingles, more than a block holds
  const long = shingleSet(Array.from({ length: 400 }, (_, i) => String.fromCharCode(0x4e00 + i)).join(''), SHINGLE, pool);
  assert.equal(long.length, 396);
  assert.notEqual(long.buffer, a.buffer);
  // the views are what jaccard reads: no hash of the next set leaks in
  assert.equal(jaccard(a, shingleSet('晴川港务局周二宣布渡轮停航')), 1);
});
