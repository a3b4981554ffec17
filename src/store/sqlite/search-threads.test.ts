// Searches in threads of their own (serve's SQLite store): the contract's search semantics
// hold unchanged through the threads, a search past its time is answered at once with
// SearchTimeoutError while the next one is answered normally, and closing ends every thread.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { searchArchive } from '../../search/search.js';
import { searchContract } from '../contract/search.js';
import { ctx, PARSER } from '../contract/fixtures.js';
import { searchCorpus } from '../contract/search-corpus.js';
import { SearchTimeoutError, type Store } from '../store.js';
import { SearchThreads } from './search-threads.js';
import { SqliteStore } from './store.js';

const dir = mkdtempSync(join(tmpdir(), 'px-search-threads-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = (): string => join(dir, `t${++n}.db`);

describe('store contract: sqlite, searches in threads', () => {
  searchContract(async () => {
    const file = fresh();
    const store = new SqliteStore(file, { searchThreads: 2 });
    return { store, reopen: async () => new SqliteStore(file, { searchThreads: 2 }), target: file, cleanup: async () => { await store.close(); } };
  });
});

test('a search past its time: SearchTimeoutError at the deadline, its thread replaced, the next search answered', async () => {
  const file = fresh();
  const store = new SqliteStore(file);
  await store.commit(searchCorpus(), PARSER);
  const inThread = await searchArchive(store, '跨海大桥', { collapse: false }, ctx);
  assert.ok(inThread.total > 0);
  // searchArchive over a store whose searches go through the given threads
  const through = (t: SearchThreads): Store => ({ search: (req: Parameters<Store['search']>[0]) => t.search(req), outlets: () => store.outlets() }) as unknown as Store;
  // a thread needs far longer than 1 ms to start and answer: this search is always late
  const late = new SearchThreads(file, { threads: 1, timeoutMs: 1, cacheKb: 1024 });
  const asked = performance.now();
  await assert.rejects(searchArchive(through(late), '跨海大桥', { collapse: false }, ctx), SearchTimeoutError);
  assert.ok(performance.now() - asked < 1000, 'answered at the deadline, not when the thread finished');
  assert.equal(late.threadCount, 1, 'the late thread was replaced by a fresh one');
  await late.close();
  const threads = new SearchThreads(file, { threads: 1, cacheKb: 1024 });
  const viaThread = await searchArchive(through(threads), '跨海大桥', { collapse: false }, ctx);
  assert.deepEqual(viaThread.hits.map((h) => h.id), inThread.hits.map((h) => h.id));
  assert.equal(viaThread.total, inThread.total);
  assert.equal(threads.threadCount, 1);
  await threads.close();
  assert.equal(threads.threadCount, 0, 'closing ends the threads');
  await assert.rejects(threads.search({} as never), /closed/);
  await store.close();
});

test('an archive the threads cannot open: every waiting search gets the error, no thread is started again and again', async () => {
  const missing = join(dir, 'never-made.db');
  const threads = new SearchThreads(missing, { threads: 2, cacheKb: 1024 });
  const req = { query: { terms: [], outlets: [] }, forms: [], sort: 'relevance', limit: 1, offset: 0 } as never;
  const answers = await Promise.allSettled([threads.search(req), threads.search(req), threads.search(req)]);
  for (const a of answers) assert.equal(a.status, 'rejected');
  await new Promise((res) => setTimeout(res, 300));
  assert.equal(threads.threadCount, 0, 'the failed threads are not replaced in a loop');
  await threads.close();
});
