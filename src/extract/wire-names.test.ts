// The wire agencies of datelines come from the outlet table (issue 19: credits.ts kept its own list).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OUTLETS } from '../outlets/table.js';
import { wireDateline } from './credits.js';

test('every Chinese name of a wire agency in the outlet table opens a dateline; other …社 and 法广 too', () => {
  const names = OUTLETS.filter((o) => o.wire || o.datelines).flatMap((o) => [o.names.hans, o.names.hant, ...o.aliases]).filter((n) => /^\p{Script=Han}+$/u.test(n));
  assert.ok(names.includes('新华社') && names.includes('中央社') && names.includes('路透') && names.includes('法广'));
  for (const name of [...names, '德新社', '塔斯社']) {
    const w = wireDateline([`${name}北京12月15日电 国家主席今天在北京会见来访的代表团。`]);
    assert.ok(w, name);
    assert.equal(w.agency, name);
    assert.equal(w.place, '北京');
    assert.equal(w.day, '12-15');
  }
  // the longest name wins: 路透社 is not 路透 + a place starting with 社
  assert.equal(wireDateline(['路透社伦敦12月13日电 英国首相今天宣布新的措施。'])!.place, '伦敦');
  // a name the table does not give and that is no …社 opens no dateline
  assert.equal(wireDateline(['晴川北京12月15日电 今天的消息。']), null);
});
