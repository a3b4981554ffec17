// The names an article uses (the event page's people, places and organisations), on fictional text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AliasTable } from '../text/aliases.js';
import { Segmenter } from '../text/segment.js';
import { fictionalArticle } from './fictional-article.js';
import { entityMentions } from './outlet-words.js';
import { listedNames } from './speaker-names.js';

const ctx = { segmenter: new Segmenter(), aliases: new AliasTable() };

test('the names of a list of people are whole names, however the tagger cut them; lists of places or words are no names', () => {
  const names = (text: string): string[] => listedNames(text, ctx).map((n) => n.name);
  assert.deepEqual(names('晴川廉署今天通緝前區議員林海舟、周明遠及何靜文，指他們涉嫌煽惑他人。'), ['林海舟', '周明遠', '何靜文']);
  assert.deepEqual(names('法院指出，林海舟、周明遠、何靜文以及梁子健涉嫌於16日違法。'), ['林海舟', '周明遠', '何靜文', '梁子健']);
  assert.deepEqual(names('北京、上海及廣州的確診'), []);
  assert.deepEqual(names('江蘇、浙江、上海及安徽'), []);
  assert.deepEqual(names('周末、假期及晚上'), []);
  assert.deepEqual(names('林海舟與周明遠今天會面'), [], 'two names and no 、: not read as a list');
  // two lists one after the other: each name once
  assert.deepEqual(names('林海舟、周明遠、何靜文及梁子健、王曉明及李大文'), ['林海舟', '周明遠', '何靜文', '梁子健', '王曉明', '李大文']);
});

test('entity mentions: the names of a list as people; the wire dateline names no one', () => {
  const a = { ...fictionalArticle('a', 'wire-dongfang-example', ['（東方社晴川14日電）晴川廉署今天通緝前區議員林海舟、周明遠及何靜文，指他們涉嫌煽惑他人。']), wire: { agency: '東方社', place: '晴川', day: '10-14', reporters: [], text: '（東方社晴川14日電）' } };
  const mentions = entityMentions(a, ctx);
  const people = mentions.filter((m) => m.kind === 'person').map((m) => m.text);
  for (const n of ['林海舟', '周明遠', '何靜文']) assert.ok(people.includes(n), `${n}: ${JSON.stringify(mentions)}`);
  assert.ok(!mentions.some((m) => m.text === '東方社'), JSON.stringify(mentions));
  // no piece of a listed name stands as a name of its own
  for (const m of mentions) assert.ok(!['林海', '周明', '何靜', '海舟', '明遠', '靜文'].includes(m.text), JSON.stringify(m));
});

test('entity mentions: the person a title names, where the tagger cut the name or did not know it', () => {
  // 周/崑陽: a surname and a given name the tagger takes for a place; 何靜陽: a word it does not know
  const a = fictionalArticle('a', 'wire-dongfang-example', ['晴川大學代表團發言人周崑陽，以及區議員何靜陽今天表示，校方會跟進。發言人表示歡迎。']);
  const people = entityMentions(a, ctx).filter((m) => m.kind === 'person').map((m) => m.text);
  assert.ok(people.includes('周崑陽') && people.includes('何靜陽'), JSON.stringify(people));
  assert.ok(!entityMentions(a, ctx).some((m) => m.text === '崑陽'), 'no piece of the name stands as a place');
  assert.ok(!people.some((p) => /表示|歡迎/.test(p)));
  // a verb of saying glued to a surname after a title is no name (校長黃說)
  const said = entityMentions(fictionalArticle('b', 'wire-dongfang-example', ['晴川小學校長黃說學校會跟進。']), ctx);
  assert.ok(!said.some((m) => m.text === '黃說'), JSON.stringify(said));
});
