// The watch commands as a user runs them, against a scripted server on 127.0.0.1:
// watch add / import / list / remove, watch --once and --recheck-all, history, changes.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { cliSpawn } from './cli.js';
import { articleHtml, ScriptedServer } from './scripted-server.js';

const dir = mkdtempSync(join(tmpdir(), 'px-watch-cli-'));
const db = join(dir, 'w.db');
const env = { PARALLAX_ALLOW_PRIVATE_HOSTS: '1', PARALLAX_WATCH_SPACING_MS: '0', PARALLAX_DB: db };
const server = new ScriptedServer();

/** the CLI in a child process, awaited: the scripted server in this process must go on answering */
async function cli(args: string[], extra: Record<string, string> = {}): Promise<{ status: number; stdout: string; stderr: string }> {
  const child = cliSpawn(args, { ...env, ...extra });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => { stdout += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
  const status = await new Promise<number>((r) => child.on('close', (code) => r(code ?? -1)));
  return { status, stdout, stderr };
}

async function cliJson<T>(args: string[], extra: Record<string, string> = {}): Promise<{ status: number; json: T; stderr: string }> {
  const r = await cli([...args, '--json'], extra);
  try { return { status: r.status, json: JSON.parse(r.stdout) as T, stderr: r.stderr }; }
  catch { throw new Error(`not JSON (exit ${r.status}): ${r.stdout.slice(0, 500)}\n${r.stderr.slice(0, 2000)}`); }
}
let text = ['警方今天通报，昨晚市中心发生一起火灾，三人受伤送医。', '火灾原因仍在调查中，消防部门呼吁市民注意用电安全。'];
let gone = false;

before(async () => {
  await server.start();
  server.routes.set('/feed.xml', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>测试新闻</title><item><title>市中心火灾</title><link>${server.base}/news/1.html</link></item></channel></rss>`);
  });
  server.routes.set('/news/1.html', (_req, res) => {
    if (gone) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(articleHtml({ title: '市中心发生火灾', paragraphs: text }));
  });
});
after(() => server.stop());

test('refused without PARALLAX_ALLOW_PRIVATE_HOSTS: a loopback feed is not fetched', async () => {
  const r = await cli(['watch', 'add', `${server.base}/feed.xml`], { PARALLAX_ALLOW_PRIVATE_HOSTS: '0' });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /private or loopback/);
});

test('watch add, --once, edits and removal found, history and changes', async () => {
  const add = await cliJson<{ added: Array<{ kind: string }> }>(['watch', 'add', `${server.base}/feed.xml`]);
  assert.equal(add.status, 0, add.stderr);
  assert.deepEqual(add.json.added.map((a) => a.kind), ['feed']);
  const once = await cli(['watch', '--once']);
  assert.equal(once.status, 0, once.stderr);
  assert.match(once.stdout, /1 sources polled \(0 failed\), 1 new items; 1 pages checked|1 new items/);
  text = [text[0]!.replace('三人受伤', '五人受伤'), text[1]!];
  assert.equal((await cli(['watch', '--once', '--recheck-all'])).status, 0);
  gone = true;
  assert.equal((await cli(['watch', '--once', '--recheck-all'])).status, 0);
  const list = await cliJson<Array<{ url: string; state: string; pages: number }>>(['watch', 'list']);
  assert.equal(list.json[0]!.state, 'active');
  assert.equal(list.json[0]!.pages, 1);
  const h = await cliJson<{ article: string; versions: Array<{ kind: string; cause: string | null; lastSeen: string | null; firstMissing: string | null; changes: Array<{ type: string; words?: Array<{ op: string; text: string }> }> }> }>(['history', `${server.base}/news/1.html`]);
  assert.equal(h.status, 0, h.stderr);
  assert.deepEqual(h.json.versions.map((v) => v.kind), ['first', 'edit', 'removed']);
  assert.equal(h.json.versions[2]!.cause, 'http-404');
  assert.ok(h.json.versions[2]!.lastSeen! < h.json.versions[2]!.firstMissing!);
  const edit = h.json.versions[1]!.changes[0]!;
  assert.equal(edit.type, 'edited');
  assert.deepEqual(edit.words!.filter((w) => w.op !== 'same').map((w) => `${w.op}:${w.text}`), ['removed:三人', 'added:五人']);
  // by article id too, and as text
  const byId = await cli(['history', h.json.article]);
  assert.match(byId.stdout, /\[-三人-\]\{\+五人\+\}/);
  assert.match(byId.stdout, /removed \(http-404\) {2}between/);
  const changes = await cliJson<Array<{ kind: string; cause: string | null }>>(['changes', '--since', '2000-01-01']);
  assert.deepEqual(changes.json.map((c) => c.kind), ['removed', 'edit']);
  assert.equal((await cli(['changes', '--since', 'yesterday'])).status, 2);
});

test('watch import of an OPML file, watch remove', async () => {
  const opml = join(dir, 'feeds.opml');
  writeFileSync(opml, `<?xml version="1.0"?><opml version="2.0"><body><outline text="新闻"><outline type="rss" text="a" xmlUrl="${server.base}/a.xml"/><outline type="rss" text="b" xmlUrl="${server.base}/b.xml"/></outline></body></opml>`);
  const r = await cli(['watch', 'import', opml]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /2 feeds added/);
  assert.equal((await cli(['watch', 'remove', `${server.base}/a.xml`])).status, 0);
  assert.equal((await cli(['watch', 'remove', `${server.base}/a.xml`])).status, 1);
  const list = await cliJson<Array<{ url: string }>>(['watch', 'list']);
  assert.deepEqual(list.json.map((s) => s.url.replace(server.base, '')), ['/feed.xml', '/b.xml']);
  const bad = join(dir, 'empty.opml');
  writeFileSync(bad, '<opml><body></body></opml>');
  assert.equal((await cli(['watch', 'import', bad])).status, 2);
});

test('serve --watch polls beside the server: a source added before is polled and shown by the API', async () => {
  server.routes.set('/c.xml', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>丙</title><item><title>c</title><link>${server.base}/news/c1.html</link></item></channel></rss>`);
  });
  server.page('/news/c1.html', articleHtml({ title: '丙报新闻', paragraphs: ['丙报记者今天报道，城市公园完成改造后重新开放，吸引大批市民。', '公园管理处表示，将延长开放时间。'] }));
  assert.equal((await cli(['watch', 'add', `${server.base}/c.xml`])).status, 0);
  const child = cliSpawn(['serve', '--watch', '--port', '0', '--processes', '1'], env);
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (d: Buffer) => { out += d.toString(); const m = /:(\d+)\//.exec(out); if (m) resolve(Number(m[1])); });
      child.on('close', (code) => reject(new Error(`serve exited ${code}`)));
    });
    let polled: { lastSuccessAt: string | null; pages: number } | undefined;
    for (let i = 0; i < 100 && !polled?.lastSuccessAt; i++) {
      await new Promise((r) => setTimeout(r, 200));
      const sources = await (await fetch(`http://127.0.0.1:${port}/api/watch`)).json() as Array<{ url: string; lastSuccessAt: string | null; pages: number }>;
      polled = sources.find((s) => s.url.endsWith('/c.xml'));
    }
    assert.ok(polled?.lastSuccessAt, 'polled by serve --watch');
    assert.equal(polled.pages, 1);
  } finally {
    child.kill('SIGTERM');
  }
});
