// What the contract suite writes: the project's fictional demo/ files and small invented
// notices, parsed by the real parser (the same ImportItems an import commits), so every
// store is fed exactly what Parallax feeds it.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFile } from '../../import/parse.js';
import { AliasTable } from '../../text/aliases.js';
import { Segmenter } from '../../text/segment.js';
import type { Article } from '../../article.js';
import type { ImportItem, Location, Store } from '../store.js';

/** What a contract run gets from a driver: a fresh, empty store; another instance on the same database; a way to remove it. */
export interface OpenedStore {
  store: Store;
  /** a second store instance on the same database (another process would open the same) */
  reopen?: () => Promise<Store>;
  /** close `store` (closing twice must be harmless: a check may have closed it) and drop the database */
  cleanup: () => Promise<void>;
}
export type OpenStore = () => Promise<OpenedStore>;

export const demoDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../demo');

/** one segmenter and alias table for the whole run: loading them is the slow part */
export const ctx = { segmenter: new Segmenter(), aliases: new AliasTable() };

export const PARSER = 1;

/** an item from bytes at a location, parsed as an import parses it (with its search index) */
export function itemOf(location: Location, bytes: Uint8Array, pathHint = location.path ?? location.url ?? 'x'): ImportItem {
  return parseFile({ location, bytes, pathHint }, { segmenter: ctx.segmenter });
}

export interface Notice {
  title: string;
  /** as written: local time of the outlet (+08:00 unless the string says otherwise) */
  date?: string;
  /** the outlet comes from the URL's host */
  url?: string;
  tags?: string[];
  body: string[];
}

export function noticeBytes(n: Notice): Buffer {
  const head = [`title: "${n.title}"`];
  if (n.date) head.push(`date: ${n.date}`);
  if (n.url) head.push(`url: ${n.url}`);
  if (n.tags) head.push(`tags: [${n.tags.join(', ')}]`);
  return Buffer.from(`---\n${head.join('\n')}\n---\n\n${n.body.join('\n\n')}\n`);
}

/** an invented notice as a Markdown file at `path` */
export function notice(path: string, n: Notice): ImportItem {
  return itemOf({ kind: 'file', path }, noticeBytes(n));
}

/** every demo file, in name order, as an import of the folder would read them */
export function demoItems(): ImportItem[] {
  return readdirSync(demoDir).filter((f) => f !== 'README.md').sort()
    .map((f) => itemOf({ kind: 'file', path: join('demo', f) }, readFileSync(join(demoDir, f)), f));
}

export const idsOf = (items: readonly ImportItem[]): string[] => items.flatMap((i) => i.articles.map((a) => a.id));

export const titles = (as: readonly Article[]): string[] => as.map((a) => a.title);

/** the article a prepared one becomes when read back */
export const docOf = (item: ImportItem, i = 0): unknown => JSON.parse(item.articles[i]!.doc);

/** run `body` with a fresh store, always cleaned up */
export async function withStore<T>(open: OpenStore, body: (s: OpenedStore) => Promise<T>): Promise<T> {
  const opened = await open();
  try {
    return await body(opened);
  } finally {
    await opened.cleanup();
  }
}
