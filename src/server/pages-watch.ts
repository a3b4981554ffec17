// Pages of the watcher: an article's history (each version, its cause and bracketed
// time, the diff by sentence and word), the changes across the archive, the watched
// sources. Every value is escaped by construction (html.ts).
import type { WatchSource } from '../store/watch.js';
import type { Change } from '../watch/diff.js';
import type { ArticleHistory, ChangeRecord, laterChanges } from '../watch/history.js';
import { html, safeUrl, type Html } from './html.js';
import { t, type TextKey } from './i18n.js';
import { layout, type PageContext } from './pages.js';

const when = (iso: string | null): string => (iso ? iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '—');

function changeItem(c: Change, ctx: PageContext): Html {
  switch (c.type) {
    case 'title': return html`<li class="title"><strong>${t(ctx.lang, 'titleChanged')}</strong>: <del>${c.from}</del> → <ins>${c.to}</ins></li>`;
    case 'added': return html`<li class="added"><ins>${c.text}</ins></li>`;
    case 'removed': return html`<li class="removed"><del>${c.text}</del></li>`;
    case 'moved': return html`<li class="moved">↕ ${c.text}</li>`;
    case 'edited': return html`<li class="edited">${c.words.map((w) => (w.op === 'added' ? html`<ins>${w.text}</ins>` : w.op === 'removed' ? html`<del>${w.text}</del>` : w.text))}</li>`;
  }
}

const kindLabel = (ctx: PageContext, kind: string): string => t(ctx.lang, `kind:${kind}` as TextKey);
const causeLabel = (ctx: PageContext, cause: string | null): string => (cause ? t(ctx.lang, `cause:${cause}` as TextKey) : '');

export function historyPage(ctx: PageContext, h: ArticleHistory, title: string): string {
  const l = ctx.lang;
  const url = safeUrl(h.url);
  return layout(ctx, `${t(l, 'history')} · ${title}`, html`<h1>${t(l, 'history')}</h1>
<p><a href="/article/${h.article ?? ''}?lang=${l}">${title}</a></p>
<p class="meta">${url ? html`<a href="${url}" rel="noopener noreferrer nofollow">${h.url}</a>` : h.url} · ${h.state} · ${when(h.lastFetch)}</p>
<ol class="versions">${h.versions.map((v) => html`<li data-kind="${v.kind}"><strong>${kindLabel(ctx, v.kind)}</strong> ${v.cause ? html`(${causeLabel(ctx, v.cause)}) ` : ''}<span class="meta">${when(v.at)}</span>
${v.kind !== 'first' ? html`<br><span class="meta">${t(l, 'between')} ${when(v.lastSeen)} — ${when(v.firstMissing)}</span>` : ''}
${v.changes.length ? html`<ul class="diff">${v.changes.map((c) => changeItem(c, ctx))}</ul>` : ''}</li>`)}</ol>`);
}

export function changesPage(ctx: PageContext, changes: ChangeRecord[], since: string): string {
  const l = ctx.lang;
  const byOutlet = new Map<string, ChangeRecord[]>();
  for (const c of changes) byOutlet.set(c.outlet ?? '—', [...(byOutlet.get(c.outlet ?? '—') ?? []), c]);
  return layout(ctx, t(l, 'changes'), html`<h1>${t(l, 'changes')}</h1>
<form method="get" action="/changes"><input type="hidden" name="lang" value="${l}"><input type="date" name="since" value="${since}" aria-label="${t(l, 'since')}"> <button type="submit">${t(l, 'search')}</button></form>
${changes.length === 0 ? html`<p id="none">${t(l, 'noChanges')}</p>` : ''}
${[...byOutlet].map(([outlet, list]) => html`<h2>${outlet}</h2><ul class="changes">${list.map((c) => html`<li data-kind="${c.kind}">
<span class="meta">${when(c.at)}</span> <strong>${kindLabel(ctx, c.kind)}</strong>${c.cause ? html` (${causeLabel(ctx, c.cause)})` : ''}
${c.articleId ? html`<a href="/article/${c.articleId}/history?lang=${l}">${c.title || c.url}</a>` : c.title || c.url}
${c.kind === 'edit' ? html`<span class="meta">${c.summary.title ? `${t(l, 'titleChanged')} · ` : ''}~${c.summary.edited} +${c.summary.added} −${c.summary.removed} ↕${c.summary.moved}</span>` : ''}</li>`)}</ul>`)}`);
}

export function watchPage(ctx: PageContext, sources: WatchSource[]): string {
  const l = ctx.lang;
  return layout(ctx, t(l, 'watched'), html`<h1>${t(l, 'watched')}</h1>
<table class="watch"><thead><tr><th>id</th><th>kind</th><th>state</th><th>pages</th><th>errors (7 d)</th><th>last success</th><th>next poll</th><th>URL</th></tr></thead>
<tbody>${sources.map((s) => html`<tr><td>${s.id}</td><td>${s.kind}</td><td>${s.state}</td><td>${s.pages ?? 0}</td><td title="${s.lastError ?? ''}">${s.errors7d ?? 0}</td><td>${when(s.lastSuccessAt)}</td><td>${s.state === 'paused' ? 'paused' : when(s.nextPollAt)}</td><td>${s.url}</td></tr>`)}</tbody></table>`);
}

/** On an event's comparison: what each outlet edited or removed after publication. */
export function laterSection(ctx: PageContext, later: Awaited<ReturnType<typeof laterChanges>>, names: Map<string, string>, titles: Map<string, string>): Html {
  if (later.length === 0) return html``;
  const l = ctx.lang;
  return html`<h2 id="later">${t(l, 'history')}</h2><ul class="changes">${later.map((c) => html`<li data-kind="${c.kind}"><span class="meta">${when(c.at)}</span>
<strong>${names.get(c.outlet ?? '') ?? c.outlet ?? '—'}</strong> ${kindLabel(ctx, c.kind)}${c.cause ? html` (${causeLabel(ctx, c.cause)})` : ''}
<a href="/article/${c.articleId ?? ''}/history?lang=${l}">${titles.get(c.articleId ?? '') ?? c.articleId}</a></li>`)}</ul>`;
}
