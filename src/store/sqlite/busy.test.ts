// Writers wait their turn: a write that finds the archive locked past the busy timeout
// waits with backoff, says so, and succeeds once the other writer is done; one that waited
// too long in all fails with SQLite's own error (nothing silent). Two connections on one
// real file, the lock held by a transaction left open on purpose.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { notice, PARSER } from '../contract/fixtures.js';
import type { BusyPolicy } from './busy.js';
import { SqliteStore } from './store.js';

function pair(policy: Partial<BusyPolicy>): { holder: SqliteStore; writer: SqliteStore; waits: number[] } {
  const file = join(mkdtempSync(join(tmpdir(), 'px-busy-')), 'a.db');
  const holder = new SqliteStore(file);
  const waits: number[] = [];
  const writer = new SqliteStore(file, {
    busyTimeoutMs: 30,
    busy: { firstWaitMs: 40, maxWaitMs: 160, giveUpAfterMs: 60_000, onWait: (_what, ms) => waits.push(ms), ...policy },
  });
  return { holder, writer, waits };
}

const item = notice('busy/1.md', { title: '碼頭通告', date: '2031-10-01 09:00:00', body: ['渡輪改於臨時浮台上落。'] });

test('a write finding the lock held past the busy timeout waits with backoff and succeeds when it is free', async () => {
  const { holder, writer, waits } = pair({});
  try {
    holder.db.prepare('BEGIN IMMEDIATE').run();
    const release = setTimeout(() => holder.db.prepare('COMMIT').run(), 400);
    assert.deepEqual(await writer.commit([item], PARSER), [['added']]);
    clearTimeout(release);
    assert.ok(waits.length >= 2, `waited ${waits.length} times`);
    assert.deepEqual(waits.slice(0, 3), [40, 80, 160], 'the wait doubles');
    assert.ok(await holder.getArticle(item.articles[0]!.id), 'the other connection reads the write');
    // the same for the analysis' writes
    holder.db.prepare('BEGIN IMMEDIATE').run();
    setTimeout(() => holder.db.prepare('COMMIT').run(), 150);
    await writer.setMeta('busy.test', '1');
    assert.equal(await holder.getMeta('busy.test'), '1');
  } finally {
    await writer.close();
    await holder.close();
  }
});

test('a write that waited longer than the policy allows fails with the lock error, after saying so', async () => {
  const { holder, writer, waits } = pair({ giveUpAfterMs: 100 });
  try {
    holder.db.prepare('BEGIN IMMEDIATE').run();
    await assert.rejects(writer.commit([item], PARSER), (e: unknown) => (e as { code?: string }).code === 'SQLITE_BUSY');
    assert.ok(waits.length >= 2, `waited ${waits.length} times`);
    holder.db.prepare('ROLLBACK').run();
    assert.equal(await writer.getArticle(item.articles[0]!.id), undefined, 'nothing half-written');
  } finally {
    await writer.close();
    await holder.close();
  }
});
