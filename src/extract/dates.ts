// Publication times as written in the wild, turned into a UTC instant with its precision.
// A zone-less time is local time of the outlet's region (UTC+8 for HK/CN/TW/SG).
import type { Instant, Precision } from '../article.js';

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

interface Parts {
  y: number; mo: number; d: number; h: number; mi: number; s: number; ms: number;
  precision: Precision;
  /** minutes east of UTC when the string names a zone */
  offset: number | null;
}

function zoneOffset(zone: string | undefined): number | null {
  if (!zone) return null;
  const z = zone.trim().toUpperCase();
  if (z === 'Z' || z === 'GMT' || z === 'UTC' || z === 'UT') return 0;
  if (z === 'HKT' || z === 'CST' || z === 'SGT') return 480;
  if (z === 'JST') return 540;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(z);
  if (!m) return null;
  const v = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -v : v;
}

const ISO_LIKE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}:?\d{2}|GMT|UTC|HKT|CST|SGT|JST)?$/i;
const RFC2822 = /^(?:[A-Za-z]{3},?\s+)?(\d{1,2})\s+([A-Za-z]{3})[a-z]*\s+(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(Z|[+-]\d{4}|GMT|UTC|UT|HKT|CST|JST)?$/;
const CJK_DATE = /^(\d{4})年(\d{1,2})月(\d{1,2})日\s*(?:(\d{1,2})[:：時时](\d{2})(?:[:：分](\d{2}))?)?/;

function parts(original: string): Parts | null {
  const s = original.trim();
  let m = ISO_LIKE.exec(s);
  if (m) {
    const frac = m[7] ? Number((m[7] + '00').slice(0, 3)) : 0;
    return {
      y: +m[1]!, mo: +m[2]!, d: +m[3]!, h: m[4] ? +m[4] : 0, mi: m[5] ? +m[5] : 0, s: m[6] ? +m[6] : 0, ms: frac,
      precision: m[6] ? 'second' : m[4] ? 'minute' : 'day', offset: zoneOffset(m[8]),
    };
  }
  m = RFC2822.exec(s);
  if (m) {
    const mo = MONTHS[m[2]!.toLowerCase()];
    if (!mo) return null;
    return {
      y: +m[3]!, mo, d: +m[1]!, h: +m[4]!, mi: +m[5]!, s: m[6] ? +m[6] : 0, ms: 0,
      precision: m[6] ? 'second' : 'minute', offset: zoneOffset(m[7]),
    };
  }
  m = CJK_DATE.exec(s);
  if (m) {
    return {
      y: +m[1]!, mo: +m[2]!, d: +m[3]!, h: m[4] ? +m[4] : 0, mi: m[5] ? +m[5] : 0, s: m[6] ? +m[6] : 0, ms: 0,
      precision: m[6] ? 'second' : m[4] ? 'minute' : 'day', offset: null,
    };
  }
  return null;
}

/** A real calendar day written YYYY-MM-DD (2021-02-30 is none: Date.parse would roll it into March). */
export function isCalendarDay(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const ms = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === s;
}

/** The calendar day `days` after (or before) a YYYY-MM-DD day. */
export function shiftDay(day: string, days: number): string {
  return isoDay(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000);
}

/**
 * The one reading of a span of days a user gives (CLI options, API parameters, since:/until:
 * in a query, export filters): `since` is the first day and `until` the last, both included,
 * both the outlet's local calendar day. Stores' list filters (`ListFilter`, `EventFilter`)
 * take the day after the last: this is the only place that adds that day.
 */
export function untilExclusive(lastDay: string | undefined): string | undefined {
  return lastDay ? shiftDay(lastDay, 1) : undefined;
}

/** Is a local calendar day inside a span whose end is exclusive (as stores take it)? An undated article is in no bounded span. */
export function dayInSpan(day: string | undefined, since: string | undefined, untilExcl: string | undefined): boolean {
  if (!since && !untilExcl) return true;
  if (!day) return false;
  return (!since || day >= since) && (!untilExcl || day < untilExcl);
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * Parse a date string. `localOffset` (minutes east of UTC) is the outlet's zone: it is
 * assumed when the string names none, and it decides the calendar `day`.
 */
export function parseDate(original: unknown, localOffset: number): Instant | null {
  if (original instanceof Date) original = original.toISOString();
  if (typeof original !== 'string' || !original.trim()) return null;
  const p = parts(original);
  if (!p) return null;
  if (p.mo < 1 || p.mo > 12 || p.d < 1 || p.d > 31 || p.h > 23 || p.mi > 59 || p.s > 60) return null;
  if (p.y < 1900 || p.y > 2200) return null;
  const offset = p.offset ?? localOffset;
  const utc = Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s, p.ms) - offset * 60_000;
  if (!Number.isFinite(utc)) return null;
  return {
    at: new Date(utc).toISOString(),
    precision: p.precision,
    day: isoDay(utc + localOffset * 60_000),
    original: original.trim(),
  };
}

/** An instant from epoch milliseconds (Jekyll mirrors' `<!--1639661040000-->`). */
export function instantFromEpochMs(ms: number, localOffset: number, original: string): Instant {
  return { at: new Date(ms).toISOString(), precision: 'second', day: isoDay(ms + localOffset * 60_000), original };
}
