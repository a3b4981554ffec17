// Acceptance of the import issue on the real files in ../shared.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Article } from '../src/article.js';
import type { ImportReport } from '../src/import/pipeline.js';
import { cliJson } from './cli.js';
import { needsShared, sharedPath } from './shared.js';

const BOILERPLATE = ['海量资讯、精准解读', '责任编辑', '請加入成為眾新聞的月費訂戶', 'dfp-ad', 'cx_paywall', '{', '}', '<iframe', 'iframe', '<style', 'appendQr'];

test('the five seeds import as five articles with outlet, title, time, URL and script', needsShared('seeds'), () => {
  const db = join(mkdtempSync(join(tmpdir(), 'px-')), 'seeds.db');
  const seeds = sharedPath('seeds')!;
  const first = cliJson<ImportReport>(['--db', db, 'import', seeds]);
  assert.equal(first.status, 0, first.stderr);
  assert.deepEqual(first.json.rejected, []);
  assert.equal(first.json.articles.added, 5);

  const list = cliJson<Article[]>(['--db', db, 'list', '--all']).json;
  assert.equal(list.length, 5);
  const full = (id: string): Article => cliJson<Article>(['--db', db, 'show', id]).json;
  const byFile = new Map(list.map((a) => [a.source.path!.split('/').pop()!.slice(0, 3), full(a.id)]));

  const hk = byFile.get('000')!;
  assert.equal(hk.outlet.id, 'hkcnews');
  assert.equal(hk.title, '中俄元首會晤 齊聲反對離間兩國關係 習近平︰引導國際社會正確民主觀');
  assert.equal(hk.published!.day, '2021-12-16');
  assert.equal(hk.published!.precision, 'day');
  assert.match(hk.url!, /^https:\/\/hkcnews\.com\/article\/49162\//);
  assert.match(hk.archiveUrl!, /^https:\/\/web\.archive\.org\//);
  assert.equal(hk.script, 'hant');

  const sina = byFile.get('001')!;
  assert.equal(sina.outlet.id, 'sina');
  assert.equal(sina.title, '中俄元首年内再度视频会晤 传递这些重要信息');
  assert.equal(sina.published!.at, '2021-12-16T06:21:53.000Z');
  assert.equal(sina.script, 'hans');
  assert.ok(sina.paragraphs.includes('丁薛祥、王毅、何立峰等参加上述活动。'));
  assert.match(sina.paragraphs.at(-1)!, /^在两国元首战略引领下/);
  assert.deepEqual(sina.credits.editor.slice(0, 1), ['刘万里']);
  for (const role of ['出品人', '策划', '监制']) assert.ok(sina.credits.roles[role]?.length, role);
  assert.ok(!sina.paragraphs.some((p) => /^(出品人|策划|监制|统筹|记者|摄影|编辑)：/.test(p)));
  assert.deepEqual(sina.wire && { agency: sina.wire.agency, place: sina.wire.place, day: sina.wire.day, reporters: sina.wire.reporters },
    { agency: '新华社', place: '北京', day: '12-15', reporters: ['杨依军'] });

  const zaobao = byFile.get('002')!;
  assert.equal(zaobao.outlet.id, 'zaobao');
  assert.equal(zaobao.title, '习普视频会晤讨论中俄如何展开更紧密合作');
  assert.equal(zaobao.published!.at, '2021-12-16T08:42:17.971Z');
  assert.equal(zaobao.url, 'https://www.zaobao.com/realtime/china/story20211216-1223667');
  assert.equal(zaobao.script, 'hans');

  const zaker = byFile.get('003')!;
  assert.equal(zaker.outlet.id, 'zaker');
  assert.equal(zaker.script, 'hans');
  assert.ok(zaker.figures.length > 0);
  for (const f of zaker.figures) assert.ok(!f.src.includes('cors.zfour.workers.dev'), f.src);
  assert.ok(zaker.media.length >= 2);

  const seg = byFile.get('004')!;
  assert.equal(seg.script, 'hans');
  assert.equal(seg.paragraphs[0], '国家主席习近平12月15日下午在北京同俄罗斯总统普京举行视频会晤。');
  assert.ok(seg.givenTokens && seg.givenTokens.length === seg.paragraphs.length);

  for (const a of byFile.values()) {
    const text = a.paragraphs.join('\n');
    for (const bad of BOILERPLATE) assert.ok(!text.includes(bad), `${a.outlet.id}: «${bad}» survived`);
  }

  const again = cliJson<ImportReport>(['--db', db, 'import', seeds]).json;
  assert.deepEqual(again.articles, { added: 0, updated: 0, unchanged: 5 });
});
