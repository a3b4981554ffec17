// YAML alias bombs and XML entity bombs are not expanded: each file is read or rejected in
// bounded time (an expanded bomb takes minutes and gigabytes; a loaded machine a few hundred
// ms more than a quiet one), and nothing it yields is larger than the file.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readDocument, RejectError } from './index.js';

/** an expanded bomb takes minutes; a loaded machine, a few hundred ms more than a quiet one */
const RUNAWAY_MS = 5000;

const timed = <T>(f: () => T): { value?: T; error?: Error; ms: number } => {
  const t = performance.now();
  try { return { value: f(), ms: performance.now() - t }; } catch (e) { return { error: e as Error, ms: performance.now() - t }; }
};

test('a YAML alias bomb in front matter is not expanded', () => {
  const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
  const file = `---\n${levels.join('\n')}\ntitle: 晴川公告\ntags: *j\ncategories: *j\nauthor: *j\n---\n\n晴川市政府今天发布公告，内容涉及道路维修和公共交通的安排。\n`;
  const r = timed(() => readDocument(Buffer.from(file), 'bomb.md'));
  assert.ok(r.ms < RUNAWAY_MS, `${r.ms} ms`);
  if (r.error) assert.ok(r.error instanceof RejectError, r.error.message);
  else assert.ok(JSON.stringify(r.value!.drafts).length < file.length * 4, 'expanded');
});

test('an XML entity bomb in a feed is not expanded', () => {
  const ents = ['<!ENTITY lol0 "lol">'];
  for (let i = 1; i < 10; i++) ents.push(`<!ENTITY lol${i} "${Array(10).fill(`&lol${i - 1};`).join('')}">`);
  const file = `<?xml version="1.0"?>\n<!DOCTYPE rss [\n${ents.join('\n')}\n]>\n<rss version="2.0"><channel><title>&lol9;</title><item><title>晴川公告&lol9;</title><link>https://qingchuan-daily.example/a/1</link><description>晴川市政府今天发布公告，内容涉及道路维修和公共交通的安排。&lol9;</description></item></channel></rss>\n`;
  const r = timed(() => readDocument(Buffer.from(file), 'bomb.rss'));
  assert.ok(r.ms < RUNAWAY_MS, `${r.ms} ms`);
  if (r.error) assert.ok(r.error instanceof RejectError, r.error.message);
  else assert.ok(JSON.stringify(r.value!.drafts).length < file.length * 4, 'expanded');
});
