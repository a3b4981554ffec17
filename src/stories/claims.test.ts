// Claims and quotes on small fictional cases: what makes two sentences one claim, what
// keeps them apart, and who a quotation belongs to.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Article } from '../article.js';
import { AliasTable } from '../text/aliases.js';
import { Segmenter } from '../text/segment.js';
import { alignClaims, claimUnit, CLAIM_DEFAULTS, matchUnits } from './claims.js';
import { extractQuotes, findQuotes, speakerKey } from './quotes.js';

const ctx = { segmenter: new Segmenter(), aliases: new AliasTable() };
const unit = (outlet: string, text: string) => claimUnit(`a-${outlet}`, outlet, 0, text, ctx);

test('claims: a long sentence stating several facts shares one of them with a shorter one', () => {
  // the second states one of the first's four facts (the ferry crew left the island for the harbour)
  const long = unit('a', '望潮岛渡轮公司发表声明，证实已召回驻岛值班经理及全部船员返回晴川港，岛上售票处将暂时以远程方式运作，直至风暴警报解除，公司并向受影响的旅客致歉，承诺全额退还船票费用。');
  const short = unit('b', '据晴川港务局消息，望潮岛渡轮公司值班经理及全部船员已撤离望潮岛，返回晴川港。');
  assert.ok(matchUnits(long, short).score > 0, 'one fact of four, told in other words');
  // without the shared-weight rule the pair is missed: the rule is what finds it
  assert.equal(matchUnits(long, short, { ...CLAIM_DEFAULTS, sharedWeight: undefined }).score, 0);
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

test('claims: a name\'s Latin spelling beside its Chinese one does not make two statements one claim', () => {
  const a = unit('a', '船长马林诺（Aurelio Marinotti Vasquez）今天返回晴川港述职。');
  const b = unit('b', '马林诺（Aurelio Marinotti Vasquez）去年获评年度航海人物。');
  assert.equal(matchUnits(a, b).score, 0);
});

const article = (id: string, outlet: string, paragraphs: string[]): Article => ({
  id, outlet: { id: outlet, name: outlet, names: { hans: outlet, hant: outlet, en: outlet }, region: 'CN' }, title: id, authors: [],
  published: null, updated: null, fetched: null, url: null, archiveUrl: null, tags: [], categories: [], script: 'hans', paragraphs,
  figures: [], media: [], credits: { editor: [], reporters: [], roles: {} }, wire: null, flags: [],
  source: { kind: 'file', format: 'text', encoding: 'utf-8', sha256: '0'.repeat(64) },
});

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
