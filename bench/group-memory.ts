// Grouping alone at a large size, in a process of its own so that its peak RSS is its own:
// the archive's dated articles as word profiles, copied FACTOR times with new ids and dates
// shifted by 40 days a copy, then grouped into events and threads.
// Usage: node --expose-gc --import tsx bench/group-memory.ts ARCHIVE.db FACTOR
import { readFileSync } from 'node:fs';
import { articleWords, idfTable, tfidf } from '../src/stories/features.js';
import { groupEvents } from '../src/stories/group.js';
import { SqliteStore } from '../src/store/sqlite/store.js';
import { AliasTable } from '../src/text/aliases.js';
import { Segmenter } from '../src/text/segment.js';

const [db, factorArg] = process.argv.slice(2);
if (!db || !factorArg) throw new Error('usage: group-memory.ts ARCHIVE.db FACTOR');
const store = new SqliteStore(db);
const seg = new Segmenter();
const aliases = new AliasTable();
const profiles: Array<{ id: string; at: number; words: Map<string, number> }> = [];
for await (const a of store.allArticles()) if (a.published) profiles.push({ id: a.id, at: Date.parse(a.published.at), words: articleWords(a, seg, aliases) });
await store.close();
const idf = idfTable(profiles.map((p) => p.words));
const items = [];
for (let k = 0; k < Number(factorArg); k++) for (const p of profiles) items.push({ id: `${p.id}${k}`, at: p.at + k * 40 * 86_400_000, vector: tfidf(p.words, idf) });
global.gc?.();
const before = process.memoryUsage();
const t = performance.now();
const out = groupEvents(items, new Map(), new Map());
const seconds = (performance.now() - t) / 1000;
global.gc?.();
const peak = Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))![1]) / 1024;
console.log(`| ${items.length} | ${seconds.toFixed(1)} | ${out.events.length} | ${out.threads.length} | ${(before.rss / 1048576).toFixed(0)} | ${(process.memoryUsage().heapUsed / 1048576).toFixed(0)} | ${peak.toFixed(0)} |`);
