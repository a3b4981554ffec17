// parallax copy: an archive with articles, a changed article's versions, lineage, events,
// a watched page with its versions and raw bytes goes SQLite → PostgreSQL → SQLite, and
// every store answers the same as the first; the CLI copies the demo archive both ways.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { cli } from '../../../test/cli.js';
import { freshDatabase, needsPostgres, postgresUrl } from '../../../test/postgres.js';
import { searchArchive } from '../../search/search.js';
import { analyzeArchive } from '../../stories/analyze.js';
import { ctx, demoDir, demoItems, notice, PARSER } from '../contract/fixtures.js';
import { PostgresStore } from '../postgres/store.js';
import { SqliteStore } from '../sqlite/store.js';
import { packRaw, sha256Hex, type Store } from '../store.js';
import { copyArchive, CopyError } from './copy.js';

/** what a user can see of an archive, through the Store interface only */
async function everything(store: Store, scores = true): Promise<unknown> {
  const articles = (await store.listArticles({ limit: 1000, includeFlagged: true })).map((a) => a.id).sort();
  const perArticle = [];
  for (const id of articles) {
    const sources = await store.articleSources(id);
    perArticle.push({
      article: await store.getArticle(id), versions: await store.articleVersions(id), sources,
      raw: await Promise.all(sources.map(async (s) => sha256Hex((await store.getRaw(s.sha256)) ?? ''))),
      lineage: await store.lineageOf(id), event: await store.eventOf(id),
    });
  }
  const search = async (q: string) => (await searchArchive(store, q, { collapse: false, limit: 50 }, ctx)).hits.map((h) => (scores ? [h.id, h.score] : h.id));
  const events = await store.listEvents({ limit: 100 });
  return {
    stats: await store.stats(), outlets: await store.outlets(), perArticle, lineage: await store.allLineage(),
    events, threads: await store.listThreads({ limit: 100 }),
    comparisons: await Promise.all(events.events.map((e) => store.getComparison(e.id))),
    analysed: await store.analysedCount(), pending: await store.pendingAnalysis(),
    search: [await search('大桥'), await search('台风 outlet:news.harbour.example'), await search('灯塔')],
    watch: await store.watch.listSources('2031-11-01T00:00:00Z'), page: await store.watch.getPage('https://news.harbour.example/p/1'),
    pageVersions: await store.watch.versions('https://news.harbour.example/p/1'),
    meta: await store.getMeta('analysis-stamp'),
  };
}

describe('parallax copy', needsPostgres(), () => {
  const dir = mkdtempSync(join(tmpdir(), 'px-copy-'));
  const dbs: Array<() => Promise<void>> = [];
  after(async () => { for (const d of dbs) await d(); rmSync(dir, { recursive: true, force: true }); });
  let first: SqliteStore;

  before(async () => {
    first = new SqliteStore(join(dir, 'a.db'));
    await first.commit(demoItems(), PARSER);
    const lighthouse = { title: '灯塔今日重开', date: '2031-10-16 09:00', url: 'https://news.harbour.example/p/1', body: ['望潮岛灯塔维修完成，今日重开。'] };
    await first.commit([notice('n/lighthouse.md', lighthouse)], PARSER);
    await first.commit([notice('n/lighthouse.md', { ...lighthouse, body: ['望潮岛灯塔维修完成，今日上午重开，游客可登塔。'] })], PARSER);
    await analyzeArchive(first, ctx);
    const page = {
      url: 'https://news.harbour.example/p/1', sourceId: null, articleId: null, outlet: 'news-harbour-example', firstSeenAt: '2031-10-16T01:00:00.000Z',
      state: 'present' as const, nextCheckAt: '2031-10-17T01:00:00.000Z', lastSeenAt: '2031-10-16T01:00:00.000Z', lastFetchAt: '2031-10-16T01:00:00.000Z',
      failures: 0, lastError: null, etag: '"a\tb"', lastModified: null, lastUnconditionalAt: null, textHash: 'h1',
    };
    const bytes = Buffer.from('<html>灯塔\\N\n\t</html>');
    await first.watch.addSource({ url: 'https://news.harbour.example/feed', kind: 'feed', outlet: null, at: '2031-10-16T00:00:00.000Z', nextPollAt: null, intervalS: 900 });
    await first.watch.recordCheck(page, {
      url: page.url, at: page.firstSeenAt, kind: 'first', cause: null, lastSeen: null, firstMissing: null, title: '灯塔', paragraphs: ['一\n二', 'back\\slash'],
      textHash: 'h1', status: 200, finalUrl: page.url, headers: { 'content-type': 'text/html' }, rawSha256: sha256Hex(bytes), articleId: null, outlet: page.outlet,
    }, { sha256: sha256Hex(bytes), blob: packRaw(bytes) });
  });

  test('SQLite → PostgreSQL → SQLite keeps everything a user can see, and refuses a target that is not empty', async () => {
    const pg = await freshDatabase('copy');
    dbs.push(pg.drop);
    const middle = await PostgresStore.open(pg.url);
    const last = new SqliteStore(join(dir, 'c.db'));
    try {
      const there = await copyArchive(first, middle);
      const back = await copyArchive(middle, last);
      const rows = (r: typeof there, name: string) => r.tables.find((t) => t.name === name)!.rows;
      assert.equal(rows(there, 'articles'), 10);
      assert.equal(rows(there, 'article_versions'), 1);
      assert.equal(rows(there, 'page_versions'), 1);
      assert.ok(rows(there, 'lineage') > 0 && rows(there, 'events') > 0);
      assert.equal(there.rawChecked, rows(there, 'raw'));
      assert.deepEqual(back.tables, there.tables);
      // search order is compared, not bm25 scores: PostgreSQL computes bm25 in search.ts, and
      // an index rebuilt from the final articles has other totals than one that saw an
      // article's earlier version deleted (FTS5 keeps their lengths in its averages)
      const want = await everything(first, false);
      assert.deepEqual(await everything(middle, false), want);
      assert.deepEqual(await everything(last, false), want);
      await assert.rejects(copyArchive(first, middle), CopyError);
      await assert.rejects(copyArchive(middle, last), /already holds an archive/);
    } finally {
      await middle.close();
      await last.close();
    }
  });

  test('the CLI copies the demo archive to PostgreSQL and back', async () => {
    const pg = await freshDatabase('copycli');
    dbs.push(pg.drop);
    const a = join(dir, 'demo-a.db');
    const b = join(dir, 'demo-b.db');
    assert.equal(cli(['import', demoDir, '--db', a]).status, 0);
    assert.equal(cli(['events', '--db', a]).status, 0);
    const there = cli(['copy', '--from', a, '--to', pg.url]);
    assert.equal(there.status, 0, there.stderr);
    assert.match(there.stdout, /9 articles, 8 sources, 8 raw files \(8 re-hashed\).*verified/);
    const back = cli(['copy', '--from', pg.url, '--to', b]);
    assert.equal(back.status, 0, back.stderr);
    for (const args of [['events'], ['search', '大桥'], ['stats', '--json']]) {
      const strip = (s: string) => s.replace(/\(\d+(\.\d+)? ms\)/, '');
      assert.equal(strip(cli([...args, '--db', b]).stdout), strip(cli([...args, '--db', a]).stdout), args.join(' '));
    }
    const again = cli(['copy', '--from', a, '--to', pg.url]);
    assert.equal(again.status, 1);
    assert.match(again.stderr, /already holds an archive/);
    assert.equal(cli(['copy', '--from', join(dir, 'nosuch.db'), '--to', b]).status, 2);
  });
});

if (!postgresUrl()) test('parallax copy', { skip: 'needs a PostgreSQL server' }, () => {});
