// The regional-vocabulary alias table (src/text/data/aliases.txt, extendable with the
// user's own file): applied at query time, so that 普丁 finds 普京 and 蒲亭, and
// 視像會晤 finds 视频会晤.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { normalizeText } from './normalize.js';

export const CORE_ALIASES = fileURLToPath(new URL('./data/aliases.txt', import.meta.url));

export class AliasTable {
  /** normal form of a variant → the normal forms of its whole group */
  private readonly groups = new Map<string, string[]>();
  private longest = 0;

  constructor(files: readonly string[] = []) {
    for (const file of [CORE_ALIASES, ...files]) {
      if (!existsSync(file)) continue;
      for (const raw of readFileSync(file, 'utf8').split('\n')) {
        const line = raw.replace(/#.*$/, '').trim();
        if (line) this.addGroup(line.split(/[\s/、,，]+/));
      }
    }
  }

  addGroup(words: readonly string[]): void {
    const forms = [...new Set(words.map((w) => normalizeText(w.trim())).filter(Boolean))];
    if (forms.length < 2) return;
    // a variant already known joins its groups together
    const merged = new Set(forms.flatMap((f) => this.groups.get(f) ?? [f]));
    const group = [...merged];
    for (const f of group) {
      this.groups.set(f, group);
      this.longest = Math.max(this.longest, f.length);
    }
  }

  /**
   * Every regional variant of a term in normal form: the term itself first, then the
   * term with each known variant substituted (普京总统 → 普丁总统, 蒲亭总统).
   */
  variants(term: string, limit = 12): string[] {
    const out = new Set<string>([term]);
    for (let i = 0; i < term.length; i++) {
      for (let len = Math.min(this.longest, term.length - i); len >= 1; len--) {
        const group = this.groups.get(term.slice(i, i + len));
        if (!group) continue;
        for (const base of [...out]) {
          const at = base.indexOf(term.slice(i, i + len));
          if (at < 0) continue;
          for (const g of group) if (out.size < limit) out.add(base.slice(0, at) + g + base.slice(at + len));
        }
        i += len - 1;
        break;
      }
    }
    return [...out];
  }

  /** Text in normal form with every known variant replaced by its group's canonical form. */
  foldText(norm: string): string {
    let out = '';
    for (let i = 0; i < norm.length; ) {
      let hit = 0;
      for (let len = Math.min(this.longest, norm.length - i); len >= 2; len--) {
        const g = this.groups.get(norm.slice(i, i + len));
        if (g) { out += g[0]; hit = len; break; }
      }
      if (hit) i += hit;
      else out += norm[i++];
    }
    return out;
  }

  /** The one form that stands for a word's whole group (the word itself when it has none). */
  canonical(norm: string): string {
    return this.groups.get(norm)?.[0] ?? norm;
  }

  /** every variant of two or more characters with its group's canonical form (what foldText replaces) */
  foldings(): Array<[string, string]> {
    return [...this.groups].filter(([variant, g]) => variant.length >= 2 && variant !== g[0]).map(([variant, g]) => [variant, g[0]!]);
  }

  size(): number {
    return new Set(this.groups.values()).size;
  }
}
