// Settings, from (highest first) command-line flags, environment variables, a JSON
// config file (PARALLAX_CONFIG, else ./parallax.config.json), and defaults.
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { delimiter, dirname, resolve } from 'node:path';
import { z } from 'zod';
import { isPostgresUrl } from './store/url.js';

/** A setting that cannot be used: a usage error (exit 2), named in the message. */
export class ConfigError extends Error {}

const FileConfig = z.object({
  db: z.string().optional(),
  lexicons: z.array(z.string()).optional(),
  aliases: z.array(z.string()).optional(),
  host: z.string().optional(),
  port: z.number().int().min(0).max(65535).optional(),
  processes: z.number().int().min(1).max(64).optional(),
  searchLagMs: z.number().int().min(0).max(3_600_000).optional(),
  importRoots: z.array(z.string()).optional(),
  allowPrivateHosts: z.boolean().optional(),
  watchLadder: z.array(z.string()).min(1).optional(),
  watchSpacingMs: z.number().int().min(0).max(600_000).optional(),
}).strict();

export interface Config {
  db: string;
  /** extra lexicon files; the archive's own lexicon (beside the database) is added when present */
  lexicons: string[];
  /** extra alias tables, in the format of src/text/data/aliases.txt */
  aliases: string[];
  host: string;
  port: number;
  adminToken: string | undefined;
  /** serving processes sharing the port */
  processes: number;
  /** how long a served search result may lag a write by another process, in ms (0: never) */
  searchLagMs: number;
  /** the folders `POST /api/import` may read (none: the API imports only from git URLs) */
  importRoots: string[];
  /** private and loopback hosts may be fetched (git URLs through the API, watched feeds) */
  allowPrivateHosts: boolean;
  /** when a watched page is re-checked after it was first seen ("5m", "3h", "2d"…); empty: the default ladder */
  watchLadder: string[];
  /** least time between two requests of the watcher to one host, ms */
  watchSpacingMs: number;
}

function fileConfig(): z.infer<typeof FileConfig> & { dir: string } {
  const path = process.env.PARALLAX_CONFIG ?? 'parallax.config.json';
  if (!existsSync(path)) {
    if (process.env.PARALLAX_CONFIG) throw new ConfigError(`config file ${path} does not exist`);
    return { dir: process.cwd() };
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new ConfigError(`config file ${path} is not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const parsed = FileConfig.safeParse(json);
  if (!parsed.success) throw new ConfigError(`config file ${path}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ')}`);
  return { ...parsed.data, dir: dirname(resolve(path)) };
}

const list = (v: string | undefined): string[] => (v ? v.split(delimiter).filter(Boolean) : []);

/** A whole-number setting from the environment (a typo is an error, not a silent NaN), else the file's or the default. */
function wholeNumber(env: string, fallback: number): number {
  const raw = process.env[env];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new ConfigError(`${env} must be a whole number ≥ 0, not ${JSON.stringify(raw)}`);
  return n;
}

/** The archive's own lexicon lives beside its database: parallax.db → parallax.lexicon.txt */
export function archiveLexiconPath(db: string): string {
  // a PostgreSQL archive has no folder of its own: its lexicon is named for the database, here
  if (isPostgresUrl(db)) return resolve(`${decodeURIComponent(new URL(db).pathname.slice(1)) || 'parallax'}.lexicon.txt`);
  return resolve(db.replace(/\.(db|sqlite3?)$/i, '') + '.lexicon.txt');
}

export function loadConfig(flags: { db?: string } = {}): Config {
  const file = fileConfig();
  // a db named in the config file is relative to the file's folder, like its other paths
  const db = flags.db ?? process.env.PARALLAX_DB ?? (file.db !== undefined ? (isPostgresUrl(file.db) ? file.db : resolve(file.dir, file.db)) : './parallax.db');
  const own = archiveLexiconPath(db);
  return {
    db,
    lexicons: [...(file.lexicons ?? []), ...list(process.env.PARALLAX_LEXICON), ...(existsSync(own) ? [own] : [])],
    aliases: [...(file.aliases ?? []), ...list(process.env.PARALLAX_ALIASES)],
    host: process.env.PARALLAX_HOST ?? file.host ?? '127.0.0.1',
    port: wholeNumber('PARALLAX_PORT', file.port ?? 8780),
    adminToken: process.env.PARALLAX_ADMIN_TOKEN || undefined,
    processes: Math.max(1, wholeNumber('PARALLAX_PROCESSES', file.processes ?? Math.min(4, availableParallelism()))),
    searchLagMs: wholeNumber('PARALLAX_SEARCH_LAG_MS', file.searchLagMs ?? 1000),
    // roots named in the file are relative to the file's folder
    importRoots: [...(file.importRoots ?? []).map((r) => resolve(file.dir, r)), ...list(process.env.PARALLAX_IMPORT_ROOTS).map((r) => resolve(r))],
    allowPrivateHosts: process.env.PARALLAX_ALLOW_PRIVATE_HOSTS !== undefined ? process.env.PARALLAX_ALLOW_PRIVATE_HOSTS === '1' : file.allowPrivateHosts ?? false,
    watchSpacingMs: wholeNumber('PARALLAX_WATCH_SPACING_MS', file.watchSpacingMs ?? 1000),
    watchLadder: process.env.PARALLAX_WATCH_LADDER ? process.env.PARALLAX_WATCH_LADDER.split(',').map((s) => s.trim()).filter(Boolean) : file.watchLadder ?? [],
  };
}
