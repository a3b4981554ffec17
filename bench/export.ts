// Exports and the static mirror on hkcnews-10k + multi-outlet (analysed first: Atom and the
// site need events): each export format against a plain dump of the stored JSON (the floor:
// read every row, write every byte), a full publish against a copy of the site's files (the
// floor of writing them), unchanged and after 100 new articles, and the site's search index
// against MiniSearch over the same bigram terms. Load average before and after: the cores
// may be shared.
import Database from 'better-sqlite3';
import { cpSync, createWriteStream, readdirSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { gzipSync } from 'node:zlib';
import MiniSearch from 'minisearch';
import type { Article } from '../src/article.js';
import { EXPORT_FORMATS, runExport, type ExportFormat } from '../src/export/export.js';
import { resolveSelection } from '../src/export/select.js';
import { importSources } from '../src/import/pipeline.js';
import { foldForSearch, foldTables, searchTerms } from '../src/publish/fold.js';
import { buildSearchIndex, querySearchIndex, type SearchDoc } from '../src/publish/search-page.js';
import { publishSite } from '../src/publish/site.js';
import { analyzeArchive } from '../src/stories/analyze.js';
import { SqliteStore } from '../src/store/sqlite/store.js';
import { normalizeText } from '../src/text/normalize.js';
import { AliasTable } from '../src/text/aliases.js';
import { Segmenter } from '../src/text/segment.js';
import { rng } from '../eval/known-item.js';
import { latestDated, writeFollowUps } from './events.js';

const mb = (bytes: number): string => (bytes / 1048576).toFixed(1);
const pct = (xs: number[], p: number): number => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!; };

function folderBytes(dir: string): number {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).reduce((n, f) => { const s = statSync(join(dir, f)); return s.isFile() ? n + s.size : n; }, 0);
}

/** The floor of any export: every stored article's JSON read and written to one file. */
async function dumpBaseline(db: string, out: string): Promise<{ seconds: number; bytes: number; rows: number }> {
  const t = performance.now();
  const d = new Database(db, { readonly: true });
  const file = createWriteStream(out);
  let rows = 0;
  for (const r of d.prepare('SELECT doc FROM articles WHERE flagged = 0').iterate() as Iterable<{ doc: string }>) {
    rows++;
    if (!file.write(r.doc + '\n')) await once(file, 'drain');
  }
  file.end();
  await once(file, 'finish');
  d.close();
  return { seconds: (performance.now() - t) / 1000, bytes: statSync(out).size, rows };
}

export async function exportBench(db: string, dir: string): Promise<void> {
  const store = new SqliteStore(db);
  const seg = new Segmenter().warm();
  const text = { segmenter: seg, aliases: new AliasTable() };
  let t = performance.now();
  await analyzeArchive(store, text);
  console.log(`\n## Exports and the static mirror\n\nArchive analysed first in ${((performance.now() - t) / 1000).toFixed(1)} s (not counted below). Load average (1, 5, 15 min) at the start: ${loadavg().map((x) => x.toFixed(2)).join(', ')}.\n`);

  const base = await dumpBaseline(db, join(dir, 'dump.jsonl'));
  console.log(`| format | articles | files | size MB | s | articles/s | vs stored-JSON dump |`);
  console.log('|---|---|---|---|---|---|---|');
  console.log(`| (baseline: stored JSON dump) | ${base.rows} | 1 | ${mb(base.bytes)} | ${base.seconds.toFixed(2)} | ${Math.round(base.rows / base.seconds)} | 1.0 |`);
  const selection = await resolveSelection(store, {});
  for (const format of Object.keys(EXPORT_FORMATS) as ExportFormat[]) {
    const out = join(dir, 'export', EXPORT_FORMATS[format].writes === 'folder' ? format : `articles.${format === 'warc' ? 'warc.gz' : format}`);
    t = performance.now();
    const r = await runExport(format, { store, selection, out }, { segmenter: seg });
    const s = (performance.now() - t) / 1000;
    const bytes = EXPORT_FORMATS[format].writes === 'folder' ? folderBytes(out) : statSync(out).size;
    console.log(`| ${format} | ${r.articles} | ${r.files} | ${mb(bytes)} | ${s.toFixed(2)} | ${Math.round(r.articles / s)} | ${(s / base.seconds).toFixed(1)} |`);
  }

  // the static mirror: full, unchanged, then after 100 new articles
  const site = join(dir, 'site');
  t = performance.now();
  const full = await publishSite(store, site, { text });
  const fullS = (performance.now() - t) / 1000;
  // the floor of a full publish in the same conditions: the site's files copied one by one
  t = performance.now();
  cpSync(site, join(dir, 'site-copy'), { recursive: true });
  const copyS = (performance.now() - t) / 1000;
  rmSync(join(dir, 'site-copy'), { recursive: true, force: true });
  t = performance.now();
  const same = await publishSite(store, site, { text });
  const sameS = (performance.now() - t) / 1000;
  const articles: Article[] = [];
  for await (const a of store.allArticles()) articles.push(a);
  await importSources(store, [writeFollowUps(latestDated(articles, 100), join(dir, 'new-articles'))]);
  t = performance.now();
  await analyzeArchive(store, text);
  const analyseS = (performance.now() - t) / 1000;
  t = performance.now();
  const inc = await publishSite(store, site, { text });
  const incS = (performance.now() - t) / 1000;
  console.log(`\n| publish | pages (articles / events / threads / outlets) | files | site MB | search index KB (gzip) | articles, events rendered | files written | s |`);
  console.log('|---|---|---|---|---|---|---|---|');
  const gz = gzipSync(await import('node:fs').then((fs) => fs.readFileSync(join(site, 'static/search-index.js')))).length;
  const row = (name: string, r: typeof full, s: number): void =>
    console.log(`| ${name} | ${r.pages.articles} / ${r.pages.events} / ${r.pages.threads} / ${r.pages.outlets} | ${r.files} | ${mb(r.bytes)} | ${Math.round(r.searchIndexBytes / 1024)} (${Math.round(gz / 1024)}) | ${r.rendered.articles}, ${r.rendered.events} | ${r.written} | ${s.toFixed(1)} |`);
  console.log(`| (baseline: copy of the full site's files) | | ${full.files} | ${mb(full.bytes)} | | | ${full.files} | ${copyS.toFixed(1)} |`);
  row('full', full, fullS);
  row('again, nothing changed', same, sameS);
  row(`after 100 new articles (analysis before it: ${analyseS.toFixed(1)} s)`, inc, incS);

  // the search index: own bigram postings against MiniSearch with the same terms
  const tables = foldTables(text.aliases);
  const docs: SearchDoc[] = articles.map((a) => ['a', a.id, a.title, '', a.outlet.name, a.published?.day ?? '', 0]);
  t = performance.now();
  const own = buildSearchIndex(docs, tables, (s) => text.aliases.foldText(normalizeText(s)));
  const ownBuild = performance.now() - t;
  const ownJson = JSON.stringify({ docs: own.docs, grams: own.grams });
  const tokenize = (s: string): string[] => searchTerms(foldForSearch(s, tables));
  t = performance.now();
  const mini = new MiniSearch<{ id: number; title: string }>({ fields: ['title'], idField: 'id', tokenize, processTerm: (term) => term, searchOptions: { combineWith: 'AND', tokenize, processTerm: (term) => term } });
  mini.addAll(docs.map((d, i) => ({ id: i, title: d[2] })));
  const miniBuild = performance.now() - t;
  // MiniSearch keeps no titles: the same document table goes beside it
  const miniJson = JSON.stringify({ docs: own.docs, index: mini });
  const rand = rng(5);
  const queries = Array.from({ length: 300 }, () => {
    const title = docs[Math.floor(rand() * docs.length)]![2].replace(/[^\p{Script=Han}]/gu, '');
    const at = Math.floor(rand() * Math.max(1, title.length - 4));
    return title.slice(at, at + 2 + Math.floor(rand() * 3));
  }).filter((q) => q.length >= 2);
  const ownMs: number[] = [], miniMs: number[] = [];
  let agree = 0;
  for (const q of queries) {
    let s = performance.now();
    const a = querySearchIndex(own, tokenize(q), 1_000_000).hits;
    ownMs.push(performance.now() - s);
    s = performance.now();
    const b = mini.search(q).map((r) => r.id as number);
    miniMs.push(performance.now() - s);
    if (a.length === b.length && new Set(a).size === new Set([...a, ...b]).size) agree++;
  }
  console.log(`\n| search index over ${docs.length} titles | build ms | JSON KB | gzip KB | query p50 / p95 ms (${queries.length} queries) | same hits |`);
  console.log('|---|---|---|---|---|---|');
  console.log(`| own bigram postings (gaps) | ${ownBuild.toFixed(0)} | ${Math.round(ownJson.length / 1024)} | ${Math.round(gzipSync(ownJson).length / 1024)} | ${pct(ownMs, 50).toFixed(2)} / ${pct(ownMs, 95).toFixed(2)} | ${agree}/${queries.length} |`);
  console.log(`| MiniSearch 7, same terms, AND | ${miniBuild.toFixed(0)} | ${Math.round(miniJson.length / 1024)} | ${Math.round(gzipSync(miniJson).length / 1024)} | ${pct(miniMs, 50).toFixed(2)} / ${pct(miniMs, 95).toFixed(2)} | |`);
  console.log(`\nLoad average (1, 5, 15 min) at the end: ${loadavg().map((x) => x.toFixed(2)).join(', ')}.`);
  await store.close();
}
