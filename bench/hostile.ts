// Hostile files (src/import/testdata/hostile.ts) parsed as one import worker reads them, each
// against an ordinary article file of the same size parsed in the same run (the baseline): the
// time of the hostile file, its ratio to the baseline, and issue 20's bound (≤ 2 s a file).
import { parseFile } from '../src/import/parse.js';
import { HOSTILE_BOUND_MS, HOSTILE_CASES } from '../src/import/testdata/hostile.js';
import { Segmenter } from '../src/text/segment.js';

const ROUNDS = 5;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** an ordinary report of about `bytes` bytes: paragraphs of a fictional notice */
function ordinary(name: string, bytes: number): string {
  const paragraph = '<p>晴川市今天发布公告，内容涉及道路维修的安排，市民出行请留意交通改道的通知。</p>';
  const n = Math.max(1, Math.floor(bytes / Buffer.byteLength(paragraph)));
  return name.endsWith('.md') ? `---\ntitle: 晴川公告\ndate: 2031-10-01\n---\n\n${'晴川市今天发布公告，内容涉及道路维修的安排。\n\n'.repeat(n)}` : `<html><head><title>晴川公告</title></head><body>${paragraph.repeat(n)}</body></html>`;
}

export function hostileBench(): void {
  const ctx = { segmenter: new Segmenter() };
  const time = (name: string, text: string): number => {
    const bytes = Buffer.from(text);
    const ms: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const t = performance.now();
      parseFile({ location: { kind: 'file', path: `/bench/${name}` }, bytes, pathHint: name }, ctx);
      ms.push(performance.now() - t);
    }
    return median(ms);
  };
  console.log(`## Hostile files (median of ${ROUNDS}; bound ${HOSTILE_BOUND_MS} ms a file)\n`);
  console.log('| file | bytes | ms | ordinary file of that size, ms | × ordinary | within the bound |');
  console.log('|---|---|---|---|---|---|');
  for (const c of HOSTILE_CASES) {
    const bytes = Buffer.byteLength(c.text);
    const ms = time(c.name, c.text);
    const base = time(c.name, ordinary(c.name, bytes));
    console.log(`| ${c.name} | ${bytes.toLocaleString('en')} | ${ms.toFixed(0)} | ${base.toFixed(0)} | ${(ms / base).toFixed(2)} | ${ms <= HOSTILE_BOUND_MS ? 'yes' : '**no**'} |`);
  }
  console.log('');
}
