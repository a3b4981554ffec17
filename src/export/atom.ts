// Atom feeds (RFC 4287): one per outlet, per event (of two or more articles) and per thread
// (of two or more events) of the selected articles, plus an index. Two passes over the selection: the first learns which feeds
// there are and when each was last updated (a feed's <updated> comes before its
// entries), the second writes each feed from the store.
import { join } from 'node:path';
import type { Article } from '../article.js';
import { membersOfEvents, selectedArticles, type Selection } from './select.js';
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

interface FeedPlan { kind: 'outlet' | 'event' | 'thread'; id: string; title: string; updated: string; entries: number }

/** the latest of two ISO instants */
const later = (a: string, b: string): string => (a > b ? a : b);

async function planFeeds(store: Store, selection: Selection, skipped: ExportReport['skipped']): Promise<FeedPlan[]> {
  const [eventOf, threadOf] = await Promise.all([store.eventPlacements(), store.threadPlacements()]);
  const plans = new Map<string, FeedPlan>();
  const note = (kind: FeedPlan['kind'], id: string, title: string, at: string): void => {
    const key = `${kind}:${id}`;
    const p = plans.get(key);
    if (p) { p.updated = later(p.updated, at); p.entries++; } else plans.set(key, { kind, id, title, updated: at, entries: 1 });
  };
  for await (const a of selectedArticles(store, selection)) {
    const at = entryUpdated(a);
    // an Atom entry must say when it was updated: an article with no date at all has no entry
    if (!at) { skipped.push({ id: a.id, reason: 'no date: an Atom entry needs one' }); continue; }
    note('outlet', a.outlet.id, a.outlet.name, at);
    const event = eventOf.get(a.id);
    if (event) {
      note('event', event, '', at);
      const thread = threadOf.get(event);
      if (thread) note('thread', thread, '', at);
    }
  }
  // a feed of one entry is no feed: events of one article and threads of one event have none,
  // unless the export asked for that event or thread
  const events = new Map((await Promise.all([...plans.values()].filter((p) => p.kind === 'event').map((p) => store.getEvent(p.id)))).flatMap((e) => (e ? [[e.id, e] as const] : [])));
  const threads = new Map((await Promise.all([...plans.values()].filter((p) => p.kind === 'thread').map((p) => store.getThread(p.id)))).flatMap((t) => (t ? [[t.id, t] as const] : [])));
  return [...plans.values()].filter((p) => p.kind === 'outlet'
    || (p.kind === 'event' && ((events.get(p.id)?.members.length ?? 0) > 1 || selection.filter.event === p.id))
    || (p.kind === 'thread' && ((threads.get(p.id)?.events.length ?? 0) > 1 || selection.filter.thread === p.id)));
}

async function feedTitle(store: Store, p: FeedPlan): Promise<string> {
  if (p.kind === 'outlet') return p.title;
  const rec = p.kind === 'event' ? await store.getEvent(p.id) : await store.getThread(p.id);
  return rec ? `${rec.label.hans || rec.keywords.join(' ')}` : p.id;
}

async function feedArticles(store: Store, selection: Selection, p: FeedPlan): Promise<AsyncIterable<Article>> {
  if (p.kind === 'outlet') return selectedArticles(store, selection, { outlet: p.id });
  const ids = p.kind === 'event' ? (await store.getEvent(p.id))?.members.map((m) => m.article) ?? []
    : await membersOfEvents(store, (await store.getThread(p.id))?.events ?? []);
  return selectedArticles(store, selection, { ids });
}

export const feedPath = (kind: FeedPlan['kind'], id: string): string => `${kind}s/${id.replace(/[^\w.-]/g, '_')}.atom`;

export async function exportAtom({ store, selection, out, progress }: ExportContext): Promise<ExportReport> {
  const report = newReport('atom', out);
  const plans = await planFeeds(store, selection, report.skipped);
  const written = new Set<string>();
  for (const p of plans) {
    const path = feedPath(p.kind, p.id);
    const file = new StreamFile(join(out, path));
    await file.write(`<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n` +
      `  <id>urn:parallax:${p.kind}:${xmlText(p.id)}</id>\n  <title type="text">${xmlText(await feedTitle(store, p))}</title>\n` +
      `  <updated>${p.updated}</updated>\n  <generator>Parallax</generator>\n`);
    for await (const a of await feedArticles(store, selection, p)) {
      if (!entryUpdated(a)) continue;
      await file.write(atomEntry(a));
      if (!written.has(a.id)) {
        written.add(a.id);
        report.articles++;
        progress?.(report.articles);
      }
    }
    await file.write('</feed>\n');
    await file.close();
    report.files++;
    report.bytes += file.bytes;
  }
  const index = new StreamFile(join(out, 'feeds.txt'));
  for (const p of plans) await index.write(`${feedPath(p.kind, p.id)}\t${p.entries}\t${p.updated}\n`);
  await index.close();
  return finishReport({ ...report, files: report.files + 1, bytes: report.bytes + index.bytes });
}
