// What a wire dateline says of a text that names no outlet and no date.
import type { Article, Instant } from '../article.js';
import type { LineageEdge } from '../dedup/lineage.js';
import { outletEntry, resolveOutlet } from '../outlets/resolve.js';
import { OUTLETS } from '../outlets/table.js';

export const WIRE_OUTLETS: ReadonlySet<string> = new Set(OUTLETS.filter((o) => o.wire).map((o) => o.id));

/**
 * A text that names no outlet and no date (a word-segmented wire text, say) but whose text
 * another article carries under a wire dateline (新华社北京12月15日电) is that agency's, of
 * that day: the year is the carrying article's.
 */
export function wireAttribution(a: Article, edges: readonly LineageEdge[], byId: ReadonlyMap<string, Article>): { outlet: Article['outlet']; published: Instant | null } | null {
  if (outletEntry(a.outlet.id)) return null;
  for (const e of edges) {
    const other = byId.get(e.from === a.id ? e.to : e.to === a.id ? e.from : '');
    const wire = other?.wire;
    if (!other || !wire) continue;
    const agency = outletEntry(wire.agency);
    if (!agency?.wire) continue;
    const outlet = resolveOutlet({ id: agency.id });
    let published = a.published;
    const md = /^(\d{2})-(\d{2})$/.exec(wire.day);
    if (!published && md && other.published) {
      const year = Number(other.published.day.slice(0, 4)) - (other.published.day.slice(5, 7) < md[1]! ? 1 : 0);
      const day = `${year}-${md[1]}-${md[2]}`;
      published = { at: new Date(Date.parse(`${day}T00:00:00+08:00`)).toISOString(), precision: 'day', day, original: wire.text };
    }
    return { outlet, published };
  }
  return null;
}
