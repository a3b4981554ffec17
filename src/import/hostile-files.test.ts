// Each hostile file alone, as one import worker reads it (parseFile): read or rejected with
// its reason in ≤ 2 s (issue 20's bound for one file under the size limit). HTML nested just
// under the depth cap is still read — the cap refuses, it does not make the reading fast; a
// million-character title is cut; repeated entities and a long line of one character are
// plain work. Fictional content.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Segmenter } from '../text/segment.js';
import { parseFile } from './parse.js';

const ctx = { segmenter: new Segmenter() };
const BOUND_MS = 2000;

const cases: Array<[string, string, 'ok' | 'rejected', RegExp?]> = [
  ['deep-under-cap.html', `<html><head><title>深层公告</title></head><body>${'<div>'.repeat(39_990)}<p>晴川市今天发布公告，内容涉及道路维修的安排。</p>${'</div>'.repeat(39_990)}</body></html>`, 'ok'],
  ['deep-over-cap.html', `<html><body>${'<div>'.repeat(100_000)}晴川市今天发布公告。${'</div>'.repeat(100_000)}</body></html>`, 'rejected', /nested deeper than 40000/],
  ['unclosed.html', `<html><body>${'<span><b><i>'.repeat(30_000)}晴川市今天发布公告。</body></html>`, 'rejected', /nested deeper/],
  ['title.md', `---\ntitle: ${'长'.repeat(1_000_000)}\ndate: 2031-10-01\n---\n\n晴川市今天发布公告，内容是关于道路维修的安排。\n`, 'ok'],
  ['entities.html', `<html><head><title>实体</title></head><body><p>${'&amp;&#x6674;&lt;'.repeat(200_000)}</p></body></html>`, 'ok'],
  ['one-line.md', `---\ntitle: 长行\ndate: 2031-10-01\n---\n\n${'晴'.repeat(3_000_000)}\n`, 'ok'],
];

for (const [name, text, want, reason] of cases) {
  test(`${name}: ${want} in ≤ ${BOUND_MS / 1000} s`, () => {
    const t = performance.now();
    const item = parseFile({ location: { kind: 'file', path: `/hostile/${name}` }, bytes: Buffer.from(text), pathHint: name }, ctx);
    const ms = performance.now() - t;
    assert.equal(item.status, want, `${name}: ${item.status} ${item.reason ?? ''}`);
    if (reason) assert.match(item.reason ?? '', reason);
    if (want === 'ok') assert.ok(item.articles.length >= 1 && item.articles.every((a) => a.title.length <= 501), `${name}: ${item.articles.map((a) => a.title.length).join(',')}`);
    assert.ok(ms < BOUND_MS, `${name} took ${ms.toFixed(0)} ms`);
  });
}
