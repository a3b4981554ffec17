import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pickLang } from './i18n.js';

test('Accept-Language: the first language we have, by q and then order (fr, zh-TW picks 繁)', () => {
  assert.equal(pickLang(undefined, 'fr, zh-TW'), 'hant');
  assert.equal(pickLang(undefined, 'fr-CA,fr;q=0.9,zh-Hant-HK;q=0.8'), 'hant');
  assert.equal(pickLang(undefined, 'de;q=0.9, en;q=0.5, zh;q=0.7'), 'hans');
  assert.equal(pickLang(undefined, 'en-GB, zh-TW'), 'en');
  assert.equal(pickLang(undefined, 'zh-TW;q=0, fr'), 'hans');
  assert.equal(pickLang(undefined, ''), 'hans');
  assert.equal(pickLang('en', 'zh-TW'), 'en');
});
