// Resolve what a file says about its outlet (an author field, a category, a domain)
// against the outlet table. An unknown outlet is created from what the file says.
import { createHash } from 'node:crypto';
import type { OutletRef, Region } from '../article.js';
import { OUTLETS, type OutletEntry, type OutletRules } from './table.js';

const byKey = new Map<string, OutletEntry>();
const byDomain = new Map<string, OutletEntry>();
for (const o of OUTLETS) {
  for (const k of [o.id, o.names.hans, o.names.hant, o.names.en, ...o.aliases]) byKey.set(k.toLowerCase(), o);
  for (const d of o.domains) byDomain.set(d.toLowerCase(), o);
}

export function outletEntry(id: string): OutletEntry | undefined {
  return byKey.get(id.toLowerCase());
}

export function outletRules(id: string): OutletRules {
  return outletEntry(id)?.rules ?? {};
}

export function outletByDomain(host: string): OutletEntry | undefined {
  let h = host.toLowerCase();
  for (;;) {
    const hit = byDomain.get(h);
    if (hit) return hit;
    const dot = h.indexOf('.');
    if (dot < 0 || h.indexOf('.', dot + 1) < 0) return undefined;
    h = h.slice(dot + 1);
  }
}

function toRef(o: OutletEntry): OutletRef {
  const name = o.region === 'HK' || o.region === 'TW' || o.region === 'MO' ? o.names.hant : o.names.hans;
  return { id: o.id, name, names: { ...o.names }, region: o.region };
}

export interface OutletHint { id?: string; name?: string; domain?: string }

/** The outlet an article belongs to. Unknown outlets get a stable id derived from their name. */
export function resolveOutlet(given: OutletHint): OutletRef {
  // an empty domain (a URL without a host) is no domain
  const hint = { ...given, domain: given.domain?.trim() || undefined };
  for (const k of [hint.id, hint.name]) {
    const hit = k ? byKey.get(k.trim().toLowerCase()) : undefined;
    if (hit) return toRef(hit);
  }
  if (hint.domain) {
    const hit = outletByDomain(hint.domain);
    if (hit) return toRef(hit);
  }
  const name = (hint.name ?? hint.domain ?? hint.id ?? '').trim() || 'unknown';
  // an unknown outlet is known by its domain when the file gives one (the same outlet
  // seen in a feed and in a mirror is then one outlet), else by its name
  const basis = (hint.domain ?? name).toLowerCase().replace(/^www\./, '');
  const slug = basis.replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  const id = slug && /^[a-z0-9 .-]+$/.test(basis) ? slug : 'o-' + createHash('sha1').update(basis).digest('hex').slice(0, 8);
  return { id, name, names: { hans: name, hant: name, en: name }, region: 'INTL' };
}

const OFFSETS: Partial<Record<Region, number>> = { HK: 480, CN: 480, TW: 480, SG: 480, MO: 480, JP: 540 };

/**
 * Minutes east of UTC assumed for a zone-less time written by this outlet. An outlet
 * the table does not know is most likely one of the many Chinese-language outlets of
 * the UTC+8 regions, so it gets UTC+8; known outlets elsewhere write their own zone.
 */
export function outletOffsetMinutes(outlet: OutletRef): number {
  if (!outletEntry(outlet.id)) return 480;
  return OFFSETS[outlet.region] ?? 0;
}
