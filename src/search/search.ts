// Search over a store: parse the query, expand each term into its regional variants
// and index forms, ask the store, and cut highlighted snippets.
import type { Article } from '../article.js';
import type { Store } from '../store/store.js';
import type { AliasTable } from '../text/aliases.js';
import { normalizeText } from '../text/normalize.js';
import type { Segmenter } from '../text/segment.js';
import { termForm } from './index-doc.js';
import { parseQuery, QueryError } from './query.js';
import { makeSnippet } from './snippet.js';

export interface SearchOptions {
  limit?: number;
  offset?: number;
  sort?: 'relevance' | 'date';
}

export interface SearchHit {
  id: string;
  title: string;
  outlet: Article['outlet'];
  published: Article['published'];
  score: number;
  /** HTML: the article's own text, escaped, with <mark> around the matches */
  snippet: string;
}

export interface SearchResult { total: number; hits: SearchHit[]; tookMs: number }

export interface TextContext { segmenter: Segmenter; aliases: AliasTable }

export async function searchArchive(store: Store, input: string, opts: SearchOptions, ctx: TextContext): Promise<SearchResult> {
  const started = performance.now();
  const query = parseQuery(input);
  if (query.outlets.length) {
    // outlet:nosuch would quietly find nothing: name the outlets there are instead
    const known = new Set((await store.outlets()).map((o) => o.id));
    const unknown = query.outlets.filter((o) => !known.has(o));
    if (unknown.length) throw new QueryError(`no outlet ${unknown.join(', ')} in this archive (outlets: ${[...known].sort().slice(0, 40).join(', ')}${known.size > 40 ? ', …' : ''})`);
  }
  // a "quoted phrase" is exact (in either script); a plain word brings its regional variants
  const forms = query.terms.map((t) => {
    const norm = normalizeText(t.text.replace(/\s+/g, ' '));
    return (t.phrase ? [norm] : ctx.aliases.variants(norm)).map((v) => termForm(v, ctx.segmenter));
  });
  const limit = Math.min(Math.max(opts.limit ?? 20, 1), 200);
  const { total, hits } = await store.search({ query, forms, sort: opts.sort ?? 'relevance', limit, offset: opts.offset ?? 0 });
  const needles = query.terms.flatMap((t, i) => (t.negated ? [] : forms[i]!.map((f) => f.norm.replace(/\s+/g, ''))));
  return {
    total,
    hits: hits.map(({ article: a, score }) => ({
      id: a.id, title: a.title, outlet: a.outlet, published: a.published, score, snippet: makeSnippet(a, needles),
    })),
    tookMs: Math.round((performance.now() - started) * 10) / 10,
  };
}
