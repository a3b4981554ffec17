// The tables an archive is made of, as both stores hold them (the PostgreSQL schema mirrors
// SQLite's column for column), with each column's kind: what `parallax copy` moves and
// verifies. Derived tables (SQLite's facets and FTS index, PostgreSQL's search rows and
// its articles.day) are not here: the copy rebuilds them in the target.

/** t text, i integer, r real, b boolean (0/1 in SQLite), j JSON (text in SQLite, jsonb in PostgreSQL), x bytes */
export type Kind = 't' | 'i' | 'r' | 'b' | 'j' | 'x';

export interface TableSpec {
  name: string;
  /** copied in this order (the import order of sources, the insertion order of articles) */
  order: string;
  /** what rows are compared by: a unique key, sorted the same way by both stores (binary text order) */
  key: string[];
  columns: Array<[string, Kind]>;
  /** rows left out (keys that belong to one database, not to the archive) */
  where?: string;
}

const cols = (s: string): Array<[string, Kind]> => s.trim().split(/\s+/).map((c) => { const [n, k] = c.split(':'); return [n!, (k ?? 't') as Kind]; });

/** in an order that keeps references valid: raw before sources, articles before what names them */
export const TABLES: TableSpec[] = [
  // which search format and schema a database has is the database's own; so are the index's states
  { name: 'meta', order: 'key', key: ['key'], columns: cols('key value'), where: "key NOT IN ('schema_version', 'search_format', 'search_stale', 'search_missing')" },
  { name: 'raw', order: 'sha256', key: ['sha256'], columns: cols('sha256 size:i data:x codec') },
  { name: 'sources', order: 'seq', key: ['key'], columns: cols('key kind path url repo git_commit sha256 status reason format encoding parser:i seen_at') },
  { name: 'outlets', order: 'id', key: ['id'], columns: cols('id doc:j') },
  { name: 'articles', order: '{rowid}', key: ['id'], columns: cols('id outlet_id month published_at title script flagged:b content_hash version:i source_key doc:j') },
  { name: 'article_sources', order: 'article_id, source_key', key: ['article_id', 'source_key'], columns: cols('article_id source_key') },
  { name: 'lineage', order: 'from_id, to_id', key: ['from_id', 'to_id'], columns: cols('from_id to_id kind score:r') },
  { name: 'article_versions', order: 'article_id, version', key: ['article_id', 'version'], columns: cols('article_id version:i replaced_at doc:j') },
  { name: 'events', order: 'id', key: ['id'], columns: cols('id thread_id first_at last_at outlets:i articles:i doc:j') },
  { name: 'event_members', order: 'article_id', key: ['article_id'], columns: cols('article_id event_id') },
  { name: 'threads', order: 'id', key: ['id'], columns: cols('id first_at last_at events:i outlets:i doc:j') },
  { name: 'event_comparisons', order: 'event_id', key: ['event_id'], columns: cols('event_id members_hash doc') },
  { name: 'analysis_articles', order: 'article_id', key: ['article_id'], columns: cols('article_id content_hash at:i words') },
  { name: 'analysis_df', order: 'word', key: ['word'], columns: cols('word df:i') },
  { name: 'lineage_keys', order: 'key, article_id', key: ['key', 'article_id'], columns: cols('key:i article_id') },
  { name: 'analysis_queue', order: 'article_id', key: ['article_id'], columns: cols('article_id') },
  // the texts comparisons cut (stories/stored-texts.ts): copied, so the target's next comparisons read them
  { name: 'article_texts', order: 'article_id', key: ['article_id'], columns: cols('article_id text_key version data:x') },
  { name: 'watch_sources', order: 'id', key: ['id'], columns: cols(`id:i url kind outlet state added_at next_poll_at interval_s:i last_attempt_at last_success_at last_error
      failure_run:r failing_since etag last_modified body_sha256 last_unconditional_at etag_unreliable:b`) },
  { name: 'watch_failures', order: 'source_id, at, weight', key: ['source_id', 'at', 'weight'], columns: cols('source_id:i at weight:r') },
  { name: 'watch_items', order: 'source_id, url', key: ['source_id', 'url'], columns: cols('source_id:i url first_seen_at published_at') },
  { name: 'watch_pages', order: 'url', key: ['url'], columns: cols(`url source_id:i article_id outlet first_seen_at state next_check_at last_seen_at last_fetch_at
      failures:i last_error etag last_modified last_unconditional_at text_hash`) },
  { name: 'page_versions', order: 'url, seq', key: ['url', 'seq'], columns: cols(`url seq:i at kind cause last_seen first_missing title paragraphs text_hash status:i
      final_url headers raw_sha256 article_id outlet`) },
  { name: 'watch_furniture', order: 'origin', key: ['origin'], columns: cols('origin doc') },
  { name: 'import_roots', order: 'path', key: ['path'], columns: cols('path first_at') },
];

/** a row as it travels: values in column order (booleans as booleans, JSON as its text, bytes as Buffers) */
export type Row = unknown[];
