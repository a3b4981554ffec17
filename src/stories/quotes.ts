// Who said what: direct quotations, each given to the person who spoke it (the same
// remark across outlets is aligned in quote-alignment.ts). The speaker is
// the subject of the clause that introduces the quote (习近平感谢普京：「…」 is Xi
// speaking: 普京 is the object of 感谢), else the person named with a verb of saying right
// after it (「…」，普京说), else the last speaker of the article when the clause says
// only 他/她. A quotation that opens its sentence, or follows a clause that names nobody,
// continues the speech of the sentence before (X表示：… /「…」).
import type { Article } from '../article.js';
import type { Token } from '../text/segment.js';
import { normalizeText } from '../text/normalize.js';
import { splitSentences } from '../text/sentences.js';
import type { UnitContext } from './claims.js';
import { backgroundIdf, SPECIFIC_IDF } from './features.js';
import { quotationsOf, straightMarks } from './quotations.js';
import { AFTER_NAME, alternation, MORE_OBJECT_VERBS, MORE_SAY, MORE_TITLES, KIND_SIDES, ORGANISATION_ENDS, PARTIES, REFERRING_ROLES, SURNAME_TITLES } from './speaker-words.js';
const ORGANISATION_END = new RegExp(`^(?:${alternation(ORGANISATION_ENDS)})`);

// (据说 is hearsay, 著称 is renown, 称为 is naming: none introduces a quote)
const SAY_CORE = /(表示|指出|承諾|承诺|盛讚|盛赞|強調|强调|(?<![著號号])(?:稱|称)(?![為为])|(?<![據据])(?:說|说)(?!法)|認為|认为|宣布|坦言|警告|回應|回应|透露|批評|批评|提到|直言|形容|讚揚|赞扬|重申|呼籲|呼吁|寫道|写道|問道|问道|答道|回答|聲稱|声称|承認|承认|補充|补充|解釋|解释|談到|谈到|提醒|致辭|致辞|發文|发文|告訴|告诉|聲明|声明|質疑|质疑|直指|抨擊|抨击|感謝|感谢|讚賞|赞赏|比作|比喻|比成|要求|敦促)/;
const SAY = new RegExp(`(${SAY_CORE.source.slice(1, -1)}|${alternation(MORE_SAY)})`);
/** prepositions before the person acted on: 对普京说, 向记者表示 */
const PREPOSITIONS = '對|对|向|同|跟|與|与|和|給|给';
/** a person right after one of these is spoken to or about, not speaking */
const OBJECT_BEFORE = new RegExp(`(${PREPOSITIONS}|感謝|感谢|邀請|邀请|稱讚|称赞|祝賀|祝贺|會見|会见|致電|致电|問候|问候|告訴|告诉|批評|批评|呼籲|呼吁|要求|敦促|譴責|谴责|反駁|反驳|回應|回应|稱呼|称呼|${alternation(MORE_OBJECT_VERBS)})$`);
/** a verb or preposition of those anywhere in a text (会见, 对) */
const OBJECT_WORD = new RegExp(OBJECT_BEFORE.source.replace(/\$$/, ''));
/** role words before a name the tagger may not know (立陶宛外长兰斯伯吉斯表示) */
const ROLES = '外交大臣|外相|防長|防长|大臣|主席|總統|总统|總理|总理|首相|外長|外长|部長|部长|發言人|发言人|大使|議員|议员|主任|局長|局长|司長|司长|特首|行政長官|行政长官|秘書長|秘书长|主編|主编|教授|研究員|研究员|顧問|顾问|助理|議長|议长|市長|市长|委員|委员|代表|國務卿|国务卿|總裁|总裁|董事長|董事长|官員|官员|院長|院长|署長|署长|處長|处长|理事長|理事长|負責人|负责人|律師|律师|法官|' + alternation(MORE_TITLES);
const ROLE_NAME_SOURCE = `(${ROLES})(\\p{Script=Han}{1,6}?(?:[·‧-]\\p{Script=Han}{1,6}?){1,2}|(?:\\p{Script=Han}|·|‧|-){2,8}?)(?=${SAY_CORE.source.slice(1, -1)}|在|對|对|向|也|則|则|又|還|还|更|當天|当天|昨天|昨日|今天|今日|週|周|指|${alternation(MORE_SAY)}|[，,：:（(]|\\d)`;
const ROLE_NAME = new RegExp(ROLE_NAME_SOURCE, 'u');
/** titles that name one office (英国外交大臣特拉斯 is the 外长 of a later 英国外长批评称), each folded to its first */
const SAME_TITLE: readonly string[][] = [
  ['外长', '外長', '外交大臣', '外相', '外交部长', '外交部長'],
  ['防长', '防長', '国防部长', '國防部長'],
  ['总统', '總統'], ['总理', '總理'], ['主席'], ['发言人', '發言人'], ['主编', '主編', '总编', '總編', '总编辑', '總編輯'],
];
const TITLE_OF = new Map(SAME_TITLE.flatMap((g) => g.map((t) => [t, g[0]!] as const)));
const titleKey = (t: string): string => TITLE_OF.get(t) ?? t;
/** every spelling of the titles the article gives one name, longest first (外交部长 before 外长) */
const TITLE_SPELLINGS = [...new Set([...ROLES.split('|'), ...SAME_TITLE.flat()])].sort((a, b) => b.length - a.length);
const TITLES: ReadonlySet<string> = new Set(TITLE_SPELLINGS);
/** 总统顾问斯凯斯吉里特: the name after the last of several titles */
function nameOfRole(name: string): string {
  for (let again = true; again;) {
    again = false;
    for (const t of TITLE_SPELLINGS) if (name.startsWith(t) && name.length > t.length + 1) { name = name.slice(t.length); again = true; break; }
  }
  return name;
}
/** where a title stands as a word of its own (大使, not 大使馆; 議員, not 區議員選舉 or 議員席位) */
function titleAt(text: string, title: string): number {
  for (let at = text.indexOf(title); at >= 0; at = text.indexOf(title, at + 1)) if (!/^(?:[館馆團团級级選选席職职]|[處处](?![理置於于分罰罚]))/.test(text.slice(at + title.length))) return at;
  return -1;
}
/** a government body of a place named before it (立陶宛政府, 美国国务院) */
const INSTITUTION = /^(政府|當局|当局|外交部|國防部|国防部|國務院|国务院|國會|国会|議會|议会|白宫|白宮)$/;
const ROLE_NAMES = new RegExp(ROLE_NAME_SOURCE, 'gu');
const PRONOUN = /(他|她)(們|们)?[^\p{Script=Han}]*$|^(他|她)|[，,](他|她)/u;
/** news agencies and media named as the source of a report are not the speaker */
const MEDIA = /社$|網$|网$|台$|報$|报$|媒體$|媒体$|電視$|电视$|通訊$|通讯$/;
/** a verb of saying or likening right before a quotation (比喻成“…”, 称：“…”): a short quotation there is speech */
const INTRODUCES = new RegExp(`(?:${SAY.source})(?:成|为|為|作|道)?\\s*[：:，,]?\\s*$`);
const introduces = (before: string): boolean => INTRODUCES.test(before);

/** a quotation found in an article: its speaker, sentence (n) and where the quoted text starts (at) */
export interface Found { speaker: string; article: Article; n: number; at: number; text: string }
/** a quotation whose speaker the article may not name (null) */
export type Quoted = Omit<Found, 'speaker'> & { speaker: string | null };

/** A quote's speaker in a form comparable across scripts and variants. */
export function speakerKey(name: string, ctx: UnitContext): string {
  // 吉娜·雷蒙多 (吉娜-雷蒙多) and 雷蒙多 are one person: a transliterated name is known by its last part;
  // Cathie Wood and Wood too
  const norm = normalizeText(name).trim().replace(/[·‧・•]|(?<=\p{Script=Han})[-‐–－](?=\p{Script=Han})/gu, '·');
  if (/^[\p{Script=Latin}'’.-]+(?:\s+[\p{Script=Latin}'’.-]+)+$/u.test(norm)) return norm.slice(norm.search(/\S+$/));
  return ctx.aliases.canonical(norm.includes('·') ? norm.slice(norm.lastIndexOf('·') + 1) : norm);
}

/** a title after a one-character surname (习主席, 普京总统 is a name already): who it is, from the article's people */
const SURNAME_TITLE = new RegExp(`(\\p{Script=Han})(?:${alternation(SURNAME_TITLES)})(?![員员邸])`, 'gu');
/** a meeting speaking by its kind alone (会议认为, 全会指出) */
const MEETING_SPEAKS = new RegExp(`^\\s*(?:[並并还還也亦另]*)(会议|會議|全会|全會)(?:[也还還则則又更亦再]|進一步|进一步)?(?=${SAY_CORE.source.slice(1, -1)})`, 'u');
/** the one meeting of that kind the article names in full (上周五闭幕的中央经济工作会议 → 中央经济工作会议), else null */
function meetingInFull(kind: string, article: string): string | null {
  const names = new Set<string>();
  for (const m of article.matchAll(new RegExp(`(\\p{Script=Han}{2,12})${kind}`, 'gu'))) {
    const name = m[1]!.replace(/^.*[的之在和与與及將将由對对於于]/, '').replace(/^(?:所以|因此|但是|但|而且|而|并且|並且|并|並|今年|去年|明年|本次|此次|这次|這次|上次|日前|近日|本周|本週|上周|上週|昨天|昨日|今天|今日)+/, '');
    if (name.length >= 2) names.add(name + kind);
  }
  return names.size === 1 ? [...names][0]! : null;
}
/** a clause that opens with one character and an adverb before its verb of saying (陳續指) */
const SURNAME_GOES_ON = new RegExp(`^\\s*(\\p{Script=Han})(?:續|续|又|亦|再|則|则|還|还)(?=${SAY_CORE.source.slice(1, -1)}|指)`, 'u');
/** a body named in Latin letters and its unnamed spokesman before the verb (Meta發言人說, Google的發言人表示) */
const LATIN_BODY_SPOKESMAN = new RegExp(`(?:^|[^A-Za-z\\s])\\s*([A-Z][A-Za-z0-9&.]*(?:\\s[A-Z][A-Za-z0-9&.]*)?)\\s*(?:的)?(?:發言人|发言人|公司發言人|公司发言人)(?:[也还還则則又更亦再])?(?=${SAY_CORE.source.slice(1, -1)})`, 'u');
/** a body's Latin name, not a person's: an acronym (G7, WHO) or words that name a body (Imperial College) */
const LATIN_BODY = `[A-Z][A-Z0-9&]{1,7}|[A-Za-z .&'-]*\\b(?:College|University|Institute|Agency|Group|Council|Organi[sz]ation|Association|Bank|Fund|Office|Ministry|Department|Committee|Commission|Service|Centre|Center|Foundation|Union|Party|Court|Federation)\\b[A-Za-z .&'-]*`;
/** a body named in Han with its Latin name (or acronym) in brackets, opening the clause, then a date and a verb of saying */
const LATIN_NAMED_BODY = new RegExp(`^\\s*(?:[並并而且也亦另]*)(\\p{Script=Han}{4,14})[（(](${LATIN_BODY})[）)]\\s*(?:\\d{1,2}日)?(?:[也还還则則又更亦再])?(?=${SAY_CORE.source.slice(1, -1)})`, 'u');
/** a team, group or institute named in full opening the clause, before its verb of saying */
const TEAM_SPEAKS = new RegExp(`^\\s*(?:[並并而且也亦另]*)(\\p{Script=Han}{2,12}(?:团队|團隊|研究所|研究院|研究中心|小组|小組))(?:[也还還则則又更亦再均都])?(?=${SAY_CORE.source.slice(1, -1)})`, 'u');
/** the place named right before a title (波兰 of 波兰总理), or null */
function placeBefore(text: string, ctx: UnitContext): string | null {
  const last = ctx.segmenter.tag(text).at(-1);
  return last && last.end === text.length && ctx.segmenter.entityKind(last) === 'place' ? last.norm : null;
}
/** a country and 驻 right before the place a mission is in (中国驻 of 中国驻美国大使馆) */
const STATIONED_IN = /\p{Script=Han}{2,4}[驻駐]$/u;
/** a surname and an honorific (溫女士, 魏先生): a person the article names no further; not after a word that is no surname (這位先生) */
const HONORIFIC_NAME = /(?<![\p{Script=Han}])\p{Script=Han}(?:先生|女士|小姐|太太)|(?<=[歲岁的])\p{Script=Han}(?:先生|女士|小姐|太太)/u;
/** a surname and a title as one word (岑官, 姚官): a title, resolved to a name below, not a name */
const SURNAME_TITLED = new RegExp(`^\\p{Script=Han}(?:${alternation(SURNAME_TITLES)})$`, 'u');
const OBJECT_START = new RegExp(`^(${PREPOSITIONS})`);

const HAN_NAME = /^\p{Script=Han}{2,3}$/u;
/** an unknown word that could be a Chinese personal name: the segmenter's own test for a guessed name (it starts with a surname) */
const couldBeName = (t: Token, ctx: UnitContext): boolean => HAN_NAME.test(t.norm) && ctx.segmenter.entityKind({ ...t, tag: 'nr' }) === 'person';
const NAME_PART = new Set(['nr', 'nrt', 'nrfg']);
const DOT = /^[·‧•・]$/;
const SAY_AT_END = /(?:說|说|稱|称|表示|指出)$/;
/** a piece of a transliterated name: a name part, or a word the tagger does not know, that is no title */
const namePiece = (t: Token | undefined): boolean => !!t && (NAME_PART.has(t.tag) || t.tag === 'x' || t.tag === 'nz') && /^\p{Script=Han}+$/u.test(t.text) && !TITLES.has(t.norm);
/** after a dot, a piece of the name whatever the tagger took it for (萨米·塔/赫里: 塔 an abbreviation, 赫里 a measure word), but no verb, preposition, adverb or particle */
const COMMON_AFTER_NAME = /^(?:n|vn|v|a|ad|an)$/;
/** the piece right after a name's dot: any short word but a verb of saying, a title or a particle (加纳/v of 叶海亚·加纳姆) */
const afterDot = (t: Token | undefined): boolean => dottedPiece(t) || (!!t && /^\p{Script=Han}{1,3}$/u.test(t.text) && !TITLES.has(t.norm) && !SAY.test(t.text) && !/^(?:u|uj|ul|uz|uv|ud|ug|p|c|y|e|o)$/.test(t.tag));
const dottedPiece = (t: Token | undefined): boolean => namePiece(t) || (!!t && /^\p{Script=Han}{1,3}$/u.test(t.text) && !TITLES.has(t.norm) && !SAY.test(t.text) && !/^(?:v|vn|vd|p|d|c|u|uj|ul|uz|uv|ud|ug|r|f|t|m|y|e|o)$/.test(t.tag));

/**
 * The clause's tokens, with a transliterated name the tagger cut into pieces joined again
 * (斯/凯斯/吉/里特 → 斯凯斯吉里特) and a word the tagger does not know that the article
 * names again, that opens the clause or that a verb of saying follows (萧美琴说), taken for a
 * person when it could be a name (it starts with a surname).
 */
function nameTokens(text: string, ctx: UnitContext, people: readonly string[]): Array<Token & { person?: true }> {
  const out: Array<Token & { person?: true }> = [];
  const tokens = ctx.segmenter.tag(text);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    // 史蒂夫·赛门, 提蒂南•蓬苏迪拉克: a transliterated name's parts joined by a dot are one name
    // (维多利亚·纽兰: a piece the tagger takes for a place is a name's when a dot joins it to the next)
    if ((namePiece(t) || (t.tag === 'ns' && /^\p{Script=Han}+$/u.test(t.text))) && DOT.test(tokens[i + 1]?.text ?? '') && afterDot(tokens[i + 2])) {
      let j = i + 2;
      for (;;) {
        // (赛义夫·伊斯兰·本·阿提亚评论: a common word right after the last piece, 评论, is no part of the name)
        if (dottedPiece(tokens[j + 1]) && tokens[j + 1]!.start === tokens[j]!.end && !COMMON_AFTER_NAME.test(tokens[j + 1]!.tag)) j++;
        else if (DOT.test(tokens[j + 1]?.text ?? '') && afterDot(tokens[j + 2])) j += 2;
        else break;
      }
      // the pieces before the dot the loop has passed already (阿尔/维达/斯·…)
      let first: Token = t;
      while (out.length && namePiece(out[out.length - 1]) && out[out.length - 1]!.end === first.start) first = out.pop()!;
      const last = tokens[j]!;
      // (索·梅说: a verb of saying the tagger joined to the name's last piece is no part of it)
      const name = text.slice(first.start, last.end).replace(SAY_AT_END, '');
      out.push({ ...first, text: name, norm: normalizeText(name), end: last.end, tag: 'nr', person: true });
      i = j;
      continue;
    }
    // (顾问 is tagged a name: a title opens no name; 沙/希尔·卡蒙: pieces a dot follows are joined above, with the rest)
    if (NAME_PART.has(t.tag) && t.norm.length <= 2 && !TITLES.has(t.norm) && NAME_PART.has(tokens[i + 1]?.tag ?? '') && tokens[i + 1]!.norm.length <= 2 && tokens[i + 1]!.start === t.end) {
      let j = i;
      while (NAME_PART.has(tokens[j + 1]?.tag ?? '') && tokens[j + 1]!.norm.length <= 2 && tokens[j + 1]!.start === tokens[j]!.end) j++;
      if (DOT.test(tokens[j + 1]?.text ?? '') && dottedPiece(tokens[j + 2])) { out.push(t); continue; }
      const last = tokens[j]!;
      out.push({ ...t, text: text.slice(t.start, last.end), norm: tokens.slice(i, j + 1).map((x) => x.norm).join(''), end: last.end, person: true });
      i = j;
      continue;
    }
    // (信中, 文中: a place in a text is no name)
    if (t.tag === 'x' && couldBeName(t, ctx) && !/^\p{Script=Han}[中內内上裡里]$/u.test(t.text) && !SURNAME_TITLED.test(t.text) && (i === 0 || people.includes(t.text) || SAY.test(tokens[i + 1]?.text ?? ''))) { out.push({ ...t, person: true }); continue; }
    out.push(t);
  }
  return out;
}

/**
 * Words after a title that read as a name: they open with a name the tagger knows, or with
 * a word it does not know that is a transliteration (3+ characters: 恰皮耶尼) or starts with
 * a surname (发推 after 外长 is no name).
 */
function nameAfterTitle(name: string, ctx: UnitContext, after = ''): boolean {
  if (OBJECT_START.test(name) || SAY.test(name)) return false;
  // 主席蒙哥马利（Frank Ulrich Montgomery）: a word given a person's Latin name after it is that person's name (the tagger takes it for a place)
  if (/^\p{Script=Han}{2,8}$/u.test(name) && /^\s*[（(][A-Z][A-Za-z'’.-]+(?:\s+[A-Z][A-Za-z'’.-]+)+\s*[）)]/.test(after)) return true;
  // 总理让·卡斯泰: a transliteration with its dots is a name, whatever the tagger makes of its first part (让/v)
  if (/^\p{Script=Han}+(?:[·‧•・-]\p{Script=Han}+)+$/u.test(name)) return true;
  const tokens = ctx.segmenter.tag(name);
  const first = tokens[0];
  // (研究员丹尼尔斯 / 温: a transliteration the tagger cut into a place and a name's piece is a name)
  if (first && first.tag === 'ns' && name.length >= 3 && tokens.length === 2 && /^(?:nr|nrt|x)$/.test(tokens[1]!.tag)) return true;
  return !!first && (NAME_PART.has(first.tag) || (first.tag === 'x' && (first.text.length >= 3 || couldBeName(first, ctx))));
}

/** who an article names: people most named first, the one name each title is given (外长 → 特拉斯), and its text (title and paragraphs) */
interface Cast {
  people: readonly string[]; roles: ReadonlyMap<string, string>; text?: string; headline?: string | null; organisations?: () => ReadonlySet<string>;
  /** givenNameForms of each name asked, worked out once per article (every subject found asks) */
  givenForms?: Map<string, string[]>;
  /** the dotted (transliterated) names the article has named so far */
  dotted?: Set<string>;
}

/** a headline that opens with who speaks (岸田文雄：没有参加…的计划): the name */
function headlineSpeaker(title: string): string | null {
  const m = /^(\p{Script=Han}{2,6})[：:]/u.exec(title);
  return m ? nameOfRole(m[1]!) : null;
}

/**
 * The fullest form of a name the article gives (岸田 → 岸田文雄 of the headline 岸田文雄：…): a name
 * of its people, titles or headline speaker that starts with it and is at most two characters longer.
 */
function fullest(name: string, cast: Cast, ctx: UnitContext): string {
  if (!/^\p{Script=Han}{2,}$/u.test(name)) return name;
  const given = (cast.givenForms ??= new Map()).get(name) ?? cast.givenForms.set(name, givenNameForms(name, cast.text ?? '', ctx)).get(name)!;
  const forms = [...cast.people, ...cast.roles.values(), ...(cast.headline ? [cast.headline] : []), ...given];
  // (普京互相: what is added must read as part of a name, not an adverb or verb the tagger joined to it)
  const namePart = (rest: string): boolean => !SAY.test(rest) && !TITLES.has(rest) && !AFTER_NAME_END.test(rest) && ctx.segmenter.tag(rest).every((t) => !NOT_NAME_TAG.test(t.tag));
  return forms.filter((f) => f !== name && f.startsWith(name) && f.length <= name.length + 2 && /^\p{Script=Han}+$/u.test(f) && namePart(f.slice(name.length)))
    .reduce((a, b) => (b.length > a.length ? b : a), name);
}

const DOTS = /[·‧•・]/;
const dottedNames = (cast: Cast): Set<string> => (cast.dotted ??= new Set([...cast.people, ...cast.roles.values()].filter((p) => DOTS.test(p))));

/**
 * A transliterated name as the article wrote it in full: one cut short at its end (萨夫瓦特·扎耶 of
 * 萨夫瓦特·扎耶特, when the longer last part is as frequent), and one part alone (拉格布, 扎耶特) the
 * one dotted name found so far that has it as a part (萨米尔·拉格布·赫特). Dotted names are remembered.
 */
function transliteratedInFull(name: string, cast: Cast): string {
  const known = dottedNames(cast);
  if (DOTS.test(name)) {
    const parts = name.split(DOTS);
    const last = parts.pop()!;
    const at = (cast.text ?? '').indexOf(name);
    const longer = at >= 0 ? fullName(last, (cast.text ?? '').slice(at + name.length), cast.text ?? '', true) : last;
    const full = name.slice(0, name.length - last.length) + longer;
    known.add(full);
    return full;
  }
  if (!/^\p{Script=Han}{2,}$/u.test(name)) return name;
  const having = [...known].filter((d) => d.split(DOTS).includes(name));
  return having.length === 1 ? having[0]! : name;
}

/** the tags of a person's name (and of its last part alone: 裕/nr) */
const GIVEN_NAME_TAG = /^(?:nr|nrfg)$/;
/**
 * A two-character name the article also writes with a given name after it (前委员长森山裕担任新会长:
 * 森山 → 森山裕): one or two characters right after it that the tagger reads as a person's name;
 * one such form in the article, else none.
 */
function givenNameForms(name: string, article: string, ctx: UnitContext): string[] {
  if (name.length !== 2) return [];
  const found = new Set<string>();
  for (let at = article.indexOf(name); at >= 0; at = article.indexOf(name, at + name.length)) {
    let given = '';
    for (const t of ctx.segmenter.tag(article.slice(at + name.length, at + name.length + 6))) {
      if (!GIVEN_NAME_TAG.test(t.tag) || !/^\p{Script=Han}+$/u.test(t.text) || given.length + t.text.length > 2) break;
      given += t.text;
    }
    if (given) found.add(name + given);
  }
  return found.size === 1 ? [...found] : [];
}

/** what follows a name without being part of it, at a name's end (萨米·塔赫里的话, 唐鳳以, 梅松再) */
const AFTER_NAME_END = new RegExp(`(?:${alternation(AFTER_NAME)})$`);
/** a name without the words the tagger or a title's pattern stuck to its end (a name of 2 characters or more is left) */
export function tidyName(name: string): string {
  for (let m = AFTER_NAME_END.exec(name); m && m.index >= 2; m = AFTER_NAME_END.exec(name)) name = name.slice(0, m.index);
  return name;
}

const count = (text: string, word: string): number => { let n = 0; for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length)) n++; return n; };
/**
 * The name as the article writes it in full, when the tagger cut it short (宋庚 / 一 → 宋庚一,
 * 莫拉 / 维茨基 → 莫拉维茨基): the characters after it are part of the name while the article never
 * writes the shorter form without them and writes the longer one at least twice. A Chinese name
 * grows to 3 characters (4 with a two-character surname), a transliteration to 8.
 */
export function fullName(name: string, after: string, article: string, transliterated = false): string {
  if (!/^\p{Script=Han}+$/u.test(name)) return name;
  const max = name.length >= 3 || transliterated ? 8 : 3;
  let best = name;
  const times = count(article, name);
  for (let k = 1; k <= 3 && name.length + k <= max; k++) {
    const next = after.slice(0, k);
    if (!/^\p{Script=Han}+$/u.test(next) || SAY.test(next) || AFTER_NAME_END.test(next.slice(0, 1)) || TITLES.has(next)) break;
    const longer = name + next;
    const c = count(article, longer);
    if (c < 2 || c < times) break;
    best = longer;
  }
  return best;
}

/** words that open a clause before its subject (但是，而，此外…) */
const OPENERS = /^(?:但是|但|而且|而|並且|并且|並|并|另外|此外|同時|同时|其中|至於|至于|不過|不过|然而|惟|另|亦|也|則|则|當時|当时|隨後|随后|其後|其后|之後|之后|後來|后来|此後|此后)/;
/** what stands between a subject and its verb of saying: adverbs, a time, where and to whom (森山在集会后对媒体强调) */
const BEFORE_VERB = new RegExp(`(?:[也还還则則又更亦再曾已并並均都先就]|進一步|进一步|今天|今日|昨天|昨日|當天|当天|[周週][一二三四五六日]|\\d+日|在[^，,]{1,20}?(?:上|中|時|时|後|后|前)|(?:${PREPOSITIONS})[^，,]{1,10})+$`, 'u');
/** token tags that end a name: verbs, adverbs, prepositions, conjunctions, particles, pronouns, times, numbers */
const NOT_NAME_TAG = /^(?:v|vn|vd|d|p|c|u|uj|ul|uz|uv|ud|ug|r|f|t|m|mq|q|y|e|o|a|ad)$/;

/**
 * A name the tagger does not know as a person: the words that open the clause (郭明錤似乎相信…),
 * or that stand right before its verb of saying once adverbs, times and 对X are set aside (切弗林补充说,
 * 森山在集会后对媒体强调, 岸田首相还表示 with the title after the name dropped). Taken only when the
 * article writes it at least twice (or it is a transliteration with a dot) and the tagger knows
 * it as no place, organisation, title or party.
 */
function unknownSubject(text: string, ctx: UnitContext, cast: Cast): string | null {
  const article = cast.text ?? '';
  const candidates: string[] = [];
  const say = SAY.exec(text);
  if (say) {
    let before = text.slice(0, say.index).replace(BEFORE_VERB, '');
    for (let again = true; again;) { again = false; for (const t of TITLE_SPELLINGS) if (before.endsWith(t) && before.length > t.length + 1) { before = before.slice(0, -t.length); again = true; break; } }
    const m = /((?:\p{Script=Han}|[·‧•・])+)$/u.exec(before);
    if (m) candidates.push(nameOfRole(m[1]!.replace(/^.*[的之]/, '')));
  }
  const opening = text.replace(OPENERS, '');
  const tokens = ctx.segmenter.tag(opening);
  let end = 0;
  for (const t of tokens) { if (NOT_NAME_TAG.test(t.tag) || SAY.test(t.text) || TITLES.has(t.norm) || !/^(?:\p{Script=Han}+|[·‧•・])$/u.test(t.text)) break; end = t.end; }
  if (end > 0) candidates.push(nameOfRole(opening.slice(0, end)));
  // 拉格布在新闻声明中说, tagged 拉格 / 布在 / 新闻: a part of a dotted name named before that opens a candidate is the name
  for (const c of [...candidates]) for (const d of dottedNames(cast)) for (const part of d.split(DOTS)) if (part.length >= 2 && c.startsWith(part) && c !== part) candidates.push(part);
  for (const c of candidates) {
    const name = tidyName(c);
    const dotted = /[·‧•・]/.test(name);
    // (a transliteration the article gives in Latin letters after it, 霍巴巧斯卡斯（Marius Horbačauskas）, may be long)
    const spelt = name.length > 5 && !dotted && spelledInLatin(name, article);
    if (name.length < 2 || name.length > (dotted ? 16 : spelt ? 8 : 5) || REPORT_WORD.test(name) || TITLES.has(name) || PARTY.has(name) || SURNAME_TITLED.test(name) || /^\p{Script=Han}[中內内上裡里]$/u.test(name) || UNNAMED.test(name) || /^(?:他|她|我|你|其|该|該|此|这|這)/.test(name)) continue;
    if (!dotted && count(article, name) < 2) continue;
    const tagged = ctx.segmenter.tag(name);
    // (a transliteration the tagger cut into a place and a word it does not know, 巴尔 / 博克, is a name)
    const transliterated = name.length >= 3 && tagged.length >= 2 && tagged.some((t) => t.tag === 'x');
    const place = (t: Token): boolean => ctx.segmenter.entityKind(t) === 'place' && !transliterated;
    if (tagged.some((t) => { const k = ctx.segmenter.entityKind(t); return place(t) || k === 'organisation' || MEDIA.test(t.norm) || INSTITUTION.test(t.norm); })) continue;
    // a name is names' pieces and words the dictionary does not know (雷射筆, 信中, 非政治 are words);
    // one word it knows as something else (森山) only when the article names it three times or more
    const pieces = tagged.every((t) => NAME_PART.has(t.tag) || t.tag === 'x' || t.tag === 'nz' || t.tag === 'j' || DOT.test(t.text) || (transliterated && ctx.segmenter.entityKind(t) === 'place'));
    // (a common word the article repeats, 军事 of 军事专家X, is none: only one rare in general text)
    // (a part of a dotted name named before is a transliteration whatever the tagger makes of its pieces: 加纳/v 姆)
    const transliteration = [...dottedNames(cast)].some((d) => d.split(DOTS).includes(name));
    // (陳 / 世民: a one-character surname and a word the dictionary knows make a three-character name)
    const surnameAndWord = name.length === 3 && tagged.length === 2 && tagged[0]!.tag === 'nr' && tagged[0]!.text.length === 1 && !NOT_NAME_TAG.test(tagged[1]!.tag);
    if (!pieces && !transliteration && !surnameAndWord && !(tagged.length === 1 && count(article, name) >= 3 && (backgroundIdf().get(tagged[0]!.norm) ?? Infinity) >= SPECIFIC_IDF)) continue;
    // a word the article mostly writes inside a longer one (候選 of 候選人) is part of that word
    const longer = fullName(name, article.slice(article.indexOf(name) + name.length), article);
    if (longer !== name && !dotted) continue;
    return fullName(name, text.slice(text.indexOf(name) + name.length), article, name.length >= 3);
  }
  return null;
}

/** whether the article gives the name in Latin letters right after it somewhere (霍巴巧斯卡斯（Marius Horbačauskas）) */
function spelledInLatin(name: string, article: string): boolean {
  for (let at = article.indexOf(name); at >= 0; at = article.indexOf(name, at + name.length)) if (/^\s*[（(][A-Z]/.test(article.slice(at + name.length, at + name.length + 4))) return true;
  return false;
}

/** 法官姚X拒絕…: the one name of three characters the article writes after a title with this surname */
function titledName(surname: string, article: string): string | null {
  const names = new Set([...article.matchAll(new RegExp(`(?:${TITLE_SPELLINGS.join('|')})(${surname}\\p{Script=Han}{2})`, 'gu'))].map((m) => m[1]!).filter((n) => !SAY.test(n) && !AFTER_NAME_END.test(n)));
  return names.size === 1 ? [...names][0]! : null;
}

/** a party of a trial that speaks by its role (辯方強調): an organisation */
const PARTY: ReadonlySet<string> = new Set(PARTIES);
/** who is cited (路透社引述X表示, 援引X的话说): X speaks, not who cites */
const CITES = /援引|引述|引用|引據|引据/;
/** a name in Latin letters right before a verb of saying (分析师Joe Manimbo表示): the person who speaks */
const LATIN_SUBJECT = new RegExp(`([A-Z][A-Za-z'’.-]*(?:\\s+[A-Z][A-Za-z'’.-]*){1,3})\\s*(?:[也还還则則又更亦再僅仅只曾已均都]|周[一二三四五六日]|週[一二三四五六日])?(?:在[^，,]{1,16}?[上中后後前])?(?:${SAY_CORE.source.slice(1, -1)})`, 'u');

/** one capitalised Latin word right before a verb of saying (Wood表示) */
const LATIN_SURNAME_SUBJECT = new RegExp(`(?<![A-Za-z]\\s?)([A-Z][a-z'’-]{2,})\\s*(?:[也还還则則又更亦再])?(?:${SAY_CORE.source.slice(1, -1)})`, 'u');
/** the one name of two to four Latin words the article writes ending with `last` (Cathie Wood for Wood) */
function latinFullName(last: string, article: string): string | null {
  const names = new Set([...article.matchAll(new RegExp(`(?<![A-Za-z])((?:[A-Z][A-Za-z'’.-]*\\s+){1,3}${last})(?![A-Za-z])`, 'g'))].map((m) => m[1]!.replace(/\s+/g, ' ')));
  return names.size === 1 ? [...names][0]! : null;
}

/** a speaker, and whether a person (他/她 can refer to one) or an organisation */
interface Subject { name: string; person: boolean }

/** The first person (else organisation) in `text` that is not the object of a verb or preposition. */
function subjectOf(text: string, ctx: UnitContext, cast: Cast, media = false): string | null {
  return subjectIn(text, ctx, cast, media)?.name ?? null;
}

function subjectIn(text: string, ctx: UnitContext, cast: Cast, withMedia = false): Subject | null {
  const { people } = cast;
  const person = (name: string): Subject => ({ name: transliteratedInFull(tidyName(fullest(tidyName(name), cast, ctx)), cast), person: true });
  // 路透社引述不具名官员表示 / 援引发言人X的话说: who is cited speaks, when the clause names them
  const cite = CITES.exec(text);
  if (cite) {
    const cited = subjectIn(text.slice(cite.index + cite[0].length), ctx, cast, withMedia);
    if (cited) return cited;
  }
  // 陳續指, 黃又稱: a surname alone before an adverb and a verb of saying is the person of that surname the article names
  const surname = SURNAME_GOES_ON.exec(text);
  // (陳續 itself, which the tagger may take for a name, is not the person)
  const ofSurname = surname ? people.filter((p) => p.startsWith(surname[1]!) && p !== surname[0].trim() && p.length >= 2 && p.length <= 4 && !SURNAME_TITLED.test(p)) : [];
  if (ofSurname.length === 1) return person(ofSurname[0]!);
  // 会议认为…，要求“…”: the meeting the article names in full (闭幕的中央经济工作会议)
  const meeting = MEETING_SPEAKS.exec(text);
  if (meeting) { const full = meetingInFull(meeting[1]!, cast.text ?? ''); if (full) return { name: full, person: false }; }
  let party: string | null = null;
  const latin = LATIN_SUBJECT.exec(text);
  if (latin && !OBJECT_BEFORE.test(text.slice(Math.max(0, latin.index - 3), latin.index))) return person(latin[1]!);
  // 」，Wood表示: one Latin word before the verb is the person the article names in full with it (Cathie Wood)
  const single = LATIN_SURNAME_SUBJECT.exec(text);
  if (single && !OBJECT_BEFORE.test(text.slice(Math.max(0, single.index - 3), single.index))) {
    const full = latinFullName(single[1]!, cast.text ?? '');
    if (full) return person(full);
  }
  let org: string | null = null;
  // a news outlet speaks only when no one else in the clause does (环球网的评论称：…)
  let media: string | null = null;
  let possessor: string | null = null;
  let place: { text: string; end: number } | null = null;
  for (const t of nameTokens(text, ctx, people)) {
    if (TITLES.has(t.norm)) continue;
    // 辯方聽畢陳詞回應: a party is the subject, unless a title and name follow (控方外聘大律師梅松表示: 梅松)
    if (PARTY.has(t.text)) { if (!OBJECT_BEFORE.test(text.slice(Math.max(0, t.start - 3), t.start))) party ??= t.text; if (party && !ROLE_NAME.test(text)) return { name: party, person: false }; continue; }
    if (!media && MEDIA_NAME.test(t.norm) && !NOT_MEDIA.has(t.norm) && !OBJECT_BEFORE.test(text.slice(Math.max(0, t.start - 3), t.start))) media = t.text;
    const kind = t.person ? 'person' : ctx.segmenter.entityKind(t);
    // a place, or a word tagged a name that is no person's (立陶宛 is tagged so), before an institution is its country
    if (kind === 'place' || (!kind && NAME_PART.has(t.tag))) { place = { text: t.text, end: t.start + t.text.length }; continue; }
    if (!kind && place && place.end === t.start && INSTITUTION.test(t.norm) && !org) { org = place.text + t.text; continue; }
    if (!kind) continue;
    // 对法国广播电台表示: the place before a name does not hide the preposition before both
    const from = place && place.end === t.start ? place.end - place.text.length : t.start;
    if (OBJECT_BEFORE.test(text.slice(Math.max(0, from - 3), from))) continue;
    // 奥尔特加的儿子劳雷亚诺说: a person before 的 owns who speaks; they speak only when no one else is named
    if (kind === 'person' && /^(?:[（(][^）)]{0,20})?[）)]?的/.test(text.slice(t.end))) { possessor ??= t.text; continue; }
    // 馬歇爾基金會: a name that opens an organisation's name is no speaker
    if (kind === 'person' && ORGANISATION_END.test(text.slice(t.end))) continue;
    // 白宫发言人普萨基表示, 何X生前好友、作家劉Y表示: a word before a title and the name after it (with no verb
    // between) says whose the title is; the name speaks
    const titled = ROLE_NAME.exec(text.slice(t.end));
    const gap = text.slice(t.end, t.end + (titled?.index ?? 0));
    if (titled && titled.index <= 8 && nameAfterTitle(nameOfRole(titled[2]!), ctx, text.slice(t.end + titled.index + titled[0].length)) && !OBJECT_WORD.test(gap) && !SAY.test(gap) && !ctx.segmenter.tag(gap).some((g) => /^v/.test(g.tag))) continue;
    if (kind === 'person') return person(fullName(t.text, text.slice(t.end), cast.text ?? '', t.tag === 'nrt'));
    // 立陶宛外交部, not 外交部: the country an institution belongs to is part of its name
    // (中国驻美国大使馆: the country a mission is of, before 驻, is part of its name)
    if (!org && !MEDIA.test(t.norm)) org = (STATIONED_IN.exec(text.slice(0, from))?.[0] ?? '') + (place && place.end === t.start ? place.text + t.text : t.text);
    if (!media && MEDIA.test(t.norm)) media = t.text;
  }
  for (const m of text.matchAll(SURNAME_TITLE)) {
    if (OBJECT_BEFORE.test(text.slice(Math.max(0, m.index! - 3), m.index!))) continue;
    // (姚官 itself among the people: a surname and a title, not the name)
    const named = (p: string): boolean => p.startsWith(m[1]!) && p.length >= 2 && p.length <= 4 && !SURNAME_TITLED.test(p);
    const who = people.find(named) ?? [...cast.roles.values()].find(named) ?? titledName(m[1]!, cast.text ?? '');
    if (who) return person(who);
  }
  // 50歲溫女士表示, 魏先生續稱: a surname and an honorific is the only name the article gives a person
  const honoured = HONORIFIC_NAME.exec(text);
  if (honoured && !OBJECT_BEFORE.test(text.slice(Math.max(0, honoured.index - 3), honoured.index))) return person(honoured[0]);
  const role = ROLE_NAME.exec(text);
  // 主席对普京总统说 / 外长批评称: what follows the title is no name
  if (role && !OBJECT_BEFORE.test(text.slice(Math.max(0, role.index - 3), role.index)) && nameAfterTitle(nameOfRole(role[2]!), ctx, text.slice(role.index + role[0].length))) return person(nameOfRole(role[2]!));
  // 英国外长批评称 in an article that names 外长特拉斯 (and no other 外长): 特拉斯; 这位中国外交部发言人: the
  // spokesman, not the ministry
  for (const title of TITLE_SPELLINGS) {
    const at = titleAt(text, title);
    if (at < 0) continue;
    // 波兰总理 in an article of two 总理: the one it names with that country before the title
    const where = placeBefore(text.slice(0, at), ctx);
    const name = (where ? cast.roles.get(where + titleKey(title)) : undefined) ?? cast.roles.get(titleKey(title));
    if (name && !OBJECT_BEFORE.test(text.slice(Math.max(0, at - 3), at))) return person(name);
  }
  // 死者最後一封遺書 in an article that says 死者為…Kim Minho: the person the role stands for
  for (const role of REFERRING_ROLES) {
    const name = cast.roles.get(role);
    const at = name ? text.indexOf(role) : -1;
    if (at >= 0 && !OBJECT_BEFORE.test(text.slice(Math.max(0, at - 3), at))) return person(name!);
  }
  if (possessor) return person(possessor);
  if (party) return { name: party, person: false };
  // 华创证券固收研究团队认为: a team or institute the tagger does not know, named in full before its verb
  const team = TEAM_SPEAKS.exec(text);
  if (team && !org) return { name: team[1]!, person: false };
  // Meta發言人說: an unnamed spokesman of a body named in Latin letters speaks for the body
  const company = LATIN_BODY_SPOKESMAN.exec(text);
  if (company && !org) return { name: company[1]!, person: false };
  // 七大工業國集團（G7）16日稱: a body the article gives its Latin name after, opening the clause before its verb
  const spelt = LATIN_NAMED_BODY.exec(text);
  if (spelt && !org && !/^\p{Script=Han}{2,3}$/u.test(spelt[1]!)) return { name: spelt[1]!, person: false };
  // a name the tagger does not know, that opens the clause or stands right before its verb of saying
  const named = unknownSubject(text, ctx, cast);
  if (named) return person(named);
  const name = org ?? (withMedia ? media ?? mediaOpening(text) : null);
  return name === null ? null : { name, person: false };
}

/** a name of a news outlet the tagger may not know (环球网, 联合报): a few characters ending in 社/网/报/台 */
const MEDIA_NAME = /^\p{Script=Han}{2,5}(社|網|网|報|报|台)$/u;
const NOT_MEDIA = new Set(['互联网', '互聯網', '因特网', '局域网', '出版社', '电视台', '電視台', '舞台', '平台', '讲台', '講台', '后台', '後台', '阳台', '陽台', '月台', '报社', '報社', '通讯社', '通訊社', '新闻社', '新聞社']);

/** an outlet's name as written, when the tagger cut it (晴川日报 → 晴川 / 日报) */
const MEDIA_TEXT = /\p{Script=Han}{2,4}(?:日報|日报|時報|时报|晚報|晚报|早報|早报|週報|周报|新聞網|新闻网|通訊社|通讯社|電視台|电视台|電台|电台)/u;

/** an outlet named as written at the start of a clause (晴川日报的评论称), not one spoken to (他对法国广播电台表示) */
function mediaOpening(text: string): string | null {
  const m = MEDIA_TEXT.exec(text);
  if (m && m.index <= 1) return m[0];
  // 《X》称: a publication named in title marks that opens the clause
  const titled = /^\s*《([^》]{2,20})》/.exec(text);
  return titled ? titled[1]! : null;
}

/** 据路透社报道，… / 據新華社消息: the outlet a sentence's report is from */
const REPORTED_BY = /(?:^|[，,；;])[另又]?[据據]([^，,；;。]{2,16}?)(?:的)?(?:报道|報道|报导|報導|消息|披露|引述)/;
function reportedBy(lead: string, ctx: UnitContext, cast: Cast): string | null {
  const m = REPORTED_BY.exec(lead);
  if (!m) return null;
  // the outlet as the tagger knows it (中国官媒环球网 → 环球网), else as written
  return subjectOf(m[1]!, ctx, cast, true) ?? (m[1]!.length <= 8 ? m[1]! : null);
}

/** “向塔利班学习”的李毅: the person a quotation is given to by 的 right after it */
function personAfter(trail: string, ctx: UnitContext, people: readonly string[]): string | null {
  if (!/^的/.test(trail)) return null;
  const tokens = nameTokens(trail.slice(1).split(/[，,；;。、]/)[0]!, ctx, people).slice(0, 3);
  for (const t of tokens) {
    if (t.person || ctx.segmenter.entityKind(t) === 'person') return t.text;
    if (t.tag === 'x' && couldBeName(t, ctx)) return t.text;
  }
  return null;
}

const CONDITION = /^\s*(?:若|如果|假如|假若|倘若|即使|即便)/;
/** a clause that opens with 指 (辯方不同意，指控方沒回應…「…」): it says what follows; its subject is earlier */
const OPENS_WITH_SAYING = /^\s*[並并又更亦也還还再另]*指(?![出示標标數数揮挥導导南])/;
/** a verb of saying not denied right before it (侯X可以不表示意見 says nothing) */
function says(clause: string): boolean {
  // (堪稱 is "can be called": no one says it)
  for (const m of clause.matchAll(SAY_ALL)) if (!/(?:不|沒|没|未|無|无|拒絕|拒绝)\p{Script=Han}?$|堪$/u.test(clause.slice(Math.max(0, m.index! - 3), m.index!))) return true;
  return false;
}
/** The clause that introduces a quote: the last one with a verb of saying or ending in a colon (not a condition). */
function introducingClause(lead: string): string | null {
  const clauses = lead.split(/[，,；;。]/);
  for (let i = clauses.length - 1; i >= 0; i--) {
    const c = clauses[i]!;
    // 若控方指被告「…」: what someone would say in a condition is not who speaks
    if (CONDITION.test(c)) continue;
    // 外交部指，…: 指 alone at the clause's end says what follows
    if (says(c) || /[：:]\s*$/.test(c) || /指\s*$/.test(c) || OPENS_WITH_SAYING.test(c)) return c;
  }
  return null;
}

/** the person an earlier clause with a verb of saying names as its subject, before `clause` in `lead` (国务卿X表示，他认为…) */
function pronounIn(lead: string, clause: string, ctx: UnitContext, cast: Cast): string | null {
  const all = lead.split(/[，,；;。]/);
  for (let i = all.lastIndexOf(clause) - 1; i >= 0; i--) {
    if (!SAY.test(all[i]!)) continue;
    const who = subjectIn(all[i]!, ctx, cast);
    if (who?.person) return who.name;
  }
  return null;
}

/** earlier quotes are masked: a name inside a quotation is not its speaker */
const mask = (s: string): string => s.replace(/[「“][^」”]*[」”]/g, (m) => '＊'.repeat(m.length));

/** a clause whose subject is 他/她 (並說, 但他…): one person, the last named */
const OPENS_WITH_PRONOUN = /^\s*(?:[並并而且也亦還还但]*|不過|不过|然而|此外|另外|同時|同时)(?:他|她)(?![們们])/;

/** the clause up to the end of its last verb of saying: who is named after it is spoken to or of (寫給許金山) */
function upToLastSay(clause: string): string {
  let end = -1;
  for (const m of clause.matchAll(SAY_ALL)) end = m.index! + m[0].length;
  return end > 0 ? clause.slice(0, end) : clause;
}
const SAY_ALL = new RegExp(SAY.source, 'g');

/** a report, an article or a study: no one's name */
const REPORT_WORD = /^(?:報導|报道|報道|报导|報告|报告|文章|評論|评论|社論|社论|研究|聲明|声明)$/;
/** a clause that only says what is spoken of (关于…, 對於…, 鉴于…) */
const TOPIC = /^\s*(?:關於|关于|對於|对于|至於|至于|鑒於|鉴于|有關|有关)/;
/** a clause whose subject is a report taken up again: 報導提到, 该报道称 */
const REPORT_SPEAKS = new RegExp(`^\\s*(?:[並并而且也亦還还但另]*)(?:[^，,]{0,30}的)?(?:該|该|這篇|这篇|此|路透的?)?(?:報導|报道|報道|报导|評論|评论|社論|社论|文章)(?:又|也|還|还|更)?(?:${SAY_CORE.source.slice(1, -1)}|提到|指出|指|寫道|写道)`);
/** a clause whose subject is a title taken up again: 该发言人, 這位官員 */
const DEFINITE_TITLE = new RegExp(`^\\s*(?:[並并而且也亦還还但]*)(?:该|該|这位|這位|这名|這名|此)(?:${TITLE_SPELLINGS.join('|')})`);

const PREPOSITION: ReadonlySet<string> = new Set(PREPOSITIONS.split('|'));
/** a clause that opens (after 並, 也…) with a preposition, its object before the verb: 向記者表示, 對媒體說 (not 對方表示) */
function opensWithObject(clause: string, ctx: UnitContext): boolean {
  const first = ctx.segmenter.tag(clause.replace(/^\s*[並并而且也亦還还但再又則则]*/, ''))[0];
  return !!first && first.tag === 'p' && PREPOSITION.has(first.text);
}

const UNNAMED = /有人|中人|消息人士|消息來源|消息来源|知情人士|不具名|匿名人士|有網民|有网民|不少人|很多人|許多人|许多人|一些人|有位網民|有位网民|網友|网友/;

/** What the sentences before tell of who is speaking. */
interface Speech {
  /** the last person an article's sentence had speaking: 他/她 is that person */
  lastSpeaker: string | null;
  /** who spoke in the sentence just before (a quote's speaker, or the subject of its verb of saying) */
  previous: string | null;
  /** the speaker of the quote before, in this sentence */
  inSentence: string | null;
  /** the outlet the last report was from (據路透報導): 報導稱 is its */
  lastSource?: string | null;
}

/**
 * Who speaks a quotation: the subject of its introducing clause, else of a verb of saying
 * right after it, else who spoke before (他说: the last speaker, before any the article's main
 * person; no introduction: the quote before in the sentence, or the sentence before).
 */
function speakerFor(sentence: string, start: number, end: number, prevEnd: number, speech: Speech, ctx: UnitContext, cast: Cast, main: string | null): Speaker | null {
  const said = speakerName(sentence, start, end, prevEnd, speech, ctx, cast, main);
  if (said) return { name: organisationInFull(said, cast, ctx), reported: false };
  // 据路透社报道，…「…」 with no one saying it: the outlet the report is from (it speaks in no later sentence)
  const source = prevEnd === 0 && introducingClause(mask(sentence.slice(0, start))) === null ? reportedBy(mask(sentence.slice(0, start)), ctx, cast) : null;
  return source ? { name: source, reported: true } : null;
}

/**
 * An organisation as the article names it in full: 署方 (the department) is the one 署 it names
 * (懲教署), 國務院 the one it qualifies by a place (美國國務院). Left as it is when the article
 * names none or several.
 */
function organisationInFull(name: string, cast: Cast, ctx: UnitContext): string {
  const kind = /^(\p{Script=Han})方$/u.exec(name)?.[1];
  const ends = kind === undefined ? undefined : KIND_SIDES[kind];
  if (kind !== undefined && !ends) return name;
  if (!ends) {
    const t = ctx.segmenter.tag(name);
    if (t.length !== 1 || ctx.segmenter.entityKind(t[0]!) !== 'organisation') return name;
  }
  const named = [...(cast.organisations?.() ?? [])].filter((o) => o !== name && (ends ? ends.some((e) => o.endsWith(e) && o.length > e.length) : o.endsWith(name)));
  return named.length === 1 ? named[0]! : name;
}

/** who speaks a quotation, and whether only as the outlet a report is from (据…报道) */
interface Speaker { name: string; reported: boolean }

function speakerName(sentence: string, start: number, end: number, prevEnd: number, speech: Speech, ctx: UnitContext, cast: Cast, main: string | null): string | null {
  const lead = mask(sentence.slice(prevEnd, start));
  const clause = introducingClause(lead);
  const pronoun = speech.lastSpeaker ?? main;
  // “向塔利班学习”的李毅: the person the quotation is given to
  const given = personAfter(mask(sentence.slice(end, end + 16)), ctx, cast.people);
  if (given) return given;
  // 莫里森會後以「…」來形容南韓: who describes something with the quoted words is the subject before 以
  if (/[以用]\s*$/.test(lead) && /^\s*[来來]?(?:形容|描述|描繪|描绘|稱呼|称呼|比喻|稱|称)/.test(sentence.slice(end))) {
    const by = subjectOf(lead.split(/[，,；;。]/).pop()!, ctx, cast);
    if (by) return by;
  }
  // 有人问：「…」 / 有网民质疑: someone unnamed speaks — no name before it is the speaker
  if (UNNAMED.test(clause ?? '') || UNNAMED.test(lead.split(/[，,；;。]/).pop()!)) return null;
  if (clause !== null) {
    // 他认为总统拜登政府…「…」: a clause that opens with 他/她 has it as subject — a person the sentence named
    // as a speaker before, else one it names earlier, else the last speaker (below) — whatever it names after
    const opensWithPronoun = OPENS_WITH_PRONOUN.test(clause);
    // 向在場警員表示「…」: a clause that opens with a preposition has only its object in it — the subject is earlier
    let who = opensWithPronoun ? pronounIn(mask(sentence.slice(0, start)), clause, ctx, cast) : opensWithObject(clause, ctx) || OPENS_WITH_SAYING.test(clause) ? null : subjectOf(upToLastSay(clause), ctx, cast);
    // 據路透報導，… then 報導稱…「…」: the report is the outlet it was from (報導 is no one's name)
    if (REPORT_SPEAKS.test(clause)) who = speech.lastSource ?? null;
    // 辯方又質疑，警員張X供稱…，惟張沒有紀錄…，法庭無法得悉…，「…」: a verb of saying two clauses or more
    // before the quote is reported inside the sentence's first one; its subject speaks
    const clauses = lead.split(/[，,；;。]/);
    if (prevEnd === 0 && clauses.lastIndexOf(clause) < clauses.length - 3) {
      const first = clauses.find((c) => SAY.test(c) && !CONDITION.test(c));
      const matrix = first && first !== clause ? subjectOf(first, ctx, cast) : null;
      if (matrix) who = matrix;
    }
    // 習近平也回應…，更感謝俄羅斯一直支持中方：「…」: the subject of the nearest earlier clause that names one
    if (!who) {
      // (only clauses before the introducing one: 游德康反駁指，帖文從未提及雷射筆，若…「…」 is 游德康's)
      const all = mask(sentence.slice(0, start)).split(/[，,；;。]/);
      const earlier = all.slice(0, Math.max(0, all.lastIndexOf(clause)));
      for (let i = earlier.length - 1; i >= 0 && !who; i--) {
        // 林X…見記者，她形容…區議會選舉，…，又指「…」: a clause whose subject is 她 names no speaker — she is a person
        // named further back in the sentence, else the last speaker
        if (OPENS_WITH_PRONOUN.test(earlier[i]!)) {
          for (let j = i - 1; j >= 0 && !who; j--) { const s = subjectIn(earlier[j]!, ctx, cast); if (s?.person) who = s.name; }
          who ??= pronoun;
          break;
        }
        // (关于完成交易所必需的融资…，他说: a topic names no one who speaks)
        if (!TOPIC.test(earlier[i]!)) who = subjectOf(earlier[i]!, ctx, cast);
      }
      // 他建議…，並形容…「…」: when no earlier clause names anyone, one whose subject is 他/她 is the last speaker's
      // (胡X鼓吹…，但他也是…，他写了：「…」 is 胡X's: a person the sentence names comes first)
      if (!who && pronoun && (opensWithPronoun || earlier.some((c) => OPENS_WITH_PRONOUN.test(c)))) who = pronoun;
    }
    // 该发言人…告诉记者称: a title taken up again (该, 这位) is who spoke before
    if (!who && DEFINITE_TITLE.test(clause)) who = (prevEnd > 0 ? speech.inSentence : speech.previous) ?? speech.lastSpeaker;
    if (who) return who;
    if (PRONOUN.test(clause) && pronoun) return pronoun;
    // 环球网的评论称：an outlet speaks when no one else does
    const outlet = opensWithObject(clause, ctx) ? null : subjectOf(clause, ctx, cast, true);
    if (outlet) return outlet;
    // 并称… / 还说：「…」: a verb of saying with no subject goes on with who spoke just before
    const verb = SAY.exec(clause);
    const upTo = lead.lastIndexOf(clause) + (verb?.index ?? 0);
    if (verb && !namesAnything(mask(sentence.slice(0, prevEnd)) + lead.slice(0, upTo), ctx)) {
      const before = prevEnd > 0 ? speech.inSentence : speech.previous;
      if (before) return before;
    }
  }
  // 「…」，普京说 / 」習近平補充
  // (a name in Latin letters after the quote makes its clause longer: 」，X Capital首席策略师Karl Schamotta指出)
  const after = mask(sentence.slice(end, end + 48));
  const trail = (/^[^。；;]{0,24}[A-Za-z]/.test(after) ? after : after.slice(0, 24)).split(/[。；;]/)[0]!;
  if (SAY.test(trail)) {
    // 」，他在外交部例行发布会上说: 他 is the subject, whatever the clause names after it
    if (OPENS_WITH_PRONOUN.test(trail.replace(/^[，,\s]+/, '')) && pronoun) return pronoun;
    // 」，他们认为: a group is who spoke in the sentence before, when that was no one person
    if (/^[，,\s]*(?:他|她)(?:們|们)/.test(trail) && speech.previous && speech.previous !== speech.lastSpeaker) return speech.previous;
    const who = subjectOf(trail, ctx, cast, true);
    if (who) return who;
    if (PRONOUN.test(trail) && pronoun) return pronoun;
  }
  // ”—— 37岁的拉米亚·阿赫迈德·侯赛因，汗尤尼斯: a dash after the quote, then who said it
  const signed = /^\s*[—―－]{1,2}\s*([^。；;]{1,40})/.exec(mask(sentence.slice(end, end + 48)));
  if (signed) {
    // (——加沙市，28岁的安巴尔: the name may follow a place and an age)
    const named = signed[1]!.split(/[，,]/).slice(0, 3).map((part) => nameTokens(part, ctx, cast.people).find((t) => t.person || ctx.segmenter.entityKind(t) === 'person' || (NAME_PART.has(t.tag) && t.norm.length >= 2 && !TITLES.has(t.norm)))).find((t) => t);
    if (named) return transliteratedInFull(named.text, cast);
  }
  if (clause !== null) return null;
  // no introduction of its own: 汪文斌說，所謂「…」的說法「…」 — the speaker of the quote before in the sentence
  if (prevEnd > 0) return speech.inSentence;
  // a quote opening its sentence, or after clauses that name no one and nowhere, goes on with the speech of the sentence before
  if (speech.previous && !namesAnything(lead, ctx)) return speech.previous;
  return null;
}

function namesAnything(text: string, ctx: UnitContext): boolean {
  return ctx.segmenter.tag(text).some((t) => NAME_PART.has(t.tag) || ctx.segmenter.entityKind(t) !== undefined);
}

/** Who speaks in a sentence without quotes: the subject of its last clause with a verb of saying (胡锡进在微博上宣布，…). */
function speakerOfSentence(sentence: string, ctx: UnitContext, cast: Cast): Subject | null {
  // (趙X認為，侯Y最好是能…表示立場: the first clause that says is the sentence's speaker; what follows is what is said)
  const first = mask(sentence).split(/[，,；;。]/).find((c) => !CONDITION.test(c) && says(c));
  const matrix = first === undefined ? null : subjectIn(first, ctx, cast);
  if (matrix) return matrix;
  const clause = introducingClause(mask(sentence));
  return clause === null ? null : subjectIn(clause, ctx, cast);
}

/** the people an article names, most named first, and its main person */
function peopleOf(a: Article, ctx: UnitContext): { people: string[]; main: string | null; roles: Map<string, string> } {
  const counts = new Map<string, number>();
  const unknown = new Map<string, number>();
  for (const p of [a.title, ...a.paragraphs]) for (const t of nameTokens(p, ctx, [])) {
    // (an unknown word counts below, whatever nameTokens guessed of it in its clause)
    if ((t.person && t.tag !== 'x') || ctx.segmenter.entityKind(t) === 'person') counts.set(t.text, (counts.get(t.text) ?? 0) + 1);
    else if (t.tag === 'x' && couldBeName(t, ctx)) unknown.set(t.text, (unknown.get(t.text) ?? 0) + 1);
  }
  // a word no dictionary knows that the article names three times or more is mostly a name (胡锡进)
  for (const [w, c] of unknown) if (c >= 3) counts.set(w, c);
  const ranked = [...counts].sort((x, y) => y[1] - x[1]);
  // the main person: named at least three times and twice as often as anyone else
  const [first, second] = ranked;
  const main = first && first[1] >= 3 && first[1] >= 2 * (second?.[1] ?? 0) ? first[0] : null;
  return { people: ranked.map(([name]) => name), main, roles: rolesOf(a, ctx) };
}

/** each title the article gives a name right after it (外长特拉斯), when it gives that title one name only */
function rolesOf(a: Article, ctx: UnitContext): Map<string, string> {
  const names = new Map<string, Set<string>>();
  for (const p of [a.title, ...a.paragraphs]) for (const m of p.matchAll(ROLE_NAMES)) {
    const name = nameOfRole(m[2]!);
    if (!nameAfterTitle(name, ctx, p.slice(m.index! + m[0].length))) continue;
    const title = titleKey(m[1]!);
    (names.get(title) ?? names.set(title, new Set()).get(title)!).add(name);
    // (波兰总理马特乌斯·莫拉维茨基: the title with its country is one name's too)
    const where = placeBefore(p.slice(Math.max(0, m.index! - 8), m.index!), ctx);
    if (where) (names.get(where + title) ?? names.set(where + title, new Set()).get(where + title)!).add(name);
  }
  const roles = new Map([...names].filter(([, n]) => n.size === 1).map(([title, n]) => [title, [...n][0]!]));
  for (const [role, name] of referents(a, ctx)) roles.set(role, name);
  return roles;
}

/** 死者為經營朱古力生意的韓籍男商人Kim Minho: the role, and the name at the end of what it is said to be */
const REFERENT = new RegExp(`(${alternation(REFERRING_ROLES)})(?:為|为|是|名為|名为|名叫)([^，,。；;（(]{1,40})`, 'gu');
const LATIN_NAME_END = /[A-Z][A-Za-z'’-]*(?:\s+[A-Z][A-Za-z'’-]*){0,3}$/;

/** each referring role the article says is one named person (and no other) */
function referents(a: Article, ctx: UnitContext): Map<string, string> {
  const names = new Map<string, Set<string>>();
  for (const p of [a.title, ...a.paragraphs]) for (const m of p.matchAll(REFERENT)) {
    const what = m[2]!.trim();
    let name = LATIN_NAME_END.exec(what)?.[0] ?? null;
    if (!name) {
      // (a Chinese name closes what the role is said to be: 死者為59歲姓陳男子 names no one)
      const last = ctx.segmenter.tag(what).at(-1);
      if (last && /^\p{Script=Han}{2,4}$/u.test(last.text) && (ctx.segmenter.entityKind(last) === 'person' || (last.tag === 'x' && couldBeName(last, ctx)))) name = last.text;
    }
    if (name) (names.get(m[1]!) ?? names.set(m[1]!, new Set()).get(m[1]!)!).add(name);
  }
  return new Map([...names].filter(([, n]) => n.size === 1).map(([role, n]) => [role, [...n][0]!]));
}

/** Every direct quotation with a speaker, per article and sentence (n, at: where the quoted text starts). */
export function findQuotes(articles: readonly Article[], ctx: UnitContext): Found[] {
  return findQuotations(articles, ctx).filter((q): q is Found => q.speaker !== null);
}

/** Every direct quotation, its speaker null where the article does not say who speaks it. */
export function findQuotations(articles: readonly Article[], ctx: UnitContext): Quoted[] {
  const found: Quoted[] = [];
  for (const a of articles) {
    const sentences = a.paragraphs.flatMap((p) => splitSentences(p).map((s) => {
      const text = straightMarks(s.text);
      return { s, text, quotations: quotationsOf(text, introduces) };
    }));
    // an article that quotes no one has no quote to attribute: who speaks where is not worked out
    if (sentences.every((x) => x.quotations.length === 0)) continue;
    let n = 0;
    const speech: Speech = { lastSpeaker: null, previous: null, inSentence: null };
    const { people, main, roles } = peopleOf(a, ctx);
    const whole = [a.title, ...a.paragraphs].join('\n');
    let organisations: Set<string> | undefined;
    // (tagged once, and only when an organisation speaks)
    const cast: Cast = { people, roles, text: whole, headline: headlineSpeaker(a.title), organisations: () => (organisations ??= new Set(ctx.segmenter.tag(whole).filter((t) => ctx.segmenter.entityKind(t) === 'organisation').map((t) => t.text))) };
    for (const { s, text, quotations } of sentences) {
      let prevEnd = 0;
      speech.inSentence = null;
      // (據路透報導，…: the report the next 報導稱 is; 《新苏黎世报》发表评论称: the comment the next 评论写道 is)
      if (REPORTED_BY.test(text)) speech.lastSource = reportedBy(mask(text), ctx, cast) ?? speech.lastSource;
      else { const first = mask(text).split(/[，,；;]/)[0]!; const outlet = SAY.test(first) ? mediaOpening(first.replace(/^[（(][^）)]*[）)]/, '')) : null; if (outlet) speech.lastSource = outlet; }
      let reported = false;
      for (const q of quotations) {
        const who = speakerFor(text, q.start, q.end, prevEnd, speech, ctx, cast, main);
        prevEnd = q.end;
        if (!who) { found.push({ speaker: null, article: a, n, at: q.start + 1, text: q.text }); continue; }
        speech.inSentence = who.name;
        if (!who.reported) speech.lastSpeaker = who.name;
        reported = who.reported;
        found.push({ speaker: who.name, article: a, n, at: q.start + 1, text: q.text });
      }
      if (prevEnd === 0) {
        // indirect speech: who speaks here may go on in a quote of the next sentence, and is 他/她 later
        // (報導稱，…: the report's outlet goes on speaking)
        const said = REPORT_SPEAKS.test(mask(s.text)) && speech.lastSource ? { name: speech.lastSource, person: false } : speakerOfSentence(s.text, ctx, cast);
        // 他說，…。 then a quote with no subject: the person 他 is goes on speaking
        const byPronoun = !said && speech.lastSpeaker !== null && OPENS_WITH_PRONOUN.test(introducingClause(mask(s.text)) ?? '');
        speech.previous = said?.name ?? (byPronoun ? speech.lastSpeaker : null);
        if (said?.person) speech.lastSpeaker = said.name;
        // a person the sentence opens with, whatever they do (孔铉佑将其定位为…), is who 他/她 is next
        else if (!said) {
          // (明年是…节点，孔X将其定位为…: the main clause may come second, after a time or topic)
          for (const c of mask(s.text).split(/[，,；;。]/).slice(0, 2)) {
            // (他指的是莫斯科和北京: a clause whose subject is 他/她 leaves who they are as it was)
            if (OPENS_WITH_PRONOUN.test(c)) break;
            const subject = subjectIn(c, ctx, cast);
            if (!subject) continue;
            if (subject.person && (people.includes(subject.name) || [...roles.values()].includes(subject.name) || /^\p{Script=Han}{2,3}$/u.test(subject.name) && couldBeName({ text: subject.name, norm: normalizeText(subject.name), start: 0, end: subject.name.length, tag: 'x' }, ctx))) speech.lastSpeaker = subject.name;
            break;
          }
        }
      } else {
        // 辯方強調，若被告…，向同袍表示「…」: a quote the sentence's own speaker reports is not who goes on
        // speaking in the next sentence — that speaker is
        const frame = mask(text).split(/[，,；;：:]/)[0]!;
        const matrix = REPORT_SPEAKS.test(frame) && speech.lastSource ? { name: speech.lastSource, person: false }
          : frame.length < text.length && SAY.test(frame) && !CONDITION.test(frame) ? subjectIn(frame, ctx, cast) : null;
        speech.previous = reported ? null : matrix?.name ?? speech.inSentence;
      }
      n++;
    }
  }
  return found;
}
