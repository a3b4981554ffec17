import assert from 'node:assert/strict';
import { test } from 'node:test';
import { STANDALONE_FORMS, standaloneKind } from './standalone.js';

test('every form knows its own example, and ordinary reports are no standalone piece', () => {
  for (const f of STANDALONE_FORMS) assert.equal(standaloneKind({ title: f.example }), f.kind, f.example);
  // fictional titles of the same outlets' forms
  assert.equal(standaloneKind({ title: '晴川市长选举开票【持续更新】' }), 'live');
  assert.equal(standaloneKind({ title: '追蹤望潮島市長（3日）' }), 'schedule');
  assert.equal(standaloneKind({ title: '晴川港罢工全球最新情報 3/14' }), 'roundup');
  for (const title of ['日股开市后变动不大', '在岸人民幣升73點子 收報6.3631兌1美元', '美股三大股指齐收低 关注晴川港罢工', '国际油市：油价下滑，因担心晴川港罢工',
    '人民幣兌美元中間價微升', '受美股收涨提振日经指数反弹0.71%', '内地股市受压 沪股低收0.53%', '晴川港股失守兩萬點 量能創新低【更新】']) {
    assert.equal(standaloneKind({ title }), 'market', title);
  }
  // fictional titles of forms that are ordinary reports
  for (const title of [
    '晴川港罷工談判破裂 工會擴大行動【更新】', // an updated report, not a live page
    '望潮島流星雨直播看這裡 每小時上看百顆', // a report about a broadcast
    '快讯：晴川港仓库火灾已确认3人死亡', // a flash is the news itself
    '晴川渔民代表已失联一周',
    '早安，晴川：港口罢工进入第三天',
    // about markets, not a market's move: a forecast, an analysis, a company's shares, a deal in dollars
    '晴川證券明年恒指目標28500點水平',
    '台股有機會衝破2萬點 晴川投顧：最後一把跑快點',
    '分析指晴川港務股成罷工高危板塊',
    '晴川港务拟斥资近14亿元人民币回购股份',
    '晴川与望潮岛签署7.17亿美元港口协议',
    '晴川渔民赔偿3.8亿美元和解',
    '歐元區11月通脹率升至4.9%創新高', // the euro area, not the euro
    '人民币国际化升温 晴川港试点跨境结算', // a currency's standing rising, not its rate
  ]) assert.equal(standaloneKind({ title }), null, title);
});
