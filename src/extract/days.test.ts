// The one reading of since/until days (issue 19: it was written four times, two ways).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dayInSpan, untilExclusive } from './dates.js';

test('until is the last day, included: stores get the day after it, across months and leap days', () => {
  assert.equal(untilExclusive('2031-10-15'), '2031-10-16');
  assert.equal(untilExclusive('2024-02-28'), '2024-02-29');
  assert.equal(untilExclusive('2031-12-31'), '2032-01-01');
  assert.equal(untilExclusive(undefined), undefined);
  assert.ok(dayInSpan('2031-10-15', '2031-10-15', untilExclusive('2031-10-15')));
  assert.ok(!dayInSpan('2031-10-16', '2031-10-15', untilExclusive('2031-10-15')));
  assert.ok(!dayInSpan('2031-10-14', '2031-10-15', undefined));
  // an undated article is in no bounded span, and in the unbounded one
  assert.ok(!dayInSpan(undefined, undefined, '2031-10-16'));
  assert.ok(dayInSpan(undefined, undefined, undefined));
});
