// What the analysis keeps between runs in the PostgreSQL store (as sqlite/analysis.ts):
// each analysed article's word counts and time, the archive's document frequencies (the
// count of analysed articles under the empty word), the keys lineage finds candidates by,
// and the queue of articles the analysis has not seen, filled by triggers on articles.
import type { LineageEdge } from '../../dedup/lineage.js';
import { isMark, type AnalysedArticle, type LineageCandidates, type PendingArticle, type StoredText } from '../store.js';
import { bytes, num, type Conn, type Db } from './db.js';

/** news articles never analysed, or whose content changed since, in time order (undated last) */
export async function pending(db: Db): Promise<PendingArticle[]> {
  const r = await db.query<PendingArticle>(`SELECT a.id, a.content_hash AS hash FROM analysis_queue q JOIN articles a ON a.id = q.article_id
    WHERE NOT a.flagged ORDER BY a.published_at IS NULL, a.published_at, a.id`);
  return r.rows;
}

export async function hasPending(db: Db): Promise<boolean> {
  return (await db.query('SELECT 1 FROM analysis_queue LIMIT 1')).rowCount! > 0;
}

export async function count(db: Db | Conn): Promise<number> {
  return num((await db.query<{ df: number }>("SELECT df FROM analysis_df WHERE word = ''")).rows[0]?.df);
}

/** forget every analysis and every lineage edge: every news article is queued again */
export async function clearAnalysis(c: Conn): Promise<void> {
  await c.query(`DELETE FROM analysis_articles; DELETE FROM analysis_df; DELETE FROM lineage_keys; DELETE FROM lineage;
    INSERT INTO analysis_queue (article_id) SELECT id FROM articles WHERE NOT flagged ON CONFLICT DO NOTHING`);
}

/** articles analysed now: their features replace any earlier ones, document frequencies follow */
export async function saveAnalysed(c: Conn, rows: readonly AnalysedArticle[]): Promise<void> {
  if (rows.length === 0) return;
  const ids = [...new Set(rows.map((r) => r.id))];
  const old = await c.query<{ article_id: string; words: string }>('SELECT article_id, words FROM analysis_articles WHERE article_id = ANY($1::text[])', [ids]);
  // the words each article was counted under, as the rows are applied one after another
  const counted = new Map<string, string[] | null>(old.rows.map((r) => [r.article_id, (JSON.parse(r.words) as Array<[string, number]>).map(([w]) => w).filter((w) => !isMark(w))]));
  const df = new Map<string, number>();
  const last = new Map<string, AnalysedArticle>();
  for (const r of rows) {
    const before = counted.get(r.id);
    if (before) for (const w of before) df.set(w, (df.get(w) ?? 0) - 1);
    else df.set('', (df.get('') ?? 0) + 1);
    const words = r.words.map(([w]) => w).filter((w) => !isMark(w));
    for (const w of words) df.set(w, (df.get(w) ?? 0) + 1);
    counted.set(r.id, words);
    last.delete(r.id);
    last.set(r.id, r);
  }
  const latest = [...last.values()];
  await c.query(`INSERT INTO analysis_articles (article_id, content_hash, at, words) SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[])
    ON CONFLICT (article_id) DO UPDATE SET content_hash = excluded.content_hash, at = excluded.at, words = excluded.words`,
  [latest.map((r) => r.id), latest.map((r) => r.hash), latest.map((r) => r.at), latest.map((r) => JSON.stringify(r.words))]);
  await c.query('DELETE FROM lineage_keys WHERE article_id = ANY($1::text[])', [ids]);
  const keyRows = latest.flatMap((r) => r.keys.map((k) => [String(k), r.id] as const));
  if (keyRows.length) {
    await c.query('INSERT INTO lineage_keys (key, article_id) SELECT * FROM unnest($1::bigint[], $2::text[]) ON CONFLICT DO NOTHING',
      [keyRows.map((k) => k[0]), keyRows.map((k) => k[1])]);
  }
  // still queued if it changed again while it was analysed
  await c.query(`DELETE FROM analysis_queue q USING unnest($1::text[], $2::text[]) AS u(id, hash), articles a
    WHERE q.article_id = u.id AND a.id = u.id AND a.content_hash = u.hash`, [latest.map((r) => r.id), latest.map((r) => r.hash)]);
  const changed = [...df].filter(([, d]) => d !== 0);
  if (changed.length) {
    await c.query(`INSERT INTO analysis_df (word, df) SELECT * FROM unnest($1::text[], $2::int[])
      ON CONFLICT (word) DO UPDATE SET df = analysis_df.df + excluded.df`, [changed.map(([w]) => w), changed.map(([, d]) => d)]);
  }
}

export async function frequencies(db: Db, words: Iterable<string>): Promise<{ n: number; df: Map<string, number> }> {
  const df = new Map<string, number>();
  for (const w of words) df.set(w, 0);
  const r = await db.query<{ word: string; df: number }>('SELECT word, df FROM analysis_df WHERE word = ANY($1::text[])', [[...df.keys(), '']]);
  let n = 0;
  for (const x of r.rows) {
    if (x.word === '') n = x.df;
    if (df.has(x.word)) df.set(x.word, x.df);
  }
  return { n, df };
}

/**
 * The articles holding each key, leaving out `exclude`. A key held by more than
 * `capOf(key)` articles is boilerplate: it brings no holders and is reported as common.
 */
export async function candidates(db: Db, keys: Iterable<number>, exclude: ReadonlySet<string>, capOf: (key: number) => number): Promise<LineageCandidates> {
  const list = [...new Set(keys)];
  const common = new Set<number>();
  const byKey = new Map<number, string[]>();
  if (list.length === 0) return { common, holders: byKey };
  const r = await db.query<{ n: string; article_id: string }>(`SELECT u.n::text AS n, h.article_id FROM unnest($1::bigint[], $2::int[]) WITH ORDINALITY AS u(k, cap, n)
    CROSS JOIN LATERAL (SELECT article_id FROM lineage_keys WHERE key = u.k ORDER BY article_id LIMIT u.cap + 1) h ORDER BY u.n, h.article_id`,
  [list.map(String), list.map((k) => capOf(k))]);
  const holders = new Map<number, string[]>();
  for (const x of r.rows) {
    const i = Number(x.n) - 1;
    let h = holders.get(i);
    if (!h) holders.set(i, (h = []));
    h.push(x.article_id);
  }
  list.forEach((k, i) => {
    const h = holders.get(i) ?? [];
    if (h.length > capOf(k)) { common.add(k); return; }
    const kept = h.filter((id) => !exclude.has(id));
    if (kept.length) byKey.set(k, kept);
  });
  return { common, holders: byKey };
}

export async function between(db: Db, from: number, to: number): Promise<Array<{ id: string; at: number; words: Array<[string, number]> }>> {
  const r = await db.query<{ article_id: string; at: string; words: string }>('SELECT article_id, at, words FROM analysis_articles WHERE at >= $1 AND at <= $2 ORDER BY at, article_id', [from, to]);
  return r.rows.map((x) => ({ id: x.article_id, at: Number(x.at), words: JSON.parse(x.words) as Array<[string, number]> }));
}

export async function placementsOf(db: Db, ids: Iterable<string>): Promise<{ events: Map<string, string>; threads: Map<string, string> }> {
  const list = [...ids];
  const r = await db.query<{ article_id: string; event_id: string; thread_id: string | null }>(`SELECT m.article_id, m.event_id, e.thread_id
    FROM event_members m LEFT JOIN events e ON e.id = m.event_id WHERE m.article_id = ANY($1::text[])`, [list]);
  const of = new Map(r.rows.map((x) => [x.article_id, x]));
  const events = new Map<string, string>();
  const threads = new Map<string, string>();
  for (const id of list) {
    const x = of.get(id);
    if (!x) continue;
    events.set(id, x.event_id);
    if (!threads.has(x.event_id) && x.thread_id) threads.set(x.event_id, x.thread_id);
  }
  return { events, threads };
}

/** the stored texts of these articles cut by `version` */
export async function texts(db: Db, ids: readonly string[], version: string): Promise<Map<string, StoredText>> {
  const out = new Map<string, StoredText>();
  if (ids.length === 0) return out;
  const r = await db.query<{ article_id: string; text_key: string; version: string; data: Buffer }>(
    'SELECT article_id, text_key, version, data FROM article_texts WHERE article_id = ANY($1::text[]) AND version = $2', [[...ids], version]);
  for (const x of r.rows) out.set(x.article_id, { article: x.article_id, key: x.text_key, version: x.version, data: x.data });
  return out;
}

/** texts written (inside the caller's transaction), each replacing its article's row */
export async function saveTexts(c: Conn, rows: readonly StoredText[]): Promise<void> {
  if (rows.length === 0) return;
  const last = [...new Map(rows.map((t) => [t.article, t])).values()];
  await c.query(`INSERT INTO article_texts (article_id, text_key, version, data) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bytea[])
    ON CONFLICT (article_id) DO UPDATE SET text_key = excluded.text_key, version = excluded.version, data = excluded.data`,
  [last.map((t) => t.article), last.map((t) => t.key), last.map((t) => t.version), last.map((t) => bytes(t.data))]);
}

/** edges from or to `ids` are replaced by `edges` */
export async function replaceLineageOf(c: Conn, ids: Iterable<string>, edges: readonly LineageEdge[]): Promise<void> {
  const list = [...ids];
  // every id's edges go before any is written: an edge between two of them is written once
  if (list.length) await c.query('DELETE FROM lineage WHERE from_id = ANY($1::text[]) OR to_id = ANY($1::text[])', [list]);
  await putEdges(c, edges);
}

/** write edges; the last of two with the same ends wins (INSERT OR REPLACE) */
export async function putEdges(c: Conn, edges: readonly LineageEdge[]): Promise<void> {
  if (edges.length === 0) return;
  const last = [...new Map(edges.map((e) => [`${e.from}\u0000${e.to}`, e])).values()];
  for (let i = 0; i < last.length; i += 20_000) {
    const part = last.slice(i, i + 20_000);
    await c.query(`INSERT INTO lineage (from_id, to_id, kind, score) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[])
      ON CONFLICT (from_id, to_id) DO UPDATE SET kind = excluded.kind, score = excluded.score`,
    [part.map((e) => e.from), part.map((e) => e.to), part.map((e) => e.kind), part.map((e) => e.score)]);
  }
}

type EdgeRow = { from_id: string; to_id: string; kind: LineageEdge['kind']; score: number };
const toEdge = (r: EdgeRow): LineageEdge => ({ from: r.from_id, to: r.to_id, kind: r.kind, score: r.score });

export async function lineageOf(db: Db, id: string): Promise<LineageEdge[]> {
  const r = await db.query<EdgeRow>(`(SELECT from_id, to_id, kind, score FROM lineage WHERE from_id = $1 ORDER BY to_id)
    UNION ALL (SELECT from_id, to_id, kind, score FROM lineage WHERE to_id = $1 AND from_id <> to_id ORDER BY from_id)`, [id]);
  return r.rows.map(toEdge);
}

export async function allLineage(db: Db): Promise<LineageEdge[]> {
  return (await db.query<EdgeRow>('SELECT from_id, to_id, kind, score FROM lineage ORDER BY from_id, to_id')).rows.map(toEdge);
}
