// The analysis lease of a SQLite archive: a holder that died (its lease not renewed) is
// waited for only until its lease runs out; a live holder's renewals keep others out.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { SqliteLease } from './lease.js';
import { SqliteStore } from './store.js';

const write = <T>(_what: string, fn: () => T): Promise<T> => Promise.resolve(fn());

test('a lease left by a holder that died runs out, at once when its process is gone; a live holder renews its own', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'px-lease-')), 'a.db');
  const a = new SqliteStore(file), b = new SqliteStore(file);
  try {
    // what a process killed during its run leaves behind
    a.db.prepare("INSERT INTO meta (key, value) VALUES ('lease:analysis', ?)").run(JSON.stringify({ owner: 'dead:1', until: Date.now() + 600 }));
    const lease = new SqliteLease(b.db, write, 300);
    const t = Date.now();
    assert.equal(await lease.hold('analysis', async () => 'ran', 50), 'ran');
    const waited = Date.now() - t;
    assert.ok(waited >= 500 && waited < 5000, `waited ${waited} ms for the dead holder's lease`);
    assert.equal(a.db.prepare("SELECT value FROM meta WHERE key = 'lease:analysis'").get(), undefined, 'released after the run');
    // a holder whose process is gone (a server stopped mid-run): taken at once, however long its lease
    const gone = spawnSync(process.execPath, ['-e', 'process.pid']).pid!;
    a.db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('lease:analysis', ?)").run(JSON.stringify({ owner: `${gone}:x`, until: Date.now() + 3_600_000 }));
    const t2 = Date.now();
    assert.equal(await new SqliteLease(b.db, write).hold('analysis', async () => 'ran', 50), 'ran');
    assert.ok(Date.now() - t2 < 2000, `waited ${Date.now() - t2} ms for a dead process`);
    // a live holder on this machine that missed its renewals (a long synchronous step) keeps it for ten leases more
    a.db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('lease:analysis', ?)").run(JSON.stringify({ owner: `${process.pid}:busy`, until: Date.now() - 500 }));
    const t3 = Date.now();
    assert.equal(await new SqliteLease(b.db, write, 300).hold('analysis', async () => 'ran', 50), 'ran');
    const waited3 = Date.now() - t3;
    assert.ok(waited3 >= 2000 && waited3 < 6000, `waited ${waited3} ms for a live holder past its lease`);
        // a run longer than the lease: renewed, so another waits for the end of the run
    const long = new SqliteLease(a.db, write, 300);
    const other = new SqliteLease(b.db, write, 300);
    const order: string[] = [];
    await Promise.all([
      long.hold('analysis', async () => { order.push('long starts'); await new Promise((r) => setTimeout(r, 1000)); order.push('long ends'); }, 50),
      new Promise((r) => setTimeout(r, 100)).then(() => other.hold('analysis', async () => { order.push('other'); }, 50)),
    ]);
    assert.deepEqual(order, ['long starts', 'long ends', 'other']);
  } finally {
    await a.close();
    await b.close();
  }
});
