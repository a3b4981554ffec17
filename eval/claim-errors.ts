// Lists the false and missed sentence pairs of one gold event (for reading, not scoring).
// Usage: tsx eval/claim-errors.ts ARCHIVE.db EVENT [fp|fn]
import { fileURLToPath } from 'node:url';
import { alignClaims } from '../src/stories/claims.js';
import { SqliteStore } from '../src/store/sqlite/store.js';
import { AliasTable } from '../src/text/aliases.js';
import { Segmenter } from '../src/text/segment.js';
import { articlesByPath, eventUnits, loadClaimGold } from './claims.js';

const [db, name, kind = 'fp'] = process.argv.slice(2);
if (!db || !name) throw new Error('usage: claim-errors.ts ARCHIVE.db EVENT [fp|fn]');
const store = new SqliteStore(db);
const ctx = { segmenter: new Segmenter(), aliases: new AliasTable() };
const gold = loadClaimGold(fileURLToPath(new URL('./gold/claims', import.meta.url))).find((g) => g.event === name)!;
const ev = eventUnits(gold, await articlesByPath(store), ctx);
const claimsOf = new Map<number, Set<string>>();
for (const s of gold.sentences) { const i = ev.byKey.get(`${s.path}#${s.n}`); if (i !== undefined) claimsOf.set(i, new Set(s.claims)); }
const same = (i: number, j: number): boolean => [...(claimsOf.get(i) ?? [])].some((c) => claimsOf.get(j)?.has(c));
const sys = new Set<string>();
for (const claim of alignClaims(ev.units).claims) for (const i of claim) for (const j of claim) if (i < j && ev.units[i]!.outlet !== ev.units[j]!.outlet) sys.add(`${i}:${j}`);
const show = (i: number): string => `${ev.units[i]!.outlet} [${[...(claimsOf.get(i) ?? [])].join(',')}] ${ev.units[i]!.text.slice(0, 90)}`;
if (kind === 'fp') for (const k of sys) { const [i, j] = k.split(':').map(Number) as [number, number]; if (!same(i, j)) console.log(`${show(i)}\n  ${show(j)}\n`); }
else for (let i = 0; i < ev.units.length; i++) for (let j = i + 1; j < ev.units.length; j++) if (ev.units[i]!.outlet !== ev.units[j]!.outlet && same(i, j) && !sys.has(`${i}:${j}`)) console.log(`${show(i)}\n  ${show(j)}\n`);
await store.close();
