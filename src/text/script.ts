// Script detection and conversion. Conversion goes through OpenCC tables (opencc-js);
// it is lossy (后/後, 干/乾/幹, 里/裏), so converted text is only ever a derived form:
// the stored original is never replaced.
import * as OpenCC from 'opencc-js';
import type { Script } from '../article.js';

type Convert = (s: string) => string;
let toHans: Convert | undefined;
let toHant: Convert | undefined;
let traditionalOnly: Set<string> | undefined;
let simplifiedOnly: Set<string> | undefined;

/** Traditional (any region) → Simplified (mainland). */
export function toSimplified(s: string): string {
  const convert = (toHans ??= OpenCC.Converter({ from: 't', to: 'cn' }));
  return convert(s);
}

/** Simplified → Traditional (Hong Kong forms, as most Traditional sources here are HK). */
export function toTraditional(s: string): string {
  const convert = (toHant ??= OpenCC.Converter({ from: 'cn', to: 'hk' }));
  return convert(s);
}

/** Characters that only one script uses, from the OpenCC tables (built once, on first use). */
function scriptSets(): { trad: Set<string>; simp: Set<string> } {
  if (!traditionalOnly || !simplifiedOnly) {
    traditionalOnly = new Set();
    simplifiedOnly = new Set();
    const chars: string[] = [];
    for (let c = 0x3400; c < 0xa000; c++) chars.push(String.fromCharCode(c));
    // one call per table over all characters, separated so no phrase spans two of them
    const joined = chars.join('\n');
    const asHans = toSimplified(joined).split('\n');
    const asHant = toTraditional(joined).split('\n');
    chars.forEach((ch, i) => {
      const s = asHans[i];
      const t = asHant[i];
      if (s !== ch && t === ch) traditionalOnly!.add(ch);
      if (t !== ch && s === ch) simplifiedOnly!.add(ch);
    });
  }
  return { trad: traditionalOnly, simp: simplifiedOnly };
}

export interface ScriptCount { trad: number; simp: number }

export function countScript(text: string): ScriptCount {
  const { trad, simp } = scriptSets();
  let t = 0;
  let s = 0;
  for (const ch of text) {
    if (trad.has(ch)) t++;
    else if (simp.has(ch)) s++;
  }
  return { trad: t, simp: s };
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
