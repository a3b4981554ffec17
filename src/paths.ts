// Files that ship with the project (demo data), found from the project root whether
// the code runs from src/ (tsx) or from dist/src/ (compiled).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function projectFile(rel: string): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, rel);
    dir = dirname(dir);
  }
  throw new Error(`cannot find the project root for ${rel}`);
}
