// Contract: search semantics through the real path (searchArchive parses the query and
// builds the SearchRequest a store answers). Every query form of the language, filters,
// paging and totals, and the relevance order on fixed data: where SQLite's ranking ties
// or nearly ties, only the group is asserted; where the order has a reason (title before
// body, a term as written before its words apart), the exact order is.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { searchArchive, type SearchOptions } from '../../search/search.js';
import { QueryError } from '../../search/query.js';
import { locationKey, newRebuildPass, StaleIndexError, type Store } from '../store.js';
import { ctx, notice, PARSER, withStore, type OpenedStore, type OpenStore } from './fixtures.js';
import { searchCorpus } from './search-corpus.js';

const ID = {
  wire: '4d332cf58f30f605', daily: '3f65ab01c1dd220a', harbour: 'eb5ed0ec32e94476', nanyang: '6e7b5ad7d09fb759',
  harbourPrices: 'ba22969aef835a58', harbourTyphoon: '86b220ec533a1aa9', dailyTyphoon: '71730f95f2f33357', nanyangTyphoon: 'e9975bc1583277ec',
  wireText: '39f0f336fbd6b500',
  taxiFare: '8aae41ce2d30913a', taxiDrivers: 'fcda119177f2819f', portRecords: 'e8c12fc6522787d2', portData: '1e0806ea1258d9a5',
  lighthouseOpen: '70b4e6e7badb8145', lighthouseShort: '1dfc7173ef9ec715', lighthouseLong: '92c3774daab3a125',
  meetingExact: 'b9206d65eb15a62d', meetingNear: 'e9f125156268449e', meetingApart: '0dbc9d4895359575',
  nightLate: 'aa49d1e3dc1701e1', nightEarly: 'a1e95942097aa09c',
};

export function searchContract(open: OpenStore): void {
  describe('search', () => {
    let opened: OpenedStore;
    let store: Store;
    const find = (q: string, opts: SearchOptions = {}) => searchArchive(store, q, { collapse: false, limit: 50, ...opts }, ctx);
    const ids = async (q: string, opts: SearchOptions = {}): Promise<string[]> => (await find(q, opts)).hits.map((h) => h.id);
    /** the hits as ordered groups, each group in any order */
    const groups = async (q: string, expected: string[][]): Promise<void> => {
      const got = await ids(q);
      assert.equal(got.length, expected.flat().length, `${q}: ${got.join(' ')}`);
      let at = 0;
      for (const g of expected) {
        assert.deepEqual(got.slice(at, at + g.length).sort(), [...g].sort(), `${q}: hits ${at}–${at + g.length - 1}`);
        at += g.length;
      }
    };

    before(async () => {
      opened = await open();
      store = opened.store;
      await store.commit(searchCorpus(), PARSER);
    });
    after(() => opened.cleanup());

    test('a word finds both scripts and every regional variant', async () => {
      const bridge = [ID.dailyTyphoon, ID.wireText, ID.harbour, ID.daily, ID.wire, ID.harbourPrices, ID.nanyangTyphoon, ID.harbourTyphoon, ID.nanyang];
      assert.deepEqual((await ids('跨海大桥')).sort(), [...bridge].sort());
      assert.deepEqual((await ids('跨海大橋')).sort(), [...bridge].sort());
      // 的士 (Hong Kong), 出租车, 計程車: one thing
      for (const q of ['的士', '出租车', '計程車']) assert.deepEqual((await ids(q)).sort(), [ID.taxiFare, ID.taxiDrivers].sort(), q);
    });

    test('a whole-word-only form does not match inside another word (的士 in 的士兵)', async () => {
      const r = await find('的士兵');
      assert.equal(r.total, 1);
      assert.deepEqual(await ids('的士 -variant:*'), [ID.taxiFare]);
    });

    test('an optional variant matches only when asked for with variant:X', async () => {
      assert.deepEqual((await ids('数据')).sort(), [ID.harbour, ID.portData].sort());
      assert.deepEqual((await ids('数据 variant:資料')).sort(), [ID.harbour, ID.portData, ID.portRecords].sort());
      assert.deepEqual(await ids('資料'), [ID.portRecords]);
    });

    test('a "phrase" is exact, in either script and either kind of quotes', async () => {
      assert.deepEqual(await ids('"大桥封闭"'), [ID.nanyangTyphoon]);
      assert.deepEqual(await ids('「大桥封闭」'), [ID.nanyangTyphoon]);
      assert.deepEqual(await ids('"大橋封閉"'), [ID.nanyangTyphoon]);
      assert.deepEqual(await ids('"晴川市长视频会晤"'), [ID.meetingExact]);
      assert.equal((await find('"封闭大桥"')).total, 0);
    });

    test('-x leaves out articles holding x in any of its forms', async () => {
      const calm = [ID.harbourPrices, ID.nanyang, ID.wireText, ID.harbour, ID.wire, ID.daily];
      assert.deepEqual((await ids('大桥 -台风')).sort(), [...calm].sort());
      assert.deepEqual((await ids('大桥 -颱風')).sort(), [...calm].sort());
      assert.deepEqual((await ids('燈塔 -維修')).sort(), [ID.lighthouseOpen, ID.lighthouseShort].sort());
    });

    test('a lone character is a prefix: it finds every word it starts', async () => {
      assert.deepEqual(await ids('灯'), [ID.lighthouseOpen, ID.lighthouseShort, ID.lighthouseLong]);
      assert.deepEqual((await ids('夜')).sort(), [ID.nightLate, ID.nightEarly].sort());
    });

    test('tag:, outlet: (by id, host or name) and script: filter; filters alone list newest first', async () => {
      assert.deepEqual(await ids('tag:晴川'), [ID.wire]);
      assert.deepEqual(await ids('tag:的士'), [ID.taxiFare]);
      assert.deepEqual(await ids('跨海大桥 tag:晴川'), [ID.wire]);
      assert.deepEqual(await ids('outlet:晴川日报'), [ID.dailyTyphoon, ID.daily]);
      assert.deepEqual(await ids('outlet:qingchuan-daily-example'), [ID.dailyTyphoon, ID.daily]);
      assert.deepEqual((await ids('大桥 outlet:news-harbour-example,南洋晨报')).sort(), [ID.harbour, ID.harbourPrices, ID.harbourTyphoon, ID.nanyang, ID.nanyangTyphoon].sort());
      assert.deepEqual((await ids('燈塔 outlet:isle.example')).sort(), [ID.lighthouseShort, ID.lighthouseLong].sort());
      assert.deepEqual((await ids('script:hant 大桥')).sort(), [ID.harbourPrices, ID.harbour, ID.harbourTyphoon].sort());
      assert.deepEqual((await ids('script:hans 燈塔')), []);
      await assert.rejects(find('大桥 outlet:nosuch'), (e: unknown) => e instanceof QueryError && /no outlet nosuch/.test(e.message));
    });

    test('since: and until: are the outlet\'s local days, both inclusive', async () => {
      assert.deepEqual(await ids('夜班 until:2031-11-10'), [ID.nightLate]);
      assert.deepEqual(await ids('夜班 since:2031-11-11'), [ID.nightEarly]);
      assert.deepEqual((await ids('大桥 until:2031-10-14')).sort(), [ID.nanyang, ID.harbour, ID.wire, ID.daily].sort());
      assert.deepEqual((await ids('大桥 since:2031-10-15 until:2031-10-15')), [ID.harbourPrices]);
      assert.deepEqual(await ids('since:2031-11-11'), [ID.nightEarly]);
      assert.deepEqual(await ids('since:2031-11-10 until:2031-11-10'), [ID.nightLate]);
    });

    test('relevance: a title match first, then a short body before a long one', async () => {
      assert.deepEqual(await ids('燈塔'), [ID.lighthouseOpen, ID.lighthouseShort, ID.lighthouseLong]);
      for (const h of (await find('燈塔')).hits) assert.ok(h.score > 0, `${h.id} scored ${h.score}`);
      // the bridge: the articles naming it in their title before those that name it in their text
      await groups('跨海大桥', [
        [ID.dailyTyphoon, ID.wireText, ID.harbour, ID.daily, ID.wire],
        [ID.harbourPrices, ID.nanyangTyphoon, ID.harbourTyphoon, ID.nanyang],
      ]);
    });

    test('relevance: a term read as several words ranks them as written, then near, then apart', async () => {
      const r = await find('晴川市长视频会晤');
      assert.deepEqual(r.reading.terms[0]!.words, ['晴川', '市长', '视频会晤']);
      assert.deepEqual(r.hits.map((h) => h.id), [ID.meetingExact, ID.meetingNear, ID.meetingApart]);
    });

    test('date order: newest first, each hit with its relevance score', async () => {
      const byDate = await find('大桥 since:2031-10-15', { sort: 'date' });
      assert.deepEqual(byDate.hits.map((h) => h.id), [ID.nanyangTyphoon, ID.dailyTyphoon, ID.harbourTyphoon, ID.harbourPrices]);
      const relevance = new Map((await find('大桥 since:2031-10-15')).hits.map((h) => [h.id, h.score]));
      for (const h of byDate.hits) assert.equal(h.score, relevance.get(h.id));
      assert.deepEqual((await find('夜班', { sort: 'date' })).hits.map((h) => h.id), [ID.nightEarly, ID.nightLate]);
    });

    test('paging: pages of one order, the total of all matches, nothing past the end', async () => {
      const all = await ids('跨海大桥', { limit: 50 });
      const pages: string[] = [];
      for (let offset = 0; offset < 9; offset += 2) {
        const p = await find('跨海大桥', { limit: 2, offset });
        assert.equal(p.total, 9);
        assert.equal(p.nextOffset, Math.min(offset + 2, 9));
        pages.push(...p.hits.map((h) => h.id));
      }
      assert.deepEqual(pages, all);
      const past = await find('跨海大桥', { limit: 2, offset: 9 });
      assert.deepEqual([past.total, past.hits.length], [9, 0]);
      const dated = await find('大桥', { sort: 'date', limit: 3, offset: 3 });
      assert.deepEqual([dated.total, dated.hits.map((h) => h.id)], [9, [ID.harbourPrices, ID.nanyang, ID.harbour]]);
      assert.equal((await find('没有这个词')).total, 0);
    });

    test('past the cap: the total is the cap and "capped", title matches come first, then the first matches in the archive\'s order, and no page lies past it', async () => {
      // the archive's order: the order the corpus was written in (SQLite's rowid, PostgreSQL's rid and table order)
      const order = searchCorpus().flatMap((i) => i.articles.map((a) => a.id));
      const inOrder = (xs: string[]): string[] => [...xs].sort((a, b) => order.indexOf(a) - order.indexOf(b));
      const inTitle = inOrder([ID.dailyTyphoon, ID.wireText, ID.harbour, ID.daily, ID.wire]);
      const inBody = inOrder([ID.harbourPrices, ID.nanyangTyphoon, ID.harbourTyphoon, ID.nanyang]);
      const exact = await find('跨海大桥', { cap: 9 });
      assert.deepEqual([exact.total, exact.capped], [9, false]);
      const six = await find('跨海大桥', { cap: 6 });
      assert.deepEqual([six.total, six.capped], [6, true]);
      const got = six.hits.map((h) => h.id);
      assert.deepEqual(got.slice(0, 5).sort(), [...inTitle].sort(), 'the title matches first');
      assert.deepEqual(got.slice(5), [inBody[0]], 'then the body match written first, not the best of the body matches');
      // the title tier alone fills a cap of 3: its first three in the archive's order, ranked
      const three = await find('跨海大桥', { cap: 3 });
      assert.deepEqual([three.total, three.capped], [3, true]);
      assert.deepEqual(three.hits.map((h) => h.id).sort(), inTitle.slice(0, 3).sort());
      // pages of the capped list are the list; an offset at the cap is refused with a reason
      const pages: string[] = [];
      for (let offset = 0; offset < 6; offset += 4) pages.push(...(await find('跨海大桥', { cap: 6, limit: 4, offset })).hits.map((h) => h.id));
      assert.deepEqual(pages, got);
      await assert.rejects(find('跨海大桥', { cap: 6, limit: 4, offset: 6 }), (e: unknown) => e instanceof QueryError && e.code === 'offset-past-cap');
      // date order past the cap: the newest of all matches, no more than the cap
      const dated = await find('大桥', { cap: 3, sort: 'date' });
      assert.deepEqual([dated.total, dated.capped], [3, true]);
      assert.deepEqual(dated.hits.map((h) => h.id), (await find('大桥', { sort: 'date' })).hits.slice(0, 3).map((h) => h.id));
      // filters alone: counted up to the cap too
      const filtered = await find('since:2031-11-01', { cap: 2 });
      assert.deepEqual([filtered.total, filtered.capped, filtered.hits.length], [2, true, 2]);
    });

    test('the default search (copies collapsed) answers the same without lineage', async () => {
      const r = await searchArchive(store, '燈塔', {}, ctx);
      assert.deepEqual(r.hits.map((h) => h.id), [ID.lighthouseOpen, ID.lighthouseShort, ID.lighthouseLong]);
      assert.equal(r.total, 3);
    });
  });

  describe('search index state', () => {
    test('news imported without its index: search says to reindex (StaleIndexError) until the index is rebuilt', () => withStore(open, async ({ store }) => {
      const item = notice('stale/1.md', { title: '燈塔通告', date: '2031-11-06 10:00:00', body: ['燈塔今晚試燈。'] });
      const { index: _, ...bare } = item.articles[0]!;
      await store.commit([{ ...item, articles: [bare] }], PARSER);
      await assert.rejects(searchArchive(store, '燈塔', {}, ctx), (e: unknown) => e instanceof StaleIndexError && /reindex/.test(e.message));
      // what reindex does: every article written again with its index, in place, then the sweep
      const pass = newRebuildPass();
      pass.sources.add(locationKey(item.location));
      assert.deepEqual(await store.commit([item], PARSER, pass), [['added']]);
      await assert.rejects(searchArchive(store, '燈塔', {}, ctx), StaleIndexError, 'the index is missing until the rebuild ends');
      assert.equal(await store.sweepDerived(pass), 0);
      assert.deepEqual((await searchArchive(store, '燈塔', {}, ctx)).hits.map((h) => h.title), ['燈塔通告']);
    }));

    test('a flagged page is never found; a changed article is found by its new text only', () => withStore(open, async ({ store }) => {
      const v1 = notice('idx/1.md', { title: '碼頭通告', date: '2031-11-06 10:00:00', url: 'https://ferry.example/idx/1', body: ['燈塔今晚試燈。'] });
      const v2 = notice('idx/1.md', { title: '碼頭通告', date: '2031-11-06 10:00:00', url: 'https://ferry.example/idx/1', body: ['浮台明日啟用。'] });
      const empty = notice('idx/2.md', { title: '燈塔', date: '2031-11-06 10:00:00', url: 'https://ferry.example/idx/2', body: [] });
      const other = notice('idx/3.md', { title: '北岸消息', date: '2031-11-05 10:00:00', url: 'https://ferry.example/idx/3', body: ['北岸燈塔維修。'] });
      assert.equal(empty.articles[0]!.flagged, true);
      await store.commit([v1, empty, other], PARSER);
      assert.deepEqual((await searchArchive(store, '燈塔', {}, ctx)).hits.map((h) => h.id), [v1.articles[0]!.id, other.articles[0]!.id]);
      await store.commit([v2], PARSER);
      // the old text is gone from the index, the other article's entry stays
      assert.deepEqual((await searchArchive(store, '燈塔', {}, ctx)).hits.map((h) => h.id), [other.articles[0]!.id]);
      assert.deepEqual((await searchArchive(store, '浮台', {}, ctx)).hits.map((h) => h.id), [v1.articles[0]!.id]);
      // attribution moves the article's filters too
      const outlet = { id: 'isle-example', name: 'isle.example', names: { hans: '', hant: '', en: '' }, region: 'INTL' as const };
      await store.attributeArticle(v1.articles[0]!.id, outlet, { at: '2031-11-20T02:00:00.000Z', precision: 'second', day: '2031-11-20', original: '2031-11-20 10:00' });
      assert.equal((await searchArchive(store, '浮台 since:2031-11-20', {}, ctx)).total, 1);
      assert.equal((await searchArchive(store, '浮台 until:2031-11-19', {}, ctx)).total, 0);
      assert.equal((await searchArchive(store, '浮台 outlet:isle-example', {}, ctx)).total, 1);
    }));
  });
}
