// Text without metadata: word-segmented text (tokens separated by spaces, as seed 004)
// and plain running text. Segmented text is read back into running text; the given
// segmentation is kept as a token layer (offsets into each paragraph).
import { emptyCredits, type ArticleDraft } from '../article.js';
import { buildDraft } from '../extract/draft.js';
import { markdownParts } from '../extract/markdown.js';

const HAN = /\p{Script=Han}/u;
const WORDISH = /[\p{L}\p{N}]/u;

/**
 * Share of the boundaries after a Han character that are one space: a word boundary in
 * segmented text (before another word or a punctuation mark, both spaced), else two
 * characters of one word. Segmented text scores about 1/(mean word length), 0.4–0.6
 * since most words have two characters; running text scores near 0 (a space between
 * phrases of a headline at most).
 */
export function segmentedRatio(text: string): number {
  let joined = 0;
  let spaced = 0;
  const sample = text.slice(0, 20000);
  for (let i = 1; i < sample.length; i++) {
    const a = sample[i - 1]!;
    if (!HAN.test(a)) continue;
    const b = sample[i]!;
    if (HAN.test(b)) joined++;
    else if (b === ' ' && i + 1 < sample.length && !/\s/.test(sample[i + 1]!)) spaced++;
  }
  return joined + spaced < 20 ? 0 : spaced / (joined + spaced);
}

/** above this share a text is read as segmented (running text of the shared corpora stays below 0.1, segmented above 0.5) */
export const SEGMENTED_THRESHOLD = 0.3;

/** A segmented line back to running text, with the [start,end) offset of every token. */
export function joinTokens(line: string): { text: string; tokens: Array<[number, number]> } {
  const toks = line.trim().split(/\s+/).filter(Boolean);
  let text = '';
  const tokens: Array<[number, number]> = [];
  for (const t of toks) {
    const prev = text[text.length - 1];
    // Latin words and numbers kept apart in the original keep their space
    if (prev && /[A-Za-z0-9]/.test(prev) && /^[A-Za-z0-9]/.test(t)) text += ' ';
    tokens.push([text.length, text.length + t.length]);
    text += t;
  }
  return { text, tokens };
}

function looksLikeTitle(line: string): boolean {
  return line.length > 0 && line.length <= 40 && !/[。！？；.!?]$/.test(line);
}

export function readSegmentedText(src: string): ArticleDraft {
  const lines = src.replace(/\r\n?/g, '\n').split('\n').map((l) => l.trim()).filter((l) => WORDISH.test(l));
  const joined = lines.map(joinTokens);
  const first = joined[0];
  const hasTitle = first !== undefined && joined.length > 1 && looksLikeTitle(first.text);
  const body = hasTitle ? joined.slice(1) : joined;
  return buildDraft({
    title: hasTitle ? first.text : '',
    outlet: {},
    body: { paragraphs: body.map((j) => j.text), figures: [], media: [], credits: emptyCredits() },
    givenTokens: body.map((j) => j.tokens),
  });
}

export function readPlainText(src: string): ArticleDraft {
  const text = src.replace(/\r\n?/g, '\n').trim();
  const nl = text.indexOf('\n');
  const firstLine = nl < 0 ? text : text.slice(0, nl).trim();
  const hasTitle = nl > 0 && looksLikeTitle(firstLine);
  return buildDraft({
    title: hasTitle ? firstLine : '',
    outlet: {},
    body: { html: markdownParts(hasTitle ? text.slice(nl + 1) : text) },
  });
}
