// Events, threads, lineage and the comparison: on the project's own demo archive (always),
// on the seeds and the multi-outlet week (when ../shared is here).
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { LineageEdge } from '../src/dedup/lineage.js';
import { computeLineage, lineageInput } from '../src/dedup/lineage.js';
import { jaccard, shingleSet, comparableText } from '../src/dedup/minhash.js';
import type { Comparison } from '../src/stories/compare.js';
import { groupEvents } from '../src/stories/group.js';
import type { EventRecord, ThreadRecord } from '../src/store/store.js';
import type { Article } from '../src/article.js';
import { cli, cliJson } from './cli.js';
import { checkMultiOutletWeek } from './multi-outlet-week.js';
import { needsShared, projectRoot, sharedPath } from './shared.js';

type Full = EventRecord & { comparison: Comparison };
const HOUR = 3_600_000;

test('near-duplicates across scripts: a Traditional reprint of a Simplified text is the same text', () => {
  const hans = comparableText(['晴川跨海大桥今天上午正式通车，全长十二公里，历时五年建成。市长表示大桥把两岸的日常生活连在了一起。']);
  const hant = comparableText(['晴川跨海大橋今天上午正式通車，全長十二公里，歷時五年建成。市長表示大橋把兩岸的日常生活連在了一起。']);
  assert.equal(jaccard(shingleSet(hans), shingleSet(hant)), 1);
});

test('lineage: reprint, containment and update are told apart', () => {
  const wire = ['东方社晴川10月14日电 连接晴川市与望潮岛的跨海大桥今天上午正式通车。', '大桥全长十二公里，历时五年建成，是本市最长的桥梁。', '市长周明远在通车仪式上致辞，感谢建设者的付出。', '通车后从市区到望潮岛的车程将由九十分钟缩短至二十分钟。'];
  const art = (id: string, outlet: string, at: string, paragraphs: string[]): Article => ({
    id, outlet: { id: outlet, name: outlet, names: { hans: outlet, hant: outlet, en: outlet }, region: 'CN' }, title: id, authors: [],
    published: { at, precision: 'second', day: at.slice(0, 10), original: at }, updated: null, fetched: null, url: null, archiveUrl: null,
    tags: [], categories: [], script: 'hans', paragraphs, figures: [], media: [], credits: { editor: [], reporters: [], roles: {} }, wire: null, flags: [],
    source: { kind: 'file', format: 'x', encoding: 'utf-8', sha256: '0'.repeat(64) },
  });
  const items = [
    art('a000000000000001', 'wire', '2031-10-14T02:00:00Z', wire),
    art('a000000000000002', 'paper', '2031-10-14T05:00:00Z', [...wire]),
    art('a000000000000003', 'feature', '2031-10-14T06:00:00Z', ['本报记者在望潮岛码头看到，渔民们一早就来到桥头观看通车。', '岛上餐厅的老板说生意一定会更好，他已经准备好了新的菜单。', '一位老渔民说他这辈子第一次可以开车回家，他觉得非常激动。', ...wire]),
    art('a000000000000004', 'wire', '2031-10-14T09:00:00Z', [...wire, '晚间，大桥首次开启景观灯光，吸引大批市民驻足观看。', '交通部门表示，首日共有三万二千辆次车辆通过大桥。']),
  ].map((a) => lineageInput(a, new Set(['wire'])));
  const edges = computeLineage(items);
  const kind = (from: string, to: string): string | undefined => edges.find((e) => e.from === from && e.to === to)?.kind;
  assert.equal(kind('a000000000000002', 'a000000000000001'), 'reprint-of');
  assert.equal(kind('a000000000000003', 'a000000000000001'), 'contains');
  assert.equal(kind('a000000000000004', 'a000000000000001'), 'update-of');
});

test('grouping: one happening is one event, a later one on the same topic is another event in the same thread; placed articles never move', () => {
  const v = (...ws: string[]): Map<string, number> => new Map(ws.map((w) => [w, 1 / Math.sqrt(ws.length)]));
  const items = [
    { id: 'a', at: 0, vector: v('大桥', '通车', '晴川', '望潮岛') },
    { id: 'b', at: 1 * HOUR, vector: v('大桥', '通车', '望潮岛', '市长') },
    { id: 'c', at: 2 * HOUR, vector: v('台风', '停课', '暴雨', '天文台') },
    // three days later: the bridge again (a price rise on the island), a new event of the bridge thread
    { id: 'd', at: 72 * HOUR, vector: v('大桥', '望潮岛', '楼价', '通车') },
  ];
  const first = groupEvents(items, new Map(), new Map());
  const eventOf = new Map(first.events.flatMap((e) => e.members.map((m) => [m.id, e.id] as const)));
  assert.equal(eventOf.get('a'), 'ea');
  assert.equal(eventOf.get('b'), 'ea');
  assert.equal(eventOf.get('c'), 'ec');
  assert.equal(eventOf.get('d'), 'ed');
  const threadOf = new Map(first.events.map((e) => [e.id, e.thread] as const));
  assert.equal(threadOf.get('ed'), threadOf.get('ea'));
  assert.notEqual(threadOf.get('ec'), threadOf.get('ea'));
  // why b is in: the words it shares with the event
  const b = first.events.find((e) => e.id === 'ea')!.members.find((m) => m.id === 'b')!;
  assert.ok(b.why.includes('大桥') && b.why.includes('通车'), b.why.join(' '));
  // a later run: b was placed elsewhere before and stays there; a new article joins the bridge event
  const again = groupEvents([...items, { id: 'e', at: 3 * HOUR, vector: v('大桥', '通车', '晴川', '市长') }], new Map([...eventOf, ['b', 'ec']]), threadOf);
  const eventOf2 = new Map(again.events.flatMap((e) => e.members.map((m) => [m.id, e.id] as const)));
  assert.equal(eventOf2.get('b'), 'ec');
  assert.equal(eventOf2.get('e'), 'ea');
  assert.equal(eventOf2.get('d'), 'ed');
});

test('demo archive: events inside threads, and a comparison that says who carried what', () => {
  const db = join(mkdtempSync(join(tmpdir(), 'px-events-')), 'demo.db');
  cliJson(['--db', db, 'import', join(projectRoot, 'demo')]);
  const { events, total } = cliJson<{ total: number; events: EventRecord[] }>(['--db', db, 'events', '--min-outlets', '1']).json;
  assert.equal(total, 3);
  const titles = new Map(cliJson<Article[]>(['--db', db, 'list']).json.map((a) => [a.id, a.title]));
  const bridge = events.find((e) => e.members.some((m) => titles.get(m.article) === '晴川跨海大桥正式通车'))!;
  const typhoon = events.find((e) => e.members.some((m) => /台风海棠逼近/.test(titles.get(m.article) ?? '')))!;
  const prices = events.find((e) => e.members.some((m) => /樓價/.test(titles.get(m.article) ?? '')))!;
  // the opening told by five outlets (the word-segmented wire text among them); the typhoon by three
  assert.equal(bridge.members.length, 5);
  assert.equal(typhoon.members.length, 3);
  assert.ok(!typhoon.members.some((m) => bridge.members.some((x) => x.article === m.article)));
  // the price rise next day is its own event, in the bridge's thread; the typhoon has a thread of its own
  assert.equal(prices.members.length, 1);
  assert.equal(prices.thread, bridge.thread);
  assert.notEqual(typhoon.thread, bridge.thread);
  const { threads } = cliJson<{ threads: ThreadRecord[] }>(['--db', db, 'threads', '--min-events', '2']).json;
  assert.deepEqual(threads.map((t) => t.id), [bridge.thread]);
  assert.deepEqual(new Set(threads[0]!.events), new Set([bridge.id, prices.id]));
  // lineage as text: a count, then each link with both articles' outlets and titles
  const dups = cli(['--db', db, 'dups', '--limit', '1']);
  assert.equal(dups.status, 0, dups.stderr);
  assert.match(dups.stdout, /^\d+ links/);
  assert.match(dups.stdout, /\n[0-9a-f]{16} \S+ .*晴川.*\n  (contains|reprint-of|duplicate-of|update-of) \(/);
  // a thread's events, in time, the one-outlet one included
  const inThread = cliJson<{ events: EventRecord[] }>(['--db', db, 'events', '--thread', bridge.thread]).json.events;
  assert.deepEqual(inThread.map((e) => e.id), [bridge.id, prices.id]);

  const c = cliJson<Full>(['--db', db, 'event', bridge.id]).json.comparison;
  assert.equal(c.outlets.length, 5);
  const claimOf = (re: RegExp): Comparison['claims'][number] => {
    const found = c.claims.filter((cl) => cl.members.some((m) => re.test(m.text)));
    assert.equal(found.length, 1, `${re}: ${found.length} claims`);
    return found[0]!;
  };
  // the length of the bridge and the shorter drive are different facts, never one claim (a
  // sentence that states two facts, like the harbour paper's opening and length, is in both)
  for (const cl of c.claims) assert.ok(!(cl.members.some((m) => /公里/.test(m.text)) && cl.members.some((m) => /分钟/.test(m.text))), JSON.stringify(cl));
  // the mayor's words: carried by the wire, its copies and the Traditional-script harbour paper
  const mayor = claimOf(/日常生活|日常生活/);
  assert.ok(mayor.outlets.includes('wire-dongfang-example') && mayor.outlets.includes('news-harbour-example'), mayor.outlets.join());
  // the conservationists' warning: every outlet but the one that left it out
  const dolphins = claimOf(/白海豚/);
  const leftOut = c.outlets.filter((o) => !dolphins.outlets.includes(o));
  assert.ok(leftOut.length >= 1);
  for (const o of leftOut) assert.ok(c.summary.find((s) => s.outlet === o)!.omitted.includes(dolphins.id), `${o} omits the dolphins`);
  for (const o of dolphins.outlets) assert.ok(!c.summary.find((s) => s.outlet === o)!.omitted.includes(dolphins.id));
  // the quote has its speaker and is one quote across outlets and scripts
  const quote = c.quotes.find((q) => /日常生活/.test(q.text));
  assert.ok(quote, 'the mayor\'s quote');
  assert.equal(quote.speaker.replace(/遠/g, '远'), '周明远');
  // every outlet that quotes the mayor (demo/: 「」 or “”, with 表示 or 说), 晴川日报 under one id
  for (const o of ['wire-dongfang-example', 'qingchuan-daily-example', 'news-harbour-example', 'nanyang-morning-example']) assert.ok(quote.outlets.includes(o), `${o} quotes the mayor: ${quote.outlets.join()}`);
  // timeline: one row per outlet in publication order, in local time with its zone
  assert.equal(c.timeline[0]!.outlet, 'wire-dongfang-example');
  assert.equal(c.timeline[0]!.articles[0]!.local, '2031-10-14 10:00');
  assert.equal(c.timeline[0]!.zone, 'UTC+8');
  // wire share: the agency is named; the agency left nothing of itself out
  const wire = new Map(c.wire.map((w) => [w.outlet, w]));
  assert.equal(wire.get('wire-dongfang-example')!.leftOut, 0);
  assert.equal(wire.get('wire-dongfang-example')!.share, 1);
  assert.ok(wire.get('nanyang-morning-example')!.share < wire.get('wire-dongfang-example')!.share);
});

test('seeds: one event of five; the Xinhua seed named and dated from the dateline a copy carries; no claim joins different facts', needsShared('seeds'), () => {
  const db = join(mkdtempSync(join(tmpdir(), 'px-events-')), 'seeds.db');
  cliJson(['--db', db, 'import', sharedPath('seeds')!]);
  const { events } = cliJson<{ events: EventRecord[] }>(['--db', db, 'events', '--min-outlets', '1']).json;
  assert.equal(events.length, 1);
  assert.equal(events[0]!.members.length, 5);
  const articles = cliJson<Article[]>(['--db', db, 'list']).json;
  // seed 004 (word-segmented, no outlet, no date) is Xinhua's text of 15 Dec: sina carries it under 新华社北京12月15日电
  const seg = articles.find((a) => a.source.format === 'segmented-text')!;
  assert.equal(seg.outlet.id, 'xinhua');
  assert.equal(seg.published?.day, '2021-12-15');
  const byOutlet = new Map(events[0]!.members.map((m) => [m.outlet, m.article]));
  assert.deepEqual([...byOutlet.keys()].sort(), ['hkcnews', 'sina', 'xinhua', 'zaker', 'zaobao']);
  const edges = cliJson<LineageEdge[]>(['--db', db, 'dups']).json;
  const carry = edges.find((e) => e.from === byOutlet.get('sina') && e.to === seg.id && e.kind === 'contains');
  assert.ok(carry && carry.score >= 0.9, JSON.stringify(edges));

  const c = cliJson<Full>(['--db', db, 'event', events[0]!.id]).json.comparison;
  assert.equal(c.outlets.length, 5);
  // the four different facts the first round put in one claim never share one
  const facts = [/12月15日下午在北京同俄罗斯总统普京举行视频会晤/, /11月23日/, /外媒/, /体育政治化|體育政治化/];
  for (const cl of c.claims) {
    const hit = facts.filter((re) => cl.members.some((m) => re.test(m.text)));
    assert.ok(hit.length <= 1, `claim ${cl.id} joins ${hit.join(' and ')}: ${cl.members.map((m) => m.text).join(' | ')}`);
  }
  // only Zaobao speaks of Ukraine and of AUKUS
  const named = (name: string): string[] => Object.keys(c.entities.find((e) => e.name === name)?.outlets ?? {});
  assert.deepEqual(named('乌克兰'), ['zaobao']);
  assert.deepEqual(named('AUKUS'), ['zaobao']);
  for (const cl of c.claims) for (const m of cl.members) if (/乌克兰|烏克蘭|AUKUS/.test(m.text)) assert.equal(m.outlet, 'zaobao');
  // Putin's support on Taiwan: told by all five
  const taiwan = c.claims.find((cl) => cl.members.some((m) => /涉台/.test(m.text)) && cl.coverage === 'all');
  assert.ok(taiwan, 'an all-outlet claim on Taiwan');
  // Putin against politicising sport, in his words: hkcnews and zaker quote him, and the quote is his
  const sport = c.quotes.find((q) => /政治化/.test(q.text) && q.outlets.includes('hkcnews') && q.outlets.includes('zaker'));
  assert.ok(sport, 'the sport quote aligned across scripts');
  assert.equal(sport.speaker, '普京');
  // Xi's invitation (再过一个多月，你将访华…) is never given to Putin
  for (const q of c.quotes) if (/再過一個|再过一个/.test(q.text)) assert.match(q.speaker, /习|習/);
  // timeline in local time; wire share names the agency
  assert.equal(c.timeline[0]!.outlet, 'xinhua');
  const sina = c.wire.find((w) => w.outlet === 'sina')!;
  assert.equal(sina.agency, '新华社');
  assert.ok(sina.share >= 0.5);
  assert.equal(c.wire.find((w) => w.outlet === 'xinhua')!.leftOut, 0);
});

test('multi-outlet: the Xi–Putin meeting of 15–16 Dec is one event across outlets and scripts; Omicron is several events in one thread', needsShared('corpus/multi-outlet'), () => {
  const db = join(mkdtempSync(join(tmpdir(), 'px-events-')), 'multi.db');
  cliJson(['--db', db, 'import', sharedPath('corpus/multi-outlet')!]);
  const { events } = cliJson<{ events: EventRecord[] }>(['--db', db, 'events', '--min-outlets', '1', '--limit', '5000']).json;
  const articles = cliJson<Article[]>(['--db', db, 'list', '--limit', '5000']).json;
  // the Xi–Putin reports in one event holding little else, no topic blob, Omicron as several events in one thread
  const check = checkMultiOutletWeek(articles, events.map((e) => ({ id: e.id, thread: e.thread, articles: e.members.map((m) => m.article), outlets: e.outlets })));
  assert.deepEqual(check.failures, []);
});
