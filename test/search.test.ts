// Search across scripts and regions, on data written for the test and on ../shared.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { SearchResult } from '../src/search/search.js';
import { parseQuery, QueryError } from '../src/search/query.js';
import { AliasTable } from '../src/text/aliases.js';
import { cli, cliJson } from './cli.js';
import { needsShared, projectRoot, sharedPath } from './shared.js';

const fixtures = join(projectRoot, 'src', 'readers', 'testdata');
const db = join(mkdtempSync(join(tmpdir(), 'px-search-')), 's.db');
cliJson(['--db', db, 'import', fixtures]);
const search = (q: string, ...args: string[]): SearchResult => {
  const r = cliJson<SearchResult>(['--db', db, 'search', q, ...args]);
  assert.equal(r.status, 0, r.stderr);
  return r.json;
};

test('query language: words, phrases, exclusions, filters; clear errors', () => {
  const q = parseQuery('大桥 "跨海 大桥" -白海豚 outlet:rthk,cna since:2031-10-01 until:2031-10-31 tag:晴川 script:hant');
  assert.deepEqual(q.terms, [
    { text: '大桥', phrase: false, negated: false },
    { text: '跨海 大桥', phrase: true, negated: false },
    { text: '白海豚', phrase: false, negated: true },
  ]);
  assert.deepEqual(q.outlets, ['rthk', 'cna']);
  assert.equal(q.script, 'hant');
  for (const bad of ['"unclosed', 'since:tomorrow', 'script:latin', '-only', 'since:2031-10-02 until:2031-10-01', 'outlet:']) {
    assert.throws(() => parseQuery(bad), QueryError, bad);
  }
});

test('aliases: regional variants of a word and of a longer term', () => {
  const a = new AliasTable();
  assert.ok(a.variants('普京').includes('蒲亭'));
  assert.ok(a.variants('普丁').includes('普京'));
  assert.ok(a.variants('普京总统').includes('普丁总统'));
  assert.ok(a.variants('视像会晤').includes('视频会晤'));
});

test('a query in one script finds articles in both, snippets stay in each article\'s script', () => {
  const r = search('跨海大橋');
  const titles = r.hits.map((h) => h.title);
  assert.ok(titles.includes('晴川跨海大桥今日通车 全长十二公里'));
  assert.ok(titles.includes('晴川跨海大橋通車 望潮島居民歡迎'));
  const hant = r.hits.find((h) => h.title === '晴川跨海大橋通車 望潮島居民歡迎')!;
  assert.match(hant.snippet, /<mark>跨海大橋<\/mark>/);
  const hans = r.hits.find((h) => h.title === '晴川跨海大桥今日通车 全长十二公里')!;
  assert.match(hans.snippet, /<mark>跨海大桥<\/mark>/);
});

test('any 2+ character string is found (n-gram fallback), one character too; exclusions and filters apply', () => {
  assert.ok(search('海豚的栖').total >= 1);
  assert.ok(search('豚').total >= 1);
  const all = search('望潮岛').total;
  const without = search('望潮岛 -白海豚').total;
  assert.ok(without < all && without > 0);
  const hant = search('望潮島 script:hant');
  assert.ok(hant.hits.length > 0 && hant.hits.every((h) => /[島橋]/.test(h.title + h.snippet)));
  assert.equal(search('望潮岛 since:2031-10-19').hits.every((h) => h.published!.at >= '2031-10-19'), true);
  const byDate = search('大桥', '--sort', 'date').hits.map((h) => h.published?.at ?? '');
  assert.deepEqual(byDate, [...byDate].sort().reverse());
  const page2 = search('大桥', '--limit', '2', '--offset', '2');
  assert.equal(page2.hits.length, 2);
  assert.notEqual(page2.hits[0]!.id, search('大桥', '--limit', '2').hits[0]!.id);
});

test('a malformed query is a clear message and exit 2, never a stack trace', () => {
  const r = cli(['--db', db, 'search', '"unclosed']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /bad query: a phrase opened/);
  assert.ok(!/at .*\.ts:\d+/.test(r.stderr));
});

test('segment: one sentence per line, words by single spaces, none of seed 004\'s errors', needsShared('seeds'), () => {
  const r = cli(['segment', join(sharedPath('seeds')!, '004_2396a5cbe4f6a35b.txt').replace('004_2396a5cbe4f6a35b.txt', '001_b2d7573299a9be4d.txt')]);
  assert.equal(r.status, 0);
  for (const e of ['习近 平同', '展示 出新 的', '再 创新 高', '两 年中 俄', '两 国都 是', '搞 好明 后']) assert.ok(!r.stdout.includes(e), e);
  assert.ok(r.stdout.includes('习近平'));
  assert.ok(!/ {2}/.test(r.stdout));
});

test('普丁 and 習近平 普京 find the Xi–Putin meeting in both scripts (seeds + multi-outlet)', needsShared('corpus/multi-outlet'), () => {
  const big = join(mkdtempSync(join(tmpdir(), 'px-search-')), 'm.db');
  cliJson(['--db', big, 'import', sharedPath('seeds')!, sharedPath('corpus/multi-outlet')!]);
  for (const q of ['普丁', '習近平 普京']) {
    const r = cliJson<SearchResult>(['--db', big, 'search', q, '--limit', '100']).json;
    const outlets = new Set(r.hits.map((h) => h.outlet.id));
    for (const o of ['hkcnews', 'sina', 'zaobao', 'zaker', 'rthk', 'cna', 'dw']) assert.ok(outlets.has(o), `${q}: ${o}`);
    const scripts = new Set(r.hits.map((h) => /[習會視]/.test(h.title + h.snippet) ? 'hant' : 'hans'));
    assert.equal(scripts.size, 2);
  }
});

test('search after import --no-index says the index is missing and exits non-zero; reindex builds it', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'px-noindex-')), 'n.db');
  assert.equal(cli(['--db', file, 'import', '--no-index', fixtures]).status, 0);
  const r = cli(['--db', file, 'search', '大桥']);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /search index is missing.*--no-index.*parallax reindex/);
  assert.equal(cli(['--db', file, 'reindex']).status, 0);
  const after = cliJson<SearchResult>(['--db', file, 'search', '大桥']);
  assert.equal(after.status, 0);
  assert.ok(after.json.total > 0);
});

test('variants show: the forms a term is matched in, the optional ones, the whole-word ones', () => {
  const taxi = cliJson<{ variants: string[]; optional: string[]; wholeWord: string[] }>(['variants', 'show', '出租車']);
  assert.equal(taxi.status, 0, taxi.stderr);
  assert.ok(taxi.json.variants.includes('计程车') && taxi.json.variants.includes('的士'));
  assert.deepEqual(taxi.json.wholeWord, ['的士']);
  const data = cliJson<{ variants: string[]; optional: string[] }>(['variants', 'show', '数据']);
  assert.ok(data.json.optional.includes('资料') && !data.json.variants.includes('资料'));
});

test('variants build writes the transliterations of an archive and the terms its aligned sentences teach, with their evidence', () => {
  const dir = mkdtempSync(join(tmpdir(), 'px-vbuild-'));
  const out = join(dir, 'v.txt');
  const aligned = join(dir, 'a.txt');
  const r = cli(['--db', db, 'variants', 'build', '--out', out, '--aligned-out', aligned]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /groups from \d+ articles written to .*v\.txt/);
  assert.match(r.stdout, /groups from aligned sentences written to .*a\.txt/);
  assert.match(readFileSync(out, 'utf8'), /^# Transliterations the archive teaches/);
  assert.match(readFileSync(aligned, 'utf8'), /^# Terms aligned sentences teach/);
});
