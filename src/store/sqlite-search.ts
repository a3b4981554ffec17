// The SQLite side of search: an FTS5 table over the words and the character bigrams
// of each article (title and body apart), and the translation of a parsed query
// into an FTS5 MATCH expression.
import type { TermForm } from '../search/index-doc.js';
import type { SearchRequest } from './store.js';

export const SEARCH_SCHEMA = `
CREATE VIRTUAL TABLE IF NOT EXISTS search USING fts5(
  title_w, body_w, title_g, body_g, tags,
  tokenize = 'unicode61 remove_diacritics 0',
  content = '', contentless_delete = 1
);`;

/** bm25 column weights: title words, body words, title bigrams, body bigrams, tags */
export const BM25 = 'bm25(search, 6.0, 1.5, 3.0, 0.5, 0.0)';

const quote = (tokens: readonly string[]): string => `"${tokens.join(' ').replace(/"/g, '""')}"`;

/** One variant of a term: its word sequence or its bigram sequence (the n-gram fallback). */
function formExpr(f: TermForm, exact: boolean): string | null {
  if (f.grams.length === 0) return null;
  const grams = f.prefix ? `{title_g body_g} : ${quote(f.grams)}*` : `{title_g body_g} : ${quote(f.grams)}`;
  // an exact phrase is matched on bigrams only: word boundaries may differ between texts
  if (exact || f.words.length === 0) return grams;
  return `({title_w body_w} : ${quote(f.words)} OR ${grams})`;
}

/** The MATCH expression of a request, or null when it has no term to match. */
export function matchExpression(req: SearchRequest): string | null {
  const pos: string[] = [];
  const neg: string[] = [];
  req.query.terms.forEach((t, i) => {
    const variants = (req.forms[i] ?? []).map((f) => formExpr(f, t.phrase)).filter((x): x is string => x !== null);
    if (variants.length === 0) return;
    const expr = variants.length === 1 ? variants[0]! : `(${variants.join(' OR ')})`;
    (t.negated ? neg : pos).push(expr);
  });
  for (const tag of req.query.tags) pos.push(`tags : ${quote([tag])}`);
  if (pos.length === 0) return null;
  return pos.join(' AND ') + neg.map((n) => ` NOT ${n}`).join('');
}
