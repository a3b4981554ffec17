// Contract on real files: the five seed documents (../shared/seeds, one event told by five
// archives) imported through the real pipeline (parse workers, batches) twice, their raw
// bytes read back against the files, and searched in both scripts.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { importSources } from '../../import/pipeline.js';
import { searchArchive } from '../../search/search.js';
import { needsShared, sharedPath } from '../../../test/shared.js';
import { ctx, withStore, type OpenStore } from './fixtures.js';

export function seedContract(open: OpenStore): void {
  describe('real files (../shared/seeds)', () => {
    test('imported twice through the pipeline: five articles once, every file\'s bytes back exactly, found in both scripts', needsShared('seeds'), () => withStore(open, async ({ store }) => {
      const seeds = sharedPath('seeds')!;
      const first = await importSources(store, [seeds]);
      assert.deepEqual([first.files, first.articles.added, first.rejected.length], [5, 5, 0]);
      const again = await importSources(store, [seeds]);
      assert.deepEqual([again.articles.added, again.articles.updated, again.articles.unchanged], [0, 0, 5]);
      let sources = 0;
      for await (const s of store.allSources()) {
        sources++;
        assert.deepEqual(Buffer.from(s.bytes), readFileSync(s.location.path!), s.key);
      }
      assert.equal(sources, 5);
      const stats = await store.stats();
      assert.deepEqual(stats.outlets.map((o) => o.id).sort(), ['hkcnews', 'sina', 'unknown', 'zaker', 'zaobao']);
      const ids = async (q: string): Promise<string[]> => (await searchArchive(store, q, { collapse: false }, ctx)).hits.map((h) => h.id).sort();
      const all = ['1e67b5ff6dd5541a', '263f19a91b6f0205', '2f4b84d6fada6639', '933ebef02fa33c1f', '995d332801f81c12'];
      assert.deepEqual(await ids('普京'), all);
      assert.deepEqual(await ids('普丁'), all);
      assert.deepEqual(await ids('视频会晤'), all);
      // as an exact phrase the Hong Kong wording (視像會晤) is another phrase
      assert.deepEqual(await ids('"视频会晤"'), all.filter((id) => id !== '933ebef02fa33c1f'));
      assert.deepEqual(await ids('outlet:hkcnews 普京'), ['933ebef02fa33c1f']);
    }));
  });
}
