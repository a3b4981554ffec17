// Where a sentence quotes someone: the quotation marks of every script and how outlets
// really use them. 「…」 and “…” (a quotation inside another is part of it), 『…』 and ‘…’
// standing alone, ASCII "…"; “…“ closed with an opening mark; a quotation opened and never
// closed in its sentence (a quote running over several sentences or paragraphs opens each
// one and closes only the last) runs to its first full stop, else to the sentence's end.
// A short quotation (a word or two) is a quote only right after a verb of saying or
// likening (比喻成“一条母狗”); elsewhere it is a term or irony, not speech.

export interface Quotation {
  /** index of the opening mark */
  start: number;
  /** index just after the closing mark (or the quoted text's end when never closed) */
  end: number;
  /** the quoted text, marks excluded */
  text: string;
}

const CLOSE_OF: Record<string, string> = { '「': '」', '『': '』', '“': '”', '‘': '’', '"': '"' };
/** a quotation shorter than this is a term, unless a verb of saying introduces it */
export const MIN_QUOTE = 6;
const MIN_SHORT = 2;
const MAX_QUOTE = 400;
const FULL_STOP = /[。！？!?]/;

/**
 * Every quotation of a sentence, in order. `introduced(before)` says whether the text right
 * before an opening mark introduces speech (a verb of saying ends it): then a short
 * quotation counts too.
 */
export function quotationsOf(s: string, introduced: (before: string) => boolean): Quotation[] {
  const out: Quotation[] = [];
  for (let i = 0; i < s.length; i++) {
    const open = s[i]!;
    const close = CLOSE_OF[open];
    if (!close) continue;
    let end = -1;
    let depth = 0;
    for (let j = i + 1; j < s.length && j - i <= MAX_QUOTE + 1; j++) {
      const c = s[j]!;
      if (open !== '"' && c === open) {
        // “…“: an opening mark that no closing mark follows closes the quotation (some outlets close so)
        if (open === '“' && depth === 0 && !s.slice(j + 1).includes('”')) { end = j; break; }
        depth++;
        continue;
      }
      if (c === close) {
        if (depth === 0) { end = j; break; }
        depth--;
      }
    }
    let textEnd: number, after: number;
    if (end >= 0) { textEnd = end; after = end + 1; }
    else {
      // never closed: to the first full stop, else to the sentence's end (the mark of a later quotation ends it too)
      const rest = s.slice(i + 1);
      const next = rest.search(/[「『“"]/);
      const stop = rest.search(FULL_STOP);
      const cut = [next, stop].filter((x) => x >= 0);
      textEnd = i + 1 + (cut.length ? Math.min(...cut) : rest.length);
      after = textEnd;
    }
    const text = s.slice(i + 1, textEnd).trim();
    const min = introduced(s.slice(Math.max(0, i - 8), i)) ? MIN_SHORT : MIN_QUOTE;
    // ‘…’ and 『…』 inside another quotation are part of it (skipped with it); alone they quote
    if (text.length >= min && text.length <= MAX_QUOTE && /\p{Script=Han}/u.test(text)) out.push({ start: i, end: after, text });
    // a quotation that was not taken still covers its text: what it quotes is not a new quotation
    i = Math.max(i, after - 1);
  }
  return out;
}

/** The sentence with its marks the right way round when it opens quotations with ” and closes them with “ (”不平凡“); same length. */
export function straightMarks(s: string): string {
  return reversedMarks(s) ? s.replace(/[“”]/g, (c) => (c === '“' ? '”' : '“')) : s;
}

function reversedMarks(s: string): boolean {
  const first = s.search(/[“”]/);
  if (first < 0 || s[first] !== '”') return false;
  let open = 0, close = 0;
  for (const c of s) { if (c === '“') open++; else if (c === '”') close++; }
  return open === close;
}
