// Articles that are their own event whatever they share with others: "market reports,
// roundups and live pages stand alone" (issue 14; eval/gold/events-guideline.md G11). A live
// page of a count, a morning digest or a premier's daily schedule names the happenings of the
// day, so by its words it joins the largest of them. Known by their titles: the forms the
// archive's outlets give them, as data (one row a form, with a fictional title of that form).
import type { Article } from '../article.js';

export type StandaloneKind = 'live' | 'roundup' | 'schedule';

interface StandaloneForm { kind: StandaloneKind; title: RegExp; example: string }

export const STANDALONE_FORMS: readonly StandaloneForm[] = [
  // a page updated as a count or a match goes on
  { kind: 'live', title: /[【[(（](?:不斷|不断|持續|持续|即時|即时|滾動|滚动)更新[】\])）]|(?:文字|圖文|图文)直播[】\])）]?$/u, example: '晴川港遷建公投開票【不斷更新】' },
  // digests of the day or the week (CNA's morning digest and daily pandemic round-up, DW's pictures, BBC's week, Reuters' weekly reviews)
  { kind: 'roundup', title: /^早安世界》/u, example: '早安世界》晴川港罷工進入第三天' },
  { kind: 'roundup', title: /全球最新情報\s*\d{1,2}\/\d{1,2}$/u, example: '流感全球最新情報3/14' },
  { kind: 'roundup', title: /(?:张图|張圖)看一[周週]|一[周週](?:大事|回顾|回顧|走势回顾|走勢回顧)$|^一[周週]展望[：:]|和本[周週]更多重要故事$/u, example: '五张图看一周大事' },
  // a leader's day, one page a day (Kyodo)
  { kind: 'schedule', title: /^(?:追踪|追蹤).{2,12}（\d{1,2}日）$/u, example: '追踪望潮岛市长（18日）' },
];

/**
 * The word a standalone article's analysed row opens with (analyze.ts), so that a replay
 * knows it from the stored words alone; no text gives it (features.ts keeps letters and digits).
 */
export const STANDS_ALONE = '#alone';

/** Which kind of standalone piece an article is by its title, or null for an ordinary report. */
export function standaloneKind(a: Pick<Article, 'title'>): StandaloneKind | null {
  const title = a.title.trim();
  for (const f of STANDALONE_FORMS) if (f.title.test(title)) return f.kind;
  return null;
}
