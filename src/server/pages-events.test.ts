// The event page: where outlets give one remark to different speakers, the page says so; a
// one-article event that stands alone by its title says why.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { givenElsewhere } from './pages-events.js';

const quote = { speaker: '邱海澄', text: '望潮岛渡轮会在风暴过后恢复航行', outlets: ['harbour', 'coast'], members: [], alsoGivenTo: [{ speaker: '岑澜汐', outlets: ['coast'] }] };
const names = new Map([['coast', '海岸晚报']]);

test('event page: a quote some outlet gives to another speaker names that speaker and the outlet', () => {
  const out = String(givenElsewhere(quote, 'hans', names));
  assert.match(out, /岑澜汐/);
  assert.match(out, /海岸晚报/);
  assert.match(out, /另有媒体归于/);
});

test('event page: a quote all outlets give to one speaker, or a comparison stored before alsoGivenTo, shows nothing more', () => {
  assert.equal(String(givenElsewhere({ ...quote, alsoGivenTo: [] }, 'en', names)), '');
  const { alsoGivenTo: _gone, ...old } = quote;
  assert.equal(String(givenElsewhere(old as typeof quote, 'en', names)), '');
});

test('event page: a speaker name from an archive is escaped', () => {
  const out = String(givenElsewhere({ ...quote, alsoGivenTo: [{ speaker: '<b>x</b>', outlets: ['coast'] }] }, 'en', names));
  assert.doesNotMatch(out, /<b>x/);
});

test('event page: a one-article event whose title is a market report (or another piece that stands alone) says why it has no other telling', async () => {
  const { eventPage } = await import('./pages-events.js');
  const { compareEvent } = await import('../stories/compare.js');
  const { fictionalArticle } = await import('../stories/fictional-article.js');
  const { Segmenter } = await import('../text/segment.js');
  const { AliasTable } = await import('../text/aliases.js');
  const ctx = { segmenter: new Segmenter(), aliases: new AliasTable(), wireOutlets: new Set<string>() };
  const pageOf = (title: string, lang: 'hans' | 'en'): string => {
    const a = { ...fictionalArticle('1111111111111111', 'harbour', ['晴川港务股午后领涨，成交额较昨日增加。']), title };
    const e = { id: 'e1111111111111111', thread: 't1111111111111111', label: { hans: title, hant: title }, keywords: [], first: null, last: null, outlets: ['harbour'],
      members: [{ article: a.id, outlet: 'harbour', role: 'report' as const, similarity: 1, published: null, why: [] }] };
    return eventPage({ lang, path: `/event/${e.id}`, params: new URLSearchParams() }, e, compareEvent([a], ctx), new Map(), new Map([[a.id, title]]));
  };
  assert.match(pageOf('港股半日升逾1% 晴川港务股领涨', 'hans'), /<p class="meta standalone">行情报道：自成一个事件/);
  assert.match(pageOf('港股半日升逾1% 晴川港务股领涨', 'en'), /A market report: an event of its own/);
  assert.match(pageOf('晴川港遷建公投開票【不斷更新】', 'en'), /A live page: an event of its own/);
  assert.doesNotMatch(pageOf('晴川港务局宣布新航线', 'hans'), /standalone/);
});
