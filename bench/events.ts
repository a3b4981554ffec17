// Events: grouping time and memory as the archive grows (copies with new ids and shifted
// dates); the whole analysis of a real archive, then again after 100 new articles; and the
// event page's server time and size against the article page in the same run.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Article } from '../src/article.js';
import { computeLineage, lineageInput } from '../src/dedup/lineage.js';
import { importSources } from '../src/import/pipeline.js';
import { createApp } from '../src/server/app.js';
import { analyzeArchive, WIRE_OUTLETS } from '../src/stories/analyze.js';
import { articleWords, idfTable, tfidf } from '../src/stories/features.js';
import { groupEvents } from '../src/stories/group.js';
import { SqliteStore } from '../src/store/sqlite.js';
import { AliasTable } from '../src/text/aliases.js';
import { Segmenter } from '../src/text/segment.js';

const quantile = (xs: number[], q: number): number => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(q * s.length))]!; };

/** `db` holds an imported archive; `dir` is scratch space */
export async function eventsBench(db: string, dir: string): Promise<void> {
  const store = new SqliteStore(db);
  const base: Article[] = [];
  for await (const a of store.allArticles()) base.push(a);
  const seg = new Segmenter().warm();
  const aliases = new AliasTable();
  const text = { segmenter: seg, aliases };

  console.log('## Events: lineage and grouping as the archive grows (one core)\n');
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
    groupEvents(items, new Map(), new Map());
    const grouping = (performance.now() - t) / 1000;
    const heap = (process.memoryUsage().heapUsed - heap0) / 1048576;
    const total = lineage + features + grouping;
    console.log(`| ${articles.length} | ${lineage.toFixed(1)} | ${features.toFixed(1)} | ${grouping.toFixed(1)} | ${total.toFixed(1)} | ${(total / (articles.length / 1000)).toFixed(2)} | ${heap.toFixed(0)} |`);
  }

  // the whole analysis as `parallax events` runs it, then after 100 new articles
  let t = performance.now();
  const first = await analyzeArchive(store, text, { regroup: true });
  const firstS = (performance.now() - t) / 1000;
  await importSources(store, [writeFollowUps(base, join(dir, 'new-articles'), 100)]);
  t = performance.now();
  const again = await analyzeArchive(store, text);
  const againS = (performance.now() - t) / 1000;
  console.log(`\n| analysis (lineage, grouping, stored comparisons) | articles | events | comparisons computed | s |`);
  console.log('|---|---|---|---|---|');
  console.log(`| first, every article | ${first.articles} | ${first.events} | ${first.comparisons} | ${firstS.toFixed(1)} |`);
  console.log(`| after 100 new articles | ${again.articles} | ${again.events} | ${again.comparisons} | ${againS.toFixed(1)} |`);

  // event pages of the largest events against article pages, in-process (server time only)
  const app = createApp({ store, text, lexicons: [] });
  const { events } = await store.listEvents({ minOutlets: 1, limit: 20, order: 'size' });
  const time = async (path: string): Promise<{ ms: number; bytes: number }> => {
    const s = performance.now();
    const res = await app.request(path);
    const body = await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    return { ms: performance.now() - s, bytes: body.byteLength };
  };
  const eventRuns: Array<{ ms: number; bytes: number }> = [], apiRuns: Array<{ ms: number; bytes: number }> = [], articleRuns: number[] = [];
  for (let round = 0; round < 5; round++) for (const e of events) {
    eventRuns.push(await time(`/event/${e.id}`));
    apiRuns.push(await time(`/api/events/${e.id}`));
    articleRuns.push((await time(`/article/${e.members[0]!.article}`)).ms);
  }
  const ms = (xs: number[]): string => `${quantile(xs, 0.5).toFixed(0)} / ${quantile(xs, 0.95).toFixed(0)}`;
  console.log(`\n| page (20 largest events, up to ${events[0]?.members.length ?? 0} articles, 5 rounds) | p50 / p95 ms | largest response KB | p95 vs article page |`);
  console.log('|---|---|---|---|');
  console.log(`| /article/ID (baseline) | ${ms(articleRuns)} | | 1.00 |`);
  console.log(`| /event/ID | ${ms(eventRuns.map((r) => r.ms))} | ${(Math.max(...eventRuns.map((r) => r.bytes)) / 1024).toFixed(0)} | ${(quantile(eventRuns.map((r) => r.ms), 0.95) / quantile(articleRuns, 0.95)).toFixed(2)} |`);
  console.log(`| /api/events/ID | ${ms(apiRuns.map((r) => r.ms))} | ${(Math.max(...apiRuns.map((r) => r.bytes)) / 1024).toFixed(0)} | ${(quantile(apiRuns.map((r) => r.ms), 0.95) / quantile(articleRuns, 0.95)).toFixed(2)} |`);
  console.log('');
  await store.close();
}

/** `n` new articles: follow-ups of the latest ones, a day later (what a day of news adds). Returns their folder. */
export function writeFollowUps(base: Iterable<Article>, news: string, n: number): string {
  mkdirSync(news, { recursive: true });
  const latest = [...base].filter((a) => a.published).sort((a, b) => b.published!.at.localeCompare(a.published!.at)).slice(0, n);
  latest.forEach((a, i) => {
    const at = new Date(Date.parse(a.published!.at) + 86_400_000).toISOString();
    writeFileSync(join(news, `new-${i}.md`), `---\ntitle: ${JSON.stringify(`${a.title}（续）`)}\ndate: ${at}\nsource: ${JSON.stringify(a.outlet.name)}\n---\n\n${a.paragraphs.join('\n\n')}\n\n第${i}次补充。\n`);
  });
  return news;
}
