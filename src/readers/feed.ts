// RSS 2.0, Atom and JSON Feed documents: every item is an article. The same reader
// serves saved feed files and feeds fetched over HTTP.
import { XMLParser } from 'fast-xml-parser';
import type { ArticleDraft } from '../article.js';
import { buildDraft } from '../extract/draft.js';
import { markdownParts, type BodyPart } from '../extract/markdown.js';
import { hostOf } from '../extract/urls.js';
import type { FeedFormat } from './feed-parts.js';

export { detectFeed, type FeedFormat } from './feed-parts.js';


const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  cdataPropName: false,
  processEntities: true,
  htmlEntities: true,
  isArray: (name) => ['item', 'entry', 'category', 'link', 'author'].includes(name),
});

type Node = Record<string, unknown>;
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

function text(v: unknown): string {
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number') return String(v);
  if (v && typeof v === 'object') {
    const n = v as Node;
    if ('#text' in n) return text(n['#text']);
    if ('name' in n) return text(n.name);
    if ('@term' in n) return text(n['@term']);
  }
  return '';
}


function body(html: string): { html: string | BodyPart[] } {
  return { html: /<[a-z][\s\S]*>/i.test(html) ? html : markdownParts(html) };
}

export function readFeed(src: string, format: FeedFormat): ArticleDraft[] {
  if (format === 'json-feed') return readJsonFeed(src);
  const doc = xml.parse(src) as Node;
  if (format === 'rss') {
    const channel = ((doc.rss as Node | undefined)?.channel ?? (doc['rdf:RDF'] as Node | undefined)?.channel ?? {}) as Node;
    const items = asArray((channel.item ?? (doc['rdf:RDF'] as Node | undefined)?.item)) as Node[];
    const site = text(channel.title);
    const siteLink = text(asArray(channel.link)[0]);
    return items.map((it) => {
      const link = text(asArray(it.link)[0]) || text(it.guid);
      return buildDraft({
        title: text(it.title),
        authors: asArray(it['dc:creator'] ?? it.author).map(text).filter(Boolean),
        outlet: { name: site || undefined, domain: hostOf(link) ?? hostOf(siteLink) },
        published: text(it.pubDate) || text(it['dc:date']),
        urls: [link],
        categories: asArray(it.category).map(text).filter(Boolean),
        body: body(text(it['content:encoded']) || text(it.description)),
      });
    });
  }
  const feed = (doc.feed ?? {}) as Node;
  const site = text(feed.title);
  return (asArray(feed.entry) as Node[]).map((e) => {
    const links = asArray(e.link) as Node[];
    const alt = links.find((l) => !l['@rel'] || l['@rel'] === 'alternate') ?? links[0];
    const link = alt ? text(alt['@href']) : text(e.id);
    return buildDraft({
      title: text(e.title),
      authors: asArray(e.author).map(text).filter(Boolean),
      outlet: { name: site || undefined, domain: hostOf(link) },
      published: text(e.published) || text(e.updated),
      updated: text(e.updated),
      urls: [link],
      categories: asArray(e.category).map(text).filter(Boolean),
      body: body(text(e.content) || text(e.summary)),
    });
  });
}

function readJsonFeed(src: string): ArticleDraft[] {
  const doc = JSON.parse(src.replace(/^\ufeff/, '')) as Node;
  const site = typeof doc.title === 'string' ? doc.title : undefined;
  return (asArray(doc.items) as Node[]).map((it) => {
    const link = text(it.url) || text(it.external_url) || text(it.id);
    const authors = asArray(it.authors ?? it.author).map(text).filter(Boolean);
    const html = text(it.content_html);
    return buildDraft({
      title: text(it.title),
      authors,
      outlet: { name: site, domain: hostOf(link) ?? hostOf(text(doc.home_page_url)) },
      published: text(it.date_published),
      updated: text(it.date_modified),
      urls: [link],
      tags: asArray(it.tags).map(text).filter(Boolean),
      body: html ? { html } : { html: markdownParts(text(it.content_text)) },
    });
  });
}
