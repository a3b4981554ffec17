// Sentence splitting for Chinese news: ends at 。！？； and ellipses, but never inside
// 「」“”『』‘’（）《》 — a quoted speech with several sentences stays whole — and keeps
// closing quotes with the sentence they close. Characters are classified through a
// code-unit table: this runs over every sentence of the archive.
import type { Segmenter } from './segment.js';

export interface Sentence { text: string; start: number; end: number }

const OPENERS = '「“『‘（(《〈【';
const CLOSERS = '」”』’）)》〉】';
const ENDS = '。！？；!?…';
const TRAILING = '”」』’）)】》。！？….!?';
const OPEN = 1, CLOSE = 2, END = 4, TRAIL = 8, SPACE = 16;
const KIND = new Uint8Array(0x10000);
for (const ch of OPENERS) KIND[ch.charCodeAt(0)]! |= OPEN;
for (const ch of CLOSERS) KIND[ch.charCodeAt(0)]! |= CLOSE;
for (const ch of ENDS) KIND[ch.charCodeAt(0)]! |= END;
for (const ch of TRAILING) KIND[ch.charCodeAt(0)]! |= TRAIL;
for (const ch of ' \t\n\r\u00a0\u3000') KIND[ch.charCodeAt(0)]! |= SPACE;
/** closing mark → its opening mark */
const PAIR = new Map(Array.from(CLOSERS, (c, i) => [c.charCodeAt(0), OPENERS.charCodeAt(i)]));

/** a quote left open longer than this was never closed: stop waiting for it */
const MAX_QUOTE = 400;

export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  const stack: number[] = []; // opening marks
  let openedAt = -1;
  let start = 0;
  const endAt = (from: number): number => {
    let end = from;
    while (end < text.length && KIND[text.charCodeAt(end)]! & TRAIL) end++;
    push(out, text, start, end);
    start = end;
    return end - 1;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const k = KIND[c]!;
    if (stack.length && i - openedAt > MAX_QUOTE) stack.length = 0;
    if (k & OPEN) { if (stack.length === 0) openedAt = i; stack.push(c); continue; }
    if (k & CLOSE) {
      const at = stack.lastIndexOf(PAIR.get(c)!);
      if (at >= 0) stack.length = at;
      // a quotation that ends a sentence ends it after the closing mark: 他说：“好。”
      if (stack.length === 0 && i > 0 && KIND[text.charCodeAt(i - 1)]! & END) i = endAt(i + 1);
      continue;
    }
    // a run of end marks ("……", "？！") and the closing marks after it stay together
    if (k & END && stack.length === 0) i = endAt(i + 1);
  }
  push(out, text, start, text.length);
  return out;
}

function push(out: Sentence[], text: string, start: number, end: number): void {
  let s = start;
  let e = end;
  while (s < e && KIND[text.charCodeAt(s)]! & SPACE) s++;
  while (e > s && KIND[text.charCodeAt(e - 1)]! & SPACE) e--;
  if (e > s) out.push({ text: text.slice(s, e), start: s, end: e });
}

/**
 * Each sentence of `text` as its words joined by single spaces, one per line (the form of a
 * word-segmented corpus and of `parallax segment`): as written, or in the normal form.
 */
export function segmentedLines(text: string, seg: Segmenter, form: 'written' | 'normal' = 'written'): string[] {
  const lines: string[] = [];
  for (const para of text.split(/\r?\n/)) {
    for (const s of splitSentences(para)) lines.push(seg.words(s.text, form).join(' '));
  }
  return lines;
}
