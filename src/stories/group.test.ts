// The grouping's evidence rule and day penalties (off by default; eval/tune-evidence.ts sweeps
// them): fictional word vectors, so that each rule alone decides.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Article } from '../article.js';
import { GROUP_DEFAULTS, groupEvents, RULES_OFF, type GroupItem, type GroupOptions } from './group.js';
import { countPlace, seriesMarks, seriesOf } from './series.js';

const HOUR = 3_600_000;
const v = (...ws: string[]): Map<string, number> => new Map(ws.map((w) => [w, 1 / Math.sqrt(ws.length)]));
const eventOf = (items: GroupItem[], o: GroupOptions): Map<string, string> =>
  new Map(groupEvents(items, new Map(), new Map(), o).events.flatMap((e) => e.members.map((m) => [m.id, e.id] as const)));

test('the rules are off by default: grouping as before', () => {
  assert.deepEqual({ ...RULES_OFF, dayZoneHours: 0 }, { evidenceThreshold: 0, dayPenalty: 0, newDayPenalty: 0, dayZoneHours: 0, outletDayPenalty: 0, outletDayInMerge: false, localDays: false });
  // the stamp of stored placements hashes GROUP_DEFAULTS: the rules are not in it
  assert.ok(!('evidenceThreshold' in GROUP_DEFAULTS) && !('newDayPenalty' in GROUP_DEFAULTS) && !('outletDayPenalty' in GROUP_DEFAULTS));
});

test('evidence: a join under the evidence threshold needs a name or figure the event carries', () => {
  // cosine 0.5: two of four words shared (a topic), then the same with a shared name
  const base = { id: 'a', at: 0, vector: v('港口', '罢工', '晴川', '码头'), marks: new Set(['@周明远']) };
  const topicOnly: GroupItem = { id: 'b', at: HOUR, vector: v('港口', '罢工', '望潮岛', '渔船'), marks: new Set(['@林海']) };
  const sameName: GroupItem = { ...topicOnly, id: 'c', marks: new Set(['@周明远']) };
  const o = { eventThreshold: 0.4, evidenceThreshold: 0.6, memberThreshold: 0, mergeThreshold: 1 };
  assert.notEqual(eventOf([base, topicOnly], o).get('b'), 'ea');
  assert.equal(eventOf([base, sameName], o).get('c'), 'ea');
  // without the rule the topic alone joins
  assert.equal(eventOf([base, topicOnly], { ...o, evidenceThreshold: 0 }).get('b'), 'ea');
  // above the evidence threshold no evidence is needed
  const close: GroupItem = { id: 'd', at: HOUR, vector: v('港口', '罢工', '晴川', '渔船'), marks: new Set() };
  assert.equal(eventOf([base, close], o).get('d'), 'ea');
});

test('a later calendar day costs newDayPenalty; hours since the latest member cost dayPenalty', () => {
  // 10:00 and 20:00 UTC: at UTC+8 the second is on the next day
  const a: GroupItem = { id: 'a', at: 10 * HOUR, vector: v('台风', '停课', '天文台', '暴雨') };
  const b: GroupItem = { id: 'b', at: 20 * HOUR, vector: v('台风', '停课', '天文台', '航班') };
  const o = { eventThreshold: 0.7, memberThreshold: 0, mergeThreshold: 1 };
  assert.equal(eventOf([a, b], o).get('b'), 'ea');
  assert.notEqual(eventOf([a, b], { ...o, newDayPenalty: 0.1 }).get('b'), 'ea');
  // the same hours on one calendar day of the zone: no new-day cost
  assert.equal(eventOf([a, b], { ...o, newDayPenalty: 0.1, dayZoneHours: 0 }).get('b'), 'ea');
  // ten hours at 0.2 a day: 0.083 off 0.75
  assert.notEqual(eventOf([a, b], { ...o, dayPenalty: 0.2 }).get('b'), 'ea');
});

test('outletDayPenalty: an outlet\'s article of a later day than its own articles in the event pays it; another outlet\'s does not', () => {
  // one outlet's daily figure: nearly the same words on two days (cosine 0.75)
  const a: GroupItem = { id: 'a', at: 2 * HOUR, vector: v('健康码', '注册', '申请', '账户'), outlet: 'harbour', day: '2031-10-14' };
  const b: GroupItem = { id: 'b', at: 20 * HOUR, vector: v('健康码', '注册', '申请', '启动'), outlet: 'harbour', day: '2031-10-15' };
  const c: GroupItem = { ...b, id: 'c', outlet: 'tide' };
  const o = { eventThreshold: 0.7, memberThreshold: 0, mergeThreshold: 1 };
  assert.equal(eventOf([a, b], o).get('b'), 'ea');
  assert.notEqual(eventOf([a, b], { ...o, outletDayPenalty: 0.1 }).get('b'), 'ea');
  // another outlet's report of the next day joins, so do the same outlet's of the same day
  assert.equal(eventOf([a, c], { ...o, outletDayPenalty: 0.1 }).get('c'), 'ea');
  assert.equal(eventOf([a, { ...b, day: '2031-10-14' }], { ...o, outletDayPenalty: 0.1 }).get('b'), 'ea');
  // the late merge pays it with outletDayInMerge: b opens an event of its own (under the threshold), then is not folded into a's
  const m = { eventThreshold: 0.8, memberThreshold: 0, mergeThreshold: 0.7, outletDayPenalty: 0.1 };
  assert.equal(eventOf([a, b], m).get('b'), 'ea');
  assert.equal(eventOf([a, b], { ...m, outletDayInMerge: true }).get('b'), 'eb');
});

test('localDays: the new-day penalty counts each article\'s own calendar day', () => {
  const a: GroupItem = { id: 'a', at: 10 * HOUR, vector: v('台风', '停课', '天文台', '暴雨'), outlet: 'x', day: '2031-10-14' };
  // 20:00 UTC: the 15th at UTC+8, still the 14th where outlet y publishes
  const b: GroupItem = { id: 'b', at: 20 * HOUR, vector: v('台风', '停课', '天文台', '航班'), outlet: 'y', day: '2031-10-14' };
  const o = { eventThreshold: 0.7, memberThreshold: 0, mergeThreshold: 1, newDayPenalty: 0.1 };
  assert.notEqual(eventOf([a, b], o).get('b'), 'ea');
  assert.equal(eventOf([a, b], { ...o, localDays: true }).get('b'), 'ea');
  assert.notEqual(eventOf([a, { ...b, day: '2031-10-15' }], { ...o, localDays: true }).get('b'), 'ea');
});

test('a standalone piece (live page, roundup, schedule) is an event of its own: it joins none, none joins it, no merge folds it', () => {
  const report: GroupItem = { id: 'a', at: 0, vector: v('公投', '开票', '核四', '否决') };
  const live: GroupItem = { id: 'b', at: HOUR, vector: v('公投', '开票', '核四', '否决'), alone: true };
  const later: GroupItem = { id: 'c', at: 2 * HOUR, vector: v('公投', '开票', '核四', '否决') };
  const o = { memberThreshold: 0, mergeThreshold: 0.4 };
  // the same words: without the mark all three are one event
  assert.deepEqual([...eventOf([report, { ...live, alone: false }, later], o).values()], ['ea', 'ea', 'ea']);
  const e = eventOf([report, live, later], o);
  assert.equal(e.get('a'), 'ea');
  assert.equal(e.get('b'), 'eb');
  assert.equal(e.get('c'), 'ea');
  // opened first, it still takes no one: the report after it opens its own event
  const first = eventOf([{ ...live, at: 0 }, { ...report, at: HOUR }], o);
  assert.equal(first.get('b'), 'eb');
  assert.equal(first.get('a'), 'ea');
});

test('dailySeries: one outlet\'s next day\'s report of a series (alike titles, other figures) joins no event its earlier day is in; other outlets\' and same-day reports do', () => {
  const marks = (title: string, day: string, outlet = 'harbour') => seriesOf(seriesMarks({ title, outlet: { id: outlet } as Article['outlet'], published: { day } as Article['published'] }));
  const words = v('晴川', '新增', '确诊', '本土', '病例');
  const day1: GroupItem = { id: 'a', at: 0, vector: words, series: marks('晴川新增89例本土确诊 东区占77例', '2021-12-18') };
  const day2: GroupItem = { id: 'b', at: 22 * HOUR, vector: words, series: marks('晴川增44例本土确诊 东区有25例', '2021-12-19') };
  const other: GroupItem = { id: 'c', at: 23 * HOUR, vector: words, series: marks('晴川新增83例确诊 本土44例', '2021-12-19', 'tide') };
  const sameDay: GroupItem = { id: 'd', at: 2 * HOUR, vector: words, series: marks('晴川新增89例本土确诊 东区再多3例', '2021-12-18') };
  const o = { memberThreshold: 0, mergeThreshold: 0.4 };
  const e = eventOf([day1, day2, other, sameDay], o);
  assert.notEqual(e.get('b'), 'ea', 'the next day\'s figures are another event');
  assert.equal(e.get('c'), 'ea', 'another outlet\'s report joins');
  assert.equal(e.get('d'), 'ea', 'the same day\'s report joins');
  // without the rule the next day joins
  assert.equal(eventOf([day1, day2], { ...o, dailySeries: false }).get('b'), 'ea');
  // a title unlike the first (another kind of report with a figure) is no next day of its series
  const unlike: GroupItem = { ...day2, id: 'f', series: marks('港口罢工第3天 码头工人游行', '2021-12-19') };
  assert.equal(eventOf([day1, unlike], o).get('f'), 'ea');
});

test('sameDayFigure: another outlet\'s report of the same day that gives one of the same figures in its title joins at a lower similarity; another day, or no shared figure, does not', () => {
  const marks = (title: string, day: string, outlet: string) => seriesOf(seriesMarks({ title, outlet: { id: outlet } as Article['outlet'], published: { day } as Article['published'] }));
  // two tellings of one count that share few words (cosine 0.4 here: under eventThreshold 0.45, over sameDayFigure 0.3)
  const first: GroupItem = { id: 'a', at: 0, vector: v('晴川', '新增', '本土', '确诊', '东区'), outlet: 'harbour', day: '2021-12-18', series: marks('晴川新增89例本土确诊 东区占77例', '2021-12-18', 'harbour') };
  const told: GroupItem = { id: 'b', at: 2 * HOUR, vector: v('晴川', '新增', '病例', '过去', '一日'), outlet: 'tide', day: '2021-12-18', series: marks('晴川过去一日新增125宗确诊 89宗属本土病例', '2021-12-18', 'tide') };
  const o = { eventThreshold: 0.45, memberThreshold: 0, mergeThreshold: 1 };
  assert.equal(eventOf([first, told], { ...o, sameDayFigure: 0 }).get('b'), 'eb', 'by words alone it stands apart');
  assert.equal(eventOf([first, told], { ...o, sameDayFigure: 0.3 }).get('b'), 'ea', 'the same figure the same day joins it');
  // another figure, or the next day, or too few words in common: apart
  const otherFigure: GroupItem = { ...told, id: 'c', series: marks('晴川过去一日新增125宗确诊 88宗属本土病例', '2021-12-18', 'tide') };
  assert.equal(eventOf([first, otherFigure], { ...o, sameDayFigure: 0.3 }).get('c'), 'ec');
  const nextDay: GroupItem = { ...told, id: 'd', at: 20 * HOUR, day: '2021-12-19', series: marks('晴川过去一日新增125宗确诊 89宗属本土病例', '2021-12-19', 'tide') };
  assert.equal(eventOf([first, nextDay], { ...o, sameDayFigure: 0.3 }).get('d'), 'ed');
  const farWords: GroupItem = { ...told, id: 'f', vector: v('晴川', '港口', '罢工', '码头', '工人') };
  assert.equal(eventOf([first, farWords], { ...o, sameDayFigure: 0.3 }).get('f'), 'ef');
  // the same outlet's own second report is the series rule's concern, not this one's
  const ownOutlet: GroupItem = { ...told, id: 'g', outlet: 'harbour', series: marks('晴川过去一日新增125宗确诊 89宗属本土病例', '2021-12-18', 'harbour') };
  assert.equal(eventOf([first, ownOutlet], { ...o, sameDayFigure: 0.3 }).get('g'), 'eg');
});

test('countPlaces: one government\'s case count joins no event holding another\'s, by a join or a late merge; a report naming no government, or several, does', () => {
  const marks = (title: string, outlet = 'harbour') => seriesOf(seriesMarks({ title, outlet: { id: outlet } as Article['outlet'], published: { day: '2021-12-14' } as Article['published'] }));
  assert.equal(countPlace('日本新增4宗Omicron輸入個案', ['count:4']), 'JP');
  assert.equal(countPlace('南韓增5567宗確診 94名患者不治再創新高', ['count:5567', 'count:94']), 'KR');
  assert.equal(countPlace('美國抵港確診女子涉Omicron 至今累計9宗個案', ['count:9']), null, 'two places: whose count is not told by the title');
  assert.equal(countPlace('日本港口罢工第3天', ['count:3']), null, 'no cases');
  assert.equal(countPlace('日本新增輸入個案', []), null, 'no count');
  // a count that names no government is no one's: a Hong Kong outlet's 上海新增… is Shanghai's, not Hong Kong's
  const local = seriesOf(seriesMarks({ title: '上海新增21宗本土確診', outlet: { id: 'harbour', region: 'HK' } as Article['outlet'], published: { day: '2021-12-14' } as Article['published'] }));
  assert.equal(local?.place, undefined);
  const words = v('新增', '确诊', '输入', '个案', '奥密克戎');
  const here: GroupItem = { id: 'a', at: 0, vector: words, series: marks('本港新增5宗確診 3宗屬輸入個案') };
  const there: GroupItem = { id: 'b', at: HOUR, vector: words, series: marks('台灣新增6宗輸入個案', 'tide') };
  const study: GroupItem = { id: 'c', at: 2 * HOUR, vector: words };
  for (const mergeThreshold of [1, 0.4]) {
    const o = { memberThreshold: 0, mergeThreshold };
    const e = eventOf([here, there, study], o);
    assert.equal(e.get('b'), 'eb', `another government's count is another event (merge ${mergeThreshold})`);
    assert.equal(e.get('c'), 'ea', 'a report of no government\'s count joins');
    assert.equal(eventOf([here, there], { ...o, countPlaces: false }).get('b'), 'ea', 'without the rule it joins');
  }
});
