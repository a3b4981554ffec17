// Requests do bounded work: no request groups or compares (that runs in serve's background
// worker), liveness never scans the archive, bad paging and dates are 400s; two importers
// at once both finish. On the project's own demo data.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { importSources } from '../src/import/pipeline.js';
import { createApp } from '../src/server/app.js';
import { analyzeArchive } from '../src/stories/analyze.js';
import { SqliteStore } from '../src/store/sqlite/store.js';
import { AliasTable } from '../src/text/aliases.js';
import { Segmenter } from '../src/text/segment.js';
import { cliJson, cliSpawn } from './cli.js';
import { projectRoot } from './shared.js';

const dir = mkdtempSync(join(tmpdir(), 'px-bounds-'));
const text = { segmenter: new Segmenter(), aliases: new AliasTable() };
let store: SqliteStore;
let app: ReturnType<typeof createApp>;

before(async () => {
  store = new SqliteStore(join(dir, 'demo.db'));
  await importSources(store, [join(projectRoot, 'demo')]);
  await analyzeArchive(store, text);
  app = createApp({ store, text, lexicons: [] });
});
after(() => store.close());

const timed = async (path: string): Promise<{ status: number; ms: number; headers: Headers; body: string }> => {
  const t = performance.now();
  const r = await app.request(path);
  const body = await r.text();
  return { status: r.status, ms: performance.now() - t, headers: r.headers, body };
};

test('after a write, pages and the API read what is stored: no request regroups; a comparison not yet stored is a 503 with Retry-After', async () => {
  const { events } = await store.listEvents({ minOutlets: 2, limit: 10 });
  const bridge = events.find((e) => e.label.hans.includes('晴川跨海大桥'))!;
  // new articles arrive (an import beside the server); nobody analyses them yet
  const more = join(dir, 'more');
  mkdirSync(more);
  writeFileSync(join(more, 'late.md'), '---\ntitle: 晴川跨海大桥通车首日车流创新高\ndate: 2031-10-14T12:00:00Z\nsource: 东方社\n---\n\n晴川跨海大桥今天上午正式通车，首日车流创新高。\n\n市长周明远表示，这座桥把两岸的日常生活连在了一起。\n');
  await importSources(store, [more]);
  const stamp = await store.articlesStamp();
  const late = (await store.listArticles({ limit: 100 })).find((a) => a.title.includes('首日车流'))!;
  const q = encodeURIComponent('晴川跨海大桥');
  for (const path of ['/api/events', '/events', `/event/${bridge.id}`, `/api/events/${bridge.id}`, '/threads', `/thread/${bridge.thread}`, `/api/threads/${bridge.thread}`, '/outlets', '/outlet/wire-dongfang-example',
    `/article/${late.id}`, `/api/articles/${late.id}`, '/', `/?q=${q}`, `/api/search?q=${q}`, '/api/health']) {
    const r = await timed(path);
    assert.equal(r.status, 200, `${path}: ${r.status} ${r.body.slice(0, 200)}`);
  }
  // nothing was grouped by those requests: the new article is in no event yet
  assert.equal(await store.eventOf(late.id), undefined);
  assert.equal(await store.articlesStamp(), stamp);
  // an event whose members changed but whose comparison is not stored yet
  await store.saveEvents([...(await store.listEvents({ minOutlets: 1, limit: 100 })).events.map((e) => e.id === bridge.id ? { ...e, members: [...e.members, { article: late.id, outlet: 'wire-dongfang-example', role: 'report' as const, similarity: 1, published: '2031-10-14T12:00:00.000Z', why: [] }] } : e)],
    (await store.listThreads({ minEvents: 1, limit: 100 })).threads);
  const pending = await timed(`/api/events/${bridge.id}`);
  assert.equal(pending.status, 503, pending.body);
  assert.equal(pending.headers.get('retry-after'), '10');
  assert.equal((await timed(`/event/${bridge.id}`)).status, 503);
  // the background analysis catches up, and the page is there again
  await analyzeArchive(store, text);
  assert.equal((await timed(`/api/events/${bridge.id}`)).status, 200);
});

test('liveness never counts the archive; statistics are cached', async () => {
  const health = JSON.parse((await timed('/api/health')).body) as { ok: boolean };
  assert.equal(health.ok, true);
  let scans = 0;
  const counting = Object.create(store, { stats: { value: async () => { scans++; return store.stats(); } } }) as SqliteStore;
  const probe = createApp({ store: counting, text, lexicons: [] });
  for (let i = 0; i < 5; i++) assert.equal((await probe.request('/api/health')).status, 200);
  assert.equal(scans, 0);
  for (let i = 0; i < 3; i++) assert.equal((await probe.request('/api/stats')).status, 200);
  assert.equal(scans, 1);
});

test('paging and dates: fractions, negatives and impossible days are handled, never a 500', async () => {
  for (const path of ['/?q=%E6%99%B4%E5%B7%9D&offset=1.5', '/?q=%E6%99%B4%E5%B7%9D&offset=-3', '/events?offset=2.7', '/threads?offset=abc']) assert.equal((await timed(path)).status, 200, path);
  for (const path of ['/api/articles?since=2021-99-99', '/api/articles?since=2021-02-30', '/api/events?until=2021-13-01', '/api/search?q=x&offset=1.5', '/api/search?q=since:2021-02-30']) assert.equal((await timed(path)).status, 400, path);
  // a query of only punctuation, * or a control character searches nothing, it does not list the archive
  for (const q of ['*', '。，', '%00', '%22%E3%80%82%22']) {
    const r = await timed(`/api/search?q=${q}`);
    assert.equal(r.status, 400, `${q}: ${r.body.slice(0, 100)}`);
    assert.match(r.body, /nothing to search for/);
  }
  assert.equal((await timed('/api/search?q=outlet:news-harbour-example')).status, 200, 'a filter alone is a query');
  // a query's work is bounded: at most 32 words
  const long = Array.from({ length: 166 }, (_, i) => String.fromCharCode(0x4e00 + i)).join(' ');
  const r = await timed(`/api/search?q=${encodeURIComponent(long)}`);
  assert.equal(r.status, 400, r.body.slice(0, 100));
  assert.match(r.body, /at most 32/);
});

test('two importers at once: the second waits its turn, both finish with their reports', async () => {
  const db = join(dir, 'two.db');
  const a = join(dir, 'a'), b = join(dir, 'b');
  mkdirSync(a); mkdirSync(b);
  for (let i = 0; i < 1500; i++) {
    for (const [folder, town] of [[a, '晴川'], [b, '望潮']] as const) {
      writeFileSync(join(folder, `${i}.md`), `---\ntitle: ${town}第${i}号通告\ndate: 2031-11-${String(1 + (i % 28)).padStart(2, '0')}T08:00:00Z\n---\n\n${town}市政府今天发布第${i}号通告，内容涉及道路、供水和公共交通的安排。\n\n通告编号${town}-${i}，自发布之日起施行。\n`);
    }
  }
  const run = (folder: string): Promise<{ code: number | null; out: string }> => new Promise((res) => {
    const p = cliSpawn(['--db', db, 'import', folder, '--json', '--nice', '0']);
    let out = '';
    p.stdout!.on('data', (d: Buffer) => { out += d.toString(); });
    p.stderr!.on('data', (d: Buffer) => { out += d.toString(); });
    p.on('close', (code) => res({ code, out }));
  });
  const [ra, rb] = await Promise.all([run(a), run(b)]);
  assert.equal(ra.code, 0, ra.out.slice(-500));
  assert.equal(rb.code, 0, rb.out.slice(-500));
  for (const r of [ra, rb]) assert.equal((JSON.parse(r.out) as { articles: { added: number } }).articles.added, 1500);
  const stats = cliJson<{ articles: number }>(['--db', db, 'stats', '--json']).json;
  assert.equal(stats.articles, 3000);
});

test('SIGTERM stops every serving process: none is left behind', async () => {
  const db = join(dir, 'serve.db');
  cliJson(['--db', db, 'import', join(projectRoot, 'demo'), '--json']);
  const p = cliSpawn(['--db', db, 'serve', '--port', '0', '--processes', '2']);
  const url = await new Promise<string>((res, rej) => {
    let out = '';
    p.stdout!.on('data', (d: Buffer) => { out += d.toString(); const m = /at (http:\/\/\S+\/)/.exec(out); if (m) res(m[1]!); });
    p.on('exit', () => rej(new Error(`serve exited: ${out}`)));
    setTimeout(() => rej(new Error(`serve did not start: ${out}`)), 30_000);
  });
  // a keep-alive connection held open, and some work
  for (let i = 0; i < 5; i++) assert.equal((await fetch(`${url}api/search?q=${encodeURIComponent('晴川')}`)).status, 200);
  const children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(p.pid)], { encoding: 'utf8' }).split('\n').map((x) => Number(x.trim())).filter(Boolean);
  assert.ok(children.length >= 2, `serving processes: ${children.join(',')}`);
  const exited = new Promise<number | null>((res) => p.on('exit', (code) => res(code)));
  const t = Date.now();
  p.kill('SIGTERM');
  assert.equal(await exited, 0);
  assert.ok(Date.now() - t < 10_000, `${Date.now() - t} ms`);
  const alive = (pid: number): boolean => { try { process.kill(pid, 0); return true; } catch { return false; } };
  for (let i = 0; i < 20 && children.some(alive); i++) await new Promise((r) => setTimeout(r, 100));
  assert.deepEqual(children.filter(alive), []);
});

test('serve on a port in use says so and exits 2, with one process or several (never restarts)', async () => {
  const taken = createServer();
  await new Promise<void>((res) => taken.listen(0, '127.0.0.1', () => res()));
  const port = (taken.address() as { port: number }).port;
  try {
    for (const processes of ['1', '2']) {
      const p = cliSpawn(['--db', join(dir, 'serve.db'), 'serve', '--port', String(port), '--processes', processes]);
      let err = '';
      p.stderr!.on('data', (d: Buffer) => { err += d.toString(); });
      const code = await new Promise<number | null>((res) => {
        const timer = setTimeout(() => { p.kill('SIGKILL'); res(-1); }, 45_000);
        p.on('exit', (c) => { clearTimeout(timer); res(c); });
      });
      assert.equal(code, 2, `${processes} process(es): ${err}`);
      assert.match(err, new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use`));
      assert.doesNotMatch(err, /Unhandled 'error' event|starting another|at .*\.ts:\d+/);
    }
  } finally {
    taken.close();
  }
});
