// What grouping compares: an article as a weighted bag of content words in the normal
// form, regional variants folded into one (普京/普丁/蒲亭 count as one word).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Article } from '../article.js';
import type { AliasTable } from '../text/aliases.js';
import { normalizeText } from '../text/normalize.js';
import { WordTable } from '../text/word-table.js';
import { anchorsOf, isApproximate, type AnchorKind } from './anchors.js';
import type { Segmenter } from '../text/segment.js';

export type Vector = Map<string, number>;

/** Common words that say nothing about which event an article is about. */
export const STOP = new Set(Array.from(
  '的 了 在 是 和 与 及 或 也 都 而 但 并 被 把 对 为 以 于 从 向 将 就 又 还 更 很 最 等 这 那 其 此 之 个 有 没有 没 不 无 要 会 能 可 可以 已 已经 曾 正 在于 表示 指出 强调 认为 称 说 提到 相关 方面 问题 工作 进行 今天 今日 昨天 昨日 明天 目前 当天 日前 记者 报道 报导 新闻 消息 一个 一些 我们 他们 她们 你们 自己 以及 因为 所以 如果 由于 通过 根据 对于 关于 其中 今年 去年 明年 本周 上周 下周 年 月 日 时 分 人 事 中 上 下 后 前 内 外 多 大 小 新 第 次 名 位 条 家 周 期 号 点 万 亿 元'.split(' '),
));

const WORD = /^[\p{L}\p{N}]{2,}$/u;
/** a mark analysis stores before an article's words (#alone, series.ts's #o: #d: #t: #n:): defined with the stored row */
export { isMark } from '../store/store.js';

export function articleWords(a: Article, seg: Segmenter, aliases: AliasTable, maxParagraphs = 8): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (text: string, weight: number): void => {
    for (const word of seg.words(text, 'normal')) {
      const w = aliases.canonical(word);
      if (!WORD.test(w) || STOP.has(w) || /^\d+$/.test(w)) continue;
      counts.set(w, (counts.get(w) ?? 0) + weight);
    }
  };
  add(a.title, 3);
  for (const p of a.paragraphs.slice(0, maxParagraphs)) add(p, 1);
  return counts;
}

/** paragraphs after the title whose names are marks: the lead, where a report says who and where */
const LEAD_PARAGRAPHS = 3;
/** anchors that are dates or times say when, not what happened */
const WHEN: ReadonlySet<AnchorKind> = new Set(['year', 'month', 'day', 'hour']);

/**
 * An article's *marks*: the names of people, places and organisations its title and lead
 * name (`@普京`), and the figures it gives with their unit (`#count:89`, a vote count, a toll:
 * the anchors claims compare; a date, a time or a year is none). `evidenceOf` keeps the telling ones: what says two articles
 * tell one happening beyond topic. Used by the grouping's evidence rule, an experiment that is
 * off (eval/tune-evidence.ts; docs/evaluation.md, sixth session): analysis does not compute them.
 */
export function articleMarks(a: Article, seg: Segmenter, aliases: AliasTable, maxParagraphs = 8): Set<string> {
  const out = new Set<string>();
  for (const text of [a.title, ...a.paragraphs.slice(0, LEAD_PARAGRAPHS)]) {
    for (const t of seg.tag(text)) if (seg.entityKind(t)) out.add('@' + aliases.canonical(t.norm));
  }
  // the figures with their unit, as claims read them (anchors.ts); a bare number is none
  for (const text of [a.title, ...a.paragraphs.slice(0, maxParagraphs)]) {
    for (const an of anchorsOf(normalizeText(text))) if (!WHEN.has(an.kind) && !isApproximate(an)) out.add(`#${an.kind}:${an.value}`);
  }
  return out;
}

/** names rarer than this in the general corpus are specific (邓炳强, not 香港); a new name is UNKNOWN_IDF */
export const SPECIFIC_IDF = 8;

/**
 * An article's evidence of its happening: its marks that name something specific (a name
 * rare in the general corpus and in the archive) and its figures. Two articles that share
 * none are on one topic at most.
 */
export function evidenceOf(marks: Iterable<string>, idf: (w: string) => number, minIdf = SPECIFIC_IDF): Set<string> {
  const out = new Set<string>();
  for (const w of marks) {
    if (w[0] === '#') out.add(w);
    else if (w[0] === '@' && idf(w.slice(1)) >= minIdf) out.add(w);
  }
  return out;
}

/** a word's weight in a table of them: undefined for a word it does not hold */
export interface WordWeights { get(word: string): number | undefined }

let background: WordWeights | undefined;

/** jieba's IDF table (idf.txt, from a large general corpus): what a word says in general. */
export function backgroundIdf(): WordWeights {
  if (!background) {
    const dir = dirname(createRequire(import.meta.url).resolve('@node-rs/jieba/package.json'));
    // read where it lies (word-table.ts)
    const table = new WordTable(readFileSync(join(dir, 'idf.txt')));
    background = { get: (word) => table.number(word) };
  }
  return background;
}

/** a word the general corpus does not know (a new name, a new term) is as telling as a rare one */
export const UNKNOWN_IDF = 11;

/**
 * ...unless the archive knows it well: in a sizeable archive a new word weighs NEW_WORD_BASE +
 * ln(n / df), the general corpus's scale for a word that common (its known words weigh about 5
 * more than their rarity in a news archive: 香港 5.8 at 17 %, 普京 8.9 at 2.4 %), never more than
 * UNKNOWN_IDF. 新冠肺炎 in 15 % of a week's news and 奥密克戎 in 10 % are topic words, not the
 * telling names they weighed as (11), which joined every Omicron report of a day in one event
 * (swept on the tuning halves of both labelled windows: docs/evaluation.md, nineteenth session).
 */
export const NEW_WORD_BASE = 6;

/**
 * Word weights: the general-corpus IDF, so that a small archive where every article
 * names 普京 still weighs 普京 as the telling word it is; words in more than a third
 * of a sizeable archive (an outlet's boilerplate, the archive's own topic) are damped.
 */
export function idfTable(docs: Iterable<Map<string, number>>): (w: string) => number {
  const { n, df } = documentFrequencies(docs);
  return idfFrom(df, n);
}

export function documentFrequencies(docs: Iterable<ReadonlyMap<string, number> | ReadonlyArray<readonly [string, number]>>): { n: number; df: Map<string, number> } {
  const df = new Map<string, number>();
  let n = 0;
  for (const d of docs) { n++; for (const [w] of d) df.set(w, (df.get(w) ?? 0) + 1); }
  return { n, df };
}

/** the weights of `idfTable` from stored document frequencies over `n` articles */
export function idfFrom(df: ReadonlyMap<string, number>, n: number, newWordBase = NEW_WORD_BASE): (w: string) => number {
  const bg = backgroundIdf();
  // remembered per word: a replay weighs ~150 words of each of thousands of articles, mostly
  // the same few thousand words, and a look-up in the 270,000-word table costs more than one here
  const known = new Map<string, number>();
  return (w) => {
    let x = known.get(w);
    if (x === undefined) {
      const base = bg.get(w) ?? (n >= 50 ? Math.min(UNKNOWN_IDF, newWordBase + Math.log(n / Math.max(1, df.get(w) ?? 0))) : UNKNOWN_IDF);
      known.set(w, (x = n >= 50 && (df.get(w) ?? 0) > n / 3 ? base * 0.3 : base));
    }
    return x;
  };
}

/** TF-IDF with sublinear tf, L2-normalised, keeping the `keep` heaviest terms. */
export function tfidf(counts: Iterable<readonly [string, number]>, idf: (w: string) => number, keep = 60): Vector {
  const weighted = [...counts].map(([w, c]) => [w, (1 + Math.log(c)) * idf(w)] as const).sort((a, b) => b[1] - a[1]).slice(0, keep);
  const norm = Math.sqrt(weighted.reduce((s, [, v]) => s + v * v, 0)) || 1;
  return new Map(weighted.map(([w, v]) => [w, v / norm]));
}

export function cosine(a: Vector, b: Vector): number {
  const [small, big] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [w, v] of small) { const u = big.get(w); if (u) dot += u * v; }
  return dot;
}

