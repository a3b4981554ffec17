// Recent search results. A page of hits costs milliseconds of ranking and snippets; the
// same query again (the next visitor, the back button, a shared link) costs a lookup.
// A write by any process moves the store's generation; a result computed before it is
// then served for at most `maxLagMs` after it was computed, and recomputed after that.
// Without that bound an import running beside the server (a commit every fraction of a
// second) would empty the cache continually and every visitor would pay full price;
// with it, results lag other processes' writes by at most `maxLagMs` (0: never).
import type { Store } from '../store/store.js';
import { searchArchive, type SearchOptions, type SearchResult, type TextContext } from './search.js';

interface Entry { result: SearchResult; generation: string; computedAt: number }

export interface CacheOptions {
  /** entries kept, least recently used dropped first */
  capacity?: number;
  /** how long a result may outlive a change of the archive, in ms */
  maxLagMs?: number;
  /** the clock, in ms (tests move it by hand) */
  now?: () => number;
}

export class SearchCache {
  private readonly entries = new Map<string, Entry>();
  private readonly capacity: number;
  private readonly maxLagMs: number;
  private readonly now: () => number;

  constructor(private readonly store: Store, private readonly text: TextContext, opts: CacheOptions = {}) {
    this.capacity = opts.capacity ?? 2000;
    this.maxLagMs = opts.maxLagMs ?? 1000;
    this.now = opts.now ?? Date.now;
  }

  async search(input: string, opts: SearchOptions): Promise<SearchResult> {
    const started = performance.now();
    const generation = await this.store.generation();
    const key = JSON.stringify([input.trim(), opts.limit ?? 20, opts.offset ?? 0, opts.sort ?? 'relevance', opts.collapse !== false]);
    const hit = this.entries.get(key);
    this.entries.delete(key);
    if (hit && (hit.generation === generation || this.now() - hit.computedAt < this.maxLagMs)) {
      // least recently used first: a hit moves to the end
      this.entries.set(key, hit);
      return { ...hit.result, tookMs: Math.round((performance.now() - started) * 10) / 10 };
    }
    const result = await searchArchive(this.store, input, opts, this.text);
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { result, generation, computedAt: this.now() });
    return result;
  }

  /** forget everything: after a write made through this server, its results show at once */
  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
