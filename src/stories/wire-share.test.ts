// Wire share on fictional reports: copy is counted only where it could have been copied.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Article, Instant } from '../article.js';
import { AliasTable } from '../text/aliases.js';
import { Segmenter } from '../text/segment.js';
import { claimUnit } from './claims.js';
import { fictionalArticle } from './fictional-article.js';
import { publishedNotBefore, wireShare } from './wire-share.js';

const ctx = { segmenter: new Segmenter(), aliases: new AliasTable() };
const at = (iso: string, precision: Instant['precision'] = 'second'): Instant => ({ at: iso, precision, day: iso.slice(0, 10), original: iso });
const dated = (a: Article, when: Instant, wire: Article['wire'] = null): Article => ({ ...a, published: when, wire });

// one fictional happening: a ferry pier reopens in 晴川
const PIER = '晴川市交通局今天宣布，北岸渡轮码头将于下周一重新开放，每日班次增至四十班。';
const REPAIR = '码头去年因台风受损，维修工程耗资三千万元，比原定预算多出五百万元。';
const OWN = '不少居民表示期待渡轮恢复，认为可以省下不少通勤时间。';

function units(articles: readonly Article[]) {
  return articles.flatMap((a) => a.paragraphs.map((p, n) => claimUnit(a.id, a.outlet.id, n, p, ctx)));
}

test('publishedNotBefore: by the instant, by the day where either is known only to the day, and yes where either is undated', () => {
  assert.equal(publishedNotBefore(at('2031-10-14T03:00:00Z'), at('2031-10-14T02:00:00Z')), true);
  assert.equal(publishedNotBefore(at('2031-10-14T02:00:00Z'), at('2031-10-14T02:00:00Z')), true);
  assert.equal(publishedNotBefore(at('2031-10-14T01:59:59Z'), at('2031-10-14T02:00:00Z')), false);
  // a day-precise wire (midnight) and a carrier at any hour of that day
  assert.equal(publishedNotBefore(at('2031-10-14T01:00:00Z'), at('2031-10-14T09:00:00Z', 'day')), true);
  assert.equal(publishedNotBefore(at('2031-10-13T23:00:00Z', 'day'), at('2031-10-14T09:00:00Z')), false);
  assert.equal(publishedNotBefore(null, at('2031-10-14T09:00:00Z')), true);
  assert.equal(publishedNotBefore(at('2031-10-14T09:00:00Z'), null), true);
});

test('an outlet that published before the wire piece carries none of it, and left none of it out', () => {
  // the local paper reports first; the agency's later piece quotes the paper's sentences
  const paper = dated(fictionalArticle('paper', 'qingchuan-daily-example', [PIER, REPAIR, OWN]), at('2031-10-14T02:00:00Z'));
  const agency = dated(fictionalArticle('agency', 'wire-dongfang-example', [PIER, REPAIR, '据晴川日报报道，当局将在码头加派人手维持秩序。']), at('2031-10-14T05:00:00Z'));
  const rows = new Map(wireShare([paper, agency], units([paper, agency]), { wireOutlets: new Set(['wire-dongfang-example']) }).map((r) => [r.outlet, r]));
  const own = rows.get('qingchuan-daily-example')!;
  assert.equal(own.fromWire, 0);
  assert.equal(own.share, 0);
  assert.equal(own.agency, null);
  assert.equal(own.leftOut, 0);
  assert.equal(rows.get('wire-dongfang-example')!.share, 1);
});

test('an outlet that published after the wire piece carries its sentences and names the agency; what it did not carry is left out', () => {
  const agency = dated(fictionalArticle('agency', 'wire-dongfang-example', [PIER, REPAIR, '据晴川日报报道，当局将在码头加派人手维持秩序。']), at('2031-10-14T02:00:00Z'));
  const paper = dated(fictionalArticle('paper', 'qingchuan-daily-example', [PIER, REPAIR, OWN]), at('2031-10-14T05:00:00Z'));
  const rows = new Map(wireShare([agency, paper], units([agency, paper]), { wireOutlets: new Set(['wire-dongfang-example']) }).map((r) => [r.outlet, r]));
  const carrier = rows.get('qingchuan-daily-example')!;
  assert.equal(carrier.fromWire, 2);
  assert.equal(carrier.sentences, 3);
  assert.equal(carrier.agency, 'wire-dongfang-example');
  assert.equal(carrier.leftOut, 1);
});
