// `parallax publish OUT/`: the archive as a static site — events with their stored
// comparisons, threads, articles with the script toggle, outlets — in the three interface
// languages, rendered by the served site's own page functions (escaping by construction)
// with links made relative, plus a search that runs in the browser. A manifest keeps a key
// of what each page was made from and the hash of each file: a rebuild renders only
// articles and events whose inputs changed and writes only files whose bytes changed.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Article } from '../article.js';
import type { LineageEdge } from '../dedup/lineage.js';
import { t, type Lang } from '../server/i18n.js';
import { articlePage, layout, messagePage, outletName, outletPage, outletsPage, type PageContext } from '../server/pages.js';
import { CLAIM_FILTERS, CLAIMS_PER_PAGE, eventPage, eventsPage, filterClaims, threadPage, threadsPage } from '../server/pages-events.js';
import { CSS } from '../server/static.js';
import { ComparisonPending, eventComparison, type AnalysisContext } from '../stories/analyze.js';
import type { Store } from '../store/store.js';
import { normalizeText } from '../text/normalize.js';
import { foldTables } from './fold.js';
import { eventShows, threadShows } from './visible.js';
import { LANGS, rewritePage, staticPath } from './links.js';
import { buildSearchIndex, searchBody, searchIndexScript, searchScript, type SearchDoc } from './search-page.js';

/** bump when page rendering or the manifest changes: every page is rendered again */
const RENDER_VERSION = 2;
const MANIFEST = '.parallax-site.json';
const LIST_PAGE = 50;
/** changed articles read from the store at once */
const ARTICLES_READ = 200;
/** files being written at once */
const WRITES_AT_ONCE = 64;

/** Pages may load only the site's own files; only the search page runs a script, the site's own. */
const CSP = (script: boolean): string =>
  `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; script-src ${script ? "'self'" : "'none'"}">` +
  // no icon to ask the server for
  '<link rel="icon" href="data:,">';

/** a page or group of pages made from the same inputs (`key`): each file's hash and size */
interface Unit { key: string; files: Record<string, [hash: string, bytes: number]> }
interface Manifest { version: number; units: Record<string, Unit> }

export interface PublishReport {
  /** files the site holds */
  files: number;
  /** files written this time (new or changed) */
  written: number;
  /** files removed (their article, event or thread is gone) */
  removed: number;
  /** articles and events whose pages were rendered (the others were unchanged) */
  rendered: { articles: number; events: number };
  pages: { articles: number; events: number; threads: number; outlets: number };
  /** events whose comparison is not computed yet (their pages say so) */
  pending: number;
  bytes: number;
  searchIndexBytes: number;
  seconds: number;
}

export interface PublishOptions { text: AnalysisContext; progress?: (step: string, done: number, total: number) => void }

const sha = (s: string | Buffer): string => createHash('sha256').update(s).digest('hex').slice(0, 32);

async function all<T>(page: (offset: number) => Promise<T[]>, size = 500): Promise<T[]> {
  const out: T[] = [];
  for (let offset = 0; ; offset += size) {
    const rows = await page(offset);
    out.push(...rows);
    if (rows.length < size) return out;
  }
}

export async function publishSite(store: Store, out: string, opts: PublishOptions): Promise<PublishReport> {
  const started = performance.now();
  const manifestPath = join(out, MANIFEST);
  const old: Manifest = existsSync(manifestPath) ? JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest : { version: RENDER_VERSION, units: {} };
  const previous = old.version === RENDER_VERSION ? old.units : {};
  const units: Record<string, Unit> = {};
  const report: PublishReport = { files: 0, written: 0, removed: 0, rendered: { articles: 0, events: 0 }, pages: { articles: 0, events: 0, threads: 0, outlets: 0 }, pending: 0, bytes: 0, searchIndexBytes: 0, seconds: 0 };

  // ---- what the site holds (ids only)
  const outlets = await store.outlets();
  const counts = new Map((await store.stats()).outlets.map((o) => [o.id, o.articles]));
  const events = await all((offset) => store.listEvents({ minOutlets: 2, limit: 500, offset }).then((r) => r.events));
  const threads = await all((offset) => store.listThreads({ minEvents: 2, limit: 500, offset }).then((r) => r.threads));
  const titles = new Map<string, string>();
  const scripts = new Map<string, Article['script']>();
  const docs: SearchDoc[] = [];
  /** each article's digest: the articles are read once, and again only to render those that changed */
  const digests = new Map<string, string>();
  for await (const a of store.allArticles()) {
    titles.set(a.id, a.title);
    scripts.set(a.id, a.script);
    digests.set(a.id, sha(JSON.stringify(a)));
    docs.push(['a', a.id, a.title, '', a.outlet.name, a.published?.day ?? '', 0]);
  }
  const eventIds = new Set(events.map((e) => e.id));
  const threadIds = new Set(threads.map((th) => th.id));
  const outletIds = new Set(outlets.filter((o) => counts.get(o.id)).map((o) => o.id));
  /** the file a link goes to, or null when the site does not hold that page */
  const resolve = (path: string): string | null => {
    const m = /^(?:hans|hant|en)\/(article|event|thread|outlet)\/([\w.-]+?)(\.[\w.]+)?\.html$/.exec(path);
    if (!m) return path; // lists, outlets, the search page and the stylesheet are always there
    const [, kind, id, view] = m;
    if (kind === 'article') {
      if (!titles.has(id!)) return null;
      // a script view in the article's own script is the article's page
      return view && scripts.get(id!) === view.slice(1) ? path.replace(view, '') : path;
    }
    return (kind === 'event' ? eventIds : kind === 'thread' ? threadIds : outletIds).has(id!) ? path : null;
  };

  // ---- writing: a file is written only when its bytes changed
  const oldHashes = new Map<string, string>();
  for (const u of Object.values(previous)) for (const [p, [h]] of Object.entries(u.files)) oldHashes.set(p, h);
  const made = new Set<string>();
  // files are written by the thread pool while the next pages render, a bounded number at once
  const writing = new Set<Promise<void>>();
  let writeFailed: unknown;
  const emit = (unit: Unit, path: string, text: string): void => {
    // encoded once: hashed, measured and written as these bytes
    const content = Buffer.from(text, 'utf8');
    const hash = sha(content);
    unit.files[path] = [hash, content.length];
    const file = join(out, path);
    if (oldHashes.get(path) === hash && existsSync(file)) return;
    const folder = dirname(file);
    if (!made.has(folder)) { mkdirSync(folder, { recursive: true }); made.add(folder); }
    const write: Promise<void> = writeFile(file, content).catch((e: unknown) => { writeFailed ??= e; }).finally(() => writing.delete(write));
    writing.add(write);
    report.written++;
  };
  /** wait while too many files are being written (all of them: `limit` 0); a failed write stops the publish */
  const written = async (limit = WRITES_AT_ONCE): Promise<void> => {
    while (writing.size > limit) await Promise.race(writing);
    if (writeFailed) throw writeFailed;
  };
  /** a unit whose inputs did not change keeps its files as they are */
  const reuse = (name: string, key: string): boolean => {
    const prev = previous[name];
    // (one file stands for its unit: a folder removed by hand is noticed)
    const first = prev && Object.keys(prev.files)[0];
    if (!prev || prev.key !== key || (first && !existsSync(join(out, first)))) return false;
    units[name] = prev;
    return true;
  };
  const page = (lang: Lang, served: string, self: string, render: (ctx: PageContext) => string, script = false): string => {
    const url = new URL(served, 'http://site.invalid');
    return rewritePage(render({ lang, path: url.pathname, params: url.searchParams }), self, lang, resolve, CSP(script));
  };

  // ---- static files and the lists
  const lists: Unit = { key: '', files: {} };
  units['lists'] = lists;
  emit(lists, 'static/app.css', CSS);
  emit(lists, 'static/search.js', searchScript());
  emit(lists, 'index.html', `<!doctype html><html lang="zh"><head><meta charset="utf-8">${CSP(false)}<meta http-equiv="refresh" content="0; url=hans/index.html"><title>Parallax</title></head>` +
    `<body><p><a href="hans/index.html">简体</a> · <a href="hant/index.html">繁體</a> · <a href="en/index.html">English</a></p></body></html>`);
  for (const lang of LANGS) {
    const search = page(lang, `/?lang=${lang}`, `${lang}/index.html`, (ctx) => layout(ctx, t(lang, 'search'), searchBody(lang)), true)
      .replace('</head>', '<script defer src="../static/search-index.js"></script><script defer src="../static/search.js"></script></head>');
    emit(lists, `${lang}/index.html`, search);
    for (let offset = 0; offset === 0 || offset < events.length; offset += LIST_PAGE) {
      emit(lists, staticPath(`/events?lang=${lang}&offset=${offset}`, lang)!, page(lang, `/events?lang=${lang}&offset=${offset}`, staticPath(`/events?offset=${offset}`, lang)!, (ctx) => eventsPage(ctx, events.slice(offset, offset + LIST_PAGE), events.length, offset, LIST_PAGE)));
    }
    for (let offset = 0; offset === 0 || offset < threads.length; offset += LIST_PAGE) {
      emit(lists, staticPath(`/threads?offset=${offset}`, lang)!, page(lang, `/threads?lang=${lang}&offset=${offset}`, staticPath(`/threads?offset=${offset}`, lang)!, (ctx) => threadsPage(ctx, threads.slice(offset, offset + LIST_PAGE), threads.length, offset, LIST_PAGE)));
    }
    const rows = outlets.filter((o) => outletIds.has(o.id)).map((o) => ({ outlet: o, articles: counts.get(o.id) ?? 0 })).sort((a, b) => b.articles - a.articles);
    emit(lists, `${lang}/outlets.html`, page(lang, `/outlets?lang=${lang}`, `${lang}/outlets.html`, (ctx) => outletsPage(ctx, rows)));
  }

  // ---- outlets (few: rendered every time, written only when changed) and threads
  for (const o of outlets.filter((x) => outletIds.has(x.id))) {
    const unit: Unit = { key: '', files: {} };
    units[`outlet:${o.id}`] = unit;
    const recent = await store.listArticles({ outlet: o.id, limit: 100 });
    const { events: oe } = await store.listEvents({ outlet: o.id, minOutlets: 2, limit: 50 });
    for (const lang of LANGS) emit(unit, `${lang}/outlet/${o.id}.html`, page(lang, `/outlet/${o.id}?lang=${lang}`, `${lang}/outlet/${o.id}.html`, (ctx) => outletPage(ctx, o, recent, oe)));
    report.pages.outlets++;
  }
  for (const th of threads) {
    const { events: te } = await store.listEvents({ thread: th.id, limit: 1000, order: 'time' });
    // the thread, its events and which of them have pages
    const key = sha(JSON.stringify([threadShows(th, te), te.map((e) => eventIds.has(e.id))]));
    if (!reuse(`thread:${th.id}`, key)) {
      const unit: Unit = { key, files: {} };
      units[`thread:${th.id}`] = unit;
      for (const lang of LANGS) {
        const names = new Map(outlets.map((o) => [o.id, outletName(o, lang)]));
        emit(unit, `${lang}/thread/${th.id}.html`, page(lang, `/thread/${th.id}?lang=${lang}`, `${lang}/thread/${th.id}.html`, (ctx) => threadPage(ctx, th, te, names)));
      }
      await written();
    }
    docs.push(['t', th.id, th.label.hans, th.label.hant === th.label.hans ? '' : th.label.hant, `${th.events.length} ${t('hans', 'events')}`, th.last?.slice(0, 10) ?? '', th.events.length]);
    report.pages.threads++;
  }

  // ---- events: each filter of the comparison, every page of claims, in each language
  let done = 0;
  for (const e of events) {
    opts.progress?.('events', ++done, events.length);
    docs.push(['e', e.id, e.label.hans, e.label.hant === e.label.hans ? '' : e.label.hant, `${e.outlets.length} ${t('hans', 'outletsCount')}`, e.first?.slice(0, 10) ?? '', e.outlets.length]);
    report.pages.events++;
    const stored = await store.getComparison(e.id);
    const name = `event:${e.id}`;
    // what the page shows of the event, its comparison (by the members it was computed
    // from) and which outlets have pages
    const key = sha(JSON.stringify([eventShows(e), stored?.membersHash ?? null, [...outletIds]]));
    if (reuse(name, key)) continue;
    const unit: Unit = { key, files: {} };
    units[name] = unit;
    report.rendered.events++;
    let comparison;
    try {
      comparison = await eventComparison(store, e, opts.text);
    } catch (err) {
      if (!(err instanceof ComparisonPending)) throw err;
      report.pending++;
      unit.key = '';
      for (const lang of LANGS) emit(unit, `${lang}/event/${e.id}.html`, page(lang, `/event/${e.id}?lang=${lang}`, `${lang}/event/${e.id}.html`, (ctx) => messagePage(ctx, e.label.hans, t(lang, 'pending'))));
      continue;
    }
    const memberTitles = new Map(comparison.timeline.flatMap((r) => r.articles.map((a) => [a.article, a.title] as const)));
    for (const lang of LANGS) {
      const names = new Map(outlets.map((o) => [o.id, outletName(o, lang)]));
      for (const show of CLAIM_FILTERS) {
        const claims = filterClaims(comparison, show, null).length;
        for (let p = 0; p === 0 || p * CLAIMS_PER_PAGE < claims; p++) {
          const served = `/event/${e.id}?lang=${lang}${show === 'all' ? '' : `&show=${show}`}${p ? `&page=${p}` : ''}`;
          const self = staticPath(served, lang)!;
          emit(unit, self, page(lang, served, self, (ctx) => eventPage(ctx, e, comparison, names, memberTitles)));
        }
      }
    }
    await written();
  }

  // ---- articles: each script view in each language, rendered only when what it shows changed
  // (the key from the digest of the first read: only the changed articles are read again)
  const [lineage, eventOf] = await Promise.all([store.allLineage(), store.eventPlacements()]);
  const edgesOf = new Map<string, LineageEdge[]>();
  for (const edge of lineage) for (const id of [edge.from, edge.to]) (edgesOf.get(id) ?? edgesOf.set(id, []).get(id)!).push(edge);
  const edgesOfArticle = (id: string): Array<LineageEdge & { title: string }> =>
    (edgesOf.get(id) ?? []).map((edge) => ({ ...edge, title: titles.get(edge.from === id ? edge.to : edge.from) ?? '' }));
  const changed: Array<{ id: string; key: string }> = [];
  for (const [id, digest] of digests) {
    report.pages.articles++;
    const event = eventOf.get(id);
    const edges = edgesOfArticle(id);
    const key = sha(JSON.stringify([digest, edges, event ?? null, event ? eventIds.has(event) : false, edges.map((x) => titles.has(x.from === id ? x.to : x.from))]));
    if (!reuse(`article:${id}`, key)) changed.push({ id, key });
  }
  done = 0;
  for (let i = 0; i < changed.length; i += ARTICLES_READ) {
    const batch = changed.slice(i, i + ARTICLES_READ);
    const read = new Map((await store.articlesByIds(batch.map((c) => c.id))).map((a) => [a.id, a]));
    for (const { id, key } of batch) {
      opts.progress?.('articles', ++done, changed.length);
      const a = read.get(id);
      if (!a) continue; // removed since the first read: its files go with the others of gone units
      const unit: Unit = { key, files: {} };
      units[`article:${id}`] = unit;
      report.rendered.articles++;
      const edges = edgesOfArticle(id);
      const event = eventOf.get(id);
      for (const lang of LANGS) {
        for (const script of ['orig', 'hans', 'hant'] as const) {
          if (script === a.script) continue;
          const served = `/article/${a.id}?lang=${lang}${script === 'orig' ? '' : `&script=${script}`}`;
          const self = staticPath(served, lang)!;
          emit(unit, self, page(lang, served, self, (ctx) => articlePage(ctx, a, edges, event && eventIds.has(event) ? event : undefined)));
        }
      }
      await written();
    }
  }

  // ---- the search index: events, threads and article titles, folded and cut into bigrams
  const events_ = new Map(events.map((e) => [e.id, e] as const));
  const { aliases } = opts.text;
  const index = buildSearchIndex(docs, foldTables(aliases), (s) => aliases.foldText(normalizeText(s)), (i) => {
    const d = docs[i]!;
    return d[0] === 'e' ? events_.get(d[1])!.keywords.join(' ') : '';
  });
  const indexJs = searchIndexScript(index);
  report.searchIndexBytes = Buffer.byteLength(indexJs);
  emit(lists, 'static/search-index.js', indexJs);
  await written(0);

  // ---- files of units that are gone, then the manifest
  const keep = new Map(Object.values(units).flatMap((u) => Object.entries(u.files)));
  for (const path of oldHashes.keys()) {
    if (keep.has(path)) continue;
    rmSync(join(out, path), { force: true });
    report.removed++;
  }
  writeFileSync(manifestPath, JSON.stringify({ version: RENDER_VERSION, units } satisfies Manifest));
  report.files = keep.size;
  for (const [, bytes] of keep.values()) report.bytes += bytes;
  report.seconds = Math.round((performance.now() - started) / 10) / 100;
  return report;
}

