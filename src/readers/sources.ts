// Where files come from: a file, a folder (recursive), a .tar.gz, a local git
// repository or bare git directory (read at HEAD or --rev without a checkout), or a
// git URL (cloned into a cache). Every source yields the same SourceFile records,
// one at a time, so an import streams whatever the size of its input.
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, readdir, readFile, realpath, rm, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { createGunzip } from 'node:zlib';
import { extract as tarExtract } from 'tar-stream';
import type { Location } from '../store/store.js';

export interface SourceFile {
  location: Location;
  /** the path shown to a person in reports */
  display: string;
  size: number;
  read(): Promise<Uint8Array>;
  /** why this entry cannot be read at all (an archive in a folder that breaks partway): reported, not read */
  unreadable?: string;
}

export interface SourceOptions {
  rev?: string;
  cacheDir?: string;
  /** archive members declared larger than this are not inflated into memory (a gzip bomb): their size is reported */
  maxBytes?: number;
}

/** Extensions that never hold articles: skipped without reading. */
const NOT_ARTICLES = /\.(png|jpe?g|gif|webp|svg|ico|bmp|tiff?|avif|css|scss|sass|less|js|mjs|cjs|ts|map|ya?ml|toml|lock|woff2?|ttf|otf|eot|pdf|zip|gz|tgz|bz2|xz|7z|rar|mp3|mp4|m4a|webm|mov|avi|wav|ogg|exe|dll|so|dylib|bin|sh|py|rb|go|rs|java|gitignore|gitattributes|gitmodules|DS_Store|liquid|njk|ejs|hbs|pug|scss)$/i;
const TEXTUAL = /\.(md|markdown|mdown|mkd|html?|xhtml|txt|text|xml|rss|atom|json|feed)$/i;

/** Whether a file of a source may hold an article, by its name (its content decides the rest). */
export function isCandidatePath(path: string): boolean {
  const base = path.split('/').pop() ?? path;
  if (NOT_ARTICLES.test(base)) return false;
  // files without extension may be articles (bare git blobs, saved pages); others must look textual
  return TEXTUAL.test(base) || !/\.[A-Za-z0-9]{1,8}$/.test(base);
}

const SKIP_DIRS = new Set(['.git', 'node_modules', '.svn', '.hg', '.cache']);
const ARCHIVE = /\.(tar\.gz|tgz|tar)$/i;

export function isGitUrl(s: string): boolean {
  return /^(https?|git|ssh|file):\/\/.+/.test(s) || /^[\w.-]+@[\w.-]+:.+/.test(s);
}

function isBareRepo(dir: string): boolean {
  return existsSync(join(dir, 'HEAD')) && existsSync(join(dir, 'objects')) && existsSync(join(dir, 'refs'));
}

export async function* openSource(input: string, opts: SourceOptions = {}): AsyncGenerator<SourceFile> {
  if (isGitUrl(input)) {
    yield* gitTree(await cloneToCache(input, opts.cacheDir), opts.rev, input);
    return;
  }
  const abs = await realpath(resolve(input)).catch(() => {
    throw new Error(`no such file or folder: ${input}`);
  });
  const st = await stat(abs);
  if (st.isDirectory()) {
    if (existsSync(join(abs, '.git')) || isBareRepo(abs)) yield* gitTree(abs, opts.rev, abs);
    else yield* walk(Buffer.from(abs), abs, opts.maxBytes);
  } else if (ARCHIVE.test(abs)) {
    yield* tarMembers(abs, opts.maxBytes);
  } else if (!st.isFile()) {
    yield refused(abs, abs, 'not a regular file (a FIFO, socket or device is never read)');
  } else {
    yield fileEntry(abs, abs, st.size);
  }
}

/**
 * How many entries `openSource` will give for an input, when that is cheap to know: a file,
 * a folder without archives in it (counted with the walk's own rules), a local git
 * repository. Undefined for archives and git URLs (known only once read or cloned).
 */
export async function countSourceFiles(input: string, rev?: string): Promise<number | undefined> {
  if (isGitUrl(input)) return undefined;
  const abs = await realpath(resolve(input)).catch(() => undefined);
  if (!abs) return 1; // reported as one rejected input
  const st = await stat(abs);
  if (!st.isDirectory()) return ARCHIVE.test(abs) ? undefined : 1;
  if (existsSync(join(abs, '.git')) || isBareRepo(abs)) {
    try {
      return (await git(abs, ['ls-tree', '-r', '-z', `${rev ?? 'HEAD'}^{commit}`])).split('\0').filter((l) => / blob /.test(l)).length;
    } catch {
      return undefined;
    }
  }
  let n = 0;
  const count = async (dir: string): Promise<boolean> => {
    let entries;
    try { entries = await readdir(dir, { withFileTypes: true }); } catch { n++; return true; }
    for (const e of entries) {
      if (e.isDirectory()) { if (!SKIP_DIRS.has(e.name) && !(await count(join(dir, e.name)))) return false; continue; }
      if (ARCHIVE.test(e.name)) return false;
      n++;
    }
    return true;
  };
  return (await count(abs)) ? n : undefined;
}

function fileEntry(abs: string, root: string, size: number): SourceFile {
  return { location: { kind: 'file', path: abs }, display: relative(resolve(root, '..'), abs) || abs, size, read: () => readFile(abs) };
}

/**
 * A file name as a person can read it: UTF-8 as it is, any other byte (a GBK name on a
 * Linux disk) escaped as \xHH, so the report names the file and nothing is lost.
 */
export function nameForDisplay(name: Buffer): string {
  if (isUtf8(name)) return name.toString('utf8');
  let out = '';
  for (let i = 0; i < name.length;) {
    // the UTF-8 sequence its lead byte announces, when it is one; else one escaped byte
    const lead = name[i]!;
    const n = lead < 0x80 ? 1 : lead >= 0xc2 && lead < 0xe0 ? 2 : lead >= 0xe0 && lead < 0xf0 ? 3 : lead >= 0xf0 && lead < 0xf5 ? 4 : 0;
    if (n && isUtf8(name.subarray(i, i + n)) && i + n <= name.length) { out += name.subarray(i, i + n).toString('utf8'); i += n; }
    else { out += `\\x${lead.toString(16).toUpperCase().padStart(2, '0')}`; i++; }
  }
  return out;
}

const SEP = Buffer.from('/');

/**
 * Every entry of a folder, in name order: a file is read, an archive unpacked, a folder
 * walked; anything that cannot be (an unreadable folder, a broken symlink, a FIFO or
 * device, a symlink to a folder, which could loop) is an entry with its reason, and the
 * walk goes on. Names are kept as bytes, so a name that is not UTF-8 is still read.
 */
async function* walk(dir: Buffer, root: string, maxBytes?: number): AsyncGenerator<SourceFile> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true, encoding: 'buffer' });
  } catch (e) {
    yield refused(nameForDisplay(dir), root, `cannot read this folder: ${(e as Error).message.replace(/, scandir .*/, '')}`);
    return;
  }
  entries.sort((a, b) => Buffer.compare(a.name, b.name));
  for (const e of entries) {
    const p = Buffer.concat([dir, SEP, e.name]);
    const shown = nameForDisplay(p);
    const name = nameForDisplay(e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(name)) yield* walk(p, root, maxBytes);
      continue;
    }
    let st;
    try { st = await stat(p); } catch (err) {
      yield refused(shown, root, e.isSymbolicLink() ? 'a symlink to nothing' : (err as Error).message);
      continue;
    }
    if (st.isDirectory()) yield refused(shown, root, 'a symlink to a folder (not followed: it could loop)');
    else if (!st.isFile()) yield refused(shown, root, 'not a regular file (a FIFO, socket or device is never read)');
    else if (ARCHIVE.test(name)) yield* archiveInFolder(shown, root, maxBytes);
    else yield { ...fileEntry(shown, root, st.size), read: () => readFile(p) };
  }
}

function refused(path: string, root: string, reason: string): SourceFile {
  return { ...fileEntry(path, root, 0), unreadable: reason };
}

/**
 * An archive met in a folder is read like one named on the command line. If it breaks
 * partway, the members read so far stand and one entry says why; the walk goes on.
 */
async function* archiveInFolder(file: string, root: string, maxBytes?: number): AsyncGenerator<SourceFile> {
  try {
    yield* tarMembers(file, maxBytes);
  } catch (e) {
    yield { ...fileEntry(file, root, 0), unreadable: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * Chunks of 1 MB for reading and unpacking an archive: with the streams' defaults (64 KB
 * read, 16 KB inflated) hkcnews-10k took 0.9 s of the writing thread to unpack, with
 * these 0.55 s.
 */
const ARCHIVE_CHUNK = 1 << 20;

/** inflate chunk of the careful second reading of a broken archive */
const SMALL_CHUNK = 16 * 1024;

/** Why a tar member that is not a file's bytes is never read: a link could point anywhere, outside the archive too. */
const TAR_REFUSED: Partial<Record<string, string>> = {
  symlink: 'a symlink in an archive (never followed: it could point outside the archive)',
  link: 'a hard link in an archive (never followed: it could point outside the archive)',
  'character-device': 'not a regular file (a FIFO or device in an archive is never read)',
  'block-device': 'not a regular file (a FIFO or device in an archive is never read)',
  fifo: 'not a regular file (a FIFO or device in an archive is never read)',
};

/**
 * The members of a tar or tar.gz, streamed. A broken archive (cut short, garbage after the
 * end) yields every member before the break and then throws its reason. The fast reading
 * inflates 1 MB at a time, and zlib drops the output it holds when it meets the break: so a
 * broken archive is read a second time in small chunks, from the first member not yet given.
 */
async function* tarMembers(file: string, maxBytes = Number.POSITIVE_INFINITY, chunk = ARCHIVE_CHUNK, skip = 0): AsyncGenerator<SourceFile> {
  const ex = tarExtract();
  const input = createReadStream(file, { highWaterMark: chunk });
  const tar = /\.tar$/i.test(file) ? input : input.pipe(createGunzip({ chunkSize: chunk }));
  // pipe() does not pass errors on: they must end the loop below with their reason, not
  // crash the process; a gzip error ends the tar stream, so what was inflated is still read
  let broken: Error | null = null;
  input.on('error', (e: Error) => ex.destroy(e));
  if (tar !== input) tar.on('error', (e: Error) => { broken ??= e; tar.unpipe(ex); ex.end(() => undefined); });
  tar.pipe(ex);
  let seen = 0;
  let given = skip;
  try {
    for await (const entry of ex) {
      const h = entry.header;
      // a folder is no entry; any other member is one, read or refused with its reason
      if (h.type === 'directory' || seen++ < skip) { entry.resume(); continue; }
      const location = { kind: 'tar' as const, repo: file, path: h.name };
      const display = `${file.split('/').pop()}:${h.name}`;
      const refusal = TAR_REFUSED[h.type ?? 'file'];
      if (refusal) {
        entry.resume();
        given++;
        yield { location, display, size: 0, read: async () => { throw new Error(refusal); }, unreadable: refusal };
        continue;
      }
      if ((h.size ?? 0) > maxBytes) {
        // drained without keeping a byte; the import rejects it by its size
        entry.resume();
        given++;
        yield { location, display, size: h.size!, read: async () => { throw new Error('not read: larger than the limit'); } };
        continue;
      }
      const chunks: Buffer[] = [];
      for await (const c of entry) chunks.push(c as Buffer);
      const bytes = Buffer.concat(chunks);
      given++;
      yield {
        location,
        display,
        size: bytes.length,
        read: async () => bytes,
      };
    }
  } catch (e) {
    broken ??= e instanceof Error ? e : new Error(String(e));
  }
  if (!broken) return;
  if (chunk > SMALL_CHUNK && tar !== input) { yield* tarMembers(file, maxBytes, SMALL_CHUNK, given); return; }
  throw new Error(`broken archive: ${(broken as Error).message}`);
}

/** a clone or fetch that takes longer is stopped (PARALLAX_GIT_TIMEOUT_MS; read at each clone) */
const gitTimeoutMs = (): number => Number(process.env.PARALLAX_GIT_TIMEOUT_MS) || 10 * 60_000;
/** a clone or fetch that writes more is stopped and its partial copy removed (PARALLAX_GIT_MAX_BYTES) */
const gitMaxBytes = (): number => Number(process.env.PARALLAX_GIT_MAX_BYTES) || 4 * 1024 ** 3;
/** how often a running clone's size is measured */
const GIT_SIZE_CHECK_MS = 500;

/** bytes of the files under a folder (a bare clone: a few pack files and refs) */
async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  for (const e of entries) if (e.isFile()) total += (await stat(join(e.parentPath, e.name)).catch(() => ({ size: 0 }))).size;
  return total;
}

/**
 * Clone (or fetch into) the cache, in a process of its own that the caller's event loop
 * does not wait on: a serving process running an API import keeps answering while git
 * talks to a slow host. Stopped past its time limit or its size limit, with the reason; a
 * clone that did not finish leaves nothing behind.
 */
async function cloneToCache(url: string, cacheDir?: string): Promise<string> {
  const base = cacheDir ?? process.env.PARALLAX_CACHE ?? join(homedir(), '.cache', 'parallax', 'git');
  const dir = join(base, createHash('sha1').update(url).digest('hex').slice(0, 16) + '.git');
  await mkdir(base, { recursive: true });
  const fetching = existsSync(dir);
  const timeoutMs = gitTimeoutMs();
  const maxBytes = gitMaxBytes();
  const before = fetching ? await folderBytes(dir) : 0;
  // the URL always after `--` (a URL that starts with - is no option); redirects not
  // followed (a public host must not send the clone on to a private one); git's own reason
  // when it fails (Could not resolve host …)
  const args = fetching
    ? ['-c', 'http.followRedirects=false', '-C', dir, 'fetch', '--quiet', '--prune', '--', 'origin', '+refs/heads/*:refs/heads/*']
    : ['-c', 'http.followRedirects=false', 'clone', '--quiet', '--bare', '--', url, dir];
  // a process group of its own: git leaves the talking to a helper (git-remote-https),
  // which must be stopped with it
  const child = spawn('git', args, { detached: true, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_SSH_COMMAND: process.env.GIT_SSH_COMMAND ?? 'ssh -o BatchMode=yes' } });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => { stderr = (stderr + d.toString()).slice(-8000); });
  let stopped: string | undefined;
  const killGroup = (): void => { try { process.kill(-child.pid!, 'SIGKILL'); } catch { child.kill('SIGKILL'); } };
  const stop = (why: string): void => { stopped ??= why; killGroup(); };
  // a group of its own gets no Ctrl-C from the terminal: it ends when this process does
  process.once('exit', killGroup);
  const timer = setTimeout(() => stop(`git ${fetching ? 'fetch' : 'clone'} of ${url} took longer than ${timeoutMs / 1000} s and was stopped`), timeoutMs);
  const tooLarge = `git ${fetching ? 'fetch' : 'clone'} of ${url} wrote more than ${(maxBytes / 1048576).toFixed(1)} MB and was stopped (PARALLAX_GIT_MAX_BYTES)`;
  let measuring = false;
  const sizer = setInterval(() => {
    if (measuring) return;
    measuring = true;
    void folderBytes(dir).then((n) => { measuring = false; if (n - before > maxBytes) stop(tooLarge); });
  }, GIT_SIZE_CHECK_MS);
  // on exit, not on close: a helper still holding stderr must not keep the import waiting
  const code = await new Promise<number | null>((res) => { child.on('exit', res); child.on('error', () => res(-1)); });
  process.removeListener('exit', killGroup);
  clearTimeout(timer);
  clearInterval(sizer);
  if (!stopped && code === 0 && (await folderBytes(dir)) - before > maxBytes) stopped = tooLarge;
  if (stopped || code !== 0) {
    if (!fetching) await rm(dir, { recursive: true, force: true });
    throw new Error(stopped ?? `git could not ${fetching ? 'fetch' : 'clone'} ${url}: ${gitReason(stderr) || `exit ${code}`}`);
  }
  return dir;
}

/** git's reason from its stderr: its fatal: and error: lines (the last line alone can be "and the repository exists.") */
function gitReason(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  const reasons = lines.filter((l) => /^(fatal|error):/.test(l));
  return (reasons.length ? reasons : lines.slice(-1)).join('; ').slice(0, 1000);
}

const execFileAsync = promisify(execFile);

/** a git command on a local repository, its output as text; the event loop goes on meanwhile (a listing of 50,000 files takes a while) */
async function git(dir: string, args: string[]): Promise<string> {
  return (await execFileAsync('git', ['-C', dir, ...args], { encoding: 'utf8', maxBuffer: 1 << 30, timeout: gitTimeoutMs(), killSignal: 'SIGKILL' })).stdout;
}

/** Blobs of one commit, streamed through one `git cat-file --batch` process. */
async function* gitTree(dir: string, rev: string | undefined, repoName: string): AsyncGenerator<SourceFile> {
  const commit = (await git(dir, ['rev-parse', '--verify', `${rev ?? 'HEAD'}^{commit}`])).trim();
  let origin = repoName;
  try { origin = (await git(dir, ['config', '--get', 'remote.origin.url'])).trim() || repoName; } catch { /* no remote: keep the path */ }
  const listing = await git(dir, ['ls-tree', '-r', '-z', '--long', commit]);
  const blobs = listing.split('\0').filter(Boolean).map((line) => {
    const tab = line.indexOf('\t');
    const [, type, sha, size] = line.slice(0, tab).trim().split(/\s+/);
    return { type, sha: sha!, size: Number(size), path: line.slice(tab + 1) };
  }).filter((b) => b.type === 'blob');
  const cat = spawn('git', ['-C', dir, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const reader = batchReader(cat.stdout);
  try {
    for (const b of blobs) {
      yield {
        location: { kind: 'git', repo: origin, commit, path: b.path },
        display: `${repoName.split('/').pop()}@${commit.slice(0, 8)}:${b.path}`,
        size: b.size,
        read: async () => {
          cat.stdin.write(b.sha + '\n');
          return reader.next();
        },
      };
    }
  } finally {
    cat.stdin.end();
    cat.kill();
  }
}

/** Reads `<sha> blob <size>\n<bytes>\n` records from `git cat-file --batch`. */
function batchReader(stream: NodeJS.ReadableStream): { next(): Promise<Uint8Array> } {
  let buf: Buffer = Buffer.alloc(0);
  let waiting: (() => void) | null = null;
  stream.on('data', (c: Buffer) => {
    buf = buf.length ? Buffer.concat([buf, c]) : c;
    waiting?.();
  });
  const need = async (pred: () => boolean): Promise<void> => {
    while (!pred()) await new Promise<void>((r) => { waiting = r; });
    waiting = null;
  };
  return {
    async next() {
      await need(() => buf.indexOf(10) >= 0);
      const nl = buf.indexOf(10);
      const header = buf.subarray(0, nl).toString();
      const size = Number(header.split(' ')[2]);
      if (!Number.isFinite(size)) throw new Error(`git cat-file: ${header}`);
      await need(() => buf.length >= nl + 1 + size + 1);
      const body = Buffer.from(buf.subarray(nl + 1, nl + 1 + size));
      buf = buf.subarray(nl + 1 + size + 1);
      return body;
    },
  };
}
