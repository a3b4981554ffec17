// Who said it, as patterns of the text: the verbs that introduce words said or written, the
// titles a name follows, the words that open a clause before its subject, the bodies that
// speak in their own name. The word lists themselves are data in speaker-words.ts; quotes.ts
// and speaker-names.ts read these.
import { alternation, MORE_OBJECT_VERBS, MORE_SAY, MORE_TITLES, ORGANISATION_ENDS, PARTIES, SURNAME_TITLES } from './speaker-words.js';

export const ORGANISATION_END = new RegExp(`^(?:${alternation(ORGANISATION_ENDS)})`);

// (据说 is hearsay, 著称 is renown, 称为 is naming: none introduces a quote)
export const SAY_CORE = /(表示|指出|承諾|承诺|盛讚|盛赞|強調|强调|(?<![著號号])(?:稱|称)(?![為为])|(?<![據据])(?:說|说)(?!法)|認為|认为|宣布|坦言|警告|回應|回应|透露|批評|批评|提到|直言|形容|讚揚|赞扬|重申|呼籲|呼吁|寫道|写道|問道|问道|答道|回答|聲稱|声称|承認|承认|補充|补充|解釋|解释|談到|谈到|提醒|致辭|致辞|發文|发文|告訴|告诉|聲明|声明|質疑|质疑|直指|抨擊|抨击|感謝|感谢|讚賞|赞赏|比作|比喻|比成|要求|敦促)/;
/** the core verbs of saying as an alternation, for patterns that end at one (…(?=${SAYING})) */
export const SAYING = SAY_CORE.source.slice(1, -1);
export const SAY = new RegExp(`(${SAYING}|${alternation(MORE_SAY)})`);
/** what may come before a clause's subject or verb without being either: 並, 也, 但, 不過, 此外… */
export const LEAD_IN = '(?:[並并而且也亦還还但另再又則则]|不過|不过|然而|此外|另外|同時|同时)*';
/** a clause's lead-in at its start, to strip (並向記者表示 → 向記者表示) */
export const LEADING = new RegExp(`^\\s*${LEAD_IN}`);
/** adverbs between a subject and its verb of saying (X也表示, Y僅說) */
export const ADVERB = '[也还還则則又更亦再僅仅只曾已均都]';
/** prepositions before the person acted on: 对普京说, 向记者表示 */
export const PREPOSITIONS = '對|对|向|同|跟|與|与|和|給|给';
/** a person right after one of these is spoken to or about, not speaking */
export const OBJECT_BEFORE = new RegExp(`(${PREPOSITIONS}|感謝|感谢|邀請|邀请|稱讚|称赞|祝賀|祝贺|會見|会见|致電|致电|問候|问候|告訴|告诉|批評|批评|呼籲|呼吁|要求|敦促|譴責|谴责|反駁|反驳|回應|回应|稱呼|称呼|${alternation(MORE_OBJECT_VERBS)})$`);
/** a verb or preposition of those anywhere in a text (会见, 对) */
export const OBJECT_WORD = new RegExp(OBJECT_BEFORE.source.replace(/\$$/, ''));
/** role words before a name the tagger may not know (立陶宛外长兰斯伯吉斯表示) */
export const ROLES = '外交大臣|外相|防長|防长|大臣|主席|總統|总统|總理|总理|首相|外長|外长|部長|部长|發言人|发言人|大使|議員|议员|主任|局長|局长|司長|司长|特首|行政長官|行政长官|秘書長|秘书长|主編|主编|教授|研究員|研究员|顧問|顾问|助理|議長|议长|市長|市长|委員|委员|代表|國務卿|国务卿|總裁|总裁|董事長|董事长|官員|官员|院長|院长|署長|署长|處長|处长|理事長|理事长|負責人|负责人|律師|律师|法官|' + alternation(MORE_TITLES);
export const ROLE_NAME_SOURCE = `(${ROLES})(\\p{Script=Han}{1,6}?(?:[·‧-]\\p{Script=Han}{1,6}?){1,2}|(?:\\p{Script=Han}|·|‧|-){2,8}?)(?=${SAYING}|在|對|对|向|也|則|则|又|還|还|更|當天|当天|昨天|昨日|今天|今日|週|周|指|${alternation(MORE_SAY)}|[，,：:（(]|\\d)`;
export const ROLE_NAME = new RegExp(ROLE_NAME_SOURCE, 'u');
/** titles that name one office (英国外交大臣特拉斯 is the 外长 of a later 英国外长批评称), each folded to its first */
export const SAME_TITLE: readonly string[][] = [
  ['外长', '外長', '外交大臣', '外相', '外交部长', '外交部長'],
  ['防长', '防長', '国防部长', '國防部長'],
  ['总统', '總統'], ['总理', '總理'], ['主席'], ['发言人', '發言人'], ['主编', '主編', '总编', '總編', '总编辑', '總編輯'],
];
export const TITLE_OF = new Map(SAME_TITLE.flatMap((g) => g.map((t) => [t, g[0]!] as const)));
export const titleKey = (t: string): string => TITLE_OF.get(t) ?? t;
/** every spelling of the titles the article gives one name, longest first (外交部长 before 外长) */
export const TITLE_SPELLINGS = [...new Set([...ROLES.split('|'), ...SAME_TITLE.flat()])].sort((a, b) => b.length - a.length);
export const TITLES: ReadonlySet<string> = new Set(TITLE_SPELLINGS);
/** 总统顾问斯凯斯吉里特: the name after the last of several titles */
export function nameOfRole(name: string): string {
  for (let again = true; again;) {
    again = false;
    for (const t of TITLE_SPELLINGS) if (name.startsWith(t) && name.length > t.length + 1) { name = name.slice(t.length); again = true; break; }
  }
  return name;
}
/** where a title stands as a word of its own (大使, not 大使馆; 議員, not 區議員選舉 or 議員席位) */
export function titleAt(text: string, title: string): number {
  for (let at = text.indexOf(title); at >= 0; at = text.indexOf(title, at + 1)) if (!/^(?:[館馆團团級级選选席職职]|[處处](?![理置於于分罰罚]))/.test(text.slice(at + title.length))) return at;
  return -1;
}
/** a government body of a place named before it (立陶宛政府, 美国国务院) */
export const INSTITUTION = /^(政府|當局|当局|外交部|國防部|国防部|國務院|国务院|國會|国会|議會|议会|白宫|白宮)$/;
export const ROLE_NAMES = new RegExp(ROLE_NAME_SOURCE, 'gu');
export const PRONOUN = /(他|她)(們|们)?[^\p{Script=Han}]*$|^(他|她)|[，,](他|她)/u;
/** news agencies and media named as the source of a report are not the speaker */
export const MEDIA = /社$|網$|网$|台$|報$|报$|媒體$|媒体$|電視$|电视$|通訊$|通讯$/;
/** a verb of saying or likening right before a quotation (比喻成“…”, 称：“…”): a short quotation there is speech */
export const INTRODUCES = new RegExp(`(?:${SAY.source})(?:成|为|為|作|道)?\\s*[：:，,]?\\s*$`);
export const introduces = (before: string): boolean => INTRODUCES.test(before);

/** a title after a one-character surname (习主席, 普京总统 is a name already): who it is, from the article's people */
export const SURNAME_TITLE = new RegExp(`(\\p{Script=Han})(?:${alternation(SURNAME_TITLES)})(?![員员邸])`, 'gu');
/** a meeting speaking by its kind alone (会议认为, 全会指出) */
export const MEETING_SPEAKS = new RegExp(`^\\s*${LEAD_IN}(会议|會議|全会|全會)(?:${ADVERB}|進一步|进一步)?(?=${SAYING})`, 'u');
/** a clause that opens with one character, perhaps an adverb, and its verb of saying (陳續指, 林指) */
export const SURNAME_GOES_ON = new RegExp(`^\\s*(\\p{Script=Han})(?:續|续|又|亦|再|則|则|還|还)?(?=${SAYING}|指)`, 'u');
/** a body named in Latin letters and its unnamed spokesman before the verb (Meta發言人說, Google的發言人表示) */
export const LATIN_BODY_SPOKESMAN = new RegExp(`(?:^|[^A-Za-z\\s])\\s*([A-Z][A-Za-z0-9&.]*(?:\\s[A-Z][A-Za-z0-9&.]*)?)\\s*(?:的)?(?:發言人|发言人|公司發言人|公司发言人)(?:${ADVERB})?(?=${SAYING})`, 'u');
/** a body's Latin name, not a person's: an acronym (G7, WHO) or words that name a body (Imperial College) */
export const LATIN_BODY = `[A-Z][A-Z0-9&]{1,7}|[A-Za-z .&'-]*\\b(?:College|University|Institute|Agency|Group|Council|Organi[sz]ation|Association|Bank|Fund|Office|Ministry|Department|Committee|Commission|Service|Centre|Center|Foundation|Union|Party|Court|Federation)\\b[A-Za-z .&'-]*`;
/** a body named in Han with its Latin name (or acronym) in brackets, opening the clause, then a date and a verb of saying */
export const LATIN_NAMED_BODY = new RegExp(`^\\s*${LEAD_IN}(\\p{Script=Han}{4,14})[（(](${LATIN_BODY})[）)]\\s*(?:\\d{1,2}日)?(?:${ADVERB})?(?=${SAYING})`, 'u');
/** a body's Latin acronym opening the clause, perhaps where it said it, before its verb of saying (IEA在其月度报告中称) */
export const ACRONYM_SUBJECT = new RegExp(`^\\s*${LEAD_IN}([A-Z][A-Z0-9&]{1,5})\\s*(?:在[^，,]{1,16}?[上中后後前])?(?:${ADVERB})?(?=${SAYING})`, 'u');
/** a team, institute, school or company named in full opening the clause (its official account and a time may follow), before its verb of saying */
export const TEAM_SPEAKS = new RegExp(`^\\s*${LEAD_IN}(\\p{Script=Han}{2,12}(?:团队|團隊|研究所|研究院|研究中心|小组|小組|${alternation(ORGANISATION_ENDS)}))(?:官方微博|官微|官網|官网|網站|网站)?(?:今晚|今天|今日|昨天|昨日|昨晚|\\d{1,2}日)?(?:${ADVERB})?(?=${SAY.source})`, 'u');
/** a country and 驻 right before the place a mission is in (中国驻 of 中国驻美国大使馆) */
export const STATIONED_IN = /\p{Script=Han}{2,4}[驻駐]$/u;
/** a surname and an honorific (溫女士, 魏先生): a person the article names no further; not after a word that is no surname (這位先生) */
export const HONORIFIC_NAME = /(?<![\p{Script=Han}])\p{Script=Han}(?:先生|女士|小姐|太太)|(?<=[歲岁的])\p{Script=Han}(?:先生|女士|小姐|太太)/u;
/** a surname and a title as one word (岑官, 姚官): a title, resolved to a name below, not a name */
export const SURNAME_TITLED = new RegExp(`^\\p{Script=Han}(?:${alternation(SURNAME_TITLES)})$`, 'u');
export const OBJECT_START = new RegExp(`^(${PREPOSITIONS})`);

/** words that open a clause before its subject (但是，而，此外…) */
export const OPENERS = /^(?:但是|但|而且|而|並且|并且|並|并|另外|此外|同時|同时|其中|至於|至于|不過|不过|然而|惟|另|亦|也|則|则|當時|当时|隨後|随后|其後|其后|之後|之后|後來|后来|此後|此后)/;
/** what stands between a subject and its verb of saying: adverbs, a time, where and to whom (森山在集会后对媒体强调) */
export const BEFORE_VERB = new RegExp(`(?:[也还還则則又更亦再曾已并並均都先就]|進一步|进一步|今天|今日|昨天|昨日|當天|当天|[周週][一二三四五六日]|\\d+日|在[^，,]{1,20}?(?:上|中|時|时|後|后|前)|(?:${PREPOSITIONS})[^，,]{1,10})+$`, 'u');
/** token tags that end a name: verbs, adverbs, prepositions, conjunctions, particles, pronouns, times, numbers */
export const NOT_NAME_TAG = /^(?:v|vn|vd|d|p|c|u|uj|ul|uz|uv|ud|ug|r|f|t|m|mq|q|y|e|o|a|ad)$/;

/** a party of a trial that speaks by its role (辯方強調): an organisation */
export const PARTY: ReadonlySet<string> = new Set(PARTIES);
/** who is cited (路透社引述X表示, 援引X的话说): X speaks, not who cites */
export const CITES = /援引|引述|引用|引據|引据/;
/** a clause that opens with two characters, perhaps an adverb, and its verb of saying (山村称): a short form of a name */
export const SHORT_NAME_SAYS = new RegExp(`^\\s*${LEAD_IN}(\\p{Script=Han}{2})(?:${ADVERB})?(?=${SAYING})`, 'u');
/** a name in Latin letters right before a verb of saying (分析师Joe Manimbo表示, X对路透表示): the person who speaks */
export const LATIN_SUBJECT = new RegExp(`([A-Z][A-Za-z'’.-]*(?:\\s+[A-Z][A-Za-z'’.-]*){1,3})\\s*(?:${ADVERB}|周[一二三四五六日]|週[一二三四五六日])?(?:在[^，,]{1,16}?[上中后後前])?(?:[对對向][^，,\\s]{1,8}?)?(?:${SAYING})`, 'u');

/** one capitalised Latin word right before a verb of saying (Wood表示) */
export const LATIN_SURNAME_SUBJECT = new RegExp(`(?<![A-Za-z]\\s?)([A-Z][a-z'’-]{2,})\\s*(?:${ADVERB})?(?:${SAYING})`, 'u');
/** a name of a news outlet the tagger may not know (环球网, 联合报): a few characters ending in 社/网/报/台 */
export const MEDIA_NAME = /^\p{Script=Han}{2,5}(社|網|网|報|报|台)$/u;
export const NOT_MEDIA = new Set(['互联网', '互聯網', '因特网', '局域网', '出版社', '电视台', '電視台', '舞台', '平台', '讲台', '講台', '后台', '後台', '阳台', '陽台', '月台', '报社', '報社', '通讯社', '通訊社', '新闻社', '新聞社']);

/** what kind of outlet it is, said before its name (中共党媒《人民日报》) */
const OUTLET_KINDS = '中共|中国|中國|官方|党媒|黨媒|官媒|陆媒|陸媒|港媒|台媒|喉舌';
export const MEDIA_DESCRIPTOR = new RegExp(`^\\s*(?:${OUTLET_KINDS})+`);
/** a clause that opens with a publication in title marks, perhaps after what kind of outlet it is */
export const TITLED_OUTLET = new RegExp(`^\\s*(?:${OUTLET_KINDS})*《([^》]{2,20})》`);
/** an outlet's name as written, when the tagger cut it (晴川日报 → 晴川 / 日报) */
export const MEDIA_TEXT = /\p{Script=Han}{2,4}(?:日報|日报|時報|时报|晚報|晚报|早報|早报|週報|周报|新聞網|新闻网|通訊社|通讯社|電視台|电视台|電台|电台)/u;

/** 据路透社报道，… / 據新華社消息: the outlet a sentence's report is from */
export const REPORTED_BY = /(?:^|[，,；;])[另又]?[据據]([^，,；;。]{2,16}?)(?:的)?(?:报道|報道|报导|報導|消息|披露|引述)/;
export const CONDITION = /^\s*(?:若|如果|假如|假若|倘若|即使|即便)/;
/** a clause that opens with 指 (辯方不同意，指控方沒回應…「…」): it says what follows; its subject is earlier */
export const OPENS_WITH_SAYING = new RegExp(`^\\s*${LEAD_IN}指(?![出示標标數数揮挥導导南])`);
/** a verb of saying not denied right before it (侯X可以不表示意見 says nothing) */
export function says(clause: string): boolean {
  // (堪稱 is "can be called": no one says it)
  for (const m of clause.matchAll(SAY_ALL)) if (!/(?:不|沒|没|未|無|无|拒絕|拒绝)\p{Script=Han}?$|堪$/u.test(clause.slice(Math.max(0, m.index! - 3), m.index!))) return true;
  return false;
}
/** earlier quotes are masked: a name inside a quotation is not its speaker */
export const mask = (s: string): string => s.replace(/[「“][^」”]*[」”]/g, (m) => '＊'.repeat(m.length));

/** a clause whose subject is 他/她 (並說, 但他…): one person, the last named */
export const OPENS_WITH_PRONOUN = new RegExp(`^\\s*${LEAD_IN}(?:他|她)(?![們们])`);

export const SAY_ALL = new RegExp(SAY.source, 'g');

/** a report, an article or a study: no one's name */
export const REPORT_WORD = /^(?:報導|报道|報道|报导|報告|报告|文章|評論|评论|社論|社论|研究|聲明|声明)$/;
/** a clause that only says what is spoken of (关于…, 對於…, 鉴于…) */
export const TOPIC = /^\s*(?:關於|关于|對於|对于|至於|至于|鑒於|鉴于|有關|有关)/;
/** a clause whose subject is a report taken up again: 報導提到, 该报道称 */
export const REPORT_SPEAKS = new RegExp(`^\\s*${LEAD_IN}(?:[^，,]{0,30}的)?(?:該|该|這篇|这篇|此|路透的?)?(?:報導|报道|報道|报导|評論|评论|社論|社论|文章)(?:又|也|還|还|更)?(?:${SAYING}|提到|指出|指|寫道|写道)`);
/** a clause whose subject is a title taken up again: 该发言人, 這位官員 */
export const DEFINITE_TITLE = new RegExp(`^\\s*${LEAD_IN}(?:该|該|这位|這位|这名|這名|此)(?:${TITLE_SPELLINGS.join('|')})`);

export const PREPOSITION: ReadonlySet<string> = new Set(PREPOSITIONS.split('|'));
export const UNNAMED = /有人|中人|消息人士|消息來源|消息来源|知情人士|不具名|匿名人士|有網民|有网民|不少人|很多人|許多人|许多人|一些人|有位網民|有位网民|網友|网友/;
