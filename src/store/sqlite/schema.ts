// The SQLite archive's tables and how an archive reaches the current layout: an ordered
// list of migrations, the last one applied kept as `schema_version` in meta. Archives
// made before migrations were versioned have no version (0): their steps check what is
// there, so that every layout written since 2026-10 opens. The search index has its own
// format stamp (search.ts): an older index is dropped and rebuilt by `reindex`.
import { IMPORT_ROOTS_SCHEMA } from './import-roots.js';
import type Database from 'better-sqlite3';
import { ANALYSIS_SCHEMA, TEXTS_SCHEMA } from './analysis.js';
import { EVENTS_RANK_SCHEMA, EVENTS_SCHEMA } from './events.js';
import { RAW_SCHEMA } from './raw.js';
import { SEARCH_FORMAT, SEARCH_SCHEMA, SEARCH_SETTINGS } from './search.js';
import { WATCH_SCHEMA } from './watch.js';

/** sources, outlets, articles and their versions, lineage (meta is made first, it holds the version) */
const ARCHIVE_SCHEMA = `
CREATE TABLE IF NOT EXISTS sources (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  key TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL, path TEXT, url TEXT, repo TEXT, git_commit TEXT,
  sha256 TEXT NOT NULL REFERENCES raw(sha256),
  status TEXT NOT NULL, reason TEXT, format TEXT, encoding TEXT,
  parser INTEGER NOT NULL,
  seen_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS outlets (id TEXT PRIMARY KEY, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
  id TEXT PRIMARY KEY,
  outlet_id TEXT NOT NULL,
  -- distribution key for a sharded server deployment: the month of publication
  month TEXT NOT NULL,
  published_at TEXT,
  title TEXT NOT NULL,
  script TEXT NOT NULL,
  flagged INTEGER NOT NULL,
  content_hash TEXT NOT NULL,
  version INTEGER NOT NULL,
  source_key TEXT NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_outlet ON articles(outlet_id, published_at);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published_at);
CREATE TABLE IF NOT EXISTS article_sources (
  article_id TEXT NOT NULL,
  source_key TEXT NOT NULL,
  PRIMARY KEY (article_id, source_key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS article_sources_key ON article_sources(source_key);
CREATE TABLE IF NOT EXISTS lineage (
  from_id TEXT NOT NULL, to_id TEXT NOT NULL, kind TEXT NOT NULL, score REAL NOT NULL,
  PRIMARY KEY (from_id, to_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS lineage_to ON lineage(to_id);
CREATE TABLE IF NOT EXISTS article_versions (
  article_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  replaced_at TEXT NOT NULL,
  doc TEXT NOT NULL,
  PRIMARY KEY (article_id, version)
) WITHOUT ROWID;
`;

export interface Migration {
  version: number;
  /** what it changes, for a person reading the list */
  what: string;
  up: (db: Database.Database) => void;
}

const hasColumn = (db: Database.Database, table: string, column: string): boolean =>
  (db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).some((c) => c.name === column);

/** In order; append only. A step runs once, in the transaction that stamps its version. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    what: 'the tables of the archive, its events, analysis and watch state as of 2026-12',
    up: (db) => db.exec(RAW_SCHEMA + ARCHIVE_SCHEMA + EVENTS_SCHEMA + ANALYSIS_SCHEMA + WATCH_SCHEMA),
  },
  {
    version: 2,
    // archives made before raw bytes had a codec hold gzip: the column's default says so
    what: 'raw bytes name their codec (brotli since 2026-11)',
    up: (db) => { if (!hasColumn(db, 'raw', 'codec')) db.exec("ALTER TABLE raw ADD COLUMN codec TEXT NOT NULL DEFAULT 'gzip'"); },
  },
  {
    version: 3,
    what: 'stories and their members give way to events and threads',
    up: (db) => db.exec('DROP TABLE IF EXISTS stories; DROP TABLE IF EXISTS story_members;'),
  },
  {
    version: 4,
    // archives made before show their sources by file name only (server/client-paths.ts)
    what: 'the folders, files and repositories imports were named with',
    up: (db) => db.exec(IMPORT_ROOTS_SCHEMA),
  },
  {
    version: 5,
    // filled as comparisons are made: an archive made before cuts each text once more
    what: 'each compared article\'s text as the comparison cut it (stories/stored-texts.ts)',
    up: (db) => db.exec(TEXTS_SCHEMA),
  },
  {
    version: 6,
    // the lists' order, and their counts read from the index alone: at 200,000 articles each
    // count scanned the tables with their documents inline (50–110 ms; docs/benchmarks.md)
    what: 'events and threads indexed in the order their lists show them',
    up: (db) => db.exec(EVENTS_RANK_SCHEMA),
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

export function schemaVersion(db: Database.Database): number {
  const v = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").pluck().get() as string | undefined;
  return v === undefined ? 0 : Number(v);
}

/** Bring an archive to the current layout (a new file: create it). */
export function migrate(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  const refuseNewer = (v: number): void => {
    if (v > SCHEMA_VERSION) {
      throw new Error(`this archive was written by a newer Parallax (schema version ${v}; this one knows up to ${SCHEMA_VERSION}): update Parallax to open it`);
    }
  };
  refuseNewer(schemaVersion(db));
  if (schemaVersion(db) < SCHEMA_VERSION) {
    // immediate: a second process opening the archive at once waits, then finds it migrated
    db.transaction(() => {
      const from = schemaVersion(db);
      refuseNewer(from);
      for (const m of MIGRATIONS) if (m.version > from) m.up(db);
      db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)").run(String(SCHEMA_VERSION));
    }).immediate();
  }
  upgradeSearch(db);
}

/**
 * An index of an older format is dropped (its columns differ) and marked for `reindex`,
 * which rewrites every article: the facets triggers fill the new facets table then.
 */
function upgradeSearch(db: Database.Database): void {
  const format = (db.prepare("SELECT value FROM meta WHERE key = 'search_format'").get() as { value: string } | undefined)?.value;
  if (format === SEARCH_FORMAT) { db.exec(SEARCH_SCHEMA); return; }
  db.transaction(() => {
    // another process may have upgraded it while this one waited for the lock
    const now = (db.prepare("SELECT value FROM meta WHERE key = 'search_format'").get() as { value: string } | undefined)?.value;
    if (now === SEARCH_FORMAT) { db.exec(SEARCH_SCHEMA); return; }
    const old = db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'search'").get();
    const articles = db.prepare('SELECT 1 FROM articles LIMIT 1').get();
    if (old) db.exec('DROP TABLE search');
    // the facets' columns change with the format too: the triggers refill them as reindex rewrites every article
    db.exec('DROP TRIGGER IF EXISTS facets_insert; DROP TRIGGER IF EXISTS facets_update; DROP TRIGGER IF EXISTS facets_delete; DROP TABLE IF EXISTS facets');
    db.exec(SEARCH_SCHEMA + SEARCH_SETTINGS);
    db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('search_format', ?)").run(SEARCH_FORMAT);
    if (articles) db.exec("INSERT OR REPLACE INTO meta (key, value) VALUES ('search_stale', '1')");
  }).immediate();
}
