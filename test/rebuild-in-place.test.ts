// Rebuilds in place, with real processes on a real SQLite file: a reader in another
// process finds every article all through `parallax reindex`; a reindex killed with -9
// half-way leaves every article readable and a rerun ends with the clean archive; an
// import beside a reindex waits its turn and both finish. A regrouping keeps every event
// of before readable until its end. Fictional files written here, and the demo archive.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import type { ImportReport } from '../src/import/pipeline.js';
import { importSources } from '../src/import/pipeline.js';
import { analyzeArchive } from '../src/stories/analyze.js';
import { SqliteStore } from '../src/store/sqlite/store.js';
import { AliasTable } from '../src/text/aliases.js';
import { Segmenter } from '../src/text/segment.js';
import { cliJson, cliSpawn } from './cli.js';
import { projectRoot } from './shared.js';

const dir = mkdtempSync(join(tmpdir(), 'px-rebuild-'));

function notices(folder: string, from: number, n: number): string {
  const out = join(dir, folder);
  mkdirSync(out);
  for (let i = from; i < from + n; i++) {
    writeFileSync(join(out, `p${i}.md`), `---\ntitle: "晴川第${i}号通告"\ndate: 2031-10-${String((i % 28) + 1).padStart(2, '0')}\nauthor: 晴川日报\nurl: https://qingchuan-daily.example/a/${i}\n---\n\n${`晴川市政府今天发布第${i}号通告，内容涉及道路、供水和公共交通的安排。`.repeat(20)}\n`);
  }
  return out;
}

const FILES = 3000;
const src = notices('in', 0, FILES);
const more = notices('more', FILES, 300);

/** articles, their content, and the index's row count: what a rebuild must give back */
function snapshot(db: string): Record<string, unknown> {
  const d = new Database(db, { readonly: true });
  try {
    assert.equal((d.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check, 'ok');
    return {
      articles: d.prepare('SELECT id, content_hash, source_key, title, flagged, version FROM articles ORDER BY id').all(),
      links: d.prepare('SELECT article_id, source_key FROM article_sources ORDER BY article_id, source_key').all(),
      indexed: (d.prepare('SELECT count(*) AS n FROM search').get() as { n: number }).n,
      facets: (d.prepare('SELECT count(*) AS n FROM facets').get() as { n: number }).n,
    };
  } finally { d.close(); }
}

/** what a reader in another process finds while `child` runs: the fewest articles, and how often it looked */
async function watchCount(db: string, child: ReturnType<typeof cliSpawn>, stopAfterMs?: number): Promise<{ fewest: number; looks: number; killed: boolean }> {
  const reader = new Database(db, { readonly: true });
  let ended = false;
  const exited = new Promise<void>((res) => child.once('exit', () => { ended = true; res(); }));
  const started = Date.now();
  let fewest = Infinity, looks = 0, killed = false;
  try {
    const count = reader.prepare('SELECT count(*) AS n FROM articles').pluck();
    const one = reader.prepare('SELECT count(*) FROM articles WHERE id IN (SELECT id FROM articles ORDER BY id DESC LIMIT 50)').pluck();
    while (!ended) {
      fewest = Math.min(fewest, count.get() as number);
      assert.equal(one.get(), 50);
      looks++;
      if (stopAfterMs !== undefined && Date.now() - started > stopAfterMs) { child.kill('SIGKILL'); killed = true; break; }
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally { reader.close(); }
  await exited;
  return { fewest, looks, killed };
}

test('reindex in place: a reader in another process sees every article; kill -9 half-way loses none; a rerun gives the clean archive', async (t) => {
  const db = join(dir, 'a.db');
  const report = cliJson<ImportReport>(['--db', db, 'import', src, '--nice', '0']).json;
  assert.equal(report.articles.added, FILES);
  const clean = snapshot(db);

  const started = Date.now();
  const full = cliSpawn(['--db', db, 'reindex', '--nice', '0', '--json']);
  let out = '';
  full.stdout!.on('data', (b: Buffer) => { out += b; });
  const during = await watchCount(db, full);
  const seconds = (Date.now() - started) / 1000;
  assert.ok(during.looks >= 5, `the reader looked ${during.looks} times`);
  assert.equal(during.fewest, FILES, 'every article readable all through the reindex');
  assert.equal(full.exitCode, 0);
  assert.deepEqual(JSON.parse(out).swept, 0);
  assert.deepEqual(snapshot(db), clean, 'a reindex gives back the same archive');

  // killed half-way (by time: the rebuild keeps the count), then run again
  const killed = await watchCount(db, cliSpawn(['--db', db, 'reindex', '--nice', '0']), seconds * 500);
  assert.ok(killed.killed, 'the reindex ended before it was killed');
  assert.equal(killed.fewest, FILES);
  const after = new Database(db, { readonly: true });
  assert.equal(after.prepare('SELECT count(*) FROM articles').pluck().get(), FILES, 'every article there after the kill');
  after.close();
  assert.equal(cliJson<{ articles: number }>(['--db', db, 'reindex', '--nice', '0']).json.articles, FILES);
  assert.deepEqual(snapshot(db), clean, 'the rerun gives the clean archive');
  t.diagnostic(`reindex of ${FILES} files: ${seconds.toFixed(1)} s, ${during.looks} looks by the reader, never fewer than ${during.fewest} articles`);
});

test('an import beside a reindex waits its turn: both finish, nothing lost', async () => {
  const db = join(dir, 'b.db');
  cliJson(['--db', db, 'import', src, '--nice', '0']);
  const reindex = cliSpawn(['--db', db, 'reindex', '--nice', '0', '--json']);
  const importing = cliSpawn(['--db', db, 'import', more, '--nice', '0', '--json']);
  const outputs = await Promise.all([reindex, importing].map((child) => new Promise<{ code: number | null; out: string; err: string }>((res) => {
    let out = '', err = '';
    child.stdout!.on('data', (b: Buffer) => { out += b; });
    child.stderr!.on('data', (b: Buffer) => { err += b; });
    child.once('exit', (code) => res({ code, out, err }));
  })));
  for (const o of outputs) assert.equal(o.code, 0, o.err);
  assert.equal((JSON.parse(outputs[1]!.out) as ImportReport).articles.added, 300);
  const d = new Database(db, { readonly: true });
  try {
    // the imported articles are not swept by the reindex that did not read their files
    assert.equal(d.prepare('SELECT count(*) FROM articles').pluck().get(), FILES + 300);
  } finally { d.close(); }
});

test('a regrouping keeps every event of before readable until its end, then only what its articles are placed in', async () => {
  const demo = join(projectRoot, 'demo');
  const store = new SqliteStore(join(dir, 'events.db'));
  try {
    await importSources(store, readdirSync(demo).filter((f) => f !== 'README.md').map((f) => join(demo, f)));
    const ctx = { segmenter: new Segmenter(), aliases: new AliasTable() };
    await analyzeArchive(store, ctx);
    const before = (await store.listEvents({ limit: 1000 })).events.map((e) => e.id);
    assert.ok(before.length >= 3, `${before.length} events`);
    // between the batches of the regrouping (progress is called there): every old event still there
    const looks: Array<Promise<number>> = [];
    const run = await analyzeArchive(store, ctx, {
      regroup: true, batch: 3,
      progress: (step) => { if (step === 'articles') looks.push(Promise.all(before.map((id) => store.getEvent(id))).then((es) => es.filter(Boolean).length)); },
    });
    assert.equal(run.mode, 'full');
    assert.ok(looks.length >= 3, `${looks.length} looks`);
    assert.deepEqual(await Promise.all(looks), looks.map(() => before.length));
    // after the sweep: every event has its members placed in it, every placed article in one event
    const events = (await store.listEvents({ limit: 1000 })).events;
    const placements = await store.eventPlacements();
    for (const e of events) assert.ok(e.members.every((m) => placements.get(m.article) === e.id), `event ${e.id}`);
    assert.equal(await store.sweepEvents(), 0);
  } finally {
    await store.close();
  }
});
