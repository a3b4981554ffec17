// The PostgreSQL side of search: the same columns of tokens as SQLite's FTS5 table (see
// search/index-doc.ts) as `tsvector`s with GIN indexes, queried with the MATCH expressions
// SQLite's search builds (sqlite/search.ts), read into a tree and written as `@@` tests
// with phrase operators (`<->`, `<N>`). One definition of what a query means: this file
// translates it, it does not restate it.
//
// Ranking computes FTS5's bm25 in SQL: per phrase of the expression, the number of
// documents holding it (IDF, over the whole index like FTS5's xQueryPhrase: for a single
// token read from search_df, kept by the writes; for a phrase counted by the query), its
// instances in each column of a row (ts_rank_cd with unit weights counts a phrase's
// non-overlapping covers: its instances), the column weights 6,3,1,1,0, and the row's
// length in tokens against the average kept in search_totals.
//
// Limits of tsvector and what is done about them (measured on hkcnews-10k + multi-outlet,
// 12,204 articles: body tokens p50 848, p99 4,060, longest 26,016; one article holds a
// token more than 256 times):
// - positions stop at 16,383: a body's tokens past that go to `body_more`, in chunks of
//   16,383 positions that overlap by OVERLAP tokens (longer than any query's phrase), so a
//   phrase is found wherever it stands; chunks after the second share positions, so in a
//   body of more than ~32,000 tokens two tokens of different chunks can look adjacent;
// - a token keeps its first 256 positions: a phrase that only occurs after a token's
//   256th occurrence in one article is missed, and bm25's count stops at 256;
// - a lexeme has at most 2,046 bytes: longer tokens are left out of the tsvector (a query
//   is at most 500 characters, so no query can name them) but counted in the length.
import type { ClientBase } from 'pg';
import type { IndexDoc } from '../../search/index-doc.js';
import { matchExpression, rankingTiers, tieredPage } from '../sqlite/search.js';
import { SEARCH_CAP, SEARCH_TIMEOUT_MS, type SearchRequest } from '../store.js';
import { DF_SETS, DF_TOKENS, DfChanges, SEARCH_DF_TABLE, type TokenMaps } from './search-df.js';

export const PG_SEARCH_SCHEMA = `
CREATE TABLE IF NOT EXISTS search (
  rid bigint PRIMARY KEY REFERENCES articles(rid) ON DELETE CASCADE,
  title_w tsvector NOT NULL,
  title_g tsvector NOT NULL,
  body_g tsvector NOT NULL,
  -- a body's tokens past tsvector's last position (16,383), see OVERLAP; empty for most
  -- (not NULL: a NULL test under NOT would drop the row)
  body_more tsvector NOT NULL DEFAULT '',
  body_w tsvector NOT NULL,
  tags tsvector NOT NULL,
  -- the row's length in tokens over all columns (bm25's document length)
  tokens integer NOT NULL
);
CREATE INDEX IF NOT EXISTS search_title_w ON search USING gin (title_w);
CREATE INDEX IF NOT EXISTS search_title_g ON search USING gin (title_g);
CREATE INDEX IF NOT EXISTS search_body_g ON search USING gin (body_g);
CREATE INDEX IF NOT EXISTS search_body_more ON search USING gin (body_more);
CREATE INDEX IF NOT EXISTS search_body_w ON search USING gin (body_w);
CREATE INDEX IF NOT EXISTS search_tags ON search USING gin (tags);
-- bm25's row count and average length: one row of changes per write (a single counter row
-- would make concurrent writers wait on each other), summed when read, folded now and then
CREATE TABLE IF NOT EXISTS search_totals (rows bigint NOT NULL, tokens bigint NOT NULL);
${SEARCH_DF_TABLE}
`;

/** Bump when the search columns change: pgstore drops and rebuilds the index (as SQLite's SEARCH_FORMAT). */
export const PG_SEARCH_FORMAT = '1';

/** tsvector's last position */
const MAX_POS = 16383;
/** tokens a chunk of a long body repeats of the one before: a query has at most 500 characters */
const OVERLAP = 512;
/** tsvector's longest lexeme, in bytes */
const MAX_LEXEME = 2046;
/** bm25 as FTS5 computes it, with Parallax's column weights (sqlite/search.ts BM25) */
const K1 = 1.2;
const B = 0.75;
const WEIGHTS: Record<string, number> = { title_w: 6, title_g: 3, body_g: 1, body_more: 1, body_w: 1, tags: 0 };
const COLUMNS = ['title_w', 'title_g', 'body_g', 'body_w', 'tags'] as const;
/** search_totals rows past which a writer folds them into one */
const TOTALS_FOLD = 64;
/** advisory lock (class, id) of the folding of search_totals */
const TOTALS_LOCK = '7460, 1';

// ---------- writing ----------

/** FTS5's 'ascii' tokenizer: ASCII letters and digits and every byte above 127 are token characters, ASCII folded to lower case */
function asciiTokens(text: string): string[] {
  const out: string[] = [];
  let start = -1;
  let upper = false;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 0x20;
    if (c > 0x7f || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) {
      if (start < 0) start = i;
    } else if (c >= 0x41 && c <= 0x5a) {
      if (start < 0) start = i;
      upper = true;
    } else if (start >= 0) {
      const t = text.slice(start, i);
      out.push(upper ? t.replace(/[A-Z]+/g, (m) => m.toLowerCase()) : t);
      start = -1;
      upper = false;
    }
  }
  return out;
}

const lexeme = (t: string): string => (/['\\]/.test(t) ? `'${t.replace(/\\/g, '\\\\').replace(/'/g, "''")}'` : `'${t}'`);

/** each token's positions (1…, the first 256: tsvector keeps no more), of tokens[from, to) */
function tsvectorOf(tokens: readonly string[], from = 0, to = tokens.length, into?: Map<string, number[]>): Map<string, number[]> {
  const at = into ?? new Map<string, number[]>();
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    // a UTF-16 unit is at most 3 bytes of UTF-8: only long tokens need measuring
    if (t.length * 3 > MAX_LEXEME && Buffer.byteLength(t) > MAX_LEXEME) continue;
    const ps = at.get(t);
    if (!ps) at.set(t, [i - from + 1]);
    else if (ps.length < 256) ps.push(i - from + 1);
  }
  return at;
}

/** a tsvector literal; positions of a body's later chunks (body_more) may repeat and fall out of order */
function literal(at: Map<string, number[]>, merged = false): string {
  let out = '';
  for (const [t, ps] of at) {
    const pos = merged ? [...new Set(ps)].sort((a, b) => a - b).slice(0, 256) : ps;
    out += `${out ? ' ' : ''}${lexeme(t)}:${pos.join(',')}`;
  }
  return out;
}

/** the body's first chunk, and the others together (empty when the body fits) */
function bodyVectors(tokens: readonly string[]): [Map<string, number[]>, Map<string, number[]>] {
  if (tokens.length <= MAX_POS) return [tsvectorOf(tokens), new Map()];
  const more = new Map<string, number[]>();
  for (let start = MAX_POS - OVERLAP; start < tokens.length; start += MAX_POS - OVERLAP) {
    tsvectorOf(tokens, start, Math.min(tokens.length, start + MAX_POS), more);
  }
  return [tsvectorOf(tokens, 0, MAX_POS), more];
}

interface VectorRow {
  rid: string; titleW: string; titleG: string; bodyG: string; bodyMore: string; bodyW: string; tags: string; tokens: number;
  /** the tokens of each column, to count in search_df */
  maps: TokenMaps;
}

export function searchVectors(rid: string, doc: IndexDoc): VectorRow {
  const cols = [doc.titleWords, doc.titleGrams, doc.bodyGrams, doc.bodyWords, doc.tags].map(asciiTokens);
  const [titleW, titleG, body, bodyW, tags] = (cols as [string[], string[], string[], string[], string[]]);
  const [tw, tg, bw, tt] = [titleW, titleG, bodyW, tags].map((t) => tsvectorOf(t)) as [Map<string, number[]>, Map<string, number[]>, Map<string, number[]>, Map<string, number[]>];
  const [bg, bm] = bodyVectors(body);
  return {
    rid, titleW: literal(tw), titleG: literal(tg), bodyG: literal(bg), bodyMore: literal(bm, true),
    bodyW: literal(bw), tags: literal(tt), tokens: cols.reduce((n, c) => n + c.length, 0),
    maps: { tw, tg, bg, bm, bw, tt },
  };
}

/** the sort memory of an import's transactions: a batch's search_df changes (~60,000 for 250 articles) spilled to disk with the default 4 MB */
export const BULK_WORK_MEM = '64MB';

/** the GIN pending list an import's transactions use (kB; PostgreSQL's default is 4 MB) */
export const BULK_GIN_PENDING_KB = 65536;

/** Merge the search indexes' pending lists into the indexes (after an import wrote with BULK_GIN_PENDING_KB). */
export async function flushSearchPending(q: { query: ClientBase['query'] }): Promise<void> {
  const { rows } = await q.query<{ name: string }>(`SELECT indexname AS name FROM pg_indexes WHERE tablename = 'search' AND indexdef LIKE '%USING gin%'`);
  for (const r of rows) await q.query('SELECT gin_clean_pending_list($1::regclass)', [r.name]);
}

/** search rows a statement inserts: the next part's tsvectors are made while the server writes these */
const INSERT_PART = 250;

/**
 * write (doc) or remove (doc null) search rows, inside the caller's transaction; a rid's
 * last row wins. search_df's changes are applied here, or added to `df` (a run's, applied
 * at its end: bulk-load.ts).
 */
export async function writeSearchRows(c: ClientBase, rows: ReadonlyArray<{ rid: string; doc: IndexDoc | null }>, df?: DfChanges): Promise<void> {
  if (rows.length === 0) return;
  const last = new Map<string, IndexDoc | null>();
  for (const r of rows) last.set(String(r.rid), r.doc);
  const changes = df ?? new DfChanges();
  // the removed rows' tokens come back counted (negative), to change search_df with the new rows' in one pass
  const gone = (await c.query<{ rows: number; tokens: string; cols: number[] | null; toks: string[] | null; ns: number[] | null }>(`WITH r AS (
      DELETE FROM search WHERE rid = ANY($1::bigint[]) RETURNING title_w, title_g, body_g, body_more, body_w, tags, tokens),
    d AS (SELECT v.col, k.tok, -count(*)::int AS n FROM r ${DF_TOKENS} GROUP BY 1, 2)
    SELECT (SELECT count(*) FROM r)::int AS rows, (SELECT coalesce(sum(tokens), 0) FROM r)::text AS tokens,
      array_agg(col) AS cols, array_agg(tok) AS toks, array_agg(n) AS ns FROM d`,
  [[...last.keys()]])).rows[0]!;
  let dRows = -gone.rows;
  let dTokens = -Number(gone.tokens);
  (gone.cols ?? []).forEach((col, i) => changes.add(col, gone.toks![i]!, gone.ns![i]!));
  // The new rows in parts: a part's tsvectors are made while the server writes the part
  // before (one connection, one statement at a time).
  const put = [...last].filter((e): e is [string, IndexDoc] => e[1] !== null);
  let inFlight: Promise<unknown> | undefined;
  try {
    for (let i = 0; i < put.length; i += INSERT_PART) {
      const part = put.slice(i, i + INSERT_PART).map(([rid, doc]) => searchVectors(rid, doc));
      for (const r of part) { changes.addRow(r.maps); dTokens += r.tokens; }
      dRows += part.length;
      await inFlight;
      inFlight = c.query(`INSERT INTO search (rid, title_w, title_g, body_g, body_more, body_w, tags, tokens)
          SELECT rid, tw::tsvector, tg::tsvector, bg::tsvector, bm::tsvector, bw::tsvector, tg2::tsvector, n
          FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[]) AS u(rid, tw, tg, bg, bm, bw, tg2, n)`,
      [part.map((r) => r.rid), part.map((r) => r.titleW), part.map((r) => r.titleG), part.map((r) => r.bodyG), part.map((r) => r.bodyMore),
        part.map((r) => r.bodyW), part.map((r) => r.tags), part.map((r) => r.tokens)]);
    }
    await inFlight;
  } finally {
    // a failure while the last statement runs: it ends before the caller rolls back
    await inFlight?.catch(() => {});
  }
  if (!df) await changes.apply(c);
  if (dRows !== 0 || dTokens !== 0) await c.query('INSERT INTO search_totals (rows, tokens) VALUES ($1, $2)', [dRows, dTokens]);
  await foldTotals(c);
}

/** many change rows become one; a writer that finds another folding leaves it to that one */
async function foldTotals(c: ClientBase): Promise<void> {
  const { rows } = await c.query<{ n: string }>(`SELECT count(*) AS n FROM (SELECT 1 FROM search_totals LIMIT ${TOTALS_FOLD + 1}) t`);
  if (Number(rows[0]!.n) <= TOTALS_FOLD) return;
  const { rows: lock } = await c.query<{ ok: boolean }>(`SELECT pg_try_advisory_xact_lock(${TOTALS_LOCK}) AS ok`);
  if (!lock[0]!.ok) return;
  await c.query(`WITH d AS (DELETE FROM search_totals RETURNING rows, tokens)
    INSERT INTO search_totals (rows, tokens) SELECT coalesce(sum(rows), 0), coalesce(sum(tokens), 0) FROM d`);
}

// ---------- reading a MATCH expression ----------

interface Phrase { tokens: string[]; prefix: boolean }
type Node =
  | { k: 'phrase'; cols: readonly string[]; phrase: Phrase }
  | { k: 'near'; cols: readonly string[]; phrases: Phrase[]; n: number }
  | { k: 'and' | 'or'; kids: Node[] }
  | { k: 'not'; a: Node; b: Node };

/** Parse the subset of FTS5's query syntax that sqlite/search.ts writes. */
export function parseMatch(expr: string): Node {
  const toks: string[] = [];
  const re = /\s*("(?:[^"]|"")*"|[(){}:*,]|[A-Za-z_][A-Za-z_0-9]*|\d+)/y;
  let m: RegExpExecArray | null;
  let pos = 0;
  while (pos < expr.length) {
    re.lastIndex = pos;
    if (!(m = re.exec(expr))) { if (/^\s*$/.test(expr.slice(pos))) break; throw new Error(`cannot read the MATCH expression at ${pos}: ${expr}`); }
    toks.push(m[1]!);
    pos = re.lastIndex;
  }
  let i = 0;
  const peek = (): string | undefined => toks[i];
  const take = (want?: string): string => {
    const t = toks[i++];
    if (t === undefined || (want !== undefined && t !== want)) throw new Error(`MATCH expression: expected ${want ?? 'more'} at token ${i} of ${expr}`);
    return t;
  };
  const phrase = (): Phrase => {
    const q = take();
    if (!q.startsWith('"')) throw new Error(`MATCH expression: expected a phrase, not ${q}`);
    const prefix = peek() === '*' ? (i++, true) : false;
    return { tokens: asciiTokens(q.slice(1, -1).replace(/""/g, '"')), prefix };
  };
  const colset = (): string[] | undefined => {
    const t = peek();
    if (t === '{') {
      i++;
      const cols: string[] = [];
      while (peek() !== '}') cols.push(take());
      i++;
      take(':');
      return cols;
    }
    if (t && /^[a-z_]+$/.test(t) && toks[i + 1] === ':') { i += 2; return [t]; }
    return undefined;
  };
  const primary = (cols: readonly string[]): Node => {
    const set = colset();
    const here = set ? cols.filter((c) => set.includes(c)) : cols;
    const t = peek();
    if (t === '(') { i++; const e = or(here); take(')'); return e; }
    if (t === 'NEAR') {
      i++;
      take('(');
      const phrases: Phrase[] = [];
      let n = 10;
      while (peek() !== ')') {
        if (peek() === ',') { i++; n = Number(take()); continue; }
        phrases.push(phrase());
      }
      i++;
      return { k: 'near', cols: here, phrases, n };
    }
    return { k: 'phrase', cols: here, phrase: phrase() };
  };
  const not = (cols: readonly string[]): Node => {
    let a = primary(cols);
    while (peek() === 'NOT') { i++; a = { k: 'not', a, b: primary(cols) }; }
    return a;
  };
  const and = (cols: readonly string[]): Node => {
    const kids = [not(cols)];
    while (peek() === 'AND') { i++; kids.push(not(cols)); }
    return kids.length === 1 ? kids[0]! : { k: 'and', kids };
  };
  const or = (cols: readonly string[]): Node => {
    const kids = [and(cols)];
    while (peek() === 'OR') { i++; kids.push(and(cols)); }
    return kids.length === 1 ? kids[0]! : { k: 'or', kids };
  };
  const root = or(COLUMNS);
  if (i !== toks.length) throw new Error(`MATCH expression: unexpected ${toks[i]} in ${expr}`);
  return root;
}

// ---------- writing SQL ----------

const tokenQueries = (p: Phrase): string[] => p.tokens.map((t, j) => lexeme(t) + (p.prefix && j === p.tokens.length - 1 ? ':*' : ''));
const phraseQuery = (p: Phrase): string => tokenQueries(p).join(' <-> ');
/** a phrase's tokens anywhere in a row: what GIN answers from the index alone, without re-checking rows */
const allTokensQuery = (p: Phrase): string => tokenQueries(p).join(' & ');

/** NEAR alternatives past which a group is matched as all its phrases anywhere (see nearQuery) */
const MAX_NEAR_ALTERNATIVES = 600;

/**
 * FTS5's NEAR(p1 p2 …, N) as tsquery: phrases in any order, each starting no more than
 * its length + N tokens before the last one starts (fts5ExprNearIsMatch). tsquery has no
 * "within", so every order and every set of distances is written out; past
 * MAX_NEAR_ALTERNATIVES (four or more words) the group is its phrases anywhere.
 */
function nearQuery(phrases: readonly Phrase[], n: number): string {
  const k = phrases.length;
  if (k === 1) return phraseQuery(phrases[0]!);
  const alts: string[] = [];
  const perms = (xs: number[]): number[][] => (xs.length <= 1 ? [xs] : xs.flatMap((x, j) => perms([...xs.slice(0, j), ...xs.slice(j + 1)]).map((p) => [x, ...p])));
  const len = (j: number): number => phrases[j]!.tokens.length;
  for (const order of perms([...Array(k).keys()])) {
    // d[j]: the distance from the end of the j-th phrase to the start of the next
    const walk = (d: number[]): void => {
      if (alts.length > MAX_NEAR_ALTERNATIVES) return;
      if (d.length === k - 1) {
        const starts = [0];
        for (let j = 1; j < k; j++) starts.push(starts[j - 1]! + len(order[j - 1]!) - 1 + d[j - 1]!);
        const lastStart = starts[k - 1]!;
        if (order.every((p, j) => lastStart - starts[j]! <= len(p) + n)) {
          alts.push(order.map((p, j) => `(${phraseQuery(phrases[p]!)})${j < k - 1 ? ` <${d[j]}>` : ''}`).join(' '));
        }
        return;
      }
      for (let dist = 1; dist <= n + 1; dist++) walk([...d, dist]);
    };
    walk([]);
  }
  if (alts.length > MAX_NEAR_ALTERNATIVES) return phrases.map((p) => `(${phraseQuery(p)})`).join(' & ');
  return alts.map((a) => `(${a})`).join(' | ');
}

/** the columns of the table a column of the expression is held in */
const tableColumns = (col: string): string[] => (col === 'body_g' ? ['body_g', 'body_more'] : [col]);

class SqlBuilder {
  readonly params: unknown[] = [];
  private readonly at = new Map<string, number>();
  param(v: string, type: 'tsquery' | 'text' = 'tsquery'): string {
    const key = `${type}:${v}`;
    let n = this.at.get(key);
    if (n === undefined) { this.params.push(v); this.at.set(key, (n = this.params.length)); }
    return `$${n}::${type}`;
  }
  /** a tsquery matched in any of the columns */
  test(cols: readonly string[], query: string): string {
    const q = this.param(query);
    const tests = cols.flatMap(tableColumns).map((c) => `s.${c} @@ ${q}`);
    return tests.length === 0 ? 'false' : tests.length === 1 ? tests[0]! : `(${tests.join(' OR ')})`;
  }
  where(n: Node): string {
    switch (n.k) {
      case 'phrase': return this.test(n.cols, phraseQuery(n.phrase));
      case 'near': return this.test(n.cols, nearQuery(n.phrases, n.n));
      case 'and': return `(${n.kids.map((x) => this.where(x)).join(' AND ')})`;
      case 'or': return `(${n.kids.map((x) => this.where(x)).join(' OR ')})`;
      case 'not': return `(${this.where(n.a)} AND NOT ${this.where(n.b)})`;
    }
  }
}

/**
 * The phrases bm25 counts in a row, each with the condition under which FTS5 reports its
 * instances: a phrase under an AND that did not match the row (one branch of an OR) or on
 * the right of a NOT has none.
 */
function scoredPhrases(n: Node, guard: string | null, b: SqlBuilder, out: Array<{ cols: readonly string[]; phrase: Phrase; guard: string | null }>, under: 'or' | 'and' = 'and'): void {
  switch (n.k) {
    case 'phrase': out.push({ cols: n.cols, phrase: n.phrase, guard }); return;
    case 'near': {
      // FTS5 counts the instances inside the NEAR window; here the phrase's instances in rows the group matches
      const g = b.test(n.cols, nearQuery(n.phrases, n.n));
      for (const p of n.phrases) out.push({ cols: n.cols, phrase: p, guard: guard ? `(${guard} AND ${g})` : g });
      return;
    }
    case 'and': {
      const g = under === 'or' ? (guard ? `(${guard} AND ${b.where(n)})` : b.where(n)) : guard;
      for (const x of n.kids) scoredPhrases(x, g, b, out, 'and');
      return;
    }
    case 'or': for (const x of n.kids) scoredPhrases(x, guard, b, out, 'or'); return;
    case 'not': scoredPhrases(n.a, guard, b, out, under); return;
  }
}

// ---------- searching ----------

interface Filters { sql: string; args: unknown[] }

function filtersOf(req: SearchRequest, first: number): Filters {
  const where: string[] = [];
  const args: unknown[] = [];
  const arg = (v: unknown): string => { args.push(v); return `$${first + args.length}`; };
  if (req.query.outlets.length) where.push(`a.outlet_id = ANY(${arg(req.query.outlets)}::text[])`);
  // days are the outlet's local days, as pages show them
  if (req.query.since) where.push(`a.day >= ${arg(req.query.since)}`);
  if (req.query.until) where.push(`a.day <= ${arg(req.query.until)}`);
  if (req.query.script) where.push(`a.script = ${arg(req.query.script)}`);
  return { sql: where.join(' AND '), args };
}

/**
 * The settings of a search's transaction (SET LOCAL: they end with it), one round trip:
 * sent by searchRids, or by a caller that sends them with its BEGIN (`settled`).
 * No statement runs longer than the timeout (57014, the store's SearchTimeoutError).
 * With a MATCH expression: the planner does not see what testing a row costs (its
 * tsvectors are TOASTed: read per test), so for a common word it prefers a sequential scan
 * (232 ms where the GIN bitmap takes 8 ms on 12,204 articles), and for a bounded read
 * (LIMIT) a walk of the primary key testing every row; JIT compiling the score costs more
 * than it saves; parallel workers cost a start-up each and compete for the same cores.
 */
export function searchSettings(req: SearchRequest, timeoutMs = SEARCH_TIMEOUT_MS): string {
  const timeout = `SET LOCAL statement_timeout = ${Math.max(1, Math.round(timeoutMs))}`;
  if (!matchExpression(req)) return timeout;
  return `${timeout}; SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off; SET LOCAL jit = off; SET LOCAL max_parallel_workers_per_gather = 0`;
}

/**
 * The matching rids in order with their relevance (bm25 turned positive and rounded as
 * SQLite's store does), and the total, exact up to the request's cap (SEARCH_CAP) and then
 * `capped`. Same tiers and the same bound as SQLite (rankingTiers, tieredPage): past the cap
 * each tier ranks its first matches in the table's order, which is rid order for rows
 * written in order (a row written again, by a reindex, moves to the end; FTS5 keeps rowid
 * order).
 * Run it inside a transaction: its statements then read one snapshot, and its settings
 * (searchSettings) end with it.
 */
export async function searchRids(c: ClientBase, req: SearchRequest, opts: { timeoutMs?: number; settled?: boolean } = {}): Promise<{ total: number; capped: boolean; hits: Array<{ rid: string; score: number }> }> {
  const cap = req.cap ?? SEARCH_CAP;
  if (!opts.settled) await c.query(searchSettings(req, opts.timeoutMs));
  const match = matchExpression(req);
  if (!match) {
    // filters alone: the newest articles that pass them
    const f = filtersOf(req, 0);
    const where = ['a.flagged = false', ...(f.sql ? [f.sql] : [])].join(' AND ');
    const found = Number((await c.query<{ n: string }>(`SELECT count(*) AS n FROM (SELECT 1 FROM articles a WHERE ${where} LIMIT ${cap + 1}) t`, f.args)).rows[0]!.n);
    const total = Math.min(found, cap);
    if (req.offset >= total) return { total, capped: found > cap, hits: [] };
    const { rows } = await c.query<{ rid: string }>(`SELECT a.rid FROM articles a WHERE ${where}
      ORDER BY a.published_at COLLATE "C" DESC NULLS LAST, a.rid LIMIT ${Math.min(req.limit, total - req.offset)} OFFSET ${req.offset}`, f.args);
    return { total, capped: found > cap, hits: rows.map((r) => ({ rid: String(r.rid), score: 0 })) };
  }
  const q = new Query(c, req);
  // bm25's figures for every expression the page may rank (the tiers of either outcome)
  // come with the count: one round trip fewer for each
  const ranks = req.sort === 'date' ? [match] : [...new Set([...rankingTiers(req, match, false), ...rankingTiers(req, match, true)])];
  const found = await q.count(match, cap + 1, ranks);
  const capped = found > cap;
  const total = Math.min(found, cap);
  if (total === 0 || req.offset >= total) return { total, capped, hits: [] };
  // newest first over every match (a page ends at the total); a date index would bound it, see docs/scaling.md
  if (req.sort === 'date') return { total, capped, hits: await q.byDate(match, Math.min(req.limit, total - req.offset)) };
  const steps = tieredPage<{ rid: string; score: number }>(rankingTiers(req, match, capped), total, capped, req.limit, req.offset);
  let answer: number | Array<{ rid: string; score: number }> = 0;
  for (;;) {
    const step = steps.next(answer);
    if (step.done) return { total, capped, hits: step.value };
    const s = step.value;
    answer = s.kind === 'count' ? await q.count(s.expr, s.bound) : await q.ranked(s.expr, s.take, s.limit, s.offset);
  }
}

interface Scored { cols: readonly string[]; phrase: Phrase; guard: string | null; key: string }

/** the phrases bm25 counts in an expression, each keyed by its columns and tsquery */
function phrasesOf(tree: Node, b: SqlBuilder): Scored[] {
  const found: Array<{ cols: readonly string[]; phrase: Phrase; guard: string | null }> = [];
  scoredPhrases(tree, null, b, found);
  return found.map((p) => ({ ...p, key: `${p.cols.join(',')}|${phraseQuery(p.phrase)}` }));
}

/** One search's statements: the expression's SQL, its filters, and bm25's figures (counted once). */
class Query {
  private readonly idf = new Map<string, number>();
  private collection?: { rows: number; avgdl: number };
  private readonly filtered: boolean;
  constructor(private readonly c: ClientBase, private readonly req: SearchRequest) {
    this.filtered = Boolean(req.query.outlets.length || req.query.since || req.query.until || req.query.script);
  }

  /**
   * FROM, WHERE and (when asked) the bm25 score of an expression, with their parameters;
   * `extra` adds columns to the statement (before the filters take their parameters).
   */
  private async sql(expr: string, scored = false, extra?: (b: SqlBuilder) => string): Promise<{ from: string; where: string; freqs: string; score: string; extra: string; args: unknown[] }> {
    const b = new SqlBuilder();
    const tree = parseMatch(expr);
    const match = b.where(tree);
    const { freqs, score } = scored ? await this.score(b, tree) : { freqs: '0 AS f0', score: '0' };
    const more = extra?.(b) ?? '';
    if (!this.filtered) return { from: 'search s', where: match, freqs, score, extra: more, args: b.params };
    const f = filtersOf(this.req, b.params.length);
    // flagged articles are never indexed; the filters come from the articles row
    return { from: 'search s JOIN articles a ON a.rid = s.rid', where: `${match} AND ${f.sql}`, freqs, score, extra: more, args: [...b.params, ...f.args] };
  }

  /**
   * the matches up to `bound`: the heap scan stops there, each phrase re-checked on at most
   * that many rows; with bm25's figures for the phrases of `ranks` in the same statement
   */
  async count(expr: string, bound: number, ranks: readonly string[] = []): Promise<number> {
    let counted: string[] = [];
    const s = await this.sql(expr, false, (b) => {
      const { columns, keys } = this.phraseCounts(b, ranks.flatMap((r) => phrasesOf(parseMatch(r), new SqlBuilder())));
      counted = keys;
      return columns;
    });
    const { rows } = await this.c.query<Record<string, string | null>>(`SELECT (SELECT count(*) FROM (SELECT 1 FROM ${s.from} WHERE ${s.where} LIMIT ${bound}) t) AS n${s.extra}`, s.args);
    this.takeCounts(rows[0]!, counted);
    return Number(rows[0]!.n);
  }

  /**
   * bm25 of a row: each phrase's weighted instances in a LATERAL subquery (OFFSET 0 keeps
   * it from being folded into the score, which names each twice: every ts_rank_cd reads a
   * TOASTed tsvector), and the score over them, with FTS5's IDF of every phrase.
   */
  private async score(b: SqlBuilder, tree: Node): Promise<{ freqs: string; score: string }> {
    const phrases = phrasesOf(tree, b);
    await this.countPhrases(phrases);
    const { avgdl } = this.collection!;
    const freqs: string[] = [];
    const terms: string[] = [];
    for (const p of phrases) {
      const q = b.param(phraseQuery(p.phrase));
      const f = p.cols.flatMap(tableColumns).filter((col) => WEIGHTS[col]! > 0)
        .map((col) => `${WEIGHTS[col]} * ts_rank_cd('{1,1,1,1}'::float4[], s.${col}, ${q})`);
      if (f.length === 0) continue;
      const name = `f${freqs.length}`;
      freqs.push(`(${f.join(' + ')})::float8 AS ${name}`);
      const one = `(${this.idf.get(p.key)!}::float8 * f.${name} * ${K1 + 1} / (f.${name} + ${K1} * (${1 - B} + ${B} * s.tokens / ${avgdl}::float8)))`;
      terms.push(p.guard ? `CASE WHEN ${p.guard} THEN ${one} ELSE 0 END` : one);
    }
    return { freqs: freqs.length ? freqs.join(', ') : '0 AS f0', score: terms.length ? terms.join(' + ') : '0' };
  }

  /** the phrases' document counts not known yet, in a statement of their own */
  private async countPhrases(phrases: readonly Scored[]): Promise<void> {
    const b = new SqlBuilder();
    const { columns, keys } = this.phraseCounts(b, phrases);
    if (!columns) return;
    const { rows } = await this.c.query<Record<string, string | null>>(`SELECT 1 AS one${columns}`, b.params);
    this.takeCounts(rows[0]!, keys);
  }

  /**
   * Columns (`, … AS cN`) counting the documents holding each phrase not known yet, over
   * the whole index (filters aside) as FTS5 counts them, and the collection's figures when
   * not read yet. A single token (not a prefix) of one of DF_SETS is read from search_df.
   * Bounded: a phrase of several tokens is counted exactly (each candidate row re-checked)
   * only when at most SEARCH_CAP documents hold all its tokens; past that its count is the number
   * of documents holding all its tokens (GIN answers it without reading the rows), so a
   * common phrase's idf is a little lower than FTS5's exact one.
   */
  private phraseCounts(b: SqlBuilder, phrases: readonly Scored[]): { columns: string; keys: string[] } {
    const todo = new Map<string, Scored>();
    for (const p of phrases) if (!this.idf.has(p.key)) todo.set(p.key, p);
    const counts = [...todo.values()].map((p, i) => {
      const set = p.phrase.tokens.length === 1 && !p.phrase.prefix ? DF_SETS.findIndex((d) => d.cols.join(',') === p.cols.join(',')) : -1;
      if (set >= 0) return `, coalesce((SELECT docs FROM search_df WHERE token = ${b.param(p.phrase.tokens[0]!, 'text')} AND col = ${set}), 0) AS c${i}`;
      const exact = `(SELECT count(*) FROM search s WHERE ${b.test(p.cols, phraseQuery(p.phrase))})`;
      if (p.phrase.tokens.length < 2) return `, ${exact} AS c${i}`;
      const all = `(SELECT count(*) FROM search s WHERE ${b.test(p.cols, allTokensQuery(p.phrase))})`;
      return `, (SELECT CASE WHEN t.n <= ${SEARCH_CAP} THEN ${exact} ELSE t.n END FROM (SELECT ${all} AS n) t) AS c${i}`;
    });
    if (!this.collection) counts.push(', (SELECT sum(rows) FROM search_totals) AS rows, (SELECT sum(tokens) FROM search_totals) AS tokens');
    return { columns: counts.join(''), keys: [...todo.keys()] };
  }

  /** the counts phraseCounts' columns read, as idf */
  private takeCounts(r: Record<string, string | null>, keys: readonly string[]): void {
    if (!this.collection) {
      const n = Number(r.rows ?? 0);
      this.collection = { rows: n, avgdl: n > 0 ? Number(r.tokens ?? 0) / n : 1 };
    }
    const n = this.collection.rows;
    keys.forEach((key, i) => {
      const hits = Number(r[`c${i}`]);
      const idf = Math.log((n - hits + 0.5) / (hits + 0.5));
      this.idf.set(key, idf > 0 ? idf : 1e-6);
    });
  }

  /** one page of an expression's first `take` matches (in the table's order) by relevance */
  async ranked(expr: string, take: number, limit: number, offset: number): Promise<Array<{ rid: string; score: number }>> {
    const s = await this.sql(expr, true);
    const { rows } = await this.c.query<{ rid: string; score: number }>(`SELECT s.rid, (${s.score})::float8 AS score
      FROM (SELECT s.* FROM ${s.from} WHERE ${s.where} LIMIT ${take}) s CROSS JOIN LATERAL (SELECT ${s.freqs} OFFSET 0) f
      ORDER BY score DESC, s.rid LIMIT ${limit} OFFSET ${offset}`, s.args);
    return rows.map((r) => ({ rid: String(r.rid), score: Math.round(r.score * 1000) / 1000 }));
  }

  /** one page of the matches, newest first, each with its relevance (computed for the page's rows only) */
  async byDate(expr: string, limit: number): Promise<Array<{ rid: string; score: number }>> {
    const s = await this.sql(expr, true);
    const from = this.filtered ? s.from : 'search s JOIN articles a ON a.rid = s.rid';
    const { rows } = await this.c.query<{ rid: string; score: number }>(`SELECT s.rid, (${s.score})::float8 AS score
      FROM (SELECT s.*, a.published_at AS published_at_ FROM ${from} WHERE ${s.where}
        ORDER BY a.published_at COLLATE "C" DESC NULLS LAST, s.rid LIMIT ${limit} OFFSET ${this.req.offset}) s
        CROSS JOIN LATERAL (SELECT ${s.freqs} OFFSET 0) f
      ORDER BY s.published_at_ DESC NULLS LAST, s.rid`, s.args);
    return rows.map((r) => ({ rid: String(r.rid), score: Math.round(r.score * 1000) / 1000 }));
  }
}
