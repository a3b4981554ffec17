#!/usr/bin/env node
// Run by `npm install` (the preinstall script) before the dependencies are built: npm shows
// the project's own lifecycle output, but not better-sqlite3's, which compiles from source
// for minutes, silently, when no prebuilt binary fits this Node and platform. Say so first,
// and name the build tools that are missing. Never fails: it only informs.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const BUILT = join('node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
const TOOLS = [['python3', '--version'], ['make', '--version'], ['g++', '--version']];

try {
  // npm runs this in the project's folder; a second install with the module built says nothing
  if (!existsSync(BUILT)) {
    const missing = TOOLS.filter(([cmd, arg]) => spawnSync(cmd, [arg], { stdio: 'ignore' }).status !== 0).map(([cmd]) => cmd);
    process.stderr.write('parallax: installing. better-sqlite3 (the SQLite driver) is compiled from source unless a prebuilt binary fits this Node and platform:\n' +
      'parallax: that needs python3, make and g++ and takes several minutes with no output; please wait.\n' +
      (missing.length ? `parallax: missing here: ${missing.join(', ')} (Debian/Ubuntu: sudo apt-get install python3 make g++)\n` : ''));
  }
} catch {
  // informing must never stop an install
}
