// The claims table on fictional reports: each claim labelled by the sentence that states it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AliasTable } from '../text/aliases.js';
import { Segmenter } from '../text/segment.js';
import { claimsOf } from './claim-table.js';
import { claimUnit } from './claims.js';

const ctx = { segmenter: new Segmenter(), aliases: new AliasTable() };

test('a sentence stating two facts is in both claims, and labels neither where each has a plainer one', () => {
  const units = [
    // the harbour paper's opening sentence states the opening and the length
    claimUnit('harbour', 'news-harbour-example', 0, '晴川跨海大桥今天上午正式通车，大桥全长十二公里，历时五年建成。', ctx),
    claimUnit('wire', 'wire-dongfang-example', 0, '连接晴川市与望潮岛的跨海大桥今天上午正式通车。', ctx),
    claimUnit('daily', 'qingchuan-daily-example', 0, '这座大桥全长十二公里，历时五年建成，是本市最长的桥梁。', ctx),
  ];
  const { claims } = claimsOf(units, ['news-harbour-example', 'wire-dongfang-example', 'qingchuan-daily-example']);
  const shared = claims.filter((c) => c.outlets.length > 1);
  assert.equal(shared.length, 2, JSON.stringify(claims));
  for (const c of shared) assert.ok(c.members.some((m) => m.article === 'harbour'), JSON.stringify(c));
  // each labelled by its plainer sentence: the opening by the wire's, the length by the daily's
  const labels = shared.map((c) => c.members[0]!.article).sort();
  assert.deepEqual(labels, ['daily', 'wire']);
});
