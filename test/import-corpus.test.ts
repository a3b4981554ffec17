// The real archives of ../shared/corpus: at most 0.5% rejected, placeholders flagged,
// a second import changes nothing.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Article } from '../src/article.js';
import type { ImportReport } from '../src/import/pipeline.js';
import { readDocument } from '../src/readers/index.js';
import { openStore } from '../src/store/open.js';
import { cliJson } from './cli.js';
import { needsShared, sharedPath } from './shared.js';

const dir = mkdtempSync(join(tmpdir(), 'px-corpus-'));

test('multi-outlet corpus imports with ≤ 0.5% rejected, each explained; reimport is unchanged', needsShared('corpus/multi-outlet'), () => {
  const db = join(dir, 'multi.db');
  const src = sharedPath('corpus/multi-outlet')!;
  const r = cliJson<ImportReport>(['--db', db, 'import', src]).json;
  const articleFiles = r.files - r.skipped;
  assert.ok(articleFiles >= 2900, `saw ${articleFiles} article files`);
  assert.ok(r.rejected.length <= articleFiles * 0.005, JSON.stringify(r.rejected.slice(0, 5)));
  for (const x of r.rejected) assert.ok(x.reason.length > 5 && x.path.length > 0);
  const outlets = new Set(cliJson<Article[]>(['--db', db, 'list', '--limit', '5000']).json.map((a) => a.outlet.id));
  for (const o of ['rthk', 'cna', 'aj', 'reuters', 'rfi', 'kyodo', 'dw', 'bbc', 'hkcnews', 'iyouport']) assert.ok(outlets.has(o), o);
  const again = cliJson<ImportReport>(['--db', db, 'import', src]).json;
  assert.equal(again.articles.added + again.articles.updated + again.duplicates, 0);
  assert.equal(again.articles.unchanged, r.articles.added + r.duplicates);
});

test('hkcnews-10k imports with ≤ 0.5% rejected; placeholders are flagged and kept out of the news', needsShared('corpus/hkcnews-10k/hkcnews-10k.tar.gz'), async () => {
  const db = join(dir, 'k.db');
  const tar = sharedPath('corpus/hkcnews-10k/hkcnews-10k.tar.gz')!;
  const r = cliJson<ImportReport>(['--db', db, 'import', tar]).json;
  assert.equal(r.files, 10000);
  assert.ok(r.rejected.length <= 50, JSON.stringify(r.rejected.slice(0, 5)));
  // 260 "Temporarily Offline" + 126 farewell pages are placeholders (SOURCES.md)
  assert.ok(r.flagged >= 386, `flagged ${r.flagged}`);
  const stats = cliJson<{ articles: number; flagged: number }>(['--db', db, 'stats']).json;
  assert.equal(stats.articles + stats.flagged, r.articles.added + r.articles.updated);
  const news = cliJson<Article[]>(['--db', db, 'list', '--limit', '20000']).json;
  assert.ok(!news.some((a) => a.title === 'Temporarily Offline' || a.flags.includes('placeholder')));
  // issue 19: 1,316 articles carry a {{< video >}} shortcode; it is media now, never text
  const store = await openStore(db);
  const full = await store.articlesByIds(news.map((a) => a.id));
  await store.close();
  assert.equal(full.length, news.length);
  assert.ok(!full.some((a) => a.paragraphs.some((p) => p.includes('{{<'))));
  const withVideo = full.filter((a) => a.media.some((m) => m.kind === 'video')).length;
  assert.ok(withVideo >= 1300, `${withVideo} articles with a video`);
  const all = cliJson<Article[]>(['--db', db, 'list', '--all', '--limit', '20000']).json;
  assert.ok(all.filter((a) => a.flags.includes('placeholder')).length >= 386);
  const again = cliJson<ImportReport>(['--db', db, 'import', tar]).json;
  assert.deepEqual(again.articles, { added: 0, updated: 0, unchanged: r.articles.added });
});

test('clean text on the shared corpus: no site names in titles, captions in figures, related lists and wire lines apart', needsShared('corpus/multi-outlet'), () => {
  const root = sharedPath('corpus/multi-outlet')!;
  const files: string[] = [];
  const walk = (d: string): void => { for (const n of readdirSync(d)) { const p = join(d, n); if (statSync(p).isDirectory()) walk(p); else if (/\.(md|html)$/.test(n)) files.push(p); } };
  walk(root);
  const drafts = files.flatMap((f) => { try { return readDocument(readFileSync(f), f).drafts; } catch { return []; } });
  const of = (id: string) => drafts.filter((d) => d.outlet.id === id);
  assert.ok(of('aj').length > 250 && !of('aj').some((d) => /半岛电视台|\s\|\s/.test(d.title)), 'AJ titles');
  assert.ok(!of('iyouport').some((d) => / - iYouPort$/.test(d.title)));
  assert.ok(!of('cna').some((d) => d.title.endsWith('[影]')));
  assert.ok(!of('rfi').some((d) => / - (法国世界报|要闻解说|法国报纸摘要)$/.test(d.title)));
  // 「延伸閱讀」 footers: out of the text, into related
  assert.ok(!drafts.some((d) => d.paragraphs.some((p) => /^(延伸閱讀|• )/.test(p))));
  assert.ok(of('cna').filter((d) => d.related?.length).length >= 300);
  // DW galleries: no 「相关图集」 heading left, the slides' captions in figures
  assert.ok(!of('dw').some((d) => d.paragraphs.some((p) => p.startsWith('相关图集'))));
  assert.ok(of('dw').reduce((n, d) => n + d.figures.filter((f) => f.caption).length, 0) >= 300);
  assert.ok(!drafts.some((d) => d.paragraphs.some((p) => /^图 路透\//.test(p))));
  const cnaWire = of('cna').map((d) => d.wire?.text).filter((t): t is string => !!t && t.startsWith('（'));
  assert.ok(cnaWire.length >= 150 && cnaWire.every((t) => t.endsWith('）')), cnaWire.find((t) => !t.endsWith('）')));
});
