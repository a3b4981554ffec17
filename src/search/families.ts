// One hit per family: copies and reprints of one text that lineage links (duplicate-of,
// reprint-of; not 'contains', where a text adds its own to a wire's) are shown as one hit,
// the best ranked, with its copies listed under it.
import type { Article } from '../article.js';
import type { LineageKind } from '../dedup/lineage.js';
import type { Store } from '../store/store.js';

const COPY_KINDS: ReadonlySet<LineageKind> = new Set(['duplicate-of', 'reprint-of']);
/** a family is explored this far (articles): a hit's page never pays for a whole wire's spread */
const MAX_FAMILY = 50;

/** every article of the families of `ids` (what a later page must not show again) */
export async function familiesOf(store: Store, ids: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const id of ids) if (!out.has(id)) for (const m of await copyFamily(store, id)) out.add(m);
  return out;
}

/** the articles linked to `id` as copies, itself included */
export async function copyFamily(store: Store, id: string): Promise<string[]> {
  const seen = new Set([id]);
  const queue = [id];
  while (queue.length && seen.size < MAX_FAMILY) {
    for (const e of await store.lineageOf(queue.shift()!)) {
      if (!COPY_KINDS.has(e.kind)) continue;
      for (const other of [e.from, e.to]) if (!seen.has(other) && seen.size < MAX_FAMILY) { seen.add(other); queue.push(other); }
    }
  }
  return [...seen];
}

export interface Families {
  /** the hits kept (index into the ranked list) with the copies of each */
  keep: Array<{ index: number; copies: Array<{ id: string; outlet: string; title: string }> }>;
  /** how many ranked hits the kept ones used up (where the next page starts) */
  consumed: number;
}

/** Walk ranked articles, keeping the first of each family, until `limit` are kept; `shown`: articles of families earlier pages showed. */
export async function collapseFamilies(store: Store, ranked: readonly Article[], limit: number, shown: ReadonlySet<string> = new Set()): Promise<Families> {
  const familyOf = new Map<string, number>();
  for (const id of shown) familyOf.set(id, -1);
  const keep: Families['keep'] = [];
  const members: string[][] = [];
  let consumed = 0;
  for (let i = 0; i < ranked.length; i++) {
    const a = ranked[i]!;
    if (familyOf.has(a.id)) { consumed = i + 1; continue; }
    if (keep.length >= limit) break;
    const family = await copyFamily(store, a.id);
    for (const id of family) familyOf.set(id, keep.length);
    members.push(family.filter((id) => id !== a.id));
    keep.push({ index: i, copies: [] });
    consumed = i + 1;
  }
  const others = [...new Set(members.flat())];
  const byId = new Map((others.length ? await store.articlesByIds(others) : []).map((a) => [a.id, a]));
  keep.forEach((k, n) => {
    k.copies = members[n]!.flatMap((id) => {
      const a = byId.get(id);
      return a ? [{ id, outlet: a.outlet.name, title: a.title }] : [];
    });
  });
  return { keep, consumed };
}
