// Claims: sentences of different articles that state the same checkable proposition.
// Two sentences are matched when most of the weight of their content words (regional
// variants folded, weighted by how telling a word is in general) is shared by BOTH — a
// short sentence that shares only a name or a stock phrase with a long one is not its
// claim — or when together they share several telling words (a long sentence stating
// several facts and a shorter one stating one of them), and when their anchors (numbers,
// dates) agree. Sentences that would match but
// state different values in one slot are a discrepancy. Claims are grown from the
// strongest match, at most one sentence per article; a sentence joins a claim when it
// matches at least two thirds of its sentences and at least two of them, so a claim never
// chains two different facts through one third sentence.
import type { AliasTable } from '../text/aliases.js';
import { bigramText, normalizeText } from '../text/normalize.js';
import type { Segmenter } from '../text/segment.js';
import { anchorsOf, conflictOf, sameFigure, type Anchor, type AnchorKind } from './anchors.js';
import { backgroundIdf, STOP, UNKNOWN_IDF, type WordWeights } from './features.js';

/** One sentence of one article, as the alignment sees it. */
export interface ClaimUnit {
  article: string;
  outlet: string;
  /** the sentence's position among its article's sentences */
  n: number;
  text: string;
  words: Map<string, number>;
  weight: number;
  grams: Set<string>;
  anchors: Anchor[];
  /** the sentence's clauses (short ones joined to the next): one clause may state the claim another sentence states */
  clauses: Array<{ words: Map<string, number>; weight: number; anchors: Anchor[]; parties: string[] }>;
  /** the sides named, in order (中方愿同俄方… → 中, 俄): who acts and on whom */
  parties: string[];
  /** the words the sentence denies (未撤离 → 撤离; 否认…, 没有…): it says they did not happen */
  negated: Set<string>;
  /** the people it names (the alias table's keys) */
  persons: string[];
}

/**
 * a side of a relation, in the normal form: 中方/俄方, or a country's name where it acts or
 * is acted on — opening a clause or after 同/与/对… (立陶宛驻华机构, 驻中国 name no side)
 */
const PARTY = /(中|俄|美|日|英|法|德|欧|韩|朝|印|澳|加|乌|立)方|(?:^|[，,；;：:“「]|同|与|和|对|向|跟|支持|批评)(中国|俄罗斯|美国|日本|英国|法国|德国|欧盟|韩国|朝鲜|印度|澳大利亚|澳洲|加拿大|乌克兰|立陶宛)/g;
const PARTY_OF: Record<string, string> = { 中国: '中', 俄罗斯: '俄', 美国: '美', 日本: '日', 英国: '英', 法国: '法', 德国: '德', 欧盟: '欧', 韩国: '韩', 朝鲜: '朝', 印度: '印', 澳大利亚: '澳', 澳洲: '澳', 加拿大: '加', 乌克兰: '乌', 立陶宛: '立' };

function partiesOf(norm: string): string[] {
  const out: string[] = [];
  for (const m of norm.matchAll(PARTY)) { const p = m[1] ?? PARTY_OF[m[2]!]!; if (!out.includes(p)) out.push(p); }
  return out;
}

/** 中方愿同俄方… and 俄方愿同中方…: the same sides, the other one first — a different statement */
const reversedSides = (a: readonly string[], b: readonly string[]): boolean =>
  a.length >= 2 && b.length >= 2 && a[0] !== b[0] && a.includes(b[0]!) && b.includes(a[0]!);

export interface ClaimOptions {
  /** least weighted Dice of content words for two sentences to state the same thing */
  dice: number;
  /** or: least share of the lighter sentence's weight found in the other … */
  containment: number;
  /** … when the heavier one is at most this many times heavier */
  maxRatio: number;
  /** least bigram Dice (catches renderings the segmenter cut differently) */
  gramDice: number;
  /** a sentence lighter than this carries no claim of its own ("他说。") */
  minWeight: number;
  /** least Dice of two sentences, apart from their numbers, to call their different numbers a discrepancy */
  discrepancyDice: number;
  /** least weighted Dice of two clauses (above 1: the clause rule is off, as tuned) … */
  clauseDice: number;
  /** … each at least this heavy */
  clauseWeight: number;
  /** or: least shared weight plus `sharedDice` × Dice — a long sentence stating several facts shares one of them with a shorter one through several telling words together */
  sharedWeight?: number;
  sharedDice?: number;
  /** or: a sentence at least `heldWeight` heavy whose weight is at least `held` shared by the other, however long the other (it states one of the other's facts, little else) */
  held?: number;
  heldWeight?: number;
  /**
   * how far a word's weight falls with the share of the event's sentences that carry it
   * (0: not at all). 立陶宛 in every sentence of the Lithuania event tells no fact apart;
   * 社长 in a few does. The weight is scaled by (log(1+N/df) / log(1+N))^eventIdf.
   */
  eventIdf?: number;
  /** least share of a claim's sentences a sentence must match to join it (1: all of them, a clique) */
  cliqueShare?: number;
  /** false: a denied statement may match the statement itself */
  negation?: boolean;
  /**
   * or: the same figure (sameFigure: 6人, 19名, 352公里) in a clause of each, the two clauses
   * sharing at least this weight of other words (死亡, 离开 北京): one count of one thing
   */
  figureWeight?: number;
}

/** Tuned on the tuning half of eval/gold/claims (see docs/evaluation.md). */
export const CLAIM_DEFAULTS: ClaimOptions = { dice: 0.5, containment: 0.8, maxRatio: 1.8, gramDice: 0.5, minWeight: 20, clauseDice: 0.8, clauseWeight: 20, discrepancyDice: 0.6, sharedWeight: 80, sharedDice: 60, held: 0.65, heldWeight: 60, cliqueShare: 0.66, eventIdf: 0, figureWeight: 6 };

const WORD = /^[\p{L}\p{N}]{2,}$/u;
const LATIN_WEIGHT = 3;
const LATIN_PAIR = /^\p{Script=Latin}{2}$/u;
/** words that say how, not what */
const CLAIM_STOP = new Set(['表示', '指出', '强调', '认为', '称', '说', '透露', '报道', '据', '当地时间', '此外', '另外', '同时', '但是', '不过', '因此', '此前', '目前', '已经', '他们', '我们', '记者', '消息', '新闻']);

export interface UnitContext { segmenter: Segmenter; aliases: AliasTable }

/**
 * Words that state the same thing in a claim (撤离 and 离开 北京 are one departure), each
 * group folded to its first word, in the normal form. Kept to what does not change a
 * claim's checkable content: no numbers, no names, no sides.
 */
const CLAIM_SYNONYMS: readonly string[][] = [
  ['离开', '撤离', '离境', '撤出', '飞离'],
  ['远程', '遥距', '远距', '远端'],
  ['担任', '出任', '接任', '接替', '出掌'],
  ['总编辑', '总编', '主编'],
  ['担心', '担忧', '顾虑', '忧虑', '疑虑'],
  ['恐吓', '恫吓', '威吓'],
  ['帮助', '协助', '援助'],
  ['磋商', '咨询', '谘商', '协商'],
  ['召回', '调回'],
  ['回应', '置评', '回复'],
  ['会晤', '会谈', '会面'],
  ['视频', '视讯', '视像', '远程视频'],
  ['支持', '力挺', '支援'],
  ['批评', '抨击', '谴责'],
  ['宣布', '宣告'],
  ['退休', '卸任', '退下'],
  ['使馆', '大使馆'],
  ['驻华', '驻中'],
  ['家属', '眷属', '亲属', '家眷'],
  ['前往', '飞往', '飞赴', '赶赴'],
  ['外交官', '外交人员'],
  // agencies by their short names
  ['路透社', '路透'],
  ['法新社', '法新'],
  ['美联社', '美联'],
];
const SYNONYM_OF = new Map(CLAIM_SYNONYMS.flatMap((g) => g.map((w) => [w, g[0]!] as const)));

/** the weight of one content word (in the normal form, folded): digits 6, Latin 3, else its background IDF */
function wordWeight(w: string, bg: WordWeights): number {
  // a word opening with a Han character (U+3400–U+9FFF) is neither a number nor Latin: no pattern to test
  const c = w.charCodeAt(0);
  if (c >= 0x3400 && c <= 0x9fff) return bg.get(w) ?? UNKNOWN_IDF;
  return /^\d/.test(w) ? 6 : /^\p{Script=Latin}+$/u.test(w) ? LATIN_WEIGHT : bg.get(w) ?? UNKNOWN_IDF;
}

/** the content words of a text, in text order, each once (what the segmenter decides of a unit) */
function contentWordList(text: string, ctx: UnitContext): string[] {
  const seen = new Set<string>();
  for (const raw of ctx.segmenter.words(text, 'normal')) {
    const alias = ctx.aliases.canonical(raw);
    const w = SYNONYM_OF.get(alias) ?? alias;
    if (!WORD.test(w) || STOP.has(w) || CLAIM_STOP.has(w)) continue;
    seen.add(w);
  }
  return [...seen];
}

/** the weight of a list of distinct content words (weighed's weight, without its map) */
function weightOf(list: readonly string[]): number {
  const bg = backgroundIdf();
  let weight = 0;
  for (const w of list) weight += wordWeight(w, bg);
  return weight;
}

/** content words with their weights, and the text's weight (their sum, in text order) */
function weighed(list: readonly string[]): { words: Map<string, number>; weight: number } {
  // a Latin word is mostly a name's original spelling beside its Chinese one (Audra Čiapienė): it repeats the name
  const bg = backgroundIdf();
  const words = new Map<string, number>();
  for (const w of list) words.set(w, wordWeight(w, bg));
  let weight = 0;
  for (const v of words.values()) weight += v;
  return { words, weight };
}

const CLAUSE_END = /[，,；;：:]/;
/** a clause lighter than this is joined to the next one (立陶宛外交部表示，…) */
const LIGHT_CLAUSE = 25;
/** a part that ends with a verb of saying (in the normal form): it introduces the next one */
const SAYS_AT_END = /(?:表示|说|称|指出|强调|认为|透露|警告|宣布|回应|说道|补充|直言|坦言|重申|声称|告诉记者|对记者说|写道)$/;

/** two bullets or more: a list of links to other articles (• 标题 • 标题), which states nothing itself */
const LINK_LIST = /[•●▪■].*[•●▪■]/;

/**
 * What the segmenter decides of a sentence, and nothing else: its content words, its
 * clauses (how many of the sentence's comma-separated parts each takes, and its content
 * words) and the words it denies. A unit is made from its text and this (unitFromCut),
 * so that a cut kept from an earlier run (stored-texts.ts) makes the same unit.
 */
export interface UnitCut {
  words: string[];
  /** empty when the sentence makes one clause or none */
  clauses: Array<{ parts: number; words: string[] }>;
  negated: string[];
  /** the normal form with the alias table's variants folded, where folding changed it (folding costs more than the rest of a unit) */
  folded?: string;
  /** the people it names (the alias table's keys), where it names any */
  persons?: string[];
}

/** the parts of a sentence's normal form its clauses are made of */
export const clauseParts = (norm: string): string[] => norm.split(CLAUSE_END);
/** parts joined into a clause's text (an empty part adds no comma before the first text) */
const joinParts = (parts: readonly string[]): string => { let out = ''; for (const p of parts) out += (out ? '，' : '') + p; return out; };

/** a person the article names: as written, and the alias table's key */
export interface NamedPerson { text: string; key: string }

/** `people`: the people the sentence's article names (a name the tagger misses in one sentence it may find in another) */
export function cutUnit(text: string, ctx: UnitContext, people: readonly NamedPerson[] = []): UnitCut {
  const words = LINK_LIST.test(text) ? [] : contentWordList(text, ctx);
  const plain = normalizeText(text);
  const norm = ctx.aliases.foldText(plain);
  const clauses: UnitCut['clauses'] = [];
  let pending: string[] = [];
  let parts = 0;
  const all = clauseParts(norm);
  // one part makes one clause at most, which a unit does not keep (below): nothing to cut.
  // Each part is segmented once: a comma ends every word (the segmenter cuts no word across
  // one), so a clause of several parts has its parts' words, each once, in text order
  if (all.length > 1) all.forEach((part, i) => {
    const partWords = contentWordList(part, ctx);
    pending = pending.length ? [...new Set([...pending, ...partWords])] : partWords;
    parts++;
    // (肯塔基州州长贝希尔也指出，… : who says it is no claim of its own — it is joined to what is said)
    if ((weightOf(pending) < LIGHT_CLAUSE || SAYS_AT_END.test(part)) && i < all.length - 1) return;
    clauses.push({ parts, words: pending });
    pending = [];
    parts = 0;
  });
  const persons = personsIn(text, people);
  return { words, clauses: clauses.length > 1 ? clauses : [], negated: [...negatedIn(norm, ctx)], ...(norm === plain ? {} : { folded: norm }), ...(persons.length ? { persons } : {}) };
}

/** The unit of a sentence from its cut (cutUnit): the same unit claimUnit makes. */
export function unitFromCut(article: string, outlet: string, n: number, text: string, cut: UnitCut): ClaimUnit {
  const { words, weight } = weighed(cut.words);
  const norm = cut.folded ?? normalizeText(text);
  // letter pairs of a Latin name would outweigh the sentence (see LATIN_WEIGHT)
  const grams = new Set(bigramText([norm]).split(' ').filter((g) => g.length === 2 && !LATIN_PAIR.test(g)));
  const clauses: ClaimUnit['clauses'] = [];
  if (cut.clauses.length) {
    const all = clauseParts(norm);
    let at = 0;
    for (const c of cut.clauses) {
      const pending = joinParts(all.slice(at, at + c.parts));
      at += c.parts;
      clauses.push({ ...weighed(c.words), anchors: anchorsOf(pending), parties: partiesOf(pending) });
    }
  }
  return { article, outlet, n, text, words, weight, grams, anchors: anchorsOf(norm), clauses, parties: partiesOf(norm), negated: new Set(cut.negated), persons: cut.persons ?? [] };
}

export function claimUnit(article: string, outlet: string, n: number, text: string, ctx: UnitContext, people: readonly NamedPerson[] = []): ClaimUnit {
  return unitFromCut(article, outlet, n, text, cutUnit(text, ctx, people));
}

/** the people of its article a sentence names, each once, by the alias table's key */
function personsIn(text: string, people: readonly NamedPerson[]): string[] {
  const out: string[] = [];
  for (const p of people) if (text.includes(p.text) && !out.includes(p.key)) out.push(p.key);
  return out;
}

/** a person both name (one name inside the other: 吴绮敏 / 副主任吴绮敏) */
export const sharePerson = (a: readonly string[], b: readonly string[]): boolean =>
  a.some((p) => b.some((q) => p === q || p.includes(q) || q.includes(p)));
/** two sentences that each name people, none of them the same: about different people's acts */
export const otherPeople = (a: readonly string[], b: readonly string[]): boolean =>
  a.length > 0 && b.length > 0 && !sharePerson(a, b);

/** words that deny what follows them (in the normal form) */
export const NEGATION = new Set(['不', '未', '没有', '没', '否认', '并未', '从未', '并非', '不会', '不是', '尚未', '拒绝', '无意', '无', '缺乏', '缺少']);
/** a character of every word of NEGATION (claims.test.ts checks it): a sentence without one denies nothing */
export const DENIAL_CHAR = /[不未没否非拒无缺]/;
/** the content word right after a denial (未撤离: 撤离), folded as contentWords folds it */
function negatedIn(norm: string, ctx: UnitContext): Set<string> {
  const out = new Set<string>();
  // most sentences hold none of the denials' characters: nothing to segment
  if (!DENIAL_CHAR.test(norm)) return out;
  const words = ctx.segmenter.words(norm, 'normal');
  words.forEach((w, i) => {
    if (!NEGATION.has(w)) return;
    const next = words[i + 1];
    if (next === undefined || !WORD.test(next) || STOP.has(next)) return;
    const alias = ctx.aliases.canonical(next);
    out.add(SYNONYM_OF.get(alias) ?? alias);
  });
  return out;
}

/** 已经撤离 against 未撤离: a word one sentence states and the other denies */
function deniedByOne(a: ClaimUnit, b: ClaimUnit): boolean {
  for (const w of a.negated) if (b.words.has(w) && !b.negated.has(w) && a.words.has(w)) return true;
  for (const w of b.negated) if (a.words.has(w) && !a.negated.has(w) && b.words.has(w)) return true;
  return false;
}

function weightedDice(a: Map<string, number>, wa: number, b: Map<string, number>, wb: number): number {
  const [s, l] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const [w, v] of s) if (l.has(w)) shared += v;
  return (2 * shared) / (wa + wb || 1);
}

export interface UnitMatch {
  score: number;
  /** the whole sentences' Dice (a clause match scores higher than its sentences do) */
  dice: number;
  conflict: { kind: AnchorKind; a: string; b: string } | null;
}

/** How far two sentences state the same thing (0 when they do not), and any anchor they disagree on. */
export function matchUnits(a: ClaimUnit, b: ClaimUnit, o: ClaimOptions = CLAIM_DEFAULTS): UnitMatch {
  if (a.weight < o.minWeight || b.weight < o.minWeight) return { score: 0, dice: 0, conflict: null };
  const [s, l] = a.words.size <= b.words.size ? [a, b] : [b, a];
  let shared = 0;
  for (const [w, v] of s.words) if (l.words.has(w)) shared += v;
  const dice = (2 * shared) / (a.weight + b.weight);
  const light = Math.min(a.weight, b.weight), heavy = Math.max(a.weight, b.weight);
  const contained = shared / light;
  let gs = 0;
  const [gsmall, glarge] = a.grams.size <= b.grams.size ? [a.grams, b.grams] : [b.grams, a.grams];
  for (const g of gsmall) if (glarge.has(g)) gs++;
  const gramDice = (2 * gs) / (a.grams.size + b.grams.size || 1);
  let score = 0;
  if (dice >= o.dice) score = dice;
  else if (gramDice >= o.gramDice) score = gramDice;
  else if (contained >= o.containment && heavy <= light * o.maxRatio) score = (dice + contained) / 2;
  else if (o.held !== undefined && light >= (o.heldWeight ?? 0) && contained >= o.held) score = (dice + contained) / 2;
  else if (o.sharedWeight !== undefined && shared + (o.sharedDice ?? 0) * dice >= o.sharedWeight) score = Math.max(dice, (shared + (o.sharedDice ?? 0) * dice) / (4 * o.sharedWeight));
  else if (o.figureWeight !== undefined && sameFigureSaid(a, b, o.figureWeight)) score = Math.max(dice, FIGURE_SCORE);
  // 已经撤离 against 没有撤离: one says it happened, the other that it did not
  if (o.negation !== false && deniedByOne(a, b)) return { score: 0, dice, conflict: null };
  // 吴绮敏 takes the post, 胡锡进 leaves it: who acts must agree
  if (otherPeople(a.persons, b.persons)) return { score: 0, dice, conflict: null };
  if (score > 0 && !reversedSides(a.parties, b.parties)) return { score, dice, conflict: conflictOf(a.anchors, b.anchors) };
  // one clause of each states the same thing: their anchors must agree
  if (o.clauseDice > 1) return { score: 0, dice, conflict: null };
  const ca = a.clauses.length ? a.clauses : [{ words: a.words, weight: a.weight, anchors: a.anchors, parties: a.parties }];
  const cb = b.clauses.length ? b.clauses : [{ words: b.words, weight: b.weight, anchors: b.anchors, parties: b.parties }];
  let best = 0;
  let conflict: UnitMatch['conflict'] = null;
  for (const x of ca) {
    if (x.weight < o.clauseWeight) continue;
    for (const y of cb) {
      if (y.weight < o.clauseWeight || reversedSides(x.parties, y.parties)) continue;
      const d = weightedDice(x.words, x.weight, y.words, y.weight);
      if (d >= o.clauseDice && d > best) { best = d; conflict = conflictOf(x.anchors, y.anchors); }
    }
  }
  return { score: best * 0.9, dice, conflict: best > 0 ? conflict : null };
}

/** how strong a match on one figure is (below a whole sentence's Dice: a claim grows from its strongest matches first) */
const FIGURE_SCORE = 0.5;
const DIGITS = /^\d/;

/** one clause of each states the same figure with the same words around it (ClaimOptions.figureWeight) */
function sameFigureSaid(a: ClaimUnit, b: ClaimUnit, least: number): boolean {
  const ca = a.clauses.length ? a.clauses : [{ words: a.words, anchors: a.anchors }];
  const cb = b.clauses.length ? b.clauses : [{ words: b.words, anchors: b.anchors }];
  for (const x of ca) for (const y of cb) {
    if (!x.anchors.some((p) => y.anchors.some((q) => sameFigure(p, q)))) continue;
    let shared = 0;
    for (const [w, v] of x.words) if (!DIGITS.test(w) && y.words.has(w)) shared += v;
    if (shared >= least) return true;
  }
  return false;
}

export interface Discrepancy { a: number; b: number; kind: AnchorKind; values: [string, string] }
export interface Alignment {
  /** each claim: indices into the units, one unit per article at most, in the units' order */
  claims: number[][];
  discrepancies: Discrepancy[];
}

type Words = Map<string, number>;
const reweigh = (words: Words, factor: Map<string, number>): { words: Words; weight: number } => {
  const out: Words = new Map();
  let weight = 0;
  for (const [w, v] of words) { const x = v * (factor.get(w) ?? 1); out.set(w, x); weight += x; }
  return { words: out, weight };
};

/** The units with each word weighed by how specific it is within this event (see ClaimOptions.eventIdf). */
export function weighInEvent(units: readonly ClaimUnit[], exponent: number): ClaimUnit[] {
  if (!exponent) return [...units];
  const df = new Map<string, number>();
  for (const u of units) for (const w of u.words.keys()) df.set(w, (df.get(w) ?? 0) + 1);
  const n = units.length;
  const top = Math.log(1 + n);
  const factor = new Map<string, number>();
  for (const [w, d] of df) factor.set(w, Math.pow(Math.log(1 + n / d) / top, exponent));
  return units.map((u) => ({
    ...u,
    ...reweigh(u.words, factor),
    clauses: u.clauses.map((c) => ({ ...c, ...reweigh(c.words, factor) })),
  }));
}

/** words in more units than this are too common in the event to find candidates by */
const MAX_POSTINGS = 400;

/** Align the sentences of an event's articles into claims. Units are in publication order. */
export function alignClaims(given: readonly ClaimUnit[], o: ClaimOptions = CLAIM_DEFAULTS): Alignment {
  // a sentence too light to carry a claim is judged on its own words' weight, before the event's weighing
  const light = given.map((u) => u.weight < o.minWeight);
  const units = weighInEvent(given, o.eventIdf ?? 0);
  const om: ClaimOptions = { ...o, minWeight: 0 };
  // candidate pairs: units of different articles sharing telling words
  const postings = new Map<string, number[]>();
  units.forEach((u, i) => {
    if (light[i]) return;
    for (const w of u.words.keys()) { const l = postings.get(w); if (l) l.push(i); else postings.set(w, [i]); }
  });
  const edges = new Map<number, Map<number, number>>();
  const discrepancies: Discrepancy[] = [];
  const link = (i: number, j: number, s: number): void => {
    (edges.get(i) ?? edges.set(i, new Map()).get(i)!).set(j, s);
    (edges.get(j) ?? edges.set(j, new Map()).get(j)!).set(i, s);
  };
  const list: Array<[number, number, number]> = [];
  units.forEach((u, i) => {
    if (light[i]) return;
    const sharedWeight = new Map<number, number>();
    for (const [w, v] of u.words) {
      const l = postings.get(w)!;
      if (l.length > MAX_POSTINGS) continue;
      for (const j of l) if (j > i && units[j]!.article !== u.article) sharedWeight.set(j, (sharedWeight.get(j) ?? 0) + v);
    }
    for (const [j, sw] of sharedWeight) {
      // cheap bound: without enough shared weight neither the Dice nor the containment test can pass
      // (sw is the pair's shared weight: both sides weigh a word alike)
      const both = u.weight + units[j]!.weight;
      if (sw < Math.min(o.dice, o.containment, o.held ?? 1) * Math.min(u.weight, units[j]!.weight) * 0.5 &&
        !(o.sharedWeight !== undefined && sw * (1 + (2 * (o.sharedDice ?? 0)) / both) >= o.sharedWeight) &&
        !(o.figureWeight !== undefined && sw >= o.figureWeight)) continue;
      const m = matchUnits(u, units[j]!, om);
      if (m.score === 0) continue;
      if (m.conflict) {
        // different numbers in otherwise the same sentence: a disagreement worth showing
        if (m.dice >= o.discrepancyDice) discrepancies.push({ a: i, b: j, kind: m.conflict.kind, values: [m.conflict.a, m.conflict.b] });
        continue;
      }
      link(i, j, m.score);
      list.push([i, j, m.score]);
    }
  });
  // clique cover: strongest uncovered match first, grown by units matched with every member
  list.sort((x, y) => y[2] - x[2] || x[0] - y[0] || x[1] - y[1]);
  const covered = new Set<string>();
  const key = (i: number, j: number): string => (i < j ? `${i}:${j}` : `${j}:${i}`);
  const claims: number[][] = [];
  for (const [i, j] of list) {
    if (covered.has(key(i, j))) continue;
    const members = [i, j];
    const articles = new Set([units[i]!.article, units[j]!.article]);
    const candidates = [...edges.get(i)!.keys()].filter((k) => k !== j && edges.get(j)!.has(k));
    candidates.sort((x, y) => Math.min(edges.get(y)!.get(i)!, edges.get(y)!.get(j)!) - Math.min(edges.get(x)!.get(i)!, edges.get(x)!.get(j)!) || x - y);
    for (const k of candidates) {
      if (articles.has(units[k]!.article)) continue;
      if (members.filter((m) => edges.get(k)!.has(m)).length < members.length * (o.cliqueShare ?? 1)) continue;
      members.push(k);
      articles.add(units[k]!.article);
    }
    for (let x = 0; x < members.length; x++) for (let y = x + 1; y < members.length; y++) covered.add(key(members[x]!, members[y]!));
    claims.push(members.sort((x, y) => x - y));
  }
  // cliques that differ only by another sentence of the same article (an article that
  // repeats a sentence) are one claim: every pair of sentences of different articles in
  // the union must still be a match
  const merged: number[][] = [];
  for (const c of claims) {
    const into = merged.find((m) => c.some((u) => m.includes(u)) &&
      c.every((u) => m.includes(u) || m.every((v) => v === u || units[v]!.article === units[u]!.article || edges.get(u)?.has(v))));
    if (into) { for (const u of c) if (!into.includes(u)) into.push(u); into.sort((x, y) => x - y); }
    else merged.push(c);
  }
  claims.length = 0;
  claims.push(...merged);
  // every claim-bearing unit that matched nothing is a claim of its own
  units.forEach((_, i) => { if (!light[i] && !edges.has(i)) claims.push([i]); });
  claims.sort((x, y) => x[0]! - y[0]! || y.length - x.length);
  return { claims, discrepancies };
}
