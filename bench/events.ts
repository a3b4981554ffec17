// Events: grouping time and memory as the archive grows (copies with new ids and shifted
// dates); the whole analysis of a real archive, then again after 100 new articles; and the
// event page's server time and size against the article page in the same run.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Article } from '../src/article.js';
import { computeLineage, lineageInput } from '../src/dedup/lineage.js';
import { importSources } from '../src/import/pipeline.js';
import { createApp } from '../src/server/app.js';
import { analyzeArchive, WIRE_OUTLETS } from '../src/stories/analyze.js';
import { incrementalAtScale } from './events-replica.js';
import { articleWords, idfTable, tfidf } from '../src/stories/features.js';
import { groupEvents } from '../src/stories/group.js';
import { SqliteStore } from '../src/store/sqlite/store.js';
import { AliasTable } from '../src/text/aliases.js';
import { Segmenter } from '../src/text/segment.js';

const quantile = (xs: number[], q: number): number => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(q * s.length))]!; };

/** `db` holds an imported archive; `dir` is scratch space */
export async function eventsBench(db: string, dir: string, opts: { growth?: boolean } = {}): Promise<void> {
  const store = new SqliteStore(db);
  const base: Article[] = [];
  for await (const a of store.allArticles()) base.push(a);
  const seg = new Segmenter().warm();
  const aliases = new AliasTable();
  const text = { segmenter: seg, aliases };

  console.log('## Events: lineage and grouping as the archive grows (one core)\n');
  console.log('| articles | lineage s | features s | grouping s | total s | per 1,000 articles s | heap growth MB |');
  console.log('|---|---|---|---|---|---|---|');
  for (const factor of opts.growth === false ? [] : [1, 2, 4]) {
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
  const latest = latestDated(base, 100);
  const imported = await importSources(store, [writeFollowUps(latest, join(dir, 'new-articles'))]);
  t = performance.now();
  const again = await analyzeArchive(store, text);
  const againS = (performance.now() - t) / 1000;
  console.log(`\n| analysis (lineage, grouping, stored comparisons) | mode | articles analysed | events in the archive | events and threads written | comparisons computed | s |`);
  console.log('|---|---|---|---|---|---|---|');
  console.log(`| first, every article | ${first.mode} | ${first.articles} | ${first.events} | ${first.eventsWritten} | ${first.comparisons} | ${firstS.toFixed(1)} |`);
  console.log(`| after 100 new files (${imported.articles.added} new articles, ${imported.articles.updated} changed) | ${again.mode} | ${again.articles} | ${again.events} | ${again.eventsWritten} | ${again.comparisons} | ${againS.toFixed(1)} |`);

  // the whole analysis in a process of its own at two batch sizes: what bounds its memory
  console.log('\n| whole analysis (regroup), own process | batch | s | events | comparisons | RSS at start MB | peak RSS MB |');
  console.log('|---|---|---|---|---|---|---|');
  store.db.pragma('wal_checkpoint(TRUNCATE)'); // the copy each child makes holds every commit
  for (const batch of [2_000, 20_000]) {
    process.stdout.write(execFileSync(process.execPath, ['--import', 'tsx', 'bench/analysis-memory.ts', db, String(batch)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }));
  }

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

  // the same 100 new files' worth of work in an archive of ~200,000 articles
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  await incrementalAtScale(db, dir, Math.ceil(200_000 / base.length) - 1, latest, text);
  console.log('');
  await store.close();
}

/** the `n` latest dated articles */
export function latestDated(base: Iterable<Article>, n: number): Article[] {
  return [...base].filter((a) => a.published).sort((a, b) => b.published!.at.localeCompare(a.published!.at)).slice(0, n);
}

/** New articles: a follow-up of each of `of`, `days` later (what a day of news adds). Returns their folder. */
export function writeFollowUps(of: readonly Article[], news: string, opts: { days?: number; mark?: string } = {}): string {
  const days = opts.days ?? 1, mark = opts.mark ?? '续';
  mkdirSync(news, { recursive: true });
  of.forEach((a, i) => {
    const at = new Date(Date.parse(a.published!.at) + days * 86_400_000).toISOString();
    writeFileSync(join(news, `new-${i}.md`), `---\ntitle: ${JSON.stringify(`${a.title}（${mark}）`)}\ndate: ${at}\nsource: ${JSON.stringify(a.outlet.name)}\n---\n\n${a.paragraphs.join('\n\n')}\n\n第${i}次补充${mark}。\n`);
  });
  return news;
}
