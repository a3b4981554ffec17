// The normal form used for matching: Simplified script (OpenCC), half-width letters
// and digits, ASCII lower case, one form of each quote and dash. It keeps one UTF-16
// code unit per code unit of the original, so an offset in the normal form is the
// same offset in the original: matches and segment boundaries map straight back.
// It is never stored in place of the original.
import { toSimplified } from './script.js';

const PUNCT: Record<string, string> = {
  '「': '“', '」': '”', '『': '‘', '』': '’', '〝': '“', '〞': '”', '＂': '"', '﹁': '“', '﹂': '”',
  '︰': '：', '﹕': '：', '･': '·', '・': '·', '‧': '·', '—': '-', '–': '-', '―': '-', '－': '-', '〜': '~', '～': '~',
};

function foldChar(code: number): number {
  if (code >= 0xff01 && code <= 0xff5e) code -= 0xfee0; // full-width ASCII → ASCII
  else if (code === 0x3000) code = 0x20;
  if (code >= 0x41 && code <= 0x5a) code += 0x20;
  return code;
}

/** Same length as the input, always. */
export function normalizeText(text: string): string {
  let s = toSimplified(text);
  if (s.length !== text.length) {
    // a phrase conversion changed the length: fall back to one character at a time
    s = Array.from(text, (ch) => {
      const c = toSimplified(ch);
      return c.length === ch.length ? c : ch;
    }).join('');
  }
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    const p = PUNCT[ch];
    out += p ?? String.fromCharCode(foldChar(ch.charCodeAt(0)));
  }
  return out;
}

const HAN = /\p{Script=Han}/u;
const WORD = /[\p{L}\p{N}]/u;

export function isHan(ch: string): boolean {
  return HAN.test(ch);
}

export function isWordChar(ch: string): boolean {
  return WORD.test(ch);
}

/**
 * Units for n-grams: each Han character is one unit, each run of other letters or
 * digits is one unit; spaces and punctuation separate nothing (a phrase matches
 * across them). Input must already be in normal form.
 */
export function gramUnits(norm: string): string[] {
  const units: string[] = [];
  let run = '';
  for (const ch of norm) {
    if (HAN.test(ch)) {
      if (run) { units.push(run); run = ''; }
      units.push(ch);
    } else if (WORD.test(ch)) {
      run += ch;
    } else if (run) {
      units.push(run);
      run = '';
    }
  }
  if (run) units.push(run);
  return units;
}

/** Bigrams of units, plus the non-Han units themselves (so a lone Latin word or number is found). */
export function bigrams(units: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    if (u.length > 1 || !HAN.test(u)) out.push(u);
    if (i + 1 < units.length) out.push(u + units[i + 1]);
  }
  return out;
}
