// Which articles an export takes, read from the store a page at a time: the archive is
// never held in memory, only the ids a query, an event or a thread names.
import type { Article } from '../article.js';
import { dayInSpan } from '../extract/dates.js';
import { searchArchive, type TextContext } from '../search/search.js';
import { NOT_NEWS, type ListFilter, type Store } from '../store/store.js';

export interface ExportFilter {
  outlet?: string;
  /** the outlet's local days, as the store's ListFilter: the first day, and the day after the last (`untilExclusive`) */
  since?: string;
  until?: string;
  /** the search language of `parallax search` */
  query?: string;
  event?: string;
  thread?: string;
  includeFlagged?: boolean;
}

export class SelectionError extends Error {}

/** a page of articles read at once */
const PAGE = 500;
/** search hits asked for at once (the most search answers) */
const SEARCH_PAGE = 200;

export interface Selection {
  filter: ExportFilter;
  /** the articles a query, event or thread allows; undefined: every article */
  ids: Set<string> | undefined;
}

/** Resolve the query, event and thread of a filter into the ids they allow. */
export async function resolveSelection(store: Store, filter: ExportFilter, text?: () => Promise<TextContext>): Promise<Selection> {
  if (filter.outlet && !(await store.outlets()).some((o) => o.id === filter.outlet)) {
    throw new SelectionError(`no outlet ${filter.outlet} in this archive (parallax stats lists them)`);
  }
  let ids: Set<string> | undefined;
  const narrow = (next: Iterable<string>): void => {
    const set = new Set(next);
    ids = ids ? new Set([...ids].filter((id) => set.has(id))) : set;
  };
  if (filter.event) {
    const e = await store.getEvent(filter.event);
    if (!e) throw new SelectionError(`no event ${filter.event} (parallax events lists them)`);
    narrow(e.members.map((m) => m.article));
  }
  if (filter.thread) {
    const t = await store.getThread(filter.thread);
    if (!t) throw new SelectionError(`no thread ${filter.thread} (parallax threads lists them)`);
    narrow(await membersOfEvents(store, t.events));
  }
  if (filter.query) {
    if (!text) throw new SelectionError('a query needs the segmenter and alias table');
    const ctx = await text();
    const found: string[] = [];
    for (let offset = 0; ; offset += SEARCH_PAGE) {
      // an export takes every match: a batch job, not a request, so not bound by SEARCH_CAP
      const r = await searchArchive(store, filter.query, { limit: SEARCH_PAGE, offset, sort: 'date', cap: 1e9 }, ctx);
      found.push(...r.hits.map((h) => h.id));
      if (r.hits.length < SEARCH_PAGE || offset + SEARCH_PAGE >= r.total) break;
    }
    narrow(found);
  }
  return { filter, ids };
}

export async function membersOfEvents(store: Store, eventIds: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const id of eventIds) {
    const e = await store.getEvent(id);
    if (e) out.push(...e.members.map((m) => m.article));
  }
  return out;
}

/** Does an article pass the outlet, date and flag parts of a filter (what ListFilter does in the store)? */
export function passes(a: Article, f: ExportFilter): boolean {
  if (!f.includeFlagged && a.flags.some((x) => NOT_NEWS.has(x))) return false;
  if (f.outlet && a.outlet.id !== f.outlet) return false;
  if (!dayInSpan(a.published?.day, f.since, f.until)) return false;
  return true;
}

/**
 * The selected articles, newest first when read from the store's list, a page at a time.
 * `outlet` narrows further (one outlet's feed).
 */
export async function* selectedArticles(store: Store, sel: Selection, narrow: { outlet?: string; ids?: readonly string[] } = {}): AsyncGenerator<Article> {
  const f = narrow.outlet ? { ...sel.filter, outlet: narrow.outlet } : sel.filter;
  const ids = narrow.ids ? narrow.ids.filter((id) => !sel.ids || sel.ids.has(id)) : sel.ids ? [...sel.ids] : undefined;
  if (ids) {
    for (let i = 0; i < ids.length; i += PAGE) {
      for (const a of await store.articlesByIds(ids.slice(i, i + PAGE))) if (passes(a, f)) yield a;
    }
    return;
  }
  const list: ListFilter = { outlet: f.outlet, since: f.since, until: f.until, includeFlagged: f.includeFlagged, limit: PAGE };
  for (let offset = 0; ; offset += PAGE) {
    const page = await store.listArticles({ ...list, offset });
    for (const a of page) yield a;
    if (page.length < PAGE) return;
  }
}
