// The regional-vocabulary alias table, applied at query time so that 普丁 finds 普京
// and 蒲亭, and 視像會晤 finds 视频会晤. Four layers, each a text file of groups:
//   src/text/data/variants-opencc.txt   generated from OpenCC's Taiwan and Hong Kong
//                                        phrase tables (`parallax variants build`)
//   src/text/data/variants-archive.txt  transliterations the archive teaches: names
//                                        written differently before the same Latin name
//   src/text/data/variants-aligned.txt  terms aligned sentences of mainland and Taiwan/
//                                        Hong Kong outlets write differently (信息/讯息)
//   src/text/data/aliases.txt           the hand list, edited by people; then the
//                                        user's own files (config `aliases`)
// A form written =X matches only as a whole word (的士 in 的士兵 is not a taxi); a form
// written ?X is one sense among several (資料 is data in Taiwan, material elsewhere): it is
// offered as an optional expansion, never added unless asked.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { normalizeText } from './normalize.js';

const data = (name: string): string => fileURLToPath(new URL(`./data/${name}`, import.meta.url));
export const CORE_ALIASES = data('aliases.txt');
export const OPENCC_VARIANTS = data('variants-opencc.txt');
export const ARCHIVE_VARIANTS = data('variants-archive.txt');
export const ALIGNED_VARIANTS = data('variants-aligned.txt');
/** generated first, the hand list last: its marks (=, ?) win over the generated ones */
export const BUILTIN_VARIANT_FILES = [OPENCC_VARIANTS, ARCHIVE_VARIANTS, ALIGNED_VARIANTS, CORE_ALIASES];

/** One group line: its forms with their marks. */
export interface AliasLine { forms: Array<{ form: string; wordOnly: boolean; optional: boolean }>; source?: string }

/** Parse a group file: one group a line, forms separated by spaces, / 、 or commas; `# source: …` names where it came from. */
export function readAliasLines(text: string): AliasLine[] {
  const out: AliasLine[] = [];
  for (const raw of text.split('\n')) {
    const source = /#\s*source:\s*(.+)$/.exec(raw)?.[1]?.trim();
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) continue;
    const forms = line.split(/[\s/、,，]+/).filter(Boolean).map((w) => {
      const m = /^([=?]*)(.*)$/.exec(w)!;
      return { form: m[2]!, wordOnly: m[1]!.includes('='), optional: m[1]!.includes('?') };
    }).filter((f) => f.form);
    out.push({ forms, ...(source ? { source } : {}) });
  }
  return out;
}

/** What the query term became: variants added, variants only offered, variants turned off. */
export interface Expansion {
  /** the term's forms to match: the term itself first */
  forms: string[];
  /** optional variants (one sense among several), not matched unless turned on */
  optional: string[];
  /** variants the user turned off */
  off: string[];
}

export class AliasTable {
  /**
   * normal form of a variant → the forms named with it on some line, each with whether
   * that substitution is optional. Lines are not joined through a shared form: OpenCC maps
   * 进程 → 程序 and 程序 → 程式, and 进程 is no 程式.
   */
  private readonly partners = new Map<string, Map<string, boolean>>();
  /** the form standing for a word's groups (the first form of the first line naming it) */
  private readonly canon = new Map<string, string>();
  /** forms that match only as whole words (ambiguous inside longer words) */
  private readonly wordOnlyForms = new Set<string>();
  private lines = 0;
  private readonly hash = createHash('sha1');
  private longest = 0;
  /** 1 for each code unit that starts a form: most positions of a text start none */
  private readonly starts = new Uint8Array(0x10000);

  /** `files`: the user's own alias files, read after the built-in ones */
  constructor(files: readonly string[] = [], opts: { builtin?: readonly string[] } = {}) {
    for (const file of [...(opts.builtin ?? BUILTIN_VARIANT_FILES), ...files]) {
      if (!existsSync(file)) continue;
      for (const line of readAliasLines(readFileSync(file, 'utf8'))) this.addLine(line);
    }
  }

  addLine(line: AliasLine): void {
    const forms = new Map<string, { wordOnly: boolean; optional: boolean }>();
    for (const f of line.forms) {
      const n = normalizeText(f.form.trim());
      if (!n) continue;
      const seen = forms.get(n);
      forms.set(n, { wordOnly: f.wordOnly || !!seen?.wordOnly, optional: f.optional || !!seen?.optional });
    }
    if (forms.size < 2) return;
    this.lines++;
    this.hash.update(JSON.stringify([...forms]));
    const list = [...forms.keys()];
    const canon = list.map((f) => this.canon.get(f)).find((c) => c !== undefined) ?? list[0]!;
    for (const [f, mark] of forms) {
      if (mark.wordOnly) this.wordOnlyForms.add(f);
      if (!this.canon.has(f)) this.canon.set(f, canon);
      const mine = this.partners.get(f) ?? new Map<string, boolean>();
      // a later line's mark decides (the hand list comes after the generated tables)
      for (const [g, other] of forms) if (g !== f) mine.set(g, mark.optional || other.optional);
      this.partners.set(f, mine);
      this.starts[f.charCodeAt(0)] = 1;
      this.longest = Math.max(this.longest, f.length);
    }
  }

  /** One group of forms, none marked. */
  addGroup(words: readonly string[]): void {
    this.addLine({ forms: words.map((form) => ({ form, wordOnly: false, optional: false })) });
  }

  /** a form that matches only as a whole word (ambiguous inside longer words) */
  isWordOnly(norm: string): boolean {
    return this.wordOnlyForms.has(norm);
  }

  /** every whole-word-only form (what the index checks word boundaries for) */
  wordOnly(): string[] {
    return [...this.wordOnlyForms];
  }

  /** the length of the longest known form (two characters or more) that `text` has at `at`, else 0 */
  formLengthAt(text: string, at: number): number {
    if (!this.starts[text.charCodeAt(at)]) return 0;
    for (let len = Math.min(this.longest, text.length - at); len >= 2; len--) if (this.partners.has(text.slice(at, at + len))) return len;
    return 0;
  }

  /** the forms named with a form, and whether each is optional */
  partnersOf(norm: string): ReadonlyMap<string, boolean> {
    return this.partners.get(norm) ?? new Map();
  }

  /**
   * The forms of a term in normal form: the term itself first, then the term with each
   * known variant substituted (普京总统 → 普丁总统, 蒲亭总统). An optional substitution is
   * only offered, unless `on` names it; `off` removes variants ('*': all of them).
   */
  expand(term: string, opts: { on?: ReadonlySet<string>; off?: ReadonlySet<string>; limit?: number } = {}): Expansion {
    const limit = opts.limit ?? 12;
    const on = opts.on ?? new Set<string>();
    const off = opts.off ?? new Set<string>();
    const out = new Set<string>([term]);
    const optional = new Set<string>();
    const turnedOff = new Set<string>();
    for (let i = 0; i < term.length; i++) {
      if (!this.starts[term.charCodeAt(i)]) continue;
      for (let len = Math.min(this.longest, term.length - i); len >= 1; len--) {
        const piece = term.slice(i, i + len);
        const partners = this.partners.get(piece);
        if (!partners) continue;
        for (const base of [...out]) {
          const at = base.indexOf(piece);
          if (at < 0) continue;
          for (const [g, maybe] of partners) {
            const v = base.slice(0, at) + g + base.slice(at + len);
            if (off.has(g) || off.has(v) || off.has('*')) { turnedOff.add(v); continue; }
            if (maybe && !on.has(g) && !on.has(v)) { optional.add(v); continue; }
            if (out.size < limit) out.add(v);
          }
        }
        i += len - 1;
        break;
      }
    }
    for (const v of out) optional.delete(v);
    return { forms: [...out], optional: [...optional], off: [...turnedOff] };
  }

  /** The forms a term is matched in by default (see expand). */
  variants(term: string, limit = 12): string[] {
    return this.expand(term, { limit }).forms;
  }

  /** Text in normal form with every known variant replaced by its group's canonical form. */
  foldText(norm: string): string {
    let out = '';
    // text between variants is copied a run at a time, not a character at a time
    let run = 0;
    for (let i = 0; i < norm.length; ) {
      let hit = 0;
      if (this.starts[norm.charCodeAt(i)]) for (let len = Math.min(this.longest, norm.length - i); len >= 2; len--) {
        const c = this.canon.get(norm.slice(i, i + len));
        if (c !== undefined) { out += norm.slice(run, i) + c; hit = len; break; }
      }
      if (hit) run = i += hit;
      else i++;
    }
    return run === 0 ? norm : out + norm.slice(run);
  }

  /** The one form that stands for a word's whole group (the word itself when it has none). */
  canonical(norm: string): string {
    return this.canon.get(norm) ?? norm;
  }

  /** every variant of two or more characters with its group's canonical form (what foldText replaces) */
  foldings(): Array<[string, string]> {
    return [...this.canon].filter(([variant, c]) => variant.length >= 2 && variant !== c);
  }

  /** what the table holds (a hash of its groups, in the order added): text folded by another table folds differently */
  fingerprint(): string {
    return this.hash.copy().digest('hex');
  }

  /** how many groups (lines) the table holds */
  size(): number {
    return this.lines;
  }
}
