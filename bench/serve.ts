// npm run bench:serve — load on `parallax serve`: 50 concurrent clients searching for
// 30 s (autocannon) over the archive (hkcnews-10k + multi-outlet): a mix of 15 common queries (which
// the server's result cache answers after their first run), queries that are all
// different (every one ranked and snippeted afresh), the mix while `parallax import`
// adds hkcnews-10k in another process to an archive served with only the multi-outlet
// set, and the mix while `parallax reindex` rewrites the whole archive in another
// process. Both writers commit several times a second. Reports throughput, p50/p99
// and errors.
// Usage: tsx bench/serve.ts [seconds] [clients]
import autocannon from 'autocannon';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Article } from '../src/article.js';
import { SqliteStore } from '../src/store/sqlite/store.js';
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
const growing = join(dir, 'growing.db');
const cli = (archive: string): string[] => ['--import', 'tsx', 'src/cli/main.ts', '--db', archive];
execFileSync(process.execPath, [...cli(db), 'import', tenK, multi], { stdio: 'ignore' });
execFileSync(process.execPath, [...cli(db), 'stories'], { stdio: 'ignore' });
execFileSync(process.execPath, [...cli(growing), 'import', multi], { stdio: 'ignore' });

const MIX = ['普丁', '習近平 普京', '立法會選舉', '疫苗', '"視像會晤"', '台灣 公投', 'Omicron', '警方 拘捕', '國安法', '香港 since:2021-06-01', '黎智英', '天氣', 'outlet:rthk 確診', '民主派', '蘋果日報'];

async function start(archive: string): Promise<{ proc: ChildProcess; port: number }> {
  const port = 18780 + Math.floor(Math.random() * 1000);
  const proc = spawn(process.execPath, [...cli(archive), 'serve', '--port', String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
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

interface Load { requests: number; errors: number; p50: number; p99: number; rps: number }

/** `clients` connections, each sending its next query as soon as the last is answered (autocannon) */
async function load(port: number, queries: string[]): Promise<Load> {
  let next = 0;
  const r = await new Promise<autocannon.Result>((resolve, reject) => {
    const run = autocannon({
      url: `http://127.0.0.1:${port}`,
      connections: clients,
      duration: seconds,
      requests: [{ setupRequest: (req) => ({ ...req, path: `/api/search?q=${encodeURIComponent(queries[next++ % queries.length]!)}&limit=20` }) }],
    }, (err, result) => (err ? reject(err) : resolve(result)));
    run.on('response', (_client, status) => { if (status !== 200) reasons.add(`HTTP ${status}`); });
    run.on('reqError', (e) => reasons.add(e.message));
  });
  return { requests: r.requests.total, errors: r.errors + r.timeouts + r.non2xx, p50: r.latency.p50, p99: r.latency.p99, rps: r.requests.total / seconds };
}

/** the mix while a writer runs in another process; says whether the writer was still at work at the end */
async function loadWhile(port: number, archive: string, writer: string[]): Promise<Load & { writerDone: boolean }> {
  const proc = spawn(process.execPath, [...cli(archive), ...writer], { stdio: 'ignore' });
  let writerDone = false;
  proc.on('exit', () => { writerDone = true; });
  const r = await load(port, MIX);
  proc.kill();
  return { ...r, writerDone };
}

const fresh = await distinctQueries(20_000);
const main = await start(db);
await load(main.port, MIX).catch(() => undefined); // warm-up pass is not reported
const quiet = await load(main.port, MIX);
const distinct = await load(main.port, fresh);
const reindexing = await loadWhile(main.port, db, ['reindex']);
main.proc.kill();
const small = await start(growing);
await load(small.port, MIX).catch(() => undefined);
const importing = await loadWhile(small.port, growing, ['import', tenK]);
small.proc.kill();

const still = (r: { writerDone: boolean }): string => (r.writerDone ? ' (it finished before the end)' : '');
console.log(`## Serving load: ${clients} concurrent clients, ${seconds} s each, /api/search (20 hits with snippets)\n`);
console.log('| condition | requests | req/s | p50 ms | p99 ms | errors |');
console.log('|---|---|---|---|---|---|');
for (const [name, r] of [
  ['15-query mix (cached after first use)', quiet],
  [`${fresh.length} different queries drawn from the archive (no repeats until exhausted)`, distinct],
  [`15-query mix while \`parallax import\` adds hkcnews-10k in another process${still(importing)}`, importing],
  [`15-query mix while \`parallax reindex\` rewrites the archive in another process${still(reindexing)}`, reindexing],
] as const) {
  console.log(`| ${name} | ${r.requests} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.errors} |`);
}
if (reasons.size) console.log(`\nErrors: ${[...reasons].slice(0, 10).join('; ')}`);
