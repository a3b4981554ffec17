// Interface text in Simplified, Traditional and English, kept as data. The language
// comes from ?lang=, else the browser's Accept-Language.
import type { QueryError, QueryErrorCode } from '../search/query.js';

export type Lang = 'hans' | 'hant' | 'en';

const TEXT = {
  appName: { hans: 'Parallax 多视角新闻档案', hant: 'Parallax 多視角新聞檔案', en: 'Parallax news archive' },
  search: { hans: '搜索', hant: '搜尋', en: 'Search' },
  events: { hans: '事件', hant: '事件', en: 'Events' },
  threads: { hans: '专题', hant: '專題', en: 'Threads' },
  thread: { hans: '所属专题', hant: '所屬專題', en: 'Thread' },
  eventsInThread: { hans: '专题中的事件（按时间）', hant: '專題中的事件（按時間）', en: 'Events of this thread, in time' },
  matrix: { hans: '说法 × 媒体', hant: '說法 × 媒體', en: 'Claims × outlets' },
  showAll: { hans: '全部说法', hant: '全部說法', en: 'all claims' },
  shared: { hans: '各家共有', hant: '各家共有', en: 'shared by all' },
  partial: { hans: '部分媒体', hant: '部分媒體', en: 'some outlets' },
  exclusive: { hans: '独家', hant: '獨家', en: 'exclusive' },
  omitted: { hans: '多数有而缺', hant: '多數有而缺', en: 'left out' },
  discrepant: { hans: '说法不一', hant: '說法不一', en: 'discrepant' },
  discrepancies: { hans: '说法不一之处', hant: '說法不一之處', en: 'Where outlets disagree' },
  perOutlet: { hans: '各家媒体', hant: '各家媒體', en: 'Each outlet' },
  anyOutletFilter: { hans: '任何媒体', hant: '任何媒體', en: 'any outlet' },
  ofOutlets: { hans: '家', hant: '家', en: 'outlets' },
  members: { hans: '报道', hant: '報道', en: 'Articles' },
  why: { hans: '共同词语', hant: '共同詞語', en: 'shared terms' },
  regrouping: { hans: '事件正在重新归组，请稍后再试', hant: '事件正在重新歸組，請稍後再試', en: 'The events are being regrouped; try again shortly' },
  pending: { hans: '对照正在计算，请稍后再试', hant: '對照正在計算，請稍後再試', en: 'The comparison is being computed; try again shortly' },
  page: { hans: '页', hant: '頁', en: 'page' },
  wireOf: { hans: '来自', hant: '來自', en: 'from' },
  outlets: { hans: '媒体', hant: '媒體', en: 'Outlets' },
  query: { hans: '关键词、"短语"、-排除、outlet:、since:、until:、tag:、script:、variant:', hant: '關鍵詞、"短語"、-排除、outlet:、since:、until:、tag:、script:、variant:', en: 'words, "phrase", -exclude, outlet:, since:, until:, tag:, script:, variant:' },
  anyOutlet: { hans: '所有媒体', hant: '所有媒體', en: 'any outlet' },
  anyScript: { hans: '任何字体', hant: '任何字體', en: 'any script' },
  since: { hans: '起', hant: '起', en: 'from' },
  until: { hans: '止', hant: '止', en: 'to' },
  results: { hans: '篇结果', hant: '篇結果', en: 'results' },
  noResults: { hans: '没有结果', hant: '沒有結果', en: 'No results' },
  prev: { hans: '上一页', hant: '上一頁', en: 'Previous' },
  next: { hans: '下一页', hant: '下一頁', en: 'Next' },
  original: { hans: '原文字体', hant: '原文字體', en: 'original script' },
  simplified: { hans: '简体', hant: '簡體', en: 'Simplified' },
  traditional: { hans: '繁体', hant: '繁體', en: 'Traditional' },
  published: { hans: '发布', hant: '發佈', en: 'Published' },
  updated: { hans: '更新', hant: '更新', en: 'Updated' },
  canonical: { hans: '原文链接', hant: '原文連結', en: 'Original' },
  archived: { hans: '存档', hant: '存檔', en: 'Archived copy' },
  raw: { hans: '原始文件', hant: '原始檔案', en: 'Raw original' },
  lineage: { hans: '转载与来源', hant: '轉載與來源', en: 'Lineage' },
  readAs: { hans: '查询理解为', hant: '查詢理解為', en: 'Read as' },
  variantsAdded: { hans: '也搜索了', hant: '也搜尋了', en: 'also searched' },
  variantsOptional: { hans: '可加入', hant: '可加入', en: 'add' },
  variantsOff: { hans: '已排除', hant: '已排除', en: 'left out' },
  wholeWordOnly: { hans: '只作整词', hant: '只作整詞', en: 'whole word only' },
  copies: { hans: '篇转载', hant: '篇轉載', en: 'copies' },
  turnOff: { hans: '不搜此词', hant: '不搜此詞', en: 'leave out' },
  story: { hans: '所属事件', hant: '所屬事件', en: 'Event' },
  outletsCount: { hans: '家媒体', hant: '家媒體', en: 'outlets' },
  articlesCount: { hans: '篇报道', hant: '篇報道', en: 'articles' },
  claims: { hans: '说法对照', hant: '說法對照', en: 'Claims side by side' },
  allCarry: { hans: '全部', hant: '全部', en: 'all' },
  someCarry: { hans: '部分', hant: '部分', en: 'some' },
  oneCarry: { hans: '独家', hant: '獨家', en: 'only one' },
  quotes: { hans: '引语', hant: '引語', en: 'Quotes' },
  alsoGivenTo: { hans: '另有媒体归于', hant: '另有媒體歸於', en: 'given by other outlets to' },
  entities: { hans: '人物、地点、机构', hant: '人物、地點、機構', en: 'People, places, organisations' },
  distinctive: { hans: '各家特有用词', hant: '各家特有用詞', en: 'Distinctive words' },
  timeline: { hans: '发布时间线', hant: '發佈時間線', en: 'Timeline' },
  wire: { hans: '通讯社稿比例', hant: '通訊社稿比例', en: 'Wire share' },
  dropped: { hans: '未采用的通讯社句子', hant: '未採用的通訊社句子', en: 'wire sentences left out' },
  figures: { hans: '图片', hant: '圖片', en: 'Figures' },
  notFound: { hans: '找不到', hant: '找不到', en: 'Not found' },
  language: { hans: '语言', hant: '語言', en: 'Language' },
  history: { hans: '修改与删除记录', hant: '修改與刪除記錄', en: 'Edits and removals' },
  changes: { hans: '修改与删除', hant: '修改與刪除', en: 'Changes' },
  watched: { hans: '监测来源', hant: '監測來源', en: 'Watched sources' },
  'kind:first': { hans: '首次抓取', hant: '首次抓取', en: 'first seen' },
  'kind:edit': { hans: '修改', hant: '修改', en: 'edited' },
  'kind:removed': { hans: '删除', hant: '刪除', en: 'removed' },
  'kind:restored': { hans: '恢复', hant: '恢復', en: 'restored' },
  'cause:http-404': { hans: '404 页面不存在', hant: '404 頁面不存在', en: '404 not found' },
  'cause:http-410': { hans: '410 已永久删除', hant: '410 已永久刪除', en: '410 gone' },
  'cause:redirect-home': { hans: '跳转到首页或栏目页', hant: '跳轉到首頁或欄目頁', en: 'redirected to the home or a section page' },
  'cause:soft-404': { hans: '显示“找不到页面”', hant: '顯示「找不到頁面」', en: 'the site\'s not-found page (soft 404)' },
  'cause:notice': { hans: '删除提示', hant: '刪除提示', en: 'a removal notice' },
  'cause:empty': { hans: '空白页面', hant: '空白頁面', en: 'an empty page' },
  between: { hans: '发生于以下两次抓取之间', hant: '發生於以下兩次抓取之間', en: 'happened between the fetches at' },
  titleChanged: { hans: '标题修改', hant: '標題修改', en: 'title changed' },
  noChanges: { hans: '没有修改或删除', hant: '沒有修改或刪除', en: 'No edits or removals' },
  skipToContent: { hans: '跳到正文', hant: '跳到正文', en: 'Skip to content' },
  queryError: { hans: '查询有误', hant: '查詢有誤', en: 'The query cannot be read' },
  searchTimeout: { hans: '搜索超时：请稍后再试，或缩小查询范围（"短语"、outlet:、since:、until:）', hant: '搜尋逾時：請稍後再試，或縮小查詢範圍（"短語"、outlet:、since:、until:）', en: 'The search took too long: try again later, or narrow the query (a "phrase", outlet:, since:, until:)' },
  indexStale: { hans: '搜索索引需要重建：请运行 parallax reindex', hant: '搜尋索引需要重建：請執行 parallax reindex', en: 'The search index must be rebuilt: run parallax reindex' },
  loadImageFrom: { hans: '打开图片（来自', hant: '開啟圖片（來自', en: 'Load image from' },
  loadImageEnd: { hans: '）', hant: '）', en: '' },
  related: { hans: '延伸阅读', hant: '延伸閱讀', en: 'Related reading' },
  media: { hans: '影音', hant: '影音', en: 'Media' },
  'media:video': { hans: '视频', hant: '影片', en: 'video' },
  'media:audio': { hans: '音频', hant: '音訊', en: 'audio' },
  'media:embed': { hans: '嵌入内容', hant: '嵌入內容', en: 'embedded content' },
  openAt: { hans: '在原网站打开', hant: '在原網站開啟', en: 'open on' },
  photoCredit: { hans: '图片来源', hant: '圖片來源', en: 'credit' },
  reporters: { hans: '记者', hant: '記者', en: 'reporters' },
  editor: { hans: '编辑', hant: '編輯', en: 'editor' },
  claimsCaption: { hans: '每行一个说法，每列一家媒体；● 表示该媒体有此说法', hant: '每行一個說法，每列一家媒體；● 表示該媒體有此說法', en: 'One claim per row, one outlet per column; ● marks an outlet that carries the claim' },
  'role:report': { hans: '报道', hant: '報道', en: 'report' },
  'role:reprint': { hans: '转载', hant: '轉載', en: 'reprint' },
  'role:update': { hans: '更新稿', hant: '更新稿', en: 'update' },
  'role:commentary': { hans: '评论', hant: '評論', en: 'commentary' },
  'role:preview': { hans: '预告', hant: '預告', en: 'preview' },
  'lineage:duplicate-of': { hans: '重复稿', hant: '重複稿', en: 'duplicate of' },
  'lineage:reprint-of': { hans: '转载自', hant: '轉載自', en: 'reprint of' },
  'lineage:update-of': { hans: '更新自', hant: '更新自', en: 'update of' },
  'lineage:contains': { hans: '包含', hant: '包含', en: 'contains' },
  'precision:day': { hans: '精确到日', hant: '精確到日', en: 'to the day' },
  'precision:minute': { hans: '精确到分钟', hant: '精確到分鐘', en: 'to the minute' },
  'precision:second': { hans: '精确到秒', hant: '精確到秒', en: 'to the second' },
  'alone:live': { hans: '实时更新页面：自成一个事件（实时页面、综述、日程和行情报道不与其他报道合并）', hant: '即時更新頁面：自成一個事件（即時頁面、綜述、日程和行情報道不與其他報道合併）', en: 'A live page: an event of its own (live pages, roundups, schedules and market reports are never joined with other reports)' },
  'alone:roundup': { hans: '综述：自成一个事件（实时页面、综述、日程和行情报道不与其他报道合并）', hant: '綜述：自成一個事件（即時頁面、綜述、日程和行情報道不與其他報道合併）', en: 'A roundup: an event of its own (live pages, roundups, schedules and market reports are never joined with other reports)' },
  'alone:schedule': { hans: '日程：自成一个事件（实时页面、综述、日程和行情报道不与其他报道合并）', hant: '日程：自成一個事件（即時頁面、綜述、日程和行情報道不與其他報道合併）', en: 'A schedule: an event of its own (live pages, roundups, schedules and market reports are never joined with other reports)' },
  'alone:market': { hans: '行情报道：自成一个事件（实时页面、综述、日程和行情报道不与其他报道合并）', hant: '行情報道：自成一個事件（即時頁面、綜述、日程和行情報道不與其他報道合併）', en: 'A market report: an event of its own (live pages, roundups, schedules and market reports are never joined with other reports)' },
  'entity:person': { hans: '人物', hant: '人物', en: 'person' },
  'entity:place': { hans: '地点', hant: '地點', en: 'place' },
  'entity:organisation': { hans: '机构', hant: '機構', en: 'organisation' },
  unknown: { hans: '不详', hant: '不詳', en: 'unknown' },
} as const satisfies Record<string, Record<Lang, string>>;

export type TextKey = keyof typeof TEXT;

export function t(lang: Lang, key: TextKey): string {
  return TEXT[key][lang];
}

export const isTextKey = (key: string): key is TextKey => Object.hasOwn(TEXT, key);

/** One Accept-Language tag as one of ours, or null when we have no interface in it. */
function langOfTag(tag: string): Lang | null {
  if (/^zh-(tw|hk|mo|hant)\b/.test(tag)) return 'hant';
  if (tag === 'zh' || tag.startsWith('zh-')) return 'hans';
  if (tag === 'en' || tag.startsWith('en-')) return 'en';
  return null;
}

/** The language a request asks for: ?lang=, else the first language of Accept-Language we have (by q), else 简. */
export function pickLang(param: string | undefined, acceptLanguage: string | undefined): Lang {
  if (param === 'hans' || param === 'hant' || param === 'en') return param;
  const ranked = (acceptLanguage ?? '').toLowerCase().split(',').slice(0, 50).map((part, i) => {
    const [tag = '', ...params] = part.trim().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), i };
  }).filter((x) => x.q > 0).sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    const lang = langOfTag(tag);
    if (lang) return lang;
  }
  return 'hans';
}

/** Query errors in 简 and 繁, by the code the API gives; {name} is one of the error's values. English is the error's own message. */
const QUERY_ERRORS: Record<QueryErrorCode, { hans: string; hant: string }> = {
  'query-too-long': { hans: '查询超过 {max} 个字符', hant: '查詢超過 {max} 個字元' },
  'phrase-not-closed': { hans: '第 {position} 个字符处以 {mark} 开始的短语没有结束的引号', hant: '第 {position} 個字元處以 {mark} 開始的短語沒有結束的引號' },
  'phrase-empty': { hans: '引号里是空的', hant: '引號裡是空的' },
  'filter-needs-value': { hans: '{field}: 后面需要一个值', hant: '{field}: 後面需要一個值' },
  'filter-negated': { hans: '筛选条件不能用减号排除：-{filter}', hant: '篩選條件不能用減號排除：-{filter}' },
  'script-invalid': { hans: 'script: 只能是 hans 或 hant，不能是 {value}', hant: 'script: 只能是 hans 或 hant，不能是 {value}' },
  'date-invalid': { hans: '{field}: 需要 YYYY-MM-DD 格式的日期，{value} 不是', hant: '{field}: 需要 YYYY-MM-DD 格式的日期，{value} 不是' },
  'field-unknown': { hans: '没有 {field}: 这个字段（可用：{fields}）；要搜索这段文字，请加引号："{word}"', hant: '沒有 {field}: 這個欄位（可用：{fields}）；要搜尋這段文字，請加引號："{word}"' },
  'too-many-terms': { hans: '查询最多 {max} 个词或短语，这里有 {count} 个', hant: '查詢最多 {max} 個詞或短語，這裡有 {count} 個' },
  'nothing-to-search': { hans: '“{query}”里没有可搜索的内容：需要一个词、数字或筛选条件', hant: '「{query}」裡沒有可搜尋的內容：需要一個詞、數字或篩選條件' },
  'query-empty': { hans: '查询是空的：请输入词语、"短语"或 outlet:ID 之类的筛选条件', hant: '查詢是空的：請輸入詞語、"短語"或 outlet:ID 之類的篩選條件' },
  'since-after-until': { hans: '起始日期 {since} 晚于截止日期 {until}', hant: '起始日期 {since} 晚於截止日期 {until}' },
  'only-exclusions': { hans: '查询至少要有一个要找的词，不能只有 -排除', hant: '查詢至少要有一個要找的詞，不能只有 -排除' },
  'outlet-unknown': { hans: '档案中没有媒体 {outlets}（现有：{known}）', hant: '檔案中沒有媒體 {outlets}（現有：{known}）' },
  'offset-past-cap': { hans: '只列出前 {max} 篇结果：请缩小查询范围（"短语"、outlet:、since:、until:）', hant: '只列出前 {max} 篇結果：請縮小查詢範圍（"短語"、outlet:、since:、until:）' },
};

/** A query error in the interface's language. */
export function queryErrorText(lang: Lang, e: QueryError): string {
  if (lang === 'en') return e.message;
  return QUERY_ERRORS[e.code][lang].replace(/\{(\w+)\}/g, (whole, name: string) => String(e.params[name] ?? whole));
}
