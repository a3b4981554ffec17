// Search over a store: parse the query, read each term as people type it (an unspaced
// run of several words is cut into words), expand terms and words into their regional
// variants and index forms, ask the store, collapse copies of one text into one hit, and
// cut highlighted snippets. The result says how the query was read.
import type { Article, OutletRef } from '../article.js';
import { SEARCH_CAP, type Store } from '../store/store.js';
import type { AliasTable } from '../text/aliases.js';
import { normalizeText } from '../text/normalize.js';
import type { Segmenter } from '../text/segment.js';
import { relaxedEdges, termForm, type TermForm } from './index-doc.js';
import { collapseFamilies, familiesOf } from './families.js';
import { parseQuery, QueryError, type Query } from './query.js';
import { makeSnippet } from './snippet.js';

export interface SearchOptions {
  limit?: number;
  offset?: number;
  sort?: 'relevance' | 'date';
  /** one hit per family of copies (default); false lists every copy */
  collapse?: boolean;
  /** matches counted and ranked (default SEARCH_CAP; tests and benchmarks set it, the API does not) */
  cap?: number;
}

export interface SearchHit {
  id: string;
  title: string;
  outlet: Article['outlet'];
  published: Article['published'];
  score: number;
  /** HTML: the article's own text, escaped, with <mark> around the matches */
  snippet: string;
  /** other articles of the same text (copies and reprints lineage links), best first */
  copies?: Array<{ id: string; outlet: string; title: string }>;
}

/** How one term of the query was read. */
export interface TermReading {
  text: string;
  phrase: boolean;
  negated: boolean;
  /** the words an unspaced term was read as (each must match; near each other ranks higher) */
  words?: string[];
  /** variants matched besides the term as typed */
  variants: string[];
  /** variants with another sense too: matched only when asked for with variant:X */
  optional: string[];
  /** variants left out with -variant:X */
  off: string[];
  /** forms matched only as whole words (的士, not in 的士兵) */
  wholeWord: string[];
}

export interface QueryReading {
  terms: TermReading[];
  outlets: string[];
  tags: string[];
  since?: string;
  until?: string;
}

export interface SearchResult {
  /** the matching articles (copies included), exact unless `capped` */
  total: number;
  /** more than `total` match: only the first `total` are ranked and can be paged through (shown "1,000+") */
  capped: boolean;
  hits: SearchHit[];
  tookMs: number;
  reading: QueryReading;
  /** the offset of the next page (hits folded into a family are skipped over) */
  nextOffset: number;
}

export interface TextContext { segmenter: Segmenter; aliases: AliasTable }

const WORD = /^[\p{L}\p{N}]+$/u;
/** the shortest unspaced term read as several words (香港立法会选举, not 社群媒体) */
const MIN_WORDS_TERM = 5;
/** a word of one Chinese character (同, 的) is too common to require: it counts in the phrase tier only */
const LONE = /^[^\p{Script=Latin}\p{N}]$/u;

/**
 * The words of an unspaced term: known variant forms first (so 视频会晤 stays one word and
 * brings 视像会晤), the rest cut by the segmenter.
 */
export function termWords(norm: string, ctx: TextContext): string[] {
  const out: string[] = [];
  let rest = '';
  const flush = (): void => {
    if (rest) out.push(...ctx.segmenter.words(rest, 'normal').filter((w) => WORD.test(w)).flatMap((w) => splitCompound(w, ctx.segmenter)));
    rest = '';
  };
  for (let i = 0; i < norm.length; ) {
    const len = ctx.aliases.formLengthAt(norm, i);
    if (len >= 2) { flush(); out.push(norm.slice(i, i + len)); i += len; } else rest += norm[i++];
  }
  flush();
  return out;
}

/**
 * A long word the segmenter keeps whole (立法会选举) as the known words it is made of
 * (立法会 选举): an article writing 立法会 … 选举 apart is found too, the whole ranks first.
 */
function splitCompound(word: string, seg: Segmenter): string[] {
  if (word.length < 4 || !/^\p{Script=Han}+$/u.test(word)) return [word];
  let best: [string, string] | undefined;
  for (let cut = 2; cut <= word.length - 2; cut++) {
    const left = word.slice(0, cut);
    const right = word.slice(cut);
    if (!seg.knows(left) || !seg.knows(right)) continue;
    // the most even cut: 立法会|选举 rather than a two-character head of a long tail
    if (!best || Math.abs(left.length - right.length) < Math.abs(best[0].length - best[1].length)) best = [left, right];
  }
  return best ? best.flatMap((w) => splitCompound(w, seg)) : [word];
}

/** outlet:X names an outlet by id or by any of its names, in either script */
function resolveOutlets(values: readonly string[], outlets: readonly OutletRef[]): string[] {
  const key = (s: string): string => normalizeText(s).replace(/\s+/g, '');
  const byKey = new Map<string, string>();
  for (const o of outlets) for (const n of [o.id, o.name, o.names.hans, o.names.hant, o.names.en]) if (n) byKey.set(key(n), o.id);
  const unknown: string[] = [];
  const ids = values.map((v) => byKey.get(key(v)) ?? (unknown.push(v), ''));
  if (unknown.length) {
    const known = outlets.map((o) => o.id).sort();
    const list = `${known.slice(0, 40).join(', ')}${known.length > 40 ? ', …' : ''}`;
    throw new QueryError('outlet-unknown', { outlets: unknown.join(', '), known: list }, `no outlet ${unknown.join(', ')} in this archive (outlets: ${list})`);
  }
  return [...new Set(ids)];
}

/** The query's terms in every form the index holds, and how each was read. */
export function readQuery(query: Query, ctx: TextContext): { forms: TermForm[][]; words: Array<TermForm[][] | undefined>; reading: TermReading[] } {
  const on = new Set(query.variantsOn.map((v) => normalizeText(v)));
  const off = new Set(query.variantsOff.map((v) => (v === '*' ? v : normalizeText(v))));
  const forms: TermForm[][] = [];
  const words: Array<TermForm[][] | undefined> = [];
  const reading: TermReading[] = [];
  for (const t of query.terms) {
    const norm = normalizeText(t.text.replace(/\s+/g, ' '));
    const r: TermReading = { text: t.text, phrase: t.phrase, negated: t.negated, variants: [], optional: [], off: [], wholeWord: [] };
    const formOf = (v: string): TermForm => {
      const whole = !t.phrase && ctx.aliases.isWordOnly(v);
      if (whole && !r.wholeWord.includes(v)) r.wholeWord.push(v);
      return termForm(v, ctx.segmenter, whole);
    };
    const note = (typed: string, e: { forms: string[]; optional: string[]; off: string[] }): void => {
      for (const v of e.forms) if (v !== typed && !r.variants.includes(v)) r.variants.push(v);
      for (const v of e.optional) if (!r.optional.includes(v)) r.optional.push(v);
      for (const v of e.off) if (!r.off.includes(v)) r.off.push(v);
    };
    if (t.phrase) {
      // a "quoted phrase" is exact (in either script)
      forms.push([formOf(norm)]);
      words.push(undefined);
    } else {
      const e = ctx.aliases.expand(norm, { on, off });
      note(norm, e);
      const whole = e.forms.map(formOf);
      // pasted text may start or end inside a longer run of the article's text
      const relaxed = t.negated ? undefined : relaxedEdges(whole[0]!);
      forms.push(relaxed ? [...whole, relaxed] : whole);
      // a term of four characters or fewer is one word to its writer (社群媒体, 智能手机): its parts anywhere are not it
      const ws = t.negated || /\s/.test(norm) || [...norm].length < MIN_WORDS_TERM ? [] : termWords(norm, ctx).filter((w) => !LONE.test(w));
      if (ws.length >= 2) {
        r.words = ws;
        // the words' variants say it all: the whole term's are their combinations
        r.variants = [];
        r.optional = [];
        words.push(ws.map((w) => {
          const we = ctx.aliases.expand(w, { on, off });
          note(w, we);
          return we.forms.map(formOf);
        }));
      } else words.push(undefined);
    }
    reading.push(r);
  }
  return { forms, words, reading };
}

export async function searchArchive(store: Store, input: string, opts: SearchOptions, ctx: TextContext): Promise<SearchResult> {
  const started = performance.now();
  const query = parseQuery(input);
  // outlet:nosuch would quietly find nothing: name the outlets there are instead
  if (query.outlets.length) query.outlets = resolveOutlets(query.outlets, await store.outlets());
  const { forms, words, reading } = readQuery(query, ctx);
  const limit = Math.min(Math.max(opts.limit ?? 20, 1), 200);
  const offset = opts.offset ?? 0;
  const cap = opts.cap ?? SEARCH_CAP;
  if (offset >= cap) {
    throw new QueryError('offset-past-cap', { max: cap }, `results past the first ${cap.toLocaleString('en')} are not listed: narrow the query (a "phrase", outlet:, since:, until:)`);
  }
  const collapse = opts.collapse !== false;
  const ask = (n: number, at: number): ReturnType<Store['search']> => store.search({ query, forms, words, sort: opts.sort ?? 'relevance', limit: n, offset: at, cap });
  const first = await ask(limit, offset);
  const { total, capped } = first;
  const hits = [...first.hits];
  let families = { keep: hits.map((_, i) => ({ index: i, copies: [] as NonNullable<SearchHit['copies']> })), consumed: hits.length };
  if (collapse) {
    // a later page leaves out the families an earlier one showed (up to 200 hits back)
    const shown = offset > 0 && offset <= 200 ? await familiesOf(store, (await ask(offset, 0)).hits.map((h) => h.article.id)) : new Set<string>();
    // copies folded into one hit leave room on the page: fetch more, a few rounds at most
    for (let round = 0; ; round++) {
      families = await collapseFamilies(store, hits.map((h) => h.article), limit, shown);
      const short = limit - families.keep.length;
      if (short <= 0 || round === 3 || offset + hits.length >= total) break;
      const more = await ask(Math.min(200, short * 2), offset + hits.length);
      if (more.hits.length === 0) break;
      hits.push(...more.hits);
    }
  }
  const needles = query.terms.flatMap((t, i) => (t.negated ? [] : [...forms[i]!, ...(words[i] ?? []).flat()].map((f) => f.norm.replace(/\s+/g, ''))));
  return {
    total,
    capped,
    hits: families.keep.map(({ index, copies }) => {
      const { article: a, score } = hits[index]!;
      return {
        id: a.id, title: a.title, outlet: a.outlet, published: a.published, score, snippet: makeSnippet(a, needles),
        ...(copies.length ? { copies } : {}),
      };
    }),
    tookMs: Math.round((performance.now() - started) * 10) / 10,
    reading: { terms: reading, outlets: query.outlets, tags: query.tags, ...(query.since ? { since: query.since } : {}), ...(query.until ? { until: query.until } : {}) },
    nextOffset: offset + families.consumed,
  };
}
