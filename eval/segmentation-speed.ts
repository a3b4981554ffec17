// Segmentation throughput on a SIGHAN set, in a process of its own: the evaluation's main
// process holds a whole scratch archive, and a heap that size slows every allocating
// segmenter's garbage collection (ours makes a string per word in JavaScript, jieba's
// native cut makes them at once), which the segmenter does not meet where it runs
// (workers, the CLI).
// Prints one JSON line per system: {"mbPerSecond","ratio"} against plain jieba.
// Usage: tsx eval/segmentation-speed.ts SIGHAN_DIR pku|cityu [LEXICON]
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { Segmenter } from '../src/text/segment.js';
import { throughputAgainst } from './segmentation.js';

const [dir, set, lexicon] = process.argv.slice(2) as [string, 'pku' | 'cityu', string | undefined];
const jieba = Jieba.withDict(dict);
const baseline = (l: string): string[] => jieba.cut(l, true);
const seg = new Segmenter(lexicon ? [lexicon] : []).warm();
const speed = throughputAgainst(dir, set, (l) => seg.words(l), baseline, 15);
process.stdout.write(JSON.stringify(speed) + '\n');
