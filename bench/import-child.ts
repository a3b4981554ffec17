// One import in a process of its own, so that its peak memory is its own:
// prints {"seconds","articles","files","bytes","maxRssMB"}.
import { statSync } from 'node:fs';
import { importSources } from '../src/import/pipeline.js';
import { SqliteStore } from '../src/store/sqlite/store.js';
import { peakRssMB } from './peak-rss.js';

const [input, db, index] = process.argv.slice(2);
const store = new SqliteStore(db!);
const started = performance.now();
const r = await importSources(store, [input!], { index: index !== 'no-index' });
const seconds = (performance.now() - started) / 1000;
await store.close();
process.stdout.write(JSON.stringify({
  seconds, articles: r.articles.added + r.articles.updated + r.duplicates, files: r.files, rejected: r.rejected.length,
  bytes: statSync(input!).size, maxRssMB: peakRssMB(),
}) + '\n');
