// Sentence splitting for Chinese news: ends at 。！？； and ellipses, but never inside
// 「」“”『』‘’（）《》 — a quoted speech with several sentences is one sentence of the
// article — and keeps closing quotes with the sentence they close.
export interface Sentence { text: string; start: number; end: number }

const OPEN = new Set(['「', '“', '『', '‘', '（', '(', '《', '〈', '【']);
const CLOSE: Record<string, string> = { '」': '「', '”': '“', '』': '『', '’': '‘', '）': '（', ')': '(', '》': '《', '〉': '〈', '】': '【' };
const END = new Set(['。', '！', '？', '；', '!', '?', '…']);
const TRAILING = new Set(['”', '」', '』', '’', '）', ')', '】', '》', '。', '！', '？', '…', '.', '!', '?']);

/** a quote left open longer than this was never closed: stop waiting for it */
const MAX_QUOTE = 400;

export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  const stack: Array<{ ch: string; at: number }> = [];
  let start = 0;
  const endAt = (from: number): number => {
    let end = from;
    while (end < text.length && TRAILING.has(text[end]!)) end++;
    push(out, text, start, end);
    start = end;
    return end - 1;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (stack.length && i - stack[0]!.at > MAX_QUOTE) stack.length = 0;
    if (OPEN.has(ch)) { stack.push({ ch, at: i }); continue; }
    const opener = CLOSE[ch];
    if (opener) {
      const at = stack.map((o) => o.ch).lastIndexOf(opener);
      if (at >= 0) stack.length = at;
      // a quotation that ends a sentence ends it after the closing mark: 他说：“好。”
      if (stack.length === 0 && i > 0 && END.has(text[i - 1]!)) i = endAt(i + 1);
      continue;
    }
    // a run of end marks ("……", "？！") and the closing marks after it stay together
    if (END.has(ch) && stack.length === 0) i = endAt(i + 1);
  }
  push(out, text, start, text.length);
  return out;
}

function push(out: Sentence[], text: string, start: number, end: number): void {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s]!)) s++;
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  if (e > s) out.push({ text: text.slice(s, e), start: s, end: e });
}
