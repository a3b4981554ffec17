// A snippet of the article around the matched words, highlighted in the article's
// own script: matching runs on the normal form, whose offsets are the original's.
import type { Article } from '../article.js';
import { normalizeText } from '../text/normalize.js';

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const LETTER = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{N}]/u;

/** Matched spans of `needles` (normal forms) in `text`; a needle that starts or ends with a letter of an alphabet matches whole words only (who, not whole). */
export function findMatches(text: string, needles: readonly string[]): Array<[number, number]> {
  const norm = normalizeText(text);
  const spans: Array<[number, number]> = [];
  for (const n of needles) {
    if (!n) continue;
    const edgeStart = LETTER.test(n[0]!);
    const edgeEnd = LETTER.test(n[n.length - 1]!);
    for (let at = norm.indexOf(n); at >= 0; at = norm.indexOf(n, at + 1)) {
      if (edgeStart && at > 0 && LETTER.test(norm[at - 1]!)) continue;
      if (edgeEnd && at + n.length < norm.length && LETTER.test(norm[at + n.length]!)) continue;
      spans.push([at, at + n.length]);
    }
  }
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: Array<[number, number]> = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else merged.push([...s]);
  }
  return merged;
}

/** `text` with the spans wrapped in <mark>, HTML-escaped. */
export function highlight(text: string, spans: ReadonlyArray<[number, number]>): string {
  let out = '';
  let at = 0;
  for (const [s, e] of spans) {
    out += escapeHtml(text.slice(at, s)) + '<mark>' + escapeHtml(text.slice(s, e)) + '</mark>';
    at = e;
  }
  return out + escapeHtml(text.slice(at));
}

/** About `width` characters of the paragraph that matches best, with <mark> around the matches. */
export function makeSnippet(a: Article, needles: readonly string[], width = 90): string {
  // a long match (the whole term) outweighs scattered words: spans weigh their length squared
  const weight = (spans: ReadonlyArray<[number, number]>): number => spans.reduce((w, [s, e]) => w + (e - s) ** 2, 0);
  let best = { text: a.paragraphs[0] ?? a.title, spans: [] as Array<[number, number]>, weight: 0 };
  for (const p of a.paragraphs) {
    const spans = findMatches(p, needles);
    const w = weight(spans);
    if (w > best.weight) best = { text: p, spans, weight: w };
  }
  const { text, spans } = best;
  const first = spans[0]?.[0] ?? 0;
  const start = Math.max(0, Math.min(first - Math.floor(width / 3), text.length - width));
  const end = Math.min(text.length, start + width);
  const inside = spans.filter(([s, e]) => s >= start && e <= end).map(([s, e]) => [s - start, e - start] as [number, number]);
  return (start > 0 ? '…' : '') + highlight(text.slice(start, end), inside) + (end < text.length ? '…' : '');
}
