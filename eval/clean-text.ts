// Clean text on the shared multi-outlet corpus (issue 19): every file read with the readers,
// counts of what is left in titles and bodies and of what went to figures, media and related.
//   node --import tsx eval/clean-text.ts        (run at two commits to compare: the casts let it
//   run on commits from before figures had credits and articles had related links)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ArticleDraft } from '../src/article.js';
import { readDocument } from '../src/readers/index.js';
import { sharedPath } from '../test/shared.js';

const root = sharedPath('corpus/multi-outlet');
if (!root) process.exit(process.env.CI === 'true' ? 1 : 0);
const files: string[] = [];
const walk = (d: string): void => { for (const n of readdirSync(d)) { const p = join(d, n); if (statSync(p).isDirectory()) walk(p); else files.push(p); } };
walk(root);
const drafts: ArticleDraft[] = files.flatMap((f) => { try { return readDocument(readFileSync(f), f).drafts; } catch { return []; } });
const count = (pred: (d: ArticleDraft) => boolean): number => drafts.filter(pred).length;
const rows: Array<[string, number]> = [
  ['articles read', drafts.length],
  ['titles ending in a site name, section or [影]', count((d) => /(\s[|｜]\s|\s-\s)(半岛电视台|iYouPort|法国世界报|要闻解说|法国报纸摘要)$|\[影\]$|\|\s*半岛电视台$/.test(d.title))],
  ['paragraphs starting with 延伸閱讀 or •', drafts.reduce((n, d) => n + d.paragraphs.filter((p) => /^(延伸閱讀|• )/.test(p)).length, 0)],
  ['paragraphs with a {{< shortcode', drafts.reduce((n, d) => n + d.paragraphs.filter((p) => p.includes('{{<')).length, 0)],
  ['paragraphs 相关图集 / 图 路透/', drafts.reduce((n, d) => n + d.paragraphs.filter((p) => /^(相关图集|图 路透\/)/.test(p)).length, 0)],
  ['figures with a caption', drafts.reduce((n, d) => n + d.figures.filter((f) => f.caption).length, 0)],
  ['figures with a credit', drafts.reduce((n, d) => n + d.figures.filter((f) => (f as { credit?: string }).credit).length, 0)],
  ['media', drafts.reduce((n, d) => n + d.media.length, 0)],
  ['related links (articles)', drafts.reduce((n, d) => n + ((d as { related?: unknown[] }).related?.length ?? 0), 0)],
  ['wire lines opened with （ and not closed', count((d) => !!d.wire && d.wire.text.startsWith('（') && !d.wire.text.endsWith('）'))],
];
console.log('| measure | count |\n|---|---|');
for (const [k, v] of rows) console.log(`| ${k} | ${v} |`);
