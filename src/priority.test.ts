// lowerPriority lowers every thread of the process on Linux, not only the calling one: the
// threads V8 and libuv started with the process (garbage collection, compilation, the
// file pool) would otherwise compete with a server at normal priority. Checked in a
// process of its own (a nice value cannot be raised back without privileges).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const priority = fileURLToPath(new URL('./priority.ts', import.meta.url));

test('lowerPriority(7) puts every thread of the process at nice 7 (Linux)', { skip: process.platform !== 'linux' && 'per-thread nice values are Linux\'s' }, () => {
  const script = `
    const { readdirSync, readFileSync } = await import('node:fs');
    const { lowerPriority } = await import(${JSON.stringify(priority)});
    // a worker thread and the file pool running before the call, like an import's
    const { Worker } = await import('node:worker_threads');
    const w = new Worker('setTimeout(() => {}, 3000)', { eval: true });
    await new Promise((r) => w.once('online', r));
    await Promise.all(Array.from({ length: 4 }, () => import('node:fs/promises').then((f) => f.stat('.'))));
    lowerPriority(7);
    const nices = readdirSync('/proc/self/task').map((t) => { const s = readFileSync('/proc/self/task/' + t + '/stat', 'utf8'); return Number(s.slice(s.lastIndexOf(')') + 2).split(' ')[16]); });
    process.stdout.write(JSON.stringify(nices));
    process.exit(0);`;
  const nices = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' })) as number[];
  assert.ok(nices.length >= 8, `${nices.length} threads`);
  assert.deepEqual([...new Set(nices)], [7], `nice values of the threads: ${nices.join(' ')}`);
});
