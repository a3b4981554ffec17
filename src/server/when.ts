// How a publication time is shown on every page: the outlet's own wall clock with its zone,
// to the precision the source gave (a day-precision date shows only the day). The local
// time and zone name are the event timeline's (stories/compare.ts), so pages and timeline agree.
import type { Instant, OutletRef } from '../article.js';
import { outletOffsetMinutes } from '../outlets/resolve.js';
import { localTime, zoneName } from '../stories/compare.js';

/** `2031-10-14 11:10 UTC+8`, `2021-12-16 UTC+8` (day precision), `—` when unknown */
export function shownTime(instant: Instant | null | undefined, outlet: OutletRef): string {
  if (!instant) return '—';
  const offset = outletOffsetMinutes(outlet);
  const zone = zoneName(offset);
  if (instant.precision === 'day') return `${instant.day} ${zone}`;
  const local = localTime(instant.at, offset);
  if (instant.precision === 'minute') return `${local} ${zone}`;
  const seconds = new Date(Date.parse(instant.at)).getUTCSeconds();
  return `${local}:${String(seconds).padStart(2, '0')} ${zone}`;
}

/** A UTC instant of an event that spans outlets: local when all its outlets share one zone. */
export function shownInstant(at: string | null, outlets: OutletRef[]): string {
  if (!at) return '—';
  const offsets = new Set(outlets.map(outletOffsetMinutes));
  const offset = offsets.size === 1 ? [...offsets][0]! : 0;
  return `${localTime(at, offset)} ${zoneName(offset)}`;
}
