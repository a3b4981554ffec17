import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDate } from '../extract/dates.js';
import { resolveOutlet } from '../outlets/resolve.js';
import { shownInstant, shownTime } from './when.js';

const unknownOutlet = resolveOutlet({ name: '某报' });

test('dates: shown in the outlet\'s local time with its zone, to the precision the source gave', () => {
  // the examples: a day-precision date was shown as 2021-12-15T16:00:00.000Z
  assert.equal(shownTime(parseDate('2021-12-16', 480), unknownOutlet), '2021-12-16 UTC+8');
  assert.equal(shownTime(parseDate('Tue, 14 Oct 2031 03:10:00 GMT', 480), unknownOutlet), '2031-10-14 11:10:00 UTC+8');
  assert.equal(shownTime(parseDate('2031-10-14 11:10', 480), unknownOutlet), '2031-10-14 11:10 UTC+8');
  assert.equal(shownTime(null, unknownOutlet), '—');
  // events: local when all outlets share a zone, UTC otherwise
  assert.equal(shownInstant('2031-10-14T03:10:00.000Z', [unknownOutlet]), '2031-10-14 11:10 UTC+8');
  assert.equal(shownInstant('2031-10-14T03:10:00.000Z', []), '2031-10-14 03:10 UTC');
});
