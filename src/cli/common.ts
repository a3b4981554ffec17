// What every command shares: opening the store, option parsing, output helpers.
import { InvalidArgumentError, type Command } from 'commander';
import { existsSync } from 'node:fs';
import { loadConfig, type Config } from '../config.js';
import { isCalendarDay } from '../extract/dates.js';
import type { TextContext } from '../search/search.js';
import { openStore } from '../store/open.js';
import { isPostgresUrl, NoArchiveError } from '../store/url.js';
import type { Store } from '../store/store.js';

export class CliError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
  }
}

export function config(cmd: Command): Config {
  return loadConfig({ db: (cmd.optsWithGlobals() as { db?: string }).db });
}

/** `create`: the command may make a new archive (import); every other command needs one that exists */
export async function withStore<T>(cmd: Command, fn: (store: Store) => Promise<T>, opts: { create?: boolean } = {}): Promise<T> {
  const db = config(cmd).db;
  // a mistyped --db must not become a new, empty archive that answers 0 to everything
  if (!opts.create && !isPostgresUrl(db) && !existsSync(db)) {
    throw new CliError(`no archive at ${db}: check --db or PARALLAX_DB, or make one with \`parallax import\``, 2);
  }
  const store = await openStore(db, { create: opts.create ?? false }).catch((e: Error) => {
    // a PostgreSQL database that is missing or holds no archive: said as for a missing file
    throw e instanceof NoArchiveError ? new CliError(`${e.message} (check --db or PARALLAX_DB)`, 2) : e;
  });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

export function intOption(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number ≥ 0');
  return n;
}

/** a CPU priority: nice 0 (normal) … 19 (lowest) */
export function niceOption(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 19) throw new InvalidArgumentError('expected a nice level from 0 (normal) to 19 (lowest)');
  return n;
}

export function dateOption(v: string): string {
  if (!isCalendarDay(v)) throw new InvalidArgumentError('expected a date as YYYY-MM-DD');
  return v;
}

export function printJson(v: unknown): void {
  process.stdout.write(JSON.stringify(v, null, 2) + '\n');
}

/**
 * The segmenter and the alias table. Commands load them (and whatever else is heavy) only
 * when they run: an import's writing thread, whose parsers are workers, does without
 * them (~30 MB less memory).
 */
export async function textContext(cfg: Config): Promise<TextContext> {
  const [{ segmenter }, { AliasTable }] = await Promise.all([import('../text/segment.js'), import('../text/aliases.js')]);
  return { segmenter: segmenter(cfg.lexicons), aliases: new AliasTable(cfg.aliases) };
}

export { BACKGROUND_NICE, lowerPriority } from '../priority.js';

export const NICE_HELP = 'CPU priority, 0 (normal) to 19 (lowest): a server on the same archive stays responsive';
