// The import baseline: read every file of the archive and parse its front matter,
// nothing more. Prints the same JSON shape as import-child.ts.
import * as yaml from 'js-yaml';
import { statSync } from 'node:fs';
import { openSource } from '../src/readers/sources.js';
import { peakRssMB } from './peak-rss.js';

const input = process.argv[2]!;
const started = performance.now();
let files = 0;
for await (const f of openSource(input)) {
  const text = Buffer.from(await f.read()).toString('utf8');
  const m = /^\s*---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  if (m) { try { yaml.load(m[1]!, { schema: yaml.CORE_SCHEMA, json: true }); } catch { /* counted all the same */ } }
  files++;
}
const seconds = (performance.now() - started) / 1000;
process.stdout.write(JSON.stringify({ seconds, articles: files, files, rejected: 0, bytes: statSync(input).size, maxRssMB: peakRssMB() }) + '\n');
