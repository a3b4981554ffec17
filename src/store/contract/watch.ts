// Contract: the watcher's state — sources and their poll state, the items a feed listed,
// pages on the re-check ladder, and page versions (edits, removals, restorations), with
// the rerun of a check after a crash recorded once.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { packRaw, sha256Hex } from '../store.js';
import type { PageVersion, WatchedPage } from '../watch.js';
import { withStore, type OpenStore } from './fixtures.js';

const FEED = 'https://ferry.example/feed.xml';
const MAP = 'https://isle.example/sitemap.xml';
const PAGE = 'https://ferry.example/notice/7';

export const page = (over: Partial<WatchedPage> = {}): WatchedPage => ({
  url: PAGE, sourceId: null, articleId: 'aaaaaaaaaaaaaaa7', outlet: 'ferry-example', firstSeenAt: '2031-11-01T00:00:00.000Z', state: 'present',
  nextCheckAt: '2031-11-01T01:00:00.000Z', lastSeenAt: '2031-11-01T00:00:00.000Z', lastFetchAt: '2031-11-01T00:00:00.000Z', failures: 0, lastError: null,
  etag: '"v1"', lastModified: null, lastUnconditionalAt: null, textHash: 'h1', ...over,
});

export const version = (over: Partial<Omit<PageVersion, 'seq'>> = {}): Omit<PageVersion, 'seq'> => ({
  url: PAGE, at: '2031-11-01T00:00:00.000Z', kind: 'first', cause: null, lastSeen: null, firstMissing: '2031-11-01T00:00:00.000Z',
  title: '碼頭第7號通告', paragraphs: ['渡輪改於臨時浮台上落。'], textHash: 'h1', status: 200, finalUrl: PAGE,
  headers: { 'content-type': 'text/html; charset=utf-8' }, rawSha256: null, articleId: 'aaaaaaaaaaaaaaa7', outlet: 'ferry-example', ...over,
});

export function watchContract(open: OpenStore): void {
  describe('watch state', () => {
    test('sources: added once by URL, found by id or URL, listed with their errors and pages, removed', () => withStore(open, async ({ store }) => {
      const w = store.watch;
      const feed = await w.addSource({ url: FEED, kind: 'feed', outlet: 'ferry-example', at: '2031-11-01T00:00:00.000Z', nextPollAt: '2031-11-01T00:10:00.000Z', intervalS: 600 });
      assert.equal(feed.added, true);
      assert.deepEqual(await w.addSource({ url: FEED, kind: 'feed', outlet: null, at: '2031-11-02T00:00:00.000Z', nextPollAt: null, intervalS: 60 }), { id: feed.id, added: false });
      const map = await w.addSource({ url: MAP, kind: 'sitemap', outlet: null, at: '2031-11-01T00:05:00.000Z', nextPollAt: '2031-11-01T00:05:00.000Z', intervalS: 3600 });
      assert.notEqual(map.id, feed.id);
      const got = (await w.getSource(String(feed.id)))!;
      assert.deepEqual(got, {
        id: feed.id, url: FEED, kind: 'feed', outlet: 'ferry-example', state: 'active', addedAt: '2031-11-01T00:00:00.000Z', nextPollAt: '2031-11-01T00:10:00.000Z',
        intervalS: 600, lastAttemptAt: null, lastSuccessAt: null, lastError: null, failureRun: 0, failingSince: null, etag: null, lastModified: null,
        bodySha256: null, lastUnconditionalAt: null, etagUnreliable: false,
      });
      assert.deepEqual(await w.getSource(FEED), got);
      assert.equal(await w.getSource('https://nosuch.example/'), undefined);
      assert.deepEqual((await w.dueSources('2031-11-01T00:10:00.000Z', 10)).map((s) => s.url), [MAP, FEED]);
      assert.deepEqual((await w.dueSources('2031-11-01T00:10:00.000Z', 1)).map((s) => s.url), [MAP]);
      assert.deepEqual((await w.dueSources('2031-11-01T00:09:59.000Z', 10)).map((s) => s.url), [MAP]);
      // a failed poll, then a half failure a week later, then a success with validators
      const failed = { ...got, lastAttemptAt: '2031-11-01T00:10:00.000Z', lastError: 'HTTP 503', failureRun: 1, failingSince: '2031-11-01T00:10:00.000Z', nextPollAt: '2031-11-01T00:30:00.000Z' };
      await w.saveSourceState(failed, { at: '2031-11-01T00:10:00.000Z', weight: 1 });
      await w.saveSourceState({ ...failed, lastAttemptAt: '2031-11-08T00:10:00.000Z', failureRun: 1.5 }, { at: '2031-11-08T00:10:00.000Z', weight: 0.5 });
      assert.equal(await w.failureWeight(feed.id, '2031-11-01T00:00:00.000Z'), 1.5);
      assert.equal(await w.failureWeight(feed.id, '2031-11-02T00:00:00.000Z'), 0.5);
      assert.equal(await w.failureWeight(map.id, '2031-11-01T00:00:00.000Z'), 0);
      const ok = { ...failed, lastAttemptAt: '2031-11-08T01:00:00.000Z', lastSuccessAt: '2031-11-08T01:00:00.000Z', lastError: null, failureRun: 0, failingSince: null,
        etag: '"f1"', lastModified: 'Sat, 08 Nov 2031 01:00:00 GMT', bodySha256: 'b'.repeat(64), etagUnreliable: true, state: 'paused' as const, nextPollAt: null };
      await w.saveSourceState(ok);
      assert.deepEqual(await w.getSource(FEED), ok);
      await w.addPage(page({ sourceId: feed.id }));
      const listed = await w.listSources('2031-11-08T12:00:00.000Z');
      assert.deepEqual(listed.map((s) => [s.url, s.errors7d, s.pages]), [[FEED, 0.5, 1], [MAP, 0, 0]]);
      assert.deepEqual({ ...listed[0], errors7d: undefined, pages: undefined }, { ...ok, errors7d: undefined, pages: undefined });
      // paused or unscheduled: not due
      assert.deepEqual((await w.dueSources('2031-12-01T00:00:00.000Z', 10)).map((s) => s.url), [MAP]);
      assert.equal(await w.removeSource(FEED), true);
      assert.equal(await w.removeSource(FEED), false);
      assert.equal(await w.removeSource(String(map.id)), true);
      assert.deepEqual(await w.listSources('2031-11-08T12:00:00.000Z'), []);
      assert.equal(await w.pageCount(), 1, 'a removed source\'s pages stay');
      const again = await w.addSource({ url: FEED, kind: 'feed', outlet: null, at: '2031-11-09T00:00:00.000Z', nextPollAt: null, intervalS: 600 });
      assert.equal(again.added, true);
      assert.equal(await w.failureWeight(again.id, '2031-01-01T00:00:00.000Z'), 0);
    }));

    test('feed items: the ones listed before are known', () => withStore(open, async ({ store }) => {
      const w = store.watch;
      const { id } = await w.addSource({ url: FEED, kind: 'feed', outlet: null, at: '2031-11-01T00:00:00.000Z', nextPollAt: null, intervalS: 600 });
      const { id: other } = await w.addSource({ url: MAP, kind: 'sitemap', outlet: null, at: '2031-11-01T00:00:00.000Z', nextPollAt: null, intervalS: 600 });
      await w.addItems(id, [{ url: `${PAGE}?a`, published: '2031-11-01T00:00:00.000Z' }, { url: `${PAGE}?b`, published: null }], '2031-11-01T00:00:00.000Z');
      await w.addItems(id, [{ url: `${PAGE}?b`, published: null }], '2031-11-02T00:00:00.000Z');
      assert.deepEqual([...await w.knownItems(id, [`${PAGE}?a`, `${PAGE}?b`, `${PAGE}?c`])].sort(), [`${PAGE}?a`, `${PAGE}?b`]);
      assert.deepEqual([...await w.knownItems(other, [`${PAGE}?a`])], []);
    }));

    test('pages: added once, due in order, all rechecked, the next due time', () => withStore(open, async ({ store }) => {
      const w = store.watch;
      assert.equal(await w.nextDue(), null);
      assert.equal(await w.addPage(page()), true);
      assert.equal(await w.addPage(page({ nextCheckAt: '2031-01-01T00:00:00.000Z' })), false);
      assert.equal(await w.addPage(page({ url: `${PAGE}/b`, articleId: null, nextCheckAt: '2031-11-01T00:30:00.000Z' })), true);
      assert.equal(await w.addPage(page({ url: `${PAGE}/c`, articleId: null, nextCheckAt: null })), true);
      assert.deepEqual(await w.getPage(PAGE), page());
      assert.equal(await w.getPage(`${PAGE}/z`), undefined);
      assert.deepEqual(await w.pageOfArticle('aaaaaaaaaaaaaaa7'), page());
      assert.equal(await w.pageOfArticle('ffffffffffffffff'), undefined);
      assert.deepEqual((await w.duePages('2031-11-01T01:00:00.000Z', 10)).map((p) => p.url), [`${PAGE}/b`, PAGE]);
      assert.deepEqual((await w.duePages('2031-11-01T00:59:00.000Z', 10)).map((p) => p.url), [`${PAGE}/b`]);
      assert.deepEqual((await w.duePages('2031-11-01T01:00:00.000Z', 1)).map((p) => p.url), [`${PAGE}/b`]);
      await w.addSource({ url: FEED, kind: 'feed', outlet: null, at: '2031-11-01T00:00:00.000Z', nextPollAt: '2031-11-01T00:20:00.000Z', intervalS: 600 });
      assert.equal(await w.nextDue(), '2031-11-01T00:20:00.000Z');
      assert.equal(await w.recheckAll('2031-10-31T00:00:00.000Z'), 2);
      assert.equal(await w.nextDue(), '2031-10-31T00:00:00.000Z');
      assert.equal((await w.getPage(`${PAGE}/c`))!.nextCheckAt, null);
      assert.equal(await w.pageCount(), 3);
      assert.equal(await w.getFurniture('https://ferry.example'), undefined);
      await w.saveFurniture('https://ferry.example', '{"lines":["返回首頁"]}');
      await w.saveFurniture('https://ferry.example', '{"lines":["返回首頁","分享"]}');
      assert.equal(await w.getFurniture('https://ferry.example'), '{"lines":["返回首頁","分享"]}');
    }));

    test('page versions: first, edit, removal, restoration in order; a rerun is one version; raw bytes kept; changes newest first', () => withStore(open, async ({ store }) => {
      const w = store.watch;
      const bytes = Buffer.from('<html><body><p>渡輪改於東側浮台上落。</p></body></html>');
      const raw = { sha256: sha256Hex(bytes), blob: packRaw(bytes) };
      const first = version();
      const edit = version({ at: '2031-11-02T00:00:00.000Z', kind: 'edit', lastSeen: '2031-11-01T12:00:00.000Z', firstMissing: '2031-11-02T00:00:00.000Z', paragraphs: ['渡輪改於東側浮台上落。'], textHash: 'h2', rawSha256: raw.sha256 });
      const removed = version({ at: '2031-11-03T00:00:00.000Z', kind: 'removed', cause: 'http-404', lastSeen: '2031-11-02T12:00:00.000Z', firstMissing: '2031-11-03T00:00:00.000Z', title: '', paragraphs: [], textHash: 'gone', status: 404, headers: {} });
      const restored = version({ at: '2031-11-04T00:00:00.000Z', kind: 'restored', lastSeen: '2031-11-03T12:00:00.000Z', firstMissing: '2031-11-04T00:00:00.000Z', paragraphs: ['渡輪改於東側浮台上落。'], textHash: 'h2', outlet: 'isle-example' });
      assert.equal(await w.recordCheck(page(), first), true);
      assert.equal(await w.recordCheck(page({ textHash: 'h2', lastSeenAt: '2031-11-02T00:00:00.000Z' }), edit, raw), true);
      // the same edit seen again (a rerun after a crash): the page state is saved, no version added
      assert.equal(await w.recordCheck(page({ textHash: 'h2', lastFetchAt: '2031-11-02T00:05:00.000Z' }), { ...edit, at: '2031-11-02T00:05:00.000Z' }, raw), false);
      assert.equal((await w.getPage(PAGE))!.lastFetchAt, '2031-11-02T00:05:00.000Z');
      assert.equal(await w.recordCheck(page({ state: 'removed', textHash: 'gone' }), removed), true);
      assert.equal(await w.recordCheck(page({ textHash: 'h2' }), restored), true);
      // a check that changed nothing: state only
      assert.equal(await w.recordCheck(page({ textHash: 'h2', failures: 1, lastError: 'timeout' })), false);
      assert.deepEqual(await w.getPage(PAGE), page({ textHash: 'h2', failures: 1, lastError: 'timeout' }));
      const versions = await w.versions(PAGE);
      assert.deepEqual(versions, [first, edit, removed, restored].map((v, i) => ({ ...v, seq: i + 1 })));
      assert.deepEqual(Buffer.from((await store.getRaw(raw.sha256))!), bytes);
      assert.deepEqual(await w.versions(`${PAGE}/z`), []);
      // another page's edit, for the order and the outlet filter
      const otherUrl = 'https://isle.example/n/1';
      await w.recordCheck(page({ url: otherUrl, outlet: 'isle-example' }), version({ url: otherUrl, finalUrl: otherUrl, outlet: 'isle-example', at: '2031-11-01T00:00:00.000Z' }));
      await w.recordCheck(page({ url: otherUrl, outlet: 'isle-example', textHash: 'x2' }), version({ url: otherUrl, finalUrl: otherUrl, outlet: 'isle-example', kind: 'edit', textHash: 'x2', at: '2031-11-03T00:00:00.000Z' }));
      const seqs = (vs: PageVersion[]): string[] => vs.map((v) => `${v.url === PAGE ? 'p' : 'o'}${v.seq}`);
      // newest first; at one time, by URL
      assert.deepEqual(seqs(await w.changes({ since: '2031-11-01T00:00:00.000Z' })), ['p4', 'p3', 'o2', 'p2']);
      assert.deepEqual(seqs(await w.changes({ since: '2031-11-03T00:00:00.000Z' })), ['p4', 'p3', 'o2']);
      assert.deepEqual(seqs(await w.changes({ since: '2031-11-01T00:00:00.000Z', limit: 2 })), ['p4', 'p3']);
      assert.deepEqual(seqs(await w.changes({ since: '2031-11-01T00:00:00.000Z', outlet: 'ferry-example' })), ['p3', 'p2']);
      assert.deepEqual(seqs(await w.changes({ since: '2031-11-01T00:00:00.000Z', outlet: 'isle-example' })), ['p4', 'o2']);
      assert.equal(await w.pageCount(), 2);
    }));
  });
}
