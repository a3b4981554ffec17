// The import on data written for these tests: formats, bad input, versions, mirrors,
// archives and git sources, and a kill -9 in the middle.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import iconv from 'iconv-lite';
import Database from 'better-sqlite3';
import { constants as zlibConstants, createGzip, gunzipSync } from 'node:zlib';
import { pack as tarPack } from 'tar-stream';
import type { Article } from '../src/article.js';
import type { ImportReport } from '../src/import/pipeline.js';
import { cli, cliJson, cliSpawn } from './cli.js';
import { projectRoot } from './shared.js';

const fixtures = join(projectRoot, 'src', 'readers', 'testdata');
const tmp = (): string => mkdtempSync(join(tmpdir(), 'px-imp-'));

const post = (n: number, body = `这是第${n}篇测试文章的正文，讲述晴川市的一天。`): string =>
  `---\ntitle: "测试文章${n}"\ndate: 2031-10-${String((n % 28) + 1).padStart(2, '0')}\nauthor: 晴川日报\nurl: https://qingchuan-daily.example/a/${n}\n---\n\n${body}\n`;

test('a folder of every format imports; non-articles are skipped and counted', () => {
  const db = join(tmp(), 'a.db');
  const { status, json } = cliJson<ImportReport>(['--db', db, 'import', fixtures]);
  assert.equal(status, 0);
  assert.deepEqual(json.rejected, []);
  assert.equal(json.skipped, 2); // _config.yml, README.md
  assert.equal(json.articles.added, 10); // 6 single-article files + 2 RSS items + 1 Atom entry + 1 JSON Feed item
});

test('bad input is rejected with its path and a reason; everything else lands; exit 1', () => {
  const dir = tmp();
  const src = join(dir, 'in');
  mkdirSync(src);
  writeFileSync(join(src, 'good.md'), post(1));
  writeFileSync(join(src, 'bad-yaml.md'), '---\ntitle: "unclosed\ndate: [2031\n---\n正文内容在这里。\n');
  writeFileSync(join(src, 'binary.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
  writeFileSync(join(src, 'huge.md'), Buffer.alloc(50 * 1024 * 1024, 0x41));
  writeFileSync(join(src, 'gbk.md'), iconv.encode(post(2), 'gbk'));
  writeFileSync(join(src, 'big5.md'), iconv.encode(post(3).replace('测试文章', '測試文章').replace('这是', '這是').replace('篇测试文章的正文，讲述', '篇測試文章的正文，講述'), 'big5'));
  writeFileSync(join(src, 'invalid-utf8.md'), Buffer.concat([Buffer.from(post(4)), Buffer.from([0xc3, 0x28, 0xa0, 0xa1])]));
  writeFileSync(join(src, 'truncated.html'), '<html><head><title>截断的页面</title></head><body><article><p>这一段完整地保存下来了，内容足够长。</p><p>这一段被截断');
  writeFileSync(join(src, 'nested.html'), '<html><body>' + '<div>'.repeat(30000) + '<p>很深的嵌套里也有一段正文内容。</p>' + '</div>'.repeat(30000) + '</body></html>');
  const db = join(dir, 'b.db');
  const r = cli(['--db', db, 'import', src, '--json']);
  assert.equal(r.status, 1);
  const json = JSON.parse(r.stdout) as ImportReport;
  const reasons = new Map(json.rejected.map((x) => [x.path.split('/').pop(), x.reason]));
  assert.match(reasons.get('bad-yaml.md')!, /malformed YAML/);
  assert.match(reasons.get('binary.md')!, /binary/);
  assert.match(reasons.get('huge.md')!, /too large: 50\.0 MB/);
  assert.equal(reasons.size, 3);
  assert.equal(json.articles.added, 6);
  const list = cliJson<Article[]>(['--db', db, 'list', '--all']).json;
  const enc = new Map(list.map((a) => [a.source.path!.split('/').pop(), a.source.encoding]));
  assert.equal(enc.get('gbk.md'), 'gb18030');
  assert.equal(enc.get('big5.md'), 'big5-hkscs');
  assert.equal(enc.get('invalid-utf8.md'), 'utf-8-lossy');
  const titles = list.map((a) => a.title);
  assert.ok(titles.includes('测试文章2') && titles.includes('測試文章3'));
});

test('a changed source updates its article and keeps the previous version; mirrors are one article', () => {
  const dir = tmp();
  const src = join(dir, 'in');
  mkdirSync(src);
  writeFileSync(join(src, 'a.md'), post(7));
  writeFileSync(join(src, 'mirror-copy.md'), post(7));
  const db = join(dir, 'c.db');
  const first = cliJson<ImportReport>(['--db', db, 'import', src]).json;
  assert.equal(first.articles.added, 1);
  assert.equal(first.duplicates, 1);
  writeFileSync(join(src, 'a.md'), post(7, '这是修改过的正文，晴川市的一天有了新内容。'));
  const second = cliJson<ImportReport>(['--db', db, 'import', src]).json;
  assert.equal(second.articles.updated, 1);
  const [a] = cliJson<Article[]>(['--db', db, 'list']).json;
  const shown = cliJson<Article & { sources: unknown[]; versions: Array<{ version: number }> }>(['--db', db, 'show', a!.id]).json;
  assert.deepEqual(shown.paragraphs, ['这是修改过的正文，晴川市的一天有了新内容。']);
  assert.equal(shown.sources.length, 2);
  assert.deepEqual(shown.versions.map((v) => v.version), [1]);
  const raw = cli(['--db', db, 'show', a!.id, '--raw']).stdout;
  assert.equal(raw, readFileSync(join(src, 'a.md'), 'utf8'));
});

test('.tar.gz archives, git repositories (worktree, bare, --rev, URL) are read without checkout', () => {
  const dir = tmp();
  const repo = join(dir, 'repo');
  mkdirSync(join(repo, '_posts'), { recursive: true });
  const git = (...args: string[]): string => execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' } });
  git('init', '-q');
  writeFileSync(join(repo, '_posts', 'one.md'), post(11));
  git('add', '.'); git('commit', '-qm', 'one');
  const firstCommit = git('rev-parse', 'HEAD').trim();
  writeFileSync(join(repo, '_posts', 'two.md'), post(12));
  writeFileSync(join(repo, '_config.yml'), 'title: x\n');
  git('add', '.'); git('commit', '-qm', 'two');
  writeFileSync(join(repo, '_posts', 'uncommitted.md'), post(13));

  const db = join(dir, 'g.db');
  const head = cliJson<ImportReport>(['--db', db, 'import', repo]).json;
  assert.equal(head.articles.added, 2); // the uncommitted file is not in the tree
  const [one] = cliJson<Article[]>(['--db', db, 'list', '--limit', '1']).json;
  assert.equal(one!.source.kind, 'git');
  assert.match(one!.source.commit!, /^[0-9a-f]{40}$/);

  const atRev = cliJson<ImportReport>(['--db', join(dir, 'r.db'), 'import', repo, '--rev', firstCommit]).json;
  assert.equal(atRev.articles.added, 1);

  const bare = join(dir, 'bare.git');
  execFileSync('git', ['clone', '-q', '--bare', repo, bare]);
  assert.equal(cliJson<ImportReport>(['--db', join(dir, 'bare.db'), 'import', bare]).json.articles.added, 2);
  const viaUrl = cliJson<ImportReport>(['--db', join(dir, 'url.db'), 'import', `file://${bare}`], { PARALLAX_CACHE: join(dir, 'cache') }).json;
  assert.equal(viaUrl.articles.added, 2);

  execFileSync('tar', ['czf', join(dir, 'posts.tar.gz'), '-C', repo, '_posts']);
  const tar = cliJson<ImportReport>(['--db', join(dir, 't.db'), 'import', join(dir, 'posts.tar.gz')]).json;
  assert.equal(tar.articles.added, 3);
});

test('archives inside a folder are read; a broken one is reported, its readable members and the rest land', () => {
  const dir = tmp();
  const make = (name: string, from: number): string => {
    const posts = join(dir, `${name}-posts`);
    mkdirSync(posts);
    for (let n = from; n < from + 3; n++) writeFileSync(join(posts, `p${n}.md`), post(n, `第${n}篇。`.repeat(3000)));
    const out = join(dir, `${name}.tar.gz`);
    execFileSync('tar', ['czf', out, '-C', posts, '.']);
    return out;
  };
  const src = join(dir, 'in');
  mkdirSync(join(src, 'sub'), { recursive: true });
  cpSync(make('good', 31), join(src, 'sub', 'good.tar.gz'));
  const whole = readFileSync(make('broken', 41));
  writeFileSync(join(src, 'broken.tar.gz'), whole.subarray(0, Math.floor(whole.length * 0.6)));
  writeFileSync(join(src, 'plain.md'), post(51));
  const r = cli(['--db', join(dir, 'a.db'), 'import', src, '--json']);
  assert.equal(r.status, 1);
  const json = JSON.parse(r.stdout) as ImportReport;
  assert.equal(json.rejected.length, 1);
  assert.match(json.rejected[0]!.path, /broken\.tar\.gz$/);
  assert.match(json.rejected[0]!.reason, /^broken archive: /);
  // the good archive's three, the plain file, and what the broken one held before its cut
  assert.ok(json.articles.added >= 4 && json.articles.added < 7, `added ${json.articles.added}`);
  const sources = cliJson<Article[]>(['--db', join(dir, 'a.db'), 'list']).json.map((a) => `${a.source.kind}:${a.source.path!.split('/').pop()}`);
  for (const n of [31, 32, 33]) assert.ok(sources.includes(`tar:p${n}.md`), `p${n}.md from the archive in sub/`);
  assert.ok(sources.includes('file:plain.md'));
  // named on the command line, the broken archive is reported the same way, not a crash
  const direct = cli(['--db', join(dir, 'b.db'), 'import', join(src, 'broken.tar.gz'), '--json']);
  assert.equal(direct.status, 1);
  assert.match((JSON.parse(direct.stdout) as ImportReport).rejected[0]!.reason, /^broken archive: /);
});

/** the regular members of a cut .tar.gz whose bytes all precede the cut: zlib inflates what it can (no error at the end), the tar headers are read by hand */
function intactMembers(cut: Buffer): number {
  const tar = gunzipSync(cut, { finishFlush: zlibConstants.Z_SYNC_FLUSH });
  let n = 0;
  for (let at = 0; at + 512 <= tar.length;) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    const size = parseInt(header.subarray(124, 136).toString('ascii').replace(/\0.*$/, '').trim() || '0', 8);
    const type = String.fromCharCode(header[156]!);
    const end = at + 512 + Math.ceil(size / 512) * 512;
    if ((type === '0' || type === '\0') && at + 512 + size <= tar.length) n++;
    at = end;
  }
  return n;
}

test('a small archive with garbage after its end, or cut short, keeps every member before the break', () => {
  const dir = tmp();
  const posts = join(dir, 'posts');
  mkdirSync(posts);
  for (let n = 1; n <= 200; n++) writeFileSync(join(posts, `p${n}.md`), post(n));
  const whole = join(dir, 'whole.tar.gz');
  execFileSync('tar', ['czf', whole, '-C', posts, '.']);
  const bytes = readFileSync(whole);
  writeFileSync(join(dir, 'garbage.tar.gz'), Buffer.concat([bytes, Buffer.from('this is not gzip, just bytes after the end'.repeat(10))]));
  writeFileSync(join(dir, 'cut.tar.gz'), bytes.subarray(0, Math.floor(bytes.length * 0.7)));
  const garbage = JSON.parse(cli(['--db', join(dir, 'g.db'), 'import', join(dir, 'garbage.tar.gz'), '--json']).stdout) as ImportReport;
  assert.equal(garbage.articles.added, 200);
  assert.match(garbage.rejected[0]!.reason, /^broken archive: /);
  const cut = JSON.parse(cli(['--db', join(dir, 'c.db'), 'import', join(dir, 'cut.tar.gz'), '--json']).stdout) as ImportReport;
  assert.equal(cut.articles.added, intactMembers(bytes.subarray(0, Math.floor(bytes.length * 0.7))), 'every member whole before the cut, and none after it');
  assert.ok(cut.articles.added >= 100 && cut.articles.added < 200, `cut: ${cut.articles.added} of 200`);
  assert.equal(cut.rejected.length, 1);
});

test('every entry of a folder is imported or rejected with its reason: names that are not UTF-8, symlinks, FIFOs, devices', () => {
  const dir = tmp();
  const src = join(dir, 'in');
  mkdirSync(join(src, 'sub'), { recursive: true });
  writeFileSync(join(src, 'a.md'), post(1));
  // a GBK file name (中文.md) on a Linux disk: read, shown with its odd bytes escaped
  writeFileSync(Buffer.concat([Buffer.from(src + '/'), iconv.encode('中文', 'gbk'), Buffer.from('.md')]), post(2));
  writeFileSync(join(dir, 'outside.md'), post(3));
  execFileSync('ln', ['-s', join(dir, 'outside.md'), join(src, 'linked.md')]);
  execFileSync('ln', ['-s', join(dir, 'nothing.md'), join(src, 'dangling.md')]);
  execFileSync('ln', ['-s', dir, join(src, 'loop')]);
  execFileSync('mkfifo', [join(src, 'pipe.md')]);
  writeFileSync(join(src, 'sub', 'z.md'), post(4));
  const r = cli(['--db', join(dir, 'a.db'), 'import', src, '/dev/zero', '--json']);
  assert.equal(r.status, 1);
  const json = JSON.parse(r.stdout) as ImportReport;
  assert.equal(json.articles.added, 4, JSON.stringify(json));
  const reasons = new Map(json.rejected.map((x) => [x.path.split('/').pop(), x.reason]));
  assert.match(reasons.get('dangling.md')!, /symlink to nothing/);
  assert.match(reasons.get('loop')!, /symlink to a folder/);
  assert.match(reasons.get('pipe.md')!, /not a regular file/);
  assert.match(reasons.get('zero')!, /not a regular file/);
  const paths = cliJson<Article[]>(['--db', join(dir, 'a.db'), 'list']).json.map((a) => a.source.path!.split('/').pop());
  assert.ok(paths.includes('\\xD6\\xD0\\xCE\\xC4.md'), paths.join(' '));
  assert.ok(paths.includes('linked.md') && paths.includes('z.md'));
});

test('hostile files are bounded: a gzip bomb member is never inflated, nesting 100,000 deep is refused, a huge title is cut', async () => {
  const dir = tmp();
  const src = join(dir, 'in');
  mkdirSync(src);
  // a tar.gz of a small article and a 300 MB member of zeros (300 KB compressed)
  const pack = tarPack();
  const gz = createGzip();
  const chunks: Buffer[] = [];
  gz.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((res) => gz.on('end', res));
  pack.pipe(gz);
  pack.entry({ name: 'ok.md' }, post(7));
  const big = pack.entry({ name: 'bomb.md', size: 300 * 1024 * 1024 }, () => undefined);
  const zeros = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < 300; i++) big.write(zeros);
  big.end(() => undefined);
  pack.finalize();
  await done;
  writeFileSync(join(src, 'bomb.tar.gz'), Buffer.concat(chunks));
  writeFileSync(join(src, 'deep.html'), `<html><head><title>深层</title></head><body>${'<div>'.repeat(100_000)}晴川市今天发布公告。${'</div>'.repeat(100_000)}</body></html>`);
  writeFileSync(join(src, 'title.md'), `---\ntitle: ${'长'.repeat(1_000_000)}\ndate: 2031-10-01\n---\n\n晴川市今天发布公告，内容是关于道路维修的安排。\n`);
  const started = Date.now();
  const run = execFileSync(process.execPath, ['--import', 'tsx', join(projectRoot, 'test', 'import-peak.ts'), join(dir, 'a.db'), src], { cwd: projectRoot, encoding: 'utf8' });
  const { report: json, peakMB } = JSON.parse(run) as { report: ImportReport; peakMB: number };
  assert.ok(Date.now() - started < 20_000, `${Date.now() - started} ms`);
  // the process's whole peak, parser workers and all: the bomb member is never held
  assert.ok(peakMB < 400, `peak ${peakMB} MB`);
  const reasons = new Map(json.rejected.map((x) => [x.path.split(/[/:]/).pop(), x.reason]));
  assert.match(reasons.get('bomb.md')!, /too large: 300\.0 MB/);
  assert.match(reasons.get('deep.html')!, /nested deeper than 40000/);
  assert.equal(json.articles.added, 2, JSON.stringify(json));
  const titled = cliJson<Article[]>(['--db', join(dir, 'a.db'), 'list', '--all']).json.find((a) => a.title.startsWith('长'))!;
  assert.equal(titled.title.length, 501);
  assert.ok(titled.flags.includes('truncated'));
});

test('kill -9 in the middle of a large import leaves a consistent store that a rerun completes', async () => {
  const dir = tmp();
  const src = join(dir, 'in');
  mkdirSync(src);
  const N = 4000;
  for (let i = 0; i < N; i++) writeFileSync(join(src, `p${i}.md`), post(i, `第${i}篇。`.repeat(200)));
  cpSync(fixtures, join(src, 'fixtures'), { recursive: true });
  const db = join(dir, 'k.db');
  const child = cliSpawn(['--db', db, 'import', src]);
  // wait until some batches are committed, then kill without warning
  const deadline = Date.now() + 60_000;
  for (;;) {
    await new Promise((r) => setTimeout(r, 100));
    let n = 0;
    try {
      const d = new Database(db, { readonly: true, fileMustExist: true });
      n = (d.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
      d.close();
    } catch { /* not created yet */ }
    if (n >= 400 || Date.now() > deadline) break;
  }
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  const check = new Database(db);
  const partial = (check.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
  assert.ok(partial > 0 && partial < N, `killed after ${partial} articles`);
  assert.equal((check.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check, 'ok');
  // every article has its source and its raw bytes
  const orphans = (check.prepare(`SELECT count(*) AS n FROM articles a WHERE NOT EXISTS (SELECT 1 FROM article_sources s WHERE s.article_id = a.id)
    OR NOT EXISTS (SELECT 1 FROM sources s JOIN raw r ON r.sha256 = s.sha256 WHERE s.key = a.source_key)`).get() as { n: number }).n;
  assert.equal(orphans, 0);
  check.close();
  const rerun = cliJson<ImportReport>(['--db', db, 'import', src]).json;
  assert.equal(rerun.articles.added + rerun.articles.unchanged, N + 10);
  assert.equal(rerun.articles.unchanged, partial);
  const ids = cliJson<Article[]>(['--db', db, 'list', '--all', '--limit', '10000']).json.map((a) => a.id);
  assert.equal(ids.length, N + 10);
  assert.equal(new Set(ids).size, ids.length);
});

test('reindex rebuilds the same articles from the raw bytes', () => {
  const db = join(tmp(), 'x.db');
  cliJson(['--db', db, 'import', fixtures]);
  const before = cliJson<Article[]>(['--db', db, 'list', '--all']).json;
  const r = cliJson<{ sources: number; articles: number }>(['--db', db, 'reindex']).json;
  assert.equal(r.articles, before.length);
  const after = cliJson<Article[]>(['--db', db, 'list', '--all']).json;
  assert.deepEqual(after, before);
});

test('usage errors exit 2 with a message; an unknown id exits 1', () => {
  const r = cli(['list', '--since', 'yesterday']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /YYYY-MM-DD/);
  assert.equal(cli(['frobnicate']).status, 2);
  const dir = tmp();
  const db = join(dir, 'e.db');
  // a read command never makes an archive: a mistyped --db is an error, not 0 articles
  const missing = cli(['--db', db, 'stats']);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /no archive at .*e\.db/);
  assert.equal(cli(['--db', db, 'list']).status, 2);
  assert.ok(!existsSync(db));
  assert.equal(cli(['--db', db, 'import', join(projectRoot, 'demo', '01-dongfang-wire.md')]).status, 0);
  const s = cli(['--db', db, 'show', '0000000000000000']);
  assert.equal(s.status, 1);
  assert.match(s.stderr, /no article/);
  // a setting that is not a number is named in the message, never read as NaN
  const bad = cli(['--db', db, 'stats'], { PARALLAX_SEARCH_LAG_MS: 'one second' });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /PARALLAX_SEARCH_LAG_MS must be a whole number/);
  assert.equal(cli(['--db', db, 'stats'], { PARALLAX_SEARCH_LAG_MS: '250' }).status, 0);
  // an outlet that is not in the archive is named, not silently empty
  const nosuch = cli(['--db', db, 'list', '--outlet', 'nosuch']);
  assert.equal(nosuch.status, 2);
  assert.match(nosuch.stderr, /no outlet nosuch/);
  const q = cli(['--db', db, 'search', 'outlet:nosuch 晴川']);
  assert.equal(q.status, 2);
  assert.match(q.stderr, /no outlet nosuch in this archive \(outlets: wire-dongfang-example\)/);
  // --version; a nice level out of range; segment given a folder; a byte order mark
  assert.match(cli(['--version']).stdout, /^\d+\.\d+\.\d+\n$/);
  const nice = cli(['--db', db, 'import', '--nice', '25', join(projectRoot, 'demo')]);
  assert.equal(nice.status, 2);
  assert.match(nice.stderr, /from 0 \(normal\) to 19/);
  const folder = cli(['segment', dir]);
  assert.equal(folder.status, 2);
  assert.match(folder.stderr, /is a folder/);
  assert.doesNotMatch(folder.stderr, /EISDIR/);
  writeFileSync(join(dir, 'bom.txt'), '\uFEFF国家主席习近平同俄罗斯总统普京举行视频会晤。\n');
  assert.equal(cli(['segment', join(dir, 'bom.txt')]).stdout, '国家 主席 习近平 同 俄罗斯 总统 普京 举行 视频会晤 。\n');
  // a db named in a config file is found from the file's folder, wherever the command runs
  const confDir = join(dir, 'conf');
  mkdirSync(confDir);
  writeFileSync(join(confDir, 'parallax.config.json'), JSON.stringify({ db: '../e.db' }));
  const viaConfig = cli(['stats', '--json'], { PARALLAX_CONFIG: join(confDir, 'parallax.config.json') });
  assert.equal(viaConfig.status, 0, viaConfig.stderr);
  assert.equal((JSON.parse(viaConfig.stdout) as { articles: number }).articles, 1);
});
