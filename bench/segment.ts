// Segmentation throughput on archive text: Parallax's segmenter vs plain jieba.
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { join } from 'node:path';
import { importSources } from '../src/import/pipeline.js';
import { SqliteStore } from '../src/store/sqlite/store.js';
import { Segmenter } from '../src/text/segment.js';
import { timePaired } from './paired.js';

export async function segmentBench(tenK: string, dir: string): Promise<void> {
  const store = new SqliteStore(join(dir, 'segment.db'));
  await importSources(store, [tenK], { index: false });
  const texts: string[] = [];
  for await (const a of store.allArticles()) texts.push(...a.paragraphs);
  await store.close();
  const bytes = texts.reduce((s, t) => s + Buffer.byteLength(t), 0);
  const jieba = Jieba.withDict(dict);
  const ours = new Segmenter().warm();
  const t = timePaired(() => { for (const x of texts) ours.words(x); }, () => { for (const x of texts) jieba.cut(x, true); }, 7);
  const j = t.baseline;
  const p = t.ours;
  console.log('## Segmentation throughput (hkcnews-10k paragraphs, best of 7 paired rounds; × jieba: median of the rounds\' ratios)\n');
  console.log('| segmenter | MB | seconds | MB/s | × jieba |');
  console.log('|---|---|---|---|---|');
  console.log(`| @node-rs/jieba (HMM on) | ${(bytes / 1048576).toFixed(1)} | ${j.toFixed(2)} | ${(bytes / 1048576 / j).toFixed(2)} | 1.00 |`);
  console.log(`| Parallax (normal form, lexicon, refinements) | ${(bytes / 1048576).toFixed(1)} | ${p.toFixed(2)} | ${(bytes / 1048576 / p).toFixed(2)} | ${t.ratio.toFixed(2)} |\n`);
}
