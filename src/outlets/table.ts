// The outlet table: who publishes, under which names, from which domains, in which
// region (which decides the time zone of zone-less times). Kept as data, sorted by id.
// Per-outlet boilerplate rules live beside each outlet (`rules`); generic rules are in
// src/extract/boilerplate.ts.
import type { Region } from '../article.js';

export interface OutletRules {
  /** class or id substrings of elements whose whole subtree is not article text */
  dropSelectors?: string[];
  /** paragraphs matching any of these are dropped */
  dropParagraphs?: RegExp[];
  /** text removed from the end of the last paragraph (e.g. CNA's ROC-date code 1101213) */
  trimTail?: RegExp[];
  /** a trailing title segment (after ` | ` or ` - `) that names a section or column, not the story */
  titleSection?: RegExp;
  /** titleSection applies only to the segment right before the outlet's own name (a page template `title | section | site`) */
  titleSectionBeforeName?: boolean;
  /** markers the outlet appends to titles ([影]: the story has a video) */
  titleMarkers?: RegExp[];
}

export interface OutletEntry {
  id: string;
  names: { hans: string; hant: string; en: string };
  region: Region;
  domains: string[];
  /** other spellings seen in `author`, `categories` and file names */
  aliases: string[];
  /** a wire agency whose datelines other outlets reprint */
  wire?: boolean;
  /** no wire agency, but its articles open with datelines in its name (法广北京12月13日…) */
  datelines?: boolean;
  rules?: OutletRules;
}

export const OUTLETS: readonly OutletEntry[] = [
  {
    id: 'aj', names: { hans: '半岛电视台', hant: '半島電視台', en: 'Al Jazeera Chinese' }, region: 'QA',
    domains: ['chinese.aljazeera.net'], aliases: ['aj', '半岛电视台中文网'],
    // page titles are `headline | tag | 半岛电视台`: the tag is one or two words (政治 新闻, 2022年 卡塔尔世界杯)
    rules: { titleSection: /^[^|｜]{1,16}$/u, titleSectionBeforeName: true },
  },
  {
    id: 'ap', names: { hans: '美联社', hant: '美聯社', en: 'Associated Press' }, region: 'US',
    domains: ['apnews.com'], aliases: ['美國聯合通訊社'], wire: true,
  },
  {
    id: 'afp', names: { hans: '法新社', hant: '法新社', en: 'Agence France-Presse' }, region: 'FR',
    domains: ['afp.com'], aliases: [], wire: true,
  },
  {
    id: 'bbc', names: { hans: 'BBC中文', hant: 'BBC中文', en: 'BBC News Chinese' }, region: 'GB',
    domains: ['bbc.com', 'bbc.co.uk'], aliases: ['bbc', 'bbc中文网', 'BBC中文網', '英国广播公司'],
    // 图像来源，Getty Images under each picture is a credit (src/extract/boilerplate.ts)
    rules: { dropParagraphs: [/^\d+\s*(分钟|分鐘|小时|小時)前$/] },
  },
  {
    id: 'chinafile', names: { hans: '中参馆', hant: '中參館', en: 'ChinaFile' }, region: 'US',
    domains: ['chinafile.com'], aliases: ['ChinaFile'],
  },
  {
    id: 'cna', names: { hans: '中央社', hant: '中央社', en: 'Central News Agency' }, region: 'TW',
    domains: ['cna.com.tw'], aliases: ['cna', '中央通讯社', '中央通訊社'], wire: true,
    rules: { trimTail: [/\s*\d{7}\s*$/], titleMarkers: [/\s*\[影\]$/] },
  },
  {
    id: 'chinanews', names: { hans: '中新社', hant: '中新社', en: 'China News Service' }, region: 'CN',
    domains: ['chinanews.com.cn', 'chinanews.com'], aliases: ['中国新闻社', '中國新聞社', '中新網', '中新网'], wire: true,
  },
  {
    id: 'dw', names: { hans: '德国之声', hant: '德國之聲', en: 'Deutsche Welle' }, region: 'DE',
    domains: ['dw.com'], aliases: ['dw', '德国之声中文网', '德國之聲中文網'],
  },
  {
    id: 'hkcnews', names: { hans: '众新闻', hant: '眾新聞', en: 'Citizen News' }, region: 'HK',
    domains: ['hkcnews.com', 'www.hkcnews.com'], aliases: ['CitizenNews'],
    rules: {
      dropParagraphs: [/請加入成為眾新聞的月費訂戶/, /^月費訂戶/],
    },
  },
  {
    id: 'iyouport', names: { hans: 'iYouPort', hant: 'iYouPort', en: 'iYouPort' }, region: 'INTL',
    domains: ['iyouport.org', 'www.iyouport.org'], aliases: [],
    rules: { dropSelectors: ['entry-meta', 'entry-footer', 'sharedaddy', 'jp-relatedposts', 'post-navigation'] },
  },
  {
    id: 'kyodo', names: { hans: '共同社', hant: '共同社', en: 'Kyodo News' }, region: 'JP',
    domains: ['china.kyodonews.net', 'kyodonews.net'], aliases: ['kyodo', '共同网', '共同網'], wire: true,
  },
  {
    id: 'medium', names: { hans: 'Medium', hant: 'Medium', en: 'Medium' }, region: 'INTL',
    domains: ['medium.com'], aliases: [],
  },
  {
    id: 'reuters', names: { hans: '路透社', hant: '路透社', en: 'Reuters' }, region: 'GB',
    domains: ['cn.reuters.com', 'reuters.com'], aliases: ['reuters', '路透', '路透中文网', '路透中文網'], wire: true,
  },
  {
    id: 'rfi', names: { hans: '法国国际广播电台', hant: '法國國際廣播電台', en: 'RFI' }, region: 'FR',
    domains: ['rfi.fr'], aliases: ['rfi', '法广', '法廣'], datelines: true,
    // RFI's columns, appended to titles as ` - 要闻解说` (法国世界报: its column reviewing Le Monde)
    rules: {
      titleSection: /^(要闻解说|要聞解說|要闻分析|要聞分析|法国报纸摘要|法國報紙摘要|法国世界报|法國世界報|聚焦非洲|美国专栏|美國專欄|欧洲思想文化长廊|歐洲思想文化長廊|柏林飞鸿|柏林飛鴻|曼谷专栏|曼谷專欄|东京专栏|東京專欄|微言微语|微言微語|公民论坛|公民論壇|今日经济|今日經濟|中华世界|中華世界)$/u,
    },
  },
  {
    id: 'rthk', names: { hans: '香港电台', hant: '香港電台', en: 'RTHK' }, region: 'HK',
    domains: ['news.rthk.hk', 'rthk.hk'], aliases: ['rthk'],
  },
  {
    id: 'sina', names: { hans: '新浪财经', hant: '新浪財經', en: 'Sina Finance' }, region: 'CN',
    domains: ['finance.sina.com.cn', 'sina.com.cn', 'sinaimg.cn'], aliases: ['新浪', '新浪网', '新浪網', 'sina'],
    rules: { dropSelectors: ['appendQr', 'article-editor'] },
  },
  {
    id: 'xinhua', names: { hans: '新华社', hant: '新華社', en: 'Xinhua News Agency' }, region: 'CN',
    domains: ['news.cn', 'xinhuanet.com'], aliases: ['新华网', '新華網', '新华通讯社'], wire: true,
  },
  {
    id: 'zaker', names: { hans: 'ZAKER', hant: 'ZAKER', en: 'ZAKER' }, region: 'CN',
    domains: ['myzaker.com', 'zaker.com'], aliases: ['扎客'],
  },
  {
    id: 'zaobao', names: { hans: '联合早报', hant: '聯合早報', en: 'Lianhe Zaobao' }, region: 'SG',
    domains: ['zaobao.com', 'www.zaobao.com', 'zaobao.com.sg'], aliases: ['早报', '早報', 'zaobao'],
  },
];
