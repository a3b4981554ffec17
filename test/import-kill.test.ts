// kill -9 at three points of an import, each time run again, and a last run to the end:
// the archive is the one a clean import makes — the same articles with the same content
// hashes, sources, links and raw bytes, and SQLite's and the search index's integrity
// checks pass. The input has files and a feed read in parts (readers/feed-parts.ts).
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import type { ImportReport } from '../src/import/pipeline.js';
import { cliJson, cliSpawn } from './cli.js';
import { projectRoot } from './shared.js';

const dir = mkdtempSync(join(tmpdir(), 'px-kill3-'));
const src = join(dir, 'in');
mkdirSync(src);
const FILES = 1500;
for (let i = 0; i < FILES; i++) {
  writeFileSync(join(src, `p${i}.md`), `---\ntitle: "晴川第${i}号通告"\ndate: 2031-10-${String((i % 28) + 1).padStart(2, '0')}\nauthor: 晴川日报\nurl: https://qingchuan-daily.example/a/${i}\n---\n\n${`晴川市政府今天发布第${i}号通告，内容涉及道路、供水和公共交通的安排。`.repeat(20)}\n`);
}
const ITEMS = 2600;
writeFileSync(join(src, 'zz-feed.rss'), ['<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>望潮晚报</title><link>https://wangchao-evening.example/</link>\n',
  ...Array.from({ length: ITEMS }, (_, i) => `<item><title>望潮第${i}条快讯</title><link>https://wangchao-evening.example/k/${i}</link><pubDate>Tue, 14 Oct 2031 08:00:00 GMT</pubDate><description>望潮岛今天的第${i}条快讯，渡轮和码头的安排有所调整。</description></item>\n`),
  '</channel></rss>\n'].join(''));
cpSync(join(projectRoot, 'src', 'readers', 'testdata'), join(src, 'fixtures'), { recursive: true });

const count = (db: string): number => {
  try {
    const d = new Database(db, { readonly: true, fileMustExist: true });
    try { return (d.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n; } finally { d.close(); }
  } catch { return 0; }
};

/** start an import and kill -9 it once the archive holds `at` articles (or it ends by itself) */
async function importKilledAt(db: string, at: number): Promise<{ killedAt: number; ended: boolean }> {
  const child = cliSpawn(['--db', db, 'import', src, '--nice', '0']);
  let ended = false;
  const exited = new Promise<void>((res) => child.once('exit', () => { ended = true; res(); }));
  while (!ended && count(db) < at) await new Promise((r) => setTimeout(r, 25));
  const byItself = ended;
  if (!byItself) child.kill('SIGKILL');
  await exited;
  return { killedAt: count(db), ended: byItself };
}

/** what must be the same: articles and their content, sources, links, raw bytes (paths are the same input) */
function snapshot(db: string): Record<string, unknown[]> {
  const d = new Database(db, { readonly: true });
  try {
    assert.equal((d.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check, 'ok');
    return {
      articles: d.prepare('SELECT id, content_hash, source_key, title, flagged FROM articles ORDER BY id').all(),
      sources: d.prepare('SELECT key, sha256, status, reason, format, encoding, parser FROM sources ORDER BY key').all(),
      links: d.prepare('SELECT article_id, source_key FROM article_sources ORDER BY article_id, source_key').all(),
      raw: d.prepare('SELECT sha256, size FROM raw ORDER BY sha256').all(),
      indexed: d.prepare('SELECT count(*) AS n FROM search').all(),
    };
  } finally { d.close(); }
}

test('kill -9 at three points, then a full run: the same archive as a clean import', async () => {
  const clean = join(dir, 'clean.db');
  const report = cliJson<ImportReport>(['--db', clean, 'import', src, '--nice', '0']).json;
  const total = FILES + ITEMS + 10;
  assert.equal(report.articles.added, total);

  const db = join(dir, 'killed.db');
  const points: number[] = [];
  // batches commit at about 500, 1,000, 1,500 articles (files), then every 1,000 (the feed's
  // parts): the third kill lands between two parts of the feed
  for (const at of [300, 1200, 3000]) {
    const r = await importKilledAt(db, at);
    assert.ok(!r.ended, `the import ended before it held ${at} articles: nothing was killed`);
    points.push(r.killedAt);
  }
  assert.ok(points[0]! < points[1]! && points[1]! < points[2]! && points[2]! < total, `killed at ${points.join(', ')} of ${total}`);
  const last = cliJson<ImportReport>(['--db', db, 'import', src, '--nice', '0']).json;
  assert.deepEqual(last.rejected, []);
  assert.equal(last.articles.added + last.articles.unchanged, total, JSON.stringify(last.articles));
  assert.equal(last.duplicates, 0);

  const [a, b] = [snapshot(clean), snapshot(db)];
  for (const k of Object.keys(a)) assert.deepEqual(b[k], a[k], k);
  // the full-text index agrees with its content (FTS5's own check)
  const d = new Database(db);
  d.exec("INSERT INTO search(search) VALUES('integrity-check')");
  d.close();
});
