// Variant data: the OpenCC table (groups never joined through a shared form, a form that
// is another region's word marked optional) and transliterations the archive teaches.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Article } from '../article.js';
import { importSources } from '../import/pipeline.js';
import { SqliteStore } from '../store/sqlite/store.js';
import { AliasTable, readAliasLines } from '../text/aliases.js';
import { Segmenter } from '../text/segment.js';
import { formatGroups, openccGroups } from '../text/variants-opencc.js';
import { mineTransliterations, nameAtEnd, placeName } from './variants-mine.js';

const seg = new Segmenter();

test('OpenCC groups: one entry a line with its source, script-only pairs dropped, 进程 is no 程式, 程序 optional where it is the Taiwan word', () => {
  const groups = openccGroups();
  const text = formatGroups(groups, 'test');
  const lines = readAliasLines(text);
  const chip = lines.find((l) => l.forms.some((f) => f.form === '芯片'));
  assert.ok(chip && chip.forms.some((f) => f.form === '晶片') && /TWPhrases/.test(chip.source ?? ''));
  assert.ok(!groups.some((g) => g.forms.length === 2 && new Set(g.forms).size === 1));
  const table = new AliasTable([], { builtin: [] });
  for (const l of lines) table.addLine(l);
  assert.ok(!table.expand('进程').forms.includes('程式'));
  assert.ok(table.expand('进程').optional.includes('程序'));
  assert.ok(table.expand('打印').forms.includes('列印'));
  assert.ok(table.expand('也门').forms.includes('叶门'));
});

test('the hand list is read last: its marks win over the generated tables', () => {
  const a = new AliasTable();
  assert.ok(a.expand('数据').optional.includes('资料'));
  assert.ok(a.isWordOnly('的士'));
  assert.ok(a.expand('芯片').forms.includes('晶片'));
  assert.ok(a.size() > 800);
});

test('the name at the end of a run: titles and places before it dropped', () => {
  assert.equal(nameAtEnd('德国总理朔尔茨', seg), '朔尔茨');
  assert.equal(nameAtEnd('美国国家安全顾问苏利文', seg), '苏利文');
  assert.equal(nameAtEnd('与默克尔', seg), '默克尔');
});

test('the shortest name: a full name gives its family name (马可·卢比奥), a title before it goes (助卿克里登布林克)', () => {
  assert.equal(nameAtEnd('参议员马可·卢比奥', seg), '卢比奥');
  assert.equal(nameAtEnd('加拿大总理贾斯汀·特鲁多', seg), '特鲁多');
  assert.equal(nameAtEnd('助卿克里登布林克', seg), '克里登布林克');
});

test('places: the kind after a name goes (梅菲尔德市), the end of the province before it too (南苏拉威西省锡江), a place inside a place is no name (伊利诺州爱德华市)', () => {
  assert.equal(placeName('梅菲尔德市'), '梅菲尔德');
  assert.equal(placeName('省锡江'), '锡江');
  assert.equal(placeName('伊利诺州爱德华市'), '');
  assert.equal(nameAtEnd('印尼南苏拉威西省锡江', seg), '锡江');
  // names that merely end in such a character's sound stay whole
  assert.equal(placeName('维尔纽斯'), '维尔纽斯');
});

test('a name the archive lexicon learnt is still a name: mining reads with the core lexicon (福奇, 卓慧思)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'px-lex-'));
  const lexicon = join(dir, 'lexicon.txt');
  writeFileSync(lexicon, '福奇 120\n卓慧思 80\n');
  // with the archive lexicon the learnt names read as common words and end the name: nothing
  assert.equal(nameAtEnd('白宫首席防疫专家福奇', new Segmenter([lexicon])), '');
  assert.equal(nameAtEnd('白宫首席防疫专家福奇', seg), '福奇');
  assert.equal(nameAtEnd('英国外相卓慧思', seg), '卓慧思');
});

test('transliterations anchored by the same Latin name, from two outlets, become a group with its evidence', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'px-mine-'));
  mkdirSync(join(dir, 'p'));
  const posts: Array<[string, string, string]> = [
    ['新华社', '德国新总理朔尔茨（Olaf Scholz）今日就职。', 'a1'],
    ['新华社', '朔尔茨（Olaf Scholz）访问巴黎。', 'a2'],
    ['中央社', '德國總理蕭茲（Olaf Scholz）發表談話。', 'b1'],
    ['中央社', '蕭茲（Olaf Scholz）與法國總統會面。', 'b2'],
    // one outlet alone teaches nothing
    ['中央社', '新任官員甲乙丙（Someone Else）上任。', 'b3'],
    ['新华社', '世界卫生组织（WHO）发布报告。', 'a3'],
  ];
  for (const [outlet, body, name] of posts) writeFileSync(join(dir, 'p', `${name}.md`), `---\ntitle: ${name}\nauthor: ${outlet}\ndate: 2021-12-08 10:00:00\n---\n\n${body}\n`);
  const store = new SqliteStore(join(dir, 'm.db'));
  await importSources(store, [join(dir, 'p')]);
  const articles: Article[] = [];
  for await (const a of store.allArticles()) articles.push(a);
  const groups = mineTransliterations(articles, seg);
  assert.equal(groups.length, 1);
  assert.deepEqual([...groups[0]!.forms].sort(), ['朔尔茨', '萧兹']);
  assert.match(groups[0]!.sources[0]!, /Olaf Scholz.*×2/);
  await store.close();
});

test('a form that starts or ends with another form of the same name is that name with a word more (彭博社 / 彭博, 长雷蒙多 / 雷蒙多, 小镇梅菲尔德 / 梅菲尔德市): no group of one name', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'px-mine2-'));
  mkdirSync(join(dir, 'p'));
  const posts: Array<[string, string, string]> = [
    ['德国之声', '据彭博社（Bloomberg）报道，谈判已经结束。', 'd1'],
    ['众新闻', '彭博（Bloomberg）引述消息人士称，谈判已经结束。', 'h1'],
    ['中央社', '美国商务部长雷蒙多（Gina Raimondo）今天表示。', 'c1'],
    ['路透社', '美国商务部长雷蒙多（Gina Raimondo）周二表示。', 'r1'],
    ['BBC中文', '美国商务部长吉娜·雷蒙多（Gina Raimondo）表示。', 'b1'],
    // jieba's dictionary calls 小镇 a person's name: the shorter form seen elsewhere decides
    ['中央社', '龙卷风重创肯塔基州的小镇梅菲尔德（Mayfield），死伤惨重。', 'c2'],
    ['BBC中文', '龙卷风袭击了梅菲尔德市（Mayfield），当地一片狼藉。', 'b2'],
  ];
  for (const [outlet, body, name] of posts) writeFileSync(join(dir, 'p', `${name}.md`), `---\ntitle: ${name}\nauthor: ${outlet}\ndate: 2021-12-08 10:00:00\n---\n\n${body}\n`);
  const store = new SqliteStore(join(dir, 'm.db'));
  await importSources(store, [join(dir, 'p')]);
  const articles: Article[] = [];
  for await (const a of store.allArticles()) articles.push(a);
  await store.close();
  assert.deepEqual(mineTransliterations(articles, seg).map((g) => g.forms), []);
});
