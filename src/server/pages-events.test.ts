// The event page's quotes: where outlets give one remark to different speakers, the page says so.
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
