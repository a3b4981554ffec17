// What counts as the article when two fetches are compared: the normal form of its
// title and body sentences, white space dropped, sentences that are only a date or a
// time left out. Ads, related links and page furniture are not in the extracted body
// at all; what remains changes only when the article does.
import { splitSentences } from '../text/sentences.js';
import { characterPairs, normalizeText } from '../text/normalize.js';
import { sha256Hex } from '../store/store.js';
import { REMOVAL_NOTICES } from './removal-notices.js';

/** a sentence made of digits, date and time marks and words like 更新/发布/时间 only */
const DATE_ONLY = /^[\d\s:：/.\-年月日时分秒点号()（）更新发布时间于上午下午星期周一二三四五六日天am pm]*$/iu;

/** A sentence's shape: its compared form with every number as #. Site furniture keeps its shape from page to page. */
export const shapeOf = (key: string): string => key.replace(/\d+(?:[.,]\d+)*/g, '#');

/**
 * Each body sentence as written and in its compared form, in order. `furniture`: shapes
 * of sentences the host repeats on other pages (ads, appeals: see boilerplate.ts), left out.
 */
export function keyedSentences(paragraphs: readonly string[], furniture?: ReadonlySet<string>): Array<{ text: string; key: string }> {
  const out: Array<{ text: string; key: string }> = [];
  for (const p of paragraphs) {
    for (const s of splitSentences(p)) {
      const key = normalizeText(s.text).replace(/\s+/g, '');
      if (key && !DATE_ONLY.test(key) && !furniture?.has(shapeOf(key))) out.push({ text: s.text, key });
    }
  }
  return out;
}

/** Changes when the title or body text changes, and only then. */
export function textHash(title: string, paragraphs: readonly string[], furniture?: ReadonlySet<string>): string {
  return sha256Hex(JSON.stringify([normalizeText(title).replace(/\s+/g, ''), keyedSentences(paragraphs, furniture).map((s) => s.key)])).slice(0, 32);
}

/** Jaccard similarity of the character pairs of two texts (normal form), 0…1. */
export function similarity(a: string, b: string): number {
  const x = characterPairs(normalizeText(a).replace(/\s+/g, ''));
  const y = characterPairs(normalizeText(b).replace(/\s+/g, ''));
  if (x.size === 0 && y.size === 0) return 1;
  let both = 0;
  for (const g of x) if (y.has(g)) both++;
  return both / (x.size + y.size - both);
}

const NOTICES = REMOVAL_NOTICES.map((p) => normalizeText(p));

/** The removal notice a text carries, if any. */
export function removalNotice(text: string): string | undefined {
  const norm = normalizeText(text).replace(/\s+/g, '');
  const i = NOTICES.findIndex((p) => norm.includes(p.replace(/\s+/g, '')));
  return i >= 0 ? REMOVAL_NOTICES[i] : undefined;
}

/** The visible text of an HTML page, roughly (scripts and styles dropped): where a notice outside the article body is looked for. */
export function visibleText(html: string): string {
  return html.replace(/<(script|style|noscript)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]+>/g, ' ').replace(/&nbsp;/g, ' ');
}

/**
 * A redirect that lands on a home or section page: the article is gone, whatever the
 * status. A redirect to another article URL (http→https, a new slug with the same id)
 * is not one.
 */
export function isHomeOrSection(original: string, final: string): boolean {
  let a: URL, b: URL;
  try { a = new URL(original); b = new URL(final); } catch { return false; }
  const segs = (p: string): string[] => p.split('/').filter(Boolean);
  const f = segs(b.pathname);
  const o = segs(a.pathname);
  if (a.pathname === b.pathname && a.search === b.search) return false;
  if (f.length === 0 && !b.search) return true;
  const digits = /\d/.test(b.pathname + b.search);
  if (f.length < o.length && o.slice(0, f.length).join('/') === f.join('/') && !digits) return true;
  return f.length <= 1 && !digits && !/\.s?html?$/i.test(b.pathname);
}
