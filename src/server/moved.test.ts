// An event or thread id a regrouping ended answers with a redirect to where its first
// article went (pages and API, the query kept), not a 404; an id whose article is in no
// event stays a 404 (a 503 while a regrouping that may place it again runs); a stored id is
// served as before. A real SQLite archive, real HTTP handling (Hono's fetch), events saved
// as a regrouping saves them.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { EventRecord, ThreadRecord } from '../store/store.js';
import { SqliteStore } from '../store/sqlite/store.js';
import { AliasTable } from '../text/aliases.js';
import { segmenter } from '../text/segment.js';
import { createApp } from './app.js';
import { movedTo } from './moved.js';
import { notice, PARSER } from '../store/contract/fixtures.js';

const a1 = '1111111111111111', a2 = '2222222222222222', a0 = '0000000000000abc';
const member = (article: string, published: string) => ({ article, outlet: 'qingchuan-daily-example', role: 'report' as const, similarity: 0.5, published, why: [] });
const event = (first: string, members: string[], thread: string): EventRecord => ({
  id: `e${first}`, thread, label: { hans: '晴川大桥通车', hant: '晴川大橋通車' }, keywords: ['大桥'], first: '2031-10-14T02:00:00.000Z', last: '2031-10-14T03:00:00.000Z',
  outlets: ['qingchuan-daily-example'], members: members.map((m) => member(m, '2031-10-14T02:00:00.000Z')),
});
const thread = (id: string, events: string[]): ThreadRecord => ({ id, label: { hans: '晴川大桥', hant: '晴川大橋' }, keywords: ['大桥'], first: '2031-10-14T02:00:00.000Z', last: '2031-10-14T03:00:00.000Z', events, outlets: ['qingchuan-daily-example'], articles: 2 });

test('an ended event or thread id redirects (307) to where its first article went; unknown ids stay 404', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'px-moved-'));
  const store = new SqliteStore(join(dir, 'moved.db'));
  try {
    // the first grouping: a1 and a2 are one event of their own thread
    await store.saveEvents([event(a1, [a1, a2], `t${a1}`)], [thread(`t${a1}`, [`e${a1}`])]);
    const app = createApp({ store, text: { segmenter: segmenter(), aliases: new AliasTable() }, lexicons: [] });
    assert.equal(await movedTo(store, `e${a1}`), undefined, 'a stored event has not moved');
    assert.equal(await movedTo(store, `t${a1}`), undefined, 'a stored thread has not moved');

    // a regrouping: an earlier article a0 opens the event now, and its thread
    await store.saveEvents([event(a0, [a0, a1, a2], `t${a0}`)], [thread(`t${a0}`, [`e${a0}`])]);
    assert.equal(await movedTo(store, `e${a1}`), `e${a0}`);
    assert.equal(await movedTo(store, `t${a1}`), `t${a0}`);
    assert.equal(await movedTo(store, `e${a2}`), `e${a0}`, 'any member names where the event went');
    assert.equal(await movedTo(store, `e${'9'.repeat(16)}`), undefined);

    for (const [path, to] of [
      [`/event/e${a1}?lang=hant`, `/event/e${a0}?lang=hant`], [`/thread/t${a1}`, `/thread/t${a0}`],
      [`/api/events/e${a1}?show=all`, `/api/events/e${a0}?show=all`], [`/api/threads/t${a1}`, `/api/threads/t${a0}`],
    ] as const) {
      const r = await app.request(`http://127.0.0.1${path}`);
      assert.equal(r.status, 307, path);
      assert.equal(r.headers.get('location'), to, path);
    }
    for (const path of [`/event/e${'9'.repeat(16)}`, `/thread/t${'9'.repeat(16)}`, `/api/events/e${'9'.repeat(16)}`, `/api/threads/t${'9'.repeat(16)}`, '/event/e123']) {
      const r = await app.request(`http://127.0.0.1${path}`);
      assert.equal(r.status, 404, path);
    }
    // a regrouping at work forgets every placement and places the articles again: an ended
    // id naming an article it has not placed yet answers "try again shortly" (503) while
    // the run holds its lease, and "not found" when no run is at work
    const item = notice('moved/n1.md', { title: '晴川大桥今日通车', date: '2031-10-14 10:00', body: ['晴川大桥今日通车，市民踊跃前往参观。'] });
    await store.commit([item], PARSER);
    const n1 = item.articles[0]!.id;
    await store.exclusive('analysis', async () => {
      for (const path of [`/thread/t${n1}`, `/api/threads/t${n1}`, `/event/e${n1}`, `/api/events/e${n1}`]) {
        const r = await app.request(`http://127.0.0.1${path}`);
        assert.equal(r.status, 503, path);
        assert.equal(r.headers.get('retry-after'), '10', path);
      }
      assert.equal((await app.request(`http://127.0.0.1/thread/t${'9'.repeat(16)}`)).status, 404, 'an id naming no article is still not found');
      assert.equal((await app.request(`http://127.0.0.1/thread/t${a1}`)).status, 307, 'a placed article still redirects');
    });
    assert.equal((await app.request(`http://127.0.0.1/thread/t${n1}`)).status, 404, 'no run at work: an article in no event is not found');

    const stored = await app.request(`http://127.0.0.1/api/threads/t${a0}`);
    assert.equal(stored.status, 200);
    assert.deepEqual(((await stored.json()) as { events: Array<{ id: string }> }).events.map((e) => e.id), [`e${a0}`]);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
