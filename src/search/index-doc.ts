// What the search index holds for one article, computed where the article is parsed:
// the title's words and bigrams, the body's bigrams (of the normal form). Every word of
// two characters is its own bigram, and a longer word is the phrase of its bigrams, so
// the bigram column finds every body word without segmenting the body at import, which
// was two thirds of the indexing cost; titles keep their words, weighted for ranking.
import type { Article } from '../article.js';
import { bigramText, normalizeText, wordCharsOnly } from '../text/normalize.js';
import type { Segmenter } from '../text/segment.js';

export interface IndexDoc {
  titleWords: string;
  titleGrams: string;
  bodyGrams: string;
  tags: string;
}

const WORD = /^[\p{L}\p{N}]+$/u;

function words(seg: Segmenter, texts: readonly string[]): string {
  return texts.map((t) => seg.words(t, 'normal').filter((w) => WORD.test(w)).join(' ')).join(' ');
}

export function indexDoc(a: Article, seg: Segmenter): IndexDoc {
  return {
    titleWords: words(seg, [a.title]),
    titleGrams: bigramText([a.title]),
    bodyGrams: bigramText(a.paragraphs),
    tags: a.tags.map((t) => normalizeText(t).replace(/[^\p{L}\p{N}]+/gu, '')).filter(Boolean).join(' '),
  };
}

/** A search term in the forms the index holds: its words and its bigram sequence. */
export interface TermForm { norm: string; words: string[]; grams: string[]; prefix: boolean }

export function termForm(variant: string, seg: Segmenter): TermForm {
  const norm = normalizeText(variant);
  // cut as written, like the titles it is matched against (see segmentationForm)
  const w = seg.words(variant, 'normal').filter((t) => WORD.test(t));
  const grams = bigramText([norm]);
  if (grams) return { norm, words: w, grams: grams.split(' '), prefix: false };
  // no bigram: a lone character, found as the start of one, or nothing to match
  const lone = wordCharsOnly(norm);
  return { norm, words: w, grams: lone ? [lone] : [], prefix: lone !== '' };
}
