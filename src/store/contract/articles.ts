// Contract: import and the article side of a store — idempotent commits, versions,
// sources and raw bytes, lists and their filters, stats, outlets, meta, attribution,
// stamps and generations, and rebuilding articles in place as reindex does.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import iconv from 'iconv-lite';
import { locationKey, newRebuildPass, sha256Hex, unpackRaw, type ImportItem, type RebuildPass } from '../store.js';
import { demoItems, docOf, idsOf, itemOf, notice, noticeBytes, PARSER, titles, withStore, type OpenStore } from './fixtures.js';

const pier = (n: number, body = `望潮碼頭第${n}號通告：渡輪改於臨時浮台上落。`): ImportItem =>
  notice(`pier/${n}.md`, { title: `望潮碼頭第${n}號通告`, date: `2031-10-0${n} 09:00:00`, url: `https://ferry.example/notice/${n}`, body: [body] });

/** an invented notice in GBK, as an older mainland page would be saved */
const gbkPage = (): Uint8Array => iconv.encode('<html><head><meta charset="gbk"><title>渡轮码头改建</title>'
  + '<meta property="article:published_time" content="2031-10-03T09:00:00+08:00"></head><body><article><h1>渡轮码头改建</h1>'
  + '<p>望潮码头今天开始改建，渡轮改泊临时浮台。工程预计三个月完成，期间乘客需提前十分钟到达。</p>'
  + '<p>港口管理处表示会加派人手维持秩序。</p></article></body></html>', 'gbk');

export function articleContract(open: OpenStore): void {
  describe('import is idempotent', () => {
    test('committing the same items twice: added, then unchanged, with the same ids and hashes', () => withStore(open, async ({ store }) => {
      const items = [pier(1), pier(2), ...demoItems()];
      const first = await store.commit(items, PARSER);
      assert.deepEqual(first, items.map((i) => i.articles.map(() => 'added')));
      const stamp = await store.articlesStamp();
      const again = await store.commit([pier(1), pier(2), ...demoItems()], PARSER);
      assert.deepEqual(again, items.map((i) => i.articles.map(() => 'unchanged')));
      assert.equal(await store.articlesStamp(), stamp, 'an unchanged import leaves the articles stamp');
      for (const item of items) {
        for (const a of item.articles) assert.deepEqual(await store.getArticle(a.id), JSON.parse(a.doc));
        const known = await store.knownSource(locationKey(item.location));
        // the ids of a source in no particular order
        assert.deepEqual({ ...known, articleIds: known?.articleIds.sort() }, { sha256: item.sha256, status: 'ok', reason: null, parser: PARSER, articleIds: item.articles.map((a) => a.id).sort() });
      }
      const stats = await store.stats();
      assert.equal(stats.articles, 11);
      assert.equal(stats.versions, 0);
      assert.equal(stats.sources, 10);
      assert.equal(await store.knownSource('file||pier/9.md'), undefined);
      // many at once: the same answers, unknown keys absent, a key asked twice answered once
      const keys = [...items.map((i) => locationKey(i.location)), 'file||pier/9.md', locationKey(items[0]!.location)];
      const many = await store.knownSources(keys);
      assert.deepEqual([...many.keys()].sort(), [...new Set(items.map((i) => locationKey(i.location)))].sort());
      for (const item of items) {
        const k = locationKey(item.location);
        const one = await store.knownSource(k);
        assert.deepEqual({ ...many.get(k), articleIds: many.get(k)?.articleIds.sort() }, { ...one, articleIds: one?.articleIds.sort() });
      }
      assert.equal((await store.knownSources([])).size, 0);
    }));

    test('a file read in parts: the first part keeps the bytes, later parts add their articles, the source is done at the last part', () => withStore(open, async ({ store }) => {
      const one = pier(1), two = pier(2);
      const location = { kind: 'file' as const, path: 'feeds/big.xml' };
      const key = locationKey(location);
      const first: ImportItem = { ...one, location, part: { index: 0, last: false } };
      const last: ImportItem = { ...two, location, sha256: one.sha256, raw: { ...one.raw, data: new Uint8Array(0) }, part: { index: 1, last: true } };
      assert.deepEqual(await store.commit([first], PARSER), [['added']]);
      // until its last part the file counts as not read (a rerun after a crash reads it again)
      assert.deepEqual({ ...(await store.knownSource(key)), articleIds: undefined }, { sha256: one.sha256, status: 'ok', reason: null, parser: 0, articleIds: undefined });
      assert.deepEqual(await store.commit([last], PARSER), [['added']]);
      const known = await store.knownSource(key);
      assert.equal(known?.parser, PARSER);
      assert.deepEqual(known?.articleIds.sort(), [one.articles[0]!.id, two.articles[0]!.id].sort());
      assert.deepEqual(await store.getRaw(one.sha256), unpackRaw(one.raw.codec, one.raw.data), 'the first part\'s bytes');
      // read again in parts: unchanged, links kept
      assert.deepEqual(await store.commit([first, last], PARSER), [['unchanged'], ['unchanged']]);
      assert.deepEqual((await store.knownSource(key))?.articleIds.sort(), known?.articleIds.sort());
    }));

    test('import roots: each recorded once, listed in order', () => withStore(open, async ({ store }) => {
      assert.deepEqual(await store.importRoots(), []);
      for (const p of ['/srv/mirrors/zeta', '/srv/mirrors/alpha', '/srv/mirrors/zeta']) await store.addImportRoot(p);
      assert.deepEqual(await store.importRoots(), ['/srv/mirrors/alpha', '/srv/mirrors/zeta']);
    }));

    test('the same article in another file is a duplicate: the first copy stays, both sources are listed', () => withStore(open, async ({ store }) => {
      const a = pier(1);
      const mirror: ImportItem = { ...itemOf({ kind: 'file', path: 'mirror/1.md' }, noticeBytes({ title: '望潮碼頭第1號通告', date: '2031-10-01 09:00:00', url: 'https://ferry.example/notice/1', body: ['望潮碼頭第1號通告：渡輪改於臨時浮台上落。'] })) };
      assert.equal(mirror.articles[0]!.id, a.articles[0]!.id);
      assert.deepEqual(await store.commit([a], PARSER), [['added']]);
      assert.deepEqual(await store.commit([mirror], PARSER), [['duplicate']]);
      // a mirror with other content does not replace the first copy either
      const changedMirror = itemOf({ kind: 'file', path: 'mirror/1.md' }, noticeBytes({ title: '望潮碼頭第1號通告', date: '2031-10-01 09:00:00', url: 'https://ferry.example/notice/1', body: ['鏡像改寫過的內容。'] }));
      assert.deepEqual(await store.commit([changedMirror], PARSER), [['duplicate']]);
      assert.deepEqual(await store.getArticle(a.articles[0]!.id), docOf(a));
      const sources = await store.articleSources(a.articles[0]!.id);
      assert.deepEqual(sources.map((s) => [s.key, s.kind, s.path, s.status, s.sha256, s.format, s.encoding]), [
        ['file||pier/1.md', 'file', 'pier/1.md', 'ok', a.sha256, 'front-matter', 'utf-8'],
        ['file||mirror/1.md', 'file', 'mirror/1.md', 'ok', changedMirror.sha256, 'front-matter', 'utf-8'],
      ]);
      assert.equal((await store.stats()).articles, 1);
      assert.deepEqual(await store.articleVersions(a.articles[0]!.id), []);
    }));

    test('a feed of two articles commits both; one batch holds many files', () => withStore(open, async ({ store }) => {
      const demo = demoItems();
      const feed = demo.find((i) => i.location.path === 'demo/05-harbour-feed.atom')!;
      assert.equal(feed.articles.length, 2);
      const out = await store.commit(demo, PARSER);
      assert.deepEqual(out[demo.indexOf(feed)], ['added', 'added']);
      assert.deepEqual((await store.knownSource(locationKey(feed.location)))!.articleIds.sort(), ['86b220ec533a1aa9', 'ba22969aef835a58']);
      assert.deepEqual((await store.articlesByIds(['86b220ec533a1aa9', 'nosuch', 'ba22969aef835a58'])).map((a) => a.id), ['86b220ec533a1aa9', 'ba22969aef835a58']);
    }));
  });

  describe('versions', () => {
    test('changed content is a new version; earlier versions come back newest first', () => withStore(open, async ({ store }) => {
      const v1 = pier(1, '第一稿：渡輪改於臨時浮台上落。');
      const v2 = pier(1, '第二稿：渡輪改於東側浮台上落。');
      const v3 = pier(1, '第三稿：渡輪恢復原有碼頭上落。');
      const id = v1.articles[0]!.id;
      assert.equal(v2.articles[0]!.id, id);
      assert.deepEqual(await store.commit([v1], PARSER), [['added']]);
      const stamp1 = await store.articlesStamp();
      assert.deepEqual(await store.commit([v2], PARSER), [['updated']]);
      const stamp2 = await store.articlesStamp();
      assert.notEqual(stamp2, stamp1, 'a new version changes the articles stamp');
      assert.deepEqual(await store.commit([v3], PARSER), [['updated']]);
      assert.deepEqual(await store.commit([v3], PARSER), [['unchanged']]);
      assert.deepEqual((await store.getArticle(id))!.paragraphs, ['第三稿：渡輪恢復原有碼頭上落。']);
      const versions = await store.articleVersions(id);
      assert.deepEqual(versions.map((v) => [v.version, v.article]), [[2, docOf(v2)], [1, docOf(v1)]]);
      for (const v of versions) assert.match(v.replacedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
      assert.equal((await store.stats()).versions, 2);
      assert.equal((await store.stats()).articles, 1);
      // the raw bytes of every version are kept
      for (const v of [v1, v2, v3]) assert.deepEqual(Buffer.from((await store.getRaw(v.sha256))!), Buffer.from(noticeBytesOf(v)));
      assert.equal((await store.knownSource('file||pier/1.md'))!.sha256, v3.sha256);
    }));

    test('a file that no longer holds an article unlinks it from that source', () => withStore(open, async ({ store }) => {
      const a = pier(1);
      await store.commit([a], PARSER);
      const other = notice('pier/1.md', { title: '另一則通告', date: '2031-10-01 10:00:00', url: 'https://ferry.example/notice/other', body: ['換了一篇。'] });
      assert.deepEqual(await store.commit([other], PARSER), [['added']]);
      assert.deepEqual((await store.knownSource('file||pier/1.md'))!.articleIds, [other.articles[0]!.id]);
      assert.deepEqual(await store.articleSources(a.articles[0]!.id), []);
      assert.equal((await store.stats()).articles, 2);
    }));
  });

  describe('sources and raw bytes', () => {
    test('raw bytes come back exactly: UTF-8, GBK and binary; rejected files are known with their reason', () => withStore(open, async ({ store }) => {
      const gbk = gbkPage();
      const gbkItem = itemOf({ kind: 'url', url: 'https://ferry.example/gbk/1.html' }, gbk, 'gbk/1.html');
      assert.equal(gbkItem.encoding, 'gb18030');
      const binary = Uint8Array.from({ length: 512 }, (_, i) => (i * 37 + 11) % 256);
      const binItem = itemOf({ kind: 'file', path: 'bin/blob.md' }, binary);
      assert.equal(binItem.status, 'rejected');
      const tarItem = itemOf({ kind: 'tar', path: 'posts/a.md', repo: '/archives/pier.tar' }, noticeBytes({ title: '碼頭通告', date: '2031-10-05 08:00:00', body: ['存檔中的通告。'] }));
      const gitItem = itemOf({ kind: 'git', path: 'posts/b.md', repo: '/repos/pier', commit: 'a'.repeat(40) }, noticeBytes({ title: '碼頭第二通告', date: '2031-10-06 08:00:00', body: ['版本庫中的通告。'] }));
      const md = pier(1);
      await store.commit([md, gbkItem, binItem, tarItem, gitItem], PARSER);
      assert.deepEqual(Buffer.from((await store.getRaw(gbkItem.sha256))!), Buffer.from(gbk));
      assert.deepEqual(Buffer.from((await store.getRaw(binItem.sha256))!), Buffer.from(binary));
      assert.equal(binItem.sha256, sha256Hex(binary));
      assert.equal(await store.getRaw('0'.repeat(64)), undefined);
      assert.equal((await store.getArticle(gbkItem.articles[0]!.id))!.title, '渡轮码头改建');
      assert.deepEqual(await store.knownSource('file||bin/blob.md'), {
        sha256: binItem.sha256, status: 'rejected', reason: 'binary content (NUL bytes), not a text file', parser: PARSER, articleIds: [],
      });
      const all = [];
      for await (const s of store.allSources()) all.push(s);
      assert.deepEqual(all.map((s) => [s.key, s.location, s.sha256]), [
        ['file||pier/1.md', { kind: 'file', path: 'pier/1.md' }, md.sha256],
        ['url||https://ferry.example/gbk/1.html', { kind: 'url', url: 'https://ferry.example/gbk/1.html' }, gbkItem.sha256],
        ['file||bin/blob.md', { kind: 'file', path: 'bin/blob.md' }, binItem.sha256],
        ['tar|/archives/pier.tar|posts/a.md', { kind: 'tar', path: 'posts/a.md', repo: '/archives/pier.tar' }, tarItem.sha256],
        ['git|/repos/pier|posts/b.md', { kind: 'git', path: 'posts/b.md', repo: '/repos/pier', commit: 'a'.repeat(40) }, gitItem.sha256],
      ]);
      assert.deepEqual(Buffer.from(all[1]!.bytes), Buffer.from(gbk));
      assert.deepEqual(Buffer.from(all[2]!.bytes), Buffer.from(binary));
      const sources = await store.articleSources(gitItem.articles[0]!.id);
      assert.deepEqual(sources, [{ kind: 'git', path: 'posts/b.md', repo: '/repos/pier', commit: 'a'.repeat(40), key: 'git|/repos/pier|posts/b.md', status: 'ok', format: 'front-matter', encoding: 'utf-8', sha256: gitItem.sha256 }]);
      const stats = await store.stats();
      assert.equal(stats.sources, 4);
      assert.equal(stats.rejected, 1);
      assert.equal(stats.rawBytes, [md, gbkItem, binItem, tarItem, gitItem].reduce((n, i) => n + i.raw.size, 0));
      assert.equal(stats.storedBytes, [md, gbkItem, binItem, tarItem, gitItem].reduce((n, i) => n + i.raw.data.length, 0));
      assert.deepEqual(stats.formats, { 'front-matter': 3, 'html-page': 1 });
    }));

    test('one file\'s bytes under two locations are stored once and read back under both', () => withStore(open, async ({ store }) => {
      const bytes = noticeBytes({ title: '同一檔案', date: '2031-10-07 08:00:00', body: ['兩處存放的同一檔案。'] });
      const a = itemOf({ kind: 'file', path: 'one/x.md' }, bytes);
      const b = itemOf({ kind: 'file', path: 'two/x.md' }, bytes);
      await store.commit([a, b], PARSER);
      assert.equal((await store.stats()).rawBytes, bytes.length);
      assert.deepEqual(Buffer.from((await store.getRaw(a.sha256))!), bytes);
    }));
  });

  describe('lists, stats and outlets', () => {
    // 23:30 and 00:30 in Hong Kong: one UTC day, two local days
    const late = notice('days/late.md', { title: '深夜通告', date: '2031-10-01 23:30:00', url: 'https://ferry.example/days/late', body: ['深夜的通告。'] });
    const early = notice('days/early.md', { title: '凌晨通告', date: '2031-10-02 00:30:00', url: 'https://ferry.example/days/early', body: ['凌晨的通告。'] });
    const empty = notice('days/empty.md', { title: '空白頁', date: '2031-10-02 08:00:00', url: 'https://ferry.example/days/empty', body: [] });

    test('the outlet\'s local days decide since/until; flagged pages only when asked; newest first', () => withStore(open, async ({ store }) => {
      await store.commit([late, early, empty, ...demoItems()], PARSER);
      assert.equal(late.articles[0]!.publishedAt!.slice(0, 10), early.articles[0]!.publishedAt!.slice(0, 10));
      assert.deepEqual(titles(await store.listArticles({ outlet: 'ferry-example' })), ['凌晨通告', '深夜通告']);
      assert.deepEqual(titles(await store.listArticles({ outlet: 'ferry-example', includeFlagged: true })), ['空白頁', '凌晨通告', '深夜通告']);
      assert.deepEqual(titles(await store.listArticles({ outlet: 'ferry-example', until: '2031-10-02' })), ['深夜通告']);
      assert.deepEqual(titles(await store.listArticles({ outlet: 'ferry-example', since: '2031-10-02' })), ['凌晨通告']);
      assert.deepEqual(titles(await store.listArticles({ since: '2031-10-02', until: '2031-10-03', includeFlagged: true })), ['空白頁', '凌晨通告']);
      const all = await store.listArticles({});
      // undated articles last; equal times by id
      assert.deepEqual(all.map((a) => a.id), [
        'e9975bc1583277ec', '71730f95f2f33357', '86b220ec533a1aa9', 'ba22969aef835a58', '6e7b5ad7d09fb759', 'eb5ed0ec32e94476',
        '3f65ab01c1dd220a', '4d332cf58f30f605', early.articles[0]!.id, late.articles[0]!.id, '39f0f336fbd6b500',
      ]);
      assert.deepEqual((await store.listArticles({ limit: 3, offset: 2 })).map((a) => a.id), ['86b220ec533a1aa9', 'ba22969aef835a58', '6e7b5ad7d09fb759']);
      assert.deepEqual(titles(await store.listArticles({ outlet: 'news-harbour-example', since: '2031-10-15', until: '2031-10-20' })), ['大橋通車 望潮島樓價升兩成']);
      assert.equal((await store.listArticles({ limit: 100 })).length, 11);
      assert.deepEqual(await store.listArticles({ outlet: 'nosuch' }), []);
    }));

    test('articles of one instant are listed by id, and pages split them the same way', () => withStore(open, async ({ store }) => {
      const same = [3, 1, 2].map((n) => notice(`same/${n}.md`, { title: `同時通告${n}`, date: '2031-10-03 12:00:00', url: `https://ferry.example/same/${n}`, body: [`同一時間的第${n}則通告。`] }));
      await store.commit(same, PARSER);
      const byId = idsOf(same).sort();
      assert.deepEqual((await store.listArticles({})).map((a) => a.id), byId);
      assert.deepEqual((await store.listArticles({ limit: 1, offset: 1 })).map((a) => a.id), [byId[1]]);
    }));

    test('stats count news, flagged pages, outlets with their first and last, scripts', () => withStore(open, async ({ store }) => {
      await store.commit([late, early, empty, ...demoItems()], PARSER);
      const s = await store.stats();
      assert.equal(s.articles, 11);
      assert.equal(s.flagged, 1);
      assert.deepEqual(s.scripts, { hans: 8, hant: 3 });
      assert.deepEqual(s.outlets, [
        { id: 'nanyang-morning-example', name: '南洋晨报', articles: 2, first: '2031-10-14T09:15:00.000Z', last: '2031-10-20T04:00:00.000Z' },
        { id: 'news-harbour-example', name: 'news.harbour.example', articles: 3, first: '2031-10-14T03:20:00.000Z', last: '2031-10-20T01:00:00.000Z' },
        { id: 'qingchuan-daily-example', name: '晴川日报', articles: 2, first: '2031-10-14T03:10:00.000Z', last: '2031-10-20T01:30:00.000Z' },
        { id: 'ferry-example', name: 'ferry.example', articles: 2, first: '2031-10-01T15:30:00.000Z', last: '2031-10-01T16:30:00.000Z' },
        { id: 'unknown', name: 'unknown', articles: 1, first: null, last: null },
        { id: 'wire-dongfang-example', name: '东方社', articles: 1, first: '2031-10-14T02:00:00.000Z', last: '2031-10-14T02:00:00.000Z' },
      ].sort((a, b) => b.articles - a.articles || (a.id < b.id ? -1 : 1)));
      const outlets = await store.outlets();
      assert.deepEqual(outlets.map((o) => o.id), ['ferry-example', 'nanyang-morning-example', 'news-harbour-example', 'qingchuan-daily-example', 'unknown', 'wire-dongfang-example']);
      assert.deepEqual(outlets[0], (docOf(late) as { outlet: unknown }).outlet);
      const news = [];
      for await (const a of store.allArticles()) news.push(a.id);
      assert.deepEqual(news.sort(), [...idsOf([late, early, ...demoItems()])].sort());
    }));
  });

  describe('meta, attribution, stamps', () => {
    test('meta keeps the last value of a key', () => withStore(open, async ({ store }) => {
      assert.equal(await store.getMeta('contract.key'), undefined);
      await store.setMeta('contract.key', '一');
      await store.setMeta('contract.other', 'x');
      await store.setMeta('contract.key', '二');
      assert.equal(await store.getMeta('contract.key'), '二');
      assert.equal(await store.getMeta('contract.other'), 'x');
    }));

    test('attributeArticle moves an article to the outlet and date analysis found, and drops its no-date flag', () => withStore(open, async ({ store }) => {
      await store.commit(demoItems(), PARSER);
      const id = '39f0f336fbd6b500';
      assert.deepEqual((await store.getArticle(id))!.flags, ['no-date']);
      const wire = (await store.getArticle('4d332cf58f30f605'))!;
      const stamp = await store.generation();
      await store.attributeArticle(id, wire.outlet, wire.published);
      assert.notEqual(await store.generation(), stamp);
      const a = (await store.getArticle(id))!;
      assert.deepEqual([a.outlet, a.published, a.flags], [wire.outlet, wire.published, []]);
      assert.deepEqual((await store.listArticles({ outlet: 'wire-dongfang-example' })).map((x) => x.id).sort(), ['39f0f336fbd6b500', '4d332cf58f30f605']);
      assert.deepEqual((await store.listArticles({ since: '2031-10-14', until: '2031-10-15', outlet: 'wire-dongfang-example' })).length, 2);
      assert.deepEqual((await store.stats()).outlets.find((o) => o.id === 'unknown')!.articles, 0);
      // an id the store does not hold: nothing happens
      await store.attributeArticle('ffffffffffffffff', wire.outlet, wire.published);
      assert.equal(await store.getArticle('ffffffffffffffff'), undefined);
    }));

    test('generation moves with every write, also one made by another instance', () => withStore(open, async ({ store, reopen }) => {
      const seen = new Set<string>([await store.generation()]);
      const step = async (what: string, write: () => Promise<unknown>): Promise<void> => {
        await write();
        const g = await store.generation();
        assert.ok(!seen.has(g), `generation did not move after ${what}`);
        seen.add(g);
      };
      await step('commit', () => store.commit([pier(1)], PARSER));
      await step('setMeta', () => store.setMeta('contract.key', '1'));
      await step('replaceLineage', () => store.replaceLineage([]));
      await step('saveEvents', () => store.saveEvents([], []));
      await step('watch.addSource', () => store.watch.addSource({ url: 'https://ferry.example/feed', kind: 'feed', outlet: null, at: '2031-10-01T00:00:00.000Z', nextPollAt: null, intervalS: 600 }));
      await step('sweepDerived', () => store.sweepDerived(newRebuildPass()));
      const same = await store.generation();
      assert.equal(await store.generation(), same, 'generation is stable without writes');
      if (!reopen) return;
      const other = await reopen();
      try {
        await step('a commit by another instance', () => other.commit([pier(2)], PARSER));
      } finally {
        await other.close();
      }
    }));

    test('a rebuild in place: every article readable between its batches, a changed reader\'s output overwrites, leftovers swept at the end', () => withStore(open, async ({ store }) => {
      const items = [pier(1), pier(2), pier(3), pier(4), ...demoItems()];
      await store.commit(items, PARSER);
      const before = idsOf(items);
      const versions = (await store.stats()).versions;
      // the rebuilt archive: pier 2 reads differently now, pier 4 gives no article any more
      const rebuilt = [pier(1), pier(2, '望潮碼頭第2號通告：浮台明日啟用。'), pier(3), { ...pier(4), status: 'rejected' as const, reason: 'unreadable', articles: [] }, ...demoItems()];
      const pass = rebuildOf(rebuilt);
      for (const item of rebuilt) {
        const outcomes = await store.commit([item], PARSER, pass);
        assert.deepEqual(outcomes, [item.articles.map(() => 'added')], 'an article first written by the rebuild counts as added');
        // a reader between batches: every article there, old or new
        for (const id of before) assert.ok(await store.getArticle(id), `article ${id} missing during the rebuild`);
      }
      assert.deepEqual(await store.getArticle(rebuilt[1]!.articles[0]!.id), docOf(rebuilt[1]!), 'the rewritten article');
      assert.equal((await store.stats()).versions, versions, 'a rebuild keeps no earlier version');
      const gone = pier(4).articles[0]!.id;
      assert.ok(await store.getArticle(gone), 'the leftover stays readable until the sweep');
      assert.equal(await store.sweepDerived(pass), 1);
      assert.equal(await store.getArticle(gone), undefined);
      assert.deepEqual((await store.listArticles({ includeFlagged: true, limit: 100 })).map((a) => a.id).sort(), idsOf(rebuilt).sort());
      assert.deepEqual((await store.knownSource(locationKey(rebuilt[3]!.location)))?.articleIds, []);
    }));

    test('a rebuild killed half-way leaves every article readable; a rerun completes it; an article of a concurrent import is not swept', () => withStore(open, async ({ store }) => {
      const items = [pier(1), pier(2), pier(3), ...demoItems()];
      await store.commit(items, PARSER);
      const first = rebuildOf(items);
      await store.commit(items.slice(0, 2), PARSER, first);
      // killed here: no sweep; a new import lands meanwhile
      for (const id of idsOf(items)) assert.ok(await store.getArticle(id), `article ${id} missing after a killed rebuild`);
      await store.commit([pier(5)], PARSER);
      const rerun = rebuildOf(items);
      for (const item of items) await store.commit([item], PARSER, rerun);
      assert.equal(await store.sweepDerived(rerun), 0);
      assert.deepEqual((await store.listArticles({ includeFlagged: true, limit: 100 })).map((a) => a.id).sort(), idsOf([...items, pier(5)]).sort());
      for (const item of items) for (const a of item.articles) assert.deepEqual(await store.getArticle(a.id), JSON.parse(a.doc));
      assert.equal((await store.stats()).versions, 0);
    }));

    test('a reader in another connection sees every article all through a rebuild', () => withStore(open, async ({ store, reopen }) => {
      if (!reopen) return;
      const items = Array.from({ length: 9 }, (_, i) => pier(i + 1));
      await store.commit(items, PARSER);
      const reader = await reopen();
      try {
        const pass = rebuildOf(items);
        const seen: number[] = [];
        for (const item of items) {
          await store.commit([item], PARSER, pass);
          seen.push((await reader.stats()).articles, (await reader.listArticles({ limit: 100 })).length);
        }
        await store.sweepDerived(pass);
        seen.push((await reader.stats()).articles);
        assert.deepEqual(seen, seen.map(() => 9));
      } finally {
        await reader.close();
      }
    }));
  });
}

/** a rebuild pass over these items' sources, as reindex makes one */
function rebuildOf(items: readonly ImportItem[]): RebuildPass {
  const pass = newRebuildPass();
  for (const i of items) pass.sources.add(locationKey(i.location));
  return pass;
}

/** the bytes an item was parsed from, read back through its own packing */
const noticeBytesOf = (item: ImportItem): Buffer => Buffer.from(unpackRaw(item.raw.codec, item.raw.data));
