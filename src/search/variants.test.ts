// Search that finds a concept however each region writes it, and nothing else: each
// defect of issue 16 by name, on small invented articles written here.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { importSources } from '../import/pipeline.js';
import { SqliteStore } from '../store/sqlite/store.js';
import { AliasTable } from '../text/aliases.js';
import { indexTokens } from '../text/normalize.js';
import { Segmenter } from '../text/segment.js';
import { readQuery, searchArchive, termWords, type SearchResult } from './search.js';
import { parseQuery } from './query.js';

const dir = mkdtempSync(join(tmpdir(), 'px-variants-'));
const posts = join(dir, 'posts');
mkdirSync(posts);
const files: Record<string, { title: string; body: string; outlet?: string; date?: string; tags?: string[] }> = {
  putin: { title: '峰會前瞻', body: 'Putin 與多國領袖通電話。' },
  putIn: { title: '港口工程進度', body: 'The crew will put in new piles next week，工程順利。' },
  nato: { title: '北約外長會議', body: '北大西洋公約組織（NATO）外長今日開會。' },
  tonight: { title: '節目預告', body: '英語節目 China Tonight 今晚播出。' },
  who: { title: '世衛發布指引', body: '世界衛生組織（WHO）發布新指引。' },
  whole: { title: '社區活動', body: 'The whole town came, whom everyone knew。' },
  webSite: { title: '新聞轉載說明', body: '本文轉載自某中文网）路透社報道，原文另見。' },
  network: { title: '網路安全法案', body: '立法會討論網路安全的新法案。' },
  taxi: { title: '交通消息', body: '市民乘的士前往機場，車費上升。' },
  soldier: { title: '軍營開放日', body: '軍營開放日吸引市民，年輕的士兵介紹裝備，全場的士氣高昂。' },
  data: { title: '统计局公布数据', body: '统计局公布最新经济数据，增长放缓。' },
  material: { title: '圖書館整理資料', body: '圖書館整理歷史資料，供市民查閱。' },
  johnson: { title: '约翰逊访问东京', body: '英国首相约翰逊访问东京。' },
  vaccine: { title: '強生疫苗到港', body: '一批強生疫苗今日運抵。' },
  meetingExact: { title: '两国元首会晤', body: '习近平同普京视频会晤，双方谈及合作。', tags: ['习近平'] },
  meetingNear: { title: '克里姆林宫消息', body: '普京表示，他与习近平举行视频会晤时谈及能源。' },
  meetingFar: { title: '年终回顾', body: '习近平出席多场活动。下半年经济数据理想，各地旅游业回暖，文化交流频繁，体育赛事陆续恢复。另外，普京宣布新措施。此外，有关视频会晤的技术也有进步。' },
  legco: { title: '选举观察', body: '香港立法会选举今日举行，投票率受关注。' },
  legcoApart: { title: '议会动态', body: '香港政府官员出席立法会会议，讨论明年选举安排。' },
  wire: { title: '央行宣布加息', body: '央行今日宣布加息零点二五厘，以压抑通胀。市场反应平稳。', outlet: '新华社' },
  copy: { title: '央行宣布加息 市场平稳', body: '央行今日宣布加息零点二五厘，以压抑通胀。市场反应平稳。转载。', outlet: '新浪财经' },
  other: { title: '银行跟随加息', body: '多家银行跟随央行加息，按揭利率上升。', outlet: '香港電台' },
  lateNight: { title: '深夜消息', body: '深夜宣布的消息。', date: '2021-12-16 01:30:00 +08:00', tags: ['習近平'] },
};
for (const [name, f] of Object.entries(files)) {
  const tags = f.tags ? `tags: [${f.tags.join(', ')}]\n` : '';
  writeFileSync(join(posts, `${name}.md`), `---\ntitle: ${f.title}\nauthor: ${f.outlet ?? '香港電台'}\ndate: ${f.date ?? '2021-12-15 12:00:00 +08:00'}\n${tags}---\n\n${f.body}\n`);
}
const db = join(dir, 'v.db');
const store = new SqliteStore(db);
await importSources(store, [posts]);
const ctx = { segmenter: new Segmenter(), aliases: new AliasTable() };
const idOf = new Map<string, string>();
for (const a of await store.listArticles({ limit: 100 })) {
  const name = Object.entries(files).find(([, f]) => f.title === a.title && a.paragraphs[0] === f.body)?.[0];
  if (name) idOf.set(name, a.id);
}
const find = (q: string, opts = {}): Promise<SearchResult> => searchArchive(store, q, opts, ctx);
const names = (r: SearchResult): string[] => r.hits.map((h) => [...idOf].find(([, id]) => id === h.id)?.[0] ?? h.id);

test('the fixture articles are all in the archive', () => {
  assert.equal(idOf.size, Object.keys(files).length);
});

test('index tokens: no bigram spans punctuation, white space or a Han/Latin boundary; alphabets are whole words', () => {
  assert.equal(indexTokens(['中文网）路透社']), '中文 文网 路透 透社');
  assert.equal(indexTokens(['put in 普京']), 'put in 普京');
  assert.equal(indexTokens(['G7峰会 2021年 A股']), 'g7 峰会 20 02 21 1年 a 股');
  assert.equal(indexTokens(['COVID-19疫苗']), 'covid 19 9疫 疫苗');
});

test('「put in」 does not match 普京 (putin); Putin does', async () => {
  const r = names(await find('普京'));
  assert.ok(r.includes('putin'));
  assert.ok(!r.includes('putIn'));
});

test('「China Tonight」 does not match 北约 (nato)', async () => {
  const r = names(await find('北约'));
  assert.ok(r.includes('nato'));
  assert.ok(!r.includes('tonight'));
});

test('「whole」 and 「whom」 do not match 世衛 (who)', async () => {
  const r = names(await find('世衛'));
  assert.ok(r.includes('who'));
  assert.ok(!r.includes('whole'));
});

test('「中文网）路透社」 does not match 網路', async () => {
  const r = names(await find('網路'));
  assert.ok(r.includes('network'));
  assert.ok(!r.includes('webSite'));
});

test('的士 (taxi) is matched as a whole word: not in 的士兵 or 的士氣', async () => {
  for (const q of ['的士', '出租车', '計程車']) {
    const r = names(await find(q));
    assert.ok(r.includes('taxi'), q);
    assert.ok(!r.includes('soldier'), q);
  }
  // quoted, it is the string as written
  assert.ok(names(await find('"的士"')).includes('soldier'));
});

test('数据 does not bring 資料 (one sense of several) unless asked; the result offers it', async () => {
  const plain = await find('数据');
  assert.ok(names(plain).includes('data'));
  assert.ok(!names(plain).includes('material'));
  assert.ok(plain.reading.terms[0]!.optional.includes('资料'));
  const asked = await find('数据 variant:資料');
  assert.ok(names(asked).includes('material'));
  assert.ok(asked.reading.terms[0]!.variants.includes('资料'));
});

test('约翰逊 does not bring 強生 (the vaccine maker)', async () => {
  const r = await find('约翰逊');
  assert.ok(names(r).includes('johnson'));
  assert.ok(!names(r).includes('vaccine'));
  assert.ok(r.reading.terms[0]!.optional.includes('强生'));
});

test('-variant:X leaves a variant out, and says so', async () => {
  const r = await find('普丁 -variant:putin');
  assert.ok(!names(r).includes('putin'));
  assert.deepEqual(r.reading.terms[0]!.off, ['putin']);
  assert.ok(r.reading.terms[0]!.variants.includes('普京'));
});

test('an unspaced query of several words is read as words, the phrase and then the nearest first', async () => {
  assert.deepEqual(termWords('习近平同普京视频会晤', ctx), ['习近平', '同', '普京', '视频会晤']);
  const r = await find('习近平同普京视频会晤');
  assert.deepEqual(r.reading.terms[0]!.words, ['习近平', '普京', '视频会晤']);
  const order = names(r);
  assert.deepEqual(order.slice(0, 3), ['meetingExact', 'meetingNear', 'meetingFar']);
  const legco = names(await find('香港立法会选举'));
  assert.deepEqual(legco.slice(0, 2), ['legco', 'legcoApart']);
});

test('quotes make a phrase', async () => {
  assert.deepEqual(names(await find('"香港立法会选举"')), ['legco']);
});

test('copies that lineage links are one hit with its copies', async () => {
  await store.replaceLineage([{ from: idOf.get('copy')!, to: idOf.get('wire')!, kind: 'reprint-of', score: 1 }]);
  const r = await find('加息');
  const family = r.hits.filter((h) => h.id === idOf.get('wire') || h.id === idOf.get('copy'));
  assert.equal(family.length, 1);
  assert.equal(family[0]!.copies?.length, 1);
  assert.equal(r.hits.length, 2);
  const all = await find('加息', { collapse: false });
  assert.equal(all.hits.length, 3);
  // page by page, a family shows once: on the page where its best-ranked member falls
  const seen: string[] = [];
  for (let offset = 0, pages = 0; offset < r.total && pages < 5; pages++) {
    const page = await find('加息', { limit: 1, offset });
    seen.push(...page.hits.map((h) => names({ ...page, hits: [h] })[0]!));
    offset = page.nextOffset;
  }
  assert.equal(seen.length, 2, seen.join(' '));
  assert.ok(seen.includes('other'));
  assert.equal(seen.filter((n) => n === 'wire' || n === 'copy').length, 1);
  await store.replaceLineage([]);
});

test('tag: in either script; outlet: by name as well as id', async () => {
  const hans = names(await find('tag:习近平'));
  assert.deepEqual(names(await find('tag:習近平')).sort(), hans.sort());
  assert.ok(hans.includes('lateNight') && hans.includes('meetingExact'));
  const byName = await find('加息 outlet:新浪財經', { collapse: false });
  assert.deepEqual(names(byName), ['copy']);
  assert.deepEqual(byName.reading.outlets, ['sina']);
  await assert.rejects(find('加息 outlet:nosuch'), /no outlet nosuch/);
});

test('since:/until: and list --since/--until are the outlet\'s local day (01:30 HK on the 16th is the 16th)', async () => {
  const late = idOf.get('lateNight')!;
  assert.ok(names(await find('深夜 since:2021-12-16')).includes('lateNight'));
  assert.ok(!names(await find('深夜 until:2021-12-15')).includes('lateNight'));
  assert.ok((await store.listArticles({ since: '2021-12-16' })).some((a) => a.id === late));
  // until is the day after the last (the CLI and the API pass the day after theirs): 17:30 UTC on the 15th is the 16th in Hong Kong
  assert.ok(!(await store.listArticles({ until: '2021-12-16' })).some((a) => a.id === late));
  assert.ok((await store.listArticles({ until: '2021-12-17' })).some((a) => a.id === late));
  assert.equal((await store.listArticles({ since: '2021-12-16' })).length, 1);
});

test('reading a query does not segment a quoted phrase or an exclusion', () => {
  const r = readQuery(parseQuery('"香港立法会选举" -香港立法会选举'), ctx);
  assert.equal(r.reading[0]!.words, undefined);
  assert.equal(r.reading[1]!.words, undefined);
});

test('an unknown field says so, with the fields there are; quoted, it is text', () => {
  assert.throws(() => parseQuery('加息 outlets:rthk'), /no field outlets: \(fields: outlet: since: until: tag: script: variant:\)/);
  assert.throws(() => parseQuery('date:2021-12-15'), /no field date:/);
  assert.equal(parseQuery('"ratio:3"').terms[0]!.text, 'ratio:3');
  assert.equal(parseQuery('https://example.org/a').terms.length, 1);
  assert.equal(parseQuery('12:30').terms[0]!.text, '12:30');
});
