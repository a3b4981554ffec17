// Stories, lineage and the comparison, on the seeds and the multi-outlet corpus.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { LineageEdge } from '../src/dedup/lineage.js';
import { computeLineage, lineageInput } from '../src/dedup/lineage.js';
import { jaccard, shingleSet, comparableText } from '../src/dedup/minhash.js';
import type { Comparison } from '../src/stories/compare.js';
import { groupStories } from '../src/stories/group.js';
import type { StoryRecord } from '../src/store/store.js';
import type { Article } from '../src/article.js';
import { cliJson } from './cli.js';
import { needsShared, sharedPath } from './shared.js';

type Full = StoryRecord & { comparison: Comparison };

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

test('grouping keeps earlier placements and never moves a placed article', () => {
  const v = (...ws: string[]): Map<string, number> => new Map(ws.map((w) => [w, 1 / Math.sqrt(ws.length)]));
  const items = [
    { id: 'a', at: 0, vector: v('大桥', '通车', '晴川') },
    { id: 'b', at: 3_600_000, vector: v('大桥', '通车', '望潮岛') },
    { id: 'c', at: 7_200_000, vector: v('台风', '停课', '暴雨') },
  ];
  const first = groupStories(items, new Map());
  assert.equal(first.length, 2);
  const placed = new Map(first.flatMap((s) => s.members.map((m) => [m.id, s.id] as const)));
  // a later run where b is forced elsewhere by an earlier placement: it stays there
  const again = groupStories([...items, { id: 'd', at: 9_000_000, vector: v('大桥', '通车', '晴川') }], new Map([...placed, ['b', 'sc']]));
  const storyOf = new Map(again.flatMap((s) => s.members.map((m) => [m.id, s.id] as const)));
  assert.equal(storyOf.get('b'), 'sc');
  assert.equal(storyOf.get('d'), storyOf.get('a'));
});

test('the five seeds are one story; 001 carries the Xinhua text of 004; the comparison says who said what', needsShared('seeds'), () => {
  const db = join(mkdtempSync(join(tmpdir(), 'px-story-')), 'seeds.db');
  cliJson(['--db', db, 'import', sharedPath('seeds')!]);
  const { stories } = cliJson<{ stories: StoryRecord[] }>(['--db', db, 'stories', '--min-outlets', '1']).json;
  assert.equal(stories.length, 1);
  assert.equal(stories[0]!.members.length, 5);
  const byOutlet = new Map(stories[0]!.members.map((m) => [m.outlet, m.article]));
  const edges = cliJson<LineageEdge[]>(['--db', db, 'dups']).json;
  const sina = byOutlet.get('sina')!, seg = byOutlet.get('unknown')!;
  const carry = edges.find((e) => e.from === sina && e.to === seg && e.kind === 'contains');
  assert.ok(carry && carry.score >= 0.9, JSON.stringify(edges));

  const full = cliJson<Full>(['--db', db, 'story', stories[0]!.id]).json;
  const c = full.comparison;
  assert.equal(c.outlets.length, 5);
  // only Zaobao speaks of Ukraine and of AUKUS
  const named = (name: string): string[] => Object.keys(c.entities.find((e) => e.name === name)?.outlets ?? {});
  assert.deepEqual(named('乌克兰'), ['zaobao']);
  assert.deepEqual(named('AUKUS'), ['zaobao']);
  for (const cl of c.claims) for (const m of cl.members) if (/乌克兰|烏克蘭|AUKUS/.test(m.text)) assert.equal(m.outlet, 'zaobao');
  // the Taiwan and the democracy statements, with the outlets that carry each
  const claimWith = (re: RegExp): Comparison['claims'][number] | undefined => c.claims.find((cl) => cl.members.some((m) => re.test(m.text)) && cl.outlets.length > 1);
  const taiwan = claimWith(/涉台/);
  assert.ok(taiwan && taiwan.outlets.includes('hkcnews') && taiwan.outlets.includes('sina'));
  const democracy = claimWith(/民主/);
  assert.ok(democracy && democracy.outlets.length >= 3);
  // Putin against politicising sport: carried by all five
  const sport = c.claims.find((cl) => cl.coverage === 'all' && cl.members.every((m) => /政治化/.test(m.text)));
  assert.ok(sport, 'no all-outlet claim on politicising sport');
  assert.equal(sport.outlets.length, 5);
  // timeline and wire share
  assert.equal(c.timeline[0]!.outlet, 'hkcnews');
  assert.ok(c.wire.find((w) => w.outlet === 'sina')!.share >= 0.5);
});

test('multi-outlet: the Xi–Putin meeting is one story across outlets and scripts', needsShared('corpus/multi-outlet'), () => {
  const db = join(mkdtempSync(join(tmpdir(), 'px-story-')), 'multi.db');
  cliJson(['--db', db, 'import', sharedPath('corpus/multi-outlet')!]);
  const { stories } = cliJson<{ stories: StoryRecord[] }>(['--db', db, 'stories', '--min-outlets', '3', '--limit', '200']).json;
  const titles = new Map(cliJson<Article[]>(['--db', db, 'list', '--limit', '5000']).json.map((a) => [a.id, a.title]));
  const meeting = stories.filter((s) => s.members.some((m) => /視訊會晤蒲亭|中俄元首會晤|习近平普京视频峰会/.test(titles.get(m.article) ?? '')));
  assert.equal(meeting.length, 1, meeting.map((s) => s.label.hans).join(' | '));
  for (const o of ['hkcnews', 'rthk', 'cna', 'reuters', 'bbc', 'rfi', 'dw']) assert.ok(meeting[0]!.outlets.includes(o), o);
  const members = meeting[0]!.members.map((m) => titles.get(m.article) ?? '');
  assert.ok(members.some((t) => /蒲亭/.test(t)) && members.some((t) => /普京/.test(t)));
});
