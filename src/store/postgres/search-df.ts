// bm25's document frequencies on PostgreSQL (search_df): the column sets counted, the table,
// counting it afresh from the search rows, and the changes a batch or a load makes to it.
import type { ClientBase } from 'pg';

/**
 * The column sets a query's phrases name (sqlite/search.ts formExpr), as search_df's `col`;
 * each set with the tsvector of a row holding its tokens (body_g's overflow in body_more).
 * A set, not a column: a document counts once when several of the set's columns hold the token.
 * DfChanges counts the same sets in the same order, from a row's token maps.
 */
export const DF_SETS: ReadonlyArray<{ cols: readonly string[]; vector: string }> = [
  { cols: ['title_w'], vector: 'r.title_w' },
  { cols: ['title_g'], vector: 'r.title_g' },
  { cols: ['tags'], vector: 'r.tags' },
  { cols: ['title_w', 'body_w'], vector: 'strip(r.title_w) || strip(r.body_w)' },
  { cols: ['title_g', 'body_g'], vector: 'strip(r.title_g) || strip(r.body_g) || strip(r.body_more)' },
];

/**
 * bm25's document frequency of each token, per column set (DF_SETS' index), kept by
 * writeSearchRows in the transaction that writes the rows: counting a common token over
 * the GIN index took most of a query's time at 200,000 articles (docs/scaling.md). A count
 * that falls to 0 stays as a row. Half-full pages: an update finds room in its page (HOT).
 */
export const SEARCH_DF_TABLE = `CREATE TABLE IF NOT EXISTS search_df (
  token text COLLATE "C" NOT NULL,
  col smallint NOT NULL,
  docs integer NOT NULL,
  PRIMARY KEY (token, col)
) WITH (fillfactor = 50);`;

/** search_df's rows counted afresh from the search rows (token, col, docs): to fill it, or to check it */
export const SEARCH_DF_COUNTED = DF_SETS.map((s, i) => `SELECT word AS token, ${i}::smallint AS col, ndoc AS docs FROM ts_stat('SELECT ${s.vector} FROM search r')`).join('\nUNION ALL ');

/** each (set, token) of the rows of `r`, once per row */
export const DF_TOKENS = `CROSS JOIN LATERAL (VALUES ${DF_SETS.map((s, i) => `(${i}::smallint, ${s.vector})`).join(', ')}) v(col, vec)
  CROSS JOIN LATERAL unnest(tsvector_to_array(v.vec)) k(tok)`;

/** a row's tsvectors as token → positions (search.ts searchVectors) */
export interface TokenMaps { tw: Map<string, number[]>; tg: Map<string, number[]>; bg: Map<string, number[]>; bm: Map<string, number[]>; bw: Map<string, number[]>; tt: Map<string, number[]> }

/**
 * Counts of tokens of one or two UTF-16 units (CJK characters and bigrams: nearly all of
 * them) in typed arrays, open addressing. A load adds up millions of them; in a Map they cost
 * more in garbage collection and cache misses than everything else a batch's client does.
 * Key: the units as one number (the first unit is never 0, so a single unit never collides
 * with a pair, and 0 marks an empty slot).
 */
class ShortTokenCounts {
  private keys = new Uint32Array(1 << 12);
  private counts = new Int32Array(1 << 12);
  size = 0;

  static key(t: string): number {
    return t.length === 1 ? t.charCodeAt(0) : ((t.charCodeAt(0) << 16) | t.charCodeAt(1)) >>> 0;
  }

  static token(k: number): string {
    return k < 0x10000 ? String.fromCharCode(k) : String.fromCharCode(k >>> 16, k & 0xffff);
  }

  add(key: number, n: number): void {
    const mask = this.keys.length - 1;
    for (let i = Math.imul(key, 0x9e3779b1) & mask; ; i = (i + 1) & mask) {
      const k = this.keys[i]!;
      if (k === key) { this.counts[i]! += n; return; }
      if (k === 0) {
        this.keys[i] = key;
        this.counts[i] = n;
        if (++this.size * 2 > this.keys.length) this.grow();
        return;
      }
    }
  }

  *entries(): IterableIterator<[string, number]> {
    for (let i = 0; i < this.keys.length; i++) if (this.keys[i] !== 0) yield [ShortTokenCounts.token(this.keys[i]!), this.counts[i]!];
  }

  /** another's counts added to these */
  merge(other: ShortTokenCounts): void {
    for (let i = 0; i < other.keys.length; i++) if (other.keys[i] !== 0) this.add(other.keys[i]!, other.counts[i]!);
  }

  private grow(): void {
    const [keys, counts] = [this.keys, this.counts];
    this.keys = new Uint32Array(keys.length * 2);
    this.counts = new Int32Array(keys.length * 2);
    this.size = 0;
    for (let i = 0; i < keys.length; i++) if (keys[i] !== 0) this.add(keys[i]!, counts[i]!);
  }
}

/** one set's counts: short tokens in typed arrays, the others in a Map */
class TokenCounts {
  readonly short = new ShortTokenCounts();
  readonly long = new Map<string, number>();
  get size(): number { return this.short.size + this.long.size; }

  add(t: string, n: number): void {
    if (t.length <= 2) this.short.add(ShortTokenCounts.key(t), n);
    else this.long.set(t, (this.long.get(t) ?? 0) + n);
  }

  *entries(): IterableIterator<[string, number]> {
    yield* this.short.entries();
    yield* this.long;
  }
}

/** changes of search_df in one statement at most (a load's end applies millions) */
const DF_STATEMENT = 200_000;

const DF_UPSERT = `INSERT INTO search_df (token, col, docs)
    SELECT tok, col, n FROM unnest($1::smallint[], $2::text[], $3::int[]) AS u(col, tok, n)
    ORDER BY tok COLLATE "C", col
  ON CONFLICT (token, col) DO UPDATE SET docs = search_df.docs + excluded.docs`;

/**
 * Changes to search_df: per set of DF_SETS, token → change in its number of documents.
 * One batch's (applied in its transaction) or a whole load's (applied at its end, bulk-load.ts).
 */
export class DfChanges {
  private sets = DF_SETS.map(() => new TokenCounts());
  /** (set, token) entries held */
  get size(): number { return this.sets.reduce((n, s) => n + s.size, 0); }

  add(set: number, token: string, n: number): void {
    this.sets[set]!.add(token, n);
  }

  /** another's changes added to these */
  merge(other: DfChanges): void {
    other.sets.forEach((counts, set) => {
      this.sets[set]!.short.merge(counts.short);
      for (const [t, n] of counts.long) this.add(set, t, n);
    });
  }

  /** a new row's tokens, once per set (a token in several columns of one set counts once) */
  addRow(r: TokenMaps): void {
    for (const t of r.tw.keys()) { this.add(0, t, 1); this.add(3, t, 1); }
    for (const t of r.tg.keys()) this.add(1, t, 1);
    for (const t of r.tt.keys()) this.add(2, t, 1);
    for (const t of r.bw.keys()) if (!r.tw.has(t)) this.add(3, t, 1);
    for (const t of r.bg.keys()) this.add(4, t, 1);
    for (const t of r.tg.keys()) if (!r.bg.has(t)) this.add(4, t, 1);
    for (const t of r.bm.keys()) if (!r.bg.has(t) && !r.tg.has(t)) this.add(4, t, 1);
  }

  /**
   * Write them into search_df inside the caller's transaction, in (token, set) order within
   * each statement (writers hold the write lock, db.ts, so statements never cross); at most
   * DF_STATEMENT changes a statement. Emptied after.
   */
  async apply(c: ClientBase): Promise<void> {
    let cols: number[] = [], toks: string[] = [], ns: number[] = [];
    const send = async (): Promise<void> => {
      if (toks.length) await c.query(DF_UPSERT, [cols, toks, ns]);
      cols = []; toks = []; ns = [];
    };
    for (let set = 0; set < this.sets.length; set++) {
      for (const [t, n] of this.sets[set]!.entries()) {
        if (n === 0) continue;
        cols.push(set); toks.push(t); ns.push(n);
        if (toks.length >= DF_STATEMENT) await send();
      }
    }
    await send();
    this.sets = DF_SETS.map(() => new TokenCounts());
  }
}
