// npm run eval: the quality evaluations, printed as Markdown tables.
//   segmentation on SIGHAN 2005 (PKU, CITYU raw Traditional): plain jieba vs Parallax
//   known-item search across scripts on the corpus archive
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { AliasTable } from '../src/text/aliases.js';
import { Segmenter } from '../src/text/segment.js';
import { sharedPath } from '../test/shared.js';
import { scratchArchive } from './archive.js';
import { knownItem } from './known-item.js';
import { scoreSegmenter, segmentationSpeed, throughputAgainst } from './segmentation.js';
import { dedupScore, storyScore } from './stories.js';
import { analyzeArchive } from '../src/stories/analyze.js';
import { fileURLToPath } from 'node:url';

const pct = (x: number): string => x.toFixed(3);
const only = process.argv.slice(2);
const wants = (k: string): boolean => only.length === 0 || only.includes(k);

const sighan = sharedPath('eval/sighan2005');
const seeds = sharedPath('seeds');
const multi = sharedPath('corpus/multi-outlet');
const tenK = sharedPath('corpus/hkcnews-10k/hkcnews-10k.tar.gz');
if (!sighan || !seeds || !multi || !tenK) {
  console.log('../shared is not here: nothing to evaluate');
  process.exit(process.env.CI === 'true' ? 1 : 0);
}

console.log(`# Parallax evaluation, ${new Date().toISOString().slice(0, 10)}\n`);
console.error('importing the corpus into a scratch archive and building its lexicon…');
const archive = await scratchArchive([seeds, multi, tenK]);
console.log(`Scratch archive: ${archive.report.articles.added} articles (seeds + multi-outlet + hkcnews-10k), imported in ${archive.seconds.toFixed(1)} s; archive lexicon ${archive.lexicon}.\n`);

if (wants('seg')) {
  const jieba = Jieba.withDict(dict);
  // name, cut, lexicons: Parallax's speed is measured in a child process (see segmentation-speed.ts);
  // jieba's row times jieba against itself, which shows the noise of the moment (ideally 1.00)
  const core = new Segmenter().warm();
  const withArchive = new Segmenter([archive.lexicon]).warm();
  const systems: Array<[string, (l: string) => string[], string[] | undefined]> = [
    ['@node-rs/jieba (HMM on)', (l) => jieba.cut(l, true), undefined],
    ['Parallax (core lexicon)', (l) => core.words(l), []],
    ['Parallax (core + archive lexicon)', (l) => withArchive.words(l), [archive.lexicon]],
  ];
  console.log('## Word segmentation, SIGHAN 2005 (bakeoff scoring)\n');
  console.log('| set | system | P | R | F1 | OOV recall | MB/s | × jieba speed |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const set of ['pku', 'cityu'] as const) {
    for (const [name, cut, lexicons] of systems) {
      const s = scoreSegmenter(sighan, set, cut);
      const speed = lexicons ? segmentationSpeed(sighan, set, lexicons) : throughputAgainst(sighan, set, cut, cut, 9);
      console.log(`| ${set.toUpperCase()}${set === 'cityu' ? ' (raw Traditional)' : ''} | ${name} | ${pct(s.precision)} | ${pct(s.recall)} | **${pct(s.f1)}** | ${pct(s.oovRecall)} | ${speed.mbPerSecond.toFixed(2)} | ${speed.ratio.toFixed(2)} |`);
    }
  }
  console.log('');
}

if (wants('search')) {
  const ctx = { segmenter: new Segmenter([archive.lexicon]), aliases: new AliasTable() };
  const r = await knownItem(archive.store, ctx, 500);
  console.log('## Known-item search across scripts\n');
  console.log('| queries | in top 3 | at rank 1 | hit rate (top 3) |');
  console.log('|---|---|---|---|');
  console.log(`| ${r.queries} | ${r.top3} | ${r.top1} | **${pct(r.hitRate)}** |\n`);
  if (r.misses.length) console.log('Misses (first 10): ' + r.misses.map((m) => `${m.id} «${m.query}»`).join(', ') + '\n');
}

if (wants('stories')) {
  const ctx = { segmenter: new Segmenter([archive.lexicon]), aliases: new AliasTable() };
  const t = performance.now();
  const report = await analyzeArchive(archive.store, ctx, { regroup: true });
  const seconds = (performance.now() - t) / 1000;
  const s = await storyScore(archive.store, fileURLToPath(new URL('./gold/stories.json', import.meta.url)));
  console.log('## Story grouping against the gold set (eval/gold/stories.json)\n');
  console.log(`Grouped ${report.articles} articles into ${report.stories} stories (${report.multiOutlet} with 2+ outlets) in ${seconds.toFixed(1)} s; scored on the ${s.items} labelled articles of ${s.events} events.\n`);
  console.log('| B³ precision | B³ recall | B³ F1 | pairwise P | pairwise R | pairwise F1 |');
  console.log('|---|---|---|---|---|---|');
  console.log(`| ${pct(s.b3.p)} | ${pct(s.b3.r)} | **${pct(s.b3.f1)}** | ${pct(s.pairwise.p)} | ${pct(s.pairwise.r)} | ${pct(s.pairwise.f1)} |\n`);
  const d = await dedupScore(archive.store, 5000);
  console.log('## Near-duplicates (Jaccard ≥ 0.8 on 5-character shingles) against brute force\n');
  console.log('| sample | true pairs (all-pairs exact Jaccard) | found by MinHash+LSH | precision | recall | brute force s | LSH s |');
  console.log('|---|---|---|---|---|---|---|');
  console.log(`| ${d.sample} | ${d.truePairs} | ${d.found} | **${pct(d.precision)}** | **${pct(d.recall)}** | ${d.bruteSeconds.toFixed(1)} | ${d.lshSeconds.toFixed(1)} |\n`);
}

await archive.store.close();
