// Recent search results, kept while the archive does not change. A page of hits costs
// milliseconds of ranking and snippets; the same query again (the next visitor, the
// back button, a shared link) costs a lookup. Any write, by this process or another,
// moves the store's generation and empties the cache.
import type { Store } from '../store/store.js';
import { searchArchive, type SearchOptions, type SearchResult, type TextContext } from './search.js';

export class SearchCache {
  private readonly entries = new Map<string, SearchResult>();
  private generation = '';

  constructor(private readonly store: Store, private readonly text: TextContext, private readonly capacity = 2000) {}

  async search(input: string, opts: SearchOptions): Promise<SearchResult> {
    const started = performance.now();
    const gen = await this.store.generation();
    if (gen !== this.generation) { this.entries.clear(); this.generation = gen; }
    const key = JSON.stringify([input.trim(), opts.limit ?? 20, opts.offset ?? 0, opts.sort ?? 'relevance']);
    const hit = this.entries.get(key);
    if (hit) {
      // least recently used first: a hit moves to the end
      this.entries.delete(key);
      this.entries.set(key, hit);
      return { ...hit, tookMs: Math.round((performance.now() - started) * 10) / 10 };
    }
    const result = await searchArchive(this.store, input, opts, this.text);
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, result);
    return result;
  }

  get size(): number {
    return this.entries.size;
  }
}
