// The static site's search: a prebuilt index of character bigrams over the folded titles of
// events, threads and articles (search/index.js), and a small script that folds the query
// with the same functions and intersects the postings. Results are built with DOM calls
// and textContent only: nothing from the archive is ever parsed as HTML.
import type { Html } from '../server/html.js';
import { html } from '../server/html.js';
import { t, type Lang } from '../server/i18n.js';
import { foldForSearch, searchTerms, type FoldTables } from './fold.js';

/**
 * One searchable thing: kind (e event, t thread, a article), id, titles (Simplified,
 * Traditional: '' when the same), what to show beside it, day, and its weight in the
 * ranking (an event's outlets, a thread's events).
 */
export type SearchDoc = [kind: 'e' | 't' | 'a', id: string, title: string, titleHant: string, meta: string, day: string, weight: number];

export interface SearchIndex { docs: SearchDoc[]; grams: Record<string, number[]>; fold: FoldTables }

/**
 * Build the index: postings of each term, as gaps between document numbers (smaller JSON).
 * `fold` is the archive's own fold (normalizeText, then AliasTable.foldText): the same as
 * the browser's foldForSearch over `tables` (a test holds them equal), at native speed.
 */
export function buildSearchIndex(docs: SearchDoc[], tables: FoldTables, fold: (s: string) => string, extra: (i: number) => string = () => ''): SearchIndex {
  const grams = new Map<string, number[]>();
  docs.forEach((d, i) => {
    const terms = new Set(searchTerms(fold(`${d[2]} ${d[3]} ${extra(i)}`)));
    for (const g of terms) (grams.get(g) ?? grams.set(g, []).get(g)!).push(i);
  });
  const out: Record<string, number[]> = {};
  for (const [g, list] of grams) out[g] = list.map((n, k) => (k === 0 ? n : n - list[k - 1]!));
  return { docs, grams: out, fold: tables };
}

/** The documents that hold every term of the query (gaps decoded), ranked. Self-contained: runs in the browser. */
export function querySearchIndex(index: SearchIndex, terms: string[], limit: number): { total: number; hits: number[] } {
  const decode = (gaps: number[]): number[] => { let n = 0; return gaps.map((g) => (n += g)); };
  const lists: number[][] = [];
  for (const term of [...new Set(terms)]) {
    if (term.length === 1 && /\p{Script=Han}/u.test(term)) {
      // a lone character: every bigram that starts or ends with it
      const union = new Set<number>();
      for (const g of Object.keys(index.grams)) if (g === term || (g.length === 2 && (g[0] === term || g[1] === term))) for (const n of decode(index.grams[g]!)) union.add(n);
      lists.push([...union]);
    } else lists.push(decode(index.grams[term] ?? []));
  }
  if (!lists.length) return { total: 0, hits: [] };
  lists.sort((a, b) => a.length - b.length);
  let hits = lists[0]!;
  for (const other of lists.slice(1)) { const s = new Set(other); hits = hits.filter((n) => s.has(n)); }
  const rank = { e: 0, t: 1, a: 2 } as const;
  // events first, the most widely told first; then threads; then articles, newest first
  const d = index.docs;
  hits.sort((a, b) => rank[d[a]![0]] - rank[d[b]![0]] || d[b]![6] - d[a]![6] || (d[b]![5] > d[a]![5] ? 1 : d[b]![5] < d[a]![5] ? -1 : 0));
  return { total: hits.length, hits: hits.slice(0, limit) };
}

/** The script of the search page (runs in the browser). */
function runStaticSearch(win: Window & { PARALLAX_SEARCH?: SearchIndex }, fold: typeof foldForSearch, terms: typeof searchTerms, query: typeof querySearchIndex): void {
  const doc = win.document;
  const index = win.PARALLAX_SEARCH;
  const form = doc.getElementById('static-search') as HTMLFormElement | null;
  const out = doc.getElementById('results');
  const total = doc.getElementById('total');
  if (!index || !form || !out || !total) return;
  const traditional = doc.documentElement.lang === 'zh-Hant';
  const folder = { e: 'event', t: 'thread', a: 'article' } as const;
  const run = (q: string): void => {
    out.textContent = '';
    const r = query(index, terms(fold(q, index.fold)), 200);
    total.textContent = q.trim() ? `${r.total} ${total.getAttribute('data-unit') ?? ''}` : '';
    for (const n of r.hits) {
      const [kind, id, title, hant, meta, day] = index.docs[n]!;
      const li = doc.createElement('li');
      li.className = `hit kind-${kind}`;
      const a = doc.createElement('a');
      a.href = `${folder[kind]}/${id}.html`;
      a.textContent = traditional && hant ? hant : title;
      const m = doc.createElement('span');
      m.className = 'meta';
      m.textContent = ` ${meta} · ${day}`;
      li.append(a, m);
      out.append(li);
    }
  };
  const input = form.elements.namedItem('q') as HTMLInputElement;
  const initial = new URLSearchParams(win.location.search).get('q') ?? '';
  input.value = initial;
  if (initial) run(initial);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const url = new URL(win.location.href);
    url.searchParams.set('q', input.value);
    win.history.replaceState(null, '', url.toString());
    run(input.value);
  });
}

export function searchScript(): string {
  // a TypeScript runner (tsx) names functions through a helper of its own: give the browser one
  return `// Parallax static search (generated)\nvar __name = function (f) { return f; };\n(${runStaticSearch.toString()})(window, ${foldForSearch.toString()}, ${searchTerms.toString()}, ${querySearchIndex.toString()});\n`;
}

export function searchIndexScript(index: SearchIndex): string {
  // JSON inside a script: "</script" and U+2028/9 cannot end or break it
  return `window.PARALLAX_SEARCH = ${JSON.stringify(index).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')};\n`;
}

export function searchBody(lang: Lang): Html {
  return html`<form class="search" id="static-search" method="get" action="index.html">
<input type="search" name="q" placeholder="${t(lang, 'search')}" aria-label="${t(lang, 'search')}" autofocus>
<button type="submit">${t(lang, 'search')}</button></form>
<p class="meta" id="total" data-unit="${t(lang, 'results')}"></p><ol id="results" class="static-results"></ol>`;
}
