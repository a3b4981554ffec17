import assert from 'node:assert/strict';
import { test } from 'node:test';
import { html, neutraliseBidi, trusted } from './html.js';

test('bidi controls: embeddings, overrides and isolates are dropped from titles and snippets; LRM/RLM and text kept', () => {
  const all = '\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069';
  assert.equal(neutraliseBidi(`晴川${all}大桥`), '晴川大桥');
  assert.equal(neutraliseBidi('abc\u200Edef\u200F'), 'abc\u200Edef\u200F');
  // every interpolated value and every snippet made elsewhere goes through it
  assert.equal(html`<h1>${'gpj.\u202Eexe'}</h1>`.value, '<h1>gpj.exe</h1>');
  assert.equal(trusted('<mark>港</mark>\u2067口').value, '<mark>港</mark>口');
});
