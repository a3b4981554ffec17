// Texts cut ahead on a second core: the worker's cut is the cut this thread would make; an
// article this thread takes before the worker begins it is never cut there; an analysis that
// cuts ahead makes the same events and comparisons as one that does not, and keeps the cuts
// of the articles alone in their event. Fictional articles and notices only.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { notice, PARSER } from '../store/contract/fixtures.js';
import { SqliteStore } from '../store/sqlite/store.js';
import { AliasTable } from '../text/aliases.js';
import { Segmenter } from '../text/segment.js';
import { analyzeArchive } from './analyze.js';
import { cutText, decodeText, textKey } from './article-text.js';
import { fictionalArticle } from './fictional-article.js';
import { textVersion } from './stored-texts.js';
import { TextCutter } from './text-cutter.js';

const oneCore = availableParallelism() < 2;
if (oneCore) console.log('# text-cutter: this machine has one core, so no text is cut ahead; the cutter tests are skipped');

const articles = [
  fictionalArticle('00000000000c0001', 'harbour', ['晴川港务局周三宣布，望潮岛渡轮因风暴暂停航行。', '港务局长邱海澄说：“渡轮会在风暴过后恢复航行。”']),
  fictionalArticle('00000000000c0002', 'island', ['晴川港務局週三宣佈，望潮島渡輪因風暴暫停航行。', '島上居民擔心物資短缺。']),
  fictionalArticle('00000000000c0003', 'coast', ['气象台预计风暴周五减弱，渡轮公司将视天气决定复航时间。']),
  fictionalArticle('00000000000c0004', 'coast', ['望潮岛小学周四停课一天，校长白若航表示，复课时间另行通知。']),
];

test('text cutter: the worker\'s cut is this thread\'s cut, by the same rules and of the same text', { skip: oneCore }, async () => {
  const ctx = { segmenter: new Segmenter(), aliases: new AliasTable() };
  const cutter = TextCutter.start(ctx)!;
  try {
    cutter.send(articles);
    cutter.send(articles.slice(0, 2)); // sent again: nothing new
    await cutter.drain();
    for (const a of articles) {
      const row = await cutter.take(a);
      assert.ok(row, a.id);
      assert.equal(row.article, a.id);
      assert.equal(row.key, textKey(a));
      assert.equal(row.version, textVersion(ctx));
      assert.deepStrictEqual(decodeText(row.data), cutText(a, ctx), a.id);
    }
    assert.equal(await cutter.take(fictionalArticle('00000000000c0009', 'coast', ['从未送去的文章。'])), undefined, 'an article never sent');
    assert.deepEqual(await cutter.rest(), [], 'every cut was taken');
  } finally {
    await cutter.close();
  }
});

test('text cutter: an article taken before the worker begins it is cut here and never there; the rest are kept', { skip: oneCore }, async () => {
  const ctx = { segmenter: new Segmenter(), aliases: new AliasTable() };
  const cutter = TextCutter.start(ctx)!;
  try {
    cutter.send(articles);
    // the worker is still starting (its message has not even arrived): this thread takes the last article
    assert.equal(await cutter.take(articles[3]!), undefined);
    await cutter.drain();
    assert.ok(await cutter.take(articles[0]!));
    const rest = await cutter.rest();
    assert.deepEqual(rest.map((r) => r.article).sort(), [articles[1]!.id, articles[2]!.id], 'the cuts not taken, and not the article taken before it was cut');
    assert.equal(await cutter.take(articles[3]!), undefined, 'still not cut');
  } finally {
    await cutter.close();
  }
});

test('text cutter: a cut by other rules (an alias group added in this process) is not taken; a closed cutter leaves every text to this thread', { skip: oneCore }, async () => {
  const aliases = new AliasTable();
  aliases.addGroup(['渡轮', '渡輪船']);
  const cutter = TextCutter.start({ segmenter: new Segmenter(), aliases })!;
  cutter.send(articles.slice(0, 2));
  await cutter.drain();
  assert.equal(await cutter.take(articles[0]!), undefined, 'the worker read the table from its files, without the group');
  await cutter.close();
  cutter.send(articles.slice(2));
  assert.equal(await cutter.take(articles[2]!), undefined);
  assert.equal(await cutter.take(articles[1]!), undefined);
  assert.deepEqual(await cutter.rest(), []);
});

/** fictional notices: eight happenings told by one or three outlets, 20 in all (a run cuts ahead from 20) */
function notices() {
  const hosts = ['harbour.example', 'island.example', 'coast.example'];
  const happenings = [
    ['望潮岛渡轮因风暴停航', '晴川港务局周三宣布，望潮岛渡轮因风暴暂停航行，全部十九名船员已撤离望潮岛。', '港务局长邱海澄说：“渡轮会在风暴过后恢复航行。”'],
    ['晴川市议会通过海堤预算', '晴川市议会周四以二十一票对九票通过海堤加固预算，总额三亿元。', '议员石春霖表示，海堤工程将在明年春天动工。'],
    ['望潮岛小学停课', '望潮岛小学周四停课一天，校长白若航表示，复课时间另行通知。', '家长委员会呼吁港务局尽快恢复渡轮。'],
    ['晴川机场新航站楼启用', '晴川机场新航站楼周五启用，首日旅客超过一万人次。', '机场总经理夏知远说，新航站楼每年可接待八百万旅客。'],
    ['潮汐研究所发布海平面报告', '晴川潮汐研究所周五发布报告，指出海平面十年上升四厘米。', '研究员林望舒表示，沿岸低洼地区需要提前规划。'],
    ['望潮岛灯塔修复完成', '望潮岛百年灯塔修复工程周六完成，灯塔将于下月重新开放参观。', '文物局官员叶澜说，修复保留了原有的铸铁结构。'],
    ['晴川渔港休渔期开始', '晴川渔港周日起进入三个月休渔期，三百艘渔船回港停泊。', '渔民协会会长冯远航表示，休渔期有助鱼群恢复。'],
    ['晴川马拉松改期', '原定周日举行的晴川马拉松因风暴改期至下月。', '组委会表示，已报名选手无需重新报名。'],
  ];
  const items = [];
  let n = 0;
  for (const [k, [title, ...body]] of happenings.entries()) {
    for (const [j, host] of hosts.slice(0, [3, 3, 3, 3, 1, 1, 3, 3][k]).entries()) {
      const day = String(3 + (k % 4)).padStart(2, '0');
      items.push(notice(`n${n++}.md`, { title: `${title}${j ? '（' + host.split('.')[0] + '）' : ''}`, date: `2031-03-${day}T${10 + j}:00:00+08:00`, url: `https://${host}/news/${k}-${j}`, body: j === 1 ? [body[0]!.replace('。', '，各方关注。'), body[1]!] : body }));
    }
  }
  return items;
}

test('text cutter: an analysis cutting ahead makes the same events and comparisons, and keeps the cut of every article it read', { skip: oneCore }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'px-cutter-'));
  try {
    const runs = [];
    // the second run waits for every cut (a run of 20 fictional notices ends before the worker has started)
    for (const cutAhead of [false, { waitMs: 120_000 }]) {
      // a context of its own: a context remembers the texts it cut, and would neither read nor cut them again
      const ctx = { segmenter: new Segmenter(), aliases: new AliasTable() };
      const store = new SqliteStore(join(dir, `${!!cutAhead}.db`));
      try {
        await store.commit(notices(), PARSER);
        const report = await analyzeArchive(store, ctx, { cutAhead });
        assert.ok(report.articles >= 20 && report.comparisons >= 3, JSON.stringify(report));
        const { events } = await store.listEvents({ minOutlets: 1, limit: 1000 });
        const comparisons = [];
        for (const e of events) comparisons.push([e.id, e.members.map((m) => m.article), (await store.getComparison(e.id))?.doc ?? null]);
        const ids = events.flatMap((e) => e.members.map((m) => m.article));
        const rows = await store.articleTexts(ids, textVersion(ctx));
        const byId = new Map((await store.articlesByIds(ids)).map((a) => [a.id, a]));
        for (const [id, row] of rows) assert.deepStrictEqual(decodeText(row.data), cutText(byId.get(id)!, ctx), id);
        runs.push({ comparisons, stored: [...rows.keys()].sort(), ids: ids.sort(), alone: events.filter((e) => e.members.length === 1).length });
      } finally {
        await store.close();
      }
    }
    const [plain, ahead] = runs;
    assert.deepStrictEqual(ahead!.comparisons, plain!.comparisons, 'the same events, members and comparison documents');
    assert.ok(plain!.alone >= 2, `${plain!.alone} events of one article`);
    assert.ok(plain!.stored.length < plain!.ids.length, 'without cutting ahead, an article alone in its event has no stored cut');
    assert.deepEqual(ahead!.stored, ahead!.ids, 'cutting ahead, every article has its cut stored');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
