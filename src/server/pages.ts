// Server-rendered pages: search, article, outlets (events and threads: pages-events.ts). Plain HTML
// and one stylesheet; no script at all, so nothing an archive holds can ever run.
import type { Article, OutletRef } from '../article.js';
import type { LineageEdge } from '../dedup/lineage.js';
import { outletOffsetMinutes } from '../outlets/resolve.js';
import type { QueryReading, SearchResult } from '../search/search.js';
import type { EventRecord } from '../store/store.js';
import { toSimplified, toTraditional } from '../text/script.js';
import { html, safeUrl, trusted, type Html } from './html.js';
import { t, type Lang } from './i18n.js';

export interface PageContext { lang: Lang; path: string; params: URLSearchParams }

/** A link to the same page in another language, keeping the other parameters. */
function withParam(ctx: PageContext, key: string, value: string): string {
  const p = new URLSearchParams(ctx.params);
  p.set(key, value);
  // another query starts at its first page
  if (key === 'q') p.delete('offset');
  return `${ctx.path}?${p.toString()}`;
}

/** Interface names of outlets in the page's language. */
export function outletName(o: OutletRef, lang: Lang): string {
  return lang === 'en' ? o.names.en : lang === 'hant' ? o.names.hant : o.names.hans;
}

export function layout(ctx: PageContext, title: string, body: Html): string {
  const l = ctx.lang;
  const q = (path: string): string => `${path}?lang=${l}`;
  return html`<!doctype html>
<html lang="${l === 'en' ? 'en' : l === 'hant' ? 'zh-Hant' : 'zh-Hans'}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Parallax</title><link rel="stylesheet" href="/static/app.css"></head>
<body><header class="top"><a class="brand" href="${q('/')}">${t(l, 'appName')}</a>
<nav><a href="${q('/')}">${t(l, 'search')}</a><a href="${q('/events')}">${t(l, 'events')}</a><a href="${q('/threads')}">${t(l, 'threads')}</a><a href="${q('/outlets')}">${t(l, 'outlets')}</a><a href="${q('/changes')}">${t(l, 'changes')}</a></nav>
<span class="langs">${t(l, 'language')}: <a href="${withParam(ctx, 'lang', 'hans')}">简</a><a href="${withParam(ctx, 'lang', 'hant')}">繁</a><a href="${withParam(ctx, 'lang', 'en')}">EN</a></span>
</header><main>${body}</main></body></html>`.value;
}

const day = (a: { published: Article['published'] }): string => a.published?.day ?? '';

/** the outlet's local day with its zone (since:/until: filter on the same day) */
function localDay(a: { published: Article['published']; outlet: OutletRef }): string {
  if (!a.published) return '';
  const m = outletOffsetMinutes(a.outlet);
  return `${a.published.day} (UTC${m >= 0 ? '+' : '-'}${Math.floor(Math.abs(m) / 60)}${m % 60 ? ':' + String(Math.abs(m) % 60).padStart(2, '0') : ''})`;
}

/** How the query was read: its words, the variants added (each can be left out), those that can be added. */
function readingBlock(ctx: PageContext, q: string, reading: QueryReading): Html {
  const l = ctx.lang;
  const withQuery = (extra: string): string => withParam(ctx, 'q', `${q} ${extra}`.trim());
  const terms = reading.terms.filter((r) => !r.negated && (r.words || r.variants.length || r.optional.length || r.off.length || r.wholeWord.length));
  if (!terms.length) return html``;
  return html`<div class="reading" id="reading">${terms.map((r) => html`<p class="meta">${t(l, 'readAs')}: <strong>${r.words ? r.words.join(' · ') : r.text}</strong>
${r.variants.length ? html` · ${t(l, 'variantsAdded')}: ${r.variants.map((v) => html`<span class="variant">${v} <a href="${withQuery(`-variant:${v}`)}" title="${t(l, 'turnOff')}" aria-label="${t(l, 'turnOff')} ${v}">×</a></span> `)}` : ''}
${r.optional.length ? html` · ${t(l, 'variantsOptional')}: ${r.optional.map((v) => html`<a class="optional" href="${withQuery(`variant:${v}`)}">+${v}</a> `)}` : ''}
${r.off.length ? html` · ${t(l, 'variantsOff')}: ${r.off.join(' ')}` : ''}
${r.wholeWord.length ? html` · ${t(l, 'wholeWordOnly')}: ${r.wholeWord.join(' ')}` : ''}</p>`)}</div>`;
}

export function searchPage(ctx: PageContext, outlets: OutletRef[], result: SearchResult | null, error: string | null): string {
  const l = ctx.lang;
  const p = ctx.params;
  const q = p.get('q') ?? '';
  const offset = Number(p.get('offset') ?? 0) || 0;
  const limit = 20;
  const form = html`<form class="search" method="get" action="/">
<input type="hidden" name="lang" value="${l}">
<input type="search" name="q" value="${q}" placeholder="${t(l, 'query')}" aria-label="${t(l, 'search')}" autofocus>
<select name="outlet" aria-label="${t(l, 'outlets')}"><option value="">${t(l, 'anyOutlet')}</option>
${outlets.map((o) => html`<option value="${o.id}" ${p.get('outlet') === o.id ? trusted('selected') : ''}>${outletName(o, l)}</option>`)}</select>
<input type="date" name="since" value="${p.get('since') ?? ''}" aria-label="${t(l, 'since')}">
<input type="date" name="until" value="${p.get('until') ?? ''}" aria-label="${t(l, 'until')}">
<select name="script" aria-label="script"><option value="">${t(l, 'anyScript')}</option>
<option value="hans" ${p.get('script') === 'hans' ? trusted('selected') : ''}>${t(l, 'simplified')}</option>
<option value="hant" ${p.get('script') === 'hant' ? trusted('selected') : ''}>${t(l, 'traditional')}</option></select>
<button type="submit">${t(l, 'search')}</button></form>`;
  let body: Html = html``;
  if (error) body = html`<p class="error" role="alert">${error}</p>`;
  else if (result) {
    body = html`<p class="meta" id="total">${result.total} ${t(l, 'results')} (${result.tookMs} ms)</p>
${readingBlock(ctx, q, result.reading)}
${result.hits.length === 0 ? html`<p>${t(l, 'noResults')}</p>` : ''}
${result.hits.map((h) => html`<div class="hit"><h3><a href="/article/${h.id}?lang=${l}">${h.title}</a></h3>
<div class="meta">${outletName(h.outlet, l)} · ${localDay(h)}</div><div class="snippet">${trusted(h.snippet)}</div>
${h.copies?.length ? html`<details class="copies"><summary>${h.copies.length} ${t(l, 'copies')}</summary><ul>${h.copies.map((c) => html`<li><a href="/article/${c.id}?lang=${l}">${c.title}</a> <span class="meta">${c.outlet}</span></li>`)}</ul></details>` : ''}</div>`)}
<div class="pager">${offset > 0 ? html`<a rel="prev" href="${withParam(ctx, 'offset', String(Math.max(0, offset - limit)))}">${t(l, 'prev')}</a>` : ''}
${result.nextOffset < result.total ? html`<a rel="next" href="${withParam(ctx, 'offset', String(result.nextOffset))}">${t(l, 'next')}</a>` : ''}</div>`;
  }
  return layout(ctx, q || t(l, 'search'), html`${form}${body}`);
}

/** `watched`: the watcher keeps this article's history (a link to it is shown) */
export function articlePage(ctx: PageContext, a: Article, lineage: Array<LineageEdge & { title: string }>, storyId: string | undefined, watched = false): string {
  const l = ctx.lang;
  const want = ctx.params.get('script');
  const conv = want === 'hans' ? toSimplified : want === 'hant' ? toTraditional : (s: string): string => s;
  const link = (script: string, label: string): Html =>
    (want ?? 'orig') === script ? html`<strong>${label}</strong>` : html`<a href="${withParam(ctx, 'script', script)}" data-script="${script}">${label}</a>`;
  const url = safeUrl(a.url);
  const archive = safeUrl(a.archiveUrl);
  return layout(ctx, a.title, html`<article class="full" data-script="${want ?? a.script}">
<h1>${conv(a.title)}</h1>
<p class="meta">${outletName(a.outlet, l)} · ${t(l, 'published')} ${a.published ? `${a.published.at} (${a.published.precision}, «${a.published.original}»)` : '—'}
${a.updated ? html` · ${t(l, 'updated')} ${a.updated.at}` : ''}${a.authors.length ? html` · ${a.authors.join('、')}` : ''}</p>
<p class="toggle">${link('orig', t(l, 'original'))}${link('hans', t(l, 'simplified'))}${link('hant', t(l, 'traditional'))}</p>
<p class="meta">${url ? html`<a href="${url}" rel="noopener noreferrer nofollow">${t(l, 'canonical')}</a> · ` : ''}${archive ? html`<a href="${archive}" rel="noopener noreferrer nofollow">${t(l, 'archived')}</a> · ` : ''}<a href="/api/articles/${a.id}/raw">${t(l, 'raw')}</a>
${storyId ? html` · <a href="/event/${storyId}?lang=${l}">${t(l, 'story')}</a>` : ''}${watched ? html` · <a href="/article/${a.id}/history?lang=${l}">${t(l, 'history')}</a>` : ''}</p>
${a.wire ? html`<p class="meta">${conv(a.wire.text)}</p>` : ''}
<div class="body">${a.paragraphs.map((p) => html`<p>${conv(p)}</p>`)}</div>
${a.figures.length ? html`<h2>${t(l, 'figures')}</h2>${a.figures.map((f) => {
    const src = safeUrl(f.src);
    return html`<figure>${src ? html`<img src="${src}" alt="${f.caption}" loading="lazy" referrerpolicy="no-referrer">` : ''}<figcaption>${conv(f.caption)}</figcaption></figure>`;
  })}` : ''}
${lineage.length ? html`<h2>${t(l, 'lineage')}</h2><ul>${lineage.map((e) => html`<li>${e.from === a.id ? '→' : '←'} ${e.kind} (${e.score}) <a href="/article/${e.from === a.id ? e.to : e.from}?lang=${l}">${e.title}</a></li>`)}</ul>` : ''}
</article>`);
}

export function outletsPage(ctx: PageContext, rows: Array<{ outlet: OutletRef; articles: number }>): string {
  const l = ctx.lang;
  return layout(ctx, t(l, 'outlets'), html`<h1>${t(l, 'outlets')}</h1><ul>${rows.map((r) => html`<li><a href="/outlet/${r.outlet.id}?lang=${l}">${outletName(r.outlet, l)}</a> <span class="meta">${r.outlet.region} · ${r.articles}</span></li>`)}</ul>`);
}

export function outletPage(ctx: PageContext, o: OutletRef, articles: Article[], stories: EventRecord[]): string {
  const l = ctx.lang;
  return layout(ctx, outletName(o, l), html`<h1>${outletName(o, l)}</h1><p class="meta">${o.names.hans} / ${o.names.hant} / ${o.names.en} · ${o.region}</p>
<h2>${t(l, 'events')}</h2><ul>${stories.map((s) => html`<li><a href="/event/${s.id}?lang=${l}">${l === 'hant' ? s.label.hant : s.label.hans}</a> <span class="meta">${s.outlets.length} ${t(l, 'outletsCount')}</span></li>`)}</ul>
<h2>${t(l, 'articlesCount')}</h2>${articles.map((a) => html`<div class="hit"><a href="/article/${a.id}?lang=${l}">${a.title}</a> <span class="meta">${day(a)}</span></div>`)}`);
}

export function messagePage(ctx: PageContext, title: string, message: string): string {
  return layout(ctx, title, html`<h1>${title}</h1><p>${message}</p>`);
}
