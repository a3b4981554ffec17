// What a comparison needs of one article's text, worked out once per article: its sentences
// as claim units (claims, coverage, wire share), its quotes with their speakers, the names it
// uses and the words distinctive-word scoring counts. Quotes and names read the same tags of
// the article's paragraphs, cut once. The result depends on the article's id, outlet and
// text and on the segmenter and alias table only, so it is remembered per article (a count-
// bounded LRU per segmenter and alias table): an event that gains one article is compared
// again with only that article's text cut, while the process remembers the others.
import { createHash } from 'node:crypto';
import type { Article } from '../article.js';
import type { AliasTable } from '../text/aliases.js';
import type { Segmenter, Token } from '../text/segment.js';
import { splitSentences } from '../text/sentences.js';
import { claimUnit, type ClaimUnit, type UnitContext } from './claims.js';
import { entityMentions, outletWords, type EntityMention } from './outlet-words.js';
import { findQuotations, type Quoted } from './quotes.js';

export interface ArticleText {
  /** its sentences as claim units, in order (`n` counts them across paragraphs) */
  units: ClaimUnit[];
  /** its quotations, each with its speaker (null where the article names none) and its claim unit (for aligning quotes across outlets) */
  quotes: Array<{ found: Quoted; unit: ClaimUnit }>;
  /** the names it uses, in text order */
  entities: EntityMention[];
  /** the words distinctive-word scoring counts, in text order (repeats kept) */
  words: string[];
}

/** The sentences of an article as claim units, in order: the one place an article's sentences become units. */
export function sentenceUnits(a: Article, ctx: UnitContext): ClaimUnit[] {
  const units: ClaimUnit[] = [];
  let n = 0;
  for (const p of a.paragraphs) for (const s of splitSentences(p)) units.push(claimUnit(a.id, a.outlet.id, n++, s.text, ctx));
  return units;
}

/** A view of `seg` that tags each text once (quotes and names tag the same paragraphs). */
function taggingOnce(seg: Segmenter): Segmenter {
  const tags = new Map<string, Token[]>();
  const view = Object.create(seg) as Segmenter;
  view.tag = (text: string): Token[] => {
    let t = tags.get(text);
    if (!t) tags.set(text, (t = seg.tag(text)));
    return t;
  };
  return view;
}

function computeText(a: Article, ctx: UnitContext): ArticleText {
  const once: UnitContext = { segmenter: taggingOnce(ctx.segmenter), aliases: ctx.aliases };
  return {
    units: sentenceUnits(a, ctx),
    quotes: findQuotations([a], once).map((found) => ({ found, unit: claimUnit(a.id, a.outlet.id, found.n, found.text, ctx) })),
    entities: entityMentions(a, once),
    words: outletWords(a, ctx),
  };
}

/**
 * how many articles' texts each segmenter and alias table keep: a 150-article event. One
 * remembered article holds ~134 KB of heap (600 of the hkcnews-10k archive's latest, 1,224
 * characters on average: 78.5 MB), so 200 hold ~27 MB — serve's analysis thread is
 * recycled past 256 MB of heap (background.ts).
 */
export const REMEMBERED_ARTICLES = 200;

class Lru {
  private readonly map = new Map<string, ArticleText>();
  constructor(private readonly limit: number) {}
  get(key: string): ArticleText | undefined {
    const v = this.map.get(key);
    if (v) { this.map.delete(key); this.map.set(key, v); }
    return v;
  }
  set(key: string, v: ArticleText): void {
    this.map.set(key, v);
    if (this.map.size > this.limit) this.map.delete(this.map.keys().next().value!);
  }
}

/** per segmenter and alias table (and the table's size: a group added later folds differently) */
const remembered = new WeakMap<Segmenter, WeakMap<AliasTable, { size: number; lru: Lru }>>();

/** what the text an article's comparison reads is: its id, outlet, title and paragraphs */
function textKey(a: Article): string {
  const h = createHash('sha1');
  h.update(a.id).update('\0').update(a.outlet.id).update('\0').update(a.title);
  for (const p of a.paragraphs) h.update('\0').update(p);
  return h.digest('base64');
}

/** An article's text as a comparison reads it, remembered per segmenter and alias table. */
export function articleText(a: Article, ctx: UnitContext): ArticleText {
  const bySeg = remembered.get(ctx.segmenter) ?? remembered.set(ctx.segmenter, new WeakMap()).get(ctx.segmenter)!;
  let mine = bySeg.get(ctx.aliases);
  if (mine?.size !== ctx.aliases.size()) bySeg.set(ctx.aliases, (mine = { size: ctx.aliases.size(), lru: new Lru(REMEMBERED_ARTICLES) }));
  const lru = mine.lru;
  const key = textKey(a);
  let t = lru.get(key);
  if (!t) lru.set(key, (t = computeText(a, ctx)));
  // a quote points at the article object of this comparison, not of the one that cut it
  return t.quotes.every((q) => q.found.article === a) ? t : { ...t, quotes: t.quotes.map((q) => ({ found: { ...q.found, article: a }, unit: q.unit })) };
}
