// Sweeps the grouping thresholds on the TUNING half of eval/gold/events-window.json (every
// article of 18–19 Dec labelled into events) and prints B-cubed and pairwise scores for
// each setting; the held-out half is only read by `npm run eval`.
// Usage: tsx eval/tune-events.ts ARCHIVE.db   (an archive of seeds + multi-outlet)
import { GROUP_DEFAULTS, groupEvents, type GroupOptions } from '../src/stories/group.js';
import { loadGroupingInput, scoreHalf } from './stories.js';

const db = process.argv[2];
if (!db) throw new Error('usage: tune-events.ts ARCHIVE.db');
const { store, articles, goldOf, items } = await loadGroupingInput(db);
const grid: GroupOptions[] = [];
for (const eventThreshold of [0.3, 0.35, 0.4, 0.45]) for (const eventGapHours of [24]) for (const eventSpanHours of [48, 72, 120]) for (const memberThreshold of [0, 0.45, 0.6]) for (const mergeThreshold of [1, 0.45, 0.4]) grid.push({ ...GROUP_DEFAULTS, eventThreshold, eventGapHours, eventSpanHours, memberThreshold, mergeThreshold });
const rows = grid.map((o) => {
  const { events } = groupEvents(items, new Map(), new Map(), o);
  const system = new Map(events.flatMap((e) => e.members.map((m) => [m.id, e.id] as const)));
  const s = scoreHalf(goldOf, system, 'tune');
  return { o, s };
});
const singles = scoreHalf(goldOf, new Map(), 'tune');
console.log(`tuning half: ${singles.items} articles, ${singles.events} events; all singletons: B3 F1 ${singles.b3.f1.toFixed(3)}, pairwise F1 ${singles.pairwise.f1.toFixed(3)}`);
// a grouping that joins different happenings misleads: settings with B³ precision under 0.9 rank last
rows.sort((a, b) => Number(b.s.b3.p >= 0.9) - Number(a.s.b3.p >= 0.9) || b.s.b3.f1 + b.s.pairwise.f1 - a.s.b3.f1 - a.s.pairwise.f1);
for (const { o, s } of rows.slice(0, 20)) console.log(`t ${o.eventThreshold} m ${o.memberThreshold} merge ${o.mergeThreshold} gap ${o.eventGapHours} span ${o.eventSpanHours}: B3 P ${s.b3.p.toFixed(3)} R ${s.b3.r.toFixed(3)} F1 ${s.b3.f1.toFixed(3)} | pairs P ${s.pairwise.p.toFixed(3)} R ${s.pairwise.r.toFixed(3)} F1 ${s.pairwise.f1.toFixed(3)}`);
await store.close();
if (process.env.SHOW) {
  const o = JSON.parse(process.env.SHOW) as GroupOptions;
  const { events } = groupEvents(items, new Map(), new Map(), { ...GROUP_DEFAULTS, ...o });
  const title = new Map(articles.map((a) => [a.id, a.title]));
  for (const e of events) {
    const g = e.members.map((m) => goldOf.get(m.id)).filter((x): x is string => !!x);
    const counts = new Map<string, number>(); for (const x of g) counts.set(x, (counts.get(x) ?? 0) + 1);
    if (counts.size < 2) continue;
    console.log(`\n${e.id} ${e.members.length} members; gold: ${JSON.stringify([...counts].sort((a, b) => b[1] - a[1]))}`);
    for (const m of e.members.slice(0, 40)) if (goldOf.get(m.id)) console.log(`   ${goldOf.get(m.id)} | ${title.get(m.id)?.slice(0, 50)}`);
  }
}
