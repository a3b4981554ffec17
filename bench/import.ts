// The import benchmark on hkcnews-10k.
import { execFileSync } from 'node:child_process';
import { createReadStream, createWriteStream, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { extract, pack } from 'tar-stream';

interface Run { seconds: number; articles: number; files: number; bytes: number; maxRssMB: number }

function removeDb(db: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
}

/** A fresh archive at `db` (into an existing one, every file would be found unchanged). */
function fresh(db: string): string {
  removeDb(db);
  return db;
}

/** One run in a process of its own, compiled as `npm run build` leaves it: how the CLI runs for users. */
function child(name: 'import-child' | 'baseline-child', ...args: string[]): Run {
  return JSON.parse(execFileSync(process.execPath, [`dist/bench/${name}.js`, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })) as Run;
}

/**
 * The first `n` members of a .tar.gz as a new .tar.gz; past its end the archive starts
 * over, each later pass under a folder of its own and with its URLs made distinct, so
 * that every file is a new article (the same URL would be the same article).
 */
async function resized(tar: string, n: number, out: string): Promise<string> {
  const pk = pack();
  const done = pipeline(pk, createGzip(), createWriteStream(out));
  let written = 0;
  for (let pass = 0; written < n; pass++) {
    for await (const entry of createReadStream(tar).pipe(createGunzip()).pipe(extract())) {
      const chunks: Buffer[] = [];
      for await (const c of entry) chunks.push(c as Buffer);
      if (written >= n) continue;
      const body = pass === 0 ? Buffer.concat(chunks) : Buffer.from(Buffer.concat(chunks).toString('utf8').replace(/(url: "https?:\/\/[^"]*)"/g, `$1?pass=${pass}"`));
      // waiting for each entry to be taken keeps the archive out of memory (gzip is the slower side)
      await new Promise<void>((resolve, reject) => {
        pk.entry({ name: pass === 0 ? entry.header.name : `pass-${pass}/${entry.header.name}` }, body, (e) => (e ? reject(e) : resolve()));
      });
      written++;
    }
  }
  pk.finalize();
  await done;
  return out;
}

/** Runs of each kind: the machine is shared, and one run can land on a slow minute. */
const RUNS = 3;

/** `RUNS` runs of each kind, interleaved (so that a slow minute hits every kind): each kind's runs, fastest first. */
function interleaved(kinds: Array<() => Run>): Run[][] {
  const out: Run[][] = kinds.map(() => []);
  for (let i = 0; i < RUNS; i++) kinds.forEach((run, k) => out[k]!.push(run()));
  return out.map((runs) => runs.sort((a, b) => a.seconds - b.seconds));
}

export async function importBench(tenK: string, dir: string): Promise<void> {
  execFileSync('npm', ['run', 'build'], { stdio: 'ignore' });
  const [bases, noIndexes, fulls] = interleaved([
    () => child('baseline-child', tenK),
    () => child('import-child', tenK, fresh(join(dir, 'import-noindex.db')), 'no-index'),
    () => child('import-child', tenK, fresh(join(dir, 'import.db'))),
  ]) as [Run[], Run[], Run[]];
  const base = bases[0]!;
  const full = fulls[0]!;
  const mb = (r: Run): number => r.bytes / 1048576 / r.seconds;
  const rate = (r: Run): number => Math.round(r.articles / r.seconds);
  console.log(`## Import, hkcnews-10k (10,000 files, .tar.gz; best of ${RUNS} interleaved runs of each, the other runs' articles/s in brackets)\n`);
  console.log('| run | seconds | articles/s | MB/s (compressed input) | peak RSS MB | × baseline time |');
  console.log('|---|---|---|---|---|---|');
  for (const [name, runs] of [['baseline: read files + parse front matter', bases], ['Parallax import, no search index', noIndexes], ['Parallax import with segmentation + index', fulls]] as const) {
    const r = runs[0]!;
    const others = runs.slice(1).map(rate).join(', ');
    console.log(`| ${name} | ${r.seconds.toFixed(1)} | ${rate(r)} (${others}) | ${mb(r).toFixed(2)} | ${Math.max(...runs.map((x) => x.maxRssMB))} | ${(r.seconds / base.seconds).toFixed(1)} |`);
  }
  console.log('');
  console.log('Peak RSS as the input grows (30,000 and 90,000: the archive 3 and 9 times over, URLs made distinct):\n');
  console.log('| files | no index: seconds | articles/s | peak RSS MB | with index: seconds | articles/s | peak RSS MB |');
  console.log('|---|---|---|---|---|---|---|');
  const row = (n: number, plain: Run, indexed: Run): void =>
    console.log(`| ${n} | ${plain.seconds.toFixed(1)} | ${rate(plain)} | ${plain.maxRssMB} | ${indexed.seconds.toFixed(1)} | ${rate(indexed)} | ${indexed.maxRssMB} |`);
  for (const n of [2500, 5000, 10000, 30000, 90000]) {
    if (n === 10000) { row(n, noIndexes[0]!, full); continue; }
    const part = await resized(tenK, n, join(dir, `first-${n}.tar.gz`));
    const dbs = [fresh(join(dir, `import-${n}-noindex.db`)), fresh(join(dir, `import-${n}.db`))] as const;
    row(n, child('import-child', part, dbs[0], 'no-index'), child('import-child', part, dbs[1]));
    rmSync(part);
    dbs.forEach(removeDb);
  }
  console.log('');
}
