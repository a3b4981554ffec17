// An article's history as the watcher saw it, and the changes across the archive: what
// `parallax history`, `parallax changes`, the API and the pages show.
import type { Store } from '../store/store.js';
import type { PageVersion, WatchedPage } from '../store/watch.js';
import type { Segmenter } from '../text/segment.js';
import { HostFurniture } from './boilerplate.js';
import { diffVersions, type Change } from './diff.js';

/** A version as shown: when and what (store/watch.ts PageVersion), and what changed */
export type HistoryVersion = Pick<PageVersion, 'at' | 'kind' | 'cause' | 'lastSeen' | 'firstMissing' | 'title' | 'status'> & {
  /** against the last version that had text (none for a first version or a removal) */
  changes: Change[];
};

export interface ArticleHistory {
  article: string | null;
  url: string;
  outlet: string | null;
  state: WatchedPage['state'];
  lastFetch: string | null;
  nextCheck: string | null;
  versions: HistoryVersion[];
}

/** The watched page of an article id or a URL. */
export async function watchedPage(store: Store, idOrUrl: string): Promise<WatchedPage | undefined> {
  return /^https?:\/\//i.test(idOrUrl) ? store.watch.getPage(idOrUrl) : store.watch.pageOfArticle(idOrUrl);
}

/** `furniture`: sentence shapes the host repeats on other pages (boilerplate.ts), not shown as changes */
export function versionChanges(versions: readonly PageVersion[], seg: Segmenter, furniture?: ReadonlySet<string>): HistoryVersion[] {
  let lastText: PageVersion | undefined;
  return versions.map((v) => {
    const changes = (v.kind === 'edit' || v.kind === 'restored') && lastText ? diffVersions(lastText, v, seg, furniture) : [];
    if (v.kind !== 'removed') lastText = v;
    return { at: v.at, kind: v.kind, cause: v.cause, lastSeen: v.lastSeen, firstMissing: v.firstMissing, title: v.title, status: v.status, changes };
  });
}

export async function articleHistory(store: Store, idOrUrl: string, seg: Segmenter): Promise<ArticleHistory | undefined> {
  const page = await watchedPage(store, idOrUrl);
  if (!page) return undefined;
  const versions = await store.watch.versions(page.url);
  return {
    article: page.articleId, url: page.url, outlet: page.outlet, state: page.state, lastFetch: page.lastFetchAt, nextCheck: page.nextCheckAt,
    versions: versionChanges(versions, seg, await new HostFurniture(store).of(page.url)),
  };
}

/** One edit, removal or restoration across the archive, summed up */
export type ChangeRecord = Pick<PageVersion, 'articleId' | 'url' | 'outlet' | 'at' | 'kind' | 'cause' | 'lastSeen' | 'firstMissing'> & {
  /** the article's title before the change */
  title: string;
  summary: { title: boolean; added: number; removed: number; edited: number; moved: number };
};

/** Edits, removals and restorations since a day (newest first), each summed up. */
export async function changesSince(store: Store, f: { since: string; outlet?: string; limit?: number }, seg: Segmenter): Promise<ChangeRecord[]> {
  const changed = await store.watch.changes(f);
  const byUrl = new Map<string, HistoryVersion[]>();
  const furniture = new HostFurniture(store);
  const out: ChangeRecord[] = [];
  for (const v of changed) {
    let history = byUrl.get(v.url);
    if (!history) { history = versionChanges(await store.watch.versions(v.url), seg, await furniture.of(v.url)); byUrl.set(v.url, history); }
    const h = history.find((x) => x.at === v.at && x.kind === v.kind)!;
    const before = history.slice(0, history.indexOf(h)).reverse().find((x) => x.kind !== 'removed');
    const count = (t: Change['type']): number => h.changes.filter((c) => c.type === t).length;
    out.push({
      articleId: v.articleId, url: v.url, outlet: v.outlet, title: before?.title ?? v.title, at: v.at, kind: v.kind, cause: v.cause,
      lastSeen: v.lastSeen, firstMissing: v.firstMissing,
      summary: { title: count('title') > 0, added: count('added'), removed: count('removed'), edited: count('edited'), moved: count('moved') },
    });
  }
  return out;
}

/** What the watcher saw happen to these articles after publication (edits, removals, restorations), oldest first. */
export async function laterChanges(store: Store, articleIds: readonly string[]): Promise<Array<Pick<PageVersion, 'articleId' | 'outlet' | 'at' | 'kind' | 'cause' | 'lastSeen' | 'firstMissing'>>> {
  const out = [];
  for (const id of articleIds) {
    const page = await store.watch.pageOfArticle(id);
    if (!page) continue;
    for (const v of await store.watch.versions(page.url)) {
      if (v.kind !== 'first') out.push({ articleId: id, outlet: v.outlet, at: v.at, kind: v.kind, cause: v.cause, lastSeen: v.lastSeen, firstMissing: v.firstMissing });
    }
  }
  return out.sort((a, b) => a.at.localeCompare(b.at));
}
