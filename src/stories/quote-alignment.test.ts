// The same remark across outlets on fictional articles: one quote, its speaker by the
// outlets' majority, and a quotation whose outlet names no one told by the others.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AliasTable } from '../text/aliases.js';
import { Segmenter } from '../text/segment.js';
import { fictionalArticle } from './fictional-article.js';
import { extractQuotes } from './quote-alignment.js';
import { speakerKey } from './quotes.js';

const ctx = { segmenter: new Segmenter(), aliases: new AliasTable() };
const article = fictionalArticle;

/** one remark in four outlets: two give it to the ferry chief, one to the mayor, one to no one */
function ferryRemark(prefix: string): ReturnType<typeof extractQuotes> {
  const remark = '望潮岛渡轮会在风暴过后恢复航行，请乘客耐心等候';
  return extractQuotes([
    article(`${prefix}1`, 'harbour', [`港务局长邱海澄说：“${remark}。”`]),
    article(`${prefix}2`, 'island', [`港務局長邱海澄說：「望潮島渡輪會在風暴過後恢復航行，請乘客耐心等候。」`]),
    // this outlet gives the remark to the mayor, whom the ferry chief spoke to
    article(`${prefix}3`, 'coast', ['晴川市长岑澜汐周二视察码头。', `岑澜汐表示：“${remark}。”`]),
    // and this one quotes it without saying whose it is
    article(`${prefix}4`, 'wire', ['风暴过后渡轮的安排，今天有了消息。', `“${remark}。”`]),
  ], ctx);
}

test('quote alignment: the speaker most outlets name wins; an outlet that names no one is told by the others', () => {
  const quotes = ferryRemark('00000000000000b');
  assert.equal(quotes.length, 1, JSON.stringify(quotes.map((q) => [q.speaker, q.outlets])));
  assert.equal(speakerKey(quotes[0]!.speaker, ctx), '邱海澄');
  assert.deepEqual(quotes[0]!.outlets.sort(), ['coast', 'harbour', 'island', 'wire']);
  // each member keeps what its own outlet said
  assert.equal(quotes[0]!.members.find((m) => m.outlet === 'coast')!.speaker, '岑澜汐');
});

test('quote alignment: different remarks of different speakers stay apart; a quotation no outlet gives anyone is no quote', () => {
  const quotes = extractQuotes([
    article('00000000000000c1', 'harbour', ['邱海澄说：“望潮岛渡轮会在风暴过后恢复航行。”']),
    article('00000000000000c2', 'island', ['岑澜汐说：“晴川港的码头明年还要再扩建一次。”']),
    article('00000000000000c3', 'wire', ['风暴过后渡轮的安排，今天有了消息。', '“雾岛的灯塔今晚会提早亮起。”']),
  ], ctx);
  assert.deepEqual(quotes.map((q) => speakerKey(q.speaker, ctx)).sort(), ['岑澜汐', '邱海澄']);
});

test('quote alignment: each outlet keeps its own speaker; the quote lists who else outlets give it to', () => {
  const quotes = ferryRemark('00000000000000d');
  assert.equal(quotes.length, 1);
  const q = quotes[0]!;
  assert.equal(speakerKey(q.speaker, ctx), '邱海澄');
  // the coast outlet's own attribution is kept and shown as a difference
  assert.equal(q.members.find((m) => m.outlet === 'coast')!.speaker, '岑澜汐');
  assert.deepEqual(q.alsoGivenTo, [{ speaker: '岑澜汐', outlets: ['coast'] }]);
  // the wire outlet names no one: it is told by the others, and marked so
  const wire = q.members.find((m) => m.outlet === 'wire')!;
  assert.equal(speakerKey(wire.speaker, ctx), '邱海澄');
  assert.equal(wire.own, false);
  assert.equal(q.members.find((m) => m.outlet === 'harbour')!.own, true);
});

test('a list of people who speak: the speaker is a whole name of the list, not a piece the tagger cut', () => {
  // 林海 / 舟 and 周 / 明遠: how the tagger cuts these fictional names
  const a = fictionalArticle('00000000000000e', 'harbour', ['前區議員林海舟、周明遠及何靜文發表聲明說：「我們沒有違法，會繼續上訴。」']);
  const quotes = extractQuotes([a], ctx);
  assert.equal(quotes.length, 1);
  assert.ok(['林海舟', '周明遠', '何靜文'].includes(quotes[0]!.speaker), quotes[0]!.speaker);
});
