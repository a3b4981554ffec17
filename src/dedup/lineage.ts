// Lineage between articles: which is a reprint of which, which carries (contains) the
// text of another, which is an update of an earlier article of the same outlet.
// Built from exact sentence matches (in the normal form, so across scripts) and from
// MinHash near-duplicates; wire datelines and credit lines say who the source is.
import type { Article } from '../article.js';
import { splitSentences } from '../text/sentences.js';
import { normalizeText, wordCharsOnly } from '../text/normalize.js';
import { bandKeys, comparableText, jaccard, lshCandidates, shingleSet, signature, type ShinglePool } from './minhash.js';

export type LineageKind = 'duplicate-of' | 'reprint-of' | 'update-of' | 'contains';

export interface LineageEdge {
  from: string;
  to: string;
  kind: LineageKind;
  /** near-duplicates: Jaccard of shingles; containment: share of `to`'s sentences found in `from` */
  score: number;
}

/** what lineage needs of an article */
export interface LineageInput {
  id: string;
  outlet: string;
  /** the outlet is a wire agency, or the text carries a wire dateline */
  wire: string | null;
  at: number;
  sentences: string[];
  shingles: Uint32Array;
}

/** A sentence reduced to what makes two renderings of it equal: normal form, letters and digits. */
export function sentenceKey(s: string): string {
  return wordCharsOnly(normalizeText(s));
}

/** Sentences shorter than this are too common to mean anything ("他说。") */
const MIN_KEY = 10;

/** What lineage needs of an article; its shingles in `pool`'s blocks when given (a batch of them: minhash.ts). */
export function lineageInput(a: Article, wireOutlets: ReadonlySet<string>, pool?: ShinglePool): LineageInput {
  const sentences = [...new Set(a.paragraphs.flatMap((p) => splitSentences(p).map((s) => sentenceKey(s.text))).filter((k) => k.length >= MIN_KEY))];
  return {
    id: a.id, outlet: a.outlet.id, wire: wireOutlets.has(a.outlet.id) ? a.outlet.id : a.wire?.agency ?? null,
    at: a.published ? Date.parse(a.published.at) : Number.POSITIVE_INFINITY, sentences,
    shingles: shingleSet(comparableText(a.paragraphs), undefined, pool),
  };
}

export interface LineageOptions {
  nearDuplicate?: number; contains?: number; minShared?: number;
  /** sentences known (from the whole archive) to be boilerplate, when `items` are only part of it */
  common?: ReadonlySet<string>;
  /** only pairs with at least one of these ids (new articles among stored ones): the others are known */
  focus?: ReadonlySet<string>;
}

/** a sentence in more articles than this is boilerplate */
export const MAX_SENTENCE_SHARERS = 200;

/** FNV-1a of a sentence key: what a store indexes sentences by */
function sentenceHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 0x01000193); }
  return h >>> 0;
}

/** sentence keys are below 2^32, band keys above: one integer space for a store's index */
const BAND_SPACE = 2 ** 32;

export const isSentenceKey = (k: number): boolean => k < BAND_SPACE;

/**
 * The keys an article is found by when a new one may share text with it: its LSH band keys
 * (near-duplicates) and its sentences' hashes (containment). Two articles lineage can relate
 * share at least one key.
 */
export function lineageKeys(it: LineageInput): number[] {
  const bands = it.shingles.length >= MIN_SHINGLES ? bandKeys(signature(it.shingles)).map((k, b) => (b + 1) * BAND_SPACE + k) : [];
  return [...bands, ...it.sentences.map(sentenceHash)];
}

/** the keys of `it` that are sentence keys, by sentence */
export function sentenceKeys(it: LineageInput): Map<string, number> {
  return new Map(it.sentences.map((s) => [s, sentenceHash(s)]));
}

/** texts with fewer shingles get no signature: too short to call near-duplicates */
const MIN_SHINGLES = 20;

/** sentences two articles must share for one to contain the other */
export const MIN_SHARED_SENTENCES = 2;

/**
 * Of the stored holders of a batch's keys (`keysOf`: each new article's lineageKeys), those
 * lineage can relate to a new article: sharing a band key with it (a near-duplicate pair),
 * or MIN_SHARED_SENTENCES sentence keys (containment). A holder of one shared sentence of
 * each is no candidate of either, and a batch's holders of single boilerplate sentences ran
 * to tens of thousands of articles at 200,000 (docs/benchmarks.md, eleventh session).
 */
export function relatedHolders(keysOf: ReadonlyArray<readonly number[]>, holders: ReadonlyMap<number, readonly string[]>): string[] {
  const out = new Set<string>();
  for (const keys of keysOf) {
    const shared = new Map<string, number>();
    for (const k of keys) {
      const h = holders.get(k);
      if (!h) continue;
      if (!isSentenceKey(k)) { for (const id of h) out.add(id); continue; }
      for (const id of h) {
        const n = (shared.get(id) ?? 0) + 1;
        shared.set(id, n);
        if (n >= MIN_SHARED_SENTENCES) out.add(id);
      }
    }
  }
  return [...out];
}

export function computeLineage(items: readonly LineageInput[], opts: LineageOptions = {}): LineageEdge[] {
  const near = opts.nearDuplicate ?? 0.8;
  const carry = opts.contains ?? 0.5;
  const minShared = opts.minShared ?? MIN_SHARED_SENTENCES;
  const edges = new Map<string, LineageEdge>();
  const add = (e: LineageEdge): void => {
    const key = `${e.from}>${e.to}`;
    const prev = edges.get(key);
    if (!prev || rank(e.kind) < rank(prev.kind)) edges.set(key, e);
  };
  // earlier is the source; on a tie, the wire or the shorter text (then the id: the answer
  // never depends on the order of `items`)
  const older = (a: LineageInput, b: LineageInput): boolean =>
    a.at !== b.at ? a.at < b.at : a.wire !== b.wire ? a.wire !== null : a.sentences.length !== b.sentences.length ? a.sentences.length < b.sentences.length : a.id < b.id;

  // near-duplicates
  const inFocus = opts.focus ? items.map((it) => opts.focus!.has(it.id)) : null;
  const wanted = (i: number, j: number): boolean => !inFocus || inFocus[i]! || inFocus[j]!;
  const sigs = items.map((it) => (it.shingles.length >= MIN_SHINGLES ? signature(it.shingles) : new Uint32Array(0)));
  for (const [i, j] of lshCandidates(sigs)) {
    if (!wanted(i, j)) continue;
    const a = items[i]!, b = items[j]!;
    const J = jaccard(a.shingles, b.shingles);
    if (J < near) continue;
    const [src, copy] = older(a, b) ? [a, b] : [b, a];
    add({ from: copy.id, to: src.id, kind: src.outlet === copy.outlet ? 'duplicate-of' : 'reprint-of', score: round(J) });
  }

  // shared sentences → containment
  const bySentence = new Map<string, number[]>();
  items.forEach((it, i) => { for (const s of it.sentences) { const l = bySentence.get(s); if (l) l.push(i); else bySentence.set(s, [i]); } });
  const shared = new Map<number, number>();
  for (const [sentence, list] of bySentence) {
    if (list.length < 2 || list.length > MAX_SENTENCE_SHARERS || opts.common?.has(sentence)) continue; // boilerplate
    for (let x = 0; x < list.length; x++) for (let y = x + 1; y < list.length; y++) {
      if (!wanted(list[x]!, list[y]!)) continue;
      const k = list[x]! * 0x200000 + list[y]!;
      shared.set(k, (shared.get(k) ?? 0) + 1);
    }
  }
  for (const [k, n] of shared) {
    if (n < minShared) continue;
    const a = items[Math.floor(k / 0x200000)]!, b = items[k % 0x200000]!;
    const bInA = n / b.sentences.length;
    const aInB = n / a.sentences.length;
    // when each carries most of the other, only the stronger direction is a relation
    const directions = ([[a, b, bInA], [b, a, aInB]] as const).filter(([, , share]) => share >= carry)
      .sort((x, y) => y[2] - x[2] || y[0].sentences.length - x[0].sentences.length || (x[0].id < y[0].id ? -1 : 1)).slice(0, 1);
    for (const [host, guest, share] of directions) {
      if (host.outlet === guest.outlet) {
        // the same outlet again, later and carrying the earlier text: a developing story republished
        if (guest.at < host.at) add({ from: host.id, to: guest.id, kind: 'update-of', score: round(share) });
      } else if (share >= 0.9 && older(guest, host) && host.sentences.length <= guest.sentences.length * 1.2) {
        add({ from: host.id, to: guest.id, kind: 'reprint-of', score: round(share) });
      } else {
        add({ from: host.id, to: guest.id, kind: 'contains', score: round(share) });
      }
    }
  }
  return [...edges.values()].sort((x, y) => x.from.localeCompare(y.from) || x.to.localeCompare(y.to));
}

function rank(k: LineageKind): number {
  return k === 'duplicate-of' ? 0 : k === 'reprint-of' ? 1 : k === 'update-of' ? 2 : 3;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
