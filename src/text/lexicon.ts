// New-word discovery over the archive's own text: character n-grams that occur often,
// hold together (mutual information: the whole is much likelier than its parts side by
// side) and are free at both edges (high entropy of the characters around them). The
// result is a plain text file a person reviews and edits; the segmenter loads it.

export interface FoundWord { word: string; freq: number; cohesion: number; entropy: number; score: number }

export interface DiscoverOptions {
  minFreq?: number;
  maxLength?: number;
  /** minimum of log(p(w) / p(a)p(b)) over the ways to split w */
  minCohesion?: number;
  /** minimum of left and right boundary entropy, in nats */
  minEntropy?: number;
  limit?: number;
  /** words the segmenter already knows: not reported, and a candidate made of two of them is a phrase, not a word */
  known?: (w: string) => boolean;
}

/** characters that begin or end phrases rather than words (的、了、个…) */
const EDGE = new Set(Array.from('的了是在和与及或也都而但并被把对为以于从向将就又还更很最等这那其此之个有不没无要会能可已曾正着过们吗呢吧啊'));

const HAN_RUN = /\p{Script=Han}{2,}/gu;

function entropy(counts: Map<string, number> | undefined): number {
  if (!counts) return 0;
  let total = 0;
  for (const n of counts.values()) total += n;
  let h = 0;
  for (const n of counts.values()) { const p = n / total; h -= p * Math.log(p); }
  return h;
}

/**
 * Discover words in texts already in the normal form. Counting is pruned the Apriori
 * way: an n-gram is counted only if its two (n−1)-gram halves were frequent, so memory
 * stays proportional to the frequent n-grams, not to all of them.
 */
export function discoverWords(texts: () => Iterable<string>, opts: DiscoverOptions = {}): FoundWord[] {
  const minFreq = opts.minFreq ?? 8;
  const maxLen = opts.maxLength ?? 4;
  const counts: Array<Map<string, number>> = [new Map()];
  let chars = 0;
  // pass 1: characters and bigrams
  const c1 = new Map<string, number>();
  const c2 = new Map<string, number>();
  for (const t of texts()) {
    for (const run of t.match(HAN_RUN) ?? []) {
      chars += run.length;
      for (let i = 0; i < run.length; i++) {
        c1.set(run[i]!, (c1.get(run[i]!) ?? 0) + 1);
        if (i + 1 < run.length) { const g = run.slice(i, i + 2); c2.set(g, (c2.get(g) ?? 0) + 1); }
      }
    }
  }
  counts[1] = c1;
  counts[2] = prune(c2, minFreq);
  // passes 3..maxLen+1: longer n-grams whose halves are frequent (the +1 gives boundary context)
  for (let n = 3; n <= maxLen; n++) {
    const prev = counts[n - 1]!;
    const cn = new Map<string, number>();
    for (const t of texts()) {
      for (const run of t.match(HAN_RUN) ?? []) {
        for (let i = 0; i + n <= run.length; i++) {
          const g = run.slice(i, i + n);
          if (prev.has(g.slice(0, -1)) && prev.has(g.slice(1))) cn.set(g, (cn.get(g) ?? 0) + 1);
        }
      }
    }
    counts[n] = prune(cn, minFreq);
  }
  const candidates = new Set<string>();
  const known = opts.known ?? (() => false);
  const phrase = (g: string): boolean => {
    if (EDGE.has(g[0]!) || EDGE.has(g[g.length - 1]!)) return true;
    for (let k = 2; k <= g.length - 2; k++) if (known(g.slice(0, k)) && known(g.slice(k))) return true;
    return false;
  };
  for (let n = 2; n <= maxLen; n++) for (const g of counts[n]!.keys()) if (!known(g) && !phrase(g)) candidates.add(g);
  // boundary characters of the candidates
  const left = new Map<string, Map<string, number>>();
  const right = new Map<string, Map<string, number>>();
  const bump = (m: Map<string, Map<string, number>>, w: string, ch: string): void => {
    let inner = m.get(w);
    if (!inner) m.set(w, (inner = new Map()));
    inner.set(ch, (inner.get(ch) ?? 0) + 1);
  };
  for (const t of texts()) {
    for (const m of t.matchAll(/\p{Script=Han}+/gu)) {
      const run = m[0];
      for (let n = 2; n <= maxLen; n++) {
        for (let i = 0; i + n <= run.length; i++) {
          const g = run.slice(i, i + n);
          if (!candidates.has(g)) continue;
          // a run's edge counts as a distinct neighbour each time: punctuation frees a word
          bump(left, g, i > 0 ? run[i - 1]! : `^${i}${m.index}`);
          bump(right, g, i + n < run.length ? run[i + n]! : `$${i}${m.index}`);
        }
      }
    }
  }
  const total = Math.max(1, chars);
  const p = (g: string): number => (counts[g.length]?.get(g) ?? 0) / total;
  const out: FoundWord[] = [];
  for (const w of candidates) {
    const freq = counts[w.length]!.get(w)!;
    let cohesion = Infinity;
    for (let k = 1; k < w.length; k++) {
      const pa = p(w.slice(0, k));
      const pb = p(w.slice(k));
      if (pa === 0 || pb === 0) continue;
      cohesion = Math.min(cohesion, Math.log(p(w) / (pa * pb)));
    }
    const ent = Math.min(entropy(left.get(w)), entropy(right.get(w)));
    if (!Number.isFinite(cohesion) || cohesion < (opts.minCohesion ?? 3.5) || ent < (opts.minEntropy ?? 1.2)) continue;
    out.push({ word: w, freq, cohesion, entropy: ent, score: Math.log(freq) * Math.min(cohesion, 12) * ent });
  }
  out.sort((a, b) => b.score - a.score || a.word.localeCompare(b.word));
  return out.slice(0, opts.limit ?? 20000);
}

function prune(m: Map<string, number>, min: number): Map<string, number> {
  for (const [k, v] of m) if (v < min) m.delete(k);
  return m;
}

/** The lexicon file: a header a person can read, then `word freq` per line with the evidence as a comment. */
export function formatLexicon(words: readonly FoundWord[], about: string): string {
  const head = [
    '# Parallax archive lexicon: words found in the archive\'s own text by `parallax lexicon build`.',
    `# ${about}`,
    '# Columns: word, frequency; after # the evidence (cohesion = min log p(w)/p(a)p(b), entropy = min boundary entropy).',
    '# Review freely: delete a line to drop a word, add `word` or `word freq` lines to add one. The segmenter reads this file.',
  ];
  return head.concat(words.map((w) => `${w.word} ${w.freq}  # cohesion ${w.cohesion.toFixed(2)} entropy ${w.entropy.toFixed(2)}`)).join('\n') + '\n';
}
