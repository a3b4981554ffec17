// Who said what: direct quotations, each given to the person who spoke it (the same
// remark across outlets is aligned in quote-alignment.ts). The speaker is
// the subject of the clause that introduces the quote (习近平感谢普京：「…」 is Xi
// speaking: 普京 is the object of 感谢), else the person named with a verb of saying right
// after it (「…」，普京说), else the last speaker of the article when the clause says
// only 他/她. A quotation that opens its sentence, or follows a clause that names nobody,
// continues the speech of the sentence before (X表示：… /「…」). The patterns of saying are in
// speaker-patterns.ts, the reading of names and of what an article names in speaker-names.ts.
import type { Article } from '../article.js';
import type { Token } from '../text/segment.js';
import { normalizeText } from '../text/normalize.js';
import { splitSentences } from '../text/sentences.js';
import type { UnitContext } from './claims.js';
import { backgroundIdf, SPECIFIC_IDF } from './features.js';
import { quotationsOf, straightMarks } from './quotations.js';
import { KIND_SIDES, REFERRING_ROLES } from './speaker-words.js';
import { ACRONYM_SUBJECT, BEFORE_VERB, CITES, SHORT_NAME_SAYS, MEDIA_DESCRIPTOR, TITLED_OUTLET, LEADING, CONDITION, DEFINITE_TITLE, HONORIFIC_NAME, INSTITUTION, LATIN_BODY_SPOKESMAN, LATIN_NAMED_BODY, LATIN_SUBJECT, LATIN_SURNAME_SUBJECT, MEDIA, MEDIA_NAME, MEDIA_TEXT, MEETING_SPEAKS, NOT_MEDIA, NOT_NAME_TAG, OBJECT_BEFORE, OBJECT_WORD, OPENERS, OPENS_WITH_PRONOUN, OPENS_WITH_SAYING, ORGANISATION_END, PARTY, PREPOSITION, PRONOUN, REPORTED_BY, REPORT_SPEAKS, REPORT_WORD, ROLE_NAME, SAY, SAY_ALL, STATIONED_IN, SURNAME_GOES_ON, SURNAME_TITLE, SURNAME_TITLED, TEAM_SPEAKS, TITLES, TITLE_SPELLINGS, TOPIC, UNNAMED, introduces, mask, nameOfRole, says, titleAt, titleKey } from './speaker-patterns.js';
import { Cast, DOT, DOTS, NAME_PART, couldBeName, count, dottedNames, fullName, fullest, headlineSpeaker, latinFullName, meetingInFull, nameAfterTitle, nameTokens, placeBefore, rolesOf, spelledInLatin, tidyName, titledName, transliteratedInFull } from './speaker-names.js';

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
  // (林鄭 and 林鄭月娥 are one person: a name that starts another is that other)
  const ofSurnameOnce = ofSurname.filter((p) => !ofSurname.some((q) => q !== p && q.startsWith(p)));
  if (ofSurnameOnce.length === 1) return person(ofSurnameOnce[0]!);
  // 山村称: two characters before the verb that start the one name the article gave a speaker or person (山村浩)
  const short = SHORT_NAME_SAYS.exec(text);
  if (short) {
    const longer = [...new Set([...people, ...(cast.spoken ?? [])])].filter((p) => p.startsWith(short[1]!) && p.length > 2 && p.length <= 4 && /^\p{Script=Han}+$/u.test(p));
    if (longer.length === 1) return person(longer[0]!);
  }
  // 会议认为…，要求“…”: the meeting the article names in full (闭幕的中央经济工作会议)
  const meeting = MEETING_SPEAKS.exec(text);
  if (meeting) { const full = meetingInFull(meeting[1]!, cast.text ?? ''); if (full) return { name: full, person: false }; }
  let party: string | null = null;
  // IEA在其月度石油报告中称: the body the article names with that acronym in brackets (国际能源署(IEA))
  const acronym = ACRONYM_SUBJECT.exec(text);
  if (acronym) return { name: bodyOfAcronym(acronym[1]!, cast.text ?? '', ctx) ?? acronym[1]!, person: false };
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
  // 《人民日报》在微信发文批评民主党主席罗X: an outlet that opens the clause and acts on a person speaks, not its object
  // (only a publication named in title marks: 巴尔索克在电视台… opens with no outlet)
  const outletFirst = TITLED_OUTLET.exec(text);
  const openingEnd = outletFirst ? outletFirst[0].length : 0;
  for (const t of nameTokens(text, ctx, people)) {
    if (TITLES.has(t.norm)) continue;
    if (outletFirst && t.start >= openingEnd && (t.person || ctx.segmenter.entityKind(t) === 'person') && ctx.segmenter.tag(text.slice(openingEnd, t.start)).some((x) => /^v/.test(x.tag))) return { name: outletFirst[1]!, person: false };
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

/** the words that name a body, at the end of a run of Chinese (此前国际能源署 → 国际能源署): no time, preposition, adverb… */
const NOT_BODY_TAG = /^(?:t|p|c|d|r|u|uj|ul|uz|uv|ud|ug|m|mq|q|f|y|e|o|x)$/;
/** the body an article names with an acronym in brackets after it (国际能源署(IEA)), its first such name */
function bodyOfAcronym(acronym: string, article: string, ctx: UnitContext): string | null {
  const m = new RegExp(`(\\p{Script=Han}{2,16})\\s*[（(]${acronym}[）)]`, 'u').exec(article);
  if (!m) return null;
  const tokens = ctx.segmenter.tag(m[1]!);
  let from = tokens.length;
  while (from > 0 && !NOT_BODY_TAG.test(tokens[from - 1]!.tag)) from--;
  const name = tokens.slice(from).map((t) => t.text).join('');
  return name.length >= 2 ? name : null;
}

/** an outlet named as written at the start of a clause (晴川日报的评论称), not one spoken to (他对法国广播电台表示) */
function mediaOpening(text: string): string | null {
  // (中共党媒《人民日报》…: what kind of outlet it is, said before its name)
  const described = MEDIA_DESCRIPTOR.exec(text);
  if (described && described[0].length < text.length) text = text.slice(described[0].length);
  const m = MEDIA_TEXT.exec(text);
  if (m && m.index <= 1) return m[0];
  // 《X》称: a publication named in title marks that opens the clause
  const titled = /^\s*《([^》]{2,20})》/.exec(text);
  return titled ? titled[1]! : null;
}

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

/** the clause up to the end of its last verb of saying: who is named after it is spoken to or of (寫給許金山) */
function upToLastSay(clause: string): string {
  let end = -1;
  for (const m of clause.matchAll(SAY_ALL)) end = m.index! + m[0].length;
  return end > 0 ? clause.slice(0, end) : clause;
}
/** a clause that opens (after 並, 也…) with a preposition, its object before the verb: 向記者表示, 對媒體說 (not 對方表示) */
function opensWithObject(clause: string, ctx: UnitContext): boolean {
  const first = ctx.segmenter.tag(clause.replace(LEADING, ''))[0];
  return !!first && first.tag === 'p' && PREPOSITION.has(first.text);
}

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
      // 人民日報官方微博今天發表網評，不點名痛批…，「…」: an outlet that opens an earlier clause, when no one else is named
      if (!who) for (let i = earlier.length - 1; i >= 0 && !who; i--) if (!TOPIC.test(earlier[i]!)) who = mediaOpening(earlier[i]!);
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
  const after = mask(sentence.slice(end, end + 80));
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

/** an article's people as its segmenter read them: worked out once per article and segmenter (claims read them too) */
const peopleRead = new WeakMap<Article, { segmenter: UnitContext['segmenter']; counted: Array<[string, number]> }>();

/** the people an article names (a word no dictionary knows, named three times or more, counted as one), most named first, with how often */
function countedPeople(a: Article, ctx: UnitContext): Array<[string, number]> {
  const known = peopleRead.get(a);
  if (known && known.segmenter === ctx.segmenter) return known.counted;
  const counts = new Map<string, number>();
  const unknown = new Map<string, number>();
  for (const p of [a.title, ...a.paragraphs]) for (const t of nameTokens(p, ctx, [])) {
    // (an unknown word counts below, whatever nameTokens guessed of it in its clause)
    if ((t.person && t.tag !== 'x') || ctx.segmenter.entityKind(t) === 'person') counts.set(t.text, (counts.get(t.text) ?? 0) + 1);
    else if (t.tag === 'x' && couldBeName(t, ctx)) unknown.set(t.text, (unknown.get(t.text) ?? 0) + 1);
  }
  // a word no dictionary knows that the article names three times or more is mostly a name (胡锡进)
  for (const [w, c] of unknown) if (c >= 3) counts.set(w, c);
  const counted = [...counts].sort((x, y) => y[1] - x[1]);
  peopleRead.set(a, { segmenter: ctx.segmenter, counted });
  return counted;
}

/** the people an article names, most named first */
export const articlePeople = (a: Article, ctx: UnitContext): string[] => countedPeople(a, ctx).map(([name]) => name);

/** the people an article names, most named first, and its main person */
function peopleOf(a: Article, ctx: UnitContext): { people: string[]; main: string | null; roles: Map<string, string> } {
  const ranked = countedPeople(a, ctx);
  // the main person: named at least three times and twice as often as anyone else
  const [first, second] = ranked;
  const main = first && first[1] >= 3 && first[1] >= 2 * (second?.[1] ?? 0) ? first[0] : null;
  return { people: ranked.map(([name]) => name), main, roles: rolesOf(a, ctx) };
}

/** a clause that opens with one capitalised Latin word and goes on in Chinese (Khashoggi对…) */
const LATIN_OPENING = /^\s*([A-Z][a-z'’-]{2,})(?=\p{Script=Han})/u;

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
        (cast.spoken ??= new Set()).add(who.name);
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
            // (Khashoggi对…提出了批评: a Latin name opening the clause, of a person the article names in full)
            const latin = LATIN_OPENING.exec(c);
            const inFull = latin ? latinFullName(latin[1]!, cast.text ?? '') : null;
            if (inFull) { speech.lastSpeaker = inFull; break; }
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
