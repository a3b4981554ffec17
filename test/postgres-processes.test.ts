// Many processes on one PostgreSQL archive at once: two `parallax serve` (each with its
// background analysis) and two `parallax import` of overlapping folders, then two
// `parallax events` runs side by side. Real CLI processes. Afterwards every article is
// stored once, every file is one source, there are no errors, both servers answer the
// same, and the events are exactly those one process alone builds on SQLite (two
// analysis runs never built the same event twice).
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
import { projectRoot } from './shared.js';

interface Ran { status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

function finished(child: ChildProcess): Promise<Ran> {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => { stdout += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
  return new Promise((resolve) => child.on('exit', (status, signal) => resolve({ status, signal, stdout, stderr })));
}

/** a server started on a free port; resolves with its base URL once it listens */
function serving(db: string): Promise<{ base: string; child: ChildProcess; stderr: () => string }> {
  const child = cliSpawn(['serve', '--db', db, '--port', '0', '--processes', '1'], { PARALLAX_HOST: '127.0.0.1' });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /at (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m) resolve({ base: m[1]!, child, stderr: () => stderr });
    });
    child.on('exit', (code) => reject(new Error(`serve exited (${code}): ${stderr}`)));
  });
}

/** two outlets telling each of 12 happenings, on different days */
function writeNotices(dir: string, from: number, to: number): void {
  mkdirSync(dir, { recursive: true });
  const places = ['望潮岛', '晴川', '南洋', '海港', '东方', '北岸', '西湾', '松林', '石桥', '白沙', '青山', '金湾'];
  for (let i = from; i < to; i++) {
    const place = places[i]!;
    const day = String(1 + i).padStart(2, '0');
    for (const [host, n] of [['news.harbour.example', 0], ['www.nanyang.example', 1]] as const) {
      writeFileSync(join(dir, `${i}-${n}.md`), noticeBytes({
        title: `${place}码头第${i + 1}号新泊位启用${n ? '，首批货船靠岸' : ''}`,
        date: `2031-11-${day} ${10 + n}:00`, url: `https://${host}/n/${i}-${n}`,
        body: [`${place}码头第${i + 1}号新泊位今日启用，港务局表示新泊位可停靠大型货船。`, `港务局预计${place}码头的货运量明年增加三成。${n ? '首批货船今早靠岸。' : ''}`],
      }));
    }
  }
}

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
    cpSync(join(projectRoot, 'demo'), join(dir, 'demo'), { recursive: true });
    writeNotices(join(dir, 'a'), 0, 8);
    writeNotices(join(dir, 'b'), 8, 12);
    // the servers first: an empty archive, then their analysis threads poll while the imports write
    const servers = await Promise.all([serving(url), serving(url)]);
    children.push(...servers.map((s) => s.child));
    // both importers read demo/ and a/ (the same files, racing for the same articles); one also b/
    const imports = [cliSpawn(['import', join(dir, 'demo'), join(dir, 'a'), '--db', url, '--json']),
      cliSpawn(['import', join(dir, 'a'), join(dir, 'demo'), join(dir, 'b'), '--db', url, '--json'])];
    children.push(...imports);
    const ran = await Promise.all(imports.map(finished));
    for (const r of ran) assert.equal(r.status, 0, r.stderr);
    const reports = ran.map((r) => JSON.parse(r.stdout) as { articles: { added: number; updated: number; unchanged: number }; rejected: unknown[] });
    // 9 demo articles and 24 notices: each added by exactly one of the two
    assert.equal(reports[0]!.articles.added + reports[1]!.articles.added, 33);
    assert.equal(reports[0]!.articles.updated + reports[1]!.articles.updated, 0);
    // two analysis runs from the command line while the servers' threads run too
    const events = [cliSpawn(['events', '--db', url, '--json', '--limit', '100']), cliSpawn(['events', '--db', url, '--json', '--limit', '100'])];
    children.push(...events);
    const evs = await Promise.all(events.map(finished));
    for (const r of evs) assert.equal(r.status, 0, r.stderr);

    const db = new pg.Client(url);
    await db.connect();
    try {
      const one = async (sql: string): Promise<number> => Number((await db.query<{ n: string }>(sql)).rows[0]!.n);
      assert.equal(await one('SELECT count(*) AS n FROM articles'), 33);
      assert.equal(await one('SELECT count(DISTINCT content_hash) AS n FROM articles'), 33);
      assert.equal(await one('SELECT count(*) AS n FROM sources'), 32); // 8 demo files + 24 notices (the demo README is skipped)
      assert.equal(await one('SELECT count(*) AS n FROM article_sources'), 33);
      assert.equal(await one('SELECT count(*) AS n FROM article_versions'), 0);
      assert.equal(await one('SELECT count(*) AS n FROM analysis_queue'), 0);
      assert.equal(await one("SELECT df AS n FROM analysis_df WHERE word = ''"), 33);
      // no article in two events, no event twice
      assert.equal(await one('SELECT count(*) AS n FROM (SELECT doc->\'members\' FROM events GROUP BY 1 HAVING count(*) > 1) d'), 0);
    } finally {
      await db.end();
    }

    // the same files imported and analysed by one process on SQLite
    const lite = join(dir, 'one.db');
    assert.equal(cli(['import', join(dir, 'demo'), join(dir, 'a'), join(dir, 'b'), '--db', lite]).status, 0);
    const want = cli(['events', '--db', lite, '--json', '--limit', '100']);
    const memberSets = (out: string): string[] => ((JSON.parse(out) as { events: Array<{ members: Array<{ article: string }> }> }).events)
      .map((e) => e.members.map((m) => m.article).sort().join(',')).sort();
    const got = cli(['events', '--db', url, '--json', '--limit', '100']);
    assert.equal(got.status, 0, got.stderr);
    assert.ok(memberSets(want.stdout).length >= 5);
    assert.deepEqual(memberSets(got.stdout), memberSets(want.stdout));

    for (const s of servers) {
      const stats = await (await fetch(`${s.base}/api/stats`)).json() as { articles: number };
      assert.equal(stats.articles, 33);
      const found = await fetch(`${s.base}/api/search?q=${encodeURIComponent('码头')}`);
      assert.equal(found.status, 200, await found.clone().text());
      assert.equal(((await found.json()) as { total: number }).total, 24);
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
