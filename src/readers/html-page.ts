// A saved full web page: metadata from <meta>/<title>, main text from the container
// that holds the most paragraph text. Thresholds are counted in characters of Han text,
// where Readability-style word counts undercount Chinese (a 25-character Chinese
// paragraph says as much as a 60-word English one).
import type { ArticleDraft } from '../article.js';
import { cleanBody } from '../extract/boilerplate.js';
import { buildDraft } from '../extract/draft.js';
import { extractHtml, type HtmlExtract } from '../extract/html.js';
import { outletRules, resolveOutlet } from '../outlets/resolve.js';
import { hostOf } from '../extract/urls.js';

const HAN = /\p{Script=Han}/gu;
/** a block counts as a paragraph from this many Han characters (Latin words count as 2) */
const MIN_PARAGRAPH_CHARS = 10;

function weight(text: string): number {
  const han = text.match(HAN)?.length ?? 0;
  const words = text.replace(HAN, ' ').split(/\s+/).filter((w) => /[a-z0-9]/i.test(w)).length;
  return han + words * 2;
}

/** The element id whose subtree carries the article text. */
export function mainContainer(ex: HtmlExtract): number {
  const scores = new Map<number, number>();
  for (const b of ex.blocks) {
    const w = weight(b.text);
    if (w < MIN_PARAGRAPH_CHARS || b.linkChars > b.text.length * 0.5) continue;
    const s = 1 + (b.text.match(/[，。、；,]/g)?.length ?? 0) + Math.min(w / 50, 3);
    let id = b.container;
    for (let level = 0; level < 3 && id; level++) {
      scores.set(id, (scores.get(id) ?? 0) + s / (level === 0 ? 1 : level * 2));
      id = ex.parents.get(id) ?? 0;
    }
  }
  let best = 0;
  let bestScore = 0;
  for (const [id, s] of scores) if (s > bestScore) { best = id; bestScore = s; }
  return best;
}

function within(ex: HtmlExtract, id: number, ancestor: number): boolean {
  for (let cur = id; cur; cur = ex.parents.get(cur) ?? 0) if (cur === ancestor) return true;
  return false;
}

export function readHtmlPage(html: string, locationUrl?: string): ArticleDraft {
  const probe = extractHtml(html, { fullPage: true });
  const meta = probe.meta;
  const url = meta.get('canonical') ?? meta.get('og:url') ?? locationUrl;
  const siteName = meta.get('og:site_name') ?? meta.get('application-name');
  const outlet = resolveOutlet({ name: siteName, domain: hostOf(url) });
  const rules = outletRules(outlet.id);
  const ex = rules.dropSelectors ? extractHtml(html, { fullPage: true, dropSelectors: rules.dropSelectors }) : probe;
  const best = mainContainer(ex);
  const h1 = ex.blocks.find((b) => b.heading === 1)?.text;
  let title = meta.get('og:title') ?? h1 ?? meta.get('title') ?? '';
  if (siteName) title = title.replace(new RegExp(`\\s*[-|｜_–—]\\s*${escapeRe(siteName)}\\s*$`), '');
  const kept = { ...ex, blocks: best ? ex.blocks.filter((b) => within(ex, b.container, best)) : ex.blocks };
  const body = cleanBody(kept, title, rules);
  return buildDraft({
    title,
    authors: meta.get('author') ? [meta.get('author')!] : [],
    outlet: { name: siteName, domain: hostOf(url) },
    published: meta.get('article:published_time') ?? meta.get('pubdate') ?? meta.get('publishdate') ?? meta.get('date') ?? meta.get('time'),
    updated: meta.get('article:modified_time') ?? meta.get('lastmod'),
    urls: [url],
    tags: (meta.get('keywords') ?? meta.get('news_keywords') ?? '').split(/[,，、]/).map((s) => s.trim()).filter(Boolean),
    body,
  });
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
