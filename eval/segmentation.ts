// Word segmentation scored the bakeoff's way (SIGHAN 2005): word-level precision,
// recall and F1 against the gold, and the recall of out-of-vocabulary gold words
// (words absent from the training word list, which is used for nothing else).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SegScore { precision: number; recall: number; f1: number; oovRecall: number; words: number; seconds: number; mbPerSecond: number }

const readLines = (p: string): string[] => readFileSync(p, 'utf8').replace(/^\ufeff/, '').split(/\r?\n/);

function spans(words: string[]): Set<string> {
  const out = new Set<string>();
  let at = 0;
  for (const w of words) { out.add(`${at}:${at + w.length}`); at += w.length; }
  return out;
}

/** Score a segmenter (line → words, keeping every character) on one SIGHAN set. */
export function scoreSegmenter(dir: string, set: 'pku' | 'cityu', cut: (line: string) => string[]): SegScore {
  const raw = readLines(join(dir, `${set}_test.utf8`));
  const gold = readLines(join(dir, `${set}_test_gold.utf8`));
  const vocab = new Set(readLines(join(dir, `${set}_training_words.utf8`)).map((w) => w.trim()).filter(Boolean));
  let goldN = 0, outN = 0, correct = 0, oov = 0, oovHit = 0, bytes = 0;
  const started = performance.now();
  const outputs = raw.map((line) => { bytes += Buffer.byteLength(line); return cut(line.trim()).filter((w) => w.trim()); });
  const seconds = (performance.now() - started) / 1000;
  raw.forEach((_line, i) => {
    const g = (gold[i] ?? '').trim().split(/\s+/).filter(Boolean);
    const o = outputs[i]!;
    if (g.join('') !== o.join('').replace(/\s+/g, '')) {
      // a segmenter must keep every character; count the line as all wrong rather than guess
      goldN += g.length; outN += o.length;
      for (const w of g) if (!vocab.has(w)) oov++;
      return;
    }
    const os = spans(o);
    goldN += g.length; outN += o.length;
    let at = 0;
    for (const w of g) {
      const hit = os.has(`${at}:${at + w.length}`);
      if (hit) correct++;
      if (!vocab.has(w)) { oov++; if (hit) oovHit++; }
      at += w.length;
    }
  });
  const precision = correct / outN;
  const recall = correct / goldN;
  return { precision, recall, f1: (2 * precision * recall) / (precision + recall), oovRecall: oov ? oovHit / oov : 0, words: goldN, seconds, mbPerSecond: bytes / 1048576 / seconds };
}
