// Script detection and conversion. Conversion goes through OpenCC tables (opencc-js);
// it is lossy (后/後, 干/乾/幹, 里/裏), so converted text is only ever a derived form:
// the stored original is never replaced.
import * as OpenCC from 'opencc-js';
import type { Script } from '../article.js';

type Convert = (s: string) => string;
let toHans: Convert | undefined;
let toHant: Convert | undefined;

/**
 * The latest conversions, remembered: a page is shown in three interface languages (the
 * static site renders them one after another) and phrase conversion is the dearest part.
 * Bounded: emptied when full.
 */
const recent = { hans: new Map<string, string>(), hant: new Map<string, string>() };
const RECENT_MAX = 2000;

function remembered(cache: Map<string, string>, convert: Convert, s: string): string {
  let out = cache.get(s);
  if (out === undefined) {
    if (cache.size >= RECENT_MAX) cache.clear();
    cache.set(s, (out = convert(s)));
  }
  return out;
}

/** Traditional (any region) → Simplified (mainland). */
export function toSimplified(s: string): string {
  return remembered(recent.hans, (toHans ??= OpenCC.Converter({ from: 't', to: 'cn' })), s);
}

/** Simplified → Traditional (Hong Kong forms, as most Traditional sources here are HK). */
export function toTraditional(s: string): string {
  return remembered(recent.hant, (toHant ??= OpenCC.Converter({ from: 'cn', to: 'hk' })), s);
}

import ST_CHARACTERS from 'opencc-js/dict/STCharacters';
import TS_CHARACTERS from 'opencc-js/dict/TSCharacters';

const FIRST = 0x3400;
const LAST = 0xa000;
/** 1 = only Traditional uses the character, 2 = only Simplified; indexed by code unit − FIRST */
let scriptOf: Uint8Array | undefined;
/** the Simplified form of each Traditional-only character (first OpenCC candidate), else 0 */
let simplifiedOf: Uint16Array | undefined;

/**
 * Built once, on first use, from OpenCC's character tables alone: a character is
 * Traditional-only when OpenCC maps it to Simplified and never to itself, and the
 * other way round. (The phrase tables would cost ~70 MB for nothing here.)
 */
function scriptTable(): Uint8Array {
  if (!scriptOf) {
    const table = new Uint8Array(LAST - FIRST);
    const simple = new Uint16Array(LAST - FIRST);
    const mark = (dict: string, value: number): void => {
      for (const entry of dict.split('|')) {
        const [from, ...to] = entry.split(' ');
        if (!from || from.length !== 1) continue;
        const c = from.charCodeAt(0) - FIRST;
        if (c < 0 || c >= table.length) continue;
        // matching folds a character to its first Simplified form other than itself (瞭 → 了, 乾 → 干):
        // lossy, but the same on both sides of a comparison
        const other = value === 1 ? to.find((t) => t !== from && t.length === 1) : undefined;
        if (other) simple[c] = other.charCodeAt(0);
        if (!to.includes(from) && table[c] === 0) table[c] = value;
      }
    };
    mark(TS_CHARACTERS, 1);
    mark(ST_CHARACTERS, 2);
    scriptOf = table;
    simplifiedOf = simple;
  }
  return scriptOf;
}

/** One character's code in its Simplified form (character table only: same length, no phrases). */
export function simplifiedCode(code: number): number {
  if (!simplifiedOf) scriptTable();
  const c = code - FIRST;
  return (c >= 0 && c < simplifiedOf!.length ? simplifiedOf![c] : 0) || code;
}

export interface ScriptCount { trad: number; simp: number }

export function countScript(text: string): ScriptCount {
  const table = scriptTable();
  let trad = 0;
  let simp = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i) - FIRST;
    if (c < 0 || c >= table.length) continue;
    const k = table[c];
    if (k === 1) trad++;
    else if (k === 2) simp++;
  }
  return { trad, simp };
}

/**
 * hans, hant or mixed. Text with no script-specific character at all (short titles,
 * numbers) counts as hans, the majority script of the archive.
 */
export function detectScript(text: string): Script {
  const { trad, simp } = countScript(text);
  const total = trad + simp;
  if (total === 0) return 'hans';
  if (trad / total >= 0.9) return 'hant';
  if (simp / total >= 0.9) return 'hans';
  return total < 10 ? (trad > simp ? 'hant' : 'hans') : 'mixed';
}
