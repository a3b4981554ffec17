// Search across regional vocabulary: for each concept, does a query in one form find the
// articles that write the concept only in another form (recall), do its hits carry the
// concept (precision), and how many distinct texts fill its first page (families).
import { computeLineage, lineageInput } from '../src/dedup/lineage.js';
import { copyFamily } from '../src/search/families.js';
import { parseQuery } from '../src/search/query.js';
import { readQuery, searchArchive, type TextContext } from '../src/search/search.js';
import type { SqliteStore } from '../src/store/sqlite/store.js';
import { matchExpression } from '../src/store/sqlite/search.js';
import { normalizeText } from '../src/text/normalize.js';
import type { VariantConcept } from './variant-concepts.js';

export interface ConceptScore {
  concept: VariantConcept;
  carriers: number;
  /** articles carrying the concept but not the form typed */
  onlyOther: number;
  foundOther: number;
  hits: number;
  hitsCarrying: number;
  /** distinct texts among the first 10 hits, one hit per family and every copy listed */
  top10Families: number;
  top10FamiliesUncollapsed: number;
  /** hits on the first page (10 where 10 families exist) */
  top10Hits: number;
}

/** the lineage the families come from: computed once over the whole archive, as analysis does */
export async function ensureLineage(store: SqliteStore): Promise<number> {
  const articles = [];
  for await (const a of store.allArticles()) articles.push(a);
  articles.sort((a, b) => a.id.localeCompare(b.id));
  const edges = computeLineage(articles.map((a) => lineageInput(a, new Set(['xinhua', 'chinanews', 'reuters', 'afp', 'ap', 'cna', 'kyodo']))));
  await store.replaceLineage(edges);
  return edges.length;
}

export async function scoreConcepts(store: SqliteStore, ctx: TextContext, concepts: readonly VariantConcept[]): Promise<ConceptScore[]> {
  const norms = new Map<string, string>();
  for await (const a of store.allArticles()) norms.set(a.id, normalizeText([a.title, ...a.paragraphs].join('\n')));
  const all = store.db.prepare('SELECT a.id AS id FROM search JOIN articles a ON a.rowid = search.rowid WHERE search MATCH ?').pluck();
  const out: ConceptScore[] = [];
  for (const concept of concepts) {
    const re = new RegExp(concept.pattern, 'u');
    const typed = normalizeText(concept.query);
    const carriers = new Set<string>();
    const onlyOther = new Set<string>();
    for (const [id, text] of norms) {
      if (!re.test(text)) continue;
      carriers.add(id);
      if (!text.includes(typed)) onlyOther.add(id);
    }
    const query = parseQuery(concept.query);
    const { forms, words } = readQuery(query, ctx);
    const m = matchExpression({ query, forms, words, sort: 'relevance', limit: 10, offset: 0 });
    const hits = m ? (all.all(m) as string[]).filter((id) => norms.has(id)) : [];
    const collapsed = await searchArchive(store, concept.query, { limit: 10 }, ctx);
    const flat = await searchArchive(store, concept.query, { limit: 10, collapse: false }, ctx);
    const familyKey = async (id: string): Promise<string> => (await copyFamily(store, id)).sort()[0]!;
    const distinct = async (ids: string[]): Promise<number> => new Set(await Promise.all(ids.map(familyKey))).size;
    out.push({
      concept, carriers: carriers.size, onlyOther: onlyOther.size,
      foundOther: hits.filter((id) => onlyOther.has(id)).length,
      hits: hits.length, hitsCarrying: hits.filter((id) => carriers.has(id)).length,
      top10Families: await distinct(collapsed.hits.map((h) => h.id)),
      top10FamiliesUncollapsed: await distinct(flat.hits.map((h) => h.id)),
      top10Hits: collapsed.hits.length,
    });
  }
  return out;
}

export interface Summary { queries: number; withOther: number; meanRecall: number; zeroRecall: number; precision: number; meanPrecision: number; fullPages: number; pagesPossible: number; meanFamilies: number; meanFamiliesUncollapsed: number }

export function summarize(scores: readonly ConceptScore[]): Summary {
  const withOther = scores.filter((s) => s.onlyOther > 0);
  const withHits = scores.filter((s) => s.hits > 0);
  const hits = withHits.reduce((n, s) => n + s.hits, 0);
  const carrying = withHits.reduce((n, s) => n + s.hitsCarrying, 0);
  const possible = scores.filter((s) => s.hits >= 10);
  return {
    queries: scores.length,
    withOther: withOther.length,
    meanRecall: withOther.reduce((x, s) => x + s.foundOther / s.onlyOther, 0) / Math.max(1, withOther.length),
    zeroRecall: withOther.filter((s) => s.foundOther === 0).length,
    precision: carrying / Math.max(1, hits),
    meanPrecision: withHits.reduce((x, s) => x + s.hitsCarrying / s.hits, 0) / Math.max(1, withHits.length),
    fullPages: possible.filter((s) => s.top10Families === 10).length,
    pagesPossible: possible.length,
    meanFamilies: possible.reduce((x, s) => x + s.top10Families, 0) / Math.max(1, possible.length),
    meanFamiliesUncollapsed: possible.reduce((x, s) => x + s.top10FamiliesUncollapsed, 0) / Math.max(1, possible.length),
  };
}
