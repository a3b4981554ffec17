// kill -9 in the middle of polling loses nothing that was committed and makes no
// duplicate version: a round is killed while it fetches pages, then run again.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { SqliteStore } from '../src/store/sqlite/store.js';
import { articleHtml, ScriptedServer } from './scripted-server.js';
import { projectRoot } from './shared.js';

const T0 = Date.parse('2026-12-01T00:00:00Z');
const N = 30;
const server = new ScriptedServer();
const db = join(mkdtempSync(join(tmpdir(), 'px-watch-kill-')), 'k.db');
let round = 0;

before(async () => {
  await server.start();
  server.routes.set('/feed.xml', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>快报</title>${Array.from({ length: N }, (_, i) => `<item><title>t${i}</title><link>${server.base}/k/${i}.html</link></item>`).join('')}</channel></rss>`);
  });
  for (let i = 0; i < N; i++) {
    server.routes.set(`/k/${i}.html`, (_req, res) => {
      // slow pages: the kill lands in the middle of the round
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(articleHtml({ title: `第${i}号快讯`, paragraphs: [`第${i}号快讯的正文第一段，${round ? '更新后的' : '最初的'}内容写在这里。`, `第${i}号快讯的第二段，说明事件的经过和各方的反应。`] }));
      }, 60);
    });
  }
});
after(() => server.stop());

function runRound(at: number, killAfterMs?: number): Promise<number | null> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'test', 'watch-round.ts'), db, `${server.base}/feed.xml`, String(at)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
  if (killAfterMs !== undefined) {
    // killed once it has fetched some pages
    const timer = setInterval(() => { if (server.hits.filter((h) => h.path.startsWith('/k/')).length >= killAfterMs) { child.kill('SIGKILL'); clearInterval(timer); } }, 5);
    child.on('close', () => clearInterval(timer));
  }
  return new Promise((resolve, reject) => child.on('close', (code) => (code === 0 || killAfterMs !== undefined ? resolve(code) : reject(new Error(err)))));
}

async function versionsByPage(): Promise<Map<string, string[]>> {
  const store = new SqliteStore(db);
  try {
    const out = new Map<string, string[]>();
    for (let i = 0; i < N; i++) out.set(`/k/${i}.html`, (await store.watch.versions(`${server.base}/k/${i}.html`)).map((v) => v.kind));
    return out;
  } finally { await store.close(); }
}

test('killed during the first round and during a re-check round: every page once, every version once', async () => {
  const before = server.hits.length;
  assert.equal(await runRound(T0, 10), null, 'the first round was killed');
  const partial = [...(await versionsByPage()).values()].filter((v) => v.length > 0).length;
  assert.ok(partial > 0 && partial < N, `killed mid-round (${partial} of ${N} pages done)`);
  assert.equal(await runRound(T0), 0);
  const first = await versionsByPage();
  for (const [p, kinds] of first) assert.deepEqual(kinds, ['first'], p);
  round = 1;
  const at = T0 + 6 * 60_000;
  const hitsBefore = server.hits.length;
  const killAt = server.hits.filter((h) => h.path.startsWith('/k/')).length + 10;
  assert.equal(await runRound(at, killAt), null);
  assert.equal(await runRound(at), 0);
  for (const [p, kinds] of await versionsByPage()) assert.deepEqual(kinds, ['first', 'edit'], p);
  // and a third run at the same time finds nothing due
  assert.equal(await runRound(at), 0);
  for (const [p, kinds] of await versionsByPage()) assert.deepEqual(kinds, ['first', 'edit'], p);
  assert.ok(server.hits.length > hitsBefore && hitsBefore > before);
  const store = new SqliteStore(db);
  const stats = await store.stats();
  await store.close();
  assert.equal(stats.articles, N, 'one article per page');
  assert.equal(stats.versions, N, 'the archive keeps each earlier text once');
});
