// Settings, from (highest first) command-line flags, environment variables, a JSON
// config file (PARALLAX_CONFIG, else ./parallax.config.json), and defaults.
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { delimiter, resolve } from 'node:path';
import { z } from 'zod';

const FileConfig = z.object({
  db: z.string().optional(),
  lexicons: z.array(z.string()).optional(),
  aliases: z.array(z.string()).optional(),
  host: z.string().optional(),
  port: z.number().int().min(0).max(65535).optional(),
  processes: z.number().int().min(1).max(64).optional(),
  searchLagMs: z.number().int().min(0).max(3_600_000).optional(),
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
}

function fileConfig(): z.infer<typeof FileConfig> {
  const path = process.env.PARALLAX_CONFIG ?? 'parallax.config.json';
  if (!existsSync(path)) {
    if (process.env.PARALLAX_CONFIG) throw new Error(`config file ${path} does not exist`);
    return {};
  }
  const parsed = FileConfig.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`config file ${path}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

const list = (v: string | undefined): string[] => (v ? v.split(delimiter).filter(Boolean) : []);

/** The archive's own lexicon lives beside its database: parallax.db → parallax.lexicon.txt */
export function archiveLexiconPath(db: string): string {
  return resolve(db.replace(/\.(db|sqlite3?)$/i, '') + '.lexicon.txt');
}

export function loadConfig(flags: { db?: string } = {}): Config {
  const file = fileConfig();
  const db = flags.db ?? process.env.PARALLAX_DB ?? file.db ?? './parallax.db';
  const own = archiveLexiconPath(db);
  return {
    db,
    lexicons: [...(file.lexicons ?? []), ...list(process.env.PARALLAX_LEXICON), ...(existsSync(own) ? [own] : [])],
    aliases: [...(file.aliases ?? []), ...list(process.env.PARALLAX_ALIASES)],
    host: process.env.PARALLAX_HOST ?? file.host ?? '127.0.0.1',
    port: Number(process.env.PARALLAX_PORT ?? file.port ?? 8780),
    adminToken: process.env.PARALLAX_ADMIN_TOKEN || undefined,
    processes: Number(process.env.PARALLAX_PROCESSES ?? file.processes ?? Math.min(4, availableParallelism())),
    searchLagMs: Number(process.env.PARALLAX_SEARCH_LAG_MS ?? file.searchLagMs ?? 1000),
  };
}
