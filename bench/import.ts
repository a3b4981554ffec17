// The import benchmark on hkcnews-10k.
import { execFileSync } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { extract, pack } from 'tar-stream';

interface Run { seconds: number; articles: number; files: number; bytes: number; maxRssMB: number }

/** One run in a process of its own, compiled as `npm run build` leaves it: how the CLI runs for users. */
function child(name: 'import-child' | 'baseline-child', ...args: string[]): Run {
  return JSON.parse(execFileSync(process.execPath, [`dist/bench/${name}.js`, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })) as Run;
}

/** The first `n` members of a .tar.gz, as a new .tar.gz */
async function head(tar: string, n: number, out: string): Promise<string> {
  const ex = extract();
  const pk = pack();
  const done = pipeline(pk, createGzip(), createWriteStream(out));
  let i = 0;
  const src = createReadStream(tar).pipe(createGunzip()).pipe(ex);
  for await (const entry of src) {
    const chunks: Buffer[] = [];
    for await (const c of entry) chunks.push(c as Buffer);
    if (i++ < n) pk.entry({ name: entry.header.name }, Buffer.concat(chunks));
  }
  pk.finalize();
  await done;
  return out;
}

export async function importBench(tenK: string, dir: string): Promise<void> {
  execFileSync('npm', ['run', 'build'], { stdio: 'ignore' });
  const base = child('baseline-child', tenK);
  const full = child('import-child', tenK, join(dir, 'import.db'));
  const noIndex = child('import-child', tenK, join(dir, 'import-noindex.db'), 'no-index');
  const mb = (r: Run): number => r.bytes / 1048576 / r.seconds;
  console.log('## Import, hkcnews-10k (10,000 files, .tar.gz)\n');
  console.log('| run | seconds | articles/s | MB/s (compressed input) | peak RSS MB | × baseline time |');
  console.log('|---|---|---|---|---|---|');
  for (const [name, r] of [['baseline: read files + parse front matter', base], ['Parallax import, no search index', noIndex], ['Parallax import with segmentation + index', full]] as const) {
    console.log(`| ${name} | ${r.seconds.toFixed(1)} | ${Math.round(r.articles / r.seconds)} | ${mb(r).toFixed(2)} | ${r.maxRssMB} | ${(r.seconds / base.seconds).toFixed(1)} |`);
  }
  console.log('');
  console.log('Peak RSS as the input grows (import with index):\n');
  console.log('| files | seconds | articles/s | peak RSS MB |');
  console.log('|---|---|---|---|');
  for (const n of [2500, 5000]) {
    const part = await head(tenK, n, join(dir, `head-${n}.tar.gz`));
    const r = child('import-child', part, join(dir, `import-${n}.db`));
    console.log(`| ${n} | ${r.seconds.toFixed(1)} | ${Math.round(r.articles / r.seconds)} | ${r.maxRssMB} |`);
  }
  console.log(`| 10000 | ${full.seconds.toFixed(1)} | ${Math.round(full.articles / full.seconds)} | ${full.maxRssMB} |\n`);
}
