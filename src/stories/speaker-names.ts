// Who a name is: reading people's names in the tagger's tokens (a transliteration cut into
// pieces, a surname and a word the dictionary knows), writing them in full as the article
// does (萨夫瓦特·扎耶 → …扎耶特, Wood → Cathie Wood), and what an article names once for all its
// quotes (the Cast: its people, the one name each title or role is given).
import type { Article } from '../article.js';
import { isSurname, type Token } from '../text/segment.js';
import { normalizeText } from '../text/normalize.js';
import type { UnitContext } from './claims.js';
import { AFTER_NAME, alternation, REFERRING_ROLES } from './speaker-words.js';
import { NOT_NAME_TAG, OBJECT_START, ROLE_NAMES, SAY, SURNAME_TITLED, TITLES, TITLE_SPELLINGS, nameOfRole, titleKey } from './speaker-patterns.js';

/** the one meeting of that kind the article names in full (上周五闭幕的中央经济工作会议 → 中央经济工作会议), else null */
export function meetingInFull(kind: string, article: string): string | null {
  const names = new Set<string>();
  for (const m of article.matchAll(new RegExp(`(\\p{Script=Han}{2,12})${kind}`, 'gu'))) {
    const name = m[1]!.replace(/^.*[的之在和与與及將将由對对於于]/, '').replace(/^(?:所以|因此|但是|但|而且|而|并且|並且|并|並|今年|去年|明年|本次|此次|这次|這次|上次|日前|近日|本周|本週|上周|上週|昨天|昨日|今天|今日)+/, '');
    if (name.length >= 2) names.add(name + kind);
  }
  return names.size === 1 ? [...names][0]! : null;
}
/** the place named right before a title (波兰 of 波兰总理), or null */
export function placeBefore(text: string, ctx: UnitContext): string | null {
  const last = ctx.segmenter.tag(text).at(-1);
  return last && last.end === text.length && ctx.segmenter.entityKind(last) === 'place' ? last.norm : null;
}
export const HAN_NAME = /^\p{Script=Han}{2,3}$/u;
/** an unknown word that could be a Chinese personal name: the segmenter's own test for a guessed name (it starts with a surname) */
export const couldBeName = (t: Token, ctx: UnitContext): boolean => HAN_NAME.test(t.norm) && ctx.segmenter.entityKind({ ...t, tag: 'nr' }) === 'person';
export const NAME_PART = new Set(['nr', 'nrt', 'nrfg']);
export const DOT = /^[·‧•・]$/;
export const SAY_AT_END = /(?:說|说|稱|称|表示|指出)$/;
/** a piece of a transliterated name: a name part, or a word the tagger does not know, that is no title */
export const namePiece = (t: Token | undefined): boolean => !!t && (NAME_PART.has(t.tag) || t.tag === 'x' || t.tag === 'nz') && /^\p{Script=Han}+$/u.test(t.text) && !TITLES.has(t.norm);
/** after a dot, a piece of the name whatever the tagger took it for (萨米·塔/赫里: 塔 an abbreviation, 赫里 a measure word), but no verb, preposition, adverb or particle */
export const dottedPiece = (t: Token | undefined): boolean => namePiece(t) || (!!t && /^\p{Script=Han}{1,3}$/u.test(t.text) && !TITLES.has(t.norm) && !SAY.test(t.text) && !/^(?:v|vn|vd|p|d|c|u|uj|ul|uz|uv|ud|ug|r|f|t|m|y|e|o)$/.test(t.tag));
/** words that end a dotted name when they follow its last piece (…阿提亚评论: 评论 is no part of it) */
export const COMMON_AFTER_NAME = /^(?:n|vn|v|a|ad|an)$/;
/** the piece right after a name's dot: any short word but a verb of saying, a title or a particle (加纳/v of 叶海亚·加纳姆) */
export const afterDot = (t: Token | undefined): boolean => dottedPiece(t) || (!!t && /^\p{Script=Han}{1,3}$/u.test(t.text) && !TITLES.has(t.norm) && !SAY.test(t.text) && !/^(?:u|uj|ul|uz|uv|ud|ug|p|c|y|e|o)$/.test(t.tag));

/**
 * The clause's tokens, with a transliterated name the tagger cut into pieces joined again
 * (斯/凯斯/吉/里特 → 斯凯斯吉里特) and a word the tagger does not know that the article
 * names again, that opens the clause or that a verb of saying follows (萧美琴说), taken for a
 * person when it could be a name (it starts with a surname).
 */
export function nameTokens(text: string, ctx: UnitContext, people: readonly string[]): Array<Token & { person?: true }> {
  const out: Array<Token & { person?: true }> = [];
  const tokens = ctx.segmenter.tag(text);
  // the names of a list of people, however the tagger cut them (李家/偉、劉珈/汶及…)
  const inListedName = listedNameWalk(listedNames(text, ctx, tokens));
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const named = inListedName(t);
    if (named) {
      if (named.opens) out.push({ ...t, text: named.name, norm: normalizeText(named.name), start: named.start, end: named.end, tag: 'nr', person: true });
      continue;
    }
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
      let name = text.slice(first.start, last.end).replace(SAY_AT_END, '');
      let start = first.start;
      // (对本·萨勒曼: a preposition the tagger joined to the first piece is no part of the name; the name is its object)
      if (GLUED_PREPOSITION.test(name) && !DOT.test(name[1]!)) {
        out.push({ ...first, text: name[0]!, norm: normalizeText(name[0]!), end: start + 1, tag: 'p' });
        name = name.slice(1);
        start++;
      }
      out.push({ ...first, text: name, norm: normalizeText(name), start, end: last.end, tag: 'nr', person: true });
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
    // (哈姆/杜克: two pieces that make a name the article names, or a part of a dotted one, are that name)
    const next = tokens[i + 1];
    if (next && next.start === t.end && (namePiece(t) || t.tag === 'x') && (namePiece(next) || next.tag === 'x') && /^\p{Script=Han}+$/u.test(t.text + next.text)) {
      const joined = t.text + next.text;
      if (people.some((p) => p === joined || (DOTS.test(p) && p.split(DOTS).includes(joined)))) {
        out.push({ ...t, text: joined, norm: normalizeText(joined), end: next.end, tag: 'nr', person: true });
        i++;
        continue;
      }
    }
    // (谭/德塞表示: a surname the tagger left alone and the one or two characters after it, before a verb of
    // saying or 在, are a name)
    const after = tokens[i + 2];
    if (next && next.start === t.end && t.text.length === 1 && !NOT_NAME_TAG.test(t.tag) && next.text.length <= 2 && /^\p{Script=Han}+$/u.test(next.text) && !NOT_NAME_TAG.test(next.tag) && after && after.start === next.end && (SAY.test(after.text) || after.text === '在')) {
      const joined = t.text + next.text;
      const token = { ...t, text: joined, norm: normalizeText(joined), end: next.end, tag: 'nr' };
      if (!SURNAME_TITLED.test(joined) && !TITLES.has(token.norm) && couldBeName(token, ctx)) { out.push({ ...token, person: true }); i++; continue; }
    }
    // (毛漢說: a verb of saying the tagger joined to a name the article names is no part of it)
    const said = t.tag === 'x' ? SAY_AT_END.exec(t.text) : null;
    if (said && said.index >= 2 && people.includes(t.text.slice(0, said.index))) {
      const name = t.text.slice(0, said.index);
      out.push({ ...t, text: name, norm: normalizeText(name), end: t.start + name.length, tag: 'nr', person: true });
      out.push({ ...t, text: said[0], norm: normalizeText(said[0]), start: t.start + name.length, tag: 'v' });
      continue;
    }
    // (信中, 文中: a place in a text is no name)
    if (t.tag === 'x' && couldBeName(t, ctx) && !/^\p{Script=Han}[中內内上裡里]$/u.test(t.text) && !SURNAME_TITLED.test(t.text) && (i === 0 || people.includes(t.text) || SAY.test(tokens[i + 1]?.text ?? '') || sayingAfterWhere(tokens, i, text))) { out.push({ ...t, person: true }); continue; }
    out.push(t);
  }
  return out;
}

/** 何桂蓝在陈情时说: the word before 在 and where, then a verb of saying in the same clause */
function sayingAfterWhere(tokens: readonly Token[], i: number, text: string): boolean {
  const next = tokens[i + 1];
  // (吉娜-岑蒙多在…说: a piece after a hyphen or dot is the end of a longer name, read elsewhere)
  const before = tokens[i - 1]?.text ?? '';
  if (next?.text !== '在' || next.start !== tokens[i]!.end || DOT.test(before) || /^[-‐]$/.test(before)) return false;
  const rest = text.slice(next.end).split(/[，,；;。：:]/)[0]!;
  return rest.length <= 16 && SAY.test(rest);
}

/** a preposition at the start of a dotted name: its object follows (对本·萨勒曼) */
const GLUED_PREPOSITION = /^[对對向与與跟把被给給]/;

/**
 * Words after a title that read as a name: they open with a name the tagger knows, or with
 * a word it does not know that is a transliteration (3+ characters: 恰皮耶尼) or starts with
 * a surname (发推 after 外长 is no name).
 */
export function nameAfterTitle(name: string, ctx: UnitContext, after = ''): boolean {
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
export interface Cast {
  people: readonly string[]; roles: ReadonlyMap<string, string>; text?: string; headline?: string | null; organisations?: () => ReadonlySet<string>;
  /** givenNameForms of each name asked, worked out once per article (every subject found asks) */
  givenForms?: Map<string, string[]>;
  /** the speakers found so far in the article (山村浩 of 幕僚长山村浩强调, whom 山村称 names later) */
  spoken?: Set<string>;
  /** the dotted (transliterated) names the article has named so far */
  dotted?: Set<string>;
}

/** a headline that opens with who speaks (岸田文雄：没有参加…的计划): the name */
export function headlineSpeaker(title: string): string | null {
  const m = /^(\p{Script=Han}{2,6})[：:]/u.exec(title);
  return m ? nameOfRole(m[1]!) : null;
}

/**
 * The fullest form of a name the article gives (岸田 → 岸田文雄 of the headline 岸田文雄：…): a name
 * of its people, titles or headline speaker that starts with it and is at most two characters longer.
 */
export function fullest(name: string, cast: Cast, ctx: UnitContext): string {
  if (!/^\p{Script=Han}{2,}$/u.test(name)) return name;
  const given = (cast.givenForms ??= new Map()).get(name) ?? cast.givenForms.set(name, [...givenNameForms(name, cast.text ?? '', ctx), ...wholeNameForms(name, cast.text ?? '', ctx)]).get(name)!;
  const forms = [...cast.people, ...cast.roles.values(), ...(cast.headline ? [cast.headline] : []), ...given];
  // (普京互相: what is added must read as part of a name, not an adverb or verb the tagger joined to it;
  // 林鄭月娥, whose 月 alone is tagged a numeral, is one name to the tagger)
  const namePart = (rest: string): boolean => !SAY.test(rest) && !TITLES.has(rest) && !AFTER_NAME_END.test(rest) && ctx.segmenter.tag(rest).every((t) => !NOT_NAME_TAG.test(t.tag));
  return forms.filter((f) => f !== name && f.startsWith(name) && f.length <= name.length + 2 && /^\p{Script=Han}+$/u.test(f) && (namePart(f.slice(name.length)) || oneName(f, ctx)))
    .reduce((a, b) => (b.length > a.length ? b : a), name);
}

export const DOTS = /[·‧•・]/;
export const dottedNames = (cast: Cast): Set<string> => (cast.dotted ??= new Set([...cast.people, ...cast.roles.values()].filter((p) => DOTS.test(p))));

/**
 * A transliterated name as the article wrote it in full: one cut short at its end (萨夫瓦特·扎耶 of
 * 萨夫瓦特·扎耶特, when the longer last part is as frequent), and one part alone (拉格布, 扎耶特) the
 * one dotted name found so far that has it as a part (萨米尔·拉格布·赫特). Dotted names are remembered.
 */
export function transliteratedInFull(name: string, cast: Cast): string {
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
export const GIVEN_NAME_TAG = /^(?:nr|nrfg)$/;
/**
 * A two-character name the article also writes with a given name after it (前委员长森山裕担任新会长:
 * 森山 → 森山裕): one or two characters right after it that the tagger reads as a person's name;
 * one such form in the article, else none.
 */
export function givenNameForms(name: string, article: string, ctx: UnitContext): string[] {
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

/** a text the tagger reads as one person's name (安倍晋三, 林鄭月娥; not 普京互相) */
const oneName = (text: string, ctx: UnitContext): boolean => { const t = ctx.segmenter.tag(text); return t.length === 1 && NAME_PART.has(t[0]!.tag); };

/**
 * A name the article also writes longer, one or two characters more that the tagger reads with
 * it as one name (安倍 → 安倍晋三 of 前首相安倍晋三13日…): one such form in the article, else none.
 */
export function wholeNameForms(name: string, article: string, ctx: UnitContext): string[] {
  const found = new Set<string>();
  for (let at = article.indexOf(name); at >= 0; at = article.indexOf(name, at + name.length)) {
    for (const extra of [2, 1]) {
      const f = article.slice(at, at + name.length + extra);
      if (f.length === name.length + extra && /^\p{Script=Han}+$/u.test(f) && oneName(f, ctx)) { found.add(f); break; }
    }
  }
  return found.size === 1 ? [...found] : [];
}

/** what follows a name without being part of it, at a name's end (萨米·塔赫里的话, 唐鳳以, 梅松再) */
export const AFTER_NAME_END = new RegExp(`(?:${alternation(AFTER_NAME)})$`);
/** a name without the words the tagger or a title's pattern stuck to its end (a name of 2 characters or more is left) */
export function tidyName(name: string): string {
  for (let m = AFTER_NAME_END.exec(name); m && m.index >= 2; m = AFTER_NAME_END.exec(name)) name = name.slice(0, m.index);
  return name;
}

export const count = (text: string, word: string): number => { let n = 0; for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length)) n++; return n; };
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

/** whether the article gives the name in Latin letters right after it somewhere (霍巴巧斯卡斯（Marius Horbačauskas）) */
export function spelledInLatin(name: string, article: string): boolean {
  for (let at = article.indexOf(name); at >= 0; at = article.indexOf(name, at + name.length)) if (/^\s*[（(][A-Z]/.test(article.slice(at + name.length, at + name.length + 4))) return true;
  return false;
}

/** 法官姚X拒絕…: the one name of three characters the article writes after a title with this surname */
export function titledName(surname: string, article: string): string | null {
  const names = new Set([...article.matchAll(new RegExp(`(?:${TITLE_SPELLINGS.join('|')})(${surname}\\p{Script=Han}{2})`, 'gu'))].map((m) => m[1]!).filter((n) => !SAY.test(n) && !AFTER_NAME_END.test(n)));
  return names.size === 1 ? [...names][0]! : null;
}

/** the one name of two to four Latin words the article writes ending with `last` (Cathie Wood for Wood) */
export function latinFullName(last: string, article: string): string | null {
  const names = new Set([...article.matchAll(new RegExp(`(?<![A-Za-z])((?:[A-Z][A-Za-z'’.-]*\\s+){1,3}${last})(?![A-Za-z])`, 'g'))].map((m) => m[1]!.replace(/\s+/g, ' ')));
  return names.size === 1 ? [...names][0]! : null;
}

const addTo = (names: Map<string, Set<string>>, key: string, name: string): void => { (names.get(key) ?? names.set(key, new Set()).get(key)!).add(name); };
/** the one name each key was given, of keys given one */
const onlyNames = (names: Map<string, Set<string>>): Map<string, string> => new Map([...names].filter(([, n]) => n.size === 1).map(([key, n]) => [key, [...n][0]!]));

/** each title the article gives a name right after it (外长特拉斯), when it gives that title one name only */
export function rolesOf(a: Article, ctx: UnitContext): Map<string, string> {
  const names = new Map<string, Set<string>>();
  for (const p of [a.title, ...a.paragraphs]) for (const m of p.matchAll(ROLE_NAMES)) {
    const name = nameOfRole(m[2]!);
    if (!nameAfterTitle(name, ctx, p.slice(m.index! + m[0].length))) continue;
    const title = titleKey(m[1]!);
    addTo(names, title, name);
    // (波兰总理马特乌斯·莫拉维茨基: the title with its country is one name's too)
    const where = placeBefore(p.slice(Math.max(0, m.index! - 8), m.index!), ctx);
    if (where) addTo(names, where + title, name);
  }
  const roles = onlyNames(names);
  for (const [role, name] of referents(a, ctx)) roles.set(role, name);
  return roles;
}

/** 死者為經營朱古力生意的韓籍男商人Kim Minho: the role, and the name at the end of what it is said to be */
export const REFERENT = new RegExp(`(${alternation(REFERRING_ROLES)})(?:為|为|是|名為|名为|名叫)([^，,。；;（(]{1,40})`, 'gu');
export const LATIN_NAME_END = /[A-Z][A-Za-z'’-]*(?:\s+[A-Z][A-Za-z'’-]*){0,3}$/;

/** each referring role the article says is one named person (and no other) */
export function referents(a: Article, ctx: UnitContext): Map<string, string> {
  const names = new Map<string, Set<string>>();
  for (const p of [a.title, ...a.paragraphs]) for (const m of p.matchAll(REFERENT)) {
    const what = m[2]!.trim();
    let name = LATIN_NAME_END.exec(what)?.[0] ?? null;
    if (!name) {
      // (a Chinese name closes what the role is said to be: 死者為59歲姓陳男子 names no one)
      const last = ctx.segmenter.tag(what).at(-1);
      if (last && /^\p{Script=Han}{2,4}$/u.test(last.text) && (ctx.segmenter.entityKind(last) === 'person' || (last.tag === 'x' && couldBeName(last, ctx)))) name = last.text;
    }
    if (name) addTo(names, m[1]!, name);
  }
  return onlyNames(names);
}

/** what joins the last name of a list to the one before it */
const LIST_AND = /^(?:以及|及|和|與|与|、)/u;
const HAN = /^\p{Script=Han}+$/u;

/**
 * The names of a list of people (前區議員李家偉、劉珈汶及李軒朗; 張崑陽、李家偉…涉嫌): where the
 * tagger cuts such names apart (李家/偉, 張/崑陽, 劉珈/汶及) or takes them for places, the list
 * says where each begins and ends. A list is three names or more with at least one 、 between
 * them, each of two or three characters opening with a surname, none a word the segmenter knows
 * as anything but a person; the first ends at a 、, the last ends before 及/和/與, punctuation or
 * a word boundary, and one more may follow 及/和/與. Spans are `[start, end)` in `text`;
 * `tokens`: the text's tags, where the caller has them already.
 */
export function listedNames(text: string, ctx: UnitContext, tokens?: readonly Token[]): Array<{ start: number; end: number; name: string }> {
  if (!text.includes('、')) return [];
  const plausible = (name: string): boolean => {
    if (!HAN.test(name) || name.length < 2 || name.length > 3 || !isSurname(name[0]!)) return false;
    const norm = normalizeText(name);
    const known = ctx.segmenter.knows(norm);
    // a word it knows is a name only where it knows it as one (李家 is; 江蘇 and 周末 are not)
    return ctx.segmenter.entityKind({ text: name, norm, start: 0, end: name.length, tag: known ? 'x' : 'nr' }) === 'person';
  };
  // where the segmenter puts word boundaries: a list's outer names begin or end at one
  const bounds = new Set<number>();
  for (const t of tokens ?? ctx.segmenter.tag(text)) { bounds.add(t.start); bounds.add(t.end); }
  const opensAt = (i: number): boolean => i === 0 || !HAN.test(text[i - 1]!) || bounds.has(i);
  const endsAt = (i: number): boolean => i >= text.length || !HAN.test(text[i]!) || LIST_AND.test(text.slice(i)) || bounds.has(i);
  const parts = text.split('、');
  const offsets: number[] = [];
  for (let i = 0, at = 0; i < parts.length; at += parts[i]!.length + 1, i++) offsets.push(at);
  const out: Array<{ start: number; end: number; name: string }> = [];
  for (let i = 0; i < parts.length - 1;) {
    // the names between two 、 are whole: the list runs while they are names
    let j = i + 1;
    while (j < parts.length - 1 && plausible(parts[j]!)) j++;
    const endOfHead = offsets[i]! + parts[i]!.length;
    const first = [3, 2].map((n) => ({ start: endOfHead - n, end: endOfHead })).find((x) => x.start >= offsets[i]! && opensAt(x.start) && plausible(text.slice(x.start, x.end)));
    const nameAt = (from: number): { start: number; end: number } | undefined =>
      [3, 2].map((n) => ({ start: from, end: from + n })).find((x) => x.end <= offsets[j]! + parts[j]!.length && endsAt(x.end) && plausible(text.slice(x.start, x.end)));
    const last = nameAt(offsets[j]!);
    if (first && last) {
      const names = [first, ...parts.slice(i + 1, j).map((p, k) => ({ start: offsets[i + 1 + k]!, end: offsets[i + 1 + k]! + p.length })), last];
      const and = LIST_AND.exec(text.slice(last.end));
      const more = and && and[0] !== '、' ? nameAt(last.end + and[0].length) : undefined;
      if (more) names.push(more);
      // (a list that goes on after the 及 of another begins with that one's last name: each name once)
      const taken = out[out.length - 1]?.end ?? 0;
      if (names.length >= 3) out.push(...names.filter((x) => x.start >= taken).map((x) => ({ ...x, name: text.slice(x.start, x.end) })));
    }
    i = j;
  }
  return out;
}

/**
 * A walk over a text's tokens, in order, through its listed names (listedNames): the name a
 * token falls in, and whether the token opens it (where the name is given once), or null.
 */
export function listedNameWalk(listed: ReadonlyArray<{ start: number; end: number; name: string }>): (t: Token) => ({ start: number; end: number; name: string; opens: boolean } | null) {
  let next = 0;
  return (t) => {
    while (next < listed.length && listed[next]!.end <= t.start) next++;
    const n = listed[next];
    return n && t.end > n.start && t.start < n.end ? { ...n, opens: t.start <= n.start } : null;
  };
}

/** a word that is or ends with a title (发言人, 区议员, 立法会议员) */
const LONG_TITLES = [...TITLES].filter((t) => t.length >= 2);
const isTitleWord = (norm: string): boolean => TITLES.has(norm) || LONG_TITLES.some((t) => norm.endsWith(t));

/**
 * The person a title names right after it, where the tagger does not (发言人张/崑阳: a surname it
 * takes for a measure word and a given name it takes for a place; 议员罗冠聪/x): the tokens `i`
 * onwards that make the name, and the name. `tokens` are one text's, in order.
 */
export function nameAfterTitleToken(tokens: readonly Token[], i: number, ctx: UnitContext): { tokens: number; name: string } | null {
  const title = tokens[i - 1], t = tokens[i], next = tokens[i + 1];
  // most tokens open no name: the cheap tests first, the title last
  if (!title || !t || title.end !== t.start || !isSurname(t.norm[0]!) || t.text.length > 3 || !isTitleWord(title.norm)) return null;
  // 张 / 崑阳: a surname alone, then one or two characters that are no function word
  // (主席向普京: a preposition, or a name the tagger knows after it, is no surname and given name)
  if (t.text.length === 1 && isSurname(t.norm) && !/^(?:p|c|v|vn|d|r|u.*)$/.test(t.tag) && next && next.start === t.end && HAN.test(next.text) && next.text.length <= 2 && !NOT_NAME_TAG.test(next.tag) && !TITLES.has(next.norm) && ctx.segmenter.entityKind(next) !== 'person') {
    const name = t.text + next.text;
    return ctx.segmenter.knows(normalizeText(name)) && ctx.segmenter.entityKind({ ...t, text: name, norm: normalizeText(name), end: next.end, tag: 'x' }) !== 'person' ? null : { tokens: 2, name };
  }
  // 罗冠聪/x: a word the tagger does not know, of two or three characters, opening with a surname,
  // with no verb of saying glued to it (校长黄说) and no noun after it (总统金句频出)
  if (t.tag === 'x' && HAN.test(t.text) && t.text.length >= 2 && t.text.length <= 3 && isSurname(t.norm[0]!) && !SAY_AT_END.test(t.text) && !SAY.test(t.text.slice(-1))
    && (!next || !HAN.test(next.text) || !/^n/.test(next.tag))) return { tokens: 1, name: t.text };
  return null;
}
