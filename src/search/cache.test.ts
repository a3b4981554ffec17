// The result cache answers a repeated query from memory and forgets everything as soon
// as the archive changes, whichever process changed it.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { importSources } from '../import/pipeline.js';
import { SqliteStore } from '../store/sqlite.js';
import { AliasTable } from '../text/aliases.js';
import { Segmenter } from '../text/segment.js';
import { SearchCache } from './cache.js';

test('a repeated query is answered from the cache until another connection writes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'px-cache-'));
  const post = (name: string, day: number): void => {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, 'p.md'), `---\ntitle: 燈塔重新亮燈\ndate: 2031-11-0${day}\n---\n\n鷺鳴角燈塔修復完成，今晚重新亮燈。\n`);
  };
  post('a', 1);
  const db = join(dir, 'c.db');
  const reader = new SqliteStore(db);
  await importSources(reader, [join(dir, 'a')]);
  const cache = new SearchCache(reader, { segmenter: new Segmenter(), aliases: new AliasTable() });
  const first = await cache.search('燈塔', {});
  const again = await cache.search('燈塔', {});
  assert.equal(first.total, 1);
  assert.deepEqual(again.hits, first.hits);
  assert.equal(cache.size, 1);
  // another connection (another process in production) adds an article
  post('b', 2);
  const writer = new SqliteStore(db);
  await importSources(writer, [join(dir, 'b')]);
  await writer.close();
  assert.equal((await cache.search('燈塔', {})).total, 2);
  await reader.close();
});
