// When each outlet told an event: one row per outlet, each article at its local time in
// the outlet's own zone.
import type { Article } from '../article.js';
import { outletOffsetMinutes } from '../outlets/resolve.js';

export interface TimelineEntry { article: string; title: string; at: string | null; local: string | null; precision: 'day' | 'minute' | 'second' | null }
export interface TimelineRow { outlet: string; zone: string; first: string | null; articles: TimelineEntry[] }

const pad = (n: number): string => String(n).padStart(2, '0');

/** An instant in an outlet's own time: the wall clock its readers saw, and the zone. */
export function localTime(at: string, offsetMinutes: number): string {
  const d = new Date(Date.parse(at) + offsetMinutes * 60_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

export function zoneName(offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'UTC';
  const h = Math.floor(Math.abs(offsetMinutes) / 60), m = Math.abs(offsetMinutes) % 60;
  return `UTC${offsetMinutes < 0 ? '−' : '+'}${h}${m ? ':' + pad(m) : ''}`;
}

/** One row per outlet, in order of its first article, each article at its local time. */
export function timeline(articles: readonly Article[]): TimelineRow[] {
  const rows = new Map<string, TimelineRow>();
  for (const a of articles) {
    const offset = outletOffsetMinutes(a.outlet);
    let row = rows.get(a.outlet.id);
    if (!row) rows.set(a.outlet.id, (row = { outlet: a.outlet.id, zone: zoneName(offset), first: null, articles: [] }));
    // a day-precise date is that day, with no time of day to show
    const local = a.published ? (a.published.precision === 'day' ? a.published.day : localTime(a.published.at, offset)) : null;
    row.articles.push({ article: a.id, title: a.title, at: a.published?.at ?? null, local, precision: a.published?.precision ?? null });
  }
  for (const r of rows.values()) {
    r.articles.sort((x, y) => (x.at ?? '9').localeCompare(y.at ?? '9'));
    r.first = r.articles[0]?.at ?? null;
  }
  return [...rows.values()].sort((x, y) => (x.first ?? '9').localeCompare(y.first ?? '9') || x.outlet.localeCompare(y.outlet));
}
