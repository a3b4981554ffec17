// The folders, files and local repositories imports were named with: what a path shown to
// a client is made relative to (server/client-paths.ts). Schema step 4 (schema.ts) creates
// it; archives made before it show their sources as file names.
import type Database from 'better-sqlite3';

export const IMPORT_ROOTS_SCHEMA = `
CREATE TABLE IF NOT EXISTS import_roots (path TEXT PRIMARY KEY, first_at TEXT NOT NULL) WITHOUT ROWID;
`;

export class SqliteImportRoots {
  private readonly add: Database.Statement;
  private readonly all: Database.Statement;
  constructor(db: Database.Database) {
    this.add = db.prepare('INSERT OR IGNORE INTO import_roots (path, first_at) VALUES (?, ?)');
    this.all = db.prepare('SELECT path FROM import_roots ORDER BY path').pluck();
  }
  record(path: string): void { this.add.run(path, new Date().toISOString()); }
  list(): string[] { return this.all.all() as string[]; }
}
