// The real archives of ../shared/corpus: at most 0.5% rejected, placeholders flagged,
// a second import changes nothing.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Article } from '../src/article.js';
import type { ImportReport } from '../src/import/pipeline.js';
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

test('hkcnews-10k imports with ≤ 0.5% rejected; placeholders are flagged and kept out of the news', needsShared('corpus/hkcnews-10k/hkcnews-10k.tar.gz'), () => {
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
  const all = cliJson<Article[]>(['--db', db, 'list', '--all', '--limit', '20000']).json;
  assert.ok(all.filter((a) => a.flags.includes('placeholder')).length >= 386);
  const again = cliJson<ImportReport>(['--db', db, 'import', tar]).json;
  assert.deepEqual(again.articles, { added: 0, updated: 0, unchanged: r.articles.added });
});
