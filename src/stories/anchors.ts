// The anchors of a claim: the numbers, dates and amounts a sentence states, each with the
// kind of thing it counts. Two sentences that state the same kind of quantity with no value
// in common cannot carry the same claim (an ambassador who left in September is not the
// chargé d'affaires who left in December; a vote of 89 is not one of 88): they are a
// discrepancy when the rest of them agree, and different claims otherwise.

/** The slot a number fills, from the unit after it. */
export type AnchorKind = 'year' | 'month' | 'day' | 'hour' | 'percent' | 'count' | 'money' | 'ordinal' | 'magnitude' | 'vote' | 'measure';

export interface Anchor {
  kind: AnchorKind; value: number; text: string;
  /** an approximate figure (20余人, 2000多名, 59萬多人, 1300餘萬元): at least `value`, below this */
  upTo?: number;
}

const DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 兩: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const SMALL_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const BIG: Record<string, number> = { 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8 };

const NUMBER_PART = /\d+(?:\.\d+)?|./gu;

/**
 * 三十七 → 37, 一百零五 → 105, 二〇二一 → 2021, 两万三千 → 23000, 2.5万 → 25000, 58萬6千 → 586000,
 * 1億2千萬 → 120000000; NaN when it is not a number.
 */
export function parseNumber(s: string): number {
  const t = s.replace(/[,，]/g, '');
  // yi: the part in 亿 counted so far; wan: the part in 万 of the 亿 block under way; section: below 万
  let yi = 0, wan = 0, section = 0, current: number | null = null, lastDigit = false, seen = false;
  for (const part of t.match(NUMBER_PART) ?? []) {
    if (/^\d/.test(part)) { if (current !== null) return NaN; current = Number(part); lastDigit = false; }
    else if (part in DIGIT) {
      // 二〇二一: digits one after another are one number's digits
      current = current !== null && lastDigit ? current * 10 + DIGIT[part]! : DIGIT[part]!;
      lastDigit = true;
    } else if (part in SMALL_UNIT) { section += (current ?? 1) * SMALL_UNIT[part]!; current = null; lastDigit = false; }
    else if (BIG[part] === 1e4) { wan = ((section + (current ?? 0)) || 1) * 1e4; section = 0; current = null; lastDigit = false; }
    else if (BIG[part] === 1e8) { yi = ((yi + wan + section + (current ?? 0)) || 1) * 1e8; wan = 0; section = 0; current = null; lastDigit = false; }
    else return NaN;
    seen = true;
  }
  return seen ? yi + wan + section + (current ?? 0) : NaN;
}

const ARABIC = '\\d+(?:[.,]\\d+)*';
const HAN_NUMBER = '[零〇一二两兩三四五六七八九十百千]+';
/** a number in digits or characters, with up to two of 万/亿 and what follows each (3千, 58萬6千, 1億2千萬, 8千萬, 两万三千, 2.5万) */
const NUM = `(?:${ARABIC}[十百千]?|${HAN_NUMBER})(?:[万萬亿億](?:${ARABIC}[千百十]?|${HAN_NUMBER})?){0,2}`;
/** unit → slot; longest units first */
const UNITS: Array<[string, AnchorKind]> = [
  ['个百分点', 'percent'], ['個百分點', 'percent'], ['百分点', 'percent'], ['百分點', 'percent'], ['%', 'percent'], ['％', 'percent'],
  ['亿美元', 'money'], ['億美元', 'money'], ['万美元', 'money'], ['萬美元', 'money'], ['美元', 'money'], ['亿元', 'money'], ['億元', 'money'],
  ['万元', 'money'], ['萬元', 'money'], ['港元', 'money'], ['港币', 'money'], ['港幣', 'money'], ['欧元', 'money'], ['歐元', 'money'], ['元', 'money'],
  ['年', 'year'], ['月', 'month'], ['日', 'day'], ['号', 'day'], ['時', 'hour'], ['时', 'hour'], ['点', 'hour'], ['點', 'hour'],
  ['级', 'magnitude'], ['級', 'magnitude'], ['票', 'vote'],
  ['公里', 'measure'], ['米', 'measure'], ['公尺', 'measure'], ['度', 'measure'], ['吨', 'measure'], ['噸', 'measure'],
  ['人', 'count'], ['名', 'count'], ['宗', 'count'], ['例', 'count'], ['个', 'count'], ['個', 'count'], ['家', 'count'], ['架', 'count'],
  ['艘', 'count'], ['次', 'count'], ['间', 'count'], ['間', 'count'], ['座', 'count'], ['项', 'count'], ['項', 'count'], ['条', 'count'], ['條', 'count'],
  // (约30支龙卷风 against 36股龙卷风: one count, two values)
  ['支', 'count'], ['股', 'count'], ['场', 'count'], ['場', 'count'], ['辆', 'count'], ['輛', 'count'], ['位', 'count'], ['枚', 'count'],
  ['栋', 'count'], ['棟', 'count'], ['户', 'count'], ['戶', 'count'],
];
/** 多/余/餘 after a number (and the 万/亿 after them: 1300餘萬元) make it approximate */
const ANCHOR = new RegExp(`(第)?(${NUM})([多余餘][万萬亿億]?)?\\s*(${UNITS.map(([u]) => u).join('|')})`, 'gu');
const UNIT_KIND = new Map(UNITS);

/** the step an approximate number is counted in: the place of its last digit that is not 0 (20余 → 10, 2000多 → 1000, 59萬多 → 10000) */
function stepOf(n: number): number {
  let step = 1;
  while (n >= step * 10 && Number.isInteger(n / (step * 10))) step *= 10;
  return step;
}

/** The numbers a sentence states, with their slots. 今年/昨日 and bare numbers carry no anchor. */
export function anchorsOf(text: string): Anchor[] {
  const out: Anchor[] = [];
  for (const m of text.matchAll(ANCHOR)) {
    const base = parseNumber(m[2]!);
    if (!Number.isFinite(base)) continue;
    const big = m[3] ? BIG[m[3].slice(1)] ?? 1 : 1;
    const value = base * big;
    let kind = UNIT_KIND.get(m[4]!)!;
    if (m[1]) kind = 'ordinal';
    // 十二月 / 12月 is a month only when it can be one; 3个月 (a duration) is a count
    if (kind === 'month' && (value < 1 || value > 12 || /个|個/.test(text.slice(m.index! - 1, m.index!)))) kind = 'count';
    if (kind === 'day' && (value < 1 || value > 31)) kind = 'count';
    if (kind === 'year' && (value < 1900 || value > 2100)) kind = 'count';
    if (kind === 'hour' && value > 24) kind = 'count';
    // 一个/一名/一次 are mostly the indefinite article, not a count
    if (kind === 'count' && /^[一两兩]$/.test(m[2]!)) continue;
    out.push(m[3] ? { kind, value, text: m[0], upTo: (base + stepOf(base)) * big } : { kind, value, text: m[0] });
  }
  return out;
}

/** the slots a figure fills (a date is no figure: two sentences of one day state many things) */
const FIGURE_KINDS: ReadonlySet<AnchorKind> = new Set(['count', 'money', 'percent', 'measure', 'vote', 'magnitude']);
/** units that count the same thing (people) */
const SAME_UNIT: Record<string, string> = { 名: '人', 位: '人' };

/**
 * The same figure in two anchors: the same slot, value and unit, and a figure one can check —
 * not a round 数十人 / 逾百人 (a number written 十, 百, 千 or 万 alone says "some", not how many).
 */
export function sameFigure(a: Anchor, b: Anchor): boolean {
  if (!FIGURE_KINDS.has(a.kind) || a.kind !== b.kind || a.value !== b.value || a.value < 2) return false;
  if (isRoundFigure(a) || isRoundFigure(b) || isApproximate(a) || isApproximate(b)) return false;
  return unitOf(a.text) === unitOf(b.text);
}
/** a number written 十, 百, 千 or 万 alone (数十人, 逾百人): "some", not how many */
export const isRoundFigure = (a: Anchor): boolean => /^[十百千万萬]/.test(a.text);
/** 20余人, 59萬多人: a range, not a value one can check */
export const isApproximate = (a: Anchor): boolean => a.upTo !== undefined;
/** two values of one slot that can be the same (an approximate one is a range: 20余人 holds 23人, not 19人) */
const agree = (x: Anchor, y: Anchor): boolean => {
  const top = (a: Anchor): number => (a.upTo !== undefined ? a.upTo - 1e-6 : a.value);
  return Math.max(x.value, y.value) <= Math.min(top(x), top(y)) + 1e-9;
};
const unitOf = (text: string): string => { const u = text.replace(LEADING_NUMBER, ''); return SAME_UNIT[u] ?? u; };
const LEADING_NUMBER = new RegExp(`^第?${NUM}\\s*`, 'u');

/**
 * The first slot in which two sentences state values that have nothing in common, or
 * null when their anchors agree (or never fill the same slot). Counts are compared only
 * when one side states one count, which the other must state among its own ("3 people of 20"
 * agrees with "3 people"; two sides of several counts have too many readings).
 */
export function conflictOf(a: readonly Anchor[], b: readonly Anchor[]): { kind: AnchorKind; a: string; b: string } | null {
  if (a.length === 0 || b.length === 0) return null;
  const kinds = new Set(a.map((x) => x.kind));
  for (const kind of kinds) {
    const xs = a.filter((x) => x.kind === kind);
    const ys = b.filter((y) => y.kind === kind);
    if (ys.length === 0) continue;
    // (one count against several: it must be one of them — 超過100人 is not 超過70人，甚至超過80人)
    if ((kind === 'count' || kind === 'measure') && xs.length > 1 && ys.length > 1) continue;
    if (!xs.some((x) => ys.some((y) => agree(x, y)))) return { kind, a: xs[0]!.text, b: ys[0]!.text };
  }
  return null;
}
