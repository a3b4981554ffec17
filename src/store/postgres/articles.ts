// Articles, their sources, versions and outlets in the PostgreSQL store: the commit of an
// import batch and everything read back from it. A batch is worked out in memory first —
// the same steps, in the same order, as the SQLite store takes article by article — and
// then written with one statement per table, so a batch of hundreds of files costs a
// dozen round trips, not thousands.
import { Article, type OutletRef } from '../../article.js';
import { shiftDay } from '../../extract/dates.js';
import type { IndexDoc } from '../../search/index-doc.js';
import {
  locationKey, type ArchiveStats, type ArticleOutcome, type ImportItem, type KnownSource, type ListFilter, type Location,
  type PreparedArticle, type RebuildPass, type StoredSource,
} from '../store.js';
import { num, type Conn, type Db } from './db.js';
import { putRaws } from './raw.js';
import type { DfChanges } from './search-df.js';
import { writeSearchRows } from './search.js';

/** an article's row as the batch sees it, before and after each of its files */
interface RowState {
  /** set when the row was in the database before the batch */
  rid?: string;
  hash: string;
  version: number;
  sourceKey: string;
  /** the document as of the batch's last write of it (undefined: the stored one) */
  latest?: PreparedArticle;
  changed: boolean;
}

const month = (publishedAt: string | null): string => (publishedAt ?? '0000-00').slice(0, 7);

const KNOWN_SQL = `SELECT s.key, s.sha256, s.status, s.reason, s.parser,
    ARRAY(SELECT a.article_id FROM article_sources a WHERE a.source_key = s.key ORDER BY a.article_id) AS ids
  FROM sources s`;

type KnownRow = Omit<KnownSource, 'articleIds'> & { key: string; ids: string[] };
const toKnown = ({ key: _key, ids, ...source }: KnownRow): KnownSource => ({ ...source, articleIds: ids });

export async function knownSource(db: Db, key: string): Promise<KnownSource | undefined> {
  // one round trip: the source and its articles together
  const row = (await db.query<KnownRow>(`${KNOWN_SQL} WHERE s.key = $1`, [key])).rows[0];
  return row && toKnown(row);
}

/** many keys in one round trip (an import asks for a run of files at once: one look-up a file cost ~0.3 ms of waiting each) */
export async function knownSources(db: Db, keys: readonly string[]): Promise<Map<string, KnownSource>> {
  if (keys.length === 0) return new Map();
  const r = await db.query<KnownRow>(`${KNOWN_SQL} WHERE s.key = ANY($1::text[])`, [[...new Set(keys)]]);
  return new Map(r.rows.map((row) => [row.key, toKnown(row)]));
}

/**
 * one import batch inside the caller's write transaction; one outcome per article, in order.
 * In a rebuild, the ids it rewrote are added to `rewritten` (the caller adds them to the pass once committed).
 */
export async function commitBatch(c: Conn, items: readonly ImportItem[], parser: number, seen: string, rebuild?: { pass: RebuildPass; rewritten: Set<string> }, df?: DfChanges): Promise<ArticleOutcome[][]> {
  const keys = items.map((i) => locationKey(i.location));
  // a file read in parts: the first part stores the bytes and replaces the links (store.ts ImportItem.part)
  const isFirst = (i: ImportItem): boolean => (i.part?.index ?? 0) === 0;
  await putRaws(c, items.filter(isFirst).map((i) => ({ sha256: i.sha256, blob: i.raw })));
  await putSources(c, items, keys, parser, seen);

  const batchKeys = [...new Set(keys)];
  const links = new Map<string, Set<string>>(batchKeys.map((k) => [k, new Set()]));
  const linked = await c.query<{ source_key: string; article_id: string }>('SELECT source_key, article_id FROM article_sources WHERE source_key = ANY($1::text[])', [batchKeys]);
  for (const r of linked.rows) links.get(r.source_key)!.add(r.article_id);
  await c.query('DELETE FROM article_sources WHERE source_key = ANY($1::text[])', [batchKeys]);

  const ids = [...new Set(items.flatMap((i) => i.articles.map((a) => a.id)))];
  const rows = new Map<string, RowState>();
  const existing = await c.query<{ rid: string; id: string; content_hash: string; version: number; source_key: string }>(
    'SELECT rid::text AS rid, id, content_hash, version, source_key FROM articles WHERE id = ANY($1::text[])', [ids]);
  for (const r of existing.rows) rows.set(r.id, { rid: r.rid, hash: r.content_hash, version: r.version, sourceKey: r.source_key, changed: false });

  const outlets = new Map<string, OutletRef>();
  /** earlier versions: the stored document (doc undefined) or one written earlier in this batch */
  const versions: Array<{ id: string; version: number; doc?: string }> = [];
  let unindexed = false;
  const outcomes = items.map((item, i) => {
    const key = keys[i]!;
    const previous = links.get(key)!;
    // a later part keeps the links of the parts before it
    const now = isFirst(item) ? new Set<string>() : new Set(previous);
    links.set(key, now);
    return item.articles.map((article): ArticleOutcome => {
      if (!outlets.has(article.outlet.id)) outlets.set(article.outlet.id, article.outlet);
      now.add(article.id);
      const row = rows.get(article.id);
      // news written without its index (import --no-index): only a write counts, not a file seen again
      const written = (): void => { if (!article.index && !article.flagged) unindexed = true; };
      if (!row) {
        written();
        rows.set(article.id, { hash: article.hash, version: 1, sourceKey: key, latest: article, changed: true });
        rebuild?.rewritten.add(article.id);
        return 'added';
      }
      if (rebuild && !rebuild.pass.articles.has(article.id) && !rebuild.rewritten.has(article.id)) {
        // the first write of this article in a rebuild: the old row is overwritten in place (its version stays)
        written();
        Object.assign(row, { hash: article.hash, sourceKey: key, latest: article, changed: true });
        rebuild.rewritten.add(article.id);
        return 'added';
      }
      // first stored from this very file: unchanged (a later part of a file read again in parts)
      if (row.hash === article.hash) return previous.has(article.id) || row.sourceKey === key ? 'unchanged' : 'duplicate';
      // the same article in another file (a mirror saved it again): the first copy stays
      if (row.sourceKey !== key) return 'duplicate';
      written();
      versions.push({ id: article.id, version: row.version, doc: row.latest?.doc });
      row.version++;
      row.hash = article.hash;
      row.latest = article;
      row.changed = true;
      return 'updated';
    });
  });

  if (outlets.size) {
    await c.query('INSERT INTO outlets (id, doc) SELECT * FROM unnest($1::text[], $2::jsonb[]) ON CONFLICT (id) DO NOTHING',
      [[...outlets.keys()], [...outlets.values()].map((o) => JSON.stringify(o))]);
  }
  await saveVersions(c, versions, seen);

  const fresh = [...rows.entries()].filter(([, r]) => r.changed && !r.rid);
  const updated = [...rows.entries()].filter(([, r]) => r.changed && r.rid);
  const searchRows: Array<{ rid: string; doc: IndexDoc | null }> = [];
  if (fresh.length) {
    const inserted = await c.query<{ rid: string; id: string }>(`INSERT INTO articles (id, outlet_id, month, published_at, day, title, script, flagged, content_hash, version, source_key, doc)
      SELECT u.id, u.outlet, u.month, u.published, u.d->'published'->>'day', u.title, u.script, u.flagged, u.hash, u.version, u.source_key, u.d
      FROM (SELECT *, doc::jsonb AS d FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bool[], $8::text[], $9::int[], $10::text[], $11::text[])
        WITH ORDINALITY AS x(id, outlet, month, published, title, script, flagged, hash, version, source_key, doc, n)) u
      ORDER BY u.n
      RETURNING rid::text AS rid, id`, articleColumns(fresh));
    const ridOf = new Map(inserted.rows.map((r) => [r.id, r.rid]));
    for (const [id, r] of fresh) if (r.latest!.index) searchRows.push({ rid: ridOf.get(id)!, doc: r.latest!.index });
  }
  if (updated.length) {
    // the source too: a rebuild overwrites an article whole (an update of an import keeps it)
    await c.query(`UPDATE articles a SET outlet_id = u.outlet, month = u.month, published_at = u.published, day = u.d->'published'->>'day',
        title = u.title, script = u.script, flagged = u.flagged, content_hash = u.hash, version = u.version, source_key = u.source_key, doc = u.d
      FROM (SELECT *, doc::jsonb AS d FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bool[], $8::text[], $9::int[], $10::text[], $11::text[])
        AS x(id, outlet, month, published, title, script, flagged, hash, version, source_key, doc)) u
      WHERE a.id = u.id`, articleColumns(updated));
    for (const [, r] of updated) {
      searchRows.push({ rid: r.rid!, doc: null });
      if (r.latest!.index) searchRows.push({ rid: r.rid!, doc: r.latest!.index });
    }
  }
  const pairs = [...links.entries()].flatMap(([k, set]) => [...set].map((id) => [id, k] as const));
  if (pairs.length) {
    await c.query('INSERT INTO article_sources (article_id, source_key) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING',
      [pairs.map((p) => p[0]), pairs.map((p) => p[1])]);
  }
  // news written without its index (import --no-index): search must say so until reindex
  if (unindexed) await c.query("INSERT INTO meta (key, value) VALUES ('search_missing', '1') ON CONFLICT DO NOTHING");
  if (searchRows.length) await writeSearchRows(c, searchRows, df);
  return outcomes;
}

function articleColumns(rows: Array<[string, RowState]>): unknown[] {
  const a = rows.map(([, r]) => r.latest!);
  return [
    a.map((x) => x.id), a.map((x) => x.outlet.id), a.map((x) => month(x.publishedAt)), a.map((x) => x.publishedAt), a.map((x) => x.title),
    a.map((x) => x.script), a.map((x) => x.flagged), a.map((x) => x.hash), rows.map(([, r]) => r.version), rows.map(([, r]) => r.sourceKey),
    a.map((x) => jsonbSafe(x.doc)),
  ];
}

/** ids read per page of a sweep: each page's deletions are one short transaction */
const SWEEP_PAGE = 2000;

/**
 * The end of a rebuild (store.ts sweepDerived): pages of ids, each page's leftovers deleted
 * in a write transaction of its own, so that other writers get their turn in between.
 */
export async function sweepDerived(db: Db, rebuild: RebuildPass, write: <T>(fn: (c: Conn) => Promise<T>) => Promise<T>): Promise<number> {
  let swept = 0;
  let after = '';
  for (;;) {
    const { rows } = await db.query<{ id: string }>('SELECT id FROM articles WHERE id > $1 ORDER BY id LIMIT $2', [after, SWEEP_PAGE]);
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    const gone = rows.map((r) => r.id).filter((id) => !rebuild.articles.has(id));
    if (gone.length === 0) continue;
    swept += await write(async (c) => {
      // read inside the lock: a concurrent import may have linked one meanwhile (it stays)
      const links = await c.query<{ article_id: string; source_key: string }>('SELECT article_id, source_key FROM article_sources WHERE article_id = ANY($1::text[])', [gone]);
      const elsewhere = new Set(links.rows.filter((l) => !rebuild.sources.has(l.source_key)).map((l) => l.article_id));
      const drop = gone.filter((id) => !elsewhere.has(id));
      if (drop.length === 0) return 0;
      // search rows go through search.ts, which keeps totals beside them (a cascade would not)
      const rids = await c.query<{ rid: string }>('SELECT rid::text AS rid FROM articles WHERE id = ANY($1::text[])', [drop]);
      await writeSearchRows(c, rids.rows.map((r) => ({ rid: r.rid, doc: null })));
      await c.query('DELETE FROM article_sources WHERE article_id = ANY($1::text[])', [drop]);
      await c.query('DELETE FROM articles WHERE id = ANY($1::text[])', [drop]);
      await c.query('DELETE FROM article_texts WHERE article_id = ANY($1::text[])', [drop]);
      return drop.length;
    });
  }
  // every article was written with its index
  await write((c) => c.query("DELETE FROM meta WHERE key IN ('search_stale', 'search_missing')"));
  return swept;
}

/**
 * jsonb cannot hold U+0000 in a string (text columns cannot either); the text layer
 * drops control characters, but a document holding one is written with U+FFFD instead
 * rather than failing its whole batch.
 */
function jsonbSafe(doc: string): string {
  return doc.includes('\\u0000') ? doc.replace(/(?<!\\)((?:\\\\)*)\\u0000/g, '$1\\ufffd') : doc;
}

async function putSources(c: Conn, items: readonly ImportItem[], keys: readonly string[], parser: number, seen: string): Promise<void> {
  // one row per key: the last file of a key in the batch wins, at the place of its first (as
  // SQLite's insert-then-update leaves it)
  const at = new Map<string, number>();
  keys.forEach((k, i) => at.set(k, i));
  const order = [...new Set(keys)].map((k) => at.get(k)!);
  const col = <T>(f: (i: ImportItem) => T): T[] => order.map((i) => f(items[i]!));
  await c.query(`INSERT INTO sources (key, kind, path, url, repo, git_commit, sha256, status, reason, format, encoding, parser, seen_at)
    SELECT key, kind, path, url, repo, git_commit, sha256, status, reason, format, encoding, parser, $13
    FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::int[])
      WITH ORDINALITY AS x(key, kind, path, url, repo, git_commit, sha256, status, reason, format, encoding, parser, n)
    ORDER BY n
    ON CONFLICT (key) DO UPDATE SET sha256 = excluded.sha256, status = excluded.status, reason = excluded.reason,
      format = excluded.format, encoding = excluded.encoding, parser = excluded.parser, git_commit = excluded.git_commit, seen_at = excluded.seen_at`, [
    order.map((i) => keys[i]), col((i) => i.location.kind), col((i) => i.location.path ?? null), col((i) => i.location.url ?? null),
    col((i) => i.location.repo ?? null), col((i) => i.location.commit ?? null), col((i) => i.sha256), col((i) => i.status),
    col((i) => i.reason ?? null), col((i) => i.format ?? null), col((i) => i.encoding ?? null),
    // until its last part is committed a file read in parts is recorded with parser 0: a rerun reads it again
    col((i) => (i.part && !i.part.last ? 0 : parser)), seen,
  ]);
}

async function saveVersions(c: Conn, versions: ReadonlyArray<{ id: string; version: number; doc?: string }>, seen: string): Promise<void> {
  const stored = versions.filter((v) => v.doc === undefined);
  const written = versions.filter((v) => v.doc !== undefined);
  const upsert = 'ON CONFLICT (article_id, version) DO UPDATE SET replaced_at = excluded.replaced_at, doc = excluded.doc';
  if (stored.length) {
    await c.query(`INSERT INTO article_versions (article_id, version, replaced_at, doc)
      SELECT id, version, $2, doc FROM articles WHERE id = ANY($1::text[]) ${upsert}`, [stored.map((v) => v.id), seen]);
  }
  if (written.length) {
    await c.query(`INSERT INTO article_versions (article_id, version, replaced_at, doc)
      SELECT id, version, $3, doc::jsonb FROM unnest($1::text[], $2::int[], $4::text[]) AS x(id, version, doc) ${upsert}`,
    [written.map((v) => v.id), written.map((v) => v.version), seen, written.map((v) => jsonbSafe(v.doc!))]);
  }
}

const toArticle = (doc: unknown): Article => Article.parse(doc);

export async function getArticle(db: Db | Conn, id: string): Promise<Article | undefined> {
  const r = await db.query<{ doc: unknown }>('SELECT doc FROM articles WHERE id = $1', [id]);
  return r.rows[0] ? toArticle(r.rows[0].doc) : undefined;
}

export async function articlesByIds(db: Db | Conn, ids: readonly string[]): Promise<Article[]> {
  const r = await db.query<{ id: string; doc: unknown }>('SELECT id, doc FROM articles WHERE id = ANY($1::text[])', [[...ids]]);
  const byId = new Map(r.rows.map((x) => [x.id, x.doc]));
  return ids.filter((id) => byId.has(id)).map((id) => toArticle(byId.get(id)));
}

/** documents by rid in the order asked (search hits) */
export async function articlesByRids(c: Db | Conn, rids: readonly string[]): Promise<Map<string, Article>> {
  const r = await c.query<{ rid: string; doc: unknown }>('SELECT rid::text AS rid, doc FROM articles WHERE rid = ANY($1::bigint[])', [[...rids]]);
  return new Map(r.rows.map((x) => [x.rid, toArticle(x.doc)]));
}

export async function attributeArticle(c: Conn, id: string, outlet: OutletRef, published: Article['published']): Promise<boolean> {
  const r = await c.query<{ doc: unknown }>('SELECT doc FROM articles WHERE id = $1', [id]);
  if (!r.rows[0]) return false;
  const a = toArticle(r.rows[0].doc);
  const next = { ...a, outlet, published, flags: published ? a.flags.filter((f) => f !== 'no-date') : a.flags };
  await c.query('INSERT INTO outlets (id, doc) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [outlet.id, JSON.stringify(outlet)]);
  await c.query(`UPDATE articles SET outlet_id = $1, published_at = $2, month = $3, doc = $4::jsonb, day = $4::jsonb->'published'->>'day' WHERE id = $5`,
    [outlet.id, published?.at ?? null, month(published?.at ?? null), jsonbSafe(JSON.stringify(next)), id]);
  return true;
}

export async function articlesStamp(db: Db): Promise<string> {
  const r = await db.query<{ n: string; m: string | null; v: string | null }>('SELECT count(*) AS n, max(rid) AS m, sum(version) AS v FROM articles');
  const row = r.rows[0]!;
  return `${row.n}:${row.m ?? 0}:${row.v ?? 0}`;
}

export async function articleSources(db: Db, id: string): Promise<StoredSource[]> {
  const r = await db.query<SourceRow>('SELECT s.* FROM article_sources a JOIN sources s ON s.key = a.source_key WHERE a.article_id = $1 ORDER BY s.seq', [id]);
  return r.rows.map(toStoredSource);
}

export async function articleVersions(db: Db, id: string): Promise<Array<{ version: number; replacedAt: string; article: Article }>> {
  const r = await db.query<{ version: number; replaced_at: string; doc: unknown }>('SELECT version, replaced_at, doc FROM article_versions WHERE article_id = $1 ORDER BY version DESC', [id]);
  return r.rows.map((x) => ({ version: x.version, replacedAt: x.replaced_at, article: toArticle(x.doc) }));
}

export async function listArticles(db: Db, f: ListFilter): Promise<Article[]> {
  const where: string[] = [];
  const args: unknown[] = [];
  const arg = (v: unknown): string => { args.push(v); return `$${args.length}`; };
  if (!f.includeFlagged) where.push('NOT flagged');
  if (f.outlet) where.push(`outlet_id = ${arg(f.outlet)}`);
  // the outlet's local day (what pages show): the UTC instant narrows, the stored day decides
  if (f.since) where.push(`published_at >= ${arg(shiftDay(f.since, -1))} AND day >= ${arg(f.since)}`);
  if (f.until) where.push(`published_at < ${arg(shiftDay(f.until, 1))} AND day < ${arg(f.until)}`);
  const r = await db.query<{ doc: unknown }>(`SELECT doc FROM articles ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
    ORDER BY published_at DESC NULLS LAST, id LIMIT ${arg(f.limit ?? 50)} OFFSET ${arg(f.offset ?? 0)}`, args);
  return r.rows.map((x) => toArticle(x.doc));
}

export async function outlets(db: Db): Promise<OutletRef[]> {
  return (await db.query<{ doc: OutletRef }>('SELECT doc FROM outlets ORDER BY id')).rows.map((r) => r.doc);
}

export async function stats(db: Db): Promise<ArchiveStats> {
  const one = async (sql: string): Promise<number> => num((await db.query<{ n: string | null }>(sql)).rows[0]?.n);
  const group = async (sql: string): Promise<Record<string, number>> =>
    Object.fromEntries((await db.query<{ k: string | null; n: string }>(sql)).rows.map((r) => [r.k ?? 'unknown', num(r.n)]));
  const outletRows = await db.query<{ id: string; name: string; articles: string; first: string | null; last: string | null }>(`
    SELECT o.id, o.doc->>'name' AS name, count(a.id) AS articles, min(a.published_at) AS first, max(a.published_at) AS last
    FROM outlets o LEFT JOIN articles a ON a.outlet_id = o.id AND NOT a.flagged GROUP BY o.id ORDER BY count(a.id) DESC, o.id`);
  return {
    articles: await one('SELECT count(*) AS n FROM articles WHERE NOT flagged'),
    flagged: await one('SELECT count(*) AS n FROM articles WHERE flagged'),
    sources: await one("SELECT count(*) AS n FROM sources WHERE status = 'ok'"),
    rejected: await one("SELECT count(*) AS n FROM sources WHERE status = 'rejected'"),
    rawBytes: await one('SELECT sum(size) AS n FROM raw'),
    storedBytes: await one('SELECT sum(length(data)) AS n FROM raw'),
    versions: await one('SELECT count(*) AS n FROM article_versions'),
    outlets: outletRows.rows.map((r) => ({ id: r.id, name: r.name, articles: num(r.articles), first: r.first, last: r.last })),
    scripts: await group('SELECT script AS k, count(*) AS n FROM articles WHERE NOT flagged GROUP BY script'),
    formats: await group("SELECT format AS k, count(*) AS n FROM sources WHERE status = 'ok' GROUP BY format"),
  };
}

/** rows of a table in pages by an increasing key: a long read never holds one snapshot or all rows at once */
export async function* pages<R extends object>(db: Db, sql: (after: string) => string, keyOf: (r: R) => string | number, size = 500): AsyncIterable<R> {
  let after: string | number | null = null;
  for (;;) {
    const r = await db.query<R>(sql(after === null ? '' : '$1'), after === null ? [size] : [after, size]);
    for (const row of r.rows) yield row;
    if (r.rows.length < size) return;
    after = keyOf(r.rows[r.rows.length - 1]!);
  }
}

export async function* allArticles(db: Db): AsyncIterable<Article> {
  const rows = pages<{ rid: string; doc: unknown }>(db, (after) =>
    `SELECT rid::text AS rid, doc FROM articles WHERE NOT flagged ${after ? `AND rid > ${after}` : ''} ORDER BY rid LIMIT $${after ? 2 : 1}`, (r) => r.rid);
  // parsed: jsonb keeps keys in its own order, the Article type gives them the schema's
  for await (const r of rows) yield toArticle(r.doc);
}

export interface SourceRow {
  seq: string; key: string; kind: Location['kind']; path: string | null; url: string | null; repo: string | null; git_commit: string | null;
  sha256: string; status: ImportItem['status']; reason: string | null; format: string | null; encoding: string | null; parser: number; seen_at: string;
}

export function toLocation(r: SourceRow): Location {
  return {
    kind: r.kind, ...(r.path ? { path: r.path } : {}), ...(r.url ? { url: r.url } : {}),
    ...(r.repo ? { repo: r.repo } : {}), ...(r.git_commit ? { commit: r.git_commit } : {}),
  };
}

function toStoredSource(r: SourceRow): StoredSource {
  return { ...toLocation(r), key: r.key, status: r.status, format: r.format ?? '', encoding: r.encoding ?? '', sha256: r.sha256 };
}
