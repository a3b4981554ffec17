// A worker thread of the parse pool: bytes in, a prepared ImportItem out.
import { parentPort, workerData } from 'node:worker_threads';
import { Segmenter } from '../text/segment.js';
import { parseFile, type ParseJob } from './parse.js';

const data = workerData as { lexicons: string[]; index: boolean };
const ctx = { segmenter: data.index ? new Segmenter(data.lexicons) : undefined };

parentPort!.on('message', (job: ParseJob & { seq: number }) => {
  parentPort!.postMessage({ seq: job.seq, item: parseFile(job, ctx) });
});
