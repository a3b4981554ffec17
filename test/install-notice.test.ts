// `npm install` builds better-sqlite3 for minutes with no output: the project's preinstall
// script says so first (npm prints the root package's own lifecycle output) and names the
// build tools that are missing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from './shared.js';

const script = join(projectRoot, 'bin', 'install-notice.js');
const preinstall = (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.preinstall;

test('the notice names python3, make and g++ and the minutes, says which are missing, and never fails', () => {
  const dir = mkdtempSync(join(tmpdir(), 'px-notice-'));
  // a PATH with node and nothing else: every build tool is missing
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  symlinkSync(process.execPath, join(bin, 'node'));
  const bare = spawnSync(join(bin, 'node'), [script], { cwd: dir, encoding: 'utf8', env: { PATH: bin } });
  assert.equal(bare.status, 0);
  assert.match(bare.stderr, /python3, make and g\+\+/);
  assert.match(bare.stderr, /several minutes/);
  assert.match(bare.stderr, /missing here: python3, make, g\+\+/);
  // once the driver is built (a later npm install), nothing is said
  mkdirSync(join(dir, 'node_modules', 'better-sqlite3', 'build', 'Release'), { recursive: true });
  writeFileSync(join(dir, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'), '');
  const built = spawnSync(process.execPath, [script], { cwd: dir, encoding: 'utf8' });
  assert.equal(built.status, 0);
  assert.equal(built.stderr, '');
});

const npm = spawnSync('npm', ['--version'], { encoding: 'utf8' });

test('npm install prints the notice before building anything (the package.json preinstall, run by the installed npm)', { skip: npm.status === 0 ? false : 'npm is not on PATH' }, () => {
  assert.equal(preinstall, 'node bin/install-notice.js');
  // a package with the project's preinstall and no dependencies: nothing is fetched
  const dir = mkdtempSync(join(tmpdir(), 'px-npm-'));
  mkdirSync(join(dir, 'bin'));
  copyFileSync(script, join(dir, 'bin', 'install-notice.js'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'notice-check', version: '1.0.0', type: 'module', scripts: { preinstall } }));
  const r = spawnSync('npm', ['install', '--offline', '--no-audit', '--no-fund'], { cwd: dir, encoding: 'utf8', env: { ...process.env, npm_config_loglevel: 'notice' } });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout + r.stderr, /> notice-check@1\.0\.0 preinstall/);
  assert.match(r.stdout + r.stderr, /parallax: installing\. better-sqlite3 .*\n.*python3, make and g\+\+ and takes several minutes/);
});
