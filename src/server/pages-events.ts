// Pages of events and threads: the list of events, the comparison of one event (claims ×
// outlets matrix with filters, disagreements, each outlet's exclusives and omissions,
// quotes by speaker, a timeline with one row per outlet in its own time zone, wire share)
// and threads with their events in time. Filters are links (the pages carry no script).
import type { OutletRef } from '../article.js';
import type { Comparison, Claim } from '../stories/compare.js';
import { standaloneEvent } from '../stories/standalone.js';
import type { EventRecord, ThreadRecord } from '../store/store.js';
import { toTraditional } from '../text/script.js';
import { html, type Html } from './html.js';
import { t, type Lang } from './i18n.js';
import { codeWord, langOf, layout, type PageContext } from './pages.js';
import { shownInstant } from './when.js';
import { pageOffset } from './params.js';

export const CLAIM_FILTERS = ['all', 'shared', 'partial', 'exclusive', 'omitted', 'discrepant'] as const;
export type ClaimFilter = (typeof CLAIM_FILTERS)[number];
/** claims per page of the matrix */
export const CLAIMS_PER_PAGE = 50;

const label = (x: { label: { hans: string; hant: string } }, l: Lang): string => (l === 'hant' ? x.label.hant : x.label.hans);
/** an event's or thread's instant in its outlets' zone (UTC when they differ) */
const when = (iso: string | null, ids: string[], outlets: OutletRef[]): string => shownInstant(iso, outlets.filter((o) => ids.includes(o.id)));
const word = (w: string, l: Lang): string => (l === 'hant' ? toTraditional(w) : w);

/** The claims a filter keeps; `outlet` narrows exclusive and omitted to one outlet's. */
export function filterClaims(c: Comparison, filter: ClaimFilter, outlet: string | null): Claim[] {
  const summary = outlet ? c.summary.find((s) => s.outlet === outlet) : undefined;
  const omitted = new Set(outlet ? summary?.omitted ?? [] : c.summary.flatMap((s) => s.omitted));
  const keep = (cl: Claim): boolean => {
    switch (filter) {
      case 'shared': return cl.coverage === 'all';
      case 'partial': return cl.coverage === 'some';
      case 'exclusive': return cl.coverage === 'one' && (!outlet || cl.outlets[0] === outlet);
      case 'omitted': return omitted.has(cl.id);
      case 'discrepant': return cl.discrepant;
      default: return !outlet || cl.outlets.includes(outlet);
    }
  };
  return c.claims.filter(keep).sort((a, b) => b.outlets.length - a.outlets.length || a.id - b.id);
}

export function eventsPage(ctx: PageContext, events: EventRecord[], total: number, offset: number, limit: number, outlets: OutletRef[] = []): string {
  const l = ctx.lang;
  const link = (o: number): string => `/events?lang=${l}&offset=${o}`;
  return layout(ctx, t(l, 'events'), html`<h1>${t(l, 'events')}</h1><p class="meta">${total}</p>
${events.map((e) => html`<div class="hit event"><h3><a href="/event/${e.id}?lang=${l}">${label(e, l)}</a></h3>
<div class="meta">${e.outlets.length} ${t(l, 'outletsCount')} · ${e.members.length} ${t(l, 'articlesCount')} · ${when(e.first, e.outlets, outlets)} – ${when(e.last, e.outlets, outlets)} · <a href="/thread/${e.thread}?lang=${l}">${t(l, 'thread')}</a></div>
<div class="chips">${e.keywords.map((k) => html`<span>${word(k, l)}</span>`)}</div></div>`)}
<nav class="pager">${offset > 0 ? html`<a href="${link(Math.max(0, offset - limit))}">${t(l, 'prev')}</a>` : ''}${offset + limit < total ? html`<a href="${link(offset + limit)}">${t(l, 'next')}</a>` : ''}</nav>`);
}

export function threadsPage(ctx: PageContext, threads: ThreadRecord[], total: number, offset: number, limit: number, outlets: OutletRef[] = []): string {
  const l = ctx.lang;
  const link = (o: number): string => `/threads?lang=${l}&offset=${o}`;
  return layout(ctx, t(l, 'threads'), html`<h1>${t(l, 'threads')}</h1><p class="meta">${total}</p>
${threads.map((th) => html`<div class="hit thread"><h3><a href="/thread/${th.id}?lang=${l}">${label(th, l)}</a></h3>
<div class="meta">${th.events.length} ${t(l, 'events')} · ${th.articles} ${t(l, 'articlesCount')} · ${th.outlets.length} ${t(l, 'outletsCount')} · ${when(th.first, th.outlets, outlets)} – ${when(th.last, th.outlets, outlets)}</div></div>`)}
<nav class="pager">${offset > 0 ? html`<a href="${link(Math.max(0, offset - limit))}">${t(l, 'prev')}</a>` : ''}${offset + limit < total ? html`<a href="${link(offset + limit)}">${t(l, 'next')}</a>` : ''}</nav>`);
}

export function threadPage(ctx: PageContext, thread: ThreadRecord, events: EventRecord[], names: Map<string, string>, outlets: OutletRef[] = []): string {
  const l = ctx.lang;
  return layout(ctx, label(thread, l), html`<h1>${label(thread, l)}</h1>
<p class="meta">${thread.events.length} ${t(l, 'events')} · ${thread.articles} ${t(l, 'articlesCount')} · ${thread.outlets.map((o) => names.get(o) ?? o).join('、')}</p>
<h2>${t(l, 'eventsInThread')}</h2>
<ol class="thread-events">${events.map((e) => html`<li><time>${when(e.first, e.outlets, outlets)}</time> <a href="/event/${e.id}?lang=${l}">${label(e, l)}</a>
<span class="meta">${e.outlets.length} ${t(l, 'outletsCount')} · ${e.members.length} ${t(l, 'articlesCount')}</span></li>`)}</ol>`);
}

/** One row per outlet; each article a dot at its local wall-clock time, days marked on the axis. */
function timelineSvg(c: Comparison, names: Map<string, string>): Html {
  const localMs = (local: string): number => Date.parse((local.length === 10 ? local + 'T12:00' : local.replace(' ', 'T')) + 'Z');
  const points = c.timeline.flatMap((r) => r.articles.filter((a) => a.local).map((a) => localMs(a.local!)));
  if (points.length === 0) return html``;
  const t0 = Math.min(...points), t1 = Math.max(...points);
  const span = Math.max(3_600_000, t1 - t0);
  const x = (ms: number): number => 190 + ((ms - t0) / span) * 590;
  const h = 24 * c.timeline.length + 40;
  const days: number[] = [];
  for (let d = Math.ceil(t0 / 86_400_000) * 86_400_000; d <= t1; d += 86_400_000) days.push(d);
  return html`<svg class="timeline" viewBox="0 0 800 ${h}" role="img" aria-label="timeline">
${days.map((d) => html`<line x1="${x(d)}" x2="${x(d)}" y1="10" y2="${h - 18}" stroke="#dde" /><text x="${x(d) + 2}" y="${h - 4}" font-size="11">${new Date(d).toISOString().slice(5, 10)}</text>`)}
${c.timeline.map((r, i) => {
    const y = 22 + i * 24;
    return html`<g class="row" data-outlet="${r.outlet}"><text x="0" y="${y + 4}" font-size="12">${names.get(r.outlet) ?? r.outlet} (${r.zone})</text><line x1="190" x2="780" y1="${y}" y2="${y}" stroke="#eef" />
${r.articles.filter((a) => a.local).map((a) => html`<circle cx="${x(localMs(a.local!))}" cy="${y}" r="5" fill="#0b57d0"><title>${a.local} ${r.zone} ${a.title}</title></circle>`)}</g>`;
  })}</svg>`;
}

/** `later`: what the watcher saw the outlets edit or remove afterwards (pages-watch.ts) */
export function eventPage(ctx: PageContext, e: EventRecord, c: Comparison, names: Map<string, string>, titles: Map<string, string>, later: Html = html``): string {
  const l = ctx.lang;
  const p = ctx.params;
  const filter = (CLAIM_FILTERS as readonly string[]).includes(p.get('show') ?? '') ? (p.get('show') as ClaimFilter) : 'all';
  const outlet = c.outlets.includes(p.get('outlet') ?? '') ? p.get('outlet')! : null;
  const page = pageOffset(p.get('page'), 10_000);
  const n = c.outlets.length;
  const q = (over: Record<string, string | null>): string => {
    const u = new URLSearchParams({ lang: l });
    const merged: Record<string, string | null> = { show: filter, outlet, ...over };
    for (const [k, v] of Object.entries(merged)) if (v && !(k === 'show' && v === 'all')) u.set(k, v);
    return `/event/${e.id}?${u.toString()}`;
  };
  const counts = Object.fromEntries(CLAIM_FILTERS.map((f) => [f, filterClaims(c, f, outlet).length])) as Record<ClaimFilter, number>;
  const shown = filterClaims(c, filter, outlet);
  const pageClaims = shown.slice(page * CLAIMS_PER_PAGE, (page + 1) * CLAIMS_PER_PAGE);
  const filterLabel: Record<ClaimFilter, string> = { all: t(l, 'showAll'), shared: t(l, 'shared'), partial: t(l, 'partial'), exclusive: t(l, 'exclusive'), omitted: t(l, 'omitted'), discrepant: t(l, 'discrepant') };

  const filters = html`<nav class="filters" aria-label="filters">${CLAIM_FILTERS.map((f) => f === filter
    ? html`<strong class="on" data-filter="${f}">${filterLabel[f]} (${counts[f]})</strong>`
    : html`<a data-filter="${f}" href="${q({ show: f, page: null })}">${filterLabel[f]} (${counts[f]})</a>`)}</nav>
<nav class="filters outlets" aria-label="outlet">${outlet ? html`<a href="${q({ outlet: null, page: null })}">${t(l, 'anyOutletFilter')}</a>` : html`<strong class="on">${t(l, 'anyOutletFilter')}</strong>`}
${c.outlets.map((o) => o === outlet ? html`<strong class="on">${names.get(o) ?? o}</strong>` : html`<a href="${q({ outlet: o, page: null })}">${names.get(o) ?? o}</a>`)}</nav>`;

  const matrix = html`<div class="matrix-wrap"><table class="matrix" data-claims="${shown.length}"><caption>${t(l, 'claimsCaption')}</caption><thead><tr><th scope="col" class="claim">${t(l, 'claims')}</th><th scope="col" class="k">k/${n}</th>
${c.outlets.map((o) => html`<th scope="col" class="o" data-outlet="${o}" title="${names.get(o) ?? o}"><span>${names.get(o) ?? o}</span></th>`)}</tr></thead><tbody>
${pageClaims.map((cl) => html`<tr class="${cl.coverage}${cl.discrepant ? ' discrepant' : ''}" data-claim="${cl.id}"><th scope="row" class="claim"${langOf(cl.members[0]!.text)}>${cl.discrepant ? html`<span class="flag" title="${t(l, 'discrepant')}">≠</span> ` : ''}${cl.members[0]!.text}</th><td class="k">${cl.outlets.length}/${n}</td>
${c.outlets.map((o) => {
    const m = cl.members.find((x) => x.outlet === o);
    return m ? html`<td class="yes" title="${m.text}">●</td>` : html`<td class="no"></td>`;
  })}</tr>`)}</tbody></table></div>
<nav class="pager">${page > 0 ? html`<a href="${q({ page: String(page - 1) })}">${t(l, 'prev')}</a>` : ''}<span class="meta">${shown.length ? `${page * CLAIMS_PER_PAGE + 1}–${page * CLAIMS_PER_PAGE + pageClaims.length} / ${shown.length}` : '0'}</span>${(page + 1) * CLAIMS_PER_PAGE < shown.length ? html`<a href="${q({ page: String(page + 1) })}">${t(l, 'next')}</a>` : ''}</nav>`;

  const disagreements = c.discrepancies.length ? html`<h2 id="discrepancies">${t(l, 'discrepancies')}</h2><ul class="discrepancies">${c.discrepancies.slice(0, 50).map((d) => html`<li>
<strong>${names.get(d.a.outlet) ?? d.a.outlet}</strong> «${d.values[0]}» · <strong>${names.get(d.b.outlet) ?? d.b.outlet}</strong> «${d.values[1]}»
<div class="meta">${d.a.text}</div><div class="meta">${d.b.text}</div></li>`)}</ul>` : '';

  const perOutlet = html`<h2>${t(l, 'perOutlet')}</h2><div class="claims-wrap"><table class="summary"><thead><tr><td></td><th scope="col">${t(l, 'shared')}</th><th scope="col">${t(l, 'partial')}</th><th scope="col">${t(l, 'exclusive')}</th><th scope="col">${t(l, 'omitted')}</th></tr></thead><tbody>
${c.summary.map((s) => html`<tr data-outlet="${s.outlet}"><th scope="row">${names.get(s.outlet) ?? s.outlet} <span class="meta">${s.articles}</span></th><td>${s.all.length}</td><td>${s.some.length}</td>
<td><a href="${q({ show: 'exclusive', outlet: s.outlet, page: null })}">${s.only.length}</a></td><td><a href="${q({ show: 'omitted', outlet: s.outlet, page: null })}">${s.omitted.length}</a></td></tr>`)}</tbody></table></div>`;

  const speakers = new Map<string, typeof c.quotes>();
  for (const qt of c.quotes) (speakers.get(qt.speaker) ?? speakers.set(qt.speaker, []).get(qt.speaker)!).push(qt);
  const quotes = html`<h2>${t(l, 'quotes')}</h2>${[...speakers].slice(0, 20).map(([who, qs]) => html`<section class="speaker"><h3>${who}</h3><ul>
${qs.slice(0, 10).map((qt) => html`<li>「${qt.text}」 <span class="meta">${qt.outlets.map((o) => names.get(o) ?? o).join('、')}</span>${givenElsewhere(qt, l, names)}</li>`)}</ul></section>`)}`;

  const timeline = html`<h2>${t(l, 'timeline')}</h2>${timelineSvg(c, names)}
<div class="claims-wrap"><table class="times"><tbody>${c.timeline.map((r) => r.articles.map((a) => html`<tr data-outlet="${r.outlet}"><td>${names.get(r.outlet) ?? r.outlet}</td><td><time>${a.local ?? '—'}</time> ${r.zone}</td><td><a href="/article/${a.article}?lang=${l}">${a.title}</a></td></tr>`))}</tbody></table></div>`;

  const wire = html`<h2>${t(l, 'wire')}</h2><div class="claims-wrap"><table class="summary"><tbody>${c.wire.map((w) => html`<tr><td>${names.get(w.outlet) ?? w.outlet}</td><td><svg width="160" height="10" role="img" aria-label="${(w.share * 100).toFixed(0)}%"><rect width="160" height="10" fill="#e2e2e6"/><rect width="${Math.round(w.share * 160)}" height="10" fill="#0b57d0"/></svg> ${(w.share * 100).toFixed(0)}%</td><td>${w.agency ? html`${t(l, 'wireOf')} ${w.agency}` : ''}</td><td>${w.leftOut ? html`${w.leftOut} ${t(l, 'dropped')}` : ''}</td></tr>`)}</tbody></table></div>`;

  // why a one-article event has no other telling: its title's form keeps it alone
  const alone = standaloneEvent(e, c);
  const members = html`<h2>${t(l, 'members')}</h2><ul class="members">${e.members.map((m) => html`<li><a href="/article/${m.article}?lang=${l}">${titles.get(m.article) ?? m.article}</a> <span class="meta">${names.get(m.outlet) ?? m.outlet} · ${codeWord(l, 'role', m.role)}${m.why.length ? html` · ${t(l, 'why')}: ${m.why.map((w) => word(w, l)).join('、')}` : ''}</span></li>`)}</ul>`;

  return layout(ctx, label(e, l), html`<h1>${label(e, l)}</h1>
<p class="meta">${n} ${t(l, 'outletsCount')} · ${e.members.length} ${t(l, 'articlesCount')} · <a href="/thread/${e.thread}?lang=${l}">${t(l, 'thread')}</a></p>
${alone ? html`<p class="meta standalone">${codeWord(l, 'alone', alone)}</p>` : ''}
<h2>${t(l, 'matrix')}</h2>${filters}${matrix}${disagreements}${perOutlet}${timeline}${later}${quotes}${wire}
<h2>${t(l, 'entities')}</h2><div class="chips">${c.entities.slice(0, 40).map((en) => html`<span title="${codeWord(l, 'entity', en.kind)}">${en.variants.join('/')} · ${Object.keys(en.outlets).length}</span>`)}</div>
<h2>${t(l, 'distinctive')}</h2><ul>${Object.entries(c.distinctive).map(([o, ws]) => html`<li><strong>${names.get(o) ?? o}</strong>: ${ws.map((w) => word(w.word, l)).join('、')}</li>`)}</ul>
${members}`);
}

/** where outlets differ on who said a remark: each other speaker and the outlets that give it to them (comparisons stored before this have none) */
export function givenElsewhere(qt: Comparison['quotes'][number], l: Lang, names: ReadonlyMap<string, string>): Html | string {
  const others = qt.alsoGivenTo ?? [];
  return others.length ? html` <span class="meta given-to">· ${t(l, 'alsoGivenTo')} ${others.map((o, i) => html`${i ? '、' : ''}<strong>${o.speaker}</strong> (${o.outlets.map((x) => names.get(x) ?? x).join('、')})`)}</span>` : '';
}
