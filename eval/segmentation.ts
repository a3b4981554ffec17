// Word segmentation scored the bakeoff's way (SIGHAN 2005): word-level precision,
// recall and F1 against the gold, and the recall of out-of-vocabulary gold words
// (words absent from the training word list, which is used for nothing else).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { timePaired } from '../bench/paired.js';

export interface SegScore { precision: number; recall: number; f1: number; oovRecall: number; words: number }

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
  let goldN = 0, outN = 0, correct = 0, oov = 0, oovHit = 0;
  const outputs = raw.map((line) => cut(line.trim()).filter((w) => w.trim()));
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
  return { precision, recall, f1: (2 * precision * recall) / (precision + recall), oovRecall: oov ? oovHit / oov : 0, words: goldN };
}

/** Throughput on a set's raw lines against a baseline segmenter (see timePaired). */
export function throughputAgainst(dir: string, set: 'pku' | 'cityu', cut: (line: string) => unknown, baseline: (line: string) => unknown, rounds = 5): { mbPerSecond: number; ratio: number } {
  const raw = readLines(join(dir, `${set}_test.utf8`)).map((l) => l.trim());
  const mb = raw.reduce((n, l) => n + Buffer.byteLength(l), 0) / 1048576;
  const t = timePaired(() => { for (const line of raw) cut(line); }, () => { for (const line of raw) baseline(line); }, rounds);
  return { mbPerSecond: mb / t.ours, ratio: t.ratio };
}

/** throughputAgainst for Parallax's segmenter with these lexicons, run in a fresh process (see segmentation-speed.ts) */
export function segmentationSpeed(dir: string, set: 'pku' | 'cityu', lexicons: readonly string[]): { mbPerSecond: number; ratio: number } {
  const script = new URL('./segmentation-speed.ts', import.meta.url).pathname;
  const out = execFileSync(process.execPath, ['--import', 'tsx', script, dir, set, ...lexicons], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(out) as { mbPerSecond: number; ratio: number };
}
