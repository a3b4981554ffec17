// Server-rendered pages: search, article, outlets (events and threads: pages-events.ts). Plain HTML
// and one stylesheet; no script at all, so nothing an archive holds can ever run.
import type { Article, OutletRef } from '../article.js';
import type { LineageEdge } from '../dedup/lineage.js';
import type { QueryReading, SearchResult } from '../search/search.js';
import type { EventRecord } from '../store/store.js';
import { detectScript, toSimplified, toTraditional } from '../text/script.js';
import { html, safeUrl, trusted, type Html } from './html.js';
import { isTextKey, t, type Lang } from './i18n.js';
import { shownTime } from './when.js';

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
  // a source that names no outlet at all (outlets/resolve.ts calls it "unknown")
  if (o.id === 'unknown') return t(lang, 'unknown');
  return lang === 'en' ? o.names.en : lang === 'hant' ? o.names.hant : o.names.hans;
}

/** `lang` for text in a given script: Traditional text is marked zh-Hant, Simplified zh-Hans. */
export function scriptLang(script: string): string | null {
  return script === 'hant' ? 'zh-Hant' : script === 'hans' ? 'zh-Hans' : null;
}

/** ` lang="zh-Hant"` (or zh-Hans) for a piece of archived text, from its characters; nothing when mixed */
export function langOf(s: string): Html {
  const lang = scriptLang(detectScript(s));
  return lang ? html` lang="${lang}"` : html``;
}

export function layout(ctx: PageContext, title: string, body: Html): string {
  const l = ctx.lang;
  const q = (path: string): string => `${path}?lang=${l}`;
  const switchTo = (lang: Lang, label: string): Html => lang === l
    ? html`<a href="${withParam(ctx, 'lang', lang)}" aria-current="true">${label}</a>`
    : html`<a href="${withParam(ctx, 'lang', lang)}">${label}</a>`;
  return html`<!doctype html>
<html lang="${l === 'en' ? 'en' : l === 'hant' ? 'zh-Hant' : 'zh-Hans'}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Parallax</title><link rel="stylesheet" href="/static/app.css"></head>
<body><a class="skip" href="#main">${t(l, 'skipToContent')}</a><header class="top"><a class="brand" href="${q('/')}">${t(l, 'appName')}</a>
<nav><a href="${q('/')}">${t(l, 'search')}</a><a href="${q('/events')}">${t(l, 'events')}</a><a href="${q('/threads')}">${t(l, 'threads')}</a><a href="${q('/outlets')}">${t(l, 'outlets')}</a><a href="${q('/changes')}">${t(l, 'changes')}</a></nav>
<span class="langs">${t(l, 'language')}: ${switchTo('hans', '简')}${switchTo('hant', '繁')}${switchTo('en', 'EN')}</span>
</header><main id="main">${body}</main></body></html>`.value;
}

/** interface words for stored codes (roles, lineage kinds, precisions), the code itself when none */
export function codeWord(l: Lang, prefix: 'role' | 'lineage' | 'precision' | 'entity' | 'alone', code: string): string {
  const key = `${prefix}:${code}`;
  return isTextKey(key) ? t(l, key) : code;
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

/** `error`: already in the interface's language */
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
<label>${t(l, 'since')} <input type="date" name="since" value="${p.get('since') ?? ''}"></label>
<label>${t(l, 'until')} <input type="date" name="until" value="${p.get('until') ?? ''}"></label>
<select name="script" aria-label="script"><option value="">${t(l, 'anyScript')}</option>
<option value="hans" ${p.get('script') === 'hans' ? trusted('selected') : ''}>${t(l, 'simplified')}</option>
<option value="hant" ${p.get('script') === 'hant' ? trusted('selected') : ''}>${t(l, 'traditional')}</option></select>
<button type="submit">${t(l, 'search')}</button></form>`;
  let body: Html = html``;
  if (error) body = html`<p class="error" role="alert">${t(l, 'queryError')}: ${error}</p>`;
  else if (result) {
    body = html`<p class="meta" id="total">${result.capped ? `${result.total.toLocaleString('en')}+` : result.total} ${t(l, 'results')} (${result.tookMs} ms)</p>
${readingBlock(ctx, q, result.reading)}
${result.hits.length === 0 ? html`<p>${t(l, 'noResults')}</p>` : ''}
${result.hits.map((h) => html`<div class="hit"${langOf(h.title + h.snippet)}><h3><a href="/article/${h.id}?lang=${l}">${h.title}</a></h3>
<div class="meta">${outletName(h.outlet, l)} · ${shownTime(h.published, h.outlet)}</div><div class="snippet">${trusted(h.snippet)}</div>
${h.copies?.length ? html`<details class="copies"><summary>${h.copies.length} ${t(l, 'copies')}</summary><ul>${h.copies.map((c) => html`<li><a href="/article/${c.id}?lang=${l}">${c.title}</a> <span class="meta">${c.outlet}</span></li>`)}</ul></details>` : ''}</div>`)}
<div class="pager">${offset > 0 ? html`<a rel="prev" href="${withParam(ctx, 'offset', String(Math.max(0, offset - limit)))}">${t(l, 'prev')}</a>` : ''}
${result.nextOffset < result.total ? html`<a rel="next" href="${withParam(ctx, 'offset', String(result.nextOffset))}">${t(l, 'next')}</a>` : ''}</div>`;
  }
  return layout(ctx, q || t(l, 'search'), html`<h1>${t(l, 'search')}</h1>${form}${body}`);
}

/** An article linked from another's lineage: enough to tell copies apart. */
export interface LineageLink extends LineageEdge { title?: string; other?: Pick<Article, 'id' | 'title' | 'outlet' | 'published' | 'url'> | null }

/** Figures are never loaded from their sites (that would tell them who reads what): each is a link the reader may follow. */
function figureBlock(l: Lang, f: Article['figures'][number], conv: (s: string) => string): Html {
  const src = safeUrl(f.src);
  const host = src ? new URL(src).host : null;
  const inline = /^data:image\/(png|gif|jpeg|webp);base64,[A-Za-z0-9+/=]+$/.test(f.src) ? f.src : null;
  return html`<figure>${inline ? html`<img src="${inline}" alt="${f.caption}">` : host ? html`<a class="image" href="${src}" rel="noopener noreferrer nofollow">${t(l, 'loadImageFrom')} ${host}${t(l, 'loadImageEnd')}</a>` : ''}<figcaption>${conv(f.caption)}${f.credit ? html` <span class="credit">${t(l, 'photoCredit')}: ${conv(f.credit)}</span>` : ''}</figcaption></figure>`;
}

/** Videos, audio and embeds as links to where they are: nothing is loaded from another host unless the reader follows one. */
function mediaBlock(l: Lang, media: Article['media'], conv: (s: string) => string): Html {
  return html`<h2>${t(l, 'media')}</h2><ul class="media">${media.map((m) => {
    const src = safeUrl(m.src);
    const kind = t(l, `media:${m.kind}`);
    return html`<li>${src ? html`<a href="${src}" rel="noopener noreferrer nofollow">${kind} · ${t(l, 'openAt')} ${new URL(src).host}</a>` : html`${kind} <code>${m.src}</code>`}${m.caption ? html` — ${conv(m.caption)}` : ''}</li>`;
  })}</ul>`;
}

/** The page's related-reading list, kept apart from the text: links out (nothing is fetched). */
function relatedBlock(l: Lang, related: NonNullable<Article['related']>, conv: (s: string) => string): Html {
  return html`<h2>${t(l, 'related')}</h2><ul class="related">${related.map((r) => {
    const src = safeUrl(r.url);
    const title = conv(r.title || r.url);
    return html`<li>${src ? html`<a href="${src}" rel="noopener noreferrer nofollow">${title}</a> <span class="meta">${new URL(src).host}</span>` : title}</li>`;
  })}</ul>`;
}

/** Reporters, editor and other named roles, when the source named them. */
function creditsLine(l: Lang, c: Article['credits']): Html {
  const parts: Html[] = [];
  if (c.reporters.length) parts.push(html`${t(l, 'reporters')}: ${c.reporters.join('、')}`);
  if (c.editor.length) parts.push(html`${t(l, 'editor')}: ${c.editor.join('、')}`);
  for (const [role, names] of Object.entries(c.roles)) if (names.length) parts.push(html`${role}: ${names.join('、')}`);
  return parts.length ? html`<p class="meta credits">${parts.map((p, i) => html`${i ? ' · ' : ''}${p}`)}</p>` : html``;
}

/** Lineage edges grouped by kind and direction; a group of several becomes "N copies" with outlet, date and URL each. */
function lineageBlock(l: Lang, a: Article, lineage: LineageLink[]): Html {
  const groups = new Map<string, LineageLink[]>();
  for (const e of lineage) {
    const key = `${e.from === a.id ? '→' : '←'} ${e.kind}`;
    (groups.get(key) ?? groups.set(key, []).get(key)!).push(e);
  }
  const item = (e: LineageLink): Html => {
    const id = e.from === a.id ? e.to : e.from;
    const o = e.other;
    const url = safeUrl(o?.url);
    const title = o?.title ?? e.title ?? '';
    return html`<li><a href="/article/${id}?lang=${l}"${langOf(title)}>${title || id}</a> <span class="meta">${o ? html`${outletName(o.outlet, l)} · ${shownTime(o.published, o.outlet)}` : ''} · ${e.score}${url ? html` · <a href="${url}" rel="noopener noreferrer nofollow">${url}</a>` : ''}</span></li>`;
  };
  return html`<h2>${t(l, 'lineage')}</h2><ul class="lineage">${[...groups].map(([key, edges]) => {
    const [arrow, kind] = key.split(' ') as [string, string];
    const head = html`${arrow} ${codeWord(l, 'lineage', kind)}`;
    return edges.length === 1
      ? html`<li>${head}: <ul>${item(edges[0]!)}</ul></li>`
      : html`<li><details><summary>${head}: ${edges.length} ${t(l, 'copies')}</summary><ul>${edges.map(item)}</ul></details></li>`;
  })}</ul>`;
}

/** `watched`: the watcher keeps this article's history (a link to it is shown) */
export function articlePage(ctx: PageContext, a: Article, lineage: LineageLink[], storyId: string | undefined, watched = false): string {
  const l = ctx.lang;
  const want = ctx.params.get('script');
  const conv = want === 'hans' ? toSimplified : want === 'hant' ? toTraditional : (s: string): string => s;
  const link = (script: string, label: string): Html =>
    (want ?? 'orig') === script ? html`<strong>${label}</strong>` : html`<a href="${withParam(ctx, 'script', script)}" data-script="${script}">${label}</a>`;
  const url = safeUrl(a.url);
  const archive = safeUrl(a.archiveUrl);
  const shownScript = want === 'hans' || want === 'hant' ? want : a.script;
  const lang = scriptLang(shownScript);
  return layout(ctx, a.title, html`<article class="full" data-script="${shownScript}"${lang ? html` lang="${lang}"` : ''}>
<h1>${conv(a.title)}</h1>
<p class="meta" lang="${l === 'en' ? 'en' : l === 'hant' ? 'zh-Hant' : 'zh-Hans'}">${outletName(a.outlet, l)} · ${t(l, 'published')} <time${a.published ? html` datetime="${a.published.precision === 'day' ? a.published.day : a.published.at}"` : ''} data-precision="${a.published?.precision ?? ''}">${shownTime(a.published, a.outlet)}</time>
${a.updated ? html` · ${t(l, 'updated')} <time datetime="${a.updated.at}">${shownTime(a.updated, a.outlet)}</time>` : ''}${a.authors.length ? html` · ${a.authors.join('、')}` : ''}</p>
<p class="toggle">${link('orig', t(l, 'original'))}${link('hans', t(l, 'simplified'))}${link('hant', t(l, 'traditional'))}</p>
<p class="meta">${url ? html`<a href="${url}" rel="noopener noreferrer nofollow">${t(l, 'canonical')}</a> · ` : ''}${archive ? html`<a href="${archive}" rel="noopener noreferrer nofollow">${t(l, 'archived')}</a> · ` : ''}<a href="/api/articles/${a.id}/raw">${t(l, 'raw')}</a>
${storyId ? html` · <a href="/event/${storyId}?lang=${l}">${t(l, 'story')}</a>` : ''}${watched ? html` · <a href="/article/${a.id}/history?lang=${l}">${t(l, 'history')}</a>` : ''}</p>
${a.wire ? html`<p class="meta">${conv(a.wire.text)}</p>` : ''}
<div class="body">${a.paragraphs.map((p) => html`<p>${conv(p)}</p>`)}</div>
${creditsLine(l, a.credits)}
${a.figures.length ? html`<h2>${t(l, 'figures')}</h2>${a.figures.map((f) => figureBlock(l, f, conv))}` : ''}
${a.media.length ? mediaBlock(l, a.media, conv) : ''}
${a.related?.length ? relatedBlock(l, a.related, conv) : ''}
${lineage.length ? lineageBlock(l, a, lineage) : ''}
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
<h2>${t(l, 'articlesCount')}</h2>${articles.map((a) => html`<div class="hit"><a href="/article/${a.id}?lang=${l}">${a.title}</a> <span class="meta">${shownTime(a.published, a.outlet)}</span></div>`)}`);
}

export function messagePage(ctx: PageContext, title: string, message: string): string {
  return layout(ctx, title, html`<h1>${title}</h1><p>${message}</p>`);
}
