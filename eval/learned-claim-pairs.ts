// Is claim matching limited by its hand-set rules or by what its words can tell? On the TUNING
// half of eval/gold/claims (the held-out half is never read here), every pair of gold-tagged
// sentences of different outlets that share a content word is described by what the rules read
// (weighted Dice, containment, letter pairs, shared weight, the best clause pair, a shared
// figure, the event's rare words, people, denial, conflicting anchors, the rules' own verdict);
// a logistic regression is trained on all events but one and scores the one left out. Printed:
// the gold's true pairs by how many claims their sentences state, the rules' pairs found among
// them, and the model's precision and recall at several thresholds against the rules', pair by
// pair before the claims are grown (so not the figures of `npm run eval -- claims`).
// Usage: tsx eval/learned-claim-pairs.ts ARCHIVE.db [--dump FILE]   (an archive of seeds + multi-outlet)
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { conflictOf, sameFigure } from '../src/stories/anchors.js';
import { alignClaims, CLAIM_DEFAULTS, matchUnits, otherPeople, sharePerson, weighInEvent, type ClaimUnit } from '../src/stories/claims.js';
import { SqliteStore } from '../src/store/sqlite/store.js';
import { AliasTable } from '../src/text/aliases.js';
import { Segmenter } from '../src/text/segment.js';
import { articlesByPath, eventUnits, goldClaimsOf, loadClaimGold, TUNING_EVENTS } from './claims.js';
import { logisticRegression, type Example } from './logistic.js';

/** a word in at most this many sentences of the event is rare in it */
const RARE_IN_EVENT = 3;
const THRESHOLDS = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

type Words = ReadonlyMap<string, number>;
function overlap(a: Words, wa: number, b: Words, wb: number): { dice: number; shared: number } {
  let shared = 0;
  for (const [w, v] of a) if (b.has(w)) shared += v;
  return { dice: (2 * shared) / (wa + wb || 1), shared };
}

/** what the rules read of a pair, as numbers (see the header) */
function features(a: ClaimUnit, b: ClaimUnit, ea: ClaimUnit, eb: ClaimUnit, df: ReadonlyMap<string, number>): number[] {
  const { dice, shared } = overlap(a.words, a.weight, b.words, b.weight);
  const inEvent = overlap(ea.words, ea.weight, eb.words, eb.weight);
  const light = Math.min(a.weight, b.weight), heavy = Math.max(a.weight, b.weight);
  let grams = 0;
  for (const g of a.grams) if (b.grams.has(g)) grams++;
  const ca = a.clauses.length ? a.clauses : [a], cb = b.clauses.length ? b.clauses : [b];
  let clauseDice = 0, clauseShared = 0, clauseHeld = 0, figure = 0;
  for (const x of ca) for (const y of cb) {
    const o = overlap(x.words, x.weight, y.words, y.weight);
    clauseDice = Math.max(clauseDice, o.dice);
    clauseShared = Math.max(clauseShared, o.shared);
    if (Math.min(x.weight, y.weight) >= 20) clauseHeld = Math.max(clauseHeld, o.shared / Math.min(x.weight, y.weight));
    if (x.anchors.some((p) => y.anchors.some((q) => sameFigure(p, q)))) figure = 1;
  }
  let heaviest = 0, strong = 0, rare = 0, rareWeight = 0;
  for (const [w, v] of a.words) {
    if (!b.words.has(w)) continue;
    heaviest = Math.max(heaviest, v);
    if (v >= 8) strong++;
    if ((df.get(w) ?? 0) <= RARE_IN_EVENT) { rare++; rareWeight += v; }
  }
  let sameAnchors = 0;
  for (const p of a.anchors) if (b.anchors.some((q) => sameFigure(p, q))) sameAnchors++;
  let denied = 0;
  for (const w of a.negated) if (b.words.has(w) && !b.negated.has(w)) denied = 1;
  for (const w of b.negated) if (a.words.has(w) && !a.negated.has(w)) denied = 1;
  const rules = matchUnits(a, b, CLAIM_DEFAULTS);
  return [
    inEvent.dice, Math.log1p(inEvent.shared), rare, Math.log1p(rareWeight), dice, shared / light, (2 * grams) / (a.grams.size + b.grams.size || 1),
    Math.log1p(shared), Math.log(heavy / Math.max(1, light)), Math.log1p(light), clauseDice, Math.log1p(clauseShared), clauseHeld, figure,
    Math.log1p(heaviest), Math.log1p(strong), conflictOf(a.anchors, b.anchors) ? 1 : 0, Math.min(sameAnchors, 3), otherPeople(a.persons, b.persons) ? 1 : 0, sharePerson(a.persons, b.persons) ? 1 : 0,
    denied, rules.score > 0 && !rules.conflict ? 1 : 0,
  ];
}

interface Row extends Example { event: string; rules: boolean }

const args = process.argv.slice(2);
const db = args[0];
if (!db || db.startsWith('--')) throw new Error('usage: tsx eval/learned-claim-pairs.ts ARCHIVE.db [--dump FILE]');
const store = new SqliteStore(db);
const ctx = { segmenter: new Segmenter(), aliases: new AliasTable() };
const byPath = await articlesByPath(store);
const rows: Row[] = [];
let truePairs = 0, unreachable = 0;
const bySize = new Map<string, { pairs: number; found: number }>();
for (const gold of loadClaimGold(fileURLToPath(new URL('./gold/claims', import.meta.url))).filter((g) => TUNING_EVENTS.has(g.event))) {
  const ev = eventUnits(gold, byPath, ctx);
  const claimsOf = goldClaimsOf(gold, ev);
  const inEvent = weighInEvent(ev.units, 1);
  const df = new Map<string, number>();
  for (const u of ev.units) for (const w of u.words.keys()) df.set(w, (df.get(w) ?? 0) + 1);
  const found = new Set<string>();
  for (const c of alignClaims(ev.units).claims) for (const x of c) for (const y of c) if (x < y) found.add(`${x}:${y}`);
  const tagged = [...claimsOf.keys()].sort((x, y) => x - y);
  for (const i of tagged) for (const j of tagged) {
    const a = ev.units[i]!, b = ev.units[j]!;
    if (i >= j || a.outlet === b.outlet) continue;
    const ca = claimsOf.get(i)!, cb = claimsOf.get(j)!;
    const label = [...ca].some((c) => cb.has(c)) ? 1 : 0;
    if (label) {
      truePairs++;
      const size = Math.max(ca.size, cb.size) === 1 ? 'both state one claim' : Math.min(ca.size, cb.size) === 1 ? 'one states one claim, the other several' : 'both state several claims';
      const s = bySize.get(size) ?? bySize.set(size, { pairs: 0, found: 0 }).get(size)!;
      s.pairs++;
      if (found.has(`${i}:${j}`)) s.found++;
    }
    if (![...a.words.keys()].some((w) => b.words.has(w))) { unreachable += label; continue; }
    const x = features(a, b, inEvent[i]!, inEvent[j]!, df);
    rows.push({ event: gold.event, x, y: label, rules: x[x.length - 1] === 1 });
  }
}
await store.close();
const dump = args.indexOf('--dump');
if (dump >= 0 && args[dump + 1]) writeFileSync(args[dump + 1]!, JSON.stringify(rows));

console.log(`Tuning half: ${truePairs} true pairs (sentences of different outlets sharing a claim); ${unreachable} share no content word.\n`);
console.log('| true pairs whose sentences… | pairs | in one claim of the rules | recall |\n|---|---|---|---|');
for (const [size, s] of [...bySize].sort((a, b) => b[1].pairs - a[1].pairs)) console.log(`| ${size} | ${s.pairs} | ${s.found} | ${(s.found / s.pairs).toFixed(3)} |`);

// leave one event out: the model scoring an event never saw it
const scored: Array<{ p: number; y: number; rules: boolean }> = [];
for (const event of [...new Set(rows.map((r) => r.event))]) {
  const model = logisticRegression(rows.filter((r) => r.event !== event));
  for (const r of rows.filter((x) => x.event === event)) scored.push({ p: model.probability(r.x), y: r.y, rules: r.rules });
}
const line = (name: string, chosen: Array<{ y: number }>): string => {
  const tp = chosen.filter((s) => s.y === 1).length;
  return `| ${name} | ${(tp / (chosen.length || 1)).toFixed(3)} | ${(tp / truePairs).toFixed(3)} | ${tp} / ${chosen.length} |`;
};
console.log('\nPairs, each judged alone (before claims are grown from them), leave-one-event-out:\n');
console.log('| matcher | precision | recall | true / chosen |\n|---|---|---|---|');
console.log(line('the rules (matchUnits at CLAIM_DEFAULTS)', scored.filter((s) => s.rules)));
for (const t of THRESHOLDS) console.log(line(`logistic regression, p ≥ ${t}`, scored.filter((s) => s.p >= t)));
