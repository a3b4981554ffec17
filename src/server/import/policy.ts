// What `POST /api/import` may read: folders and files inside the configured import roots,
// and git URLs over https to public hosts. Whoever holds the admin token must not be able
// to make the server read /etc, reach its own network or run ssh.
import { realpath } from 'node:fs/promises';
import { isAbsolute, resolve, sep } from 'node:path';
import { isGitUrl } from '../../readers/sources.js';
import { checkRemoteUrl, RemoteRefused } from '../../fetch/remote.js';

export interface ImportPolicy { roots: readonly string[]; allowPrivateHosts: boolean }

/** An input the API refuses: 403 with this message. */
export class ImportRefused extends Error {}

/** Each input as the importer will read it (a real path inside a root, or a checked URL), or ImportRefused. */
export async function resolveApiInputs(inputs: readonly string[], policy: ImportPolicy): Promise<string[]> {
  const roots = await Promise.all(policy.roots.map((r) => realpath(r).catch(() => null)));
  const usable = roots.filter((r): r is string => r !== null);
  const out: string[] = [];
  for (const input of inputs) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input) || isGitUrl(input)) {
      if (!/^https:\/\//i.test(input)) throw new ImportRefused(`only https:// git URLs can be imported through the API: ${input}`);
      try { out.push((await checkRemoteUrl(input, { schemes: ['https'], allowPrivateHosts: policy.allowPrivateHosts })).href); }
      catch (e) { throw e instanceof RemoteRefused ? new ImportRefused(e.message) : e; }
      continue;
    }
    if (usable.length === 0) throw new ImportRefused('no import roots are configured (importRoots in the config file, or PARALLAX_IMPORT_ROOTS): the API imports only git URLs');
    const candidate = isAbsolute(input) ? input : resolve(usable[0]!, input);
    const real = await realpath(candidate).catch(() => null);
    // checked after symlinks are resolved: a link inside a root to /etc is outside
    if (!real || !usable.some((r) => real === r || real.startsWith(r.endsWith(sep) ? r : r + sep))) {
      throw new ImportRefused(`${input} is not inside an import root (${usable.join(', ')})`);
    }
    out.push(real);
  }
  return out;
}
