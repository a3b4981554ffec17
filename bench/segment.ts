// Segmentation throughput on archive text: Parallax's segmenter vs plain jieba; and the cut a
// comparison makes of an article, from its paragraphs' pieces vs by the segmenter alone.
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { join } from 'node:path';
import { importSources } from '../src/import/pipeline.js';
import { SqliteStore } from '../src/store/sqlite/store.js';
import type { Article } from '../src/article.js';
import { cutText } from '../src/stories/article-text.js';
import { AliasTable } from '../src/text/aliases.js';
import { Segmenter, type Token } from '../src/text/segment.js';
import { timePaired } from './paired.js';

export async function segmentBench(tenK: string, dir: string): Promise<void> {
  const store = new SqliteStore(join(dir, 'segment.db'));
  await importSources(store, [tenK], { index: false });
  const texts: string[] = [];
  const dated: Article[] = [];
  for await (const a of store.allArticles()) { texts.push(...a.paragraphs); if (a.published) dated.push(a); }
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
  cutBench(dated.sort((a, b) => (a.published!.at < b.published!.at ? 1 : -1)).slice(0, CUT_SAMPLE), ours);
}

/** the latest articles cut per round (~6 ms each on a quiet core) */
const CUT_SAMPLE = 1_000;

/**
 * `cutText` as comparisons run it (Segmenter.within: each paragraph tagged once, its sentences,
 * clauses and quotations cut from those pieces) against the segmenter alone, which cuts every
 * sentence, clause and paragraph again and remembers only each text's tags (the cut before the
 * fifteenth session). Both make the same cuts: checked here before timing.
 */
function cutBench(articles: readonly Article[], seg: Segmenter): void {
  const alone = Object.create(seg) as Segmenter;
  alone.within = (): Segmenter => {
    const tags = new Map<string, Token[]>();
    const view = Object.create(seg) as Segmenter;
    view.tag = (text: string): Token[] => tags.get(text) ?? tags.set(text, seg.tag(text)).get(text)!;
    return view;
  };
  const ctx = { segmenter: seg, aliases: new AliasTable() };
  const base = { segmenter: alone, aliases: ctx.aliases };
  for (const a of articles) {
    if (JSON.stringify(cutText(a, ctx)) !== JSON.stringify(cutText(a, base))) throw new Error(`the cuts of ${a.id} differ`);
  }
  const t = timePaired(() => { for (const a of articles) cutText(a, ctx); }, () => { for (const a of articles) cutText(a, base); }, 5);
  console.log(`## A comparison's cut of an article (${articles.length} latest dated hkcnews-10k articles, the same cuts both ways; best of 5 paired rounds)\n`);
  console.log('| cut | ms an article | × segmenter alone |');
  console.log('|---|---|---|');
  console.log(`| each text by the segmenter alone (tags remembered per text) | ${(t.baseline * 1000 / articles.length).toFixed(2)} | 1.00 |`);
  console.log(`| paragraphs tagged once, the rest from their pieces (Segmenter.within) | ${(t.ours * 1000 / articles.length).toFixed(2)} | ${t.ratio.toFixed(2)} |\n`);
}
