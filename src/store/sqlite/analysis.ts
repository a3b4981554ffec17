// What the analysis keeps between runs so that new articles cost work in proportion to
// themselves: each analysed article's word counts and time (grouping's input), the
// archive's document frequencies, the keys lineage finds candidates by (LSH bands and
// sentence hashes), and the lineage edges. Written with the events in one transaction per run.
import type Database from 'better-sqlite3';
import type { LineageEdge } from '../../dedup/lineage.js';
import { isMark, type AnalysedArticle, type EventRecord, type LineageCandidates, type PendingArticle, type StoredText, type ThreadRecord } from '../store.js';

export const ANALYSIS_SCHEMA = `
CREATE TABLE IF NOT EXISTS analysis_articles (
  article_id TEXT PRIMARY KEY,
  content_hash TEXT NOT NULL,
  at INTEGER,
  words TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS analysis_articles_at ON analysis_articles(at);
CREATE TABLE IF NOT EXISTS analysis_df (word TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS lineage_keys (
  key INTEGER NOT NULL,
  article_id TEXT NOT NULL,
  PRIMARY KEY (key, article_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS lineage_keys_article ON lineage_keys(article_id);
-- news articles added or changed since the analysis saw them, queued by the writes
-- themselves: finding what is new costs nothing however large the archive
CREATE TABLE IF NOT EXISTS analysis_queue (article_id TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS articles_queue_new AFTER INSERT ON articles WHEN NEW.flagged = 0
  BEGIN INSERT OR IGNORE INTO analysis_queue (article_id) VALUES (NEW.id); END;
CREATE TRIGGER IF NOT EXISTS articles_queue_changed AFTER UPDATE OF content_hash, flagged ON articles
  WHEN NEW.flagged = 0 AND (NEW.content_hash != OLD.content_hash OR OLD.flagged != 0)
  BEGIN INSERT OR IGNORE INTO analysis_queue (article_id) VALUES (NEW.id); END;
`;

/**
 * each compared article's text as the comparison cut it (stories/stored-texts.ts): the text
 * it was cut from (text_key) and the rules it was cut by (version), deflated (~10 KB); a
 * rowid table, as the rows are large
 */
export const TEXTS_SCHEMA = `
CREATE TABLE IF NOT EXISTS article_texts (
  article_id TEXT PRIMARY KEY,
  text_key TEXT NOT NULL,
  version TEXT NOT NULL,
  data BLOB NOT NULL
);
`;

/** words whose document frequencies are read by one statement */
const FREQUENCY_PAGE = 10_000;

export class SqliteAnalysis {
  private readonly stmts;

  constructor(private readonly db: Database.Database) {
    this.stmts = {
      oldWords: db.prepare('SELECT words FROM analysis_articles WHERE article_id = ?').pluck(),
      putArticle: db.prepare('INSERT OR REPLACE INTO analysis_articles (article_id, content_hash, at, words) VALUES (?, ?, ?, ?)'),
      bumpDf: db.prepare('INSERT INTO analysis_df (word, df) VALUES (?, ?) ON CONFLICT(word) DO UPDATE SET df = df + excluded.df'),
      dropKeys: db.prepare('DELETE FROM lineage_keys WHERE article_id = ?'),
      putKey: db.prepare('INSERT OR IGNORE INTO lineage_keys (key, article_id) VALUES (?, ?)'),
      keyHolders: db.prepare('SELECT article_id FROM lineage_keys WHERE key = ? LIMIT ?').pluck(),
      dfOf: db.prepare('SELECT word, df FROM analysis_df WHERE word IN (SELECT value FROM json_each(?))'),
      // the number of analysed articles is kept under the empty word: counting the table reads all of it
      count: db.prepare("SELECT df FROM analysis_df WHERE word = ''").pluck(),
      between: db.prepare('SELECT article_id, at, words FROM analysis_articles WHERE at >= ? AND at <= ? ORDER BY at'),
      placement: db.prepare('SELECT event_id FROM event_members WHERE article_id = ?').pluck(),
      threadOf: db.prepare('SELECT thread_id FROM events WHERE id = ?').pluck(),
      // two statements: an OR across the two indexes would scan the whole table
      dropEdgesFrom: db.prepare('DELETE FROM lineage WHERE from_id = ?'),
      dropEdgesTo: db.prepare('DELETE FROM lineage WHERE to_id = ?'),
      unqueue: db.prepare('DELETE FROM analysis_queue WHERE article_id = ? AND (SELECT content_hash FROM articles WHERE id = ?) = ?'),
      queued: db.prepare('SELECT EXISTS (SELECT 1 FROM analysis_queue)').pluck(),
      textsOf: db.prepare('SELECT article_id, text_key, version, data FROM article_texts WHERE article_id IN (SELECT value FROM json_each(?)) AND version = ?'),
      putText: db.prepare('INSERT OR REPLACE INTO article_texts (article_id, text_key, version, data) VALUES (?, ?, ?, ?)'),
      putEdge: db.prepare('INSERT OR REPLACE INTO lineage (from_id, to_id, kind, score) VALUES (?, ?, ?, ?)'),
      putEvent: db.prepare('INSERT OR REPLACE INTO events (id, thread_id, first_at, last_at, outlets, articles, doc) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      putMember: db.prepare('INSERT OR REPLACE INTO event_members (article_id, event_id) VALUES (?, ?)'),
      putThread: db.prepare('INSERT OR REPLACE INTO threads (id, first_at, last_at, events, outlets, doc) VALUES (?, ?, ?, ?, ?, ?)'),
      // prepared once: search asks for the lineage of every hit on a page
      lineageOf: db.prepare('SELECT from_id, to_id, kind, score FROM lineage WHERE from_id = ? UNION ALL SELECT from_id, to_id, kind, score FROM lineage WHERE to_id = ? AND from_id <> to_id'),
    };
  }

  /** news articles never analysed, or whose content changed since */
  pending(): PendingArticle[] {
    // in time order (undated last): a full analysis runs through the archive in batches
    // CROSS JOIN keeps the queue the outer loop: ordering by date would have the planner walk every article
    return this.db.prepare(`SELECT a.id, a.content_hash AS hash FROM analysis_queue q CROSS JOIN articles a ON a.id = q.article_id
      WHERE a.flagged = 0 ORDER BY a.published_at IS NULL, a.published_at, a.id`).all() as PendingArticle[];
  }

  hasPending(): boolean { return this.stmts.queued.get() === 1; }

  count(): number { return (this.stmts.count.get() as number | undefined) ?? 0; }

  /** forget every analysis: every news article is queued again */
  clear(): void {
    this.db.exec(`DELETE FROM analysis_articles; DELETE FROM analysis_df; DELETE FROM lineage_keys;
      INSERT OR IGNORE INTO analysis_queue (article_id) SELECT id FROM articles WHERE flagged = 0;`);
  }

  /** articles analysed now: their features replace any earlier ones, document frequencies follow */
  save(rows: readonly AnalysedArticle[]): void {
    const df = new Map<string, number>();
    for (const r of rows) {
      const old = this.stmts.oldWords.get(r.id) as string | undefined;
      if (old) for (const [w] of JSON.parse(old) as Array<[string, number]>) { if (!isMark(w)) df.set(w, (df.get(w) ?? 0) - 1); }
      else df.set('', (df.get('') ?? 0) + 1);
      for (const [w] of r.words) if (!isMark(w)) df.set(w, (df.get(w) ?? 0) + 1);
      this.stmts.putArticle.run(r.id, r.hash, r.at, JSON.stringify(r.words));
      this.stmts.dropKeys.run(r.id);
      for (const k of r.keys) this.stmts.putKey.run(k, r.id);
      // still queued if it changed again while it was analysed
      this.stmts.unqueue.run(r.id, r.id, r.hash);
    }
    for (const [w, d] of df) if (d !== 0) this.stmts.bumpDf.run(w, d);
  }

  /** document frequency of each word, and of how many articles */
  frequencies(words: Iterable<string>): { n: number; df: Map<string, number> } {
    const df = new Map<string, number>();
    for (const w of words) df.set(w, 0);
    // one statement for the lot (a replay asks for tens of thousands of words), in pages
    const list = [...df.keys()];
    for (let i = 0; i < list.length; i += FREQUENCY_PAGE) {
      for (const r of this.stmts.dfOf.all(JSON.stringify(list.slice(i, i + FREQUENCY_PAGE))) as Array<{ word: string; df: number }>) df.set(r.word, r.df);
    }
    return { n: this.count(), df };
  }

  /**
   * The articles holding each key, leaving out `exclude`. A key held by more than
   * `capOf(key)` articles is boilerplate: it brings no holders and is reported as common.
   */
  candidates(keys: Iterable<number>, exclude: ReadonlySet<string>, capOf: (key: number) => number): LineageCandidates {
    const common = new Set<number>();
    const byKey = new Map<number, string[]>();
    for (const k of new Set(keys)) {
      const cap = capOf(k);
      const holders = this.stmts.keyHolders.all(k, cap + 1) as string[];
      if (holders.length > cap) { common.add(k); continue; }
      const kept = holders.filter((id) => !exclude.has(id));
      if (kept.length) byKey.set(k, kept);
    }
    return { common, holders: byKey };
  }

  between(from: number, to: number): Array<{ id: string; at: number; words: Array<[string, number]> }> {
    return (this.stmts.between.all(from, to) as Array<{ article_id: string; at: number; words: string }>)
      .map((r) => ({ id: r.article_id, at: r.at, words: JSON.parse(r.words) as Array<[string, number]> }));
  }

  placementsOf(ids: Iterable<string>): { events: Map<string, string>; threads: Map<string, string> } {
    const events = new Map<string, string>();
    const threads = new Map<string, string>();
    for (const id of ids) {
      const e = this.stmts.placement.get(id) as string | undefined;
      if (!e) continue;
      events.set(id, e);
      if (!threads.has(e)) { const t = this.stmts.threadOf.get(e) as string | undefined; if (t) threads.set(e, t); }
    }
    return { events, threads };
  }

  /** the stored texts of these articles cut by `version` */
  texts(ids: readonly string[], version: string): Map<string, StoredText> {
    const out = new Map<string, StoredText>();
    if (ids.length === 0) return out;
    for (const r of this.stmts.textsOf.all(JSON.stringify(ids), version) as Array<{ article_id: string; text_key: string; version: string; data: Buffer }>) {
      out.set(r.article_id, { article: r.article_id, key: r.text_key, version: r.version, data: r.data });
    }
    return out;
  }

  /** texts written (inside the caller's transaction), each replacing its article's row */
  saveTexts(texts: readonly StoredText[]): void {
    for (const t of texts) this.stmts.putText.run(t.article, t.key, t.version, t.data);
  }

  /** edges from or to `ids` are replaced by `edges` */
  replaceLineageOf(ids: Iterable<string>, edges: readonly LineageEdge[]): void {
    // every id's edges go before any is written: an edge between two of them is written once
    for (const id of ids) { this.stmts.dropEdgesFrom.run(id); this.stmts.dropEdgesTo.run(id); }
    for (const e of edges) this.stmts.putEdge.run(e.from, e.to, e.kind, e.score);
  }

  /** events and threads written or rewritten; the others stay as they are */
  upsertEvents(events: readonly EventRecord[], threads: readonly ThreadRecord[]): void {
    for (const e of events) {
      this.stmts.putEvent.run(e.id, e.thread, e.first, e.last, e.outlets.length, e.members.length, JSON.stringify(e));
      for (const m of e.members) this.stmts.putMember.run(m.article, e.id);
    }
    for (const t of threads) this.stmts.putThread.run(t.id, t.first, t.last, t.events.length, t.outlets.length, JSON.stringify(t));
  }

  /** every lineage edge replaced (they are recomputed as a whole) */
  replaceLineage(edges: readonly LineageEdge[]): void {
    this.db.transaction(() => {
      this.clearLineage();
      for (const e of edges) this.stmts.putEdge.run(e.from, e.to, e.kind, e.score);
    }).immediate();
  }

  clearLineage(): void {
    this.db.exec('DELETE FROM lineage');
  }

  lineageOf(id: string): LineageEdge[] {
    return (this.stmts.lineageOf.all(id, id) as EdgeRow[]).map(toEdge);
  }

  allLineage(): LineageEdge[] {
    return (this.db.prepare('SELECT from_id, to_id, kind, score FROM lineage ORDER BY from_id, to_id').all() as EdgeRow[]).map(toEdge);
  }
}

interface EdgeRow { from_id: string; to_id: string; kind: LineageEdge['kind']; score: number }
const toEdge = (r: EdgeRow): LineageEdge => ({ from: r.from_id, to: r.to_id, kind: r.kind, score: r.score });
