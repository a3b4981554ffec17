// npm run bench -- soak: issue 20's soak. 50 clients (autocannon) of mixed requests —
// searches (API and page), event comparisons (API and page), article pages (API and page),
// event and thread lists — against `parallax serve` (its default processes) on the
// hkcnews-10k + multi-outlet archive, for PARALLAX_SOAK_SECONDS (default 600), while three
// writers work on the same archive in processes of their own, each started again as soon as
// it ends: an import of new (fictional) articles, `parallax reindex` and `parallax events
// --regroup`. A probe asks /api/health every 200 ms on its own connection; the serving
// processes' resident memory is sampled every 5 s. Goals: p99 ≤ 100 ms, 0 errors, health
// never slower than 100 ms, memory flat. A 503 with Retry-After (a comparison being
// recomputed after the regrouping) is counted apart from errors: it is the answer the issue
// asks for when a request would otherwise wait; a 307 (an event or thread id a regrouping
// ended, sent to where its articles went) is counted apart too.
//
// Two client models, PARALLAX_SOAK_MODE=saturation|paced|both (default both, saturation
// first; the archive is put back as it was before each):
//  - saturation: autocannon's 50 connections with zero think time, each sending its next
//    request the moment the last answer arrives. That is a server at its limit: latency is
//    about 50 / throughput, so its p99 measures the queue, not what one request costs.
//  - paced: 50 clients that each wait a random time, exponential with a mean of 1 s (their
//    requests arrive as a Poisson stream of ~50/s in all, with its bursts), send one
//    request, read the whole answer, and wait again. A person reading pages clicks every
//    few seconds at most, so this is 50 very quick readers, or a few hundred real ones: the
//    load the site is for, with the writers at work. The issue's goals are judged on it.
import autocannon from 'autocannon';
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Article } from '../src/article.js';
import { SqliteStore } from '../src/store/sqlite/store.js';
import { Segmenter } from '../src/text/segment.js';
import { drawQueries } from './search.js';

const CLIENTS = 50;
/**
 * Memory flat: the serving processes' peak in the last third of the run at most this much
 * over their peak in the middle third. The first third is their warm-up (page caches and
 * the heap filling to their bounds); a leak rises through the last two.
 */
const FLAT_GROWTH = 0.05;
/** a paced client's mean wait between one answer and its next request (ms) */
const PACED_MEAN_MS = 1000;
/** a request not answered in this long is a timeout (s) */
const TIMEOUT_S = 10;
const cli = (db: string): string[] => ['--import', 'tsx', 'src/cli/main.ts', '--db', db];

/** the largest, without spreading hundreds of thousands of numbers into arguments */
const most = (xs: number[]): number => xs.reduce((m, x) => (x > m ? x : m), 0);

const pct = (xs: number[], p: number): number => {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

/** one sample of the server's processes: resident memory (MB) of the primary, the serving processes together, the analysis process */
interface MemorySample { t: number; primary: number; serving: number; analysis: number; mb: number }

/** resident memory of `parallax serve` and its children, by role (asked of ps without blocking the clients) */
async function treeRss(pid: number, t: number): Promise<MemorySample> {
  const out = await new Promise<string>((res) => execFile('ps', ['-o', 'pid=,rss=,args=', '--ppid', String(pid), '-p', String(pid)], { encoding: 'utf8' }, (_e, o) => res(o ?? '')));
  const sample: MemorySample = { t, primary: 0, serving: 0, analysis: 0, mb: 0 };
  for (const line of out.trim().split('\n')) {
    const [p, kb, ...args] = line.trim().split(/\s+/);
    const mb = (Number(kb) || 0) / 1024;
    if (Number(p) === pid) sample.primary += mb;
    else if (args.join(' ').includes('analysis-process')) sample.analysis += mb;
    else sample.serving += mb;
  }
  for (const k of ['primary', 'serving', 'analysis'] as const) sample[k] = Math.round(sample[k]);
  sample.mb = sample.primary + sample.serving + sample.analysis;
  return sample;
}

/**
 * A fictional article for the importing writer, new in every round. A round is the next
 * day's news (300 articles a day from 2031-01-01 on), as an archive fed by its outlets grows:
 * the analysis then works on a window of days that moves with the news. PARALLAX_SOAK_FLOOD=1
 * dates every round in one month instead (a backfill of ~70,000 articles into 28 days in
 * twenty minutes): every analysis run then reads every earlier round, since all of them fall
 * in its window, and its memory grows with them (docs/benchmarks.md).
 */
const FLOOD = process.env.PARALLAX_SOAK_FLOOD === '1';
const fictional = (round: number, i: number): string => {
  const day = FLOOD ? new Date(Date.UTC(2031, 10, 1 + (i % 28))) : new Date(Date.UTC(2031, 0, 1 + round));
  return `---\ntitle: 晴川第${round}批第${i}号公告\ndate: ${day.toISOString().slice(0, 10)}T08:00:00Z\nauthor: 晴川日报\nurl: https://qingchuan-daily.example/soak/${round}/${i}\n---\n\n` +
    `晴川市政府今天发布第${round}批第${i}号公告，内容涉及道路维修、供水和公共交通的安排。\n\n市民可以在政府网站查阅公告全文，有关部门将在本周内答复市民的询问。\n`;
};

/** a command run again and again in its own process until stopped */
function writerLoop(name: string, args: (round: number) => string[]): { name: string; stop: () => Promise<void>; runs: () => number; failures: () => string[] } {
  let stopped = false;
  let round = 0;
  let done = 0;
  const failures: string[] = [];
  let current: ChildProcess | undefined;
  let ended: Promise<void> = Promise.resolve();
  const go = (): void => {
    if (stopped) return;
    const p = spawn(process.execPath, args(round++), { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    p.stderr!.on('data', (d: Buffer) => { err = (err + d.toString()).slice(-400); });
    // an import that rejected an input exits 1 and says why in its report (stdout, JSON)
    let out = '';
    p.stdout!.on('data', (d: Buffer) => { out = (out + d.toString()).slice(-20_000); });
    p.on('exit', () => { const m = /"reason":\s*"([^"]*)"/.exec(out); if (m) err += `\n${m[1]}`; });
    current = p;
    ended = new Promise((res) => p.on('exit', (code, signal) => {
      if (!stopped || signal === null) { done++; if (code !== 0 && signal === null) failures.push(`${name} exit ${code}: ${err.trim().split('\n').pop()}`); }
      res();
      go();
    }));
  };
  go();
  return { name, runs: () => done, failures: () => failures, stop: async () => { stopped = true; current?.kill('SIGTERM'); await ended; } };
}

/** one kind of request of the mix: its name, its share of requests, its path for the i-th request */
type Kind = [string, number, (i: number) => string];

/** what a load generator reports of every answer */
type OnResponse = (kind: string, status: number, ms: number, serverMs: number, path: string) => void;

/** autocannon: CLIENTS connections, each sends again the moment its answer is in */
async function saturation(base: string, seconds: number, pick: (i: number) => { kind: string; path: string }, onResponse: OnResponse): Promise<{ errors: number; timeouts: number }> {
  let next = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const run = autocannon({
      url: base, connections: CLIENTS, duration: seconds, timeout: TIMEOUT_S,
      requests: [{ setupRequest: (req, ctx) => {
        const { kind, path } = pick(next++);
        // one request at a time per connection: the kind of its answer is the one set here last
        (ctx as { kind?: string }).kind = kind;
        return { ...req, path };
      } }],
    }, (err, r) => (err ? reject(err) : resolve(r)));
    run.on('response', (client, status, _bytes, ms) => {
      onResponse((client as unknown as { requestIterator: { context: { kind?: string } } }).requestIterator.context.kind ?? '', status, ms, -1, '');
    });
  });
  return { errors: result.errors, timeouts: result.timeouts };
}

/** CLIENTS clients, each: wait (exponential, mean PACED_MEAN_MS), one request, read the answer, again */
async function paced(base: string, seconds: number, pick: (i: number) => { kind: string; path: string }, onResponse: OnResponse): Promise<{ errors: number; timeouts: number }> {
  const end = Date.now() + seconds * 1000;
  let next = 0, errors = 0, timeouts = 0;
  const client = async (): Promise<void> => {
    for (;;) {
      await new Promise((res) => setTimeout(res, -Math.log(1 - Math.random()) * PACED_MEAN_MS));
      if (Date.now() >= end) return;
      const { kind, path } = pick(next++);
      const t = performance.now();
      try {
        const r = await fetch(`${base}${path}`, { redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_S * 1000) });
        await r.arrayBuffer();
        onResponse(kind, r.status, performance.now() - t, Number(/dur=([\d.]+)/.exec(r.headers.get('server-timing') ?? '')?.[1] ?? -1), path);
      } catch (e) {
        if ((e as Error).name === 'TimeoutError') timeouts++;
        else errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  return { errors, timeouts };
}

export async function soakBench(db: string, dir: string, seconds = Number(process.env.PARALLAX_SOAK_SECONDS) || 600): Promise<void> {
  // the archive grouped and compared before the clients come (serve's worker keeps it so)
  execFileSync(process.execPath, [...cli(db), 'events', '--json', '--limit', '1'], { stdio: 'ignore' });
  const store = new SqliteStore(db);
  const articles: Article[] = [];
  for await (const a of store.allArticles()) articles.push(a);
  articles.sort((a, b) => a.id.localeCompare(b.id));
  const events = (await store.listEvents({ minOutlets: 2, limit: 300 })).events.map((e) => e.id);
  const threads = (await store.listThreads({ minEvents: 2, limit: 100 })).threads.map((t) => t.id);
  await store.close();
  const queries = [...new Set(drawQueries(articles, new Segmenter(), 3000))].filter((q) => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(q));
  const ids = articles.filter((_, i) => i % 7 === 0).map((a) => a.id);
  const q = (i: number): string => encodeURIComponent(queries[i % queries.length]!);
  // the mix, by share of requests
  const kinds: Kind[] = [
    ['search API', 30, (i) => `/api/search?q=${q(i)}&limit=20`],
    ['search page', 10, (i) => `/?q=${q(i)}`],
    ['event API', 10, (i) => `/api/events/${events[i % events.length]}`],
    ['event page', 15, (i) => `/event/${events[i % events.length]}`],
    ['article API', 10, (i) => `/api/articles/${ids[i % ids.length]}`],
    ['article page', 15, (i) => `/article/${ids[i % ids.length]}`],
    ['lists', 10, (i) => [`/events?offset=${i % 60}`, '/api/events?limit=20', `/thread/${threads[i % threads.length]}`, '/threads'][i % 4]!],
  ];
  const plan: number[] = kinds.flatMap(([, share], k) => Array.from({ length: share }, () => k));
  const pick = (i: number): { kind: string; path: string } => {
    const k = kinds[plan[i % plan.length]!]!;
    return { kind: k[0], path: k[2](Math.floor(i / plan.length) * 7 + i) };
  };
  // every mode starts from this archive (the closed store left no WAL behind)
  const start = join(dir, 'soak-start.db');
  copyFileSync(db, start);
  const startEvents = [...events];
  const modes = (process.env.PARALLAX_SOAK_MODE ?? 'both') === 'both' ? ['saturation', 'paced'] as const : [process.env.PARALLAX_SOAK_MODE as 'saturation' | 'paced'];
  for (const mode of modes) {
    if (mode !== 'saturation' && mode !== 'paced') throw new Error(`PARALLAX_SOAK_MODE: saturation, paced or both, not ${mode}`);
    for (const suffix of ['-wal', '-shm']) if (existsSync(db + suffix)) rmSync(db + suffix);
    copyFileSync(start, db);
    events.splice(0, events.length, ...startEvents);
    await soakRun(mode, db, dir, seconds, kinds, pick, events, articles.length);
  }
}

async function soakRun(mode: 'saturation' | 'paced', db: string, dir: string, seconds: number, kinds: Kind[], pick: (i: number) => { kind: string; path: string }, events: string[], articleCount: number): Promise<void> {
  const port = 19780 + Math.floor(Math.random() * 1000);
  const serve = spawn(process.execPath, [...cli(db), 'serve', '--port', String(port)], { stdio: ['ignore', 'pipe', 'ignore'] });
  await new Promise<void>((resolve, reject) => {
    serve.stdout!.on('data', (d: Buffer) => { if (d.toString().includes('serving')) resolve(); });
    serve.on('exit', () => reject(new Error('serve ended before it listened')));
  });
  const base = `http://127.0.0.1:${port}`;
  // a short warm-up: the first requests load the segmenter and the caches
  for (let i = 0; i < 20; i++) await fetch(`${base}${kinds[i % kinds.length]![2](i)}`).then((r) => r.arrayBuffer());
  // the writers' CPU priority: their default (nice 10) unless PARALLAX_SOAK_NICE says otherwise (0: normal)
  const nice = process.env.PARALLAX_SOAK_NICE ? ['--nice', process.env.PARALLAX_SOAK_NICE] : [];
  const feed = join(dir, `soak-new-${mode}`);
  const writers = [
    writerLoop('import', (round) => {
      const folder = join(feed, String(round));
      mkdirSync(folder, { recursive: true });
      for (let i = 0; i < 300; i++) writeFileSync(join(folder, `${i}.md`), fictional(round, i));
      return [...cli(db), 'import', folder, '--json', ...nice];
    }),
    writerLoop('reindex', () => [...cli(db), 'reindex', '--json', ...nice]),
    writerLoop('regroup', () => [...cli(db), 'events', '--regroup', '--json', '--limit', '1', ...nice]),
  ];

  const memory: MemorySample[] = [];
  const t0 = Date.now();
  let sampling = false;
  const sampler = setInterval(() => {
    if (sampling) return;
    sampling = true;
    void treeRss(serve.pid!, (Date.now() - t0) / 1000).then((m) => { memory.push(m); sampling = false; });
  }, 5000);
  // the health probe: a process of its own, so the clients' pauses are not in its figures
  const prober = spawn(process.execPath, ['--import', 'tsx', 'bench/health-probe.ts', base, '200'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let probeOut = '';
  prober.stdout!.on('data', (d: Buffer) => { probeOut += d.toString(); });
  const probeEnded = new Promise((res) => prober.on('exit', res));

  // a regrouping may give events new ids: clients follow the current list, as a reader would
  const refresh = setInterval(() => {
    fetch(`${base}/api/events?limit=300`).then((r) => r.json()).then((j: { events?: Array<{ id: string }> }) => {
      if (j.events?.length) events.splice(0, events.length, ...j.events.map((e) => e.id));
    }).catch(() => undefined);
  }, 5000);
  const latency = new Map<string, number[]>(kinds.map(([name]) => [name, []]));
  const byKind = new Map<string, Map<number, number>>(kinds.map(([name]) => [name, new Map()]));
  const statuses = new Map<string, number>();
  // the slowest answers, with the server's own time: a slow answer with a short server time waited in a queue
  // the answers counted as errors, by status and path (the first 20)
  const failed: string[] = [];
  const slowest: Array<{ at: number; kind: string; path: string; ms: number; serverMs: number }> = [];
  const result = await (mode === 'saturation' ? saturation : paced)(base, seconds, pick, (kind, status, ms, serverMs, path) => {
    latency.get(kind)?.push(ms);
    if (ms > 100) slowest.push({ at: (Date.now() - t0) / 1000, kind, path, ms, serverMs });
    if (status !== 200 && status !== 503 && status !== 307 && failed.length < 20) failed.push(`${status} ${path}`);
    statuses.set(String(status), (statuses.get(String(status)) ?? 0) + 1);
    const counts = byKind.get(kind);
    counts?.set(status, (counts.get(status) ?? 0) + 1);
  });
  prober.kill('SIGTERM');
  await probeEnded;
  clearInterval(refresh);
  clearInterval(sampler);
  const probes = probeOut.trim().split('\n').filter(Boolean).map((l) => { const [at, ms, status, server] = l.split(' ').map(Number); return { at: at! / 1000, ms: ms!, status: status!, server: server! }; });
  const health = probes.map((p) => p.ms);
  const healthErrors = probes.filter((p) => p.status !== 200).map((p) => (p.status ? `HTTP ${p.status}` : 'no answer'));
  const writersRun = writers.map((w) => `${w.name} ×${w.runs()}`);
  await Promise.all(writers.map((w) => w.stop()));
  serve.kill('SIGTERM');
  await new Promise((res) => serve.on('exit', res));

  const all = [...latency.values()].flat();
  const unavailable = statuses.get('503') ?? 0;
  const redirects = statuses.get('307') ?? 0;
  const errors = result.errors + result.timeouts + [...statuses].filter(([s]) => s !== '200' && s !== '503' && s !== '307').reduce((n, [, c]) => n + c, 0);
  const rate = (all.length / seconds).toFixed(1);
  const minute = (from: number, to: number, role: 'mb' | 'serving' = 'mb'): number[] => memory.filter((m) => m.t >= from && m.t < to).map((m) => m[role]);
  const avg = (xs: number[]): number => Math.round(xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length));
  const first = avg(minute(0, 60));
  const last = avg(minute(seconds - 60, seconds + 1));
  console.log(`## Soak, ${mode === 'saturation' ? `saturation: ${CLIENTS} connections with no think time (autocannon)` : `paced: ${CLIENTS} clients, each a request after an exponential wait of mean ${PACED_MEAN_MS} ms`}, for ${seconds} s while import, reindex and regroup run in other processes\n`);
  console.log(`${articleCount} articles, ${events.length} multi-outlet events; writers (nice ${process.env.PARALLAX_SOAK_NICE ?? 'default'}) completed runs: ${writersRun.join(', ')}; the import's rounds ${FLOOD ? 'all dated in one month (PARALLAX_SOAK_FLOOD=1)' : 'one day apart'}\n`);
  console.log('| requests | per s | p50 ms | p99 ms | max ms | errors | 503 with Retry-After | 307 to a regrouped id | health p99 ms | health max ms | RSS of all its processes, first min → last min (max) MB |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  console.log(`| ${all.length} | ${rate} | ${pct(all, 50).toFixed(1)} | ${pct(all, 99).toFixed(1)} | ${most(all).toFixed(0)} | ${errors} | ${unavailable} | ${redirects} | ${pct(health, 99).toFixed(1)} | ${most(health).toFixed(0)} | ${first} → ${last} (${most(memory.map((m) => m.mb))}) |`);
  console.log('\n| kind | requests | p50 ms | p99 ms | max ms | statuses |');
  console.log('|---|---|---|---|---|---|');
  for (const [name, xs] of latency) console.log(`| ${name} | ${xs.length} | ${pct(xs, 50).toFixed(1)} | ${pct(xs, 99).toFixed(1)} | ${most(xs).toFixed(0)} | ${[...byKind.get(name)!].map(([st, n]) => `${st} ×${n}`).join(', ')} |`);
  console.log(`\nStatuses: ${[...statuses].map(([s, n]) => `${s} ×${n}`).join(', ')}; connection errors ${result.errors}, timeouts ${result.timeouts}; health errors ${healthErrors.length}${healthErrors.length ? ` (${[...new Set(healthErrors)].slice(0, 3).join('; ')})` : ''}`);
  if (failed.length) console.log(`Answers counted as errors: ${failed.map((f) => decodeURIComponent(f)).join(' | ')}`);
  const failures = writers.flatMap((w) => w.failures());
  if (failures.length) console.log(`Writer failures: ${failures.slice(0, 5).join(' | ')}`);
  console.log(`Memory samples (s: MB primary / serving processes / analysis process): ${memory.filter((_, i) => i % 12 === 0).map((m) => `${m.t.toFixed(0)}: ${m.primary}/${m.serving}/${m.analysis}`).join(', ')}`);
  // flat: the serving processes' highest minute in the last third of the run against the highest of the middle third
  const third = seconds / 3;
  const peakOf = (from: number, to: number): number => most(minute(from, to, 'serving'));
  const [middle, lastThird] = [peakOf(third, 2 * third), peakOf(2 * third, seconds + 1)];
  console.log(`Serving processes: first minute ${avg(minute(0, 60, 'serving'))} MB, peak of the middle third ${middle} MB, peak of the last third ${lastThird} MB (${lastThird >= middle ? '+' : ''}${(100 * (lastThird / middle - 1)).toFixed(1)} %: ${lastThird <= middle * (1 + FLAT_GROWTH) ? 'flat' : 'growing'}, the goal a rise of at most ${100 * FLAT_GROWTH} %); analysis process peak ${most(memory.map((m) => m.analysis))} MB`);
  const slowProbes = probes.filter((p) => p.ms > 100);
  console.log(`Health probes over 100 ms: ${slowProbes.length} of ${probes.length}${slowProbes.length ? ` (${slowProbes.slice(0, 10).map((p) => `${p.at.toFixed(1)} s: ${p.ms.toFixed(0)} ms, server ${p.server} ms`).join('; ')})` : ''}`);
  if (mode === 'paced') {
    console.log('\nSlowest answers (client ms, server ms from Server-Timing; the rest of the client time is waiting):\n');
    console.log('| s into the run | kind | client ms | server ms | path |');
    console.log('|---|---|---|---|---|');
    for (const r of slowest.sort((a, b) => b.ms - a.ms).slice(0, 12)) console.log(`| ${r.at.toFixed(1)} | ${r.kind} | ${r.ms.toFixed(0)} | ${r.serverMs} | ${r.path.slice(0, 80)} |`);
  }
}
