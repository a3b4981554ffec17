// Diffs of Chinese versions: a change of script, width or quote marks is no change; a
// sentence moved, added, removed or edited (words marked) is called what it is; a
// heading repeated in the body is one title change; removal notices and redirects.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Segmenter } from '../text/segment.js';
import { isHomeOrSection, removalNotice, textHash } from './compare.js';
import { diffVersions } from './diff.js';

const seg = new Segmenter();
const A = '行政长官今天出席活动。她表示政府会全力支持。各界人士踊跃参与。';

test('script, width and quote marks are not changes', () => {
  const hant = { title: '長官出席活動', paragraphs: ['行政長官今天出席活動。她表示「政府會全力支持」。'] };
  const hans = { title: '长官出席活动', paragraphs: ['行政长官今天出席活动。她表示“政府会全力支持”。'] };
  assert.deepEqual(diffVersions(hant, hans, seg), []);
  assert.equal(textHash(hant.title, hant.paragraphs), textHash(hans.title, hans.paragraphs));
  assert.equal(textHash('标题', ['２０２６年１２月３日 10:15 更新', A]), textHash('标题', ['2026年12月4日 08:00 更新', A]), 'a line that is only a date is not text');
});

test('moved, added, removed, edited and the title', () => {
  const a = { title: '旧标题', paragraphs: [A, '警方到场维持秩序。', '记者在现场采访。'] };
  const b = { title: '新标题', paragraphs: ['警方到场维持秩序。', '行政长官今天出席活动。她表示政府会尽力支持。各界人士踊跃参与。', '活动将于下周继续。'] };
  const changes = diffVersions(a, b, seg);
  const types = changes.map((c) => c.type).sort();
  assert.deepEqual(types, ['added', 'edited', 'moved', 'removed', 'title'].sort());
  const edited = changes.find((c) => c.type === 'edited')!;
  assert.ok(edited.type === 'edited');
  assert.deepEqual(edited.words.filter((w) => w.op !== 'same').map((w) => `${w.op}:${w.text}`), ['removed:全力', 'added:尽力']);
  assert.equal(changes.find((c) => c.type === 'removed')!.type === 'removed' && (changes.find((c) => c.type === 'removed') as { text: string }).text, '记者在现场采访。');
  assert.equal((changes.find((c) => c.type === 'added') as { text: string }).text, '活动将于下周继续。');
});

test('removal notices in either script; redirects to home or section pages', () => {
  assert.equal(removalNotice('抱歉，此內容已被刪除。'), '此内容已被删除');
  assert.equal(removalNotice('根據相關法律法規和政策，該內容無法顯示'), '根据相关法律法规');
  assert.equal(removalNotice('法院今天裁定，该内容属实。'), undefined);
  assert.equal(isHomeOrSection('https://n.example/news/2026/12/03/abc.html', 'https://n.example/'), true);
  assert.equal(isHomeOrSection('https://n.example/news/2026/12/03/abc.html', 'https://n.example/news/'), true);
  assert.equal(isHomeOrSection('https://n.example/a/123.html', 'https://www.n.example/a/123.html'), false, 'the same path on another host name');
  assert.equal(isHomeOrSection('http://n.example/a/123.html', 'https://n.example/a/123.html'), false);
  assert.equal(isHomeOrSection('https://n.example/a/123.html', 'https://n.example/a/123-new-slug.html'), false);
});
