// The SQLite side of search: an FTS5 table over the title's words and bigrams and the
// body's bigrams (see search/index-doc.ts), a narrow facets table for filtering and date
// order, the translation of a parsed query into FTS5 MATCH expressions, and the queries
// (SqliteSearch: one page in relevance tiers or date order, in one read snapshot).
// The columns hold tokens already in normal form (lower case, letters and digits only,
// separated by spaces), so FTS5's plain 'ascii' tokenizer splits them as well as
// 'unicode61' would, at less cost: every byte above 127 is a token character.
import type Database from 'better-sqlite3';
import { Article } from '../../article.js';
import type { IndexDoc, TermForm } from '../../search/index-doc.js';
import { tagToken } from '../../text/normalize.js';
import { SEARCH_CAP, StaleIndexError, type SearchHits, type SearchRequest } from '../store.js';

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

/** a search row to write (doc null: remove the row) */
export interface SearchRow { rowid: number | bigint; doc: IndexDoc | null }

/** The index's writes (inside the caller's transaction) and its queries. */
/**
 * The tiers relevance is ranked in, best first, each without what an earlier one holds: a
 * term read as several words as written, then near, then apart; when more match than the
 * cap (SEARCH_CAP) the articles with every term in the title first. One tier: plain bm25 order.
 */
export function rankingTiers(req: SearchRequest, match: string, capped: boolean): string[] {
  const tiers: string[] = [];
  if (hasWordTerms(req)) {
    for (const tier of ['phrase', 'near'] as const) {
      const t = matchExpression(req, 'all', tier);
      if (t && t !== match && !tiers.includes(t)) tiers.push(t);
    }
  }
  const inTitle = capped ? matchExpression(req, 'title') : null;
  if (inTitle && inTitle !== match) tiers.push(inTitle);
  const before: string[] = [];
  return [...tiers, match].map((t) => {
    const expr = before.length ? `(${t}) NOT (${before.join(' OR ')})` : t;
    before.push(`(${t})`);
    return expr;
  });
}

/** What tieredPage asks its driver: a tier's matches counted up to a bound, or one page of a tier's first `take` matches ranked. */
export type TierStep =
  | { kind: 'count'; expr: string; bound: number }
  | { kind: 'rank'; expr: string; take: number; limit: number; offset: number };

/**
 * One page of a relevance order through its tiers (rankingTiers), for either store: the
 * driver answers each step with a count or with the ranked rows. Each tier contributes its
 * matches, best first, after every earlier tier's; past the cap (`capped`, `total` the cap)
 * each tier contributes only its first matches in the index's order, until `total` are
 * taken: a tier that fills what is left ends the list. A tier wholly before the page costs a
 * count, not a ranking.
 */
export function* tieredPage<R>(tiers: readonly string[], total: number, capped: boolean, limit: number, offset: number): Generator<TierStep, R[], number | R[]> {
  const rows: R[] = [];
  let skip = offset;
  let left = total;
  for (const [i, expr] of tiers.entries()) {
    if (left <= 0 || rows.length >= limit) break;
    let take = left;
    if (i < tiers.length - 1 && (capped || skip > 0)) {
      const n = (yield { kind: 'count', expr, bound: left }) as number;
      take = n;
      left -= n;
      if (skip >= n) { skip -= n; continue; }
    }
    rows.push(...((yield { kind: 'rank', expr, take, limit: limit - rows.length, offset: skip }) as R[]));
    skip = 0;
  }
  return rows;
}

export class SqliteSearch {
  private readonly stmts;

  constructor(private readonly db: Database.Database) {
    this.stmts = {
      indexDoc: db.prepare('INSERT INTO search (rowid, title_w, title_g, body_g, body_w, tags) VALUES (?, ?, ?, ?, ?, ?)'),
      unindex: db.prepare('DELETE FROM search WHERE rowid = ?'),
      markUnindexed: db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('search_missing', '1')"),
      docAt: db.prepare('SELECT doc FROM articles WHERE rowid = ?'),
      searchStale: db.prepare("SELECT key FROM meta WHERE key IN ('search_stale', 'search_missing') ORDER BY key DESC LIMIT 1").pluck(),
    };
  }

  /**
   * A batch's search rows, written together at the end of its transaction. FTS5 writes its
   * pending terms out as a new segment at every commit and every savepoint, including the
   * statement savepoint that SQLite opens for any statement with a trigger or a conflict
   * clause: search rows written between article rows made one small segment per article
   * (1.7 ms each to write and merge); written together, one segment per batch.
   */
  writeRows(rows: readonly SearchRow[]): void {
    for (const { rowid, doc } of rows) {
      if (doc) this.stmts.indexDoc.run(rowid, doc.titleWords, doc.titleGrams, doc.bodyGrams, doc.bodyWords, doc.tags);
      else this.stmts.unindex.run(rowid);
    }
  }

  /** news was written without its index (import --no-index): search says so until reindex */
  markUnindexed(): void {
    this.stmts.markUnindexed.run();
  }

  /** one page of hits; StaleIndexError while the index cannot answer */
  search(req: SearchRequest): SearchHits {
    const stale = this.stmts.searchStale.get() as string | undefined;
    if (stale === 'search_stale') {
      throw new StaleIndexError('the search index was built by an older Parallax and has been dropped: run `parallax reindex` to rebuild it');
    }
    if (stale === 'search_missing') {
      throw new StaleIndexError('the search index is missing: articles were imported with --no-index; run `parallax reindex` to build it');
    }
    // one read transaction: counts, ranks and documents come from the same snapshot even
    // while another process rewrites the archive
    return this.db.transaction(() => this.searchSnapshot(req))();
  }

  private searchSnapshot(req: SearchRequest): SearchHits {
    const match = matchExpression(req);
    const where: string[] = ['f.flagged = 0'];
    const args: Record<string, unknown> = {};
    if (req.query.outlets.length) {
      where.push(`f.outlet_id IN (${req.query.outlets.map((_, i) => `@o${i}`).join(', ')})`);
      req.query.outlets.forEach((o, i) => { args[`o${i}`] = o; });
    }
    // days are the outlet's local days, as pages show them
    if (req.query.since) { where.push('f.day >= @since'); args.since = req.query.since; }
    if (req.query.until) { where.push('f.day <= @until'); args.until = req.query.until; }
    if (req.query.script) { where.push('f.script = @script'); args.script = req.query.script; }
    const filter = where.join(' AND ');
    const cap = req.cap ?? SEARCH_CAP;
    // a page ends at the total: past the cap no more than `cap` articles are listed in any order
    const page = (total: number): { limit: number; offset: number } => ({ limit: Math.min(req.limit, total - req.offset), offset: req.offset });
    if (!match) {
      // filters alone: the newest articles that pass them
      const found = (this.db.prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM facets f WHERE ${filter} LIMIT @bound)`).get({ ...args, bound: cap + 1 }) as { n: number }).n;
      const total = Math.min(found, cap);
      if (req.offset >= total) return { total, capped: found > cap, hits: [] };
      const rows = this.db.prepare(`SELECT f.rid FROM facets f WHERE ${filter} ORDER BY f.published_at DESC LIMIT @limit OFFSET @offset`)
        .all({ ...args, ...page(total) }) as Array<{ rid: number }>;
      return { total, capped: found > cap, hits: rows.map((r) => ({ article: this.docAt(r.rid), score: 0 })) };
    }
    // flagged articles are never indexed: without filters the index alone answers
    const filtered = where.length > 1;
    // CROSS JOIN keeps the full-text match as the outer loop (a planner starting from
    // the filters would test the match article by article)
    const from = filtered ? `search CROSS JOIN facets f ON f.rid = search.rowid` : 'search';
    const cond = filtered ? `AND ${filter}` : '';
    // matches counted up to a bound: FTS5 yields them in rowid order and the count stops there
    const count = (m: string, bound: number): number =>
      (this.db.prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM ${from} WHERE search MATCH @m ${cond} LIMIT @bound)`).get({ ...args, m, bound }) as { n: number }).n;
    const found = count(match, cap + 1);
    const capped = found > cap;
    const total = Math.min(found, cap);
    if (total === 0 || req.offset >= total) return { total, capped, hits: [] };
    let rows: Array<{ rid: number; score: number }>;
    if (req.sort === 'date') {
      const ids = this.db.prepare(`SELECT search.rowid AS rid FROM search CROSS JOIN facets f ON f.rid = search.rowid
        WHERE search MATCH @m ${cond} ORDER BY f.published_at DESC LIMIT @limit OFFSET @offset`).all({ ...args, ...page(total), m: match }) as Array<{ rid: number }>;
      // relevance of the page's hits only: bm25 of one row is a look-up, of every match a scan
      const scoreOf = this.db.prepare(`SELECT ${BM25} AS score FROM search WHERE search MATCH ? AND rowid = ?`);
      // the rowid as an integer: FTS5 ignores a `rowid = ?` bound as a JS number (a REAL), and
      // the statement then answered the best match's score for every hit
      rows = ids.map((r) => ({ rid: r.rid, score: (scoreOf.get(match, BigInt(r.rid)) as { score: number } | undefined)?.score ?? 0 }));
    } else {
      rows = this.ranked(match, req, total, capped, { from, cond, args, count });
    }
    // bm25 is lower for better matches; turn it into a positive relevance
    return { total, capped, hits: rows.map((r) => ({ article: this.docAt(r.rid), score: Math.round(-r.score * 1000) / 1000 })) };
  }

  private ranked(match: string, req: SearchRequest, total: number, capped: boolean,
    q: { from: string; cond: string; args: Record<string, unknown>; count: (m: string, bound: number) => number }): Array<{ rid: number; score: number }> {
    // a tier's first `take` matches in rowid order (FTS5's own order: no sort), ranked; ties by rowid as on PostgreSQL
    const rank = (m: string, take: number, limit: number, offset: number): Array<{ rid: number; score: number }> =>
      this.db.prepare(`SELECT rid, score FROM (SELECT search.rowid AS rid, ${BM25} AS score FROM ${q.from} WHERE search MATCH @m ${q.cond}
        ORDER BY search.rowid LIMIT @take) ORDER BY score, rid LIMIT @limit OFFSET @offset`).all({ ...q.args, m, take, limit, offset }) as Array<{ rid: number; score: number }>;
    const steps = tieredPage<{ rid: number; score: number }>(rankingTiers(req, match, capped), total, capped, req.limit, req.offset);
    let answer: number | Array<{ rid: number; score: number }> = 0;
    for (;;) {
      const step = steps.next(answer);
      if (step.done) return step.value;
      const s = step.value;
      answer = s.kind === 'count' ? q.count(s.expr, s.bound) : rank(s.expr, s.take, s.limit, s.offset);
    }
  }

  private docAt(rid: number): Article {
    return Article.parse(JSON.parse((this.stmts.docAt.get(rid) as { doc: string }).doc));
  }
}
