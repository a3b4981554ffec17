// The SQLite side of search: an FTS5 table over the title's words and bigrams and the
// body's bigrams (see search/index-doc.ts), a narrow facets table for filtering and date
// order, and the translation of a parsed query into FTS5 MATCH expressions.
// The columns hold tokens already in normal form (lower case, letters and digits only,
// separated by spaces), so FTS5's plain 'ascii' tokenizer splits them as well as
// 'unicode61' would, at less cost: every byte above 127 is a token character.
import type { TermForm } from '../search/index-doc.js';
import type { SearchRequest } from './store.js';

export const SEARCH_SCHEMA = `
CREATE VIRTUAL TABLE IF NOT EXISTS search USING fts5(
  title_w, title_g, body_g, tags,
  tokenize = 'ascii',
  content = '', contentless_delete = 1
);
-- what filters and date order need, one small row per article (the articles rows hold
-- whole documents: reading them for every match of a common word is slow)
CREATE TABLE IF NOT EXISTS facets (
  rid INTEGER PRIMARY KEY,
  outlet_id TEXT NOT NULL,
  published_at TEXT,
  script TEXT NOT NULL,
  flagged INTEGER NOT NULL
);
CREATE TRIGGER IF NOT EXISTS facets_insert AFTER INSERT ON articles BEGIN
  INSERT OR REPLACE INTO facets VALUES (new.rowid, new.outlet_id, new.published_at, new.script, new.flagged);
END;
CREATE TRIGGER IF NOT EXISTS facets_update AFTER UPDATE OF outlet_id, published_at, script, flagged ON articles BEGIN
  UPDATE facets SET outlet_id = new.outlet_id, published_at = new.published_at, script = new.script, flagged = new.flagged
  WHERE rid = new.rowid;
END;
CREATE TRIGGER IF NOT EXISTS facets_delete AFTER DELETE ON articles BEGIN
  DELETE FROM facets WHERE rid = old.rowid;
END;`;

/** Bump when the columns of the search table change: an older index is dropped and rebuilt by `reindex`. */
export const SEARCH_FORMAT = '3';

/**
 * Settings of a new search table. FTS5 writes its pending terms out as a new segment
 * whenever they pass `hashsize` bytes (1 MB by default) and at every commit; with 64 MB a
 * batch of an import (a few hundred articles) becomes one segment instead of a dozen
 * (measured on 30,000 files of hkcnews: 17.6–18.0 s against 20.5–20.7 s with 1 MB and
 * 18.7–18.8 s with 8 MB).
 */
export const SEARCH_SETTINGS = `INSERT INTO search(search, rank) VALUES('hashsize', ${64 * 1048576});`;

/** bm25 column weights: title words, title bigrams, body bigrams, tags */
export const BM25 = 'bm25(search, 6.0, 3.0, 1.0, 0.0)';

/**
 * Above this many matches a relevance order is built in two tiers: the articles whose
 * title holds every term first, then the others. Each tier is ranked on its own, so a
 * first page never scores every article that mentions a common word.
 */
export const BROAD_QUERY = 5000;

/** where the positive terms must be found: anywhere, or in the title */
export type MatchScope = 'all' | 'title';

const quote = (tokens: readonly string[]): string => `"${tokens.join(' ').replace(/"/g, '""')}"`;

/** One variant of a term: its word sequence or its bigram sequence (the n-gram fallback). */
function formExpr(f: TermForm, exact: boolean, scope: MatchScope): string | null {
  if (f.grams.length === 0) return null;
  const g = scope === 'title' ? '{title_g}' : '{title_g body_g}';
  const grams = `${g} : ${quote(f.grams)}${f.prefix ? '*' : ''}`;
  // an exact phrase is matched on bigrams only: word boundaries may differ between texts
  if (exact || f.words.length === 0) return grams;
  // the words rank a title match above a body match; the bigrams find the term anywhere
  return `(title_w : ${quote(f.words)} OR ${grams})`;
}

/** The MATCH expression of a request, or null when it has no term to match. */
export function matchExpression(req: SearchRequest, scope: MatchScope = 'all'): string | null {
  const pos: string[] = [];
  const neg: string[] = [];
  req.query.terms.forEach((t, i) => {
    // exclusions apply to the whole article whatever the scope
    const s = t.negated ? 'all' : scope;
    const variants = (req.forms[i] ?? []).map((f) => formExpr(f, t.phrase, s)).filter((x): x is string => x !== null);
    if (variants.length === 0) return;
    const expr = variants.length === 1 ? variants[0]! : `(${variants.join(' OR ')})`;
    (t.negated ? neg : pos).push(expr);
  });
  for (const tag of req.query.tags) pos.push(`tags : ${quote([tag])}`);
  if (pos.length === 0) return null;
  return pos.join(' AND ') + neg.map((n) => ` NOT ${n}`).join('');
}
