// An experiment kept so that its figures can be reproduced (docs/evaluation.md, "Events,
// fourth session"): after grouping, attach every small event to the most similar larger one
// near it in time, swept over sizes and thresholds on one half of the event gold. Not
// adopted: it trades event precision for recall.
// Usage: tsx eval/tune-attach.ts ARCHIVE.db [tune|test]   (tune unless told)
import { cosine, type Vector } from '../src/stories/features.js';
import { GROUP_DEFAULTS, groupEvents, type EventDraft } from '../src/stories/group.js';
import { loadGroupingInput, scoreHalf } from './stories.js';
const half = (process.argv[3] ?? 'tune') as 'tune' | 'test';
const { goldOf, items } = await loadGroupingInput(process.argv[2]!);
const vec = new Map(items.map((i) => [i.id, i.vector]));
const at = new Map(items.map((i) => [i.id, i.at]));
const { events } = groupEvents(items, new Map(), new Map(), GROUP_DEFAULTS);
const norm = (c: Map<string, number>): Vector => { const n = Math.sqrt([...c.values()].reduce((s, v) => s + v * v, 0)) || 1; return new Map([...c].map(([w, v]) => [w, v / n])); };
function attach(evs: EventDraft[], k: number, m: number, t: number, margin: number, mode: string): Map<string, string> {
  const sys = new Map<string, string>();
  for (const e of evs) for (const x of e.members) sys.set(x.id, e.id);
  const big = evs.filter((e) => e.members.length >= m).map((e) => ({ e, c: norm(e.centroid), first: Math.min(...e.members.map((x) => at.get(x.id)!)), last: Math.max(...e.members.map((x) => at.get(x.id)!)) }));
  for (const s of evs) {
    if (s.members.length > k) continue;
    const sc = norm(s.centroid);
    const sFirst = Math.min(...s.members.map((x) => at.get(x.id)!));
    const sims: number[] = []; let best: typeof big[0] | undefined; let bs = -1;
    for (const b of big) {
      if (b.e === s) continue;
      if (sFirst < b.first - 24 * 3600e3 || sFirst > b.last + 24 * 3600e3) continue;
      let sim = cosine(sc, b.c);
      if (mode === 'member') { const ms = s.members.flatMap((x) => b.e.members.map((y) => cosine(vec.get(x.id)!, vec.get(y.id)!))).sort((p, q) => q - p); sim = Math.max(sim, (ms[0]! + (ms[1] ?? 0) + (ms[2] ?? 0)) / 3); }
      sims.push(sim);
      if (sim > bs) { bs = sim; best = b; }
    }
    sims.sort((p, q) => q - p);
    if (best && bs >= t && bs - (sims[1] ?? 0) >= margin) for (const x of s.members) sys.set(x.id, best.e.id);
  }
  return sys;
}
const base = new Map(events.flatMap((e) => e.members.map((m) => [m.id, e.id] as const)));
const s0 = scoreHalf(goldOf, base, half);
console.log(`base: B3 P ${s0.b3.p.toFixed(3)} R ${s0.b3.r.toFixed(3)} F1 ${s0.b3.f1.toFixed(3)} | pairs P ${s0.pairwise.p.toFixed(3)} R ${s0.pairwise.r.toFixed(3)} F1 ${s0.pairwise.f1.toFixed(3)}`);
const rows = [];
for (const mode of ['centroid', 'member']) for (const k of [1, 2, 3]) for (const m of [4, 8, 15]) for (const t of [0.15, 0.2, 0.25, 0.3, 0.35]) for (const margin of [0, 0.05, 0.1]) {
  const s = scoreHalf(goldOf, attach(events, k, m, t, margin, mode), half);
  rows.push({ d: `${mode} k${k} m${m} t${t} mg${margin}`, s });
}
rows.sort((a, b) => b.s.b3.f1 + b.s.pairwise.f1 - a.s.b3.f1 - a.s.pairwise.f1);
for (const { d, s } of rows.slice(0, 25)) console.log(`${d}: B3 P ${s.b3.p.toFixed(3)} R ${s.b3.r.toFixed(3)} F1 ${s.b3.f1.toFixed(3)} | pairs P ${s.pairwise.p.toFixed(3)} R ${s.pairwise.r.toFixed(3)} F1 ${s.pairwise.f1.toFixed(3)}`);
