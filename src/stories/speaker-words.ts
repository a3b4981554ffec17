// Word lists of who-said-what in Chinese news, as data (quotes.ts reads them): each list is
// one kind of word, in both scripts. Kept apart from the rules so that a list can grow
// without touching them.

/** verbs of saying, writing or answering that introduce a quote, beyond those in quotes.ts's SAY */
export const MORE_SAY: readonly string[] = [
  '反駁', '反驳', '回覆', '回复', '示警', '保證', '保证', '表態', '表态', '建議', '建议', '供稱', '供称', '重覆', '重复', '寫到', '写到', '堅稱', '坚称', '指稱', '指称', '痛批', '斥責', '斥责', '聲言', '声言', '表明', '續稱', '续称', '促請', '促请', '寫給', '写给', '舉例', '举例', '陳詞', '陈词', '夸赞', '誇讚', '通報', '通报',
];

/** verbs whose object is spoken to or about, not speaking (X痛批Y, X指控Y, 寫給Y), beyond quotes.ts's OBJECT_BEFORE */
export const MORE_OBJECT_VERBS: readonly string[] = [
  '批', '指', '指控', '指責', '指责', '控告', '起訴', '起诉', '感激', '羨慕', '羡慕', '寫給', '写给', '致', '援引', '引述', '引用', '開除', '开除', '點名', '点名', '建議', '建议', '促請', '促请', '勸', '劝', '請', '请',
];

/** what follows a name without being part of it (萨米·塔赫里的话说, 安倍晋三发言称, 唐鳳以電郵回覆, 梅松再表示): cut from a name's end */
export const AFTER_NAME: readonly string[] = [
  '的話', '的话', '發言', '发言', '發文', '发文', '發推', '发推', '反駁', '反驳', '回覆', '回复', '以', '再', '也', '亦', '則', '则', '又', '還', '还', '更', '曾', '已', '並', '并', '先', '就', '均', '都', '今', '昨', '指', '時', '时',
];

/** a party that speaks by its role in a trial (辯方強調, 控方指): an organisation, not a person */
export const PARTIES: readonly string[] = ['辯方', '辩方', '控方', '檢方', '检方', '辯護律師', '辩护律师'];

/** a title after a one-character surname that names a person the article names in full (习主席, 陳官: the judge 陳, 黃醫生) */
export const SURNAME_TITLES: readonly string[] = [
  '主席', '總統', '总统', '總理', '总理', '首相', '外長', '外长', '部長', '部长', '特首', '書記', '书记', '大使', '官', '法官', '醫生', '医生', '教授', '律師', '律师', '議員', '议员', '局長', '局长', '校長', '校长', '政委', '司長', '司长', '署長', '署长', '處長', '处长', '主任',
];

/** titles and occupations before a name (警員張耀永, 懲教署職員徐兆邦), beyond quotes.ts's ROLES: the name after them speaks */
export const MORE_TITLES: readonly string[] = [
  '職員', '职员', '警員', '警员', '督察', '警司', '作家', '學者', '学者', '教師', '教师', '校長', '校长', '醫生', '医生', '隊目', '队目', '分析師', '分析师', '策略師', '策略师', '經濟學家', '经济学家', '協調員', '协调员', '講師', '讲师', '被告', '原告', '證人', '证人', '候選人', '候选人', '專家', '专家', '長官', '长官', '學家', '学家', '幹事', '干事', '幕僚長', '幕僚长',
];

/**
 * a person an article names once through the role they play in it and calls by that role
 * after (死者為…商人Kim Minho, then 死者最後一封遺書…): the role stands for the name
 */
export const REFERRING_ROLES: readonly string[] = [
  '死者', '傷者', '伤者', '事主', '疑犯', '疑兇', '疑凶', '受害人', '受害者', '遇難者', '遇难者', '當事人', '当事人',
];

/** the end of an organisation's name: a person's name right before it is part of that name (馬歇爾基金會) */
export const ORGANISATION_ENDS: readonly string[] = [
  '基金會', '基金会', '研究所', '研究院', '大學', '大学', '學院', '学院', '協會', '协会', '公司', '集團', '集团', '中心', '醫院', '医院', '智庫', '智库', '銀行', '银行', '事務所', '事务所',
];

/**
 * an organisation named by its kind and 方 (署方, 校方: the department, the school), and the
 * ends of the names of that kind: the article's one organisation of that kind is who speaks
 */
export const KIND_SIDES: Readonly<Record<string, readonly string[]>> = {
  署: ['署'], 局: ['局'], 院: ['醫院', '医院', '法院'], 校: ['學院', '学院', '大學', '大学', '中學', '中学', '小學', '小学', '學校', '学校'],
};

export const alternation = (words: readonly string[]): string => [...words].sort((a, b) => b.length - a.length).join('|');
