// The SQLite side of search: an FTS5 table over the title's words and bigrams and the
// body's bigrams (see search/index-doc.ts), a narrow facets table for filtering and date
// order, and the translation of a parsed query into FTS5 MATCH expressions.
// The columns hold tokens already in normal form (lower case, letters and digits only,
// separated by spaces), so FTS5's plain 'ascii' tokenizer splits them as well as
// 'unicode61' would, at less cost: every byte above 127 is a token character.
import type { TermForm } from '../../search/index-doc.js';
import { tagToken } from '../../text/normalize.js';
import type { SearchRequest } from '../store.js';

export const SEARCH_SCHEMA = `
CREATE VIRTUAL TABLE IF NOT EXISTS search USING fts5(
  title_w, title_g, body_g, body_w, tags,
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
  flagged INTEGER NOT NULL,
  -- the calendar day in the outlet's own time zone, what pages show and since:/until: mean
  day TEXT
);
CREATE TRIGGER IF NOT EXISTS facets_insert AFTER INSERT ON articles BEGIN
  INSERT OR REPLACE INTO facets VALUES (new.rowid, new.outlet_id, new.published_at, new.script, new.flagged, json_extract(new.doc, '$.published.day'));
END;
CREATE TRIGGER IF NOT EXISTS facets_update AFTER UPDATE OF outlet_id, published_at, script, flagged, doc ON articles BEGIN
  UPDATE facets SET outlet_id = new.outlet_id, published_at = new.published_at, script = new.script, flagged = new.flagged,
    day = json_extract(new.doc, '$.published.day')
  WHERE rid = new.rowid;
END;
CREATE TRIGGER IF NOT EXISTS facets_delete AFTER DELETE ON articles BEGIN
  DELETE FROM facets WHERE rid = old.rowid;
END;`;

/** Bump when the columns of the search table change: an older index is dropped and rebuilt by `reindex`. */
export const SEARCH_FORMAT = '4';

/**
 * Settings of a new search table. FTS5 writes its pending terms out as a new segment
 * whenever they pass `hashsize` bytes (1 MB by default) and at every commit; with 64 MB a
 * batch of an import (a few hundred articles) becomes one segment instead of a dozen
 * (measured on 30,000 files of hkcnews: 17.6–18.0 s against 20.5–20.7 s with 1 MB and
 * 18.7–18.8 s with 8 MB).
 */
export const SEARCH_SETTINGS = `INSERT INTO search(search, rank) VALUES('hashsize', ${64 * 1048576});`;

/** bm25 column weights: title words, title tokens, body tokens, body whole-word variants, tags */
export const BM25 = 'bm25(search, 6.0, 3.0, 1.0, 1.0, 0.0)';

/**
 * Above this many matches a relevance order is built in two tiers: the articles whose
 * title holds every term first, then the others. Each tier is ranked on its own, so a
 * first page never scores every article that mentions a common word.
 */
export const BROAD_QUERY = 5000;

/** where the positive terms must be found: anywhere, or in the title */
export type MatchScope = 'all' | 'title';

/**
 * How strictly a term of several words (习近平同普京视频会晤 read as 习近平 普京 视频会晤) must
 * hold together: 'phrase' as written, 'near' its words within a few words of each other,
 * 'words' each word anywhere. Ranking takes the tiers in this order.
 */
export type Tier = 'phrase' | 'near' | 'words';

/** tokens between the words of a term for it to count as near (bigrams: about as many characters) */
const NEAR_TOKENS = 12;

const quote = (tokens: readonly string[]): string => `"${tokens.join(' ').replace(/"/g, '""')}"`;

/** One variant of a term: its word sequence or its token sequence. */
function formExpr(f: TermForm, exact: boolean, scope: MatchScope): string | null {
  if (f.grams.length === 0) return null;
  // an ambiguous variant (的士) counts only where it is a whole word: the title's words, the body's checked ones
  if (f.wholeWord && !exact) return `${scope === 'title' ? 'title_w' : '{title_w body_w}'} : ${quote([f.norm])}`;
  const g = scope === 'title' ? '{title_g}' : '{title_g body_g}';
  const grams = `${g} : ${quote(f.grams)}${f.prefix ? '*' : ''}`;
  // an exact phrase is matched on tokens only: word boundaries may differ between texts
  if (exact || f.words.length === 0) return grams;
  // the words rank a title match above a body match; the tokens find the term anywhere
  return `(title_w : ${quote(f.words)} OR ${grams})`;
}

const anyOf = (exprs: readonly string[]): string | null => (exprs.length === 0 ? null : exprs.length === 1 ? exprs[0]! : `(${exprs.join(' OR ')})`);

/** A term's expression at a tier: its whole forms, or else its words together. */
function termExpr(req: SearchRequest, i: number, scope: MatchScope, tier: Tier): string | null {
  const t = req.query.terms[i]!;
  const whole = anyOf((req.forms[i] ?? []).map((f) => formExpr(f, t.phrase, scope)).filter((x): x is string => x !== null));
  const words = t.negated || t.phrase ? undefined : req.words?.[i];
  if (!words || words.length < 2 || tier === 'phrase') return whole;
  const each = words.map((variants) => anyOf(variants.map((f) => formExpr(f, false, scope)).filter((x): x is string => x !== null)));
  if (each.some((e) => e === null)) return whole;
  let together: string;
  if (tier === 'near') {
    // the words as typed, near each other (NEAR takes phrases, not alternatives)
    const g = scope === 'title' ? '{title_g}' : '{title_g body_g}';
    together = `${g} : NEAR(${words.map((v) => quote(v[0]!.grams) + (v[0]!.prefix ? '*' : '')).join(' ')}, ${NEAR_TOKENS})`;
  } else {
    together = `(${each.join(' AND ')})`;
  }
  return whole ? `(${whole} OR ${together})` : together;
}

/** Does the request hold a term read as several words (so that tiers of nearness rank it)? */
export function hasWordTerms(req: SearchRequest): boolean {
  return req.query.terms.some((t, i) => !t.negated && !t.phrase && (req.words?.[i]?.length ?? 0) >= 2);
}

/** The MATCH expression of a request, or null when it has no term to match. */
export function matchExpression(req: SearchRequest, scope: MatchScope = 'all', tier: Tier = 'words'): string | null {
  const pos: string[] = [];
  const neg: string[] = [];
  req.query.terms.forEach((t, i) => {
    // exclusions apply to the whole article whatever the scope
    const expr = termExpr(req, i, t.negated ? 'all' : scope, tier);
    if (expr) (t.negated ? neg : pos).push(expr);
  });
  for (const tag of req.query.tags) {
    const token = tagToken(tag);
    if (token) pos.push(`tags : ${quote([token])}`);
  }
  if (pos.length === 0) return null;
  return pos.join(' AND ') + neg.map((n) => ` NOT ${n}`).join('');
}
