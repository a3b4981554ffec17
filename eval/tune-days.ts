// Sweeps the day rules of grouping on the TUNING halves of the labelled windows (eval/stories.ts
// EVENT_WINDOWS: 18–19 Dec, and since the nineteenth session 13–14 Dec; ranked on both): the
// penalty for an outlet's later calendar day (`outletDayPenalty`: one outlet's daily figure or
// briefing series), the new-day penalty counted in each article's own day (`localDays`), with
// the evidence rule and the event threshold. For every setting it also counts what
// test/events.test.ts asks (test/multi-outlet-week.ts: ≥ 14 of 15 Xi–Putin reports in one
// event, Omicron as several events in one thread) on the test's own archive (multi-outlet
// alone), grouped from its stored analysis as analyzeArchive's full run groups it — the
// replay of the shipped setting is checked against the stored placements first. With a third
// archive it counts, for the settings that pass, the five seeds in one event among 12,000
// articles (src/publish/publish.test.ts asks ≥ 3). The held-out half is never read here.
// Usage: tsx eval/tune-days.ts WEEK.db MULTI.db [BIG.db|-]
//   WEEK.db: seeds + multi-outlet, MULTI.db: multi-outlet, each made by `parallax import`
//   then analysed by `parallax events`; BIG.db: seeds + multi-outlet + hkcnews-10k, imported.
//   GRID='[{...},…]' replaces the grid; SHOW='{...}' prints the tuning half's wrong and missed joins.
//   HELD_OUT='{...}': the final setting, read ONCE on the held-out half (with the shipped
//   setting beside it, whose held-out figures are published: the replay must give them).
import { GROUP_DEFAULTS, groupEvents, type GroupItem, type GroupOptions } from '../src/stories/group.js';
import { checkMultiOutletWeek } from '../test/multi-outlet-week.js';
import { EVENT_WINDOWS, goldByArticle, goldOfWindows, halvesOf, loadAnalysedInput, loadEventGold, loadGroupingInput, scoreHalf, type ClusterScore } from './stories.js';

const [weekDb, multiDb, bigDb = '-'] = process.argv.slice(2);
if (!weekDb || !multiDb) throw new Error('usage: tune-days.ts WEEK.db MULTI.db [BIG.db|-]');

/** a setting: grouping options, and the weight of words the general corpus does not know (features.ts NEW_WORD_BASE) */
type Setting = GroupOptions & { newWordBase?: number };
const group = (items: readonly GroupItem[], { newWordBase: _w, ...o }: Setting) => groupEvents(items, new Map(), new Map(), { ...GROUP_DEFAULTS, ...o }).events;
const placements = (items: readonly GroupItem[], o: Setting): Map<string, string> =>
  new Map(group(items, o).flatMap((e) => e.members.map((m) => [m.id, e.id] as const)));
// the items of an archive weighed with a setting's new-word weight (each weight computed once)
const weighed = new Map<object, Map<number, GroupItem[]>>();
const itemsFor = (x: { items: GroupItem[]; itemsWith: (w: number) => GroupItem[] }, o: Setting): GroupItem[] => {
  if (o.newWordBase === undefined) return x.items;
  const byWeight = weighed.get(x) ?? weighed.set(x, new Map()).get(x)!;
  return byWeight.get(o.newWordBase) ?? byWeight.set(o.newWordBase, x.itemsWith(o.newWordBase)).get(o.newWordBase)!;
};

const week = await loadAnalysedInput(weekDb, { marks: true });
const multi = await loadAnalysedInput(multiDb, { marks: true });
// the test's `parallax list --limit 5000`: its order decides which article a title names
const listed = await multi.store.listArticles({ limit: 5000, offset: 0 });
const outletOf = new Map(multi.articles.map((a) => [a.id, a.outlet.id]));
// every labelled window's tuning half, and both as one (the ranking reads both)
const golds = EVENT_WINDOWS.map((w) => loadEventGold(w.file));
const windowGolds: Array<[string, Map<string, string>]> = [];
for (const [i, w] of EVENT_WINDOWS.entries()) windowGolds.push([w.name, await goldByArticle(week.store, golds[i]!)]);
const bothWindows = await goldOfWindows(week.store, golds);
await week.store.close();
await multi.store.close();
for (const [name, x] of [['week', week], ['multi', multi]] as const) {
  const replay = placements(x.items, {});
  let same = 0;
  for (const [id, e] of x.stored) if (replay.get(id) === e) same++;
  console.log(`${name}: ${x.items.length} items; the replay of the shipped setting places ${same} of ${x.stored.size} as the stored analysis did`);
}

const weekCheck = (o: Setting) => checkMultiOutletWeek(listed, group(itemsFor(multi, o), o).map((e) => ({
  id: e.id, thread: e.thread, articles: e.members.map((m) => m.id), outlets: [...new Set(e.members.map((m) => outletOf.get(m.id) ?? ''))],
})));

const grid: Setting[] = process.env.GRID ? JSON.parse(process.env.GRID) as Setting[] : [
  {},
  ...[0.05, 0.1, 0.15, 0.2, 0.3].map((p) => ({ outletDayPenalty: p })),
  ...[0.1, 0.2, 0.3].map((p) => ({ outletDayPenalty: p, eventThreshold: 0.35 })),
  ...[0.1, 0.2, 0.3].map((p) => ({ outletDayPenalty: p, eventThreshold: 0.35, evidenceThreshold: 0.6 })),
  ...[0.1, 0.2].map((p) => ({ outletDayPenalty: p, eventThreshold: 0.35, evidenceThreshold: 0.6, dayPenalty: 0.1 })),
  { newDayPenalty: 0.1, localDays: true },
  ...[0.1, 0.2].flatMap((p) => [0.05, 0.1].map((n) => ({ outletDayPenalty: p, newDayPenalty: n, localDays: true }))),
];
const fmt = (s: ClusterScore): string => `B3 P ${s.b3.p.toFixed(3)} R ${s.b3.r.toFixed(3)} F1 ${s.b3.f1.toFixed(3)} | pairs P ${s.pairwise.p.toFixed(3)} R ${s.pairwise.r.toFixed(3)} F1 ${s.pairwise.f1.toFixed(3)}`;
const name = (o: Setting): string => JSON.stringify(o) === '{}' ? 'shipped' : JSON.stringify(o);
const t0 = performance.now();
const rows = grid.map((o) => {
  const sys = placements(itemsFor(week, o), o);
  const s = scoreHalf(bothWindows, sys, 'tune');
  const c = weekCheck(o);
  const each = windowGolds.map(([w, g]) => `${w} ${fmt(scoreHalf(g, sys, 'tune'))}`).join(' || ');
  console.log(`${name(o)}: both windows ${fmt(s)} || ${each} | Xi–Putin ${c.together} of ${c.of}${c.failures.length ? ' | FAILS ' + c.failures.join('; ') : ' | passes'}`);
  return { o, s, c };
});
console.log(`${grid.length} settings in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
// the sweep's rule of earlier sessions, on both windows' tuning halves since the nineteenth session: B³ precision under 0.9 ranks last, then B³ F1 + pairwise F1; here a setting that fails the acceptance check ranks last of all
rows.sort((a, b) => Number(!b.c.failures.length) - Number(!a.c.failures.length) || Number(b.s.b3.p >= 0.9) - Number(a.s.b3.p >= 0.9) || b.s.b3.f1 + b.s.pairwise.f1 - a.s.b3.f1 - a.s.pairwise.f1);
console.log('\nranked (both windows\' tuning halves):');
for (const { o, s, c } of rows) console.log(`${name(o)}: ${fmt(s)} | Xi–Putin ${c.together}/${c.of} ${c.failures.length ? 'fails' : 'passes'}`);

if (process.env.HELD_OUT) {
  const o = JSON.parse(process.env.HELD_OUT) as Setting;
  for (const x of [{}, o]) {
    const sys = placements(itemsFor(week, x), x);
    for (const [w, g] of [...windowGolds, ['both windows', bothWindows] as [string, Map<string, string>]]) for (const half of ['tune', 'test'] as const) console.log(`held-out read: ${name(x)} ${w} ${half === 'test' ? 'held out' : 'tuning'}: ${fmt(scoreHalf(g, sys, half))}`);
  }
}

if (process.env.SHOW) {
  // the tuning half's wrong joins (system events holding tuning articles of two gold events) and missed joins
  const o = JSON.parse(process.env.SHOW) as Setting;
  const sys = placements(itemsFor(week, o), o);
  // both windows' gold (ids `window:event`), each with its own halves
  const halfOfEvent = new Map<string, string>(golds.flatMap((g, i) => [...halvesOf(g)].map(([e, h]): [string, string] => [`${i}:${e}`, h])));
  const isTune = (id: string): boolean => halfOfEvent.get(bothWindows.get(id) ?? '') === 'tune';
  const title = new Map(week.articles.map((a) => [a.id, `${a.outlet.id} ${a.published?.day ?? ''} ${a.title.slice(0, 40)}`]));
  const bySys = new Map<string, string[]>();
  for (const [id, e] of sys) if (bothWindows.has(id)) (bySys.get(e) ?? bySys.set(e, []).get(e)!).push(id);
  console.log(`\n# ${name(o)}: wrong joins (held-out articles counted, never shown)`);
  for (const [e, ids] of bySys) {
    if (!ids.some(isTune) || new Set(ids.map((i) => bothWindows.get(i))).size < 2) continue;
    console.log(`\n${e} (${ids.length}, ${ids.filter((i) => !isTune(i)).length} of the held-out half)`);
    for (const i of ids.filter(isTune).sort((x, y) => bothWindows.get(x)!.localeCompare(bothWindows.get(y)!))) console.log(`  ${bothWindows.get(i)} | ${title.get(i)}`);
  }
  console.log('\n# missed joins: tuning-half gold events split over system events');
  const byGold = new Map<string, string[]>();
  for (const [id, g] of bothWindows) if (isTune(id)) (byGold.get(g) ?? byGold.set(g, []).get(g)!).push(id);
  for (const [g, ids] of byGold) {
    const parts = new Set(ids.map((i) => sys.get(i) ?? i));
    if (parts.size > 1) console.log(`${g}: ${ids.length} articles in ${parts.size} system events`);
  }
}

if (bigDb !== '-') {
  const big = await loadGroupingInput(bigDb, { marks: true });
  const seeds = big.articles.filter((a) => /^00[0-4]_[0-9a-f]{16}\.txt$/.test(a.source.path?.split('/').pop() ?? '')).map((a) => a.id);
  await big.store.close();
  console.log(`\nbig archive: ${big.items.length} items; ${seeds.length} seeds (most seeds in one event: publish.test.ts asks ≥ 3 in the first event 普丁 finds)`);
  for (const { o } of [{ o: {} }, ...rows.filter((r) => !r.c.failures.length && JSON.stringify(r.o) !== '{}').slice(0, Number(process.env.TOP ?? 3))]) {
    const t = performance.now();
    const sys = placements(big.items, o);
    const seconds = (performance.now() - t) / 1000;
    const counts = new Map<string, number>();
    for (const s of seeds) counts.set(sys.get(s) ?? s, (counts.get(sys.get(s) ?? s) ?? 0) + 1);
    const [event, most] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
    const size = [...sys.values()].filter((e) => e === event).length;
    console.log(`${name(o)}: seeds together ${most} of ${seeds.length} (event of ${size}); grouped in ${seconds.toFixed(1)} s`);
  }
}
