// Front-matter posts: hkcnews Markdown+YAML, Hexo RSS mirrors, the two Jekyll mirror
// families (NodeBE4 with `from:`, agora0 with `link:`), and generic Hugo/Jekyll/Hexo
// posts. The families differ only in which field means what; that is the table below.
import type { ArticleDraft } from '../article.js';
import { instantFromEpochMs } from '../extract/dates.js';
import { buildDraft, type DraftInput } from '../extract/draft.js';
import { markdownParts } from '../extract/markdown.js';
import { archiveTimestamp, cleanMediaUrl, hostOf } from '../extract/urls.js';
import { list, str, type FrontMatter } from './frontmatter.js';
import { isParallaxExport, readExported } from './parallax-md.js';

type Fields = Omit<DraftInput, 'body'> & { body: string };

interface PostProfile {
  format: string;
  /** a Markdown body ends at its first horizontal rule (hkcnews: appeal and author box follow) */
  bodyEndsAtRule?: boolean;
  detect(fm: FrontMatter): boolean;
  fields(d: Record<string, unknown>, body: string): Fields;
}

const isArchiveUrl = (v: unknown): boolean => /^https?:\/\/web\.archive\.org\//.test(str(v));

/** `<!--1639661040000-->`, then `[title](url)` and `------`: the NodeBE4 mirror header. */
const NODEBE4_HEAD = /^\s*<!--\s*(\d{12,14})\s*-->\s*\n(?:\s*\[[^\n]*\]\([^\n)]*\)\s*\n)?(?:\s*-{3,}\s*\n)?/;

const PROFILES: readonly PostProfile[] = [
  {
    format: 'hkcnews-md',
    bodyEndsAtRule: true,
    detect: ({ data }) => 'original_url' in data && isArchiveUrl(data.url),
    fields: (d, body) => ({
      title: str(d.title),
      authors: list(d.author),
      outlet: { domain: hostOf(str(d.original_url)) },
      published: str(d.date),
      updated: str(d.last_updated),
      fetched: (offset) => snapshotInstant(str(d.url), offset),
      urls: [str(d.original_url), str(d.url)],
      tags: list(d.tags),
      categories: list(d.category).concat(list(d.categories)),
      body,
    }),
  },
  {
    format: 'jekyll-nodebe4',
    detect: ({ data, body }) => 'from' in data || NODEBE4_HEAD.test(body),
    fields: (d, body) => {
      const epoch = NODEBE4_HEAD.exec(body)?.[1];
      return {
        title: str(d.title),
        outlet: { name: str(d.author) || undefined, domain: hostOf(str(d.from)) },
        published: str(d.date),
        fetched: epoch ? (offset) => instantFromEpochMs(Number(epoch), offset, `<!--${epoch}-->`) : undefined,
        urls: [str(d.from)],
        tags: list(d.tags),
        categories: list(d.categories),
        body: body.replace(NODEBE4_HEAD, ''),
      };
    },
  },
  {
    format: 'jekyll-agora0',
    detect: ({ data }) => 'link' in data && typeof data.categories === 'string',
    fields: (d, body) => ({
      title: str(d.title),
      outlet: { id: str(d.categories), domain: hostOf(str(d.link)) },
      published: str(d.date),
      urls: [str(d.link)],
      categories: list(d.categories),
      body,
    }),
  },
  {
    format: 'hexo-mirror',
    detect: ({ data, leadingBlank }) => (leadingBlank || 'headimg' in data) && Array.isArray(data.categories) && 'author' in data,
    fields: (d, body) => {
      const cats = list(d.categories);
      const head = str(d.headimg) || str(d.thumbnail);
      return {
        title: str(d.title),
        // [genre, outlet, channel]: the outlet is also the author
        outlet: { name: str(d.author) || cats[1] },
        published: str(d.date),
        urls: [str(d.link), str(d.url), str(d.permalink)],
        categories: cats,
        tags: list(d.tags),
        extraFigures: head ? [{ src: cleanMediaUrl(head), caption: '' }] : [],
        body,
      };
    },
  },
  {
    format: 'front-matter',
    detect: () => true,
    fields: (d, body) => {
      const url = str(d.original_url) || str(d.canonical) || str(d.url) || str(d.link) || str(d.source_url) || str(d.from);
      const outletName = str(d.outlet) || str(d.publisher) || str(d.source) || str(d.site);
      return {
        title: str(d.title),
        authors: outletName ? list(d.author).concat(list(d.authors)) : list(d.authors),
        outlet: { name: outletName || str(d.author) || undefined, domain: hostOf(url) },
        published: str(d.date) || str(d.published) || str(d.pubDate),
        updated: str(d.updated) || str(d.lastmod) || str(d.last_updated),
        urls: [url, str(d.archive_url)],
        tags: list(d.tags),
        categories: list(d.categories).concat(list(d.category)),
        body,
      };
    },
  },
];

function snapshotInstant(url: string, offset: number) {
  const ts = archiveTimestamp(url);
  if (!ts || ts.length < 14) return null;
  const ms = Date.UTC(+ts.slice(0, 4), +ts.slice(4, 6) - 1, +ts.slice(6, 8), +ts.slice(8, 10), +ts.slice(10, 12), +ts.slice(12, 14));
  return instantFromEpochMs(ms, offset, ts);
}

/** A body is HTML when it starts with a tag and closes block elements; else it is Markdown or plain text. */
export function looksLikeHtml(body: string): boolean {
  return /^\s*</.test(body) && /<\/(p|div|section|article|span|main|figure|table)>/i.test(body);
}

export function readPost(fm: FrontMatter): { format: string; draft: ArticleDraft } {
  // Parallax's own export carries every field: nothing to guess
  if (isParallaxExport(fm)) return { format: 'parallax-md', draft: readExported(fm) };
  const profile = PROFILES.find((p) => p.detect(fm))!;
  const { body, ...fields } = profile.fields(fm.data, fm.body);
  const bodyHtml = looksLikeHtml(body) ? body : markdownParts(body, profile.bodyEndsAtRule === true);
  return { format: profile.format, draft: buildDraft({ ...fields, body: { html: bodyHtml } }) };
}
