// Import through the API: only inside the import roots, only https git URLs to public hosts,
// a job to poll instead of a request held open; the admin token checked properly and large
// bodies refused before it. Runs on the project's own demo data (no ../shared needed).
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
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
