// A search's bounds as the server shows them, on a real PostgreSQL archive through the real
// app (Hono's fetch): a search that cannot finish in time (another session holds the search
// table locked) is stopped by PostgreSQL's statement timeout and answered 503 search-timeout
// with Retry-After, on the API and on the page, and the next search answers; a total past the
// cap is "N+" on the page and `capped` in the JSON; an offset at the cap is a 400 with a reason.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import pg from 'pg';
import { freshDatabase, needsPostgres } from '../../test/postgres.js';
import { searchArchive } from '../search/search.js';
import { ctx, demoItems, notice, PARSER } from '../store/contract/fixtures.js';
import { PostgresStore } from '../store/postgres/store.js';
import { SEARCH_CAP, SearchTimeoutError } from '../store/store.js';
import { createApp } from './app.js';

const drops: Array<() => Promise<void>> = [];
after(async () => { for (const d of drops) await d(); });

test('a search past its time is stopped: SearchTimeoutError, API 503 search-timeout with Retry-After, the page 503; then searches answer again', needsPostgres(), async () => {
  const f = await freshDatabase('searchbounds');
  drops.push(f.drop);
  const store = await PostgresStore.open(f.url);
  const locker = new pg.Client(f.url);
  await locker.connect();
  try {
    await store.commit(demoItems(), PARSER);
    assert.ok((await searchArchive(store, '大桥', {}, ctx)).total > 0);
    store.searchTimeoutMs = 300;
    const app = createApp({ store, text: ctx, lexicons: [] });
    // a writer rebuilding the index holds the table: a search's statement waits for it, and the wait counts
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE search IN ACCESS EXCLUSIVE MODE');
    const t = performance.now();
    await assert.rejects(searchArchive(store, '大桥', {}, ctx), (e: unknown) => e instanceof SearchTimeoutError && /300 ms/.test((e as Error).message));
    const waited = performance.now() - t;
    assert.ok(waited >= 250 && waited < 5000, `stopped after ${waited.toFixed(0)} ms`);
    const api = await app.request('/api/search?q=%E5%A4%A7%E6%A1%A5');
    assert.equal(api.status, 503);
    assert.equal(api.headers.get('retry-after'), '5');
    const body = await api.json() as { code: string; error: string };
    assert.equal(body.code, 'search-timeout');
    assert.doesNotMatch(body.error, /at .*\.ts|statement timeout/, 'a sentence, no stack or server message');
    const page = await app.request('/?q=%E5%A4%A7%E6%A1%A5&lang=en');
    assert.equal(page.status, 503);
    assert.match(await page.text(), /The search took too long/);
    await locker.query('ROLLBACK');
    // the pool's connection was not left in a failed transaction
    const again = await app.request('/api/search?q=%E5%A4%A7%E6%A1%A5');
    assert.equal(again.status, 200);
    const r = await again.json() as { total: number; capped: boolean };
    assert.ok(r.total > 0 && r.capped === false);
  } finally {
    await locker.end();
    await store.close();
  }
});

test('past the cap: the page says "1,000+ results", the JSON says capped, an offset at the cap is a 400 offset-past-cap', needsPostgres(), async () => {
  const f = await freshDatabase('searchcap');
  drops.push(f.drop);
  const store = await PostgresStore.open(f.url);
  try {
    // invented notices, one more than the cap
    const items = Array.from({ length: SEARCH_CAP + 1 }, (_, i) => notice(`cap/${i}.md`, { title: `渡輪通告第${i}號`, date: '2031-11-06 10:00:00', url: `https://ferry.example/cap/${i}`, body: [`渡輪今日第${i}班加開。`] }));
    for (let i = 0; i < items.length; i += 500) await store.commit(items.slice(i, i + 500), PARSER);
    const app = createApp({ store, text: ctx, lexicons: [] });
    const q = encodeURIComponent('渡輪');
    const api = await app.request(`/api/search?q=${q}&copies=all`);
    assert.equal(api.status, 200);
    const r = await api.json() as { total: number; capped: boolean; hits: unknown[] };
    assert.deepEqual([r.total, r.capped, r.hits.length], [SEARCH_CAP, true, 20]);
    const page = await app.request(`/?q=${q}&lang=en`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /id="total">1,000\+ results/);
    const last = await app.request(`/api/search?q=${q}&copies=all&offset=${SEARCH_CAP - 1}`);
    assert.equal((await last.json() as { hits: unknown[] }).hits.length, 1, 'the last listed hit');
    const past = await app.request(`/api/search?q=${q}&offset=${SEARCH_CAP}`);
    assert.equal(past.status, 400);
    assert.equal((await past.json() as { code: string }).code, 'offset-past-cap');
    const pastPage = await app.request(`/?q=${q}&offset=${SEARCH_CAP}&lang=hans`);
    assert.equal(pastPage.status, 400);
    assert.match(await pastPage.text(), /只列出前 1000 篇结果/);
    // under the cap: exact, not capped
    const one = await app.request(`/api/search?q=${encodeURIComponent('"渡輪今日第7班"')}`);
    assert.deepEqual(await one.json().then((x) => [(x as { total: number }).total, (x as { capped: boolean }).capped]), [1, false]);
  } finally {
    await store.close();
  }
});
