// What a watched source lists: the items of an RSS/Atom/JSON feed (read by the feed
// reader, with their own text kept for when a page cannot be had), the URLs of a news
// sitemap, the sitemaps of a sitemap index, the feeds of an OPML file. Only the first
// `max` items are read: a feed of 100,000 items costs what a feed of `max` does.
import { XMLParser } from 'fast-xml-parser';
import type { ArticleDraft } from '../article.js';
import { detectFeed, readFeed } from '../readers/feed.js';

export interface ListedItem {
  url: string;
  /** epoch ms, when the source dates it */
  published: number | null;
  /** the feed's own article (title, text), for when the page cannot be fetched */
  draft?: ArticleDraft;
}

export interface Listing {
  kind: 'feed' | 'sitemap' | 'sitemap-index' | 'opml';
  /** rss, atom, json-feed for feeds */
  format?: string;
  items: ListedItem[];
  /** items beyond `max` were left unread */
  truncated: boolean;
}

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (n) => ['url', 'sitemap', 'outline'].includes(n) });

/**
 * Cut an XML document after its max-th `</tag>` and close what was open, so that the
 * parser reads max items however many there are.
 */
function firstItems(text: string, tag: string, max: number, closing: string): { text: string; truncated: boolean } {
  const end = `</${tag}>`;
  let at = 0;
  for (let n = 0; n < max; n++) {
    const i = text.indexOf(end, at);
    if (i < 0) return { text, truncated: false };
    at = i + end.length;
  }
  if (text.indexOf(end, at) < 0) return { text, truncated: false };
  return { text: text.slice(0, at) + closing, truncated: true };
}

const epoch = (s: string | undefined | null): number | null => {
  if (!s) return null;
  const t = Date.parse(s);
  return Number.isFinite(t) ? t : null;
};
const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : v && typeof v === 'object' && '#text' in v ? str((v as { '#text': unknown })['#text']) : '');

/** The listing of a source's text, or null when it is not a feed, sitemap or OPML file. */
export function readListing(text: string, max: number): Listing | null {
  const head = text.slice(0, 4096);
  const feed = detectFeed(head);
  if (feed) {
    let doc = text;
    let truncated = false;
    if (feed === 'rss') {
      const rdf = /<rdf:RDF[\s>]/i.test(head);
      ({ text: doc, truncated } = firstItems(text, 'item', max, rdf ? '</rdf:RDF>' : '</channel></rss>'));
    } else if (feed === 'atom') ({ text: doc, truncated } = firstItems(text, 'entry', max, '</feed>'));
    let drafts = readFeed(doc, feed);
    if (drafts.length > max) { drafts = drafts.slice(0, max); truncated = true; }
    const items = drafts.filter((d) => d.url).map((d) => ({ url: d.url!, published: epoch(d.published?.at), draft: d }));
    return { kind: 'feed', format: feed, items, truncated };
  }
  if (/<urlset[\s>]/i.test(head)) {
    const { text: doc, truncated } = firstItems(text, 'url', max, '</urlset>');
    const urls = ((xml.parse(doc) as { urlset?: { url?: Array<Record<string, unknown>> } }).urlset?.url ?? []);
    const items = urls.map((u) => {
      const news = u['news:news'] as Record<string, unknown> | undefined;
      return { url: str(u.loc), published: epoch(str(news?.['news:publication_date']) || str(u.lastmod)) };
    }).filter((i) => /^https?:\/\//i.test(i.url));
    return { kind: 'sitemap', items, truncated };
  }
  if (/<sitemapindex[\s>]/i.test(head)) {
    const { text: doc, truncated } = firstItems(text, 'sitemap', max, '</sitemapindex>');
    const maps = (xml.parse(doc) as { sitemapindex?: { sitemap?: Array<Record<string, unknown>> } }).sitemapindex?.sitemap ?? [];
    return { kind: 'sitemap-index', items: maps.map((m) => ({ url: str(m.loc), published: epoch(str(m.lastmod)) })).filter((i) => /^https?:\/\//i.test(i.url)), truncated };
  }
  if (/<opml[\s>]/i.test(head)) return { kind: 'opml', items: opmlFeeds(text).slice(0, max).map((url) => ({ url, published: null })), truncated: false };
  return null;
}

/** The feed URLs of an OPML file (outlines nest: folders of feeds). */
export function opmlFeeds(text: string): string[] {
  const doc = xml.parse(text) as { opml?: { body?: { outline?: unknown[] } } };
  const out: string[] = [];
  const walk = (outlines: unknown[] | undefined): void => {
    for (const o of outlines ?? []) {
      const node = o as Record<string, unknown>;
      const url = str(node['@xmlUrl']);
      if (/^https?:\/\//i.test(url)) out.push(url);
      walk(node.outline as unknown[] | undefined);
    }
  };
  walk(doc.opml?.body?.outline);
  return [...new Set(out)];
}
