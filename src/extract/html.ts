// HTML → blocks of clean text, figures and media, in one streaming pass over
// htmlparser2's events. No DOM tree is built, so deeply nested or truncated HTML
// costs no recursion and no memory beyond the open-element stack.
import { Parser } from 'htmlparser2';
import type { Figure, Media, RelatedLink } from '../article.js';
import { partHtml, type BodyPart } from './markdown.js';
import { cleanMediaUrl } from './urls.js';

export interface Block {
  text: string;
  /** id of the element that directly contains the block (for main-text scoring) */
  container: number;
  /** heading level 1–6, 0 for ordinary text */
  heading: number;
  /** the block's text sits in a caption element (figcaption, img_descr, small) */
  caption: boolean;
  /** characters of the block that are inside links */
  linkChars: number;
}

export interface HtmlExtract {
  blocks: Block[];
  figures: Figure[];
  media: Media[];
  /** figure index → block index right after which the figure appeared */
  figureAfter: number[];
  /** element id → parent element id */
  parents: Map<number, number>;
  /** <title>, <meta name|property=…>, <link rel=canonical>, <time datetime> */
  meta: Map<string, string>;
  /** links inside related-article lists (RELATED_SELECTORS), in order */
  related: RelatedLink[];
  /** the text of elements dropped by a selector rule, by rule (e.g. 'article-editor' → 责任编辑：…) */
  dropped: Array<{ rule: string; text: string }>;
}

export interface HtmlOptions {
  /** class/id substrings whose subtree is not article text */
  dropSelectors?: readonly string[];
  /** whole pages: skip nav, header, footer, aside */
  fullPage?: boolean;
}

const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'form', 'button', 'select', 'textarea', 'object', 'canvas', 'head']);
const PAGE_CHROME = new Set(['nav', 'header', 'footer', 'aside', 'menu']);
const BLOCK = new Set([
  'p', 'div', 'section', 'article', 'main', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'blockquote',
  'figure', 'figcaption', 'table', 'tr', 'td', 'th', 'hr', 'pre', 'dd', 'dt', 'dl', 'header', 'footer', 'center',
  'body', 'html', 'picture', 'address', 'details', 'summary', 'caption',
]);
const VOID = new Set(['img', 'br', 'hr', 'meta', 'link', 'input', 'source', 'area', 'base', 'col', 'embed', 'param', 'track', 'wbr']);
const CAPTION_CLASS = /(^|[\s_-])(img_descr|caption|figcaption|img-caption|image-caption|pic_txt|picture-caption)([\s_-]|$)/i;

/** Generic boilerplate containers seen across outlets: ad slots, paywalls, share bars, QR blocks. */
export const GENERIC_DROP_SELECTORS: readonly string[] = [
  'dfp-ad', 'innity', 'cx_paywall', 'paywall', 'advert', 'ad-slot', 'adsbygoogle', 'google-ad', 'share-bar', 'sharing',
  'social-share', 'appendqr', 'qrcode', 'qr-code', 'subscribe', 'newsletter', 'related-articles', 'author-box', 'comments',
];

/** Related-article lists: dropped from the text like other boilerplate, their links kept (CNA moreArticle and insertGroup). */
export const RELATED_SELECTORS: readonly string[] = [
  'related-articles', 'related-posts', 'related-news', 'relatedposts', 'jp-relatedposts', 'yarpp-related', 'morearticle', 'insertgroup',
];
const RELATED = new Set(RELATED_SELECTORS);

/** Elements that hold a whole article are never dropped by a class rule. */
const CONTAINERS = new Set(['html', 'body', 'main', 'article']);

/** A rule matches a class or id token that starts with it (`dfp-ad` ~ `dfp-ad-imu1`, not `category-ads`). */
function matchSelector(selectors: readonly string[], cls: string | undefined, id: string | undefined): string | null {
  if (!cls && !id) return null; // most elements: no string work
  const tokens = `${cls ?? ''} ${id ?? ''}`.toLowerCase().split(/\s+/).filter(Boolean);
  if (tokens.length === 0) return null;
  return selectors.find((s) => tokens.some((t) => t.startsWith(s))) ?? null;
}

interface Open {
  tag: string;
  id: number;
  skip: boolean;
  drop: string | null;
  caption: boolean;
  link: boolean;
}

/** deepest element nesting read */
const MAX_DEPTH = 40_000;

/**
 * Extract an HTML document, or a Markdown body's blocks (markdownParts): raw HTML and
 * markup go through the parser, and plain text blocks go straight to the same handlers
 * whenever the parser holds nothing open, which saves tokenizing most of the body.
 */
export function extractHtml(input: string | readonly BodyPart[], opts: HtmlOptions = {}): HtmlExtract {
  const selectors = [...GENERIC_DROP_SELECTORS, ...RELATED_SELECTORS, ...(opts.dropSelectors ?? [])].map((s) => s.toLowerCase());
  const out: HtmlExtract = { blocks: [], figures: [], media: [], figureAfter: [], parents: new Map(), meta: new Map(), related: [], dropped: [] };
  /** the link being read inside a related list */
  let relatedLink: RelatedLink | null = null;
  const stack: Open[] = [];
  let nextId = 1;
  let text = '';
  let linkChars = 0;
  let captionChars = 0;
  let heading = 0;
  let skipDepth = 0;
  let dropDepth = 0;
  /** open <a> and caption elements: text inside them counts as link or caption text */
  let linkDepth = 0;
  let captionDepth = 0;
  let dropText = '';
  let dropRule = '';
  let inTitle = false;
  let lastFigureOpen = -1; // index of the figure whose <figure> element is still open

  const container = (): number => {
    for (let i = stack.length - 1; i >= 0; i--) if (BLOCK.has(stack[i]!.tag)) return stack[i]!.id;
    return 0;
  };

  const flush = (): void => {
    const t = normalizeSpace(text);
    if (t) {
      const isCaption = captionChars >= t.length * 0.8;
      if (!(isCaption && out.figures.length > 0 && attachCaption(out, t))) {
        // a <br> inside a block separates paragraphs as much as a new <p> does
        const lines = t.split('\n');
        for (const line of lines) {
          out.blocks.push({ text: line, container: container(), heading, caption: isCaption, linkChars: lines.length > 1 ? 0 : linkChars });
        }
      }
    }
    text = '';
    linkChars = 0;
    captionChars = 0;
    heading = 0;
  };

  const handler = {
    onopentag(name: string, attrs: Record<string, string>): void {
      const tag = name.toLowerCase();
      if (tag === 'meta') {
        const key = (attrs.property ?? attrs.name ?? attrs.itemprop ?? '').toLowerCase();
        if (key && attrs.content && !out.meta.has(key)) out.meta.set(key, attrs.content);
        if (attrs.charset) out.meta.set('charset', attrs.charset);
        const equiv = attrs['http-equiv'];
        if (equiv && equiv.toLowerCase() === 'content-type' && attrs.content) out.meta.set('content-type', attrs.content);
      }
      if (tag === 'link' && (attrs.rel ?? '').toLowerCase() === 'canonical' && attrs.href) out.meta.set('canonical', attrs.href);
      if (tag === 'time' && attrs.datetime && !out.meta.has('time')) out.meta.set('time', attrs.datetime);
      if (tag === 'title') inTitle = true;
      if (VOID.has(tag)) {
        if (skipDepth || dropDepth) return;
        if (tag === 'br') text += '\n';
        else if (tag === 'img') addImage(attrs);
        else if (tag === 'hr') flush();
        else if (tag === 'embed' && attrs.src) addMedia(attrs.src, 'embed');
        return;
      }
      const rule = CONTAINERS.has(tag) ? null : matchSelector(selectors, attrs.class, attrs.id);
      const skip = SKIP.has(tag) || (opts.fullPage === true && PAGE_CHROME.has(tag)) || tag === 'iframe' || tag === 'video' || tag === 'audio';
      if (tag === 'iframe' && attrs.src && !skipDepth && !dropDepth) addMedia(attrs.src, 'video');
      if ((tag === 'video' || tag === 'audio') && attrs.src && !skipDepth && !dropDepth) addMedia(attrs.src, tag);
      const caption = tag === 'figcaption' || ((attrs.class !== undefined || attrs.id !== undefined) && CAPTION_CLASS.test(`${attrs.class ?? ''} ${attrs.id ?? ''}`))
        || (tag === 'small' && lastIsFigure());
      // nesting 100,000 deep cost 9–98 s of parsing (the work grows faster than the depth);
      // 40,000 levels still read in half a second, and no news page comes near
      if (stack.length >= MAX_DEPTH) throw new Error(`HTML nested deeper than ${MAX_DEPTH} elements: not a page Parallax reads`);
      const open: Open = { tag, id: nextId++, skip, drop: rule, caption, link: tag === 'a' };
      out.parents.set(open.id, stack.length ? stack[stack.length - 1]!.id : 0);
      if (BLOCK.has(tag) && !skipDepth && !dropDepth) flush();
      stack.push(open);
      if (open.link) linkDepth++;
      if (caption) captionDepth++;
      if (skip) skipDepth++;
      if (rule && !skip) {
        if (dropDepth === 0) { dropText = ''; dropRule = rule; }
        dropDepth++;
      }
      if (tag === 'a' && dropDepth && RELATED.has(dropRule) && attrs.href && !skipDepth) relatedLink = { url: attrs.href, title: '' };
      if (tag.length === 2 && tag[0] === 'h' && tag[1]! >= '1' && tag[1]! <= '6') heading = Number(tag[1]);
      if (tag === 'figure') lastFigureOpen = out.figures.length;
    },
    ontext(data: string): void {
      if (inTitle) { out.meta.set('title', (out.meta.get('title') ?? '') + data); return; }
      if (skipDepth) return;
      const t = data;
      if (dropDepth) {
        dropText += t;
        if (relatedLink) relatedLink.title += t;
        return;
      }
      text += t;
      if (linkDepth) linkChars += t.trim().length;
      if (captionDepth) captionChars += t.trim().length;
    },
    onclosetag(name: string): void {
      const tag = name.toLowerCase();
      if (tag === 'title') inTitle = false;
      if (VOID.has(tag)) return;
      // htmlparser2 closes implied elements itself, so the top of the stack is this tag
      let i = stack.length - 1;
      while (i >= 0 && stack[i]!.tag !== tag) i--;
      if (i < 0) return;
      while (stack.length > i) {
        const o = stack.pop()!;
        if (BLOCK.has(o.tag) && !skipDepth && !dropDepth) flush();
        if (o.link) {
          linkDepth--;
          if (relatedLink) {
            const title = normalizeSpace(relatedLink.title).replace(/^[•·・\s]+/, '');
            if (title) out.related.push({ url: relatedLink.url, title });
            relatedLink = null;
          }
        }
        if (o.caption) captionDepth--;
        if (o.skip) skipDepth--;
        if (o.drop && !o.skip) {
          dropDepth--;
          if (dropDepth === 0) {
            const t = normalizeSpace(dropText);
            if (t) out.dropped.push({ rule: dropRule, text: t });
          }
        }
        if (o.tag === 'figure') lastFigureOpen = -1;
      }
    },
  };
  const parser = new Parser(handler, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true });

  function lastIsFigure(): boolean {
    return out.figures.length > 0 && out.figureAfter[out.figureAfter.length - 1] === out.blocks.length - 1 && !normalizeSpace(text);
  }

  function addImage(attrs: Record<string, string>): void {
    const raw = attrs['data-original'] ?? attrs['data-src'] ?? attrs.src ?? attrs['data-srcset']?.split(/\s+/)[0];
    if (!raw || raw.startsWith('data:')) return;
    const alt = normalizeSpace(attrs.alt ?? attrs.title ?? '');
    if (lastFigureOpen >= 0 && lastFigureOpen < out.figures.length) return; // one figure per <figure>
    flush();
    out.figures.push({ src: cleanMediaUrl(raw), caption: alt });
    out.figureAfter.push(out.blocks.length - 1);
  }

  function addMedia(src: string, kind: Media['kind']): void {
    flush();
    out.media.push({ kind, src: cleanMediaUrl(src), caption: '' });
  }

  if (typeof input === 'string') parser.write(input);
  else writeParts(input);
  parser.end();
  flush();
  return out;

  function writeParts(parts: readonly BodyPart[]): void {
    // the parser is between tokens after raw HTML that ends a tag (and any comment it opened):
    // otherwise the rest of the body goes through it, as one string would
    let between = true;
    parts.forEach((part, i) => {
      if (i) parser.write('\n');
      if ('html' in part) {
        parser.write(part.html);
        const end = part.html.trimEnd();
        if (end && (!end.endsWith('>') || (end.includes('<!--') && !end.endsWith('-->')))) between = false;
      } else if (between && stack.length === 0) {
        handler.onopentag(part.tag, {});
        handler.ontext(part.text);
        handler.onclosetag(part.tag);
      } else {
        parser.write(partHtml(part));
      }
    });
  }
}

/** A caption block replaces or fills the caption of the last figure; returns false if it is not one. */
function attachCaption(out: HtmlExtract, caption: string): boolean {
  const fig = out.figures[out.figures.length - 1]!;
  if (out.figureAfter[out.figureAfter.length - 1] !== out.blocks.length - 1) return false;
  fig.caption = caption;
  return true;
}

/** Zero-width characters go, runs of spaces become one, a line break eats the white space around it (blank lines too). */
export function normalizeSpace(s: string): string {
  return s
    .replace(/[\u200b\u200c\u200d\ufeff]/g, '')
    .replace(/[ \t\r\f\v\u00a0\u3000]+/g, ' ')
    .replace(/ *\n\s*/g, '\n')
    .trim();
}
