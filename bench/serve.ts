// npm run bench:serve — load on `parallax serve`: 50 concurrent clients searching for
// 30 s over the archive (hkcnews-10k + multi-outlet): a mix of 15 common queries (which
// the server's result cache answers after their first run), queries that are all
// different (every one ranked and snippeted afresh), and the mix again while another
// process rewrites the archive (reindex: the heaviest import-like writer, which also
// empties the cache at every commit). Reports throughput, p50/p99 and errors.
// Usage: tsx bench/serve.ts [seconds] [clients]
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Article } from '../src/article.js';
import { SqliteStore } from '../src/store/sqlite.js';
import { Segmenter } from '../src/text/segment.js';
import { sharedPath } from '../test/shared.js';
import { drawQueries } from './search.js';

const seconds = Number(process.argv[2] ?? 30);
const clients = Number(process.argv[3] ?? 50);
const tenK = sharedPath('corpus/hkcnews-10k/hkcnews-10k.tar.gz');
const multi = sharedPath('corpus/multi-outlet');
if (!tenK || !multi) { console.log('../shared is not here'); process.exit(process.env.CI === 'true' ? 1 : 0); }

const dir = mkdtempSync(join(tmpdir(), 'px-serve-'));
const db = join(dir, 'serve.db');
const cli = ['--import', 'tsx', 'src/cli/main.ts', '--db', db];
execFileSync(process.execPath, [...cli, 'import', tenK, multi], { stdio: 'ignore' });
execFileSync(process.execPath, [...cli, 'stories'], { stdio: 'ignore' });

const MIX = ['普丁', '習近平 普京', '立法會選舉', '疫苗', '"視像會晤"', '台灣 公投', 'Omicron', '警方 拘捕', '國安法', '香港 since:2021-06-01', '黎智英', '天氣', 'outlet:rthk 確診', '民主派', '蘋果日報'];

async function start(): Promise<{ proc: ChildProcess; port: number }> {
  const port = 18780 + Math.floor(Math.random() * 1000);
  const proc = spawn(process.execPath, [...cli, 'serve', '--port', String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve) => proc.stdout!.on('data', (d: Buffer) => { if (d.toString().includes('serving')) resolve(); }));
  return { proc, port };
}

/** queries drawn from the archive's own articles, each used once */
async function distinctQueries(n: number): Promise<string[]> {
  const store = new SqliteStore(db);
  const articles: Article[] = [];
  for await (const a of store.allArticles()) articles.push(a);
  await store.close();
  articles.sort((a, b) => a.id.localeCompare(b.id));
  // a phrase cut at a UTF-16 offset may split a surrogate pair: not a query a person types
  return [...new Set(drawQueries(articles, new Segmenter(), n))].filter((q) => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(q));
}

/** why requests failed, printed under the table */
const reasons = new Set<string>();

async function load(port: number, queries: string[]): Promise<{ requests: number; errors: number; p50: number; p99: number; rps: number }> {
  const lat: number[] = [];
  let errors = 0;
  let next = 0;
  const end = Date.now() + seconds * 1000;
  await Promise.all(Array.from({ length: clients }, async () => {
    while (Date.now() < end) {
      const q = queries[next++ % queries.length]!;
      const t = performance.now();
      try {
        const r = await fetch(`http://127.0.0.1:${port}/api/search?q=${encodeURIComponent(q)}&limit=20`);
        await r.arrayBuffer();
        if (r.status !== 200) { errors++; reasons.add(`HTTP ${r.status} for ${q}`); }
      } catch (e) { errors++; reasons.add(e instanceof Error ? `${e.message} (${String((e as { cause?: unknown }).cause ?? '')})` : String(e)); }
      lat.push(performance.now() - t);
    }
  }));
  lat.sort((a, b) => a - b);
  return { requests: lat.length, errors, p50: lat[Math.floor(lat.length / 2)]!, p99: lat[Math.floor(lat.length * 0.99)]!, rps: lat.length / seconds };
}

const fresh = await distinctQueries(20_000);
const { proc, port } = await start();
await load(port, MIX).catch(() => undefined); // warm-up pass is not reported
const quiet = await load(port, MIX);
const distinct = await load(port, fresh);
// the heaviest writer there is: a reindex in another process rewrites every article and the index
const importer = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', '--db', db, 'reindex'], { stdio: 'ignore' });
const busy = await load(port, MIX);
importer.kill();
proc.kill();
console.log(`## Serving load: ${clients} concurrent clients, ${seconds} s each, /api/search (20 hits with snippets)\n`);
console.log('| condition | requests | req/s | p50 ms | p99 ms | errors |');
console.log('|---|---|---|---|---|---|');
for (const [name, r] of [
  ['15-query mix (cached after first use)', quiet],
  [`${fresh.length} different queries drawn from the archive (no repeats until exhausted)`, distinct],
  ['15-query mix while `parallax reindex` rewrites the archive in another process', busy],
] as const) {
  console.log(`| ${name} | ${r.requests} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.errors} |`);
}
if (reasons.size) console.log(`\nErrors: ${[...reasons].slice(0, 10).join('; ')}`);
