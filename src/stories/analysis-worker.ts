// The analysis of a served archive, in a thread of its own: whenever the articles changed
// (an import through the API, or another process writing), lineage, events, threads and
// comparisons are brought up to date, so that no request ever waits for them. A thread
// whose heap grew past its limit in a run ends after it (background.ts replaces it).
// On Linux the thread runs at nice 10, like the writing commands: the serving processes
// beside it come first for the CPU, and it takes what they leave.
import { getPriority, setPriority } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from '../store/open.js';
import { AliasTable } from '../text/aliases.js';
import { segmenter } from '../text/segment.js';
import { analyzeArchive } from './analyze.js';

const { db, lexicons, aliases, intervalMs, heapLimitMb } = workerData as { db: string; lexicons: string[]; aliases: string[]; intervalMs: number; heapLimitMb: number };
/** the analysis thread's nice value (the writing commands' default too) */
const ANALYSIS_NICE = 10;
// Linux keeps a nice value per thread and setpriority(PRIO_PROCESS, 0) names the calling
// thread: this one alone. Elsewhere 0 would mean the whole process, serving included.
// Never raised: a server started at a lower priority than this keeps its analysis below it too.
if (process.platform === 'linux') {
  try { setPriority(0, Math.max(getPriority(0), ANALYSIS_NICE)); } catch { /* not allowed here: runs at the process's priority */ }
}
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
