// Hostile sources: an unreadable folder is reported with its reason and the rest of the
// import lands (the tests run as root, whom chmod 000 does not stop: the import then runs
// without the capabilities that let root read anything — setpriv drops CAP_DAC_OVERRIDE and
// CAP_DAC_READ_SEARCH from its bounding set — so the folder is as unreadable as for anyone);
// tar members named with `../`, absolute paths, symlinks and hard links write nothing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { pack as tarPack } from 'tar-stream';
import { createGzip } from 'node:zlib';
import type { Article } from '../src/article.js';
import type { ImportReport } from '../src/import/pipeline.js';
import { cliJson } from './cli.js';
import { projectRoot } from './shared.js';

const dir = mkdtempSync(join(tmpdir(), 'px-unreadable-'));
const locked: string[] = [];
after(() => { for (const p of locked) chmodSync(p, 0o755); });

const post = (n: number): string => `---\ntitle: 晴川第${n}号公告\ndate: 2031-10-0${n}\n---\n\n晴川市政府今天发布第${n}号公告，内容涉及道路维修和公共交通的安排。\n`;

test('an unreadable subfolder is rejected with its reason; files before and after it are imported', () => {
  const src = join(dir, 'in');
  for (const sub of ['a', 'b-locked', 'c']) mkdirSync(join(src, sub), { recursive: true });
  writeFileSync(join(src, 'a', '1.md'), post(1));
  writeFileSync(join(src, 'b-locked', '2.md'), post(2));
  writeFileSync(join(src, 'c', '3.md'), post(3));
  writeFileSync(join(src, 'z.md'), post(4));
  chmodSync(join(src, 'b-locked'), 0o000);
  locked.push(join(src, 'b-locked'));
  const asRoot = process.getuid?.() === 0;
  const command = [process.execPath, '--import', 'tsx', join(projectRoot, 'src', 'cli', 'main.ts'), '--db', join(dir, 'a.db'), 'import', src, '--json'];
  const r = asRoot
    ? spawnSync('setpriv', ['--bounding-set=-dac_override,-dac_read_search', '--', ...command], { encoding: 'utf8', cwd: projectRoot })
    : spawnSync(command[0]!, command.slice(1), { encoding: 'utf8', cwd: projectRoot });
  assert.equal(r.status, 1, r.stderr);
  const json = JSON.parse(r.stdout) as ImportReport;
  assert.equal(json.articles.added, 3, JSON.stringify(json));
  assert.equal(json.rejected.length, 1, JSON.stringify(json.rejected));
  assert.match(json.rejected[0]!.path, /b-locked$/);
  assert.match(json.rejected[0]!.reason, /cannot read this folder: EACCES: permission denied/);
});

test('tar members named ../x, /abs or links write nothing anywhere; regular members are read from memory', async () => {
  const box = join(dir, 'box');
  mkdirSync(join(box, 'deep'), { recursive: true });
  const abs = join(dir, `abs-${process.pid}.md`);
  const pack = tarPack();
  const gz = createGzip();
  const chunks: Buffer[] = [];
  gz.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((res) => gz.on('end', res));
  pack.pipe(gz);
  pack.entry({ name: '../../escape.md' }, post(5));
  pack.entry({ name: abs }, post(6));
  pack.entry({ name: 'link.md', type: 'symlink', linkname: '/etc/passwd' });
  pack.entry({ name: 'hard.md', type: 'link', linkname: '../../escape.md' });
  pack.entry({ name: 'ok.md' }, post(7));
  pack.finalize();
  await done;
  const archive = join(box, 'deep', 'hostile.tar.gz');
  writeFileSync(archive, Buffer.concat(chunks));
  const before = readdirSync(dir).sort();
  const { json } = cliJson<ImportReport>(['--db', join(dir, 't.db'), 'import', archive]);
  assert.deepEqual(readdirSync(dir).sort(), before.includes('t.db') ? before : [...before, 't.db', ...['t.db-shm', 't.db-wal'].filter((f) => existsSync(join(dir, f)))].sort());
  assert.ok(!existsSync(abs) && !existsSync(join(box, 'escape.md')) && !existsSync(join(dir, 'escape.md')));
  assert.deepEqual(readdirSync(join(box, 'deep')), ['hostile.tar.gz']);
  // the three regular members are articles (their names are provenance, never paths written to)
  assert.equal(json.articles.added, 3, JSON.stringify(json));
  // the links are entries too: each refused with its reason, none dropped uncounted
  assert.deepEqual(json.rejected.map((r) => [r.path, r.reason.replace(/ \(.*/, '')]).sort(), [
    ['hostile.tar.gz:hard.md', 'a hard link in an archive'],
    ['hostile.tar.gz:link.md', 'a symlink in an archive'],
  ]);
  assert.equal(json.files, 5, 'every member is counted: three read, two refused');
  const names = cliJson<Article[]>(['--db', join(dir, 't.db'), 'list']).json.map((a) => a.source.path).sort();
  assert.deepEqual(names, ['../../escape.md', abs, 'ok.md'].sort());
});
