// What the search index holds for one article, computed where the article is parsed:
// the title's words and tokens, the body's tokens (of the normal form: Chinese bigrams
// and whole words of alphabets, see indexTokens), and the ambiguous variants the body
// holds as whole words. Every word of two characters is its own bigram, and a longer
// word is the phrase of its bigrams, so the token column finds every body word without
// segmenting the body at import, which was two thirds of the indexing cost; titles keep
// their words, weighted for ranking.
import type { Article } from '../article.js';
import { AliasTable } from '../text/aliases.js';
import { indexTokens, normalizeText, tagToken } from '../text/normalize.js';
import type { Segmenter } from '../text/segment.js';

export interface IndexDoc {
  titleWords: string;
  titleGrams: string;
  bodyGrams: string;
  /** whole-word-only variants (的士) found in the body as words, not inside others (的士兵) */
  bodyWords: string;
  tags: string;
}

const WORD = /^[\p{L}\p{N}]+$/u;
const ALPHABET = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]/u;

function words(seg: Segmenter, texts: readonly string[]): string {
  return texts.map((t) => seg.words(t, 'normal').filter((w) => WORD.test(w)).join(' ')).join(' ');
}

/** characters either side of an occurrence that the segmenter sees to judge it */
const CONTEXT = 4;

/**
 * The built-in whole-word-only forms, found by one regular expression. The user's own
 * alias files are read by the query side only: their =forms match in titles' words.
 */
let wordOnly: RegExp | null | undefined;
function wordOnlyPattern(): RegExp | null {
  if (wordOnly !== undefined) return wordOnly;
  const forms = new AliasTable().wordOnly().filter((f) => f.length >= 2).sort((a, b) => b.length - a.length);
  return (wordOnly = forms.length ? new RegExp(forms.map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g') : null);
}

/** Is `norm.slice(at, at + len)` cut as one word by the segmenter (judged on a few characters around it)? */
export function isWholeWord(seg: Segmenter, norm: string, at: number, len: number): boolean {
  const start = Math.max(0, at - CONTEXT);
  const window = norm.slice(start, Math.min(norm.length, at + len + CONTEXT));
  let pos = 0;
  const cuts = new Set<number>();
  for (const w of seg.words(window, 'normal')) {
    const i = window.indexOf(w, pos);
    if (i < 0) continue;
    cuts.add(i);
    cuts.add(i + w.length);
    pos = i + w.length;
  }
  return cuts.has(at - start) && cuts.has(at - start + len);
}

/** the whole-word-only forms the texts hold as words */
export function wholeWordVariants(seg: Segmenter, texts: readonly string[]): string {
  const re = wordOnlyPattern();
  if (!re) return '';
  const found = new Set<string>();
  for (const t of texts) {
    const norm = normalizeText(t);
    for (const m of norm.matchAll(re)) if (!found.has(m[0]) && isWholeWord(seg, norm, m.index, m[0].length)) found.add(m[0]);
  }
  return [...found].join(' ');
}

export function indexDoc(a: Article, seg: Segmenter): IndexDoc {
  return {
    titleWords: words(seg, [a.title]),
    titleGrams: indexTokens([a.title]),
    bodyGrams: indexTokens(a.paragraphs),
    bodyWords: wholeWordVariants(seg, a.paragraphs),
    tags: a.tags.map(tagToken).filter(Boolean).join(' '),
  };
}

/** A search term in the forms the index holds: its words and its token sequence. */
export interface TermForm {
  norm: string;
  words: string[];
  grams: string[];
  prefix: boolean;
  /** an ambiguous form: matched only where it stands as a whole word */
  wholeWord?: boolean;
}

export function termForm(variant: string, seg: Segmenter, wholeWord = false): TermForm {
  const norm = normalizeText(variant);
  // cut as written, like the titles it is matched against (see segmentationForm)
  const w = seg.words(variant, 'normal').filter((t) => WORD.test(t));
  const grams = indexTokens([norm]);
  const tokens = grams ? grams.split(' ') : [];
  // a lone Chinese character or digit: found as the start of a bigram, or alone
  const lone = tokens.length === 1 && [...tokens[0]!].length === 1 && !ALPHABET.test(tokens[0]!);
  return { norm, words: w, grams: tokens, prefix: lone, ...(wholeWord ? { wholeWord } : {}) };
}

/** a token of one Chinese character or digit, or a word of an alphabet: what a cut through a longer run leaves at an edge */
const PARTIAL = /^(?:[^\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]|[\p{L}\p{N}]*[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}][\p{L}\p{N}]*)$/u;

/**
 * A long term pasted from a text may begin or end inside a longer run of that text
 * (「料，心血管疾病」 from 资料，心血管疾病, 「…張」 from 張XX): its first token is then no token of
 * the text, its last one only the start of one. The same term without a partial first
 * token, and with a partial last token matched as a prefix; undefined when it has none.
 */
export function relaxedEdges(f: TermForm): TermForm | undefined {
  if (f.grams.length < 4 || f.wholeWord) return undefined;
  const lone = (t: string): boolean => [...t].length === 1 || !/\p{Script=Han}/u.test(t);
  let grams = f.grams;
  if (lone(grams[0]!) && PARTIAL.test(grams[0]!)) grams = grams.slice(1);
  const prefix = lone(grams[grams.length - 1]!) && PARTIAL.test(grams[grams.length - 1]!);
  if (grams === f.grams && !prefix) return undefined;
  return { norm: f.norm, words: [], grams, prefix };
}
