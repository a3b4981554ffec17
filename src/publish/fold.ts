// The search of the static site, in one definition for both sides: the build folds and
// cuts the titles with these functions, and the browser runs the very same functions (their
// source is written into the site's script) over the query. Their tables come from the
// project's own rules: the normal form (normalize.ts) and the regional aliases (aliases.ts).
import { normalizeText } from '../text/normalize.js';
import type { AliasTable } from '../text/aliases.js';

export interface FoldTables {
  /** code unit → its normal form, for every code unit the normal form changes */
  chars: Record<string, string>;
  /** regional variant (normal form) → its group's canonical form */
  aliases: Record<string, string>;
  /** the longest variant, in code units */
  longest: number;
}

export function foldTables(aliases: AliasTable): FoldTables {
  const chars: Record<string, string> = {};
  for (let code = 0; code < 0x10000; code++) {
    if (code >= 0xd800 && code < 0xe000) continue;
    const c = String.fromCharCode(code);
    const n = normalizeText(c);
    if (n !== c) chars[c] = n;
  }
  const table: Record<string, string> = {};
  let longest = 0;
  for (const [variant, canonical] of aliases.foldings()) {
    table[variant] = canonical;
    longest = Math.max(longest, variant.length);
  }
  return { chars, aliases: table, longest };
}

/** Normal form, then each regional variant replaced by its canonical form (longest first). Self-contained: runs in the browser. */
export function foldForSearch(text: string, t: FoldTables): string {
  let norm = '';
  for (const c of text) norm += c.length === 1 ? t.chars[c] ?? c : c;
  let out = '';
  for (let i = 0; i < norm.length;) {
    let hit = 0;
    for (let len = Math.min(t.longest, norm.length - i); len >= 2; len--) {
      const canonical = t.aliases[norm.slice(i, i + len)];
      if (canonical !== undefined) { out += canonical; hit = len; break; }
    }
    if (hit) i += hit;
    else out += norm[i++];
  }
  return out;
}

/**
 * The terms of folded text: each run of Han characters as its bigrams (a lone character as
 * itself), each run of letters or digits as one word. Self-contained: runs in the browser.
 */
export function searchTerms(folded: string): string[] {
  const out: string[] = [];
  for (const run of folded.match(/\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu) ?? []) {
    if (!/\p{Script=Han}/u.test(run)) { out.push(run); continue; }
    if (run.length === 1) { out.push(run); continue; }
    for (let i = 0; i + 2 <= run.length; i++) out.push(run.slice(i, i + 2));
  }
  return out;
}
