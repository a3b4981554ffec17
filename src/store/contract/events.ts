// Contract: what the analysis keeps — lineage edges, events and threads with their
// filters and order, stored comparisons, the analysis queue, and one analysis run's
// writes with their reset modes. The records are small, invented and exact.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { LineageEdge } from '../../dedup/lineage.js';
import type { AnalysedArticle, EventRecord, LineageCandidates, Store, StoredText, ThreadRecord } from '../store.js';
import { demoItems, PARSER, withStore, type OpenStore } from './fixtures.js';

const A = {
  wire: '4d332cf58f30f605', daily: '3f65ab01c1dd220a', harbour: 'eb5ed0ec32e94476', nanyang: '6e7b5ad7d09fb759',
  harbourPrices: 'ba22969aef835a58', harbourTyphoon: '86b220ec533a1aa9', dailyTyphoon: '71730f95f2f33357', nanyangTyphoon: 'e9975bc1583277ec',
  wireText: '39f0f336fbd6b500',
};
const O = { wire: 'wire-dongfang-example', daily: 'qingchuan-daily-example', harbour: 'news-harbour-example', nanyang: 'nanyang-morning-example' };
// ids of the shapes the analysis makes (article.ts: EVENT_ID, THREAD_ID)
const E1 = `e${'0'.repeat(14)}b1`, E2 = `e${'0'.repeat(14)}b2`, E3 = `e${'0'.repeat(14)}c3`, E4 = `e${'0'.repeat(14)}a4`;
const T1 = `t${'0'.repeat(14)}b0`, T2 = `t${'0'.repeat(14)}c0`;

const member = (article: string, outlet: string, published: string | null, role: EventRecord['members'][number]['role'] = 'report') =>
  ({ article, outlet, role, similarity: 0.5, published, why: ['大桥'] });

export const bridge: EventRecord = {
  id: E1, thread: T1, label: { hans: '晴川跨海大桥通车', hant: '晴川跨海大橋通車' }, keywords: ['大桥', '通车'],
  first: '2031-10-14T02:00:00.000Z', last: '2031-10-14T09:15:00.000Z', outlets: [O.wire, O.daily, O.harbour, O.nanyang],
  members: [member(A.wire, O.wire, '2031-10-14T02:00:00.000Z'), member(A.wireText, O.wire, null, 'reprint'), member(A.daily, O.daily, '2031-10-14T03:10:00.000Z'),
    member(A.harbour, O.harbour, '2031-10-14T03:20:00.000Z'), member(A.nanyang, O.nanyang, '2031-10-14T09:15:00.000Z', 'commentary')],
};
const prices: EventRecord = {
  id: E2, thread: T1, label: { hans: '望潮岛楼价上升', hant: '望潮島樓價上升' }, keywords: ['楼价'],
  first: '2031-10-15T10:00:00.000Z', last: '2031-10-15T10:00:00.000Z', outlets: [O.harbour], members: [member(A.harbourPrices, O.harbour, '2031-10-15T10:00:00.000Z')],
};
const typhoon: EventRecord = {
  id: E3, thread: T2, label: { hans: '台风海棠', hant: '颱風海棠' }, keywords: ['台风', '海棠'],
  first: '2031-10-20T01:00:00.000Z', last: '2031-10-20T04:00:00.000Z', outlets: [O.harbour, O.daily, O.nanyang],
  members: [member(A.harbourTyphoon, O.harbour, '2031-10-20T01:00:00.000Z'), member(A.dailyTyphoon, O.daily, '2031-10-20T01:30:00.000Z', 'update'),
    member(A.nanyangTyphoon, O.nanyang, '2031-10-20T04:00:00.000Z')],
};
/** one outlet like `prices` but two articles (not in the archive: the store keeps members as given), and earlier */
const notices: EventRecord = {
  id: E4, thread: T1, label: { hans: '大桥通车前的通告', hant: '大橋通車前的通告' }, keywords: ['通告'],
  first: '2031-10-13T01:00:00.000Z', last: '2031-10-13T02:00:00.000Z', outlets: ['ferry-example'],
  members: [member('a000000000000001', 'ferry-example', '2031-10-13T01:00:00.000Z'), member('a000000000000002', 'ferry-example', '2031-10-13T02:00:00.000Z', 'preview')],
};
const bridgeThread: ThreadRecord = {
  id: T1, label: bridge.label, keywords: ['大桥'], first: bridge.first, last: prices.last, events: [E1, E2], outlets: bridge.outlets, articles: 6,
};
const typhoonThread: ThreadRecord = {
  id: T2, label: typhoon.label, keywords: ['台风'], first: typhoon.first, last: typhoon.last, events: [E3], outlets: typhoon.outlets, articles: 3,
};

const sortEdges = (es: LineageEdge[]): LineageEdge[] => [...es].sort((a, b) => (a.from + a.to < b.from + b.to ? -1 : 1));
const eventIds = async (store: Store, f: Parameters<Store['listEvents']>[0]): Promise<[number, string[]]> => {
  const r = await store.listEvents(f);
  return [r.total, r.events.map((e) => e.id)];
};
const threadIds = async (store: Store, f: Parameters<Store['listThreads']>[0]): Promise<[number, string[]]> => {
  const r = await store.listThreads(f);
  return [r.total, r.threads.map((t) => t.id)];
};

/** what an analysis of a demo article keeps: its hash from the queue, invented words and keys */
const analysed = (id: string, hash: string, at: number | null, words: Array<[string, number]>, keys: number[]): AnalysedArticle => ({ id, hash, at, words, keys });

/** every article lineageCandidates found, sorted: the holders of its keys */
const holderIds = (c: LineageCandidates): string[] => [...new Set([...c.holders.values()].flat())].sort();

export function eventContract(open: OpenStore): void {
  describe('lineage', () => {
    test('replaceLineage replaces every edge; lineageOf gives the edges from or to an article', () => withStore(open, async ({ store }) => {
      const first: LineageEdge[] = [
        { from: A.wireText, to: A.wire, kind: 'duplicate-of', score: 0.97 },
        { from: A.daily, to: A.wire, kind: 'contains', score: 0.6 },
        { from: A.nanyang, to: A.daily, kind: 'reprint-of', score: 0.85 },
      ];
      await store.replaceLineage(first);
      assert.deepEqual(await store.allLineage(), sortEdges(first));
      assert.deepEqual(sortEdges(await store.lineageOf(A.wire)), sortEdges(first.slice(0, 2)));
      assert.deepEqual(sortEdges(await store.lineageOf(A.daily)), sortEdges(first.slice(1)));
      assert.deepEqual(await store.lineageOf(A.harbour), []);
      const second: LineageEdge[] = [{ from: A.dailyTyphoon, to: A.harbourTyphoon, kind: 'update-of', score: 0.7 }];
      await store.replaceLineage(second);
      assert.deepEqual(await store.allLineage(), second);
      assert.deepEqual(await store.lineageOf(A.wire), []);
    }));
  });

  describe('events and threads', () => {
    const withEvents = (body: (store: Store) => Promise<void>) => () => withStore(open, async ({ store }) => {
      await store.commit(demoItems(), PARSER);
      await store.saveEvents([bridge, prices, typhoon, notices], [bridgeThread, typhoonThread]);
      await body(store);
    });

    test('events come back exactly; placements say which event holds an article and which thread an event', withEvents(async (store) => {
      assert.deepEqual(await store.getEvent(E1), bridge);
      assert.deepEqual(await store.getEvent(E3), typhoon);
      assert.equal(await store.getEvent(`e${'0'.repeat(15)}f`), undefined);
      assert.equal(await store.eventOf(A.wireText), E1);
      assert.equal(await store.eventOf(A.harbourPrices), E2);
      assert.equal(await store.eventOf('ffffffffffffffff'), undefined);
      assert.deepEqual(await store.getThread(T1), bridgeThread);
      assert.equal(await store.getThread(`t${'0'.repeat(15)}f`), undefined);
      const placed = await store.eventPlacements();
      assert.deepEqual(new Map([...placed].sort()), new Map([
        ...bridge.members.map((m) => [m.article, E1] as const), [A.harbourPrices, E2] as const, ...typhoon.members.map((m) => [m.article, E3] as const),
        ['a000000000000001', E4] as const, ['a000000000000002', E4] as const,
      ].sort()));
      assert.deepEqual(new Map([...(await store.threadPlacements())].sort()), new Map([[E1, T1], [E2, T1], [E3, T2], [E4, T1]]));
    }));

    test('listEvents: by size or time, filtered by outlets, days, thread and outlet, paged with a total', withEvents(async (store) => {
      // by size: outlets, then articles (E4 before the later E2), then the latest
      assert.deepEqual(await eventIds(store, {}), [4, [E1, E3, E4, E2]]);
      assert.deepEqual(await eventIds(store, { order: 'time' }), [4, [E4, E1, E2, E3]]);
      assert.deepEqual(await eventIds(store, { minOutlets: 2 }), [2, [E1, E3]]);
      assert.deepEqual(await eventIds(store, { minOutlets: 4 }), [1, [E1]]);
      assert.deepEqual(await eventIds(store, { since: '2031-10-15' }), [2, [E3, E2]]);
      assert.deepEqual(await eventIds(store, { until: '2031-10-15' }), [2, [E1, E4]]);
      assert.deepEqual(await eventIds(store, { since: '2031-10-15', until: '2031-10-20' }), [1, [E2]]);
      assert.deepEqual(await eventIds(store, { thread: T1 }), [3, [E1, E4, E2]]);
      assert.deepEqual(await eventIds(store, { outlet: O.daily }), [2, [E1, E3]]);
      assert.deepEqual(await eventIds(store, { outlet: O.harbour, minOutlets: 2 }), [2, [E1, E3]]);
      assert.deepEqual(await eventIds(store, { outlet: 'nosuch' }), [0, []]);
      assert.deepEqual(await store.getEvent(E4), notices);
      assert.deepEqual(await eventIds(store, { limit: 1, offset: 1 }), [4, [E3]]);
      assert.deepEqual(await eventIds(store, { limit: 2, offset: 3 }), [4, [E2]]);
      assert.deepEqual(await eventIds(store, { limit: 2, offset: 4 }), [4, []]);
      assert.deepEqual((await store.listEvents({ limit: 1 })).events, [bridge]);
    }));

    test('listThreads: by size, filtered by events, outlets and days, paged with a total', withEvents(async (store) => {
      assert.deepEqual(await threadIds(store, {}), [2, [T1, T2]]);
      assert.deepEqual(await threadIds(store, { minEvents: 2 }), [1, [T1]]);
      assert.deepEqual(await threadIds(store, { minOutlets: 4 }), [1, [T1]]);
      assert.deepEqual(await threadIds(store, { since: '2031-10-16' }), [1, [T2]]);
      assert.deepEqual(await threadIds(store, { until: '2031-10-16' }), [1, [T1]]);
      assert.deepEqual(await threadIds(store, { limit: 1, offset: 1 }), [2, [T2]]);
      assert.deepEqual((await store.listThreads({})).threads, [bridgeThread, typhoonThread]);
    }));

    test('article texts: written with a comparison, read back by version; a row of another version is not read, and is replaced when written', () => withStore(open, async ({ store, reopen }) => {
      const text = (article: string, version: string, data: number[]): StoredText => ({ article, key: `key-of-${article}`, version, data: new Uint8Array(data) });
      await store.saveComparison(E1, { membersHash: 'h1', doc: '{}' }, [text(A.wire, 'v1', [1, 2, 3]), text(A.daily, 'v1', [0, 255, 7])]);
      assert.deepEqual(await store.getComparison(E1), { membersHash: 'h1', doc: '{}' });
      const read = async (s: Store, ids: string[], version: string) =>
        [...(await s.articleTexts(ids, version)).values()].map((t) => ({ ...t, data: [...t.data] })).sort((x, y) => x.article.localeCompare(y.article));
      const both = [{ article: A.daily, key: `key-of-${A.daily}`, version: 'v1', data: [0, 255, 7] }, { article: A.wire, key: `key-of-${A.wire}`, version: 'v1', data: [1, 2, 3] }];
      assert.deepEqual(await read(store, [A.wire, A.daily, A.harbour], 'v1'), both);
      assert.deepEqual(await read(store, [A.wire], 'v2'), [], 'another version is not read');
      assert.deepEqual(await read(store, [], 'v1'), []);
      // a comparison that cut nothing leaves the texts; one that cut again by other rules replaces the row
      await store.saveComparison(E3, { membersHash: 'h3', doc: '{}' });
      await store.saveComparison(E1, { membersHash: 'h1b', doc: '{"again":true}' }, [text(A.wire, 'v2', [9])]);
      assert.deepEqual(await read(store, [A.wire, A.daily], 'v1'), both.slice(0, 1));
      assert.deepEqual(await read(store, [A.wire, A.daily], 'v2'), [{ article: A.wire, key: `key-of-${A.wire}`, version: 'v2', data: [9] }]);
      if (reopen) {
        const other = await reopen();
        try { assert.deepEqual(await read(other, [A.wire, A.daily], 'v1'), both.slice(0, 1)); } finally { await other.close(); }
      }
    }));

    test('saveEvents replaces every event; comparisons keep their members hash and go with their event', withEvents(async (store) => {
      await store.saveComparison(E1, { membersHash: 'h1', doc: '{"outlets":4}' });
      await store.saveComparison(E3, { membersHash: 'h3', doc: '{"outlets":3}' });
      await store.saveComparison(E1, { membersHash: 'h1b', doc: '{"outlets":4,"again":true}' });
      assert.deepEqual(await store.getComparison(E1), { membersHash: 'h1b', doc: '{"outlets":4,"again":true}' });
      assert.equal(await store.getComparison(E2), undefined);
      // a new grouping without the typhoon event
      await store.saveEvents([bridge, prices], [bridgeThread]);
      assert.deepEqual(await eventIds(store, {}), [2, [E1, E2]]);
      assert.equal(await store.getEvent(E3), undefined);
      assert.equal(await store.eventOf(A.harbourTyphoon), undefined);
      assert.equal(await store.getThread(T2), undefined);
      assert.deepEqual(await store.getComparison(E1), { membersHash: 'h1b', doc: '{"outlets":4,"again":true}' });
      assert.equal(await store.getComparison(E3), undefined);
      await store.saveEvents([], []);
      assert.deepEqual(await eventIds(store, {}), [0, []]);
      assert.deepEqual((await store.eventPlacements()).size, 0);
    }));

    test('a regrouping that ends an event: its articles name the event and thread they went to (what an ended id redirects to)', withEvents(async (store) => {
      // the typhoon's articles join the bridge's thread under an event that began earlier
      const E5 = `e${'0'.repeat(14)}c5`;
      const merged: EventRecord = { ...typhoon, id: E5, thread: T1, first: '2031-10-19T23:00:00.000Z', members: [member(A.dailyTyphoon, O.daily, '2031-10-19T23:00:00.000Z'), ...typhoon.members.filter((m) => m.article !== A.dailyTyphoon)] };
      await store.saveEvents([bridge, prices, merged], [{ ...bridgeThread, events: [E1, E2, E5] }]);
      assert.equal(await store.getEvent(E3), undefined);
      assert.equal(await store.getThread(T2), undefined);
      for (const m of typhoon.members) assert.equal(await store.eventOf(m.article), E5, m.article);
      assert.equal((await store.getEvent(E5))?.thread, T1);
      assert.deepEqual((await store.getThread(T1))?.events, [E1, E2, E5]);
    }));
  });

  describe('the analysis queue and its writes', () => {
    const hashes = (store: Store) => store.pendingAnalysis().then((p) => new Map(p.map((x) => [x.id, x.hash])));

    test('news waits for the analysis in time order (undated last), with its content hash; flagged pages never', () => withStore(open, async ({ store }) => {
      assert.equal(await store.analysisPending(), false);
      const items = demoItems();
      await store.commit(items, PARSER);
      const pending = await store.pendingAnalysis();
      assert.deepEqual(pending.map((p) => p.id), [A.wire, A.daily, A.harbour, A.nanyang, A.harbourPrices, A.harbourTyphoon, A.dailyTyphoon, A.nanyangTyphoon, A.wireText]);
      const prepared = new Map(items.flatMap((i) => i.articles).map((a) => [a.id, a.hash]));
      for (const p of pending) assert.equal(p.hash, prepared.get(p.id));
      assert.equal(await store.analysisPending(), true);
      assert.equal(await store.analysedCount(), 0);
    }));

    test('writeAnalysis: the analysed leave the queue; counts, frequencies, candidates and times follow', () => withStore(open, async ({ store }) => {
      await store.commit(demoItems(), PARSER);
      const h = await hashes(store);
      const t = (iso: string): number => Date.parse(iso);
      await store.writeAnalysis({
        analysed: [
          analysed(A.wire, h.get(A.wire)!, t('2031-10-14T02:00:00Z'), [['大桥', 3], ['通车', 2]], [11, 12, 13]),
          analysed(A.daily, h.get(A.daily)!, t('2031-10-14T03:10:00Z'), [['大桥', 1], ['市长', 1]], [11, 14]),
          analysed(A.wireText, h.get(A.wireText)!, null, [['大桥', 3], ['通车', 2]], [11, 12, 13]),
        ],
        lineageOf: [A.wire, A.daily, A.wireText],
        edges: [{ from: A.wireText, to: A.wire, kind: 'duplicate-of', score: 0.97 }],
        events: [bridge], threads: [bridgeThread],
      });
      assert.equal(await store.analysedCount(), 3);
      assert.deepEqual((await store.pendingAnalysis()).map((p) => p.id), [A.harbour, A.nanyang, A.harbourPrices, A.harbourTyphoon, A.dailyTyphoon, A.nanyangTyphoon]);
      const f = await store.wordFrequencies(['大桥', '通车', '市长', '台风', '大桥']);
      assert.equal(f.n, 3);
      assert.deepEqual(new Map([...f.df].sort()), new Map([['台风', 0], ['大桥', 3], ['市长', 1], ['通车', 2]]));
      // a replay asks for tens of thousands of words at once (read a page at a time)
      const many = await store.wordFrequencies([...Array.from({ length: 12_000 }, (_, i) => `词${i}`), '通车']);
      assert.deepEqual([many.df.size, many.df.get('通车'), many.df.get('词11999'), [...many.df.values()].reduce((a, b) => a + b, 0)], [12_001, 2, 0, 2]);
      // inclusive bounds, time order, undated never
      assert.deepEqual(await store.analysedBetween(t('2031-10-14T02:00:00Z'), t('2031-10-14T03:10:00Z')), [
        { id: A.wire, at: t('2031-10-14T02:00:00Z'), words: [['大桥', 3], ['通车', 2]] },
        { id: A.daily, at: t('2031-10-14T03:10:00Z'), words: [['大桥', 1], ['市长', 1]] },
      ]);
      assert.deepEqual(await store.analysedBetween(t('2031-10-14T02:00:01Z'), t('2031-10-14T03:09:59Z')), []);
      // key 11 is held by three articles: common when the cap is 2
      const c = await store.lineageCandidates([11, 12, 14, 99], new Set([A.wire]), (k) => (k === 11 ? 2 : 10));
      assert.deepEqual([holderIds(c), [...c.common]], [[A.daily, A.wireText].sort(), [11]]);
      // each key's holders, for the analysis to read only those lineage can relate (lineage.ts relatedHolders): not the common key, not the excluded
      assert.deepEqual([...c.holders].map(([k, ids]) => [k, [...ids].sort()]).sort(), [[12, [A.wireText]], [14, [A.daily]]]);
      const c2 = await store.lineageCandidates([11], new Set(), () => 3);
      assert.deepEqual([holderIds(c2), [...c2.common]], [[A.wire, A.daily, A.wireText].sort(), []]);
      assert.deepEqual([...c2.holders].map(([k, ids]) => [k, [...ids].sort()]), [[11, [A.wire, A.daily, A.wireText].sort()]]);
      assert.deepEqual(await store.allLineage(), [{ from: A.wireText, to: A.wire, kind: 'duplicate-of', score: 0.97 }]);
      const placed = await store.placementsOf([A.wire, A.harbour, A.daily]);
      assert.deepEqual([new Map([...placed.events].sort()), placed.threads], [new Map([[A.daily, E1], [A.harbour, E1], [A.wire, E1]]), new Map([[E1, T1]])]);
      assert.deepEqual(await store.getEvent(E1), bridge);
    }));

    test('analysing again replaces an article\'s words; only the named articles\' lineage is replaced; events are upserted', () => withStore(open, async ({ store }) => {
      await store.commit(demoItems(), PARSER);
      const h = await hashes(store);
      await store.writeAnalysis({
        analysed: [analysed(A.wire, h.get(A.wire)!, 1, [['大桥', 1], ['通车', 1]], [1]), analysed(A.daily, h.get(A.daily)!, 2, [['大桥', 1]], [2])],
        lineageOf: [A.wire, A.daily], edges: [{ from: A.daily, to: A.wire, kind: 'contains', score: 0.6 }, { from: A.nanyang, to: A.harbour, kind: 'reprint-of', score: 0.9 }],
        events: [bridge, prices], threads: [bridgeThread],
      });
      await store.writeAnalysis({
        analysed: [analysed(A.wire, h.get(A.wire)!, 1, [['大桥', 1], ['海豚', 2]], [3])],
        lineageOf: [A.wire], edges: [], events: [{ ...prices, keywords: ['楼价', '两成'] }, typhoon], threads: [typhoonThread],
      });
      assert.equal(await store.analysedCount(), 2);
      const f = await store.wordFrequencies(['大桥', '通车', '海豚']);
      assert.deepEqual([f.n, f.df.get('大桥'), f.df.get('通车'), f.df.get('海豚')], [2, 2, 0, 1]);
      // the keys of the earlier analysis are gone
      assert.deepEqual(holderIds(await store.lineageCandidates([1, 3], new Set(), () => 5)), [A.wire]);
      assert.deepEqual(await store.allLineage(), [{ from: A.nanyang, to: A.harbour, kind: 'reprint-of', score: 0.9 }]);
      assert.deepEqual(await eventIds(store, {}), [3, [E1, E3, E2]]);
      assert.deepEqual((await store.getEvent(E2))!.keywords, ['楼价', '两成']);
      assert.deepEqual(await threadIds(store, {}), [2, [T1, T2]]);
    }));

    test('marks among the analysed words (#…) are stored with the words but counted in no frequency, also when analysed again', () => withStore(open, async ({ store }) => {
      await store.commit(demoItems(), PARSER);
      const h = await hashes(store);
      const marked = (words: Array<[string, number]>): Array<[string, number]> => [['#o:wire-dongfang-example', 1], ['#t:大桥#日通车', 1], ...words];
      await store.writeAnalysis({ analysed: [analysed(A.wire, h.get(A.wire)!, 1, marked([['大桥', 1]]), [])], lineageOf: [], edges: [], events: [], threads: [] });
      await store.writeAnalysis({ analysed: [analysed(A.wire, h.get(A.wire)!, 1, marked([['通车', 1]]), []), analysed(A.daily, h.get(A.daily)!, 2, marked([['大桥', 1]]), [])], lineageOf: [], edges: [], events: [], threads: [] });
      const f = await store.wordFrequencies(['大桥', '通车', '#o:wire-dongfang-example', '#t:大桥#日通车']);
      assert.deepEqual([f.n, f.df.get('大桥'), f.df.get('通车'), f.df.get('#o:wire-dongfang-example'), f.df.get('#t:大桥#日通车')], [2, 1, 1, 0, 0]);
      // the stored row keeps its marks, in order, for the grouping's replay
      assert.deepEqual((await store.analysedBetween(1, 1))[0]!.words, marked([['通车', 1]]));
    }));

    test('a changed article waits again; one analysed at an old hash stays queued', () => withStore(open, async ({ store }) => {
      const items = demoItems();
      await store.commit(items, PARSER);
      const h = await hashes(store);
      await store.writeAnalysis({ analysed: [...h].map(([id, hash]) => analysed(id, hash, 1, [['大桥', 1]], [])), lineageOf: [], edges: [], events: [], threads: [] });
      assert.equal(await store.analysisPending(), false);
      assert.deepEqual(await store.pendingAnalysis(), []);
      assert.equal(await store.analysedCount(), 9);
      // the wire's story edited: a new version to analyse
      const wire = items[0]!;
      const { itemOf } = await import('./fixtures.js');
      const bytes = Buffer.from(new TextDecoder().decode(await store.getRaw(wire.sha256)).replace('今天上午正式通车', '今天上午十时正式通车'));
      const edited = itemOf(wire.location, bytes, 'demo/01-dongfang-wire.md');
      assert.deepEqual(await store.commit([edited], PARSER), [['updated']]);
      const stamp = await store.articlesStamp();
      assert.deepEqual(await store.pendingAnalysis(), [{ id: A.wire, hash: edited.articles[0]!.hash }]);
      // an analysis that read the old version does not take it off the queue
      await store.writeAnalysis({ analysed: [analysed(A.wire, h.get(A.wire)!, 1, [['大桥', 1]], [])], lineageOf: [], edges: [], events: [], threads: [] });
      assert.deepEqual(await store.pendingAnalysis(), [{ id: A.wire, hash: edited.articles[0]!.hash }]);
      await store.writeAnalysis({ analysed: [analysed(A.wire, edited.articles[0]!.hash, 1, [['大桥', 1]], [])], lineageOf: [], edges: [], events: [], threads: [] });
      assert.deepEqual(await store.pendingAnalysis(), []);
      assert.equal(await store.analysedCount(), 9);
      assert.equal(await store.articlesStamp(), stamp, 'analysis writes leave the articles stamp');
    }));

    test('reset: "analysis" forgets analysis and lineage and queues every article again; "everything" forgets placements too, the events go at the sweep', () => withStore(open, async ({ store }) => {
      await store.commit(demoItems(), PARSER);
      const h = await hashes(store);
      const all = [...h].map(([id, hash]) => analysed(id, hash, 1, [['大桥', 1]], [7]));
      const edge: LineageEdge = { from: A.wireText, to: A.wire, kind: 'duplicate-of', score: 0.97 };
      await store.writeAnalysis({ analysed: all, lineageOf: [], edges: [edge], events: [bridge, prices, typhoon], threads: [bridgeThread, typhoonThread] });
      await store.saveComparison(E1, { membersHash: 'h', doc: '{}' });
      await store.writeAnalysis({ reset: 'analysis', analysed: [], lineageOf: [], edges: [], events: [], threads: [] });
      assert.equal(await store.analysedCount(), 0);
      assert.equal((await store.pendingAnalysis()).length, 9);
      assert.deepEqual(await store.allLineage(), []);
      assert.deepEqual((await store.wordFrequencies(['大桥'])).df.get('大桥'), 0);
      assert.deepEqual(holderIds(await store.lineageCandidates([7], new Set(), () => 50)), []);
      assert.deepEqual(await eventIds(store, {}), [3, [E1, E3, E2]]);
      assert.deepEqual(await store.getComparison(E1), { membersHash: 'h', doc: '{}' });
      // a reset and the run's results in one write
      await store.writeAnalysis({ reset: 'everything', analysed: all.slice(0, 2), lineageOf: [], edges: [edge], events: [prices], threads: [bridgeThread] });
      assert.equal(await store.analysedCount(), 2);
      assert.equal((await store.pendingAnalysis()).length, 7);
      assert.deepEqual(await store.allLineage(), [edge]);
      // a regrouping under way: every event of before is still there to read, placements are new
      assert.deepEqual(await eventIds(store, {}), [3, [E1, E3, E2]]);
      assert.equal((await store.placementsOf([A.wire])).events.size, 0, 'the analysis sees no placement of before');
      assert.deepEqual(await store.getComparison(E1), { membersHash: 'h', doc: '{}' });
      // its end: what no article is placed in goes
      assert.equal(await store.sweepEvents(), 2);
      assert.deepEqual(await eventIds(store, {}), [1, [E2]]);
      assert.equal(await store.eventOf(A.wire), undefined);
      assert.equal(await store.getComparison(E1), undefined);
      assert.deepEqual(await threadIds(store, {}), [1, [T1]]);
      assert.equal(await store.sweepEvents(), 0);
    }));

    test('a failed analysis write leaves nothing of itself', () => withStore(open, async ({ store }) => {
      await store.commit(demoItems(), PARSER);
      const h = await hashes(store);
      await store.writeAnalysis({ analysed: [analysed(A.wire, h.get(A.wire)!, 1, [['大桥', 1]], [1])], lineageOf: [], edges: [], events: [prices], threads: [bridgeThread] });
      // a keyword no JSON can hold breaks the write after its first rows
      const broken = { ...typhoon, keywords: [1n as unknown as string] };
      await assert.rejects(store.writeAnalysis({
        reset: 'everything', analysed: [analysed(A.daily, h.get(A.daily)!, 2, [['市长', 1]], [2])], lineageOf: [A.wire],
        edges: [{ from: A.daily, to: A.wire, kind: 'contains', score: 0.5 }], events: [bridge, broken], threads: [typhoonThread],
      }));
      assert.equal(await store.analysedCount(), 1);
      assert.equal((await store.pendingAnalysis()).length, 8);
      assert.deepEqual(await store.allLineage(), []);
      assert.deepEqual(await eventIds(store, {}), [1, [E2]]);
      assert.deepEqual((await store.wordFrequencies(['市长'])).df.get('市长'), 0);
    }));
  });
}
