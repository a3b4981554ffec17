// An article's text as a comparison reads it: cut once, remembered per article (bounded), and
// a comparison made from remembered texts the same, document for document, as one made cold;
// its cut stored and read back (stored-texts.ts) the same again.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Article } from '../article.js';
import { AliasTable } from '../text/aliases.js';
import { segmentationForm } from '../text/normalize.js';
import { Segmenter } from '../text/segment.js';
import { splitSentences } from '../text/sentences.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoItems, PARSER } from '../store/contract/fixtures.js';
import { SqliteStore } from '../store/sqlite/store.js';
import { analyzeArchive } from './analyze.js';
import { articleText, cutText, decodeText, encodeText, REMEMBERED_ARTICLES, sentenceUnits, textFromCut } from './article-text.js';
import { compareFromStored, textVersion } from './stored-texts.js';
import { claimUnit } from './claims.js';
import { compareEvent } from './compare.js';
import { findQuotes } from './quotes.js';

// fictional articles: a ferry company, its harbour and a storm
const article = (id: string, outlet: string, at: string, paragraphs: string[]): Article => ({
  id, outlet: { id: outlet, name: outlet, names: { hans: outlet, hant: outlet, en: outlet }, region: 'CN' }, title: `${outlet}：望潮岛渡轮停航`, authors: [],
  published: { at, precision: 'minute', day: at.slice(0, 10), original: at }, updated: null, fetched: null, url: null, archiveUrl: null, tags: [], categories: [], script: 'hans', paragraphs,
  figures: [], media: [], credits: { editor: [], reporters: [], roles: {} }, wire: null, flags: [],
  source: { kind: 'file', format: 'text', encoding: 'utf-8', sha256: '0'.repeat(64) },
});

const event = (): Article[] => [
  article('0000000000000a01', 'harbour', '2031-03-04T02:00:00Z', [
    '晴川港务局周三宣布，望潮岛渡轮因风暴暂停航行，全部十九名船员已撤离望潮岛。',
    '港务局长邱海澄说：“渡轮会在风暴过后恢复航行，请乘客耐心等候。”',
    '望潮岛渡轮公司表示，将全额退还船票费用。',
  ]),
  article('0000000000000a02', 'island', '2031-03-04T03:30:00Z', [
    '晴川港務局週三宣佈，望潮島渡輪因風暴暫停航行，全部十九名船員已離開望潮島。',
    '港務局長邱海澄表示：「渡輪會在風暴過後恢復航行，請乘客耐心等候。」',
    '島上居民擔心物資短缺，超市的蔬菜已經售罄。',
  ]),
  article('0000000000000a03', 'coast', '2031-03-04T05:10:00Z', [
    '晴川港务局表示，全部二十一名船员已于周三撤离望潮岛。',
    '气象台预计风暴周五减弱，渡轮公司将视天气决定复航时间。',
  ]),
];

/** jieba's own cut and tag of a segmenter, each call counted by its text (the segmenter's methods are not the only way to them) */
function spyOnJieba(seg: Segmenter): Map<string, number> {
  const jieba = (seg as unknown as { jieba: Record<'tag' | 'cut', (text: string, hmm: boolean) => unknown> }).jieba;
  const asked = new Map<string, number>();
  for (const name of ['tag', 'cut'] as const) {
    const f = jieba[name].bind(jieba);
    jieba[name] = (text: string, hmm: boolean) => { asked.set(`${name} ${text}`, (asked.get(`${name} ${text}`) ?? 0) + 1); return f(text, hmm); };
  }
  return asked;
}

/** a segmenter that counts how often jieba cuts and tags for it */
function counting(): { seg: Segmenter; cuts: () => number } {
  const seg = new Segmenter();
  const asked = spyOnJieba(seg);
  return { seg, cuts: () => [...asked.values()].reduce((n, k) => n + k, 0) };
}

test('article text: a comparison made from remembered texts is the same document as one made cold', () => {
  const aliases = new AliasTable();
  const warm = { segmenter: new Segmenter(), aliases, wireOutlets: new Set<string>() };
  const first = JSON.stringify(compareEvent(event(), warm));
  // the same articles read again (new objects, as the store gives them): every text remembered
  const again = JSON.stringify(compareEvent(event(), warm));
  const cold = JSON.stringify(compareEvent(event(), { segmenter: new Segmenter(), aliases: new AliasTable(), wireOutlets: new Set<string>() }));
  assert.equal(again, first);
  assert.equal(cold, first);
  // and it says something: the departure is one claim of all three outlets (a discrepancy: 19 against 21),
  // the quote is one quote of two outlets
  const c = JSON.parse(first) as ReturnType<typeof compareEvent>;
  assert.ok(c.claims.length >= 5, `${c.claims.length} claims`);
  assert.ok(c.quotes.some((q) => q.outlets.length === 2), JSON.stringify(c.quotes.map((q) => [q.speaker, q.outlets])));
  assert.ok(c.entities.some((e) => e.name.includes('望潮岛') || e.variants.includes('望潮島')), JSON.stringify(c.entities.map((e) => e.name)));
});

test('article text: the parts are what the one-article functions give', () => {
  const ctx = { segmenter: new Segmenter(), aliases: new AliasTable() };
  const [a] = event();
  const t = articleText(a!, ctx);
  assert.deepEqual(t.units, sentenceUnits(a!, ctx));
  assert.equal(t.units.length, 3);
  assert.deepEqual(t.quotes.map((q) => q.found), findQuotes([a!], ctx));
  assert.deepEqual(t.quotes.map((q) => q.unit), findQuotes([a!], ctx).map((f) => claimUnit(a!.id, a!.outlet.id, f.n, f.text, ctx)));
  assert.ok(t.words.includes('渡轮') && t.words.includes('船员'), t.words.join(' '));
});

test('article text: an event that gains one article cuts only that article\'s text', () => {
  const { seg, cuts } = counting();
  const ctx = { segmenter: seg, aliases: new AliasTable(), wireOutlets: new Set<string>() };
  const [a, b, c] = event();
  compareEvent([a!, b!], ctx);
  const two = cuts();
  assert.ok(two > 0);
  const before = cuts();
  compareEvent(event(), ctx);
  const added = cuts() - before;
  // only the third article was cut: what it costs alone
  const alone = counting();
  articleText(c!, { segmenter: alone.seg, aliases: new AliasTable() });
  assert.equal(added, alone.cuts());
  // a changed text is cut again
  const edited = { ...c!, paragraphs: [...c!.paragraphs, '渡轮公司稍后更正，撤离的船员共十九名。'] };
  const t0 = cuts();
  const t = articleText(edited, ctx);
  assert.ok(cuts() > t0);
  assert.equal(t.units.length, articleText(c!, ctx).units.length + 1);
});

test('article text: jieba tags each paragraph and the title once, and cuts none of their sentences again', () => {
  const seg = new Segmenter();
  const asked = spyOnJieba(seg);
  const [a] = event();
  articleText(a!, { segmenter: seg, aliases: new AliasTable() });
  for (const p of [a!.title, ...a!.paragraphs]) assert.equal(asked.get(`tag ${segmentationForm(p)}`), 1, p);
  for (const p of a!.paragraphs) for (const s of splitSentences(p)) {
    if (s.text === p) continue;
    assert.equal(asked.get(`cut ${segmentationForm(s.text)}`), undefined, s.text);
    assert.equal(asked.get(`tag ${segmentationForm(s.text)}`), undefined, s.text);
  }
});

test('article text: remembered per article up to a bound; a quote points at the article it is read for', () => {
  const ctx = { segmenter: new Segmenter(), aliases: new AliasTable() };
  const [a] = event();
  const first = articleText(a!, ctx);
  const copy = { ...a! };
  const again = articleText(copy, ctx);
  assert.equal(again.units, first.units, 'the same units: not cut again');
  assert.ok(again.quotes.length > 0 && again.quotes.every((q) => q.found.article === copy));
  // REMEMBERED_ARTICLES other articles later, the first is forgotten (cut again: equal, not the same)
  for (let i = 0; i < REMEMBERED_ARTICLES; i++) articleText({ ...a!, id: `0000000000001${i.toString(16).padStart(3, '0')}` }, ctx);
  const late = articleText(a!, ctx);
  assert.notEqual(late.units, first.units);
  assert.deepEqual(late.units, first.units);
});

test('article text: a cut encoded and decoded makes the text article-text.ts computes (deep-equal), and is smaller than the text thrice', () => {
  const ctx = { segmenter: new Segmenter(), aliases: new AliasTable() };
  const edge = article('0000000000000a09', 'edge', '2031-03-05T02:00:00Z', [
    // a clause after an empty part, a link list, Latin words, a quote with no speaker, a denial
    '，；港务局表示：，渡轮未撤离，Audra Čiapienė说“风暴很快过去”。',
    '• 望潮岛渡轮停航 • 晴川港务局宣布',
    '“请耐心等候。”',
  ]);
  for (const a of [...event(), edge]) {
    const cut = cutText(a, ctx);
    const data = encodeText(cut);
    const back = decodeText(data);
    assert.deepStrictEqual(back, cut);
    // a fresh context (nothing remembered) computes the same text the stored cut makes
    const fresh = articleText(a, { segmenter: new Segmenter(), aliases: new AliasTable() });
    assert.deepStrictEqual(textFromCut(a, back), fresh);
    assert.deepStrictEqual(fresh.units, sentenceUnits(a, ctx));
    assert.ok(data.length < 3 * Buffer.byteLength([a.title, ...a.paragraphs].join('')), `${data.length} bytes`);
  }
  assert.throws(() => encodeText({ units: [], quotes: [], entities: [], words: ['两个 词'] }), /cannot be stored/);
});

test('stored texts: a comparison read from stored texts is the comparison cut fresh; rows of another version or text are not read', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'px-texts-'));
  const store = new SqliteStore(join(dir, 'a.db'));
  try {
    const cold = JSON.stringify(compareEvent(event(), { segmenter: new Segmenter(), aliases: new AliasTable(), wireOutlets: new Set<string>() }));
    // first: every member cut, and kept with the comparison
    const one = { segmenter: new Segmenter(), aliases: new AliasTable(), wireOutlets: new Set<string>() };
    const first = await compareFromStored(store, event(), one);
    assert.equal(JSON.stringify(first.comparison), cold);
    assert.deepEqual(first.texts.map((t) => t.article).sort(), event().map((a) => a.id).sort());
    await store.saveComparison('e0000000000000001', { membersHash: 'h', doc: cold }, first.texts);
    assert.equal((await store.articleTexts(event().map((a) => a.id), textVersion(one))).size, 3);
    assert.equal((await store.articleTexts(event().map((a) => a.id), 'another-version')).size, 0);
    // another process (nothing remembered): every member read, none cut, the same document
    const { seg, cuts } = counting();
    const two = { segmenter: seg, aliases: new AliasTable(), wireOutlets: new Set<string>() };
    assert.equal(textVersion(two), textVersion(one));
    const second = await compareFromStored(store, event(), two);
    assert.equal(cuts(), 0);
    assert.deepEqual(second.texts, []);
    assert.equal(JSON.stringify(second.comparison), cold);
    // an edited article is cut again (its row was cut from another text) and its new cut replaces the row
    const [a, b, c] = event();
    const edited = { ...c!, paragraphs: [...c!.paragraphs, '渡轮公司稍后更正，撤离的船员共十九名。'] };
    const three = { segmenter: new Segmenter(), aliases: new AliasTable(), wireOutlets: new Set<string>() };
    const third = await compareFromStored(store, [a!, b!, edited], three);
    assert.deepEqual(third.texts.map((t) => t.article), [edited.id]);
    assert.equal(JSON.stringify(third.comparison), JSON.stringify(compareEvent([a!, b!, edited], { segmenter: new Segmenter(), aliases: new AliasTable(), wireOutlets: new Set<string>() })));
    // an alias table with another group is another version: nothing stored is read for it
    const aliases = new AliasTable();
    aliases.addGroup(['渡轮', '渡輪船']);
    assert.notEqual(textVersion({ segmenter: seg, aliases }), textVersion(one));
    assert.equal((await compareFromStored(store, event(), { segmenter: new Segmenter(), aliases, wireOutlets: new Set<string>() })).texts.length, 3);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('stored texts: an analysis keeps the cut of every article it compares, and cuts none alone in its event', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'px-texts-'));
  const store = new SqliteStore(join(dir, 'a.db'));
  try {
    await store.commit(demoItems(), PARSER);
    const ctx = { segmenter: new Segmenter(), aliases: new AliasTable() };
    const report = await analyzeArchive(store, ctx);
    assert.ok(report.comparisons >= 1);
    const ids: string[] = [];
    for await (const a of store.allArticles()) ids.push(a.id);
    const { events } = await store.listEvents({ minOutlets: 1, limit: 1000 });
    const compared = events.filter((e) => e.members.length > 1).flatMap((e) => e.members.map((m) => m.article));
    const alone = ids.filter((id) => !compared.includes(id));
    assert.ok(compared.length >= 2 && alone.length >= 1, `the demo has compared (${compared.length}) and lone (${alone.length}) articles`);
    const rows = await store.articleTexts(ids, textVersion(ctx));
    assert.deepEqual([...rows.keys()].sort(), [...compared].sort());
    // each row is the cut of that very text
    const byId = new Map((await store.articlesByIds(ids)).map((a) => [a.id, a]));
    for (const [id, row] of rows) assert.deepStrictEqual(decodeText(row.data), cutText(byId.get(id)!, ctx), id);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
