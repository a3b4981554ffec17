// The result cache answers a repeated query from memory; once another process changes
// the archive, a cached result is served for at most maxLagMs after it was computed.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { importSources } from '../import/pipeline.js';
import { SqliteStore } from '../store/sqlite/store.js';
import { AliasTable } from '../text/aliases.js';
import { Segmenter } from '../text/segment.js';
import { SearchCache } from './cache.js';

/** an archive with one post, and a way to add posts through another connection */
async function archive(): Promise<{ reader: SqliteStore; addPost: (day: number) => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'px-cache-'));
  const post = (day: number): string => {
    const d = join(dir, `p${day}`);
    mkdirSync(d);
    writeFileSync(join(d, 'p.md'), `---\ntitle: 燈塔重新亮燈\ndate: 2031-11-0${day}\n---\n\n鷺鳴角燈塔修復完成，今晚重新亮燈。\n`);
    return d;
  };
  const db = join(dir, 'c.db');
  const reader = new SqliteStore(db);
  await importSources(reader, [post(1)]);
  return {
    reader,
    // another connection (another process in production) adds an article
    addPost: async (day) => {
      const writer = new SqliteStore(db);
      await importSources(writer, [post(day)]);
      await writer.close();
    },
  };
}

const text = { segmenter: new Segmenter(), aliases: new AliasTable() };

test('with no lag allowed, a write by another connection shows in the next search', async () => {
  const { reader, addPost } = await archive();
  const cache = new SearchCache(reader, text, { maxLagMs: 0 });
  const first = await cache.search('燈塔', {});
  const again = await cache.search('燈塔', {});
  assert.equal(first.total, 1);
  assert.deepEqual(again.hits, first.hits);
  assert.equal(cache.size, 1);
  await addPost(2);
  assert.equal((await cache.search('燈塔', {})).total, 2);
  await reader.close();
});

test('a cached result outlives another connection\'s write by at most maxLagMs', async () => {
  const { reader, addPost } = await archive();
  let clock = 0;
  const cache = new SearchCache(reader, text, { maxLagMs: 400, now: () => clock });
  assert.equal((await cache.search('燈塔', {})).total, 1);
  await addPost(2);
  // within the lag the cached page is served; then it is computed again
  assert.equal((await cache.search('燈塔', {})).total, 1);
  clock += 399;
  assert.equal((await cache.search('燈塔', {})).total, 1);
  clock += 1;
  assert.equal((await cache.search('燈塔', {})).total, 2);
  // a query first asked after the write is computed on the new archive
  assert.equal((await cache.search('亮燈', {})).total, 2);
  // clear() (a write through the server itself) forgets at once
  await addPost(3);
  cache.clear();
  assert.equal((await cache.search('燈塔', {})).total, 3);
  await reader.close();
});

test('the cache holds at most maxBytes of results: the least recently used go first, and a hit is kept', async () => {
  const { reader } = await archive();
  const queries = ['燈塔', '燈塔 亮燈', '燈塔 修復', '鷺鳴角 燈塔'];
  // each result's size, as the cache counts it
  const measure = new SearchCache(reader, text);
  const sizes: number[] = [];
  for (const q of queries) { const held = measure.heldBytes; await measure.search(q, {}); sizes.push(measure.heldBytes - held); }
  assert.ok(sizes.every((n) => n > 1024), sizes.join(','));
  // room for the first three
  const budget = sizes[0]! + sizes[1]! + sizes[2]!;
  const cache = new SearchCache(reader, text, { maxBytes: budget });
  for (const q of queries.slice(0, 3)) await cache.search(q, {});
  assert.deepEqual([cache.size, cache.heldBytes], [3, budget]);
  await cache.search(queries[0]!, {}); // used again: the most recent now
  await cache.search(queries[3]!, {});
  assert.ok(cache.heldBytes <= budget, `${cache.heldBytes} of ${budget} bytes`);
  // the second went (the oldest), the first stayed: asking for it again changes nothing
  const held = cache.heldBytes, size = cache.size;
  await cache.search(queries[0]!, {});
  assert.deepEqual([cache.size, cache.heldBytes], [size, held]);
  await cache.search(queries[1]!, {});
  assert.ok(cache.heldBytes <= budget);
  // a result larger than the whole budget is answered but not kept
  const tiny = new SearchCache(reader, text, { maxBytes: 10 });
  assert.equal((await tiny.search('燈塔', {})).total, 1);
  assert.deepEqual([tiny.size, tiny.heldBytes], [0, 0]);
  await reader.close();
});
