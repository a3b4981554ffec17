// Articles in the SQLite store: one batch of files committed atomically (raw bytes,
// source, articles, their earlier versions and search rows), and everything read of them —
// sources, versions, lists by the outlet's local days, outlets and stats.
import type Database from 'better-sqlite3';
import { Article, type OutletRef } from '../../article.js';
import { shiftDay } from '../../extract/dates.js';
import {
  locationKey, type ArchiveStats, type ArticleOutcome, type ImportItem, type KnownSource, type ListFilter, type Location, type RebuildPass,
  type StoredSource,
} from '../store.js';
import type { SqliteRaw } from './raw.js';
import type { SearchRow, SqliteSearch } from './search.js';

export class SqliteArticles {
  private readonly stmts;

  constructor(private readonly db: Database.Database, private readonly raw: SqliteRaw, private readonly index: SqliteSearch) {
    this.stmts = {
      knownSource: db.prepare('SELECT sha256, status, reason, parser FROM sources WHERE key = ?'),
      sourceArticles: db.prepare('SELECT article_id FROM article_sources WHERE source_key = ?'),
      putSource: db.prepare(`INSERT INTO sources (key, kind, path, url, repo, git_commit, sha256, status, reason, format, encoding, parser, seen_at)
        VALUES (@key, @kind, @path, @url, @repo, @commit, @sha256, @status, @reason, @format, @encoding, @parser, @seen)
        ON CONFLICT(key) DO UPDATE SET sha256 = excluded.sha256, status = excluded.status, reason = excluded.reason,
          format = excluded.format, encoding = excluded.encoding, parser = excluded.parser, git_commit = excluded.git_commit, seen_at = excluded.seen_at`),
      getArticleRow: db.prepare('SELECT rowid, content_hash, version, source_key, doc FROM articles WHERE id = ?'),
      insertArticle: db.prepare(`INSERT INTO articles (id, outlet_id, month, published_at, title, script, flagged, content_hash, version, source_key, doc)
        VALUES (@id, @outlet, @month, @published, @title, @script, @flagged, @hash, 1, @sourceKey, @doc)`),
      updateArticle: db.prepare(`UPDATE articles SET outlet_id = @outlet, month = @month, published_at = @published, title = @title,
        script = @script, flagged = @flagged, content_hash = @hash, version = version + 1, doc = @doc WHERE id = @id`),
      saveVersion: db.prepare('INSERT OR REPLACE INTO article_versions (article_id, version, replaced_at, doc) VALUES (?, ?, ?, ?)'),
      link: db.prepare('INSERT OR IGNORE INTO article_sources (article_id, source_key) VALUES (?, ?)'),
      unlinkSource: db.prepare('DELETE FROM article_sources WHERE source_key = ?'),
      putOutlet: db.prepare('INSERT OR IGNORE INTO outlets (id, doc) VALUES (?, ?)'),
      getDoc: db.prepare('SELECT doc FROM articles WHERE id = ?'),
      // a rebuild overwrites an article whole: its source too, its version stays
      rewriteArticle: db.prepare(`UPDATE articles SET outlet_id = @outlet, month = @month, published_at = @published, title = @title,
        script = @script, flagged = @flagged, content_hash = @hash, source_key = @sourceKey, doc = @doc WHERE id = @id`),
      // an index of an older format dropped its facets (schema.ts upgradeSearch): the update trigger finds no row to update
      refillFacets: db.prepare(`INSERT OR IGNORE INTO facets SELECT rowid, outlet_id, published_at, script, flagged, json_extract(doc, '$.published.day')
        FROM articles WHERE rowid = ?`),
      idsAfter: db.prepare('SELECT rowid, id FROM articles WHERE id > ? ORDER BY id LIMIT ?'),
      linksOf: db.prepare('SELECT source_key FROM article_sources WHERE article_id = ?').pluck(),
      unlinkArticle: db.prepare('DELETE FROM article_sources WHERE article_id = ?'),
      deleteArticle: db.prepare('DELETE FROM articles WHERE id = ?'),
      deleteText: db.prepare('DELETE FROM article_texts WHERE article_id = ?'),
      clearIndexMarks: db.prepare("DELETE FROM meta WHERE key IN ('search_stale', 'search_missing')"),
    };
  }

  knownSource(key: string): KnownSource | undefined {
    const row = this.stmts.knownSource.get(key) as { sha256: string; status: KnownSource['status']; reason: string | null; parser: number } | undefined;
    if (!row) return undefined;
    const ids = (this.stmts.sourceArticles.all(key) as Array<{ article_id: string }>).map((r) => r.article_id);
    return { ...row, articleIds: ids };
  }

  /** in one read transaction (one snapshot), each key by the prepared statements: in-process look-ups cost microseconds */
  knownSources(keys: readonly string[]): Map<string, KnownSource> {
    return this.db.transaction(() => {
      const out = new Map<string, KnownSource>();
      for (const k of keys) {
        const known = this.knownSource(k);
        if (known) out.set(k, known);
      }
      return out;
    })();
  }

  commit(items: ImportItem[], parserVersion: number, rebuild?: RebuildPass): ArticleOutcome[][] {
    const seen = new Date().toISOString();
    // articles this batch rewrote in a rebuild: they join the pass once the batch is committed
    const rewritten = rebuild ? new Set<string>() : undefined;
    // immediate: the write lock is taken first, so a second writer waits in the busy timeout
    // (a deferred transaction that read first fails at once with 'database is locked')
    const outcomes = this.db.transaction((batch: ImportItem[]) => {
      const searchRows: SearchRow[] = [];
      const outcomes = batch.map((item) => this.commitOne(item, parserVersion, seen, searchRows, rebuild && rewritten ? { pass: rebuild, batch: rewritten } : undefined));
      this.index.writeRows(searchRows);
      return outcomes;
    }).immediate(items);
    for (const id of rewritten ?? []) rebuild!.articles.add(id);
    return outcomes;
  }

  /** one file's rows; its search rows are queued on `searchRows`, in order */
  private commitOne(item: ImportItem, parserVersion: number, seen: string, searchRows: SearchRow[], rebuild?: { pass: RebuildPass; batch: Set<string> }): ArticleOutcome[] {
    const key = locationKey(item.location);
    // a file read in parts: the first part stores the bytes and replaces the links (store.ts ImportItem.part)
    const first = (item.part?.index ?? 0) === 0;
    if (first) this.raw.put(item.sha256, item.raw);
    this.stmts.putSource.run({
      key, kind: item.location.kind, path: item.location.path ?? null, url: item.location.url ?? null,
      repo: item.location.repo ?? null, commit: item.location.commit ?? null, sha256: item.sha256, status: item.status,
      reason: item.reason ?? null, format: item.format ?? null, encoding: item.encoding ?? null, parser: item.part && !item.part.last ? 0 : parserVersion, seen,
    });
    const previous = new Set((this.stmts.sourceArticles.all(key) as Array<{ article_id: string }>).map((r) => r.article_id));
    if (first) this.stmts.unlinkSource.run(key);
    return item.articles.map((article) => {
      this.stmts.putOutlet.run(article.outlet.id, JSON.stringify(article.outlet));
      const hash = article.hash;
      const row = this.stmts.getArticleRow.get(article.id) as { rowid: number; content_hash: string; version: number; source_key: string; doc: string } | undefined;
      const index = (rowid: number | bigint): void => {
        if (article.index) searchRows.push({ rowid, doc: article.index });
        // news written without its index (import --no-index): search must say so until reindex
        else if (!article.flagged) this.index.markUnindexed();
      };
      const fields = {
        id: article.id, outlet: article.outlet.id, month: (article.publishedAt ?? '0000-00').slice(0, 7),
        published: article.publishedAt, title: article.title, script: article.script, flagged: article.flagged ? 1 : 0,
        hash, sourceKey: key, doc: article.doc,
      };
      this.stmts.link.run(article.id, key);
      if (!row) {
        index(this.stmts.insertArticle.run(fields).lastInsertRowid);
        rebuild?.batch.add(article.id);
        return 'added';
      }
      if (rebuild && !rebuild.pass.articles.has(article.id) && !rebuild.batch.has(article.id)) {
        // the first write of this article in a rebuild: the old row is overwritten in place
        this.stmts.rewriteArticle.run(fields);
        this.stmts.refillFacets.run(row.rowid);
        searchRows.push({ rowid: row.rowid, doc: null });
        index(row.rowid);
        rebuild.batch.add(article.id);
        return 'added';
      }
      // first stored from this very file: unchanged (a later part of a file read again in parts)
      if (row.content_hash === hash) return previous.has(article.id) || row.source_key === key ? 'unchanged' : 'duplicate';
      // the same article in another file (a mirror saved it again): the first copy stays
      if (row.source_key !== key) return 'duplicate';
      this.stmts.saveVersion.run(article.id, row.version, seen, row.doc);
      this.stmts.updateArticle.run(fields);
      searchRows.push({ rowid: row.rowid, doc: null });
      index(row.rowid);
      return 'updated';
    });
  }

  attribute(id: string, outlet: OutletRef, published: Article['published']): boolean {
    const row = this.stmts.getDoc.get(id) as { doc: string } | undefined;
    if (!row) return false;
    const a = Article.parse(JSON.parse(row.doc));
    const next = { ...a, outlet, published, flags: published ? a.flags.filter((f) => f !== 'no-date') : a.flags };
    this.stmts.putOutlet.run(outlet.id, JSON.stringify(outlet));
    this.db.prepare('UPDATE articles SET outlet_id = ?, published_at = ?, month = ?, doc = ? WHERE id = ?')
      .run(outlet.id, published?.at ?? null, (published?.at ?? '0000-00').slice(0, 7), JSON.stringify(next), id);
    return true;
  }

  byIds(ids: readonly string[]): Article[] {
    const get = this.stmts.getDoc;
    return ids.map((id) => get.get(id) as { doc: string } | undefined).filter((r): r is { doc: string } => r !== undefined).map((r) => Article.parse(JSON.parse(r.doc)));
  }

  stamp(): string {
    const r = this.db.prepare('SELECT count(*) AS n, max(rowid) AS m, total(version) AS v FROM articles').get() as { n: number; m: number | null; v: number };
    return `${r.n}:${r.m ?? 0}:${r.v}`;
  }

  get(id: string): Article | undefined {
    const row = this.stmts.getDoc.get(id) as { doc: string } | undefined;
    return row ? Article.parse(JSON.parse(row.doc)) : undefined;
  }

  sources(id: string): StoredSource[] {
    const rows = this.db.prepare(`SELECT s.* FROM article_sources a JOIN sources s ON s.key = a.source_key WHERE a.article_id = ? ORDER BY s.seq`).all(id) as SourceRow[];
    return rows.map(toStoredSource);
  }

  versions(id: string): Array<{ version: number; replacedAt: string; article: Article }> {
    const rows = this.db.prepare('SELECT version, replaced_at, doc FROM article_versions WHERE article_id = ? ORDER BY version DESC').all(id) as Array<{ version: number; replaced_at: string; doc: string }>;
    return rows.map((r) => ({ version: r.version, replacedAt: r.replaced_at, article: Article.parse(JSON.parse(r.doc)) }));
  }

  list(f: ListFilter): Article[] {
    const where: string[] = [];
    const args: Record<string, unknown> = {};
    if (!f.includeFlagged) where.push('flagged = 0');
    if (f.outlet) { where.push('outlet_id = @outlet'); args.outlet = f.outlet; }
    // the outlet's local day (what pages show): the UTC instant narrows, the stored day decides
    if (f.since) { where.push("published_at >= @sinceUtc AND json_extract(doc, '$.published.day') >= @since"); args.since = f.since; args.sinceUtc = shiftDay(f.since, -1); }
    if (f.until) { where.push("published_at < @untilUtc AND json_extract(doc, '$.published.day') < @until"); args.until = f.until; args.untilUtc = shiftDay(f.until, 1); }
    const sql = `SELECT doc FROM articles ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
      ORDER BY published_at DESC, id LIMIT @limit OFFSET @offset`;
    const rows = this.db.prepare(sql).all({ ...args, limit: f.limit ?? 50, offset: f.offset ?? 0 }) as Array<{ doc: string }>;
    return rows.map((r) => Article.parse(JSON.parse(r.doc)));
  }

  outlets(): OutletRef[] {
    return (this.db.prepare('SELECT doc FROM outlets ORDER BY id').all() as Array<{ doc: string }>).map((r) => JSON.parse(r.doc) as OutletRef);
  }

  stats(): ArchiveStats {
    const one = <T>(sql: string): T => this.db.prepare(sql).get() as T;
    const outlets = this.db.prepare(`SELECT o.id, json_extract(o.doc, '$.name') AS name, count(a.id) AS articles,
        min(a.published_at) AS first, max(a.published_at) AS last
      FROM outlets o LEFT JOIN articles a ON a.outlet_id = o.id AND a.flagged = 0 GROUP BY o.id ORDER BY articles DESC, o.id`).all() as ArchiveStats['outlets'];
    const group = (sql: string): Record<string, number> =>
      Object.fromEntries((this.db.prepare(sql).all() as Array<{ k: string | null; n: number }>).map((r) => [r.k ?? 'unknown', r.n]));
    return {
      articles: one<{ n: number }>('SELECT count(*) AS n FROM articles WHERE flagged = 0').n,
      flagged: one<{ n: number }>('SELECT count(*) AS n FROM articles WHERE flagged = 1').n,
      sources: one<{ n: number }>("SELECT count(*) AS n FROM sources WHERE status = 'ok'").n,
      rejected: one<{ n: number }>("SELECT count(*) AS n FROM sources WHERE status = 'rejected'").n,
      rawBytes: one<{ n: number | null }>('SELECT sum(size) AS n FROM raw').n ?? 0,
      storedBytes: one<{ n: number | null }>('SELECT sum(length(data)) AS n FROM raw').n ?? 0,
      versions: one<{ n: number }>('SELECT count(*) AS n FROM article_versions').n,
      outlets,
      scripts: group('SELECT script AS k, count(*) AS n FROM articles WHERE flagged = 0 GROUP BY script'),
      formats: group("SELECT format AS k, count(*) AS n FROM sources WHERE status = 'ok' GROUP BY format"),
    };
  }

  *all(): Iterable<Article> {
    for (const r of this.db.prepare('SELECT doc FROM articles WHERE flagged = 0').iterate() as Iterable<{ doc: string }>) {
      yield JSON.parse(r.doc) as Article;
    }
  }

  *allSources(): Iterable<{ key: string; location: Location; sha256: string; bytes: Uint8Array }> {
    const rows = this.db.prepare("SELECT * FROM sources WHERE status != 'skipped' ORDER BY seq").all() as SourceRow[];
    for (const r of rows) {
      const bytes = this.raw.get(r.sha256);
      if (bytes) yield { key: r.key, location: toLocation(r), sha256: r.sha256, bytes };
    }
  }

  /**
   * The end of a rebuild (store.ts sweepDerived): pages of ids, each page's leftovers
   * deleted in a transaction of its own, so that other writers get the lock in between.
   */
  sweep(rebuild: RebuildPass, page = SWEEP_PAGE): number {
    let swept = 0;
    let after = '';
    for (;;) {
      const rows = this.stmts.idsAfter.all(after, page) as Array<{ rowid: number; id: string }>;
      if (rows.length === 0) break;
      after = rows[rows.length - 1]!.id;
      const gone = rows.filter((r) => !rebuild.articles.has(r.id));
      if (gone.length === 0) continue;
      swept += this.db.transaction(() => {
        // read again inside the lock: a concurrent import may have linked it meanwhile
        const drop = gone.filter((r) => (this.stmts.linksOf.all(r.id) as string[]).every((k) => rebuild.sources.has(k)));
        this.index.writeRows(drop.map((r) => ({ rowid: r.rowid, doc: null })));
        for (const r of drop) { this.stmts.unlinkArticle.run(r.id); this.stmts.deleteArticle.run(r.id); this.stmts.deleteText.run(r.id); }
        return drop.length;
      }).immediate();
    }
    // every article was written with its index
    this.stmts.clearIndexMarks.run();
    return swept;
  }
}

/** ids read per page of a sweep: each page's deletions are one short transaction */
const SWEEP_PAGE = 2000;

interface SourceRow {
  key: string; kind: Location['kind']; path: string | null; url: string | null; repo: string | null; git_commit: string | null;
  sha256: string; status: ImportItem['status']; format: string | null; encoding: string | null;
}

function toLocation(r: SourceRow): Location {
  return {
    kind: r.kind, ...(r.path ? { path: r.path } : {}), ...(r.url ? { url: r.url } : {}),
    ...(r.repo ? { repo: r.repo } : {}), ...(r.git_commit ? { commit: r.git_commit } : {}),
  };
}

function toStoredSource(r: SourceRow): StoredSource {
  return { ...toLocation(r), key: r.key, status: r.status, format: r.format ?? '', encoding: r.encoding ?? '', sha256: r.sha256 };
}
