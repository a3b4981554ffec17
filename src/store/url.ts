// What a database setting names: a postgres:// or postgresql:// URL is a PostgreSQL
// archive, anything else a SQLite file. Kept free of either driver so configuration can ask.

export const isPostgresUrl = (db: string): boolean => /^postgres(ql)?:\/\//.test(db);

/** no archive where a setting points: a database that is missing or holds no Parallax tables */
export class NoArchiveError extends Error {}

/** a database setting without a URL's password, for messages (a file path is left as it is) */
export function redact(db: string): string {
  if (!isPostgresUrl(db)) return db;
  try {
    const u = new URL(db);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return db;
  }
}
