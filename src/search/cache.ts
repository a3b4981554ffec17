// Recent search results. A page of hits costs milliseconds of ranking and snippets; the
// same query again (the next visitor, the back button, a shared link) costs a lookup.
// A write by any process moves the store's generation; a result computed before it is
// then served for at most `maxLagMs` after it was computed, and recomputed after that.
// Without that bound an import running beside the server (a commit every fraction of a
// second) would empty the cache continually and every visitor would pay full price;
// with it, results lag other processes' writes by at most `maxLagMs` (0: never).
import type { Store } from '../store/store.js';
import { searchArchive, type SearchOptions, type SearchResult, type TextContext } from './search.js';

interface Entry { result: SearchResult; generation: string; computedAt: number; bytes: number }

/** what an entry holds, roughly: its hits as JSON (UTF-16 in memory) and the entry itself */
const sizeOf = (r: SearchResult): number => 2 * JSON.stringify(r.hits).length + 1024;

export interface CacheOptions {
  /** entries kept, least recently used dropped first */
  capacity?: number;
  /** and at most this many bytes of results in all (a page of 100 hits with long snippets is ~100 KB) */
  maxBytes?: number;
  /** how long a result may outlive a change of the archive, in ms */
  maxLagMs?: number;
  /** the clock, in ms (tests move it by hand) */
  now?: () => number;
}

export class SearchCache {
  private readonly entries = new Map<string, Entry>();
  private readonly capacity: number;
  private readonly maxBytes: number;
  private bytes = 0;
  private readonly maxLagMs: number;
  private readonly now: () => number;

  constructor(private readonly store: Store, private readonly text: TextContext, opts: CacheOptions = {}) {
    this.capacity = opts.capacity ?? 2000;
    this.maxBytes = opts.maxBytes ?? 16 * 1024 * 1024;
    this.maxLagMs = opts.maxLagMs ?? 1000;
    this.now = opts.now ?? Date.now;
  }

  async search(input: string, opts: SearchOptions): Promise<SearchResult> {
    const started = performance.now();
    const generation = await this.store.generation();
    const key = JSON.stringify([input.trim(), opts.limit ?? 20, opts.offset ?? 0, opts.sort ?? 'relevance', opts.collapse !== false]);
    const hit = this.entries.get(key);
    if (hit && (hit.generation === generation || this.now() - hit.computedAt < this.maxLagMs)) {
      // least recently used first: a hit moves to the end
      this.entries.delete(key);
      this.entries.set(key, hit);
      return { ...hit.result, tookMs: Math.round((performance.now() - started) * 10) / 10 };
    }
    if (hit) this.drop(key, hit);
    const result = await searchArchive(this.store, input, opts, this.text);
    const entry = { result, generation, computedAt: this.now(), bytes: sizeOf(result) };
    // another request for the same key may have filled it meanwhile
    const raced = this.entries.get(key);
    if (raced) this.drop(key, raced);
    while (this.entries.size > 0 && (this.entries.size >= this.capacity || this.bytes + entry.bytes > this.maxBytes)) {
      const [oldest, e] = this.entries.entries().next().value!;
      this.drop(oldest, e);
    }
    if (entry.bytes <= this.maxBytes) { this.entries.set(key, entry); this.bytes += entry.bytes; }
    return result;
  }

  private drop(key: string, e: Entry): void {
    this.entries.delete(key);
    this.bytes -= e.bytes;
  }

  /** forget everything: after a write made through this server, its results show at once */
  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  /** the bytes the kept results hold, roughly (what `maxBytes` bounds) */
  get heldBytes(): number {
    return this.bytes;
  }

  get size(): number {
    return this.entries.size;
  }
}
