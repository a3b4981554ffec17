// Responses never carry the server's absolute paths: sources are shown relative to the
// import root they were read under (folders, archives, local git repositories, imports
// through the API), while the archive keeps the whole provenance. Imports run through the
// CLI and the API; responses are read through the app's request function.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import type { Article } from '../src/article.js';
import { createApp } from '../src/server/app.js';
import { clientPath } from '../src/server/client-paths.js';
import type { StoredSource } from '../src/store/store.js';
import { SqliteStore } from '../src/store/sqlite/store.js';
import { AliasTable } from '../src/text/aliases.js';
import { Segmenter } from '../src/text/segment.js';
import { cli, cliJson } from './cli.js';
import { projectRoot } from './shared.js';

const dir = mkdtempSync(join(tmpdir(), 'px-paths-'));
const text = { segmenter: new Segmenter(), aliases: new AliasTable() };
const stores: SqliteStore[] = [];
after(async () => { for (const s of stores) await s.close(); });

const post = (n: number): string => `---\ntitle: 晴川第${n}号公告\ndate: 2031-10-${String(n).padStart(2, '0')}\nauthor: 晴川日报\nurl: https://qingchuan-daily.example/a/${n}\n---\n\n晴川市政府今天发布第${n}号公告，内容涉及道路维修和公共交通的安排。\n`;
const gitEnv = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' };

test('clientPath: relative to the longest root, its name first; outside every root only the file name', () => {
  const roots = ['/srv/px/in', '/srv/px/in/nested', '/data/one.md'];
  assert.equal(clientPath('/srv/px/in/2021/a.md', roots), 'in/2021/a.md');
  assert.equal(clientPath('/srv/px/in/nested/b.md', roots), 'nested/b.md');
  assert.equal(clientPath('/srv/px/input/c.md', roots), 'c.md', 'a root is a whole folder name, not a prefix of one');
  assert.equal(clientPath('/data/one.md', roots), 'one.md');
  assert.equal(clientPath('/etc/passwd', []), 'passwd');
  assert.equal(clientPath('file:///srv/px/in/repo.git', roots), 'in/repo.git');
  assert.equal(clientPath('https://user:secret@example.com/x.git', roots), 'https://example.com/x.git');
  assert.equal(clientPath('_posts/a.md', roots), '_posts/a.md', 'a path inside an archive or repository stays');
  assert.equal(clientPath('/x/y.md', ['/']), 'x/y.md');
});

test('a folder, an archive in it and a local git repository imported by the CLI: the API shows relative paths, the archive keeps absolute ones', async () => {
  const src = join(dir, 'in');
  mkdirSync(join(src, 'sub', 'posts'), { recursive: true });
  writeFileSync(join(src, 'a.md'), post(1));
  writeFileSync(join(src, 'sub', 'posts', 'p2.md'), post(2));
  execFileSync('tar', ['czf', join(src, 'sub', 'posts.tar.gz'), '-C', join(src, 'sub', 'posts'), 'p2.md']);
  execFileSync('rm', ['-r', join(src, 'sub', 'posts')]);
  const repo = join(dir, 'repo');
  mkdirSync(repo);
  execFileSync('git', ['init', '-q', repo]);
  writeFileSync(join(repo, 'c.md'), post(3));
  execFileSync('git', ['-C', repo, 'add', '.'], { env: gitEnv });
  execFileSync('git', ['-C', repo, 'commit', '-qm', 'c'], { env: gitEnv });
  const db = join(dir, 'cli.db');
  assert.equal(cli(['--db', db, 'import', src, repo, '--json']).status, 0);

  // the archive keeps where every byte came from, as the CLI shows it
  const stored = cliJson<Article[]>(['--db', db, 'list']).json;
  assert.ok(stored.every((a) => (a.source.repo ?? a.source.path)!.startsWith(dir)), JSON.stringify(stored.map((a) => a.source)));

  const store = new SqliteStore(db);
  stores.push(store);
  const app = createApp({ store, text, lexicons: [] });
  const list = (await (await app.request('/api/articles')).json()) as Article[];
  const shown = new Map(list.map((a) => [a.title, a.source]));
  assert.equal(shown.get('晴川第1号公告')!.path, 'in/a.md');
  assert.deepEqual([shown.get('晴川第2号公告')!.repo, shown.get('晴川第2号公告')!.path], ['in/sub/posts.tar.gz', 'p2.md']);
  assert.deepEqual([shown.get('晴川第3号公告')!.repo, shown.get('晴川第3号公告')!.path], ['repo', 'c.md']);
  for (const a of list) {
    const r = await app.request(`/api/articles/${a.id}`);
    const body = await r.text();
    assert.equal(r.status, 200);
    assert.ok(!body.includes(dir), `${a.id} shows ${dir}: ${body.slice(0, 300)}`);
    const { source, sources } = JSON.parse(body) as Article & { sources: StoredSource[] };
    assert.equal(sources[0]!.key, `${source.kind}|${source.repo ?? ''}|${source.path}`);
  }
  // and no page or other response shows them either
  const { events } = await store.listEvents({ minOutlets: 1, limit: 5 });
  for (const path of ['/api/articles?limit=100', '/api/search?q=%E6%99%B4%E5%B7%9D', '/?q=%E6%99%B4%E5%B7%9D', `/article/${list[0]!.id}`, '/api/stats', '/api/outlets', '/outlets', '/api/changes?since=2000-01-01', ...events.map((e) => `/api/events/${e.id}`)]) {
    const body = await (await app.request(path)).text();
    assert.ok(!body.includes(dir), `${path} shows ${dir}`);
  }
});

test('an archive made before import roots were recorded shows file names only', async () => {
  const db = join(dir, 'old.db');
  assert.equal(cli(['--db', db, 'import', join(projectRoot, 'demo', '01-dongfang-wire.md')]).status, 0);
  const raw = new Database(db);
  // as an archive of schema version 3 was: no table of roots (opening it adds an empty one)
  raw.exec("DROP TABLE import_roots; UPDATE meta SET value = '3' WHERE key = 'schema_version'");
  raw.close();
  const store = new SqliteStore(db);
  stores.push(store);
  const app = createApp({ store, text, lexicons: [] });
  const [a] = (await (await app.request('/api/articles')).json()) as Article[];
  assert.equal(a!.source.path, '01-dongfang-wire.md');
  assert.ok(!(await (await app.request(`/api/articles/${a!.id}`)).text()).includes(projectRoot));
});

test('an import through the API: paths relative to the folder named, the job report too', async () => {
  const root = join(dir, 'imports');
  mkdirSync(root);
  cpSync(join(projectRoot, 'demo'), join(root, 'demo'), { recursive: true });
  const store = new SqliteStore(join(dir, 'api.db'));
  stores.push(store);
  const TOKEN = 'paths-token-0123456789';
  const app = createApp({ store, text, lexicons: [], adminToken: TOKEN, importRoots: [root] });
  const auth = { authorization: `Bearer ${TOKEN}` };
  const r = await app.request('/api/import', { method: 'POST', body: JSON.stringify({ paths: ['demo'] }), headers: { 'content-type': 'application/json', ...auth } });
  assert.equal(r.status, 202);
  const { poll } = (await r.json()) as { poll: string };
  let state: { status: string } = { status: 'queued' };
  for (let i = 0; i < 300 && state.status !== 'done' && state.status !== 'failed'; i++) {
    await new Promise((res) => setTimeout(res, 50));
    state = (await (await app.request(poll, { headers: auth })).json()) as { status: string };
  }
  assert.equal(state.status, 'done', JSON.stringify(state));
  assert.ok(!JSON.stringify(state).includes(dir));
  const list = (await (await app.request('/api/articles?limit=100')).json()) as Article[];
  assert.ok(list.length >= 8);
  for (const a of list) assert.match(a.source.path!, /^demo\/[^/]+$/);
});
