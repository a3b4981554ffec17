// Who made the article: credit lines (责任编辑、出品人、记者…) and wire datelines
// (新华社北京12月15日电（记者杨依军）). Credit lines are metadata, not article text.
import type { Credits, Wire } from '../article.js';
import { OUTLETS } from '../outlets/table.js';

const ROLE = '主笔|主筆|视觉|視覺|责任编辑|責任編輯|编辑|編輯|出品人|总策划|總策劃|策划|策劃|监制|監製|统筹|統籌|记者|記者|摄影|攝影|撰文|文字|翻译|翻譯|校对|校對|制作|製作|设计|設計|视频|視頻|海报|海報|主编|主編|审核|審核|撰稿|作者|来源|來源';
const CREDIT_LINE = new RegExp(`^[（(]?(${ROLE})\\s*[：:|｜丨]\\s*(.{1,60}?)[）)]?$`);
// a byline without a colon: 记者 林海舟 / 記者 陳大文、李小明
const BYLINE = new RegExp(`^(${ROLE})\\s+((?:\\p{Script=Han}{2,4}[、，, ]*){1,4})$`, 'u');
const EDITOR_ROLES = new Set(['责任编辑', '責任編輯', '编辑', '編輯', '主编', '主編']);
const REPORTER_ROLES = new Set(['记者', '記者', '撰文', '撰稿', '文字', '作者']);

/** Split a list of names as credit lines write them. Work codes such as `SF014` are dropped. */
export function splitNames(s: string): string[] {
  return s
    .split(/[、，,;；\/／]|\s{1,}/)
    .map((n) => n.trim())
    .filter((n) => n && !/^[A-Z]{1,4}\d{2,}$/.test(n));
}

/** A credit line's role and names, or null when the paragraph is ordinary text. */
export function parseCreditLine(paragraph: string): { role: string; names: string[] } | null {
  const p = paragraph.trim();
  if (p.length > 70) return null;
  const m = CREDIT_LINE.exec(p) ?? BYLINE.exec(p);
  if (!m) return null;
  const names = splitNames(m[2]!);
  if (names.length === 0) return null;
  return { role: m[1]!, names };
}

// a credit in brackets after a paragraph's last sentence: …確診病例。（編輯：楊昇儒）
const TRAILING_CREDIT = new RegExp(`(?<=[。！？!?」』”])\\s*[（(](${ROLE})\\s*[：:]\\s*([^（）()]{1,40})[）)]\\s*$`, 'u');

/** A paragraph's text without the credit its last sentence is followed by, and the credit; null where it has none. */
export function splitTrailingCredit(paragraph: string): { text: string; role: string; names: string[] } | null {
  const m = TRAILING_CREDIT.exec(paragraph);
  if (!m) return null;
  const names = splitNames(m[2]!);
  return names.length ? { text: paragraph.slice(0, m.index).trimEnd(), role: m[1]!, names } : null;
}

export function addCredit(credits: Credits, role: string, names: string[]): void {
  if (EDITOR_ROLES.has(role)) credits.editor.push(...names);
  else if (REPORTER_ROLES.has(role)) credits.reporters.push(...names);
  else (credits.roles[role] ??= []).push(...names);
}

// the Chinese names of the outlet table's wire agencies (and of outlets that write datelines),
// longest first, then any other "…社" (德新社, 塔斯社: an agency the table does not know yet)
const AGENCY = [...new Set(OUTLETS.filter((o) => o.wire || o.datelines)
  .flatMap((o) => [o.names.hans, o.names.hant, ...o.aliases]).filter((n) => /^\p{Script=Han}+$/u.test(n)))]
  .sort((a, b) => b.length - a.length).join('|') + '|\\p{Script=Han}{1,3}社';
const PLACES = [
  '北京', '上海', '香港', '澳门', '澳門', '台北', '臺北', '东京', '東京', '首尔', '首爾', '华盛顿', '華盛頓', '纽约', '紐約',
  '伦敦', '倫敦', '巴黎', '柏林', '莫斯科', '布鲁塞尔', '布魯塞爾', '新加坡', '日内瓦', '日內瓦', '联合国', '聯合國', '广州',
  '廣州', '深圳', '武汉', '武漢', '乌鲁木齐', '烏魯木齊', '拉萨', '拉薩', '高雄', '台中', '臺中', '台南', '臺南', '桃園', '桃园',
  '新北', '曼谷', '雅加达', '雅加達', '悉尼', '雪梨', '堪培拉', '渥太华', '渥太華', '洛杉矶', '洛杉磯', '利物浦',
];

// 新华社北京12月15日电（记者杨依军） · 路透伦敦/纽约12月13日 - · 【共同社利物浦12月13日电】
const DATELINE = new RegExp(
  `^[【（(]?(${AGENCY})(?:記者|记者)?([^\\d\\s（）()【】，。、]{0,16}?)(?:(\\d{1,2})月)?(\\d{1,2})日` +
    `(?:电|電|綜合外電報導|综合外电报道|綜合報導|综合报道|專電|专电)?[】]?(?:\\s*[（(](?:记者|記者)?\\s*([^）)]{1,30})[）)])?`,
  'u',
);
// （中央社記者陳婕翎、江慧珺台北13日電）: reporters and place run together
const REPORTER_FIRST = new RegExp(`^[（(【](${AGENCY})(?:記者|记者)([^\\d（）()]{2,40}?)(?:(\\d{1,2})月)?(\\d{1,2})日(?:电|電|專電|专电|綜合報導|综合报道)`, 'u');

/** The first wire dateline heading a paragraph: a reprint may carry the wire text after its own lead. */
export function wireDateline(paragraphs: readonly string[]): Wire | null {
  for (const p of paragraphs) {
    const head = p.trim().slice(0, 90);
    const rf = REPORTER_FIRST.exec(head);
    if (rf) {
      const run = rf[2]!;
      const place = PLACES.filter((pl) => run.endsWith(pl)).sort((a, b) => b.length - a.length)[0] ?? run.slice(-2);
      return {
        agency: rf[1]!, place, day: dayOf(rf[3], rf[4]!), reporters: splitNames(run.slice(0, run.length - place.length)),
        text: closed(rf[0], head),
      };
    }
    const m = DATELINE.exec(head);
    if (m && (m[2] || m[3])) {
      return {
        agency: m[1]!, place: m[2]!.replace(/[\s-]+$/, ''), day: dayOf(m[3], m[4]!),
        reporters: m[5] ? splitNames(m[5].replace(/^(记者|記者)/, '')) : [], text: closed(m[0], head),
      };
    }
  }
  return null;
}

const CLOSERS: Record<string, string> = { '（': '）', '(': ')', '【': '】' };

/** A dateline opened with a bracket is kept up to its closing bracket: 「（中央社台北15日電）」, not 「（中央社台北15日電」. */
function closed(matched: string, head: string): string {
  const closer = CLOSERS[matched[0]!];
  if (!closer || matched.endsWith(closer)) return matched;
  const next = head[matched.length];
  return next === closer || (closer === '）' && next === ')') || (closer === ')' && next === '）') ? matched + next : matched;
}

function dayOf(month: string | undefined, day: string): string {
  const d = day.padStart(2, '0');
  return month ? `${month.padStart(2, '0')}-${d}` : d;
}
