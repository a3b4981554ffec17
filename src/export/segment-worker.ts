// A thread of the segmented export: the same segmenter (same lexicons) cuts batches of
// articles the main thread reads from the store; the text comes back in order.
import { parentPort, workerData } from 'node:worker_threads';
import { Segmenter } from '../text/segment.js';
import { segmentedText, type SegmentBatch } from './segmented.js';

const { lexicons, form } = workerData as { lexicons: string[]; form: 'written' | 'normal' };
const seg = new Segmenter(lexicons).warm();
parentPort!.on('message', (batch: SegmentBatch) => {
  parentPort!.postMessage({ seq: batch.seq, texts: batch.articles.map((a) => segmentedText(a, seg, form)) });
});
