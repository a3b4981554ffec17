// Variants the archive teaches through aligned text: a mainland-style sentence and a
// Taiwan/Hong Kong-style sentence of one happening that match except for a word or two
// (…美国[宇航员]周二返回… / …美国[太空人]周二返回…). The substitution, seen with the same
// left and right context in several independent alignments, and written mostly one way
// round (the mainland side uses A where the other side uses B, seldom the reverse), is a
// regional variant. Compared in the Simplified normal form, so script alone never makes a
// pair. Mined by `parallax variants build` into reviewable data with its evidence.
import { diffArrays } from 'diff';
import * as OpenCC from 'opencc-js';
import type { Article } from '../article.js';
import type { AliasTable } from '../text/aliases.js';
import { normalizeText } from '../text/normalize.js';
import { toSimplified } from '../text/script.js';
import type { Segmenter } from '../text/segment.js';
import { splitSentences } from '../text/sentences.js';
import type { VariantGroup } from '../text/variants-opencc.js';

/** which regional vocabulary a text follows */
export type Side = 'mainland' | 'tw-hk';

/**
 * Taiwan, Hong Kong and Macau outlets write their region's words; mainland outlets the
 * mainland's. Outlets elsewhere (BBC, DW, Zaobao) follow the convention of the script
 * they write in: their Simplified editions use mainland vocabulary, their Traditional
 * editions Taiwan's or Hong Kong's.
 */
export function sideOf(a: Pick<Article, 'outlet' | 'script'>): Side | undefined {
  const r = a.outlet.region;
  if (r === 'TW' || r === 'HK' || r === 'MO') return 'tw-hk';
  if (r === 'CN') return 'mainland';
  if (a.script === 'hans') return 'mainland';
  if (a.script === 'hant') return 'tw-hk';
  return undefined;
}

/** whose usage tells a region's word: mainland outlets and Simplified editions, Taiwan's, Hong Kong's (and Macau's), other Traditional editions */
type Variety = 'mainland' | 'TW' | 'HK' | 'hant';
const OTHER_VARIETIES: readonly Variety[] = ['TW', 'HK', 'hant'];
/** a variety with fewer articles than this says nothing about usage */
const MIN_VARIETY_DOCS = 100;

function varietyOf(a: Pick<Article, 'outlet' | 'script'>): Variety | undefined {
  const side = sideOf(a);
  if (side === 'mainland') return 'mainland';
  if (!side) return undefined;
  const r = a.outlet.region;
  return r === 'TW' ? 'TW' : r === 'HK' || r === 'MO' ? 'HK' : 'hant';
}

export interface AlignOptions {
  /** independent alignments a substitution needs (default 2) */
  minCount?: number;
  /** least share of the longer sentence the two have in common, character for character (default 0.7) */
  minShared?: number;
  /** most places two aligned sentences differ (default 3): more is a rewrite, not the same sentence */
  maxRegions?: number;
  /** a pair aligned fewer than minCount times is kept when each form is used this many times more often (per article) on its own side (default 4) */
  minSkew?: number;
  /** the table of variants already known: pairs it relates are not mined again */
  known?: AliasTable;
}

/** a clause the alignment compares */
interface Unit { article: string; outlet: string; side: Side; norm: string; words: string[] }

/** a substitution seen in one alignment: the mainland-side form, the other side's, and where */
export interface Substitution { mainland: string; other: string; left: string; right: string; mainlandArticle: string; otherArticle: string }

const HAN_ONLY = /^\p{Script=Han}+$/u;
const HAN = /\p{Script=Han}/gu;
/** clauses shorter than this (Han characters) are too short to align by */
const MIN_HAN = 8;
/** a clause ends at a comma, colon or semicolon: outlets rewrite a sentence clause by clause, and a clause kept whole aligns */
const CLAUSE_END = /[,，:：;；、]/;

/** the clauses of a sentence in normal form long enough to align */
export function clausesOf(norm: string): string[] {
  return norm.split(CLAUSE_END).filter((c) => (c.match(HAN) ?? []).length >= MIN_HAN);
}
/** characters of context kept each side of a substitution (for the evidence, and to call contexts the same) */
const CONTEXT = 4;
/** a bucket larger than this holds a stock phrase (图片来源…), not one happening's sentences */
const MAX_BUCKET = 40;

/** FNV-1a of a string, with a seed: one of the min-hash functions */
function hash(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; }
  return h;
}

const SEEDS = [0x9e3779b9, 0x85ebca6b, 0xc2b2ae35, 0x27d4eb2f, 0x165667b1, 0xd3a2646c];

/**
 * Min-hash keys of a clause's Han 3-grams, one per hash function: two clauses that share
 * most of their 3-grams share at least one key with high probability (a one-word
 * substitution in a clause of 20 characters leaves about half of them shared; with six
 * keys such a pair is missed about once in sixty).
 */
function keysOf(norm: string): string[] {
  const han = norm.replace(/[^\p{Script=Han}]/gu, '');
  const keys: string[] = [];
  for (const [k, seed] of SEEDS.entries()) {
    let min = 0xffffffff;
    for (let i = 0; i + 3 <= han.length; i++) min = Math.min(min, hash(han.slice(i, i + 3), seed));
    keys.push(`${k}:${min}`);
  }
  return keys;
}

/** The substitutions of one aligned pair of sentences (word by word), or none when they are not the same sentence. */
export function substitutions(mainland: readonly string[], other: readonly string[], opts: { minShared?: number; maxRegions?: number } = {}): Array<{ mainland: string; other: string; left: string; right: string }> {
  const minShared = opts.minShared ?? 0.7;
  const maxRegions = opts.maxRegions ?? 3;
  const parts = diffArrays(mainland as string[], other as string[]);
  const lenM = mainland.join('').length;
  const lenO = other.join('').length;
  let shared = 0;
  for (const p of parts) if (!p.added && !p.removed) shared += p.value.join('').length;
  if (shared < minShared * Math.max(lenM, lenO)) return [];
  // regions: runs of removed/added words between two runs of common words
  const out: Array<{ mainland: string; other: string; left: string; right: string }> = [];
  let regions = 0;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (!p.added && !p.removed) continue;
    regions++;
    let removed = '';
    let added = '';
    let j = i;
    for (; j < parts.length && (parts[j]!.added || parts[j]!.removed); j++) {
      if (parts[j]!.added) added += parts[j]!.value.join('');
      else removed += parts[j]!.value.join('');
    }
    const before = i > 0 ? parts[i - 1]!.value.join('') : '';
    const after = j < parts.length ? parts[j]!.value.join('') : '';
    i = j - 1;
    // a substitution in the middle of the sentence, the same context either side
    if (!removed || !added || before.length < 2 || after.length < 2) continue;
    out.push({ mainland: removed, other: added, left: before.slice(-CONTEXT), right: after.slice(0, CONTEXT) });
  }
  return regions > maxRegions ? [] : out;
}

/** Simplified → each Traditional standard (OpenCC's own, Taiwan's, Hong Kong's): 着 is 著 in one and 着 in another */
let toTraditionals: Array<(s: string) => string> | undefined;

/** two forms that are the same word in another script: 计画 / 计划 and 随著 / 随着 (the normal form converts character by character; OpenCC's phrase conversion knows the word) */
export function scriptOnly(a: string, b: string): boolean {
  const simplified = (x: string): string => normalizeText(toSimplified(x));
  if (simplified(a) === simplified(b)) return true;
  toTraditionals ??= (['t', 'tw', 'hk'] as const).map((to) => OpenCC.Converter({ from: 'cn', to }));
  return toTraditionals.some((t) => t(a) === t(b) || simplified(t(a)) === simplified(t(b)));
}

/** a plausible variant pair: Han only, two to eight characters each, not the same word in another script, not one inside the other */
export function variantShape(a: string, b: string): boolean {
  if (!HAN_ONLY.test(a) || !HAN_ONLY.test(b)) return false;
  if (a.length < 2 || b.length < 2 || a.length > 8 || b.length > 8) return false;
  if (a.includes(b) || b.includes(a)) return false;
  return !scriptOnly(a, b);
}

/**
 * parts of speech that make a phrase, not a term: conjunctions, prepositions, particles,
 * localisers, pronouns, numerals, measure words — and time words, which outlets rewrite
 * by when they publish (周五 in one is 早前 in another a day later)
 */
const FUNCTION_TAG = /^[cpufrmqt]/;

/** one term: one or two words, none a function word (在一份声明中 and 控制与 are phrases a sentence was rewritten in, not a region's word) */
export function oneTerm(form: string, seg: Segmenter): boolean {
  const tokens = seg.tag(form);
  return tokens.length <= 2 && !tokens.some((t) => FUNCTION_TAG.test(t.tag));
}

interface PairEvidence { mainlandArticles: Set<string>; otherArticles: Set<string>; outlets: Set<string>; first: Substitution }

/**
 * Groups of forms that aligned sentences of mainland-side and Taiwan/Hong Kong-side
 * outlets write at the same place, seen in `minCount` independent alignments (as many
 * different articles on each side) — or in one, when each form is used `minSkew` times
 * more often in its own variety (mainland / Taiwan / Hong Kong articles) than in the
 * other's —, written the other way round at most a third as often, and each form used more
 * in its own variety than in the other's.
 */
export function mineAlignedVariants(articles: Iterable<Article>, seg: Segmenter, opts: AlignOptions = {}): VariantGroup[] {
  const minCount = opts.minCount ?? 2;
  const units: Unit[] = [];
  const buckets = new Map<string, number[]>();
  const docs = new Map<Variety, string[]>();
  for (const a of articles) {
    const side = sideOf(a);
    if (!side) continue;
    const v = varietyOf(a);
    if (v) { const list = docs.get(v) ?? []; list.push(normalizeText([a.title, ...a.paragraphs].join('\n'))); docs.set(v, list); }
    for (const text of [a.title, ...a.paragraphs]) {
      for (const s of splitSentences(text)) for (const norm of clausesOf(normalizeText(s.text))) {
        const n = units.length;
        units.push({ article: a.id, outlet: a.outlet.id, side, norm, words: [] });
        for (const k of keysOf(norm)) {
          const b = buckets.get(k);
          if (!b) buckets.set(k, [n]);
          else if (b.length <= MAX_BUCKET) b.push(n);
        }
      }
    }
  }
  // candidate pairs: one sentence of each side in a bucket, the same sentence text never twice
  const seen = new Set<string>();
  const byPair = new Map<string, PairEvidence>();
  const words = (u: Unit): string[] => (u.words.length ? u.words : (u.words = seg.words(u.norm, 'normal')));
  for (const b of buckets.values()) {
    if (b.length < 2 || b.length > MAX_BUCKET) continue;
    for (const i of b) {
      const m = units[i]!;
      if (m.side !== 'mainland') continue;
      for (const j of b) {
        const o = units[j]!;
        if (o.side !== 'tw-hk' || o.article === m.article || m.norm === o.norm) continue;
        const key = `${m.norm}\u0000${o.norm}`;
        if (seen.has(key)) continue;
        seen.add(key);
        for (const s of substitutions(words(m), words(o), opts)) {
          if (!variantShape(s.mainland, s.other) || !oneTerm(s.mainland, seg) || !oneTerm(s.other, seg)) continue;
          if (opts.known?.partnersOf(s.mainland).has(s.other)) continue;
          const k = `${s.mainland} ${s.other}`;
          const e = byPair.get(k) ?? { mainlandArticles: new Set(), otherArticles: new Set(), outlets: new Set(), first: { ...s, mainlandArticle: m.article, otherArticle: o.article } };
          e.mainlandArticles.add(m.article);
          e.otherArticles.add(o.article);
          e.outlets.add(m.outlet).add(o.outlet);
          byPair.set(k, e);
        }
      }
    }
  }
  const count = (e: PairEvidence | undefined): number => (e ? Math.min(e.mainlandArticles.size, e.otherArticles.size) : 0);
  const usage = new Map<string, Map<Variety, number>>();
  const used = (form: string, v: Variety): number => {
    let u = usage.get(form);
    if (!u) {
      u = new Map();
      for (const [variety, texts] of docs) u.set(variety, texts.reduce((n, t) => n + (t.includes(form) ? 1 : 0), 0));
      usage.set(form, u);
    }
    return u.get(v) ?? 0;
  };
  /** how many times more often (per article) a form is used in one variety than in another, with a pseudo-count so unseen is not infinite */
  const ratio = (form: string, own: Variety, other: Variety): number =>
    ((used(form, own) + 1) / ((docs.get(own)?.length ?? 0) + 1)) / ((used(form, other) + 1) / ((docs.get(other)?.length ?? 0) + 1));
  const minSkew = opts.minSkew ?? 4;
  // the varieties with enough articles to tell usage (in a small archive, the largest one)
  const largest = Math.max(0, ...OTHER_VARIETIES.map((v) => docs.get(v)?.length ?? 0));
  const telling = OTHER_VARIETIES.filter((v) => (docs.get(v)?.length ?? 0) >= Math.min(MIN_VARIETY_DOCS, largest) && docs.has(v));
  const groups: VariantGroup[] = [];
  for (const [k, e] of byPair) {
    const n = count(e);
    if (n < 1) continue;
    const [a, b] = k.split(' ') as [string, string];
    // a paraphrase (说/表示) goes both ways; a regional variant goes one way
    if (count(byPair.get(`${b} ${a}`)) * 3 > n) continue;
    // each form used more in its own variety than in the other: the other side's form
    // in the variety (Taiwan, Hong Kong, other Traditional) where it is most the local word
    let variety: Variety = 'hant';
    let skewB = 0;
    for (const v of telling) { const r = ratio(b, v, 'mainland'); if (r > skewB) { skewB = r; variety = v; } }
    const skewA = ratio(a, 'mainland', variety);
    if (skewA <= 1 || skewB <= 1) continue;
    // … and either aligned often enough, or aligned once and each form clearly its variety's word (in 5 or more articles of it)
    const clear = skewA >= minSkew && skewB >= minSkew && used(a, 'mainland') >= 5 && used(b, variety) >= 5;
    if (n < minCount && !clear) continue;
    const f = e.first;
    // the other side's form is not clearly its region's word (mainland text uses it too): only offered, as OpenCC's are
    groups.push({
      forms: [a, skewB < minSkew ? `?${b}` : b],
      sources: [`aligned ×${n} (${[...e.outlets].sort().slice(0, 4).join(', ')}), used ${skewA.toFixed(1)}× / ${skewB.toFixed(1)}× more (mainland / ${variety}): first in ${f.mainlandArticle} / ${f.otherArticle}`],
    });
  }
  return groups.sort((x, y) => x.forms[0]!.localeCompare(y.forms[0]!));
}
