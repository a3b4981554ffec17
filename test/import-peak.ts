// Imports the paths given into a new archive in this process and prints the report with this
// process's peak memory (MB), for tests that bound what one hostile file may cost. The heap
// is bounded as `parallax import` bounds it (src/heap.ts), so the peak is the command's.
// Usage: node --import tsx test/import-peak.ts DB PATH…
import { peakRssMB } from '../bench/peak-rss.js';
import { boundHeap } from '../src/heap.js';
import { importSources } from '../src/import/pipeline.js';
import { SqliteStore } from '../src/store/sqlite/store.js';

boundHeap();
const [db, ...paths] = process.argv.slice(2);
const store = new SqliteStore(db!);
const report = await importSources(store, paths);
await store.close();
process.stdout.write(JSON.stringify({ report, peakMB: peakRssMB() }));
