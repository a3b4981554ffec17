// Where files come from: a file, a folder (recursive), a .tar.gz, a local git
// repository or bare git directory (read at HEAD or --rev without a checkout), or a
// git URL (cloned into a cache). Every source yields the same SourceFile records,
// one at a time, so an import streams whatever the size of its input.
import { spawn, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { mkdir, readdir, readFile, realpath, stat } from 'node:fs/promises';
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
    else yield* walk(abs, abs);
  } else if (ARCHIVE.test(abs)) {
    yield* tarMembers(abs);
  } else {
    yield fileEntry(abs, abs, st.size);
  }
}

function fileEntry(abs: string, root: string, size: number): SourceFile {
  return { location: { kind: 'file', path: abs }, display: relative(resolve(root, '..'), abs) || abs, size, read: () => readFile(abs) };
}

async function* walk(dir: string, root: string): AsyncGenerator<SourceFile> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) yield* walk(p, root);
    } else if (e.isFile()) {
      if (ARCHIVE.test(e.name)) yield* archiveInFolder(p, root);
      else yield fileEntry(p, root, statSync(p).size);
    }
  }
}

/**
 * An archive met in a folder is read like one named on the command line. If it breaks
 * partway, the members read so far stand and one entry says why; the walk goes on.
 */
async function* archiveInFolder(file: string, root: string): AsyncGenerator<SourceFile> {
  try {
    yield* tarMembers(file);
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

async function* tarMembers(file: string): AsyncGenerator<SourceFile> {
  const ex = tarExtract();
  const input = createReadStream(file, { highWaterMark: ARCHIVE_CHUNK });
  const tar = /\.tar$/i.test(file) ? input : input.pipe(createGunzip({ chunkSize: ARCHIVE_CHUNK }));
  // pipe() does not pass errors on: a truncated or corrupt archive must end the loop below
  // with its reason, not crash the process
  for (const stream of new Set([input, tar])) stream.on('error', (e: Error) => ex.destroy(e));
  tar.pipe(ex);
  try {
    for await (const entry of ex) {
      const h = entry.header;
      if (h.type !== 'file') { entry.resume(); continue; }
      const chunks: Buffer[] = [];
      for await (const c of entry) chunks.push(c as Buffer);
      const bytes = Buffer.concat(chunks);
      yield {
        location: { kind: 'tar', repo: file, path: h.name },
        display: `${file.split('/').pop()}:${h.name}`,
        size: bytes.length,
        read: async () => bytes,
      };
    }
  } catch (e) {
    throw new Error(`broken archive: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** a clone or fetch that takes longer is stopped (PARALLAX_GIT_TIMEOUT_MS) */
const GIT_TIMEOUT_MS = Number(process.env.PARALLAX_GIT_TIMEOUT_MS) || 10 * 60_000;

async function cloneToCache(url: string, cacheDir?: string): Promise<string> {
  const base = cacheDir ?? process.env.PARALLAX_CACHE ?? join(homedir(), '.cache', 'parallax', 'git');
  const dir = join(base, createHash('sha1').update(url).digest('hex').slice(0, 16) + '.git');
  await mkdir(base, { recursive: true });
  // the URL always after `--` (a URL that starts with - is no option), a time limit, and
  // git's own reason when it fails (Could not resolve host …)
  const run = (args: string[]): void => {
    try {
      execFileSync('git', args, { stdio: 'pipe', timeout: GIT_TIMEOUT_MS, killSignal: 'SIGKILL', env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_SSH_COMMAND: process.env.GIT_SSH_COMMAND ?? 'ssh -o BatchMode=yes' } });
    } catch (e) {
      const err = e as { stderr?: Buffer; signal?: string };
      if (err.signal) throw new Error(`git ${args[0] === '-C' ? args[2] : args[0]} of ${url} took longer than ${GIT_TIMEOUT_MS / 1000} s and was stopped`);
      throw new Error(`git could not ${existsSync(dir) ? 'fetch' : 'clone'} ${url}: ${err.stderr?.toString().trim().split('\n').pop() ?? String(e)}`);
    }
  };
  if (existsSync(dir)) run(['-C', dir, 'fetch', '--quiet', '--prune', '--', 'origin', '+refs/heads/*:refs/heads/*']);
  else run(['clone', '--quiet', '--bare', '--', url, dir]);
  return dir;
}

function git(dir: string, args: string[]): string {
  return execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Blobs of one commit, streamed through one `git cat-file --batch` process. */
async function* gitTree(dir: string, rev: string | undefined, repoName: string): AsyncGenerator<SourceFile> {
  const commit = git(dir, ['rev-parse', '--verify', `${rev ?? 'HEAD'}^{commit}`]).trim();
  let origin = repoName;
  try { origin = git(dir, ['config', '--get', 'remote.origin.url']).trim() || repoName; } catch { /* no remote: keep the path */ }
  const listing = git(dir, ['ls-tree', '-r', '-z', '--long', commit]);
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
