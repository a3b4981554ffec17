// The normal form used for matching: Simplified script (OpenCC), half-width letters
// and digits, lower case, one form of each quote and dash. It keeps one UTF-16
// code unit per code unit of the original, so an offset in the normal form is the
// same offset in the original: matches and segment boundaries map straight back.
// It is never stored in place of the original.
import TS_PHRASES from 'opencc-js/dict/TSPhrases';
import { simplifiedCode } from './script.js';

const PUNCT: Record<string, string> = {
  '「': '“', '」': '”', '『': '‘', '』': '’', '〝': '“', '〞': '”', '＂': '"', '﹁': '“', '﹂': '”',
  '︰': '：', '﹕': '：', '･': '·', '・': '·', '‧': '·', '—': '-', '–': '-', '―': '-', '－': '-', '〜': '~', '～': '~',
};

/** The normal form of every BMP code unit, built once: a single table lookup per character. */
let foldTable: Uint16Array | undefined;

function table(): Uint16Array {
  if (foldTable) return foldTable;
  const t = new Uint16Array(0x10000);
  for (let code = 0; code < 0x10000; code++) {
    let c = code;
    if (c >= 0x3400 && c < 0xa000) c = simplifiedCode(c);
    else if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0; // full-width ASCII → ASCII
    else if (c === 0x3000) c = 0x20;
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    else if (c >= 0xc0 && c < 0x3000) {
      // other alphabets' capitals (Latin with diacritics, Greek, Cyrillic), where lower
      // case is one code unit: the index's tokenizer folds ASCII only
      const lower = String.fromCharCode(c).toLowerCase();
      if (lower.length === 1) c = lower.charCodeAt(0);
    }
    t[code] = c;
  }
  for (const [from, to] of Object.entries(PUNCT)) t[from.charCodeAt(0)] = to.charCodeAt(0);
  // the normal form of a normal form is itself (薴 → 苧 → 苎 becomes 薴 → 苎): text folded
  // once and a query folded again still meet
  for (let code = 0; code < 0x10000; code++) {
    let c = t[code]!;
    while (t[c] !== c) c = t[c]!;
    t[code] = c;
  }
  return (foldTable = t);
}

/**
 * Same length as the input, always. Conversion is character by character through
 * OpenCC's character table: consistent for matching (a query and a text meet in the
 * same form) and fast; phrase-level conversion is for display only (script.ts).
 */
export function normalizeText(text: string): string {
  const t = table();
  const codes = scratch(text.length);
  for (let i = 0; i < text.length; i++) codes[i] = t[text.charCodeAt(i)]!;
  return utf16.decode(codes.subarray(0, text.length));
}

const utf16 = new TextDecoder('utf-16le');
let scratchCodes = new Uint16Array(4096);

/** beyond this many code units (2 MB) a buffer is made for the call and not kept */
const SCRATCH_MAX = 1 << 20;

/**
 * A buffer of at least `n` code units to build a string in, reused: the strings made here are
 * short and many (a line, a paragraph), and a typed array per call cost more than the loop.
 * Safe because decoding copies, and nothing here yields between filling and decoding.
 */
function scratch(n: number): Uint16Array {
  if (n > SCRATCH_MAX) return new Uint16Array(n);
  if (scratchCodes.length < n) scratchCodes = new Uint16Array(Math.max(n, Math.min(2 * scratchCodes.length, SCRATCH_MAX)));
  return scratchCodes;
}

/**
 * OpenCC's Traditional → Simplified phrases whose Simplified form is not what the
 * character table gives (乾隆 stays 乾隆, not 干隆; 反覆 is 反复), same length only,
 * keyed by their first two characters, longest first. A few hundred entries.
 */
interface PhraseTable {
  /** for each code unit that starts a phrase, 1 + its index in bySecond (0: starts none) */
  first: Uint16Array;
  /** second code unit → phrases starting with these two */
  bySecond: Array<Map<number, Array<[string, string]>>>;
}
let phraseTable: PhraseTable | undefined;

function phrases(): PhraseTable {
  if (phraseTable) return phraseTable;
  const first = new Uint16Array(0x10000);
  const bySecond: PhraseTable['bySecond'] = [];
  for (const entry of TS_PHRASES.split('|')) {
    const [from, to] = entry.split(' ');
    if (!from || !to || from.length < 2 || from.length !== to.length || normalizeText(from) === to) continue;
    const c = from.charCodeAt(0);
    if (!first[c]) first[c] = bySecond.push(new Map());
    const seconds = bySecond[first[c]! - 1]!;
    const list = seconds.get(from.charCodeAt(1)) ?? [];
    list.push([from, to]);
    seconds.set(from.charCodeAt(1), list);
  }
  for (const seconds of bySecond) for (const list of seconds.values()) list.sort((a, b) => b[0].length - a[0].length);
  return (phraseTable = { first, bySecond });
}

/** the Simplified form of the longest of `candidates` that `text` has at `i` */
function phraseAt(candidates: Array<[string, string]> | undefined, text: string, i: number): string | undefined {
  if (candidates) for (const [from, to] of candidates) if (text.startsWith(from, i)) return to;
  return undefined;
}

/**
 * The normal form with OpenCC's phrase exceptions applied: what the segmenter cuts, so
 * that 乾隆 and 反覆 (反复) reach the dictionary as words it knows. Same length as the input.
 * Matching keeps the plain character-by-character normal form, the same for any
 * fragment of a text.
 */
export function segmentationForm(text: string): string {
  const t = table();
  const { first, bySecond } = phrases();
  const codes = scratch(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const to = first[c] ? phraseAt(bySecond[first[c]! - 1]!.get(text.charCodeAt(i + 1)), text, i) : undefined;
    if (to === undefined) { codes[i] = t[c]!; continue; }
    for (let k = 0; k < to.length; k++) codes[i + k] = to.charCodeAt(k);
    i += to.length - 1;
  }
  return utf16.decode(codes.subarray(0, text.length));
}

/** 1 for each code unit of `chars`: a test per character that allocates no string (w[0] of a CJK word would) */
export function codeUnitsOf(chars: string): Uint8Array {
  const t = new Uint8Array(0x10000);
  for (let i = 0; i < chars.length; i++) t[chars.charCodeAt(i)] = 1;
  return t;
}

/** 1 for each UTF-16 code unit for which `test` holds (given the unit as a one-unit string) */
export function codeUnitTable(test: (unit: string) => boolean): Uint8Array {
  const t = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) if (test(String.fromCharCode(c))) t[c] = 1;
  return t;
}

/** The code units of `text` that `keep` marks, in order: a filter with no regular expression and no string per character. */
export function keepCodeUnits(text: string, keep: Uint8Array): string {
  const codes = scratch(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (keep[c]) codes[n++] = c;
  }
  return utf16.decode(codes.subarray(0, n));
}

const WORD = /[\p{L}\p{N}]/u;

/** 1 for every BMP code unit that is a letter or a digit (surrogates count as letters) */
let wordTable: Uint8Array | undefined;

function words(): Uint8Array {
  return (wordTable ??= codeUnitTable((u) => (u >= '\ud800' && u <= '\udfff') || WORD.test(u)));
}

/** Only the letters and digits of a text (what sentence keys and shingles compare). */
export function wordCharsOnly(text: string): string {
  return keepCodeUnits(text, words());
}

/** The pairs of adjacent UTF-16 units of a text, each once (a text's shape, for a quick likeness of two short texts). */
export function characterPairs(s: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 1 < s.length; i++) out.add(s.slice(i, i + 2));
  return out;
}

/**
 * The character bigrams of the normal form of each text, as one string: bigrams separated
 * by spaces, none spanning two texts. The units are letters and digits (a surrogate pair
 * is one unit), so that any substring is found, even part of a number or a Latin word;
 * spaces and punctuation separate nothing (a phrase matches across them): what claims
 * compare; the search index keeps to runs (see indexTokens). Made in one
 * pass over the code units, with no string per character or per bigram (a body has
 * thousands).
 */
export function bigramText(texts: readonly string[]): string {
  const fold = table();
  const w = words();
  let size = 0;
  for (const t of texts) size += 3 * t.length;
  const out = scratch(size);
  let o = 0;
  for (const t of texts) {
    // the previous unit: one code unit, or a surrogate pair
    let p0 = 0;
    let p1 = 0;
    let plen = 0;
    for (let i = 0; i < t.length; i++) {
      let c = t.charCodeAt(i);
      let c2 = 0;
      let len = 1;
      const next = i + 1 < t.length ? t.charCodeAt(i + 1) : 0;
      if (c >= 0xd800 && c < 0xdc00 && next >= 0xdc00 && next < 0xe000) {
        c2 = next;
        len = 2;
        i++;
      } else {
        c = fold[c]!;
        if (!w[c]) continue;
      }
      if (plen) {
        if (o) out[o++] = 0x20;
        out[o++] = p0;
        if (plen === 2) out[o++] = p1;
        out[o++] = c;
        if (len === 2) out[o++] = c2;
      }
      p0 = c;
      p1 = c2;
      plen = len;
    }
  }
  return utf16.decode(out.subarray(0, o));
}

/**
 * Class of each normal-form code unit for the index: 0 separates (white space,
 * punctuation), 1 is a unit of Chinese-like script (Han, kana, Hangul, a surrogate pair),
 * 2 a letter of an alphabet (Latin, Greek, Cyrillic…), 3 a digit.
 */
let unitClassTable: Uint8Array | undefined;
const CJK_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}]/u;

function unitClasses(): Uint8Array {
  if (unitClassTable) return unitClassTable;
  const t = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    const u = String.fromCharCode(c);
    if (c >= 0xd800 && c < 0xe000) t[c] = 1;
    else if (/\p{N}/u.test(u)) t[c] = CJK_SCRIPT.test(u) ? 1 : 3;
    else if (/\p{L}/u.test(u)) t[c] = CJK_SCRIPT.test(u) ? 1 : 2;
  }
  return (unitClassTable = t);
}

/**
 * The tokens the search index holds for texts, as one string separated by spaces. A run of
 * Chinese characters (digits not attached to a letter count as such: 2021年) gives its
 * overlapping bigrams, or the character alone when the run is one character long; a word
 * of an alphabet (with its attached digits: g7, covid) is one token. Nothing spans white
 * space, punctuation, a boundary between Chinese and an alphabet, or two texts — so
 * 「put in」 is not putin, 「whole」 is not who, and 「中文网）路透社」 holds no 网路.
 */
export function indexTokens(texts: readonly string[]): string {
  const fold = table();
  const cls = unitClasses();
  let size = 0;
  for (const t of texts) size += 3 * t.length + 1;
  const out = scratch(size);
  let o = 0;
  const space = (): void => { if (o) out[o++] = 0x20; };
  for (const t of texts) {
    // the gram run: its previous unit (one code unit or a surrogate pair) and its length
    let p0 = 0, p1 = 0, plen = 0, run = 0;
    const endRun = (): void => {
      if (run === 1) { space(); out[o++] = p0; if (plen === 2) out[o++] = p1; }
      run = 0; plen = 0;
    };
    const gram = (c: number, c2: number, len: number): void => {
      if (plen) {
        space();
        out[o++] = p0; if (plen === 2) out[o++] = p1;
        out[o++] = c; if (len === 2) out[o++] = c2;
      }
      p0 = c; p1 = c2; plen = len; run++;
    };
    for (let i = 0; i < t.length; i++) {
      const raw = t.charCodeAt(i);
      if (raw >= 0xd800 && raw < 0xdc00) {
        const next = i + 1 < t.length ? t.charCodeAt(i + 1) : 0;
        if (next >= 0xdc00 && next < 0xe000) { gram(raw, next, 2); i++; } else endRun();
        continue;
      }
      const c = fold[raw]!;
      const k = cls[c]!;
      if (k === 0 || (raw >= 0xdc00 && raw < 0xe000)) { endRun(); continue; }
      if (k === 1) { gram(c, 0, 1); continue; }
      // letters and digits: a word when the run has a letter, else digits among the characters
      let j = i;
      let letter = false;
      while (j < t.length) {
        const kj = cls[fold[t.charCodeAt(j)]!]!;
        if (kj === 2) letter = true;
        else if (kj !== 3) break;
        j++;
      }
      if (letter) {
        endRun();
        space();
        for (let m = i; m < j; m++) out[o++] = fold[t.charCodeAt(m)]!;
      } else {
        for (let m = i; m < j; m++) gram(fold[t.charCodeAt(m)]!, 0, 1);
      }
      i = j - 1;
    }
    endRun();
  }
  return utf16.decode(out.subarray(0, o));
}

/** A tag as the index holds it, and as tag: is matched: normal form, letters and digits only (習近平 = 习近平). */
export function tagToken(tag: string): string {
  return normalizeText(tag).replace(/[^\p{L}\p{N}]+/gu, '');
}
