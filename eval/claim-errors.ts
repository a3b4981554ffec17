// Lists the false and missed sentence pairs, or the missed and wrong quotes, of one gold
// event (for reading, not scoring); `tuning` prints the tuning half's figures at the defaults.
// Usage: tsx eval/claim-errors.ts ARCHIVE.db EVENT [fp|fn|quotes]   |   tsx eval/claim-errors.ts ARCHIVE.db tuning
import { fileURLToPath } from 'node:url';
import { alignClaims } from '../src/stories/claims.js';
import { findQuotes, speakerKey } from '../src/stories/quotes.js';
import { SqliteStore } from '../src/store/sqlite/store.js';
import { AliasTable } from '../src/text/aliases.js';
import { Segmenter } from '../src/text/segment.js';
import { articlesByPath, claimPairs, eventUnits, loadClaimGold, quoteSpeakers, TUNING_EVENTS } from './claims.js';

const [db, name, kind = 'fp'] = process.argv.slice(2);
if (!db || !name) throw new Error('usage: claim-errors.ts ARCHIVE.db EVENT [fp|fn|quotes]  |  claim-errors.ts ARCHIVE.db tuning');
const store = new SqliteStore(db);
const ctx = { segmenter: new Segmenter(), aliases: new AliasTable() };
const golds = loadClaimGold(fileURLToPath(new URL('./gold/claims', import.meta.url)));
const byPath = await articlesByPath(store);
if (name === 'tuning') {
  // the held-out half is never read here
  let tp = 0, sys = 0, all = 0, qGold = 0, qFound = 0, qRight = 0;
  for (const g of golds.filter((x) => TUNING_EVENTS.has(x.event))) {
    const ev = eventUnits(g, byPath, ctx);
    const s = claimPairs(g, ev);
    const q = quoteSpeakers(g, ev, ctx);
    tp += s.truePairs; sys += s.systemPairs; all += s.goldPairs; qGold += q.gold; qFound += q.found; qRight += q.correct;
    console.log(`${g.event}: P ${s.precision.toFixed(3)} R ${s.recall.toFixed(3)} (${s.truePairs}/${s.systemPairs} of ${s.goldPairs}); quotes ${q.correct}/${q.found} of ${q.gold}`);
  }
  console.log(`tuning: P ${(tp / (sys || 1)).toFixed(3)} R ${(tp / (all || 1)).toFixed(3)}; quotes ${qRight}/${qFound} of ${qGold}`);
} else {
  const gold = golds.find((g) => g.event === name);
  if (!gold) throw new Error(`no gold event ${name}`);
  const ev = eventUnits(gold, byPath, ctx);
  if (kind === 'quotes') {
    const sys = new Map<string, string>();
    const pathOf = new Map(gold.articles.map((g) => [ev.articles.find((a) => a.source.path?.endsWith('/' + g.path))?.id, g.path]));
    for (const f of findQuotes(ev.articles, ctx)) sys.set(`${pathOf.get(f.article.id)}#${f.n}#${f.at}`, f.speaker);
    for (const g of gold.quotes) {
      const i = ev.byKey.get(`${g.path}#${g.n}`);
      if (i === undefined) continue;
      const s = sys.get(`${g.path}#${ev.units[i]!.n}#${g.at}`);
      if (s !== undefined && speakerKey(s, ctx) === speakerKey(g.speaker, ctx)) continue;
      if (s === undefined && g.speaker === 'unknown') continue;
      const prev = ev.units[i - 1]?.article === ev.units[i]!.article ? ev.units[i - 1]!.text : '';
      console.log(`${s === undefined ? 'MISSED' : `WRONG (${s})`} gold ${g.speaker} @${g.at}: ${ev.units[i]!.text}\n   after: ${prev}\n`);
    }
  } else {
    const claimsOf = new Map<number, Set<string>>();
    for (const s of gold.sentences) { const i = ev.byKey.get(`${s.path}#${s.n}`); if (i !== undefined) claimsOf.set(i, new Set(s.claims)); }
    const same = (i: number, j: number): boolean => [...(claimsOf.get(i) ?? [])].some((c) => claimsOf.get(j)?.has(c));
    const sys = new Set<string>();
    for (const claim of alignClaims(ev.units).claims) for (const i of claim) for (const j of claim) if (i < j && ev.units[i]!.outlet !== ev.units[j]!.outlet) sys.add(`${i}:${j}`);
    const show = (i: number): string => `${ev.units[i]!.outlet} [${[...(claimsOf.get(i) ?? [])].join(',')}] ${ev.units[i]!.text.slice(0, 90)}`;
    if (kind === 'fp') for (const k of sys) { const [i, j] = k.split(':').map(Number) as [number, number]; if (!same(i, j)) console.log(`${show(i)}\n  ${show(j)}\n`); }
    else for (let i = 0; i < ev.units.length; i++) for (let j = i + 1; j < ev.units.length; j++) if (ev.units[i]!.outlet !== ev.units[j]!.outlet && same(i, j) && !sys.has(`${i}:${j}`)) console.log(`${show(i)}\n  ${show(j)}\n`);
  }
}
await store.close();
