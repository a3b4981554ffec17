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
/**
 * Articles per batch here, where a command's run takes 5,000 (analyze.ts BATCH): a run's
 * memory follows its batch and the stored articles of the days around it, and this process
 * lives beside the server. Imports that pile up while another process regroups (thousands
 * of articles) took it to ~1 GB in batches of 5,000 (docs/benchmarks.md, seventh session).
 */
const SERVE_BATCH = 1_000;
const store = await openStore(db);
const ctx = { segmenter: segmenter(lexicons), aliases: new AliasTable(aliases) };
while (!stopping) {
  try {
    const r = await analyzeArchive(store, ctx, { batch: SERVE_BATCH });
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
