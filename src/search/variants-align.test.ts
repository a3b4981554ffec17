// Variants from aligned text: substitutions between sentences of mainland-side and
// Taiwan/Hong Kong-side outlets that match except for a word.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { needsShared, sharedPath } from '../../test/shared.js';
import type { Article } from '../article.js';
import { importSources } from '../import/pipeline.js';
import { SqliteStore } from '../store/sqlite/store.js';
import { AliasTable } from '../text/aliases.js';
import { normalizeText } from '../text/normalize.js';
import { Segmenter } from '../text/segment.js';
import { clausesOf, mineAlignedVariants, oneTerm, scriptOnly, sideOf, substitutions, variantShape } from './variants-align.js';

const seg = new Segmenter();
const words = (s: string): string[] => seg.words(normalizeText(s), 'normal');

async function articlesOf(posts: ReadonlyArray<[string, string, string]>): Promise<Article[]> {
  const dir = mkdtempSync(join(tmpdir(), 'px-align-'));
  mkdirSync(join(dir, 'p'));
  for (const [outlet, body, name] of posts) writeFileSync(join(dir, 'p', `${name}.md`), `---\ntitle: ${name}\nauthor: ${outlet}\ndate: 2021-12-08 10:00:00\n---\n\n${body}\n`);
  const store = new SqliteStore(join(dir, 'a.db'));
  await importSources(store, [join(dir, 'p')]);
  const out: Article[] = [];
  for await (const a of store.allArticles()) out.push(a);
  await store.close();
  return out;
}

test('a substitution between aligned sentences: the words that differ, with the same context either side', () => {
  const subs = substitutions(words('全市的出租车将在明年年底以前全部改用电力驱动'), words('全市的計程車將在明年年底以前全部改用電力驅動'));
  assert.equal(subs.length, 1);
  assert.equal(subs[0]!.mainland, '出租车');
  assert.equal(subs[0]!.other, '计程车');
  assert.ok(subs[0]!.left.endsWith('全市的') && subs[0]!.right.startsWith('将在'));
  // a different sentence (little in common) aligns nothing; nor does a change at the very start (no left context)
  assert.deepEqual(substitutions(words('全市的出租车将在明年年底以前全部改用电力驱动'), words('警方今天在港口查获一批走私的冷冻肉品')), []);
  assert.deepEqual(substitutions(words('出租车将在明年年底以前全部改用电力驱动'), words('計程車將在明年年底以前全部改用電力驅動')), []);
});

test('not a variant: the same word in another script (计画/计划, 随著/随着), one form inside the other, Latin, phrases with function words', () => {
  assert.ok(scriptOnly('计划', '计画'));
  assert.ok(scriptOnly('随着', '随著'));
  assert.ok(scriptOnly('披着', '披著'));
  assert.ok(!scriptOnly('信息', '讯息'));
  assert.ok(!variantShape('计划', '计画'));
  assert.ok(!variantShape('成为', '成为近'));
  assert.ok(!variantShape('gdp', '毛额'));
  assert.ok(variantShape('报道', '报导'));
  // 在一份声明中 / 今天 and 控制与 / 管制暨 are rewrites of a sentence, not a region's word
  assert.ok(!oneTerm('在一份声明中', seg));
  assert.ok(!oneTerm('控制与', seg));
  assert.ok(oneTerm('生产毛额', seg));
});

test('clauses long enough to align; the side an outlet writes for (region, else script)', async () => {
  assert.deepEqual(clausesOf('他说,全市的出租车将在明年年底以前全部改用电力驱动。'), ['全市的出租车将在明年年底以前全部改用电力驱动。']);
  const [cn, tw] = await articlesOf([['新华社', '测试文字。', 'x1'], ['中央社', '測試文字。', 'x2']]).then((as) => [as.find((a) => a.outlet.id === 'xinhua')!, as.find((a) => a.outlet.id === 'cna')!]);
  assert.equal(sideOf(cn!), 'mainland');
  assert.equal(sideOf(tw!), 'tw-hk');
  assert.equal(sideOf({ outlet: { ...cn!.outlet, region: 'GB' }, script: 'hant' }), 'tw-hk');
  assert.equal(sideOf({ outlet: { ...cn!.outlet, region: 'GB' }, script: 'hans' }), 'mainland');
});

test('mined from aligned text: a one-way substitution seen in two independent alignments is kept with its evidence; a paraphrase both ways is not', async () => {
  const posts: Array<[string, string, string]> = [
    ['新华社', '市政府今天宣布，全市的出租车将在明年年底以前全部改用电力驱动。', 'c1'],
    ['中央社', '市政府今天宣布，全市的計程車將在明年年底以前全部改用電力驅動。', 't1'],
    ['新华社', '警方表示，这辆出租车的司机当时正在接送一名年长乘客回家。', 'c2'],
    ['中央社', '警方表示，這輛計程車的司機當時正在接送一名年長乘客回家。', 't2'],
    // 表示 / 指出: the mainland side writes either where the other side writes the other
    ['新华社', '交通部门负责人表示新的票价制度将从下个月一日起开始实施。', 'c3'],
    ['中央社', '交通部門負責人指出新的票價制度將從下個月一日起開始實施。', 't3'],
    ['新华社', '大学的一名研究人员指出这种新型电池的寿命已经大幅提高。', 'c4'],
    ['中央社', '大學的一名研究人員表示這種新型電池的壽命已經大幅提高。', 't4'],
    ['新华社', '气象部门的官员表示今年冬天北方地区的降雪将比往年偏多。', 'c5'],
    ['中央社', '氣象部門的官員指出今年冬天北方地區的降雪將比往年偏多。', 't5'],
    ['新华社', '卫生部门的专家指出流感疫苗的接种率今年已经明显上升。', 'c6'],
    ['中央社', '衛生部門的專家表示流感疫苗的接種率今年已經明顯上升。', 't6'],
    // the Taiwan side writes 計程車 elsewhere too: clearly its word, so added, not only offered
    ...['機場外的計程車排班區今晚大排長龍。', '一輛計程車昨夜在隧道內拋錨。', '計程車司機工會要求調漲費率。', '颱風天計程車一車難求。'].map((body, i): [string, string, string] => ['中央社', body, `t${7 + i}`]),
  ];
  const groups = mineAlignedVariants(await articlesOf(posts), seg);
  assert.deepEqual(groups.map((g) => g.forms), [['出租车', '计程车']]);
  assert.match(groups[0]!.sources[0]!, /aligned ×2 \(cna, xinhua\).*first in \S+ \/ \S+$/);
  // a pair the tables already know is not mined again
  const known = new AliasTable([], { builtin: [] });
  known.addGroup(['出租车', '计程车']);
  assert.deepEqual(mineAlignedVariants(await articlesOf(posts), seg, { known }), []);
});

test('aligned variants on the real multi-outlet week: 信息/讯息 (Reuters and CNA/RTHK writing the same disclosure rule)', needsShared('corpus/multi-outlet'), async () => {
  const dir = mkdtempSync(join(tmpdir(), 'px-align-week-'));
  const store = new SqliteStore(join(dir, 'w.db'));
  await importSources(store, [sharedPath('corpus/multi-outlet')!]);
  const articles: Article[] = [];
  for await (const a of store.allArticles()) articles.push(a);
  await store.close();
  const groups = mineAlignedVariants(articles, seg);
  const forms = groups.map((g) => g.forms.join(' ').replace(/\?/g, ''));
  assert.ok(forms.includes('信息 讯息'), forms.join(', '));
  // time words are rewritten by when an outlet publishes (周五 / 早前), not by region
  assert.ok(!forms.some((f) => f.includes('周五')), forms.join(', '));
  // every kept pair is one-way and regional in shape: Han only, not script alone
  for (const g of groups) assert.ok(variantShape(g.forms[0]!, g.forms[1]!.replace(/^\?/, '')), g.forms.join(' '));
});
