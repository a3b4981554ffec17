// Watched sources, watched pages and page versions in the PostgreSQL store (as
// sqlite/watch.ts). A check's new page state and its version are written in one
// transaction, so a process killed in the middle of polling leaves either both or neither,
// and a rerun adds no duplicate.
import type { RawBlob } from '../store.js';
import type { ChangeFilter, PageVersion, WatchedPage, WatchKind, WatchSource, WatchStore } from '../watch.js';
import { num, writing, type Db } from './db.js';
import { putRaws } from './raw.js';
import { FAILURE_WINDOW_MS, PAGE_COLUMNS, pageValues, toPage, toSource, toVersion, type PageRow, type SourceRow, type VersionRow } from '../watch-rows.js';

const PAGE_INSERT = `INSERT INTO watch_pages (${PAGE_COLUMNS.join(', ')}) VALUES (${PAGE_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})`;

export class PostgresWatch implements WatchStore {
  constructor(private readonly db: Db) {}

  async addSource(s: { url: string; kind: WatchKind; outlet: string | null; at: string; nextPollAt: string | null; intervalS: number }): Promise<{ id: number; added: boolean }> {
    return writing(this.db, async (c) => {
      // looked up first: an insert that conflicts would still use up an id, which SQLite's does not
      const had = await c.query<{ id: string }>('SELECT id FROM watch_sources WHERE url = $1', [s.url]);
      if (had.rows[0]) return { id: Number(had.rows[0].id), added: false };
      const r = await c.query<{ id: string }>(`INSERT INTO watch_sources (url, kind, outlet, added_at, next_poll_at, interval_s) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [s.url, s.kind, s.outlet, s.at, s.nextPollAt, s.intervalS]);
      return { id: Number(r.rows[0]!.id), added: true };
    });
  }

  private async sourceRow(idOrUrl: string): Promise<SourceRow | undefined> {
    const byId = /^\d+$/.test(idOrUrl);
    if (byId && idOrUrl.length > 18) return undefined;
    return (await this.db.query<SourceRow>(`SELECT * FROM watch_sources WHERE ${byId ? 'id' : 'url'} = $1`, [idOrUrl])).rows[0];
  }

  async removeSource(idOrUrl: string): Promise<boolean> {
    const row = await this.sourceRow(idOrUrl);
    if (!row) return false;
    await writing(this.db, async (c) => {
      await c.query('DELETE FROM watch_sources WHERE id = $1', [row.id]);
      await c.query('DELETE FROM watch_items WHERE source_id = $1', [row.id]);
      await c.query('DELETE FROM watch_failures WHERE source_id = $1', [row.id]);
    });
    return true;
  }

  async getSource(idOrUrl: string): Promise<WatchSource | undefined> {
    const r = await this.sourceRow(idOrUrl);
    return r ? toSource(r) : undefined;
  }

  async listSources(now: string): Promise<WatchSource[]> {
    const since = new Date(Date.parse(now) - FAILURE_WINDOW_MS).toISOString();
    const r = await this.db.query<SourceRow>(`SELECT s.*,
        (SELECT coalesce(sum(weight), 0) FROM watch_failures f WHERE f.source_id = s.id AND f.at >= $1) AS errors7d,
        (SELECT count(*) FROM watch_pages p WHERE p.source_id = s.id) AS pages
      FROM watch_sources s ORDER BY s.id`, [since]);
    return r.rows.map(toSource);
  }

  async dueSources(now: string, limit: number): Promise<WatchSource[]> {
    return (await this.db.query<SourceRow>(`SELECT * FROM watch_sources WHERE state = 'active' AND next_poll_at IS NOT NULL AND next_poll_at <= $1
      ORDER BY next_poll_at, id LIMIT $2`, [now, limit])).rows.map(toSource);
  }

  async saveSourceState(s: WatchSource, failure?: { at: string; weight: number }): Promise<void> {
    await writing(this.db, async (c) => {
      await c.query(`UPDATE watch_sources SET state = $2, outlet = $3, next_poll_at = $4, interval_s = $5,
        last_attempt_at = $6, last_success_at = $7, last_error = $8, failure_run = $9,
        failing_since = $10, etag = $11, last_modified = $12, body_sha256 = $13,
        last_unconditional_at = $14, etag_unreliable = $15 WHERE id = $1`, [
        s.id, s.state, s.outlet, s.nextPollAt, s.intervalS, s.lastAttemptAt, s.lastSuccessAt, s.lastError, s.failureRun,
        s.failingSince, s.etag, s.lastModified, s.bodySha256, s.lastUnconditionalAt, s.etagUnreliable,
      ]);
      if (failure) await c.query('INSERT INTO watch_failures (source_id, at, weight) VALUES ($1, $2, $3)', [s.id, failure.at, failure.weight]);
      // the log is read for a week back only
      await c.query('DELETE FROM watch_failures WHERE source_id = $1 AND at < $2', [s.id, new Date(Date.parse(s.lastAttemptAt ?? s.addedAt) - 2 * FAILURE_WINDOW_MS).toISOString()]);
    });
  }

  async failureWeight(sourceId: number, since: string): Promise<number> {
    return num((await this.db.query<{ w: number }>('SELECT coalesce(sum(weight), 0) AS w FROM watch_failures WHERE source_id = $1 AND at >= $2', [sourceId, since])).rows[0]?.w);
  }

  async knownItems(sourceId: number, urls: readonly string[]): Promise<Set<string>> {
    const r = await this.db.query<{ url: string }>('SELECT url FROM watch_items WHERE source_id = $1 AND url = ANY($2::text[])', [sourceId, [...urls]]);
    const known = new Set(r.rows.map((x) => x.url));
    return new Set(urls.filter((u) => known.has(u)));
  }

  async addItems(sourceId: number, items: ReadonlyArray<{ url: string; published: string | null }>, at: string): Promise<void> {
    await writing(this.db, async (c) => {
      if (items.length === 0) return;
      await c.query(`INSERT INTO watch_items (source_id, url, first_seen_at, published_at) SELECT $1, u.url, $2, u.published
        FROM unnest($3::text[], $4::text[]) AS u(url, published) ON CONFLICT DO NOTHING`,
      [sourceId, at, items.map((i) => i.url), items.map((i) => i.published)]);
    });
  }

  async getPage(url: string): Promise<WatchedPage | undefined> {
    const r = (await this.db.query<PageRow>('SELECT * FROM watch_pages WHERE url = $1', [url])).rows[0];
    return r ? toPage(r) : undefined;
  }

  async pageOfArticle(articleId: string): Promise<WatchedPage | undefined> {
    const r = (await this.db.query<PageRow>('SELECT * FROM watch_pages WHERE article_id = $1 ORDER BY first_seen_at, url LIMIT 1', [articleId])).rows[0];
    return r ? toPage(r) : undefined;
  }

  async addPage(p: WatchedPage): Promise<boolean> {
    return writing(this.db, async (c) => (await c.query(`${PAGE_INSERT} ON CONFLICT (url) DO NOTHING`, pageValues(p))).rowCount! > 0);
  }

  async duePages(now: string, limit: number): Promise<WatchedPage[]> {
    return (await this.db.query<PageRow>('SELECT * FROM watch_pages WHERE next_check_at IS NOT NULL AND next_check_at <= $1 ORDER BY next_check_at, url LIMIT $2',
      [now, limit])).rows.map(toPage);
  }

  async recheckAll(now: string): Promise<number> {
    return writing(this.db, async (c) => (await c.query('UPDATE watch_pages SET next_check_at = $1 WHERE next_check_at IS NOT NULL', [now])).rowCount ?? 0);
  }

  async nextDue(): Promise<string | null> {
    const r = await this.db.query<{ t: string | null }>(`SELECT min(t) AS t FROM (
      SELECT min(next_poll_at) AS t FROM watch_sources WHERE state = 'active'
      UNION ALL SELECT min(next_check_at) FROM watch_pages) x`);
    return r.rows[0]?.t ?? null;
  }

  async recordCheck(page: WatchedPage, version?: Omit<PageVersion, 'seq'>, raw?: { sha256: string; blob: RawBlob }): Promise<boolean> {
    return writing(this.db, async (c) => {
      let recorded = false;
      if (version) {
        const last = (await c.query<{ seq: number; kind: string; text_hash: string }>('SELECT seq, kind, text_hash FROM page_versions WHERE url = $1 ORDER BY seq DESC LIMIT 1', [page.url])).rows[0];
        // the same change seen again (a rerun after a crash between fetch and commit) is one version
        const repeat = last && last.kind === version.kind && last.text_hash === version.textHash;
        if (!repeat) {
          if (raw) await putRaws(c, [raw]);
          await c.query(`INSERT INTO page_versions (url, seq, at, kind, cause, last_seen, first_missing, title, paragraphs, text_hash, status, final_url, headers, raw_sha256, article_id, outlet)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`, [
            version.url, (last?.seq ?? 0) + 1, version.at, version.kind, version.cause, version.lastSeen, version.firstMissing, version.title,
            JSON.stringify(version.paragraphs), version.textHash, version.status, version.finalUrl, JSON.stringify(version.headers),
            version.rawSha256, version.articleId, version.outlet,
          ]);
          recorded = true;
        }
      }
      await c.query(`${PAGE_INSERT} ON CONFLICT (url) DO UPDATE SET ${PAGE_COLUMNS.slice(1).map((col) => `${col} = excluded.${col}`).join(', ')}`, pageValues(page));
      return recorded;
    });
  }

  async versions(url: string): Promise<PageVersion[]> {
    return (await this.db.query<VersionRow>('SELECT * FROM page_versions WHERE url = $1 ORDER BY seq', [url])).rows.map(toVersion);
  }

  async getFurniture(origin: string): Promise<string | undefined> {
    return (await this.db.query<{ doc: string }>('SELECT doc FROM watch_furniture WHERE origin = $1', [origin])).rows[0]?.doc;
  }

  async saveFurniture(origin: string, doc: string): Promise<void> {
    await writing(this.db, (c) => c.query('INSERT INTO watch_furniture (origin, doc) VALUES ($1, $2) ON CONFLICT (origin) DO UPDATE SET doc = excluded.doc', [origin, doc]));
  }

  async changes(f: ChangeFilter): Promise<PageVersion[]> {
    const args: unknown[] = [f.since, f.limit ?? 200];
    if (f.outlet) args.push(f.outlet);
    const r = await this.db.query<VersionRow>(`SELECT * FROM page_versions WHERE kind <> 'first' AND at >= $1
      ${f.outlet ? 'AND outlet = $3' : ''} ORDER BY at DESC, url LIMIT $2`, args);
    return r.rows.map(toVersion);
  }

  async pageCount(): Promise<number> {
    return num((await this.db.query<{ n: string }>('SELECT count(*) AS n FROM watch_pages')).rows[0]?.n);
  }
}
