// What a comparison needs of one article's text, worked out once per article: its sentences
// as claim units (claims, coverage, wire share), its quotes with their speakers, the names it
// uses and the words distinctive-word scoring counts. Jieba tags the title and each paragraph
// once; sentences, clauses and quotations are cut from those pieces (Segmenter.within). The
// result depends on the article's id, outlet and text and on the segmenter and alias table
// only, so it is remembered per article (a count-bounded LRU per segmenter and alias table):
// an event that gains one article is compared again with only that article's text cut, while
// the process remembers the others. What the segmenter decided of a text (its cut: TextCut)
// is also kept in the store between runs (encodeText/decodeText; stored-texts.ts), and the
// text made from a cut read back is the text made from a fresh one (textFromCut serves both).
import { createHash } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Article } from '../article.js';
import type { AliasTable } from '../text/aliases.js';
import type { Segmenter } from '../text/segment.js';
import { splitSentences } from '../text/sentences.js';
import { claimUnit, cutUnit, unitFromCut, type ClaimUnit, type NamedPerson, type UnitContext, type UnitCut } from './claims.js';
import { entityMentions, outletWords, type EntityMention } from './outlet-words.js';
import { articlePeople, findQuotations, type Quoted } from './quotes.js';
import { normalizeText } from '../text/normalize.js';

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
  const people = namedPeople(a, ctx);
  let n = 0;
  for (const p of a.paragraphs) for (const s of splitSentences(p)) units.push(claimUnit(a.id, a.outlet.id, n++, s.text, ctx, people));
  return units;
}

/** the people among an article's names, each written form once */
function namedPeople(a: Article, ctx: UnitContext): NamedPerson[] {
  const out: NamedPerson[] = [];
  for (const text of articlePeople(a, ctx)) {
    const norm = normalizeText(text);
    // (a word the article's name reading took for a person, which the dictionary knows as something else, is none: 白宫, 严正)
    if (ctx.segmenter.entityKind({ text, norm, start: 0, end: text.length, tag: 'nr' }) === 'person') out.push({ text, key: ctx.aliases.canonical(norm) });
  }
  return out;
}

/**
 * What the segmenter decides of an article's text, and nothing else (the rest of an
 * ArticleText is made from it: textFromCut): what stored-texts.ts keeps per article, so
 * that a later run reads it instead of cutting the text again.
 */
export interface TextCut {
  /** each sentence's text and cut, in order */
  units: Array<{ text: string; cut: UnitCut }>;
  quotes: Array<{ speaker: string | null; n: number; at: number; text: string; cut: UnitCut }>;
  entities: EntityMention[];
  words: string[];
}

export function cutText(a: Article, ctx: UnitContext): TextCut {
  // the title and each paragraph tagged once; their sentences, clauses and quotations cut from those pieces
  const once: UnitContext = { segmenter: ctx.segmenter.within([a.title, ...a.paragraphs]), aliases: ctx.aliases };
  const units: TextCut['units'] = [];
  const entities = entityMentions(a, once);
  const people = namedPeople(a, once);
  for (const p of a.paragraphs) for (const s of splitSentences(p)) units.push({ text: s.text, cut: cutUnit(s.text, once, people) });
  return {
    units,
    quotes: findQuotations([a], once).map((q) => ({ speaker: q.speaker, n: q.n, at: q.at, text: q.text, cut: cutUnit(q.text, once, people) })),
    entities,
    words: outletWords(a, once),
  };
}

/** An article's text from its cut: the same ArticleText, whether the cut was made now or read back. */
export function textFromCut(a: Article, cut: TextCut): ArticleText {
  return {
    units: cut.units.map((u, n) => unitFromCut(a.id, a.outlet.id, n, u.text, u.cut)),
    quotes: cut.quotes.map((q) => ({ found: { speaker: q.speaker, article: a, n: q.n, at: q.at, text: q.text }, unit: unitFromCut(a.id, a.outlet.id, q.n, q.text, q.cut) })),
    entities: cut.entities,
    words: cut.words,
  };
}

// The stored form of a cut: word lists joined by spaces (a content word has none: claims.ts
// WORD, outletWords), JSON, deflated. One sentence: [text, words, denied words, clauses…]
// where each clause is its number of parts and its words, then the folded normal form where
// there is one, then the people it names (an array) where it names any; a quote: [speaker, n,
// at, text, words, denied, clauses…, folded?, people?]; a name:
// [text, kind, key] (no key when it is the text).
const KINDS: ReadonlyArray<EntityMention['kind']> = ['person', 'place', 'organisation'];
type PackedCut = [string, string, ...Array<number | string | string[]>];
interface Packed { u: Array<[string, ...PackedCut]>; q: Array<[string | null, number, number, string, ...PackedCut]>; e: Array<[string, number, string?]>; w: string }

const joined = (words: readonly string[]): string => {
  for (const w of words) if (!w || w.includes(' ')) throw new Error(`a word that cannot be stored: ${JSON.stringify(w)}`);
  return words.join(' ');
};
const split = (s: string): string[] => (s ? s.split(' ') : []);
const packCut = (c: UnitCut): PackedCut =>
  [joined(c.words), joined(c.negated), ...c.clauses.flatMap((x) => [x.parts, joined(x.words)]), ...(c.folded === undefined ? [] : [c.folded]), ...(c.persons ? [c.persons] : [])];
function unpackCut(p: ReadonlyArray<number | string | string[] | null>, from: number): UnitCut {
  const clauses: UnitCut['clauses'] = [];
  let i = from + 2;
  for (; typeof p[i] === 'number'; i += 2) clauses.push({ parts: p[i] as number, words: split(p[i + 1] as string) });
  const cut: UnitCut = { words: split(p[from] as string), clauses, negated: split(p[from + 1] as string) };
  if (typeof p[i] === 'string') cut.folded = p[i++] as string;
  if (Array.isArray(p[i])) cut.persons = p[i] as string[];
  return cut;
}

/** An article's cut as stored (deflated JSON); throws on a word that holds a space. */
export function encodeText(cut: TextCut): Uint8Array {
  const packed: Packed = {
    u: cut.units.map((u) => [u.text, ...packCut(u.cut)]),
    q: cut.quotes.map((q) => [q.speaker, q.n, q.at, q.text, ...packCut(q.cut)]),
    e: cut.entities.map((e) => (e.key === e.text ? [e.text, KINDS.indexOf(e.kind)] : [e.text, KINDS.indexOf(e.kind), e.key])),
    w: joined(cut.words),
  };
  return deflateRawSync(JSON.stringify(packed));
}

export function decodeText(data: Uint8Array): TextCut {
  const p = JSON.parse(inflateRawSync(data).toString('utf8')) as Packed;
  return {
    units: p.u.map((u) => ({ text: u[0], cut: unpackCut(u, 1) })),
    quotes: p.q.map((q) => ({ speaker: q[0], n: q[1], at: q[2], text: q[3], cut: unpackCut(q, 4) })),
    entities: p.e.map(([text, kind, key]) => ({ key: key ?? text, kind: KINDS[kind]!, text })),
    words: split(p.w),
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
  has(key: string): boolean { return this.map.has(key); }
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
export function textKey(a: Article): string {
  const h = createHash('sha1');
  h.update(a.id).update('\0').update(a.outlet.id).update('\0').update(a.title);
  for (const p of a.paragraphs) h.update('\0').update(p);
  return h.digest('base64');
}

/** where the cut of an article not remembered comes from (stored-texts.ts: the store), and where a new cut goes */
export interface TextSource {
  /** a cut kept of this very text, or undefined */
  stored(a: Article): TextCut | undefined;
  /** a cut just made */
  cut(a: Article, c: TextCut): void;
}

function lruOf(ctx: UnitContext): Lru {
  const bySeg = remembered.get(ctx.segmenter) ?? remembered.set(ctx.segmenter, new WeakMap()).get(ctx.segmenter)!;
  let mine = bySeg.get(ctx.aliases);
  if (mine?.size !== ctx.aliases.size()) bySeg.set(ctx.aliases, (mine = { size: ctx.aliases.size(), lru: new Lru(REMEMBERED_ARTICLES) }));
  return mine.lru;
}

/** whether this process remembers the article's text (its cut would not be read or made) */
export function isRemembered(a: Article, ctx: UnitContext): boolean {
  return lruOf(ctx).has(textKey(a));
}

/** An article's text as a comparison reads it, remembered per segmenter and alias table; read from `source` or cut when not remembered. */
export function articleText(a: Article, ctx: UnitContext, source?: TextSource): ArticleText {
  const lru = lruOf(ctx);
  const key = textKey(a);
  let t = lru.get(key);
  if (!t) {
    let cut = source?.stored(a);
    if (!cut) { cut = cutText(a, ctx); source?.cut(a, cut); }
    lru.set(key, (t = textFromCut(a, cut)));
  }
  // a quote points at the article object of this comparison, not of the one that cut it
  return t.quotes.every((q) => q.found.article === a) ? t : { ...t, quotes: t.quotes.map((q) => ({ found: { ...q.found, article: a }, unit: q.unit })) };
}
