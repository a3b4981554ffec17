// Near-duplicates: MinHash signatures over character shingles of the normal form
// (so a Traditional reprint of a Simplified text is found), LSH banding to find
// candidate pairs without comparing all pairs, then the exact Jaccard of the shingle
// sets to confirm them.
import { normalizeText, wordCharsOnly } from '../text/normalize.js';

export const SHINGLE = 5;
/** 20 bands of 6 rows: a pair at Jaccard 0.8 becomes a candidate with p ≈ 0.998, at 0.5 with p ≈ 0.27 */
export const BANDS = 20;
export const ROWS = 6;
const HASHES = BANDS * ROWS;

/** FNV-1a over UTF-16 code units, 32 bits */
function fnv(s: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 0x01000193); }
  return h >>> 0;
}

/** The text an article is compared on: its body in normal form, letters and digits only. */
export function comparableText(paragraphs: readonly string[]): string {
  return wordCharsOnly(normalizeText(paragraphs.join('')));
}

/**
 * Where a batch's shingle sets are kept: views of a few large blocks instead of one buffer an
 * article (tens of thousands a batch at 200,000 articles). A block is over glibc's largest
 * mmap threshold (32 MB), so it is mapped on its own and unmapped whole once the batch's sets
 * are garbage. Measured alone it changed no peak (what set the peak was how many sets a batch
 * cut: lineage.ts relatedHolders; docs/benchmarks.md, eleventh session); it halves the
 * allocations of each set.
 */
export class ShinglePool {
  private block: Uint32Array | null = null;
  private used = 0;
  constructor(private readonly blockLength = POOL_BLOCK) {}

  /** a zeroed array of n hashes */
  take(n: number): Uint32Array {
    if (n * 4 > this.blockLength) return new Uint32Array(n);
    if (!this.block || this.used + n > this.block.length) { this.block = new Uint32Array(this.blockLength); this.used = 0; }
    const view = this.block.subarray(this.used, this.used + n);
    this.used += n;
    return view;
  }
}

/** 36 MB of hashes a block: above glibc's largest dynamic mmap threshold (32 MB) */
const POOL_BLOCK = 9 << 20;

/** the hashes of a text before they are sorted and made distinct: one buffer, reused */
let scratch = new Uint32Array(1 << 16);

/** Sorted, distinct 32-bit hashes of the k-character shingles (in `pool`'s blocks when given). */
export function shingleSet(text: string, k = SHINGLE, pool?: ShinglePool): Uint32Array {
  const take = (n: number): Uint32Array => (pool ? pool.take(n) : new Uint32Array(n));
  if (text.length < k) { const one = take(text ? 1 : 0); if (text) one[0] = fnv(text, 0, text.length); return one; }
  const m = text.length - k + 1;
  if (scratch.length < m) scratch = new Uint32Array(Math.max(m, scratch.length * 2));
  const hashes = scratch.subarray(0, m);
  for (let i = 0; i < m; i++) hashes[i] = fnv(text, i, i + k);
  hashes.sort();
  let n = 0;
  for (let i = 0; i < m; i++) if (i === 0 || hashes[i] !== hashes[i - 1]) hashes[n++] = hashes[i]!;
  const out = take(n);
  out.set(hashes.subarray(0, n));
  return out;
}

export function jaccard(a: Uint32Array, b: Uint32Array): number {
  let i = 0, j = 0, inter = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) { inter++; i++; j++; } else if (a[i]! < b[j]!) i++; else j++;
  }
  const union = a.length + b.length - inter;
  return union === 0 ? 0 : inter / union;
}

/** |A ∩ B| / |B|: how much of B is inside A */
export function containment(a: Uint32Array, b: Uint32Array): number {
  let i = 0, j = 0, inter = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) { inter++; i++; j++; } else if (a[i]! < b[j]!) i++; else j++;
  }
  return b.length === 0 ? 0 : inter / b.length;
}

/** a 32-bit mixing hash of a shingle hash */
function mix(x: number): number {
  let v = Math.imul(x ^ 0x9e3779b9, 0x85ebca6b);
  v ^= v >>> 13;
  v = Math.imul(v, 0xc2b2ae35);
  return (v ^ (v >>> 16)) >>> 0;
}

/**
 * One-permutation MinHash: a single hash per shingle, its low bits choosing one of
 * HASHES bins and its high bits competing for that bin's minimum; empty bins borrow from
 * the next filled bin (rotation densification). As good an estimate of Jaccard as
 * HASHES independent hash functions, at one hash per shingle instead of HASHES.
 */
export function signature(shingles: Uint32Array): Uint32Array {
  const EMPTY = 0xffffffff;
  const sig = new Uint32Array(HASHES).fill(EMPTY);
  for (let i = 0; i < shingles.length; i++) {
    const v = mix(shingles[i]!);
    const bin = v % HASHES;
    const value = Math.floor(v / HASHES);
    if (value < sig[bin]!) sig[bin] = value;
  }
  for (let b = 0; b < HASHES; b++) {
    if (sig[b] !== EMPTY) continue;
    for (let step = 1; step < HASHES; step++) {
      const from = (b + step) % HASHES;
      if (sig[from] !== EMPTY && !borrowed(sig, from)) { sig[b] = (sig[from]! + step * 0x9e3779b1) >>> 0 | 0x80000000; break; }
    }
  }
  return sig;
}

/** densified values carry the top bit (real values are below 2^32 / HASHES) */
const borrowed = (sig: Uint32Array, i: number): boolean => (sig[i]! & 0x80000000) !== 0;

/** One 32-bit key per band of a signature: two signatures agreeing on a band's rows share its key. */
export function bandKeys(sig: Uint32Array): number[] {
  const keys: number[] = [];
  if (sig.length === 0) return keys;
  for (let band = 0; band < BANDS; band++) {
    let h = 0x811c9dc5 ^ band;
    for (let r = 0; r < ROWS; r++) { h ^= sig[band * ROWS + r]!; h = Math.imul(h, 0x01000193); h ^= h >>> 15; }
    keys.push(h >>> 0);
  }
  return keys;
}

/** a bucket this large holds boilerplate-only texts: no candidates from it */
export const MAX_BUCKET = 500;

/** Candidate pairs (i < j) whose signatures agree on all rows of at least one band. */
export function lshCandidates(signatures: readonly Uint32Array[]): Array<[number, number]> {
  const pairs = new Set<number>();
  const out: Array<[number, number]> = [];
  const keys = signatures.map(bandKeys);
  for (let band = 0; band < BANDS; band++) {
    const buckets = new Map<number, number[]>();
    keys.forEach((k, i) => {
      if (k.length === 0) return;
      const b = buckets.get(k[band]!);
      if (b) b.push(i); else buckets.set(k[band]!, [i]);
    });
    for (const members of buckets.values()) {
      if (members.length < 2 || members.length > MAX_BUCKET) continue;
      for (let x = 0; x < members.length; x++) {
        for (let y = x + 1; y < members.length; y++) {
          const i = members[x]!, j = members[y]!;
          const k = i * 0x200000 + j;
          if (!pairs.has(k)) { pairs.add(k); out.push([i, j]); }
        }
      }
    }
  }
  return out;
}
