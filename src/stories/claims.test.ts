// Claims and quotes on small fictional cases: what makes two sentences one claim, what
// keeps them apart, and who a quotation belongs to.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { needsShared, sharedPath } from '../../test/shared.js';
import { importSources } from '../import/pipeline.js';
import { SqliteStore } from '../store/sqlite/store.js';
import { AliasTable } from '../text/aliases.js';
import { normalizeText } from '../text/normalize.js';
import { Segmenter } from '../text/segment.js';
import { splitSentences } from '../text/sentences.js';
import { alignClaims, claimUnit, CLAIM_DEFAULTS, clauseParts, cutUnit, DENIAL_CHAR, matchUnits, NEGATION, type ClaimUnit } from './claims.js';
import { fictionalArticle } from './fictional-article.js';
import { extractQuotes } from './quote-alignment.js';
import { findQuotes, speakerKey } from './quotes.js';

const ctx = { segmenter: new Segmenter(), aliases: new AliasTable() };
const unit = (outlet: string, text: string) => claimUnit(`a-${outlet}`, outlet, 0, text, ctx);

test('claims: a long sentence stating several facts shares one of them with a shorter one', () => {
  // the second states one of the first's four facts (the ferry crew left the island for the harbour)
  const long = unit('a', '望潮岛渡轮公司发表声明，证实已召回驻岛值班经理及全部船员返回晴川港，岛上售票处将暂时以远程方式运作，直至风暴警报解除，公司并向受影响的旅客致歉，承诺全额退还船票费用。');
  const short = unit('b', '据晴川港务局消息，望潮岛渡轮公司值班经理及全部船员已撤离望潮岛，返回晴川港。');
  assert.ok(matchUnits(long, short).score > 0, 'one fact of four, told in other words');
  // without the shared-weight and held rules the pair is missed: they are what find it
  assert.equal(matchUnits(long, short, { ...CLAIM_DEFAULTS, sharedWeight: undefined, held: undefined }).score, 0);
  // a sentence that shares only the company's name is not its claim
  const other = unit('c', '望潮岛渡轮公司去年的乘客人数创下新高。');
  assert.equal(matchUnits(long, other).score, 0);
});

test('claims: verbs of one meaning are folded (撤离 / 离开, 遥距 / 远程), numbers and dates must still agree', () => {
  const a = unit('a', '晴川港务局表示，全部十九名船员已于周三撤离望潮岛，码头将以遥距方式管理。');
  const b = unit('b', '晴川港务局說，全部十九名船員已在週三離開望潮島，碼頭將以遠程方式管理。');
  assert.ok(matchUnits(a, b).score > 0, 'the same statement in other verbs and the other script');
  for (const w of ['离开', '远程']) assert.ok(a.words.has(w) && b.words.has(w), `${w} in both: ${[...a.words.keys()]} / ${[...b.words.keys()]}`);
  const c = unit('c', '晴川港务局表示，全部二十一名船员已于周三撤离望潮岛，码头将以遥距方式管理。');
  const m = matchUnits(a, c);
  assert.deepEqual(m.conflict && [m.conflict.kind, m.conflict.a, m.conflict.b], ['count', '十九名', '二十一名']);
  // a discrepancy is never a claim of both
  const { claims, discrepancies } = alignClaims([a, c]);
  assert.ok(claims.every((cl) => cl.length === 1));
  assert.equal(discrepancies.length, 1);
});

test('claims: an approximate count (二十余名) is a range — 十九名 against it is a discrepancy, 二十三名 is not', () => {
  const exact = unit('a', '晴川港务局表示，全部十九名船员已于周三撤离望潮岛，返回晴川港。');
  const about = unit('b', '据晴川港务局消息，船员共二十余名，已于周三全部撤离望潮岛，返回晴川港。');
  const within = unit('c', '晴川港务局說，全部二十三名船員已在週三撤離望潮島，返回晴川港。');
  const m = matchUnits(exact, about);
  assert.deepEqual(m.conflict && [m.conflict.kind, m.conflict.a, m.conflict.b], ['count', '十九名', '二十余名']);
  assert.deepEqual(alignClaims([exact, about]).discrepancies.map((d) => d.values), [['十九名', '二十余名']]);
  const n = matchUnits(within, about);
  assert.ok(n.score > 0 && n.conflict === null, 'twenty-three is twenty-odd');
});

test('claims: a name\'s Latin spelling beside its Chinese one does not make two statements one claim', () => {
  const a = unit('a', '船长马林诺（Aurelio Marinotti Vasquez）今天返回晴川港述职。');
  const b = unit('b', '马林诺（Aurelio Marinotti Vasquez）去年获评年度航海人物。');
  assert.equal(matchUnits(a, b).score, 0);
});

test('claims: two sentences about the same post, each naming another person, are not one claim', () => {
  // the article's people (a name the tagger misses in one sentence, the article's name reading finds)
  const people = (...names: string[]) => names.map((text) => ({ text, key: ctx.aliases.canonical(normalizeText(text)) }));
  const takes = claimUnit('a-a', 'a', 0, '晴川日报国际部副主任邱海澄出任《望潮周刊》总编辑，负责该刊的评论工作。', ctx, people('邱海澄'));
  const leaves = claimUnit('a-b', 'b', 0, '晴川日报国际部前编辑林振华曾任《望潮周刊》总编辑，负责该刊的评论工作。', ctx, people('林振华'));
  assert.deepEqual([takes.persons, leaves.persons], [['邱海澄'], ['林振华']]);
  assert.equal(matchUnits(takes, leaves).score, 0);
  // the same sentences without their people would be matched: the people are what keep them apart
  assert.ok(matchUnits({ ...takes, persons: [] }, { ...leaves, persons: [] }).score > 0);
  // the same person in both, in the other script: the rule does not apply
  const again = claimUnit('a-c', 'c', 0, '晴川日報國際部副主任邱海澄出任《望潮週刊》總編輯。', ctx, people('邱海澄'));
  assert.ok(matchUnits(takes, again).score > 0);
});

test('claims: one figure of one thing, in a long sentence and a short one, is one claim; a round number or another unit is not', () => {
  const long = '晴川港务局周日表示，这场风暴横扫沿海多个城镇，已造成望潮岛至少17人死亡，救援人员仍在瓦砾中搜寻失踪者，并向灾民分发食水。';
  const short = '望潮岛消防队长说，岛上已有17人死亡。';
  assert.ok(matchUnits(unit('a', long), unit('b', short)).score > 0, '17人死亡 on 望潮岛 in both');
  // the figure rule is what finds it: the rest of the long sentence outweighs the short one
  assert.equal(matchUnits(unit('a', long), unit('b', short), { ...CLAIM_DEFAULTS, figureWeight: undefined }).score, 0);
  // 数十人 says "some": two sentences with it are not one count
  assert.equal(matchUnits(unit('a', long.replace('至少17人', '数十人')), unit('b', short.replace('17人', '数十人'))).score, 0);
  // 6个 towns and 6人 are different things counted
  assert.equal(matchUnits(unit('a', '晴川港务局周日表示，这场风暴横扫沿海6个城镇，救援人员仍在瓦砾中搜寻失踪者，并向灾民分发食水。'), unit('b', '望潮岛消防队长说，风暴中有6人在沿海城镇死亡。')).score, 0);
});

const article = fictionalArticle;

test('quotes: a speaker the dictionary does not know, every kind of quotation mark, and no speaker from 说法', () => {
  const a = article('0000000000000001', 'harbour', [
    // 邱海澄 is in no dictionary; the clause opens with the name and a verb of saying follows it
    '邱海澄说：“渡轮会在风暴过后恢复航行，请乘客耐心等候。”',
    // 『』 standing alone and ASCII quotes
    '港务局长邱海澄在记者会上表示，『码头的安全检查已经全部完成』。',
    '她补充说，"所有船员都已平安返回晴川港"。',
    // 说法 is not a verb of saying: the speaker is the one who 表示, not the government named in the 说法 clause
    '港务局长邱海澄今天表示，所谓渡轮公司隐瞒事故，以及晴川市政府禁止船员发声的说法，“纯属无中生有”。',
  ]);
  const found = findQuotes([a], ctx);
  const speakers = found.map((f) => `${f.n}:${speakerKey(f.speaker, ctx)}`);
  assert.deepEqual(speakers, ['0:邱海澄', '1:邱海澄', '2:邱海澄', '3:邱海澄']);
});

test('quotes: 他说 before any speaker is known is the article\'s main person, and only when it has one', () => {
  const main = article('0000000000000004', 'harbour', [
    '他说，“渡轮公司会全额退还船票费用”。',
    '邱海澄今天在晴川港视察码头。邱海澄与船员交谈。邱海澄随后离开。岑澜汐陪同视察。',
  ]);
  assert.deepEqual(findQuotes([main], ctx).map((f) => f.speaker), ['邱海澄']);
  // two people named alike: no main person, no guess
  const even = article('0000000000000005', 'harbour', [
    '他说，“渡轮公司会全额退还船票费用”。',
    '邱海澄今天在晴川港视察码头。邱海澄与船员交谈。邱海澄随后离开。岑澜汐陪同视察。岑澜汐与船员交谈。岑澜汐随后离开。',
  ]);
  assert.deepEqual(findQuotes([even], ctx), []);
});

test('quotes: a title alone speaks for the one person the article gives that title; a word after a title must read as a name', () => {
  const a = article('0000000000000006', 'harbour', [
    '晴川港务局长邱海澄周二宣布渡轮停航。',
    // 局长 alone: the article gives that title one name
    '局长批评称，“有人散布渡轮沉没的谣言”。',
    // 发推 after 局长 is a verb, not a name: the title's one name again
    '局长发推称，“码头今晚照常开放”。',
  ]);
  assert.deepEqual(findQuotes([a], ctx).map((f) => `${f.n}:${f.speaker}`), ['1:邱海澄', '2:邱海澄']);
  // two people given the title: no guess
  const two = article('0000000000000007', 'harbour', [
    '晴川港务局长邱海澄与雾岛港务局长岑澜汐会面。',
    '局长批评称，“有人散布渡轮沉没的谣言”。',
  ]);
  assert.deepEqual(findQuotes([two], ctx).map((f) => f.speaker), []);
});

test('quotes: the same remark across outlets and scripts is one quote of one speaker', () => {
  const hans = article('0000000000000002', 'harbour', ['邱海澄说：“渡轮会在风暴过后恢复航行，请乘客耐心等候。”']);
  const hant = article('0000000000000003', 'island', ['邱海澄說：「渡輪會在風暴過後恢復航行，請乘客耐心等候。」']);
  const quotes = extractQuotes([hans, hant], ctx);
  assert.equal(quotes.length, 1);
  assert.deepEqual(quotes[0]!.outlets.sort(), ['harbour', 'island']);
  assert.equal(speakerKey(quotes[0]!.speaker, ctx), '邱海澄');
});

test('claims: a sentence that is mostly one fact of a much longer sentence is that fact (the held rule)', () => {
  const long = unit('a', '晴川港务局周三宣布，望潮岛渡轮下周一起恢复每日四班航行，票价维持不变，港务局并将在码头增设两个候船室，方便老年乘客候船。');
  const short = unit('b', '望潮岛渡轮下周一起恢复每日四班航行。');
  assert.ok(matchUnits(long, short).score > 0);
  // the same short sentence against a long one that shares only the ferry's name is no claim of it
  const other = unit('c', '晴川港务局周三公布去年账目，望潮岛渡轮亏损扩大，港务局并将在码头增设两个候船室，方便老年乘客候船。');
  assert.equal(matchUnits(other, short).score, 0);
});

test('claims: a sentence matching only one sentence of a claim does not join it (no chaining through a third)', () => {
  // a states two facts; b states the first, c the second: a–b and a–c are claims, b–c is none
  const a = unit('a', '晴川港务局宣布望潮岛渡轮全部十九名船员已撤离望潮岛，并宣布雾岛码头下周一起暂停售票及办理行李托运。');
  const b = unit('b', '晴川港务局说，望潮岛渡轮全部十九名船员已经撤离望潮岛。');
  const c = unit('c', '雾岛码头下周一起暂停售票及办理行李托运，晴川港务局宣布。');
  assert.ok(matchUnits(a, b).score > 0 && matchUnits(a, c).score > 0, 'each shares one fact with the long sentence');
  assert.equal(matchUnits(b, c).score, 0);
  const { claims } = alignClaims([a, b, c]);
  for (const cl of claims) assert.ok(!(cl.includes(1) && cl.includes(2)), `b and c joined: ${JSON.stringify(claims)}`);
});

test('claims: sides named as attributes (驻中国) are no reversed relation; 中方愿同俄方 against 俄方愿同中方 still is', () => {
  const a = unit('a', '立陶宛外交部发言人表示，所谓立陶宛驻中国机构人员担忧自身安全，以及中国政府禁止中方雇员工作的说法纯属无中生有。');
  const b = unit('b', '中国外交部发言人今天说，所谓立陶宛驻华机构人员担忧自身安全，以及中国政府禁止中方雇员工作的说法纯属无中生有。');
  assert.ok(matchUnits(a, b).score > 0);
  const x = unit('x', '中方愿同俄方在渡轮航运和港口建设方面深化合作。');
  const y = unit('y', '俄方愿同中方在渡轮航运和港口建设方面深化合作。');
  assert.equal(matchUnits(x, y).score, 0);
});

test('quotes: a quote opening its sentence goes on with the speaker of the sentence before; a later quote of a sentence is the earlier one\'s', () => {
  const a = article('0000000000000008', 'harbour', [
    '港务局长邱海澄周二在记者会上表示，渡轮将在风暴过后恢复航行。',
    '“我们已经检查了全部码头设施，请乘客放心。”',
    '邱海澄说，所谓渡轮公司“隐瞒了渡轮事故”，以及船员“被禁止对外发声”的说法“纯属无中生有”。',
    // a sentence that speaks of something else: the quote after it has no speaker
    '渡轮停航已经三天。',
    '“码头的情况令人担忧。”',
  ]);
  const found = findQuotes([a], ctx).map((f) => `${f.n}:${f.speaker}`);
  assert.deepEqual(found, ['1:邱海澄', '2:邱海澄', '2:邱海澄', '2:邱海澄']);
});

test('quotes: 他/她 is the last person who spoke, in quotes or not; someone unnamed gets no speaker', () => {
  const a = article('0000000000000009', 'harbour', [
    '晴川港务局长邱海澄周二宣布渡轮停航。',
    '岑澜汐对记者表示，码头将暂停售票。',
    '她说，“所有船员都已平安返回晴川港”。',
    // 有人问 / 有网民质疑: no name before it is the speaker
    '至于邱海澄，还有不少人问：“渡轮何时恢复航行？”',
    '有网民质疑，“港务局是否早已知情”。',
  ]);
  assert.deepEqual(findQuotes([a], ctx).map((f) => `${f.n}:${f.speaker}`), ['2:岑澜汐']);
});

test('quotes: titles of one office are one title, a name after two titles is the name, and a spokesman is not his ministry', () => {
  const a = article('0000000000000010', 'harbour', [
    '雾岛外交大臣岑澜汐周二会见晴川港务局代表。',
    // 外长 names the same office as 外交大臣
    '雾岛外长批评称晴川港务局施加了“不可接受的压力”。',
    // 总统顾问 + name: the name, not 顾问
    '雾岛总统顾问卡斯特维奇对电台表示，总统将与各国领导人“谈论我们面临的压力”。',
    '晴川外交部发言人邱海澄表示，渡轮停航与政治无关。',
    // 这位外交部发言人: the spokesman the article names
    '这位晴川外交部发言人也要求雾岛“尽快纠正错误的做法”。',
    // a place and its government
    '新加坡政府去年决定支持晴川，形容这是在支持“争取自由的人们”。',
  ]);
  const found = findQuotes([a], ctx).map((f) => `${f.n}:${speakerKey(f.speaker, ctx)}`);
  assert.deepEqual(found, ['1:岑澜汐', '2:卡斯特维奇', '4:邱海澄', '5:新加坡政府']);
});

test('quotes: 据说 and 著称 introduce no quote', () => {
  const a = article('0000000000000011', 'harbour', [
    '邱海澄今天在晴川港视察码头。邱海澄与船员交谈。邱海澄随后离开。',
    '据说岑澜汐将接任，“码头需要新的管理方式”。',
    '岑澜汐则以另类“敢说敢做的作风”著称。',
  ]);
  assert.deepEqual(findQuotes([a], ctx).map((f) => f.speaker), []);
});

/** The sentences of real articles of ../shared as claim units, imported as a user would. */
async function unitsOfFiles(rels: readonly string[]): Promise<ClaimUnit[]> {
  const store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'px-claims-')), 'a.db'));
  await importSources(store, rels.map((r) => sharedPath(r)!));
  const units: ClaimUnit[] = [];
  for await (const a of store.allArticles()) {
    let n = 0;
    for (const p of a.paragraphs) for (const s of splitSentences(p)) units.push(claimUnit(a.id, a.outlet.id, n++, s.text, ctx));
  }
  await store.close();
  return units;
}

/** no claim holds a sentence matching `a` and another matching `b` */
function neverJoined(units: readonly ClaimUnit[], a: (t: string) => boolean, b: (t: string) => boolean, what: string): void {
  const { claims } = alignClaims(units);
  assert.ok(units.some((u) => a(u.text)) && units.some((u) => b(u.text)), `${what}: both sentences are in the articles`);
  for (const cl of claims) {
    const texts = cl.map((i) => units[i]!.text);
    const ia = texts.findIndex(a);
    assert.ok(ia < 0 || !texts.some((t, k) => k !== ia && b(t)), `${what}: ${texts.join(' | ')}`);
  }
}

const POSTS = 'corpus/multi-outlet/agora0-2112/_posts/';

test('claims, issue 14 named wrong join 1: the seeds\' first "all outlets" claim put four different facts together', needsShared('seeds'), async () => {
  const units = await unitsOfFiles(['seeds']);
  const facts = [/12月15日下午在北京同俄罗斯总统普京举行视频会晤/, /11月23日/, /外媒/, /体育政治化|體育政治化/];
  const { claims } = alignClaims(units);
  for (const cl of claims) {
    const hit = facts.filter((re) => cl.some((i) => re.test(units[i]!.text)));
    assert.ok(hit.length <= 1, `a claim joins ${hit.join(' and ')}`);
  }
});

test('claims, issue 14 named wrong join 2: a chargé d\'affaires leaving in December is not the ambassador who left in September', needsShared('corpus/multi-outlet'), async () => {
  const units = await unitsOfFiles([`${POSTS}2021-12-15-CNA-立陶宛召回駐中國臨時代辦-傳顧慮人員安全.html`, `${POSTS}2021-12-15-DW-对华关系继续恶化-立陶宛召回临时代办.html`,
    `${POSTS}2021-12-16-BBC-台湾设立代表处后-立陶宛驻华外交人员集体撤离北京.html`, `${POSTS}2021-12-15-RFI-立陶宛外交代表团离开北京-安全考量.html`]);
  neverJoined(units, (t) => /9月/.test(t) && /大使/.test(t), (t) => /臨時代辦|临时代办/.test(t) && !/9月/.test(t), 'ambassador in September / chargé in December');
});

test('claims, issue 14 named wrong join 3: two sentences sharing only 党的新闻舆论工作 are not one claim', needsShared('corpus/multi-outlet'), async () => {
  const units = await unitsOfFiles([`${POSTS}2021-12-16-CNA-胡錫進退而不休-宣布卸任環球時報總編輯.html`, `${POSTS}2021-12-16-DW-中国战狼式媒体人-环球时报-总编胡锡进宣布退休.html`,
    'corpus/multi-outlet/hkcnews/articles/49001-50000/article_49123.md']);
  neverJoined(units, (t) => /座談會|座谈会/.test(t), (t) => /竭盡所能|竭尽所能/.test(t), '2016 symposium / Hu pledge');
});

test('claims, issue 14 named wrong join 4: a photo caption sits in no claim; no sentence sits in many claims', needsShared('seeds'), async () => {
  const units = await unitsOfFiles(['seeds']);
  const { claims } = alignClaims(units);
  const per = new Map<number, number>();
  for (const cl of claims) for (const i of cl) per.set(i, (per.get(i) ?? 0) + 1);
  const [worst, count] = [...per].sort((x, y) => y[1] - x[1])[0]!;
  // the first round put one caption in 18 claims; a sentence stating several facts may be in a few
  assert.ok(count <= 6, `${count} claims hold: ${units[worst]!.text}`);
  for (const u of units) if (/^(图|圖|圖片|图片|照片)[：:／/]|（(图|圖)[：:／/]|資料圖片|资料图片/.test(u.text)) assert.ok(!per.has(units.indexOf(u)), `a caption in a claim: ${u.text}`);
});

test('claims: a statement and its denial are not one claim (已经撤离 / 未撤离); a denial told in two words still matches', () => {
  const said = unit('a', '晴川港务局表示，望潮岛渡轮全部十九名船员已经撤离望潮岛，返回晴川港。');
  const denied = unit('b', '晴川港务局表示，望潮岛渡轮全部十九名船员并未撤离望潮岛，仍留在岛上。');
  assert.ok(matchUnits(said, denied, { ...CLAIM_DEFAULTS, negation: false }).score > 0, 'the words alone would match them');
  assert.equal(matchUnits(said, denied).score, 0);
  // 缺乏意义 and 无意义 deny the same thing
  const x = unit('x', '在风暴警报未解除的情况下，望潮岛渡轮公司认为继续派驻船员已缺乏意义。');
  const y = unit('y', '望潮岛渡轮公司认为，在风暴警报未解除的情况下，继续派驻船员已无意义。');
  assert.ok(matchUnits(x, y).score > 0);
});

test('claims: a sentence without a denial character is not segmented for denials, and loses none', () => {
  // the shortcut is exact only if every denial word holds one of its characters
  for (const w of NEGATION) assert.match(w, DENIAL_CHAR, w);
  assert.deepEqual([...unit('x', '望潮岛渡轮船员已全部离开晴川港。').negated], []);
  assert.deepEqual([...unit('x', '望潮岛渡轮船员并未离开晴川港。').negated], ['离开']);
});

test('claims: a clause of several parts has the words its joined text has (each part is segmented once)', () => {
  const sentences = [
    '据晴川港务局，今早，望潮岛渡轮的19名船员，已全部撤离，返回晴川港。',
    '气温降至-5度，风速每秒12.5米，,，浪高3米：渡轮停航；码头关闭。',
    '晴川港务局长林一舟说，渡轮公司MV Harbour Star号，将于12月3日恢复航班。',
    '一，二，三，望潮岛，晴川港，渡轮，停航。',
  ];
  let checked = 0;
  for (const text of sentences) {
    const cut = cutUnit(text, ctx);
    const norm = cut.folded ?? normalizeText(text);
    const parts = clauseParts(norm);
    let at = 0;
    for (const c of cut.clauses) {
      const joined = parts.slice(at, at + c.parts).filter((p) => p).join('，');
      at += c.parts;
      // what segmenting the clause's text as one would give
      assert.deepEqual(c.words, cutUnit(joined, ctx).words, joined);
      checked++;
    }
  }
  assert.ok(checked >= 8, `${checked} clauses checked`);
});

test('claims: who says it is no claim of its own — the same speaker saying two different things is not one claim', () => {
  const a = claimUnit('a', 'cna', 0, '晴川州州长邱海澄也指出，320公里，是截至目前记录到的风暴行进最大距离之一。', ctx);
  const b = claimUnit('b', 'reuters', 0, '晴川州州长邱海澄说，这是该州历史上最具破坏性的一次风暴灾害。', ctx);
  assert.equal(matchUnits(a, b).score, 0);
  // the attribution is joined to what it introduces: one clause, not two
  assert.equal(cutUnit('晴川州州长邱海澄也指出，320公里，是截至目前记录到的风暴行进最大距离之一。', ctx).clauses[0]!.words.includes('320'), true);
});
