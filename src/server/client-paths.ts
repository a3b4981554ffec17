// What a client is shown of where an article came from: paths relative to the import root
// they were read under (the root's own name first: `hkcnews/2021/a.md`), never the server's
// absolute paths. The store keeps the provenance whole; only responses are rewritten.
import { basename } from 'node:path';
import type { Article, Source } from '../article.js';
import { locationKey, type StoredSource } from '../store/store.js';

/**
 * A stored path or repository as a client sees it. An absolute path is made relative to the
 * longest import root holding it; one under no recorded root (an archive made before roots
 * were recorded) shows its file name only. A file:// URL is a path; credentials in a URL are
 * dropped; a path inside an archive or repository is relative already and stays.
 */
export function clientPath(p: string, roots: readonly string[]): string {
  if (/^file:\/\//i.test(p)) return clientPath(decodeURIComponent(p.slice('file://'.length)), roots);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(p)) return p.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1');
  if (!p.startsWith('/')) return p;
  let best: string | undefined;
  for (const r of roots) if ((p === r || p.startsWith(r.endsWith('/') ? r : `${r}/`)) && (!best || r.length > best.length)) best = r;
  if (best === undefined) return basename(p);
  const rest = p.slice(best.length).replace(/^\/+/, '');
  const name = basename(best);
  return name && rest ? `${name}/${rest}` : name || rest;
}

function clientLocation<T extends Pick<Source, 'path' | 'repo'>>(s: T, roots: readonly string[]): T {
  return { ...s, ...(s.path !== undefined ? { path: clientPath(s.path, roots) } : {}), ...(s.repo !== undefined ? { repo: clientPath(s.repo, roots) } : {}) };
}

export function clientArticle<T extends Pick<Article, 'source'>>(a: T, roots: readonly string[]): T {
  return { ...a, source: clientLocation(a.source, roots) };
}

/** a source with its key rebuilt from the shown location (the stored key holds the absolute path) */
export function clientSource(s: StoredSource, roots: readonly string[]): StoredSource {
  const shown = clientLocation(s, roots);
  return { ...shown, key: locationKey(shown) };
}
