// Dedup + grouping of the whole archive: time and peak memory at 1×, 2× and 4× the
// articles (copies with new ids and shifted dates), to show growth is about linear.
import type { Article } from '../src/article.js';
import { computeLineage, lineageInput } from '../src/dedup/lineage.js';
import { WIRE_OUTLETS } from '../src/stories/analyze.js';
import { articleWords, idfTable, tfidf } from '../src/stories/features.js';
import { groupStories } from '../src/stories/group.js';
import { SqliteStore } from '../src/store/sqlite.js';
import { AliasTable } from '../src/text/aliases.js';
import { Segmenter } from '../src/text/segment.js';

export async function storiesBench(db: string): Promise<void> {
  const store = new SqliteStore(db);
  const base: Article[] = [];
  for await (const a of store.allArticles()) base.push(a);
  await store.close();
  const seg = new Segmenter().warm();
  const aliases = new AliasTable();
  console.log('## Dedup + story grouping (one core)\n');
  console.log('| articles | lineage s | features s | grouping s | total s | per 1,000 articles s | heap growth MB |');
  console.log('|---|---|---|---|---|---|---|');
  for (const factor of [1, 2, 4]) {
    const articles = Array.from({ length: factor }, (_, k) => base.map((a) => ({
      ...a, id: `${a.id.slice(0, 13)}${k.toString(16).padStart(3, '0')}`,
      published: a.published ? { ...a.published, at: new Date(Date.parse(a.published.at) + k * 40 * 86_400_000).toISOString() } : null,
    }))).flat();
    global.gc?.();
    const heap0 = process.memoryUsage().heapUsed;
    let t = performance.now();
    computeLineage(articles.map((a) => lineageInput(a, WIRE_OUTLETS)));
    const lineage = (performance.now() - t) / 1000;
    t = performance.now();
    const words = articles.map((a) => articleWords(a, seg, aliases));
    const idf = idfTable(words);
    const items = articles.flatMap((a, i) => (a.published ? [{ id: a.id, at: Date.parse(a.published.at), vector: tfidf(words[i]!, idf) }] : []));
    const features = (performance.now() - t) / 1000;
    t = performance.now();
    groupStories(items, new Map());
    const grouping = (performance.now() - t) / 1000;
    const heap = (process.memoryUsage().heapUsed - heap0) / 1048576;
    const total = lineage + features + grouping;
    console.log(`| ${articles.length} | ${lineage.toFixed(1)} | ${features.toFixed(1)} | ${grouping.toFixed(1)} | ${total.toFixed(1)} | ${(total / (articles.length / 1000)).toFixed(2)} | ${heap.toFixed(0)} |`);
  }
  console.log('');
}
