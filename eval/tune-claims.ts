// Sweeps the claim-matching thresholds on the TUNING half of eval/gold/claims and prints
// pair precision/recall for each setting (the held-out half is never read here).
// Usage: tsx eval/tune-claims.ts ARCHIVE.db
import { fileURLToPath } from 'node:url';
import { CLAIM_DEFAULTS, type ClaimOptions } from '../src/stories/claims.js';
import { SqliteStore } from '../src/store/sqlite/store.js';
import { AliasTable } from '../src/text/aliases.js';
import { Segmenter } from '../src/text/segment.js';
import { articlesByPath, claimPairs, eventUnits, loadClaimGold, TUNING_EVENTS } from './claims.js';

const db = process.argv[2];
if (!db) throw new Error('usage: tune-claims.ts ARCHIVE.db');
const store = new SqliteStore(db);
const ctx = { segmenter: new Segmenter(), aliases: new AliasTable() };
const golds = loadClaimGold(fileURLToPath(new URL('./gold/claims', import.meta.url))).filter((g) => TUNING_EVENTS.has(g.event));
const byPath = await articlesByPath(store);
const events = golds.map((g) => ({ g, ev: eventUnits(g, byPath, ctx) }));
for (const { g, ev } of events) console.log(`${g.event}: ${ev.units.length} sentences, ${ev.mismatched} changed since labelling`);
const grid: ClaimOptions[] = [];
for (const eventIdf of [0, 0.5]) for (const cliqueShare of [1, 0.66]) for (const held of [0.65, Infinity]) for (const clauseDice of [0.8, 1.01]) for (const sharedWeight of [70, 80, 90]) for (const sharedDice of [60, 80]) for (const figureWeight of [undefined, 6, 8, 10]) {
  grid.push({ ...CLAIM_DEFAULTS, eventIdf, cliqueShare, held, clauseDice, sharedWeight, sharedDice, figureWeight });
}
console.log(`${grid.length} settings`);
const rows = grid.map((o) => {
  let tp = 0, sys = 0, gold = 0;
  for (const { g, ev } of events) { const s = claimPairs(g, ev, o); tp += s.truePairs; sys += s.systemPairs; gold += s.goldPairs; }
  const p = sys ? tp / sys : 1, r = gold ? tp / gold : 1;
  return { o, p, r, f: (2 * p * r) / (p + r || 1) };
});
// the held-out half has run 0.08–0.10 below the tuning half in precision (docs/evaluation.md):
// a setting must reach 0.92 here to have a chance of the goal's 0.90 there, then F decides
const LEAST_PRECISION = 0.92;
rows.sort((a, b) => (b.p >= LEAST_PRECISION ? 1 : 0) - (a.p >= LEAST_PRECISION ? 1 : 0) || b.f - a.f);
for (const x of rows.slice(0, 25)) console.log(JSON.stringify(x.o), 'P', x.p.toFixed(3), 'R', x.r.toFixed(3), 'F', x.f.toFixed(3));
await store.close();
