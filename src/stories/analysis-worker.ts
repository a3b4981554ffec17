// The analysis of a served archive, in a thread of its own: whenever the articles changed
// (an import through the API, or another process writing), lineage, events, threads and
// comparisons are brought up to date, so that no request ever waits for them. A thread
// whose heap grew past its limit in a run ends after it (background.ts replaces it).
// On Linux the thread runs at BACKGROUND_NICE (src/priority.ts), like the writing commands: the serving processes
// beside it come first for the CPU, and it takes what they leave.
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { BACKGROUND_NICE, lowerThisThread } from '../priority.js';
import { openStore } from '../store/open.js';
import { AliasTable } from '../text/aliases.js';
import { segmenter } from '../text/segment.js';
import { analyzeArchive } from './analyze.js';

const { db, lexicons, aliases, intervalMs, heapLimitMb } = workerData as { db: string; lexicons: string[]; aliases: string[]; intervalMs: number; heapLimitMb: number };
lowerThisThread(BACKGROUND_NICE);
const store = await openStore(db);
const ctx = { segmenter: segmenter(lexicons), aliases: new AliasTable(aliases) };
let stopping = false;
let recycle = false;
parentPort?.on('message', (m: { stop?: boolean }) => { if (m.stop) stopping = true; });
while (!stopping) {
  try {
    const r = await analyzeArchive(store, ctx);
    if (r.ran) parentPort?.postMessage({ analysed: r });
  } catch (e) {
    parentPort?.postMessage({ error: e instanceof Error ? e.message : String(e) });
  }
  const heapMb = Math.round(getHeapStatistics().total_heap_size / 1048576);
  if (heapMb > heapLimitMb) {
    parentPort?.postMessage({ recycle: heapMb });
    recycle = true;
    break;
  }
  await new Promise((resolve) => setTimeout(resolve, intervalMs));
}
await store.close();
// ends this thread only (the listener above would keep it alive)
if (recycle) process.exit(0);
