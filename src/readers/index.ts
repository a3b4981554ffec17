// Which reader reads a file is decided by its content, never by its folder: front
// matter, feed markup, an HTML page, segmented or running text.
import type { ArticleDraft } from '../article.js';
import { BinaryContentError, decodeBytes } from './encoding.js';
import { readFeed, detectFeed } from './feed.js';
import { FrontMatterError, splitFrontMatter } from './frontmatter.js';
import { readHtmlPage } from './html-page.js';
import { readPost } from './post.js';
import { readPlainText, readSegmentedText, SEGMENTED_THRESHOLD, segmentedRatio } from './text.js';

/** The file cannot be read as an article; the reason is for a person. */
export class RejectError extends Error {}
/** The file is not an article at all (site config, images, templates); it is counted, not reported. */
export class SkipError extends Error {}

export interface ReadResult {
  format: string;
  encoding: string;
  drafts: ArticleDraft[];
}

const TEMPLATE = /\{\{\s*(content|page\.|site\.)|\{%\s*(include|if|for|block|extends)\b/;
const HAN = /\p{Script=Han}/gu;

/** `pathHint`: the file's path or URL; `charset`: what an HTTP header said of the bytes */
export function readDocument(bytes: Uint8Array, pathHint = '', charset?: string): ReadResult {
  let decoded;
  try {
    decoded = decodeBytes(bytes, charset);
  } catch (e) {
    if (e instanceof BinaryContentError) throw new RejectError(e.message);
    throw e;
  }
  const { text, encoding } = decoded;
  if (!text.trim()) throw new RejectError('empty file');
  const head = text.slice(0, 4096);

  let fm;
  try {
    fm = splitFrontMatter(text);
  } catch (e) {
    if (e instanceof FrontMatterError) throw new RejectError(e.message);
    throw e;
  }
  if (fm) {
    if (TEMPLATE.test(fm.body) && !fm.data.title) throw new SkipError('site template (Liquid placeholders)');
    const { format, draft } = readPost(fm);
    return finish(format, encoding, [draft]);
  }

  const feed = detectFeed(head);
  if (feed) {
    let drafts;
    try {
      drafts = readFeed(text, feed);
    } catch (e) {
      throw new RejectError(`unreadable ${feed} feed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    }
    if (drafts.length === 0) throw new SkipError(`${feed} feed with no items`);
    return { format: feed, encoding, drafts };
  }
  if (/\.json$/i.test(pathHint) || /^\s*[{[]/.test(head)) throw new SkipError('JSON that is not a JSON Feed');

  if (/^\s*(<!doctype\s+html|<html[\s>]|<\?xml[^>]*>\s*<html)/i.test(head) || (/^\s*</.test(head) && /<(p|div|article|body)[\s>]/i.test(text))) {
    if (TEMPLATE.test(text)) throw new SkipError('site template (Liquid placeholders)');
    // a page fetched from a URL is that URL's article unless the page names its canonical one
    return finish('html-page', encoding, [readHtmlPage(text, /^https?:\/\//i.test(pathHint) ? pathHint : undefined)]);
  }
  if (/^\s*</.test(head)) throw new SkipError('XML that is neither a feed nor a web page');

  if (segmentedRatio(text) > SEGMENTED_THRESHOLD) return finish('segmented-text', encoding, [readSegmentedText(text)]);
  const han = text.slice(0, 20000).match(HAN)?.length ?? 0;
  const letters = text.slice(0, 20000).match(/\p{L}/gu)?.length ?? 0;
  if (han < 20 || han < letters * 0.3) throw new SkipError('no front matter and not Chinese running text');
  return finish('plain-text', encoding, [readPlainText(text)]);
}

function finish(format: string, encoding: string, drafts: ArticleDraft[]): ReadResult {
  for (const d of drafts) {
    if (!d.title && d.paragraphs.length === 0) throw new RejectError(`no title and no article text found (${format})`);
  }
  return { format, encoding, drafts };
}
