// Word segmentation: @node-rs/jieba (HMM on) over the Simplified normal form, with the
// curated news lexicon and the archive's own discovered words loaded on top, then
// refined (numbers, measure words, compounds: see refine). Traditional text is cut
// through its normal form and the boundaries map back one to one onto the original.
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { codeUnitsOf, codeUnitTable, normalizeText, segmentationForm } from './normalize.js';
import { WordTable } from './word-table.js';

/** A word with its part of speech (tag), where it is in the text, and its segmentation form. */
export interface Token {
  /** the word as written in the original */
  text: string;
  norm: string;
  start: number;
  end: number;
  /** part of speech: nr person, ns place, nt organisation… */
  tag: string;
}

export const CORE_LEXICON = fileURLToPath(new URL('./data/lexicon-core.txt', import.meta.url));
/** frequency given to lexicon words that name none: enough to win over a split into common words */
const DEFAULT_FREQ = 20000;

export interface LexiconEntry { word: string; freq: number; tag: string }

/** Read a lexicon file: `word [freq] [tag]` per line, `#` comments. */
export function readLexicon(path: string): LexiconEntry[] {
  const out: LexiconEntry[] = [];
  for (const raw of readFileSync(path, 'utf8').split('\n')) {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) continue;
    const [word, a, b] = line.split(/\s+/);
    const freq = a && /^\d+$/.test(a) ? Number(a) : DEFAULT_FREQ;
    const tag = (a && !/^\d+$/.test(a) ? a : b) ?? 'n';
    if (word) out.push({ word: normalizeText(word), freq, tag });
  }
  return out;
}

/** Chinese and Arabic numerals: the pieces of a number */
const NUMERIC = /^[0-9.零〇○一二两三四五六七八九十百千万亿]+$/;
/** the code units a number (or a joined range like 2020-21) can start a merge with */
const NUMBER_START = codeUnitsOf('0123456789.零〇○一二两三四五六七八九十百千万亿-');
const HAS_DIGIT = /[0-9〇○]/;
/** units a number takes into its own word: 2013年, 十二月, 15日, 37%, 30万 */
const NUMBER_UNITS = new Set(['年', '月', '日', '号', '%', '万', '亿']);
/** a measure word after one numeral is its own word: 一 个, 两 年, 五 名 (jieba joins them) */
const CLASSIFIERS = codeUnitsOf('个年位次条名种项件家座所天把张只台部本群批份场届周月日时分秒岁元亿万吨米里倍例宗架艘辆间层级句段篇首支根颗片块股门类轮期站声步笔');
const SINGLE_NUMERALS = codeUnitsOf('一二两三四五六七八九十几');
/** what String.prototype.trim removes */
const SPACE = codeUnitsOf('\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff');

/**
 * The words of one text as parallel arrays (no object per word: a cut makes thousands,
 * and most callers want the strings only): each word in the segmentation form the text was
 * cut in (`form`), and its offsets, which are the same in the original.
 */
interface Cut { form: string; norms: string[]; starts: number[]; ends: number[] }

/**
 * Refinements on jieba's output that make it follow news segmentation standards:
 * numbers are words with their date/percent units, a lone numeral and its measure
 * word are two words, and a long dictionary compound made of two much more frequent
 * words is cut into them (信息技术 → 信息 技术; idioms whose halves are not words stay).
 * Pieces arrive in order; each is split as needed and then joined to a number before it.
 */
class Refiner implements Cut {
  readonly norms: string[] = [];
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  /** `form`: the text the pieces come from (the segmentation form) */
  constructor(readonly form: string, private readonly compound: (w: string) => string[] | null) {}

  /** one jieba piece, `w` = norm[start, end) */
  piece(w: string, start: number, end: number): void {
    const len = end - start;
    if (len === 2 && SINGLE_NUMERALS[w.charCodeAt(0)] && CLASSIFIERS[w.charCodeAt(1)]) {
      this.number(w[0]!, start, start + 1);
      this.number(w[1]!, start + 1, end);
      return;
    }
    if (len >= 4) {
      const cut = this.compound(w);
      if (cut) { let at = start; for (const part of cut) { this.number(part, at, at + part.length); at += part.length; } return; }
    }
    this.number(w, start, end);
  }

  private push(w: string, start: number, end: number): void {
    this.norms.push(w);
    this.starts.push(start);
    this.ends.push(end);
  }

  /** move the end of the last word (a number joined with what follows, or cut before its unit) */
  private extendLast(end: number): void {
    const k = this.norms.length - 1;
    this.ends[k] = end;
    this.norms[k] = this.form.slice(this.starts[k], end);
  }

  /** numbers: join numeric pieces, then the unit; 15日电 → 15日 电 */
  private number(w: string, start: number, end: number): void {
    const n = this.norms.length;
    const pw = n ? this.norms[n - 1]! : '';
    // most words follow no number: one character look-up says so before any test
    if (n && this.ends[n - 1] === start && NUMBER_START[pw.charCodeAt(0)]) {
      if (NUMERIC.test(pw) && (HAS_DIGIT.test(pw) || pw.length > 1 || HAS_DIGIT.test(w))) {
        if (NUMERIC.test(w) && !/^[万亿]/.test(w)) { this.extendLast(end); return; }
        const unit = w[0]!;
        const isYear = unit === '年' && pw.length >= 2;
        if ((isYear || (unit !== '年' && NUMBER_UNITS.has(unit))) && !/[点.]$/.test(pw)) {
          this.extendLast(start + 1);
          if (w.length > 1) this.push(w.slice(1), start + 1, end);
          return;
        }
      }
      const before = n >= 2 ? this.norms[n - 2]! : '';
      if (pw === '-' && /^[0-9]/.test(w) && !NUMERIC.test(before)) { this.extendLast(end); return; }
    }
    this.push(w, start, end);
  }
}

/** Two (or, recursively, more) much more frequent dictionary words that make up `w`, or null. */
function compoundCut(w: string, freq: (w: string) => number): string[] | null {
  const whole = freq(w);
  if (whole <= 0) return null; // not a jieba dictionary word: a name, a lexicon word, an HMM guess
  let best: [string, string] | null = null;
  let bestMin = 0;
  for (let k = 2; k <= w.length - 2; k++) {
    const a = w.slice(0, k);
    const b = w.slice(k);
    const m = Math.min(freq(a), freq(b));
    if (m > bestMin) { bestMin = m; best = [a, b]; }
  }
  if (!best || bestMin < 100 || bestMin < whole * 2) return null;
  return best.flatMap((part) => (part.length >= 4 ? compoundCut(part, freq) ?? [part] : [part]));
}

let jiebaWords: WordTable | undefined;
/** jieba's dictionary (`word freq tag` lines, each word once), read where it lies (word-table.ts) */
function dictionaryWords(): WordTable {
  return (jiebaWords ??= new WordTable(dict));
}

/** the part-of-speech tag jieba's dictionary gives a word, if it has one */
function dictionaryTag(word: string): string | undefined {
  return dictionaryWords().freqAndTag(word)?.tag || undefined;
}

export type EntityKind = 'person' | 'place' | 'organisation';
/** common surnames: a guessed personal name starts with one */
const SURNAMES = new Set(Array.from('王李张張刘劉陈陳杨楊黄黃赵趙吴吳周徐孙孫马馬朱胡郭何林罗羅郑鄭梁谢謝宋唐许許韩韓冯馮邓鄧曹彭曾肖萧蕭田董袁潘于蒋蔣蔡余杜叶葉程苏蘇魏吕呂丁任沈姚卢盧姜崔钟鍾谭譚陆陸汪范金石廖贾賈夏韦韋付方白邹鄒孟熊秦邱江尹薛闫閻段雷侯龙龍史黎贺賀顾顧毛郝龚龔邵万萬钱錢严嚴覃武戴莫孔向汤湯习習李乐樂岑区區麦麥梅温溫翁容伍欧歐葛柯邝鄺阮倪洪骆駱庄莊简簡傅饶饒霍甄聂聶鲍鮑乔喬蓝藍巫赖賴俞鲁魯邢颜顏詹滕'));
/** whether a character opens common Chinese surnames (both scripts): a guessed personal name starts with one */
export const isSurname = (ch: string): boolean => SURNAMES.has(ch);
/** place-tagged words that are relations, not places */
const NOT_ENTITIES = new Set([
  '两国', '大国', '中俄', '中美', '双方', '各国', '本国', '全国', '大关', '两岸', '国际', '全球', '地区', '国内', '海外',
  // common words jieba's dictionary tags as people's names, each starting with a surname (龙卷风/nr)
  '龙卷风', '陆军', '雷达', '洪水', '顾客', '黄金周', '许可', '容纳', '杜绝', '陈述', '陈列', '陈设', '周转', '周密', '周旋',
  '张开', '张贴', '林立', '白领', '王朝', '武功', '武林', '胡同', '白雪', '石英', '温泉', '苏军', '史诗', '谢谢', '马匹',
  '金字塔', '孔雀', '田园', '白云', '黎明', '蓝天', '金黄', '林木', '杨柳', '胡闹', '毛巾', '王子', '孙子', '叶子', '胡子', '严正', '陈情', '陈词',
  '贺信', '贺喜', '向东',
]);
const KINDS: Record<string, EntityKind> = { nr: 'person', nrfg: 'person', nrt: 'person', ns: 'place', nsf: 'place', nt: 'organisation' };

/** Frequencies of jieba's dictionary words that matter to compoundCut (0 for the others). */
function dictionaryFrequency(word: string): number {
  const entry = dictionaryWords().freqAndTag(word);
  // parts worth cutting into are common; wholes are long
  return entry && (word.length >= 4 || entry.freq >= 100) ? entry.freq : 0;
}

export class Segmenter {
  private readonly jieba: Jieba;
  /** words of the loaded lexicons (never cut further) and their tags */
  private readonly lexicon = new Map<string, string>();

  constructor(lexicons: readonly string[] = []) {
    this.jieba = Jieba.withDict(dict);
    const entries = [CORE_LEXICON, ...lexicons].filter((p) => existsSync(p)).flatMap(readLexicon);
    for (const e of entries) this.lexicon.set(e.word, e.tag);
    const loaded = entries.map((e) => `${e.word} ${e.freq} ${e.tag}`).join('\n');
    if (entries.length) this.jieba.loadDict(Buffer.from(loaded));
    this.fingerprint = createHash('sha1').update(loaded).digest('hex');
  }

  /** what the words loaded on top of jieba's dictionary were (a hash): a cut kept by another segmenter is another cut */
  readonly fingerprint: string;

  /** Build the lazily loaded tables now (before timing, or before serving). */
  warm(): this {
    this.words('预热：信息技术');
    dictionaryFrequency('信息');
    return this;
  }

  /** Is `word` (normal form) already a word for the segmenter: in jieba's dictionary or a lexicon? */
  knows(word: string): boolean {
    if (this.lexicon.has(word)) return true;
    const pieces = this.jieba.cut(word, false);
    return pieces.length === 1 && pieces[0] === word;
  }

  /**
   * Whether a tagged token names a person, place or organisation. The curated lexicon
   * decides first, then jieba's dictionary; the tagger's guess is trusted only for words
   * the dictionary does not know (new names), as it also tags common words as names.
   */
  entityKind(t: Token): EntityKind | undefined {
    if (t.norm.length < 2 || NOT_ENTITIES.has(t.norm)) return undefined;
    const curated = this.lexicon.get(t.norm);
    if (curated) return KINDS[curated];
    const known = dictionaryTag(t.norm);
    const kind = KINDS[known ?? (t.norm.length <= 4 ? t.tag : '')];
    // jieba's dictionary tags some common words as names (友谊, 高水平): a Chinese
    // personal name it does not curate must at least start with a surname
    if (kind === 'person' && !SURNAMES.has(t.norm[0]!) && !t.norm.includes('·')) return undefined;
    return kind;
  }

  /**
   * The words of `text` (any script), spaces and line breaks left out: as written
   * (`parallax segment`), or in the segmentation form (what the index and the story
   * comparison match; Traditional text cut through it, the words map back one to one).
   */
  words(text: string, form: 'written' | 'normal' = 'written'): string[] {
    return asWritten(this.refined(text), text, form);
  }

  /** Tokens with part-of-speech tags (nr person, ns place, nt organisation…). */
  tag(text: string): Token[] {
    const t = this.tagged(segmentationForm(text));
    return this.tokens(text, t, 0, 0, t.words.length - 1);
  }

  /** jieba's tagged pieces of a segmentation form, with their offsets */
  private tagged(form: string): TaggedText {
    const t: TaggedText = { form, words: [], tags: [], starts: [], ends: [] };
    let at = 0;
    for (const { word, tag } of this.jieba.tag(form, true)) {
      t.words.push(word); t.tags.push(tag); t.starts.push(at); t.ends.push((at += word.length));
    }
    return t;
  }

  /** the tokens of `text`, which is pieces first…last of `t`, starting at `from` in its form */
  private tokens(text: string, t: TaggedText, from: number, first: number, last: number): Token[] {
    const out: Token[] = [];
    for (let k = first; k <= last; k++) {
      const word = t.words[k]!;
      // jieba gives runs of white space as pieces of their own: the first character says which
      if (SPACE[word.charCodeAt(0)]) continue;
      const start = t.starts[k]! - from, end = t.ends[k]! - from;
      // a curated tag wins over jieba's (its dictionary calls 普京 a place)
      out.push({ text: text.slice(start, end), norm: word, start, end, tag: this.lexicon.get(word) ?? t.tags[k]! });
    }
    return out;
  }

  /**
   * A view of this segmenter for one article: its paragraphs are tagged once (jieba's tagger
   * cuts as its cutter does, and gives the tags), and any text that lies inside one of them
   * with its edges at jieba's block edges (a sentence, a clause, a quotation) is cut and
   * tagged from those pieces instead of by jieba again: the same words and tags, by how
   * jieba cuts (block by block). Other texts are cut as before, each tagged once.
   */
  within(paragraphs: readonly string[]): Segmenter {
    const tagged = paragraphs.map((p) => this.tagged(segmentationForm(p)));
    /** the paragraph, offset and pieces that `text` is (its segmentation form too), or undefined */
    const locate = (text: string): { t: TaggedText; from: number; form: string; first: number; last: number } | undefined => {
      if (!text) return undefined;
      const form = segmentationForm(text);
      for (const t of tagged) {
        for (let i = t.form.indexOf(form); i >= 0; i = t.form.indexOf(form, i + 1)) {
          const end = i + form.length;
          if (!blockEdge(t.form, i) || !blockEdge(t.form, end)) continue;
          const first = pieceStarting(t.starts, i);
          const next = end === t.form.length ? t.words.length : pieceStarting(t.starts, end);
          if (first >= 0 && next > first) return { t, from: i, form, first, last: next - 1 };
        }
      }
      return undefined;
    };
    const tags = new Map<string, Token[]>();
    const view = Object.create(this) as Segmenter;
    view.tag = (text: string): Token[] => {
      let out = tags.get(text);
      if (out) return out;
      const r = locate(text);
      out = r ? this.tokens(text, r.t, r.from, r.first, r.last) : this.tag(text);
      tags.set(text, out);
      return out;
    };
    view.words = (text: string, form: 'written' | 'normal' = 'written'): string[] => {
      const r = locate(text);
      if (!r) return this.words(text, form);
      const refiner = new Refiner(r.form, this.compound);
      for (let k = r.first; k <= r.last; k++) {
        const word = r.t.words[k]!;
        if (!SPACE[word.charCodeAt(0)]) refiner.piece(word, r.t.starts[k]! - r.from, r.t.ends[k]! - r.from);
      }
      return asWritten(refiner, text, form);
    };
    return view;
  }

  /** jieba's cut of the segmentation form, refined */
  private refined(text: string): Cut {
    const norm = segmentationForm(text);
    const refiner = new Refiner(norm, this.compound);
    let at = 0;
    for (const p of this.jieba.cut(norm, true)) {
      const start = at;
      at += p.length;
      if (!SPACE[p.charCodeAt(0)]) refiner.piece(p, start, at);
    }
    return refiner;
  }

  /** dictionary frequency for compound cuts: lexicon words are never cut */
  private readonly freq = (w: string): number => (this.lexicon.has(w) ? 0 : dictionaryFrequency(w));

  /** compoundCut of each long piece, remembered: news repeats its compounds */
  private readonly cuts = new Map<string, string[] | null>();
  private readonly compound = (w: string): string[] | null => {
    let cut = this.cuts.get(w);
    if (cut === undefined) {
      cut = compoundCut(w, this.freq);
      // bounded: a long run over new text must not grow it for ever
      if (this.cuts.size >= 200_000) this.cuts.clear();
      this.cuts.set(w, cut);
    }
    return cut;
  };
}

/**
 * Code units that may sit inside one of jieba's blocks (it cuts a text block by block, each
 * a run of Han characters, letters, digits and a few signs): every letter, mark and number of
 * any script, those signs, and surrogates. Wider than jieba's own class on purpose: a boundary
 * with one of these on each side is never taken for a block's edge.
 */
const MAY_JOIN = codeUnitTable((u) => /[\p{L}\p{M}\p{N}+#&._%\-]/u.test(u) || (u >= '\ud800' && u <= '\udfff'));

/** one paragraph tagged once: its segmentation form and jieba's pieces with their tags and offsets */
interface TaggedText { form: string; words: string[]; tags: string[]; starts: number[]; ends: number[] }

/**
 * Whether jieba cuts form[from, to) as it cuts those pieces of the whole form: each edge is
 * the form's own edge, or has a character on one side that no block holds (so no block spans
 * it) and is not inside a run of white space (which jieba cuts by runs).
 */
function blockEdge(form: string, k: number): boolean {
  if (k === 0 || k === form.length) return true;
  const a = form.charCodeAt(k - 1), b = form.charCodeAt(k);
  return (!MAY_JOIN[a] || !MAY_JOIN[b]) && !(SPACE[a] && SPACE[b]);
}

/** a cut's words as written in `text` (the offsets are the same), or in the segmentation form */
function asWritten(cut: Cut, text: string, form: 'written' | 'normal'): string[] {
  // Simplified text is its own normal form: the cut's strings serve as they are
  if (form === 'normal' || cut.form === text) return cut.norms;
  return cut.norms.map((_, k) => text.slice(cut.starts[k], cut.ends[k]));
}

/** the index of the piece starting at `at` (starts ascending), or -1 */
function pieceStarting(starts: readonly number[], at: number): number {
  let lo = 0, hi = starts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = starts[mid]!;
    if (v === at) return mid;
    if (v < at) lo = mid + 1; else hi = mid - 1;
  }
  return -1;
}

let shared: { key: string; seg: Segmenter } | undefined;

/** One segmenter per process and lexicon set (building one costs ~0.3 s and ~50 MB). */
export function segmenter(lexicons: readonly string[] = []): Segmenter {
  const key = lexicons.join('\n');
  if (!shared || shared.key !== key) shared = { key, seg: new Segmenter(lexicons) };
  return shared.seg;
}
