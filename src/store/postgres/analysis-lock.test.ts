// Two analysis runs at once on one PostgreSQL archive, from two connections pools (as two
// processes would): the advisory lock makes them one after another, so the events are
// exactly those of a single run and no event is built twice.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { freshDatabase, needsPostgres } from '../../../test/postgres.js';
import { analyzeArchive } from '../../stories/analyze.js';
import { ctx, demoItems, notice, PARSER } from '../contract/fixtures.js';
import type { Store } from '../store.js';
import { PostgresStore } from './store.js';

const drops: Array<() => Promise<void>> = [];
after(async () => { for (const d of drops) await d(); });

const items = () => [
  ...demoItems(),
  ...['望潮岛', '晴川', '南洋', '海港'].flatMap((place, i) => ['news.harbour.example', 'www.nanyang.example'].map((host, n) => notice(`n/${i}-${n}.md`, {
    title: `${place}码头新泊位启用${n ? '，首批货船靠岸' : ''}`, date: `2031-11-0${i + 1} 1${n}:00`, url: `https://${host}/n/${i}-${n}`,
    body: [`${place}码头新泊位今日启用，港务局表示新泊位可停靠大型货船。`, `港务局预计${place}码头的货运量明年增加三成。`],
  }))),
];

const memberSets = async (s: Store): Promise<string[]> =>
  (await s.listEvents({ limit: 1000 })).events.map((e) => e.members.map((m) => m.article).sort().join(',')).sort();

async function archive(): Promise<{ url: string; store: PostgresStore }> {
  const { url, drop } = await freshDatabase('lock');
  drops.push(drop);
  const store = await PostgresStore.open(url);
  await store.commit(items(), PARSER);
  return { url, store };
}

test('two analysis runs at once build the events of one run, none twice', needsPostgres(), async () => {
  const alone = await archive();
  await analyzeArchive(alone.store, ctx);
  const want = await memberSets(alone.store);
  await alone.store.close();
  assert.ok(want.length >= 3);

  const shared = await archive();
  const other = await PostgresStore.open(shared.url, { create: false });
  try {
    const runs = await Promise.all([analyzeArchive(shared.store, ctx), analyzeArchive(other, ctx)]);
    // one ran first and did the work; the other found nothing left to do
    assert.deepEqual(runs.map((r) => r.articles).sort((a, b) => a - b), [0, items().flatMap((i) => i.articles).length]);
    assert.deepEqual(await memberSets(shared.store), want);
    assert.equal(await shared.store.analysedCount(), items().flatMap((i) => i.articles).length);
  } finally {
    await other.close();
    await shared.store.close();
  }
});
