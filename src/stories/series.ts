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

const OUTLET = '#o:';
const DAY = '#d:';
const FIGURE = '#n:';
const TITLE = '#t:';
/** how alike two titles must be, their figures left out (bigram Dice), to be one series' reports */
const SAME_TITLE = 0.5;

/** The marks of an article's series: its outlet, its own day and its title's figures (kind:value). */
export function seriesMarks(a: Pick<Article, 'title' | 'outlet' | 'published'>): string[] {
  if (!a.published) return [];
  const figures = anchorsOf(normalizeText(a.title)).filter((x) => SERIES_KINDS.has(x.kind) && !isRoundFigure(x) && !isApproximate(x)).map((x) => `${FIGURE}${x.kind}:${x.value}`);
  if (figures.length === 0) return [];
  // the title with its figures and spaces left out
  const template = normalizeText(a.title).replace(/[\d.,零〇一二两兩三四五六七八九十百千万萬亿億]+/gu, '#').replace(/\s+/gu, '');
  return [`${OUTLET}${a.outlet.id}`, `${DAY}${a.published.day}`, `${TITLE}${template}`, ...new Set(figures)];
}

/** What a grouping item knows of its series, read back from its marks. */
export interface SeriesEntry { outlet: string; day: string; figures: ReadonlySet<string>; title: string }

export function seriesOf(marks: readonly string[]): SeriesEntry | undefined {
  let outlet = '', day = '', title = '';
  const figures = new Set<string>();
  for (const m of marks) {
    if (m.startsWith(OUTLET)) outlet = m.slice(OUTLET.length);
    else if (m.startsWith(DAY)) day = m.slice(DAY.length);
    else if (m.startsWith(FIGURE)) figures.add(m.slice(FIGURE.length));
    else if (m.startsWith(TITLE)) title = m.slice(TITLE.length);
  }
  return outlet && day && figures.size ? { outlet, day, figures, title } : undefined;
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
