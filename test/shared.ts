// Where the third-party data lives: ../shared beside the project. Tests on it run
// whenever it is there and are skipped with a visible notice when it is not; under
// CI=true a missing ../shared is an error, never a silent skip.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const sharedRoot = process.env.PARALLAX_SHARED ?? join(projectRoot, '..', 'shared');

/** The path of a file or folder in ../shared, or null (with a notice) when it is absent. */
export function sharedPath(rel: string): string | null {
  const p = join(sharedRoot, rel);
  if (existsSync(p)) return p;
  if (process.env.CI === 'true') throw new Error(`CI=true but ${p} is missing: the ../shared data must be beside the project`);
  process.stderr.write(`NOTICE: ${p} is not here; tests that read it are skipped\n`);
  return null;
}

/** Options for node:test: skip with a reason when the shared path is missing. */
export function needsShared(rel: string): { skip: string | false } {
  return { skip: sharedPath(rel) ? false : `needs ../shared/${rel}` };
}
