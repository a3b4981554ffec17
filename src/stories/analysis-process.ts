// The analysis of a served archive, in a process of its own: whenever the articles changed
// (an import through the API, or another process writing), lineage, events, threads and
// comparisons are brought up to date, so that no request ever waits for them. A process
// whose heap grew past its limit in a run ends after it (background.ts starts another):
// all its memory goes back to the system. It runs at BACKGROUND_NICE (src/priority.ts),
// like the writing commands: the serving processes come first for the CPU, and it takes
// what they leave. It ends with the process that started it.
import { getHeapStatistics } from 'node:v8';
import { boundHeap } from '../heap.js';
import { BACKGROUND_NICE, lowerPriority } from '../priority.js';
import { openStore } from '../store/open.js';
import { AliasTable } from '../text/aliases.js';
import { segmenter } from '../text/segment.js';
import { analyzeArchive } from './analyze.js';

/** what background.ts passes (one JSON argument) */
export interface AnalysisProcessArgs { db: string; lexicons: string[]; aliases: string[]; intervalMs: number; heapLimitMb: number }
/** what this process tells background.ts */
export type AnalysisMessage = { analysed: import('./analyze.js').AnalysisReport } | { error: string } | { recycle: number };

const { db, lexicons, aliases, intervalMs, heapLimitMb } = JSON.parse(process.argv[2] ?? '{}') as AnalysisProcessArgs;
const say = (m: AnalysisMessage): void => { process.send?.(m); };
lowerPriority(BACKGROUND_NICE);
boundHeap();
// the server that started this process is gone (even killed): nothing to analyse for
process.on('disconnect', () => process.exit(0));
let stopping = false;
process.on('message', (m: { stop?: boolean }) => { if (m.stop) stopping = true; });
const store = await openStore(db);
const ctx = { segmenter: segmenter(lexicons), aliases: new AliasTable(aliases) };
while (!stopping) {
  try {
    const r = await analyzeArchive(store, ctx);
    if (r.ran) say({ analysed: r });
  } catch (e) {
    say({ error: e instanceof Error ? e.message : String(e) });
  }
  const heapMb = Math.round(getHeapStatistics().total_heap_size / 1048576);
  if (heapMb > heapLimitMb) {
    say({ recycle: heapMb });
    break;
  }
  await new Promise((resolve) => setTimeout(resolve, intervalMs));
}
await store.close();
// the IPC channel would keep this process alive
process.exit(0);
