// npm run bench: speed and memory, each against a baseline measured in the same run.
//   import   hkcnews-10k: Parallax import (with and without the search index) vs reading
//            files + parsing front matter; peak RSS from 2,500 to 90,000 files
//   segment  MB/s of Parallax's segmenter vs plain @node-rs/jieba on archive text; a comparison's
//            cut of an article from its paragraphs' pieces vs by the segmenter alone
//   search   p50/p95/p99 over 300+ queries on hkcnews-10k + multi-outlet and on a
//            200,000-article replica, vs a LIKE '%…%' scan
//   events   lineage + grouping at 1×, 2×, 4× the archive; analysis after 100 new articles
//            (at 12,000 and ~200,000 articles); whole analysis peak RSS at two batch sizes;
//            event page p50/p95 and size vs the article page
//   analysis the same without the growth table
//   export   every export format vs a dump of the stored JSON; publish full, unchanged and
//            after 100 new articles; the site's search index vs MiniSearch
//   scale    a replica of 200,000 articles (or the number given: -- scale 1000000) in SQLite
//            and in PostgreSQL side by side: import rate with the index, search p50/p95/p99,
//            disk size (by name only; PostgreSQL from PARALLAX_BENCH_PG or a throwaway cluster)
//   pg-clients  the pg client against postgres on the PostgreSQL store's statements (by name only)
//   hostile  hostile files (deep nesting, a huge title, entities, a long line) parsed vs an
//            ordinary file of the same size, against issue 20's bound of 2 s a file
//   feed     (by name only) an RSS file of 100,000 items: peak RSS of its import (bench/feed.ts)
//   soak     (by name only) 50 clients of mixed requests for PARALLAX_SOAK_SECONDS (600) while
//            an import, a reindex and a regrouping run in other processes (bench/soak.ts);
//            PARALLAX_SOAK_ARCHIVE=multi serves the multi-outlet week alone
// Usage: npm run bench [-- import segment hostile search events analysis export] (and -- search-ab, scale, pg-clients, feed, soak, by name only)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedPath } from '../test/shared.js';
import { importBench } from './import.js';
import { segmentBench } from './segment.js';
import { searchBench } from './search.js';
import { searchAbBench } from './search-ab.js';
import { eventsBench } from './events.js';
import { exportBench } from './export.js';
import { scaleBench } from './scale.js';
import { pgClientsBench } from './pg-clients.js';
import { drawQueries } from './search.js';
import { SqliteStore } from '../src/store/sqlite/store.js';
import { Segmenter } from '../src/text/segment.js';
import { AliasTable } from '../src/text/aliases.js';
import type { Article } from '../src/article.js';
import { soakBench } from './soak.js';
import { feedBench } from './feed.js';
import { hostileBench } from './hostile.js';

const only = process.argv.slice(2);
const wants = (k: string): boolean => only.length === 0 || only.includes(k);
const tenK = sharedPath('corpus/hkcnews-10k/hkcnews-10k.tar.gz');
const multi = sharedPath('corpus/multi-outlet');
if (!tenK || !multi) {
  console.log('../shared is not here: nothing to benchmark');
  process.exit(process.env.CI === 'true' ? 1 : 0);
}
const dir = mkdtempSync(join(tmpdir(), 'px-bench-'));
const cpu = execFileSync('sh', ['-c', "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"], { encoding: 'utf8' }).trim();
console.log(`# Parallax benchmarks, ${new Date().toISOString().slice(0, 10)} (${cpu}, ${(await import('node:os')).availableParallelism()} cores, Node ${process.version})\n`);
try {
  if (wants('import')) await importBench(tenK, dir);
  if (wants('segment')) await segmentBench(tenK, dir);
  if (wants('hostile')) hostileBench();
  const pgBenches = only.includes('scale') || only.includes('pg-clients');
  if (only.includes('feed')) feedBench(dir);
  if (wants('search') || wants('events') || wants('export') || only.includes('analysis') || only.includes('search-ab') || pgBenches || only.includes('soak')) {
    const db = join(dir, 'archive.db');
    // PARALLAX_SOAK_ARCHIVE=multi: the soak on the multi-outlet week alone (its setup in minutes, not a quarter hour)
    if (!(only.length === 1 && only[0] === 'soak' && process.env.PARALLAX_SOAK_ARCHIVE === 'multi')) {
      execFileSync(process.execPath, ['--import', 'tsx', 'bench/import-child.ts', tenK, db], { stdio: ['ignore', 'ignore', 'inherit'] });
    }
    execFileSync(process.execPath, ['--import', 'tsx', 'bench/import-child.ts', multi, db], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (wants('search')) await searchBench(db, dir);
    // asked for by name only: a comparison of this round's search features, not a goal
    if (only.includes('search-ab')) await searchAbBench(db);
    if (wants('events')) await eventsBench(db, dir);
    else if (only.includes('analysis')) await eventsBench(db, dir, { growth: false });
    if (wants('export')) await exportBench(db, dir);
    if (pgBenches) await postgresBenches(db);
    if (only.includes('soak')) await soakBench(db, dir);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** The PostgreSQL benchmarks, on PARALLAX_BENCH_PG or on a throwaway cluster started here (test/postgres-cluster.mjs: fsync off). */
async function postgresBenches(db: string): Promise<void> {
  const helper = '../test/postgres-cluster.mjs';
  const { startCluster } = (await import(helper)) as { startCluster: () => Promise<{ url: string; stop: () => void }> };
  const cluster = process.env.PARALLAX_BENCH_PG ? undefined : await startCluster();
  const url = process.env.PARALLAX_BENCH_PG ?? cluster!.url;
  try {
    if (only.includes('pg-clients')) {
      const store = new SqliteStore(db);
      const articles: Article[] = [];
      for await (const a of store.allArticles()) articles.push(a);
      await store.close();
      articles.sort((a, b) => a.id.localeCompare(b.id));
      const seg = new Segmenter().warm();
      await pgClientsBench(url, articles, drawQueries(articles, seg, 150), { segmenter: seg, aliases: new AliasTable() });
    }
    // `-- scale sqlite` or `-- scale postgres`: one store only
    const stores = (['sqlite', 'postgres'] as const).filter((s) => only.includes(s));
    if (only.includes('scale')) await scaleBench(db, dir, url, Number(only.find((x) => /^\d+$/.test(x)) ?? 200_000), stores.length ? stores : undefined);
  } finally {
    cluster?.stop();
  }
}
