// Site furniture the HTML reader can keep with a short article (an ad slot beside two
// paragraphs is one of the blocks it weighs). A sentence whose shape (numbers aside) the
// same host shows *outside the article* on other pages is the host's, not the article's:
// it is left out of every comparison. Sentences inside other pages' articles teach
// nothing (templated reports — 第2号台风, 沪指收于3245点 — share shapes and are news).
// Shapes are learnt from every page fetched from the host and kept in the store.
import { createHash } from 'node:crypto';
import type { Store } from '../store/store.js';
import { splitSentences } from '../text/sentences.js';
import { normalizeText } from '../text/normalize.js';
import { keyedSentences, shapeOf } from './compare.js';

/** a shape shown on this many other pages of the host is furniture */
const OTHER_PAGES = 2;
/** shapes remembered per host; past this, shapes seen on one page only are forgotten first */
const MAX_SHAPES = 20_000;
/** pages remembered per shape (enough to decide) */
const PAGES_PER_SHAPE = OTHER_PAGES + 1;

const BLOCK = /<\/?(?:p|div|li|h[1-6]|tr|td|th|br|section|article|aside|header|footer|nav|ul|ol|dl|dd|dt|blockquote|figure|figcaption|table|main)\b[^>]*>/gi;

/** The sentences of a page's visible text, block by block (markup never joins two blocks into one sentence). */
export function visibleSentences(html: string): string[] {
  const text = html.replace(/<(script|style|noscript|template)[\s\S]*?<\/\1>/gi, '\n').replace(/<!--[\s\S]*?-->/g, '\n').replace(BLOCK, '\n')
    .replace(/<[^>]+>/g, '').replace(/&nbsp;|&#160;/g, ' ');
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    for (const s of splitSentences(line)) {
      const key = normalizeText(s.text).replace(/\s+/g, '');
      if (key.length >= 4) out.push(key);
    }
  }
  return out;
}

const pageKey = (url: string): string => createHash('sha256').update(url).digest('base64url').slice(0, 10);

interface Host { shapes: Map<string, string[]>; dirty: boolean }

export class HostFurniture {
  private readonly hosts = new Map<string, Host>();

  constructor(private readonly store: Store) {}

  private async host(origin: string): Promise<Host> {
    let h = this.hosts.get(origin);
    if (!h) {
      const doc = await this.store.watch.getFurniture(origin);
      h = { shapes: new Map(doc ? (JSON.parse(doc) as Array<[string, string[]]>) : []), dirty: false };
      this.hosts.set(origin, h);
    }
    return h;
  }

  /** Note the shapes of a fetched page's visible sentences outside its article (`article`: the reader's title and paragraphs). */
  async learn(url: string, html: string, article: { title: string; paragraphs: readonly string[] }): Promise<void> {
    const h = await this.host(new URL(url).origin);
    const me = pageKey(url);
    const inside = new Set([normalizeText(article.title).replace(/\s+/g, ''), ...keyedSentences(article.paragraphs).map((s) => s.key)]);
    for (const key of new Set(visibleSentences(html).filter((k) => !inside.has(k)).map(shapeOf))) {
      const pages = h.shapes.get(key);
      if (!pages) h.shapes.set(key, [me]);
      else if (!pages.includes(me) && pages.length < PAGES_PER_SHAPE) pages.push(me);
      else continue;
      h.dirty = true;
    }
    if (h.shapes.size > MAX_SHAPES) {
      for (const [k, pages] of h.shapes) {
        if (h.shapes.size <= MAX_SHAPES * 0.8) break;
        if (pages.length === 1) h.shapes.delete(k);
      }
    }
  }

  /** Shapes that other pages of the URL's host show. */
  async of(url: string): Promise<Set<string>> {
    const h = await this.host(new URL(url).origin);
    const me = pageKey(url);
    const out = new Set<string>();
    for (const [k, pages] of h.shapes) if (pages.length - (pages.includes(me) ? 1 : 0) >= OTHER_PAGES) out.add(k);
    return out;
  }

  /** Keep what was learnt in the store. */
  async flush(): Promise<void> {
    for (const [origin, h] of this.hosts) {
      if (!h.dirty) continue;
      await this.store.watch.saveFurniture(origin, JSON.stringify([...h.shapes]));
      h.dirty = false;
    }
  }
}
