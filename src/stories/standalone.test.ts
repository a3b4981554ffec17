import assert from 'node:assert/strict';
import { test } from 'node:test';
import { STANDALONE_FORMS, standaloneKind } from './standalone.js';

test('every form knows its own example, and ordinary reports are no standalone piece', () => {
  for (const f of STANDALONE_FORMS) assert.equal(standaloneKind({ title: f.example }), f.kind, f.example);
  // fictional titles of the same outlets' forms
  assert.equal(standaloneKind({ title: '晴川市长选举开票【持续更新】' }), 'live');
  assert.equal(standaloneKind({ title: '追蹤望潮島市長（3日）' }), 'schedule');
  assert.equal(standaloneKind({ title: '晴川港罢工全球最新情報 3/14' }), 'roundup');
  // fictional titles of forms that are ordinary reports
  for (const title of [
    '晴川港股失守兩萬點 量能創新低【更新】', // an updated report, not a live page
    '望潮島流星雨直播看這裡 每小時上看百顆', // a report about a broadcast
    '快讯：晴川港仓库火灾已确认3人死亡', // a flash is the news itself
    '晴川渔民代表已失联一周',
    '早安，晴川：港口罢工进入第三天',
  ]) assert.equal(standaloneKind({ title }), null, title);
});
