// A worker thread of the parse pool: bytes in, a prepared ImportItem out.
import { parentPort } from 'node:worker_threads';
import { parseFile, type ParseJob } from './parse.js';

parentPort!.on('message', (job: ParseJob & { seq: number }) => {
  const item = parseFile(job);
  parentPort!.postMessage({ seq: job.seq, item });
});
