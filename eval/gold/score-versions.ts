// Scores one grouping of seeds + multi-outlet (as `npm run eval -- events` makes it) against
// both versions of the window gold (events-window-v1.json, events-window.json) and both ways
// of drawing the halves (by thread, the rule now; by event, the earlier one), so the change of
// the gold and the change of the halves can be told apart. Prints a Markdown table.
// Usage: tsx eval/gold/score-versions.ts
import { fileURLToPath } from 'node:url';
import { analyzeArchive } from '../../src/stories/analyze.js';
import { AliasTable } from '../../src/text/aliases.js';
import { Segmenter } from '../../src/text/segment.js';
import { sharedPath } from '../../test/shared.js';
import { scratchArchive } from '../archive.js';
import { goldByArticle, loadEventGold, scoreHalf } from '../stories.js';

const seeds = sharedPath('seeds');
const multi = sharedPath('corpus/multi-outlet');
if (!seeds || !multi) throw new Error('../shared is not here');
const week = await scratchArchive([seeds, multi], 'versions');
const ctx = { segmenter: new Segmenter(), aliases: new AliasTable() };
const t = performance.now();
const report = await analyzeArchive(week.store, ctx, { regroup: true });
const system = await week.store.eventPlacements();
const f = (x: number): string => x.toFixed(3);
console.log(`Grouped ${report.articles} articles into ${report.events} events in ${((performance.now() - t) / 1000).toFixed(1)} s.\n`);
console.log('| gold | halves by | half | articles | gold events | grouping | B³ P | B³ R | B³ F1 | pairwise P | pairwise R | pairwise F1 |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const [name, file] of [['v1', './events-window-v1.json'], ['v2', './events-window.json']] as const) {
  const gold = loadEventGold(fileURLToPath(new URL(file, import.meta.url)));
  for (const by of ['thread', 'event'] as const) {
    const goldOf = await goldByArticle(week.store, gold, by);
    for (const half of ['tune', 'test'] as const) {
      for (const [grouping, sys] of [['Parallax', system], ['every article alone', new Map<string, string>()]] as const) {
        const r = scoreHalf(goldOf, sys, half);
        console.log(`| ${name} | ${by} | ${half === 'test' ? 'held out' : 'tuning'} | ${r.items} | ${r.events} | ${grouping} | ${f(r.b3.p)} | ${f(r.b3.r)} | ${f(r.b3.f1)} | ${f(r.pairwise.p)} | ${f(r.pairwise.r)} | ${f(r.pairwise.f1)} |`);
      }
    }
  }
}
await week.store.close();
