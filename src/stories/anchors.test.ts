// The anchors of a claim: numbers with the slot their unit says, and when two sentences' values disagree.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { anchorsOf, conflictOf, parseNumber, sameFigure } from './anchors.js';

test('anchors: numbers in digits and in characters, with the slot of their unit', () => {
  assert.equal(parseNumber('三十七'), 37);
  assert.equal(parseNumber('一百零五'), 105);
  assert.equal(parseNumber('2.5万'), 25000);
  // digits with 万/亿 in the middle, and characters written digit by digit
  assert.equal(parseNumber('58萬6千'), 586000);
  assert.equal(parseNumber('1億2千萬'), 120000000);
  assert.equal(parseNumber('3万5000'), 35000);
  assert.equal(parseNumber('二〇二一'), 2021);
  assert.ok(Number.isNaN(parseNumber('59萬多')));
  // 58萬6千人 is one count, not 千人 (a round thousand) after a number the pattern let go
  assert.deepEqual(anchorsOf('約58萬6千人申請註冊').map((a) => [a.kind, a.value, a.text]), [['count', 586000, '58萬6千人']]);
  assert.deepEqual(anchorsOf('罰款1億2千萬元').map((a) => [a.kind, a.value]), [['money', 120000000]]);
  assert.equal(conflictOf(anchorsOf('有9萬3千人投票'), anchorsOf('有93000人投票')), null);
  // 20余人, 2000多名, 59萬多人, 1300餘萬元: a range from the number to the next step of its last digit
  assert.deepEqual(anchorsOf('共20余人，2000多名警察，59萬多人申請，罰款1300餘萬元').map((a) => [a.value, a.upTo]), [[20, 30], [2000, 3000], [590000, 600000], [13000000, 14000000]]);
  assert.deepEqual(conflictOf(anchorsOf('19名'), anchorsOf('20余人')), { kind: 'count', a: '19名', b: '20余人' });
  assert.equal(conflictOf(anchorsOf('23人'), anchorsOf('20余人')), null);
  assert.equal(sameFigure(anchorsOf('20余人')[0]!, anchorsOf('20余人')[0]!), false, 'a range is no figure one can check');
  // 3千人 is 3,000 (a digit before 千), not a round 千人; 8千萬元 is 80 million
  assert.deepEqual(anchorsOf('首日逾3千人入境，涉款8千萬元').map((a) => [a.kind, a.value, a.text]), [['count', 3000, '3千人'], ['money', 80000000, '8千萬元']]);
  assert.deepEqual(anchorsOf('渡轮12月15日停航，89票赞成').map((a) => [a.kind, a.value]), [['month', 12], ['day', 15], ['vote', 89]]);
  // 一个 / 一名 is an article, not a count; 3个月 is a duration
  assert.deepEqual(anchorsOf('一名船员说，停航3个月').map((a) => [a.kind, a.value]), [['count', 3]]);
});

test('anchors: a count with a classifier (约30支风暴 against 36股风暴) is one slot, and its two values disagree', () => {
  const a = anchorsOf('本次风暴组合产生了约30支龙卷风');
  const b = anchorsOf('共有36股龙卷风横扫晴川');
  assert.deepEqual(a.map((x) => [x.kind, x.value]), [['count', 30]]);
  assert.deepEqual(b.map((x) => [x.kind, x.value]), [['count', 36]]);
  assert.deepEqual(conflictOf(a, b), { kind: 'count', a: '30支', b: '36股' });
  assert.equal(conflictOf(a, anchorsOf('约30股龙卷风')), null);
});

test('anchors: one count against several must be one of them; several against several are not compared', () => {
  const one = anchorsOf('州内死亡人数可能已经超过100人');
  const two = anchorsOf('我们相信死者将超过70人，甚至超过80人');
  assert.deepEqual(conflictOf(one, two), { kind: 'count', a: '100人', b: '70人' });
  assert.equal(conflictOf(anchorsOf('死者至少有70人'), two), null);
  assert.equal(conflictOf(anchorsOf('死亡人数至少有70人，甚至可能超过100人'), two), null);
});

test('anchors: the same figure is one slot, value and unit, and not a round 数十 / 逾百', () => {
  const one = (t: string) => anchorsOf(t)[0]!;
  assert.ok(sameFigure(one('17人死亡'), one('共有17名死者')), '人 and 名 count people alike');
  assert.ok(!sameFigure(one('6人死亡'), one('6个州')), 'people are not states');
  assert.ok(!sameFigure(one('数十人失踪'), one('数十人失踪')), 'a round number says "some"');
  assert.ok(!sameFigure(one('2021年'), one('2021年')), 'a date is no figure');
  assert.ok(sameFigure(one('352公里'), one('352公里')));
});
