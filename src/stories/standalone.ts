// Articles that are their own event whatever they share with others: "market reports,
// roundups and live pages stand alone" (issue 14; eval/gold/events-guideline.md G11). A live
// page of a count, a morning digest or a premier's daily schedule names the happenings of the
// day, so by its words it joins the largest of them. Known by their titles: the forms the
// archive's outlets give them, as data (one row a form, with a fictional title of that form).
import type { Article } from '../article.js';

export type StandaloneKind = 'live' | 'roundup' | 'schedule' | 'market';

/** markets whose moves are reported through the day: stock markets and their indexes, currencies, gold and oil */
const MARKETS = `(?:${[
  '港股', '恒指', '恆指', '國企指數', '国企指数', '日股', '日經(?:平均)?指數', '日经(?:平均)?指数', '台股', '韓股', '韩股', '美股', '道指', '納指', '纳指', '標普', '标普',
  '滬股', '沪股', '深股', '滬深股市', '沪深股市', '滬綜指', '沪综指', '內地股市', '内地股市', '(?:歐洲|欧洲|亞洲|亚洲)(?:主要)?股市', '亞股', '亚股', '歐股', '欧股',
  '(?:在岸|離岸|离岸)?人民幣', '(?:在岸|離岸|离岸)?人民币', '美元', '歐元(?![區区])', '欧元(?![區区])', '日圓', '日元', '金價', '金价', '(?:國際|国际)?油價', '(?:國際|国际)?油价', '(?:國際|国际)油市', '(?:紐約|纽约)?期油', '(?:紐約|纽约)?期金', '(?:紐約|纽约|東京|东京|倫敦|伦敦)股市',
].join('|')})`;
/** how a market moved, or the hour of its day a report gives */
const MOVES = `(?:${[
  '升(?![溫温級级格])', '跌', '漲', '涨', '高收', '低收', '收高', '收低', '高開', '高开', '低開', '低开', '收市', '收盤', '收盘', '收報', '收报', '收窄', '半日', '開市', '开市', '開盤', '开盘', '早盤', '早盘', '午盤', '午盘', '初段',
  '上揚', '上扬', '下挫', '急挫', '攀升', '走高', '走低', '走弱', '走強', '走强', '靠穩', '靠稳', '變動不大', '变动不大', '下滑', '反彈', '反弹', '回落', '失守', '受壓', '受压',
].join('|')})`;

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
  // a market's move at an hour of its day (RTHK's opening, midday and close, Reuters' and
  // Kyodo's closes): a market named first (after a column's name) and how it moved soon after,
  // or a market anywhere with a move and the figure of it (CNA: …走弱 台股早盤跌逾87點)
  { kind: 'market', title: new RegExp(`^(?:[^：:\\s]{2,6}[：:])?${MARKETS}.{0,8}?${MOVES}`, 'u'), example: '港股半日升逾1% 晴川港务股领涨' },
  { kind: 'market', title: new RegExp(`${MARKETS}.{0,4}?${MOVES}.{0,4}?[\\d.一二兩两三四五六七八九十百千萬万]+(?:點|点|%|％)`, 'u'), example: '晴川港务走弱 台股早盘跌逾87点' },
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

/**
 * Why a one-article event has no other telling, if its title's form is the reason (the event
 * page and the API both say it): read off the comparison's timeline, which names the article.
 */
export function standaloneEvent(e: { members: readonly unknown[] }, c: { timeline: ReadonlyArray<{ articles: ReadonlyArray<{ title: string }> }> }): StandaloneKind | null {
  const title = e.members.length === 1 ? c.timeline[0]?.articles[0]?.title : undefined;
  return title === undefined ? null : standaloneKind({ title });
}
