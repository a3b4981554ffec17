// The whole analysis of an archive in a process of its own, so that its peak RSS is its own:
// `analyzeArchive` with `regroup` (every article again) at a given batch size, on a copy of
// the archive. Prints one table row.
// The heap is bound as the commands that analyse bind it (src/heap.ts); --v8-defaults: not.
// Usage: node --import tsx bench/analysis-memory.ts ARCHIVE.db BATCH [--v8-defaults]
import { copyFileSync, readFileSync } from 'node:fs';
import { boundHeap } from '../src/heap.js';
import { analyzeArchive } from '../src/stories/analyze.js';
import { SqliteStore } from '../src/store/sqlite/store.js';
import { AliasTable } from '../src/text/aliases.js';
import { Segmenter } from '../src/text/segment.js';

const [db, batchArg] = process.argv.slice(2);
if (!db || !batchArg) throw new Error('usage: analysis-memory.ts ARCHIVE.db BATCH');
const bound = !process.argv.includes('--v8-defaults') && boundHeap();
const copy = `${db}.batch-${batchArg}`;
copyFileSync(db, copy);
const store = new SqliteStore(copy);
const before = process.memoryUsage().rss / 1048576;
const t = performance.now();
const r = await analyzeArchive(store, { segmenter: new Segmenter(), aliases: new AliasTable() }, { regroup: true, batch: Number(batchArg) });
const seconds = (performance.now() - t) / 1000;
await store.close();
const peak = Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))![1]) / 1024;
console.log(`| ${r.articles} | ${batchArg} | ${bound ? 'bound' : 'V8 defaults'} | ${seconds.toFixed(1)} | ${r.events} | ${r.comparisons} | ${before.toFixed(0)} | ${peak.toFixed(0)} |`);
