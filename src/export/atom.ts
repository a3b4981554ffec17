// Atom feeds (RFC 4287): one per outlet, per event (of two or more articles) and per thread
// (of two or more events) of the selected articles, plus an index. One pass over the
// selection: each entry is made once and added to its outlet's, event's and thread's feed,
// in the order read (newest first). A feed's <updated> comes before its entries and is
// known only at the end, so the entries wait in memory, and when they grow past a bound
// in a part file beside the feed, until the feed is written: header, entries, end.
import { appendFileSync, createReadStream, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Article } from '../article.js';
import { selectedArticles } from './select.js';
import { xmlText } from './xml.js';
import { finishReport, newReport, StreamFile, type ExportContext, type ExportReport } from './write.js';
import type { Store } from '../store/store.js';

/** the instant an entry was last changed: updated, else published, else fetched */
export const entryUpdated = (a: Article): string | undefined => (a.updated ?? a.published ?? a.fetched)?.at;

/** ids are URNs of the archive's own ids: stable across exports */
export const articleUrn = (id: string): string => `urn:parallax:article:${id}`;

export function atomEntry(a: Article): string {
  const updated = entryUpdated(a)!;
  const authors = a.authors.length ? a.authors : [a.outlet.name];
  return [
    '  <entry>',
    `    <id>${articleUrn(a.id)}</id>`,
    `    <title type="text">${xmlText(a.title || a.id)}</title>`,
    `    <updated>${updated}</updated>`,
    ...(a.published ? [`    <published>${a.published.at}</published>`] : []),
    ...authors.map((n) => `    <author><name>${xmlText(n)}</name></author>`),
    ...(a.url ? [`    <link rel="alternate" href="${xmlText(a.url)}"/>`] : []),
    ...[...a.categories, ...a.tags].map((c) => `    <category term="${xmlText(c)}"/>`),
    `    <content type="text">${xmlText(a.paragraphs.join('\n\n'))}</content>`,
    '  </entry>',
  ].join('\n') + '\n';
}

type FeedKind = 'outlet' | 'event' | 'thread';

interface Feed {
  kind: FeedKind;
  id: string;
  path: string;
  updated: string;
  entries: number;
  /** entries not yet written to the part file */
  waiting: string[];
  /** a part file holds the first entries */
  spilled: boolean;
}

/** the latest of two ISO instants */
const later = (a: string, b: string): string => (a > b ? a : b);

/** entries held in memory (UTF-16 code units) before they go to part files */
const SPILL_AT = 16 * 1024 * 1024;

export const feedPath = (kind: FeedKind, id: string): string => `${kind}s/${id.replace(/[^\w.-]/g, '_')}.atom`;

async function feedTitle(store: Store, f: Feed, outletName: string): Promise<string> {
  if (f.kind === 'outlet') return outletName;
  const rec = f.kind === 'event' ? await store.getEvent(f.id) : await store.getThread(f.id);
  return rec ? `${rec.label.hans || rec.keywords.join(' ')}` : f.id;
}

/** `spillAt`: entries held in memory before they go to part files (UTF-16 code units) */
export async function exportAtom({ store, selection, out, progress }: ExportContext, { spillAt = SPILL_AT } = {}): Promise<ExportReport> {
  const report = newReport('atom', out);
  const [eventOf, threadOf] = await Promise.all([store.eventPlacements(), store.threadPlacements()]);
  // a feed of one entry is no feed: events of one article and threads of one event have none,
  // unless the export asked for that event or thread (sizes over the whole archive)
  const size = new Map<string, number>();
  for (const e of eventOf.values()) size.set(`event:${e}`, (size.get(`event:${e}`) ?? 0) + 1);
  for (const th of threadOf.values()) size.set(`thread:${th}`, (size.get(`thread:${th}`) ?? 0) + 1);
  const hasFeed = (kind: FeedKind, id: string): boolean => kind === 'outlet' || (size.get(`${kind}:${id}`) ?? 0) > 1
    || (kind === 'event' ? selection.filter.event === id : selection.filter.thread === id);

  const feeds = new Map<string, Feed>();
  const outletNames = new Map<string, string>();
  let waiting = 0;
  const add = (kind: FeedKind, id: string, at: string, entry: string): void => {
    const key = `${kind}:${id}`;
    let f = feeds.get(key);
    if (!f) {
      if (!hasFeed(kind, id)) return;
      feeds.set(key, f = { kind, id, path: feedPath(kind, id), updated: at, entries: 0, waiting: [], spilled: false });
    }
    f.updated = later(f.updated, at);
    f.entries++;
    f.waiting.push(entry);
    waiting += entry.length;
  };
  const spill = (): void => {
    for (const f of feeds.values()) {
      if (!f.waiting.length) continue;
      const part = join(out, `${f.path}.part`);
      if (!f.spilled) mkdirSync(dirname(part), { recursive: true });
      appendFileSync(part, f.waiting.join(''));
      f.waiting = [];
      f.spilled = true;
    }
    waiting = 0;
  };

  for await (const a of selectedArticles(store, selection)) {
    const at = entryUpdated(a);
    // an Atom entry must say when it was updated: an article with no date at all has no entry
    if (!at) { report.skipped.push({ id: a.id, reason: 'no date: an Atom entry needs one' }); continue; }
    const entry = atomEntry(a);
    outletNames.set(a.outlet.id, a.outlet.name);
    add('outlet', a.outlet.id, at, entry);
    const event = eventOf.get(a.id);
    if (event) {
      add('event', event, at, entry);
      const thread = threadOf.get(event);
      if (thread) add('thread', thread, at, entry);
    }
    report.articles++;
    progress?.(report.articles);
    if (waiting > spillAt) spill();
  }

  for (const f of feeds.values()) {
    const file = new StreamFile(join(out, f.path));
    await file.write(`<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n` +
      `  <id>urn:parallax:${f.kind}:${xmlText(f.id)}</id>\n  <title type="text">${xmlText(await feedTitle(store, f, outletNames.get(f.id) ?? f.id))}</title>\n` +
      `  <updated>${f.updated}</updated>\n  <generator>Parallax</generator>\n`);
    if (f.spilled) {
      const part = join(out, `${f.path}.part`);
      for await (const chunk of createReadStream(part)) await file.write(chunk as Buffer);
      rmSync(part);
    }
    await file.write(f.waiting.join('') + '</feed>\n');
    f.waiting = [];
    await file.close();
    report.files++;
    report.bytes += file.bytes;
  }
  const index = new StreamFile(join(out, 'feeds.txt'));
  for (const f of feeds.values()) await index.write(`${f.path}\t${f.entries}\t${f.updated}\n`);
  await index.close();
  return finishReport({ ...report, files: report.files + 1, bytes: report.bytes + index.bytes });
}
