// The last step every reader shares: from the fields a source gives (title, dates,
// URLs, body HTML…) to an ArticleDraft with outlet, clean paragraphs, credits, wire
// dateline and flags.
import { createHash } from 'node:crypto';
import { type ArticleDraft, type Figure, type Flag, type Instant } from '../article.js';
import { outletRules, outletOffsetMinutes, resolveOutlet, type OutletHint } from '../outlets/resolve.js';
import { cleanBody, type CleanBody } from './boilerplate.js';
import { addCredit, wireDateline } from './credits.js';
import { parseDate } from './dates.js';
import { isPlaceholderTitle, looksMojibake } from './flags.js';
import { extractHtml, normalizeSpace } from './html.js';
import type { BodyPart } from './markdown.js';
import { cleanTitle } from './title.js';
import { canonicalPair, hostOf } from './urls.js';

/** longest title kept, in characters */
const MAX_TITLE = 500;

export interface DraftInput {
  title: string;
  authors?: string[];
  outlet: OutletHint;
  published?: unknown;
  updated?: unknown;
  /** when the source was captured, if the source says (mirror epoch, snapshot time) */
  fetched?: (offset: number) => Instant | null;
  /** canonical and archive URL candidates, best first */
  urls?: Array<string | undefined | null>;
  tags?: string[];
  categories?: string[];
  /** the body as HTML (or a Markdown body's blocks: markdownParts), or already cleaned by the reader (full pages, segmented text) */
  body: { html: string | readonly BodyPart[] } | CleanBody;
  /** the source's own segmentation (seed 004) */
  givenTokens?: ArticleDraft['givenTokens'];
  extraFigures?: Figure[];
}

export function buildDraft(input: DraftInput): ArticleDraft {
  const { url, archiveUrl } = canonicalPair(input.urls ?? []);
  const outlet = resolveOutlet({ ...input.outlet, domain: input.outlet.domain ?? hostOf(url) });
  const rules = outletRules(outlet.id);
  const offset = outletOffsetMinutes(outlet);
  const written = cleanTitle(normalizeSpace(input.title.length > MAX_TITLE * 4 ? input.title.slice(0, MAX_TITLE * 4) : input.title).replace(/\n/g, ' '), outlet);
  const fullTitle = written.title;
  // a title is a line: a longer one is cut (the raw bytes keep it whole) and flagged
  const title = fullTitle.length > MAX_TITLE ? fullTitle.slice(0, MAX_TITLE) + '…' : fullTitle;

  const body = 'html' in input.body
    ? cleanBody(extractHtml(input.body.html, { dropSelectors: rules.dropSelectors }), title, rules)
    : input.body;
  const authors = (input.authors ?? []).map((a) => a.trim()).filter((a) => a && a !== outlet.name && a !== outlet.id);
  for (const a of authors) if (!body.credits.reporters.includes(a)) addCredit(body.credits, '作者', [a]);

  const published = parseDate(input.published, offset);
  const text = title + '\n' + body.paragraphs.join('\n');
  const flags: Flag[] = [];
  if (isPlaceholderTitle(title)) flags.push('placeholder');
  if (title !== fullTitle || input.title.length > MAX_TITLE * 4) flags.push('truncated');
  if (body.paragraphs.length === 0) flags.push('empty');
  if (looksMojibake(text)) flags.push('mojibake');
  if (!published) flags.push('no-date');

  return {
    outlet,
    title,
    authors,
    published,
    updated: parseDate(input.updated, offset),
    fetched: input.fetched ? input.fetched(offset) : null,
    url,
    archiveUrl,
    tags: dedupe(input.tags ?? []),
    categories: dedupe([...(input.categories ?? []), ...written.sections]),
    paragraphs: body.paragraphs,
    figures: uniqueBySrc([...(input.extraFigures ?? []), ...body.figures]),
    media: body.media,
    ...(body.related?.length ? { related: body.related } : {}),
    credits: body.credits,
    wire: wireDateline(body.paragraphs),
    flags,
    ...(input.givenTokens ? { givenTokens: input.givenTokens } : {}),
    identity: url ? `url:${url}` : title ? `t:${outlet.id}|${title}|${published?.day ?? ''}` : `text:${sha1(body.paragraphs.join('\n'))}`,
  };
}

function dedupe(xs: string[]): string[] {
  return [...new Set(xs.map((x) => x.trim()).filter(Boolean))];
}

function sha1(s: string): string {
  return createHash('sha1').update(s).digest('hex');
}

function uniqueBySrc(figures: Figure[]): Figure[] {
  const seen = new Map<string, Figure>();
  for (const f of figures) {
    // captions whose picture was not kept are each their own figure
    if (!f.src) { seen.set(`#${seen.size}`, f); continue; }
    const prev = seen.get(f.src);
    if (!prev) seen.set(f.src, f);
    else if (!prev.caption) prev.caption = f.caption;
  }
  return [...seen.values()];
}
