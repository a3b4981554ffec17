// Import through the API: only inside the import roots, only https git URLs to public hosts,
// a job to poll instead of a request held open; the admin token checked properly and large
// bodies refused before it. Runs on the project's own demo data (no ../shared needed).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { Job } from '../src/server/import/jobs.js';
import type { ImportReport } from '../src/import/pipeline.js';
import { isPublicAddress } from '../src/fetch/remote.js';
import { createApp } from '../src/server/app.js';
import { SqliteStore } from '../src/store/sqlite/store.js';
import { AliasTable } from '../src/text/aliases.js';
import { Segmenter } from '../src/text/segment.js';
import { cli } from './cli.js';
import { serving } from './processes.js';
import { projectRoot } from './shared.js';

const dir = mkdtempSync(join(tmpdir(), 'px-api-import-'));
const root = join(dir, 'imports');
mkdirSync(root);
cpSync(join(projectRoot, 'demo'), join(root, 'demo'), { recursive: true });
symlinkSync('/etc', join(root, 'etc-link'));
const store = new SqliteStore(join(dir, 'api.db'));
const text = { segmenter: new Segmenter(), aliases: new AliasTable() };
const TOKEN = 'secret-token-0123456789';
const app = createApp({ store, text, lexicons: [], adminToken: TOKEN, importRoots: [root] });
after(() => store.close());

const post = (body: unknown, auth: string | null = `Bearer ${TOKEN}`): Promise<Response> =>
  Promise.resolve(app.request('/api/import', { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) } }));

test('the token: scheme in any case, wrong tokens refused, no token refused', async () => {
  assert.equal((await post({ paths: ['demo'] }, null)).status, 401);
  assert.equal((await post({ paths: ['demo'] }, 'Bearer wrong')).status, 401);
  assert.equal((await post({ paths: ['demo'] }, `Basic ${TOKEN}`)).status, 401);
  assert.equal((await post({ paths: ['demo'] }, `bearer ${TOKEN.slice(0, -1)}`)).status, 401);
  const ok = await post({ paths: ['demo/01-dongfang-wire.md'] }, `bEaReR ${TOKEN}`);
  assert.equal(ok.status, 202, await ok.text());
});

test('a body over the limit is refused before the token is looked at', async () => {
  const big = JSON.stringify({ paths: ['x'.repeat(100_000)] });
  assert.equal((await post(big, null)).status, 413);
  assert.equal((await post(big)).status, 413);
});

test('paths outside the import roots are refused, through .. and symlinks too', async () => {
  for (const p of ['/etc', '/root', '../', 'demo/../../', 'etc-link', 'etc-link/passwd', '-uevil', '/dev/zero', 'no-such-folder']) {
    const r = await post({ paths: [p] });
    assert.equal(r.status, 403, `${p}: ${r.status}`);
    assert.match(((await r.json()) as { error: string }).error, /import root/);
  }
  // no roots configured: paths are refused, with the reason
  const closed = createApp({ store, text, lexicons: [], adminToken: TOKEN });
  const r = await closed.request('/api/import', { method: 'POST', body: JSON.stringify({ paths: [join(root, 'demo')] }), headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` } });
  assert.equal(r.status, 403);
  assert.match(((await r.json()) as { error: string }).error, /no import roots/);
});

test('git URLs: only https to public hosts; never file://, ssh, scp-like or private addresses', async () => {
  for (const url of ['file:///etc', 'http://example.com/x.git', 'ssh://git@example.com/x.git', 'git@example.com:x/y.git', 'git://example.com/x.git',
    'https://127.0.0.1/x.git', 'https://localhost/x.git', 'https://[::1]/x.git', 'https://10.0.0.8/x.git', 'https://169.254.169.254/latest', 'https://[::ffff:127.0.0.1]/x.git', 'https://user:pw@example.com/x.git']) {
    const r = await post({ paths: [url] });
    assert.equal(r.status, 403, `${url}: ${r.status}`);
  }
  assert.equal((await post({ paths: ['https://example.com/x.git'], rev: '--upload-pack=touch /tmp/pwned' })).status, 400);
  assert.equal(isPublicAddress('93.184.216.34'), true);
  for (const ip of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fc00::1', 'fe80::1', '::ffff:10.0.0.1', '224.0.0.1']) assert.equal(isPublicAddress(ip), false, ip);
});

test('an import is a job: answered at once, polled until done, one at a time', async () => {
  const r = await post({ paths: ['demo'] });
  assert.equal(r.status, 202);
  const { job, poll } = (await r.json()) as { job: string; poll: string };
  assert.equal(poll, `/api/import/${job}`);
  assert.equal((await app.request(poll)).status, 401);
  let state: Job<ImportReport> | undefined;
  for (let i = 0; i < 200; i++) {
    state = (await (await app.request(poll, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as Job<ImportReport>;
    if (state.status === 'done' || state.status === 'failed') break;
    await new Promise((res) => setTimeout(res, 50));
  }
  assert.equal(state!.status, 'done', JSON.stringify(state));
  assert.ok(state!.report!.files >= 8, JSON.stringify(state!.report));
  assert.equal(state!.report!.rejected.length, 0);
  assert.equal((await app.request('/api/import/00000000-0000-4000-8000-000000000000', { headers: { authorization: `Bearer ${TOKEN}` } })).status, 404);
  assert.equal((await app.request('/api/import/nope', { headers: { authorization: `Bearer ${TOKEN}` } })).status, 400);
});

test('a git clone to a host that never answers is stopped by its time limit, with the reason', async () => {
  const silent = createServer(() => { /* accept and say nothing */ });
  await new Promise<void>((res) => silent.listen(0, '127.0.0.1', () => res()));
  const port = (silent.address() as { port: number }).port;
  const started = Date.now();
  const r = cli(['--db', join(dir, 'git.db'), 'import', `http://127.0.0.1:${port}/repo.git`], { PARALLAX_GIT_TIMEOUT_MS: '1500', PARALLAX_CACHE: join(dir, 'git-cache') });
  silent.close();
  assert.equal(r.status, 1);
  assert.match(r.stdout + r.stderr, /took longer than 1\.5 s and was stopped/);
  assert.ok(Date.now() - started < 15_000);
});

test('an API import of a git URL runs beside the server: a host that never answers holds no request, and the job fails with its time limit', async () => {
  const silent = createServer(() => { /* accept and say nothing */ });
  await new Promise<void>((res) => silent.listen(0, '127.0.0.1', () => res()));
  const port = (silent.address() as { port: number }).port;
  const saved = { timeout: process.env.PARALLAX_GIT_TIMEOUT_MS, cache: process.env.PARALLAX_CACHE };
  process.env.PARALLAX_GIT_TIMEOUT_MS = '2500';
  process.env.PARALLAX_CACHE = join(dir, 'api-git-cache');
  const open = createApp({ store, text, lexicons: [], adminToken: TOKEN, importRoots: [root], allowPrivateHosts: true });
  // the longest the event loop went without turning while the clone waited
  let last = performance.now(), stall = 0;
  const tick = setInterval(() => { const now = performance.now(); stall = Math.max(stall, now - last); last = now; }, 20);
  try {
    const r = await open.request('/api/import', { method: 'POST', body: JSON.stringify({ paths: [`https://127.0.0.1:${port}/repo.git`] }), headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` } });
    assert.equal(r.status, 202, await r.clone().text());
    const { poll } = (await r.json()) as { poll: string };
    let state: Job<ImportReport> | undefined;
    let healthMs = 0;
    for (let i = 0; i < 300; i++) {
      const t = performance.now();
      assert.equal((await open.request('/api/health')).status, 200);
      healthMs = Math.max(healthMs, performance.now() - t);
      state = (await (await open.request(poll, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as Job<ImportReport>;
      if (state.status === 'done' || state.status === 'failed') break;
      await new Promise((res) => setTimeout(res, 50));
    }
    // the job ends with the clone's reason as its one rejection
    assert.equal(state!.status, 'done', JSON.stringify(state));
    assert.match(state!.report!.rejected[0]?.reason ?? '', /took longer than 2\.5 s and was stopped/, JSON.stringify(state));
    // a synchronous clone stopped the loop for the whole 2.5 s; waited on, it holds nothing
    assert.ok(stall < 1000, `the event loop stood still ${stall.toFixed(0)} ms during the clone`);
    assert.ok(healthMs < 1000, `health took ${healthMs.toFixed(0)} ms during the clone`);
  } finally {
    clearInterval(tick);
    silent.close();
    process.env.PARALLAX_GIT_TIMEOUT_MS = saved.timeout;
    process.env.PARALLAX_CACHE = saved.cache;
    if (saved.timeout === undefined) delete process.env.PARALLAX_GIT_TIMEOUT_MS;
    if (saved.cache === undefined) delete process.env.PARALLAX_CACHE;
  }
});

test('a git clone past its size limit is stopped, says why, and leaves no partial copy in the cache', () => {
  const repo = join(dir, 'big-repo');
  mkdirSync(repo);
  const git = (...args: string[]): void => { execFileSync('git', ['-C', repo, ...args], { stdio: 'ignore', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.org' } }); };
  git('init', '-q');
  // random bytes do not compress: the pack is as large as the blob
  writeFileSync(join(repo, 'big.bin'), randomBytes(3 * 1024 * 1024));
  writeFileSync(join(repo, 'a.md'), '---\ntitle: 晴川公告\ndate: 2031-10-01\n---\n\n晴川市政府今天发布公告。\n');
  git('add', '.');
  git('commit', '-q', '-m', 'one');
  const cache = join(dir, 'size-cache');
  const r = cli(['--db', join(dir, 'big.db'), 'import', `file://${repo}`, '--json'], { PARALLAX_GIT_MAX_BYTES: String(1024 * 1024), PARALLAX_CACHE: cache });
  assert.equal(r.status, 1, r.stderr);
  const report = JSON.parse(r.stdout) as ImportReport;
  assert.equal(report.articles.added, 0);
  assert.match(report.rejected[0]?.reason ?? '', /wrote more than 1\.0 MB and was stopped \(PARALLAX_GIT_MAX_BYTES\)/, r.stdout);
  assert.deepEqual(readdirSync(cache), []);
  // within the limit the same repository imports
  const ok = cli(['--db', join(dir, 'big.db'), 'import', `file://${repo}`, '--json'], { PARALLAX_CACHE: cache });
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);
  assert.equal((JSON.parse(ok.stdout) as ImportReport).articles.added, 1);
});

test('parallax serve takes its import roots, admin token and private-host setting from the environment', async () => {
  const db = join(dir, 'served.db');
  const { base, child } = await serving(db, { PARALLAX_ADMIN_TOKEN: TOKEN, PARALLAX_IMPORT_ROOTS: root, PARALLAX_ALLOW_PRIVATE_HOSTS: '0' });
  try {
    const ask = (body: unknown): Promise<Response> => fetch(`${base}/api/import`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` } });
    // inside the root from the environment: a job that imports; outside it, and a loopback URL: refused
    const r = await ask({ paths: [join(root, 'demo', '01-dongfang-wire.md')] });
    assert.equal(r.status, 202, await r.clone().text());
    const { poll } = (await r.json()) as { poll: string };
    let state: Job<ImportReport> | undefined;
    for (let i = 0; i < 200 && state?.status !== 'done' && state?.status !== 'failed'; i++) {
      await new Promise((res) => setTimeout(res, 100));
      state = (await (await fetch(`${base}${poll}`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as Job<ImportReport>;
    }
    assert.equal(state?.status, 'done', JSON.stringify(state));
    assert.equal(state!.report!.articles.added, 1);
    assert.equal((await ask({ paths: [join(projectRoot, 'demo')] })).status, 403);
    assert.equal((await ask({ paths: ['https://127.0.0.1/x.git'] })).status, 403);
    assert.equal((await fetch(`${base}/api/import`, { method: 'POST', body: '{"paths":["demo"]}', headers: { 'content-type': 'application/json', authorization: 'Bearer wrong' } })).status, 401);
  } finally {
    child.kill('SIGTERM');
    await new Promise((res) => child.on('exit', res));
  }
});
