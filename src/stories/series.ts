// One outlet's daily series: the same kind of report every day with that day's figures
// (中國新增89例本土確診 on one day, 中國增44例本土確診 the next; 58萬人申請註冊港康碼 then 60.2萬人).
// Their words are the same from day to day, so by words alone each day's report joins the
// last; "different days' briefings" are different events (issue 14). What tells them apart is
// the title: the same outlet, a later day of its own, and figures of one kind with no value in
// common. Analysis keeps what the rule reads as marks among an article's stored words (`#`
// words, which no text gives: features.ts keeps letters and digits), so that a replay of the
// stored rows groups as the run did.
import type { Article } from '../article.js';
import { anchorsOf, isApproximate, isRoundFigure, type AnchorKind } from './anchors.js';
import { characterPairs, normalizeText } from '../text/normalize.js';

/** the slots a title's figure fills that tell one day's report from the next (a date is no figure) */
const SERIES_KINDS: ReadonlySet<AnchorKind> = new Set(['count', 'money', 'percent', 'measure', 'vote']);

/**
 * The governments whose case counts a title reports (issue 14: "two governments' case counts"
 * are different events): the place a count report names, as data. Cities and provinces are
 * their own authorities (廣州, 東莞 report their own counts) and are not folded into a country.
 */
const COUNT_PLACES: ReadonlyArray<readonly [string, RegExp]> = [
  ['TW', /台灣|臺灣|台湾|中華民國/u],
  ['HK', /本港|香港|港府|抵港|來港|来港|返港|在港|衞生防護中心|衛生防護中心|卫生防护中心/u],
  ['CN', /內地|内地|中國大陸|中国大陆|大陸|大陆|中國|中国|全國|全国|國家衛健委|国家卫健委/u],
  ['MO', /澳門|澳门/u],
  ['US', /美國|美国/u],
  ['UK', /英國|英国|英格蘭|英格兰/u],
  ['JP', /日本/u],
  ['KR', /南韓|南韩|韓國|韩国/u],
  ['SG', /新加坡/u],
  ['DE', /德國|德国/u],
  ['FR', /法國|法国/u],
  ['AU', /澳洲|澳大利亞|澳大利亚/u],
];
/** a title that reports cases, deaths or infections */
const CASE_WORDS = /確診|确诊|個案|个案|病例|感染|染疫|死亡|不治|病亡|陽性|阳性/u;

/** the one government a count report's title names, or null (none, several, or no count of cases) */
export function countPlace(title: string, figures: readonly string[]): string | null {
  if (!CASE_WORDS.test(title) || !figures.some((f) => f.startsWith('count:'))) return null;
  const places = COUNT_PLACES.filter(([, re]) => re.test(title)).map(([id]) => id);
  return places.length === 1 ? places[0]! : null;
}

const OUTLET = '#o:';
const DAY = '#d:';
const FIGURE = '#n:';
const TITLE = '#t:';
const PLACE = '#p:';
/** how alike two titles must be, their figures left out (bigram Dice), to be one series' reports */
const SAME_TITLE = 0.5;

/** The marks of an article's series: its outlet, its own day and its title's figures (kind:value). */
export function seriesMarks(a: Pick<Article, 'title' | 'outlet' | 'published'>): string[] {
  if (!a.published) return [];
  const figures = anchorsOf(normalizeText(a.title)).filter((x) => SERIES_KINDS.has(x.kind) && !isRoundFigure(x) && !isApproximate(x)).map((x) => `${FIGURE}${x.kind}:${x.value}`);
  if (figures.length === 0) return [];
  // the title with its figures and spaces left out
  const template = normalizeText(a.title).replace(/[\d.,零〇一二两兩三四五六七八九十百千万萬亿億]+/gu, '#').replace(/\s+/gu, '');
  const place = countPlace(a.title, figures.map((f) => f.slice(FIGURE.length)));
  return [`${OUTLET}${a.outlet.id}`, `${DAY}${a.published.day}`, `${TITLE}${template}`, ...(place ? [`${PLACE}${place}`] : []), ...new Set(figures)];
}

/** What a grouping item knows of its series, read back from its marks. */
export interface SeriesEntry { outlet: string; day: string; figures: ReadonlySet<string>; title: string; /** the government whose case count the title reports (countPlace) */ place?: string }

export function seriesOf(marks: readonly string[]): SeriesEntry | undefined {
  let outlet = '', day = '', title = '', place = '';
  const figures = new Set<string>();
  for (const m of marks) {
    if (m.startsWith(OUTLET)) outlet = m.slice(OUTLET.length);
    else if (m.startsWith(DAY)) day = m.slice(DAY.length);
    else if (m.startsWith(FIGURE)) figures.add(m.slice(FIGURE.length));
    else if (m.startsWith(TITLE)) title = m.slice(TITLE.length);
    else if (m.startsWith(PLACE)) place = m.slice(PLACE.length);
  }
  return outlet && day && figures.size ? { outlet, day, figures, title, ...(place ? { place } : {}) } : undefined;
}

const kindOf = (figure: string): string => figure.slice(0, figure.indexOf(':'));

function titleDice(a: string, b: string): number {
  const x = characterPairs(a), y = characterPairs(b);
  let shared = 0;
  for (const g of x) if (y.has(g)) shared++;
  return (2 * shared) / (x.size + y.size || 1);
}

/**
 * The next day's report of a series: the same outlet, a later day, titles alike but for their
 * figures, and for some kind of figure both titles give, no value in common.
 */
export function nextInSeries(earlier: SeriesEntry, later: SeriesEntry): boolean {
  if (earlier.outlet !== later.outlet || later.day <= earlier.day || titleDice(earlier.title, later.title) < SAME_TITLE) return false;
  const kinds = new Set([...later.figures].map(kindOf));
  for (const kind of kinds) {
    const theirs = [...earlier.figures].filter((g) => kindOf(g) === kind);
    if (theirs.length && ![...later.figures].some((g) => theirs.includes(g))) return true;
  }
  return false;
}

/** two events of which one holds a later day's report of a series the other holds (a merge would join two days of it) */
export const seriesApart = (a: readonly SeriesEntry[], b: readonly SeriesEntry[]): boolean =>
  a.some((x) => b.some((y) => nextInSeries(x, y) || nextInSeries(y, x)));

/**
 * Another outlet's report of the same day that gives one of the same figures in its title
 * (中國新增89例本土確診 and 內地過去一日新增125宗確診 89宗屬本土病例): one count, told twice.
 */
export function sameDayFigure(it: SeriesEntry, of: readonly SeriesEntry[]): boolean {
  return of.some((e) => e.outlet !== it.outlet && e.day === it.day && [...it.figures].some((g) => e.figures.has(g)));
}

/** an article reporting one government's case count and an event holding another's (different events: issue 14) */
export const otherPlacesCount = (it: SeriesEntry | undefined, of: readonly SeriesEntry[]): boolean =>
  !!it?.place && of.some((e) => e.place !== undefined && e.place !== it.place);

/** two events holding different governments' case counts */
export const countsApart = (a: readonly SeriesEntry[], b: readonly SeriesEntry[]): boolean => a.some((x) => otherPlacesCount(x, b));
