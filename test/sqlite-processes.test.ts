// Many processes on one SQLite archive file at once: a `parallax serve` (with its
// background analysis), two `parallax import` of overlapping folders and two
// `parallax watch --once` polling the same feeds of an outlet scripted on 127.0.0.1,
// then two `parallax events` runs side by side. Real CLI processes (SQLite's WAL lets
// one write at a time; the others wait for it). Afterwards every article is stored once,
// every watched page is one page with one version, there are no errors, the server
// answers, and the events are those one process alone builds.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { ChildProcess } from 'node:child_process';
import Database from 'better-sqlite3';
import { cli, cliSpawn } from './cli.js';
import { finished, memberSets, scriptedOutlet, serving, WATCH_ENV, WATCHED_PAGES, writeNotices } from './processes.js';
import { projectRoot } from './shared.js';

const dir = mkdtempSync(join(tmpdir(), 'px-lite-procs-'));
const children: ChildProcess[] = [];
const stops: Array<() => Promise<void>> = [];
after(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  for (const s of stops) await s();
  rmSync(dir, { recursive: true, force: true });
});

test('imports, watchers, analysis runs and a server on one archive file: counts, no duplicates, no errors', async () => {
  const db = join(dir, 'shared.db');
  const { server: outlet, feeds } = await scriptedOutlet();
  stops.push(() => outlet.stop());
  cpSync(join(projectRoot, 'demo'), join(dir, 'demo'), { recursive: true });
  writeNotices(join(dir, 'a'), 0, 8);
  writeNotices(join(dir, 'b'), 8, 12);
  const added = await finished(cliSpawn(['watch', 'add', ...feeds, '--db', db], WATCH_ENV));
  assert.equal(added.status, 0, added.stderr);
  const served = await serving(db);
  children.push(served.child);

  const imports = [cliSpawn(['import', join(dir, 'demo'), join(dir, 'a'), '--db', db, '--json']),
    cliSpawn(['import', join(dir, 'a'), join(dir, 'demo'), join(dir, 'b'), '--db', db, '--json'])];
  const watchers = [cliSpawn(['watch', '--once', '--db', db, '--json'], WATCH_ENV), cliSpawn(['watch', '--once', '--db', db, '--json'], WATCH_ENV)];
  children.push(...imports, ...watchers);
  const [ran, watched] = await Promise.all([Promise.all(imports.map(finished)), Promise.all(watchers.map(finished))]);
  for (const r of [...ran, ...watched]) assert.equal(r.status, 0, r.stderr);
  const reports = ran.map((r) => JSON.parse(r.stdout) as { articles: { added: number; updated: number } });
  assert.equal(reports[0]!.articles.added + reports[1]!.articles.added, 33);
  assert.equal(reports[0]!.articles.updated + reports[1]!.articles.updated, 0);
  const rounds = watched.map((r) => JSON.parse(r.stdout) as { sourcesFailed: number; pagesFailed: number; versions: { first: number; edit: number } });
  for (const r of rounds) assert.equal(r.sourcesFailed + r.pagesFailed + r.versions.edit, 0, JSON.stringify(r));
  // one round at a time: the second watcher waits, then finds nothing due
  assert.equal(rounds[0]!.versions.first + rounds[1]!.versions.first, WATCHED_PAGES);

  const events = [cliSpawn(['events', '--db', db, '--json', '--limit', '100']), cliSpawn(['events', '--db', db, '--json', '--limit', '100'])];
  children.push(...events);
  for (const r of await Promise.all(events.map(finished))) assert.equal(r.status, 0, r.stderr);

  const all = 33 + WATCHED_PAGES;
  const look = new Database(db, { readonly: true });
  try {
    const one = (sql: string): number => Number((look.prepare(sql).get() as { n: number }).n);
    assert.equal(one('SELECT count(*) AS n FROM articles'), all);
    assert.equal(one('SELECT count(DISTINCT content_hash) AS n FROM articles'), all);
    assert.equal(one('SELECT count(*) AS n FROM sources'), 32 + WATCHED_PAGES);
    assert.equal(one('SELECT count(*) AS n FROM article_sources'), all);
    assert.equal(one('SELECT count(*) AS n FROM article_versions'), 0);
    assert.equal(one('SELECT count(*) AS n FROM watch_pages'), WATCHED_PAGES);
    assert.equal(one("SELECT count(*) AS n FROM watch_pages WHERE state = 'present' AND failures = 0 AND last_error IS NULL"), WATCHED_PAGES);
    assert.equal(one("SELECT count(*) AS n FROM page_versions WHERE kind = 'first' AND seq = 1"), WATCHED_PAGES);
    assert.equal(one('SELECT count(*) AS n FROM page_versions'), WATCHED_PAGES);
    assert.equal(one('SELECT count(*) AS n FROM watch_sources WHERE last_error IS NOT NULL OR failure_run > 0 OR last_success_at IS NULL'), 0);
    assert.equal(one('SELECT count(*) AS n FROM analysis_queue'), 0);
    assert.equal(one("SELECT df AS n FROM analysis_df WHERE word = ''"), all);
    assert.equal(one("SELECT count(*) AS n FROM (SELECT json_extract(doc, '$.members') FROM events GROUP BY 1 HAVING count(*) > 1)"), 0);
    // no lock left behind by the processes that ended (serve's analysis thread, still running, may hold one)
    const ended = new Set([...imports, ...watchers, ...events].map((c) => c.pid));
    const holders = (look.prepare("SELECT value FROM meta WHERE key LIKE 'lease:%'").all() as Array<{ value: string }>).map((l) => Number((JSON.parse(l.value) as { owner: string }).owner.split(':')[0]));
    assert.deepEqual(holders.filter((pid) => ended.has(pid)), [], `lease holders: ${holders.join(', ')}`);
  } finally {
    look.close();
  }

  // the same work done by one process at a time on another file
  const lite = join(dir, 'one.db');
  assert.equal(cli(['import', join(dir, 'demo'), join(dir, 'a'), join(dir, 'b'), '--db', lite]).status, 0);
  assert.equal((await finished(cliSpawn(['watch', 'add', ...feeds, '--db', lite], WATCH_ENV))).status, 0);
  assert.equal((await finished(cliSpawn(['watch', '--once', '--db', lite], WATCH_ENV))).status, 0);
  const want = cli(['events', '--db', lite, '--json', '--limit', '100']);
  const got = cli(['events', '--db', db, '--json', '--limit', '100']);
  assert.equal(got.status, 0, got.stderr);
  assert.ok(memberSets(want.stdout).length >= 5);
  assert.deepEqual(memberSets(got.stdout), memberSets(want.stdout));

  const stats = await (await fetch(`${served.base}/api/stats`)).json() as { articles: number };
  assert.equal(stats.articles, all);
  const found = await (await fetch(`${served.base}/api/search?q=${encodeURIComponent('码头')}`)).json() as { total: number };
  assert.equal(found.total, 24);
  const watchedFound = await (await fetch(`${served.base}/api/search?q=${encodeURIComponent('落成')}`)).json() as { total: number };
  assert.equal(watchedFound.total, WATCHED_PAGES);
  assert.equal((await fetch(`${served.base}/`)).status, 200);
  assert.doesNotMatch(served.stderr(), /failed|Error/);
});
