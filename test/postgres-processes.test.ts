// Many processes on one PostgreSQL archive at once: two `parallax serve` (each with its
// background analysis), two `parallax import` of overlapping folders and two
// `parallax watch --once` polling the same feeds of an outlet scripted on 127.0.0.1,
// then two `parallax events` runs side by side. Real CLI processes. Afterwards every
// article is stored once, every file is one source, every watched page one page with one
// version, there are no errors, both servers answer the same, and the events are exactly
// those one process alone builds on SQLite (two analysis runs never built the same event
// twice).
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { ChildProcess } from 'node:child_process';
import pg from 'pg';
import { noticeBytes } from '../src/store/contract/fixtures.js';
import { cli, cliJson, cliSpawn } from './cli.js';
import { freshDatabase, needsPostgres } from './postgres.js';
import { finished, memberSets, scriptedOutlet, serving, WATCH_ENV, WATCHED_PAGES, writeNotices } from './processes.js';
import { projectRoot } from './shared.js';

describe('many processes on one PostgreSQL database', needsPostgres(), () => {
  const dir = mkdtempSync(join(tmpdir(), 'px-pg-procs-'));
  const children: ChildProcess[] = [];
  const drops: Array<() => Promise<void>> = [];
  after(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    for (const d of drops) await d();
    rmSync(dir, { recursive: true, force: true });
  });

  test('counts, no duplicates, no errors, both servers answer, the events one process builds', async () => {
    const { url, drop } = await freshDatabase('procs');
    drops.push(drop);
    const { server: outlet, feeds } = await scriptedOutlet();
    drops.push(() => outlet.stop());
    cpSync(join(projectRoot, 'demo'), join(dir, 'demo'), { recursive: true });
    writeNotices(join(dir, 'a'), 0, 8);
    writeNotices(join(dir, 'b'), 8, 12);
    // the outlet's two feeds are watched (each fetched once to learn what it is)
    const added = await finished(cliSpawn(['watch', 'add', ...feeds, '--db', url], WATCH_ENV));
    assert.equal(added.status, 0, added.stderr);
    // the servers first: an empty archive, then their analysis threads poll while the imports and watchers write
    const servers = await Promise.all([serving(url), serving(url)]);
    children.push(...servers.map((s) => s.child));
    // both importers read demo/ and a/ (the same files, racing for the same articles); one also b/;
    // both watchers poll the same two feeds, which list the same pages
    const imports = [cliSpawn(['import', join(dir, 'demo'), join(dir, 'a'), '--db', url, '--json']),
      cliSpawn(['import', join(dir, 'a'), join(dir, 'demo'), join(dir, 'b'), '--db', url, '--json'])];
    const watchers = [cliSpawn(['watch', '--once', '--db', url, '--json'], WATCH_ENV), cliSpawn(['watch', '--once', '--db', url, '--json'], WATCH_ENV)];
    children.push(...imports, ...watchers);
    const [ran, watched] = await Promise.all([Promise.all(imports.map(finished)), Promise.all(watchers.map(finished))]);
    for (const r of [...ran, ...watched]) assert.equal(r.status, 0, r.stderr);
    const reports = ran.map((r) => JSON.parse(r.stdout) as { articles: { added: number; updated: number; unchanged: number }; rejected: unknown[] });
    // 9 demo articles and 24 notices: each added by exactly one of the two
    assert.equal(reports[0]!.articles.added + reports[1]!.articles.added, 33);
    assert.equal(reports[0]!.articles.updated + reports[1]!.articles.updated, 0);
    const rounds = watched.map((r) => JSON.parse(r.stdout) as { sourcesFailed: number; pagesFailed: number; versions: { first: number; edit: number } });
    for (const r of rounds) assert.equal(r.sourcesFailed + r.pagesFailed + r.versions.edit, 0, JSON.stringify(r));
    // each page's first version is found by exactly one of the two watchers
    assert.equal(rounds[0]!.versions.first + rounds[1]!.versions.first, WATCHED_PAGES);
    // two analysis runs from the command line while the servers' threads run too
    const events = [cliSpawn(['events', '--db', url, '--json', '--limit', '100']), cliSpawn(['events', '--db', url, '--json', '--limit', '100'])];
    children.push(...events);
    const evs = await Promise.all(events.map(finished));
    for (const r of evs) assert.equal(r.status, 0, r.stderr);

    const all = 33 + WATCHED_PAGES;
    const db = new pg.Client(url);
    await db.connect();
    try {
      const one = async (sql: string): Promise<number> => Number((await db.query<{ n: string }>(sql)).rows[0]!.n);
      assert.equal(await one('SELECT count(*) AS n FROM articles'), all);
      assert.equal(await one('SELECT count(DISTINCT content_hash) AS n FROM articles'), all);
      // 8 demo files + 24 notices (the demo README is skipped) + the watched pages
      assert.equal(await one('SELECT count(*) AS n FROM sources'), 32 + WATCHED_PAGES);
      assert.equal(await one('SELECT count(*) AS n FROM article_sources'), all);
      assert.equal(await one('SELECT count(*) AS n FROM article_versions'), 0);
      assert.equal(await one('SELECT count(*) AS n FROM watch_sources'), 2);
      assert.equal(await one('SELECT count(*) AS n FROM watch_pages'), WATCHED_PAGES);
      assert.equal(await one("SELECT count(*) AS n FROM watch_pages WHERE state = 'present' AND failures = 0 AND last_error IS NULL"), WATCHED_PAGES);
      assert.equal(await one("SELECT count(*) AS n FROM page_versions WHERE kind = 'first' AND seq = 1"), WATCHED_PAGES);
      assert.equal(await one('SELECT count(*) AS n FROM page_versions'), WATCHED_PAGES);
      assert.equal(await one('SELECT count(*) AS n FROM watch_sources WHERE last_error IS NOT NULL OR failure_run > 0 OR last_success_at IS NULL'), 0);
      assert.equal(await one('SELECT count(*) AS n FROM analysis_queue'), 0);
      assert.equal(await one("SELECT df AS n FROM analysis_df WHERE word = ''"), all);
      // no article in two events, no event twice
      assert.equal(await one('SELECT count(*) AS n FROM (SELECT doc->\'members\' FROM events GROUP BY 1 HAVING count(*) > 1) d'), 0);
    } finally {
      await db.end();
    }

    // the same files imported, the same feeds watched and analysed by one process on SQLite
    const lite = join(dir, 'one.db');
    assert.equal(cli(['import', join(dir, 'demo'), join(dir, 'a'), join(dir, 'b'), '--db', lite]).status, 0);
    assert.equal((await finished(cliSpawn(['watch', 'add', ...feeds, '--db', lite], WATCH_ENV))).status, 0);
    const alone = await finished(cliSpawn(['watch', '--once', '--db', lite], WATCH_ENV));
    assert.equal(alone.status, 0, alone.stderr);
    const want = cli(['events', '--db', lite, '--json', '--limit', '100']);
    const got = cli(['events', '--db', url, '--json', '--limit', '100']);
    assert.equal(got.status, 0, got.stderr);
    assert.ok(memberSets(want.stdout).length >= 5);
    assert.deepEqual(memberSets(got.stdout), memberSets(want.stdout));

    for (const s of servers) {
      const stats = await (await fetch(`${s.base}/api/stats`)).json() as { articles: number };
      assert.equal(stats.articles, all);
      const found = await fetch(`${s.base}/api/search?q=${encodeURIComponent('码头')}`);
      assert.equal(found.status, 200, await found.clone().text());
      assert.equal(((await found.json()) as { total: number }).total, 24);
      const watchedFound = await (await fetch(`${s.base}/api/search?q=${encodeURIComponent('落成')}`)).json() as { total: number };
      assert.equal(watchedFound.total, WATCHED_PAGES);
      const sources = await (await fetch(`${s.base}/api/watch`)).json() as Array<{ pages?: number }>;
      // a page is found through one of the two feeds that list it
      assert.equal(sources.length, 2);
      assert.equal(sources[0]!.pages! + sources[1]!.pages!, WATCHED_PAGES);
      assert.equal((await fetch(`${s.base}/`)).status, 200);
      assert.doesNotMatch(s.stderr(), /failed|Error/);
    }
  });

  test('kill -9 in the middle of an import leaves a consistent archive that a rerun completes', async () => {
    const { url, drop } = await freshDatabase('kill');
    drops.push(drop);
    const src = join(dir, 'many');
    mkdirSync(src);
    const N = 2000;
    for (let i = 0; i < N; i++) {
      writeFileSync(join(src, `p${i}.md`), noticeBytes({ title: `第${i}号通告`, date: '2031-11-01 10:00', url: `https://news.harbour.example/k/${i}`, body: [`第${i}号通告的正文。`.repeat(100)] }));
    }
    const child = cliSpawn(['import', src, '--db', url]);
    children.push(child);
    const exited = finished(child);
    const count = async (sql: string): Promise<number> => {
      const c = new pg.Client(url);
      await c.connect();
      try { return Number((await c.query<{ n: string }>(sql)).rows[0]!.n); } finally { await c.end(); }
    };
    // wait until some batches are committed, then kill without warning
    const deadline = Date.now() + 120_000;
    for (;;) {
      await new Promise((r) => setTimeout(r, 200));
      const n = await count('SELECT count(*) AS n FROM articles').catch(() => 0);
      if (n >= 200 || child.exitCode !== null || Date.now() > deadline) break;
    }
    child.kill('SIGKILL');
    const ran = await exited;
    assert.equal(ran.signal, 'SIGKILL', `the import ended by itself: ${ran.stderr}`);
    const partial = await count('SELECT count(*) AS n FROM articles');
    assert.ok(partial > 0 && partial < N, `killed after ${partial} articles`);
    // every article has its source and its raw bytes, every source its raw bytes
    assert.equal(await count(`SELECT count(*) AS n FROM articles a WHERE NOT EXISTS (SELECT 1 FROM article_sources s WHERE s.article_id = a.id)
      OR NOT EXISTS (SELECT 1 FROM sources s JOIN raw r ON r.sha256 = s.sha256 WHERE s.key = a.source_key)`), 0);
    assert.equal(await count('SELECT count(*) AS n FROM sources'), partial);
    const rerun = cliJson<{ articles: { added: number; unchanged: number } }>(['import', src, '--db', url]).json;
    assert.equal(rerun.articles.added + rerun.articles.unchanged, N);
    assert.equal(rerun.articles.unchanged, partial);
    assert.equal(await count('SELECT count(*) AS n FROM articles'), N);
    assert.equal(await count('SELECT count(*) AS n FROM analysis_queue'), N);
  });
});
