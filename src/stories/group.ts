// Online grouping of articles into stories. Articles arrive in publication order; each
// joins the open story (last member within the window) whose centroid it is most
// similar to, or starts one. Articles already in a story stay where they are: a new
// run only places the articles not yet placed, so what a reader has seen is stable.
import { cosine, type Vector } from './features.js';

export interface GroupItem { id: string; at: number; vector: Vector }

export interface GroupOptions {
  /** how long a story stays open after its latest article */
  windowHours?: number;
  /** least cosine similarity to join a story */
  threshold?: number;
}

export interface StoryDraft {
  id: string;
  members: Array<{ id: string; similarity: number }>;
  /** term → summed weight over members */
  centroid: Map<string, number>;
  first: number;
  last: number;
}

interface Open extends StoryDraft { norm2: number }

/**
 * Group `items` (any order), keeping `existing` placements (article → story id).
 * Story ids are "s" + the id of the story's first article: stable across runs.
 */
export function groupStories(items: readonly GroupItem[], existing: ReadonlyMap<string, string>, opts: GroupOptions = {}): StoryDraft[] {
  const window = (opts.windowHours ?? 72) * 3_600_000;
  // chosen by a sweep (0.20–0.40) against eval/gold/stories.json: see the README's evaluation notes
  const threshold = opts.threshold ?? 0.25;
  const stories = new Map<string, Open>();
  /** term → stories whose centroid has it among the heavy terms */
  const byTerm = new Map<string, Set<string>>();
  const sorted = [...items].sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));

  const join = (s: Open, it: GroupItem, similarity: number): void => {
    let dot = 0;
    for (const [w, v] of it.vector) dot += (s.centroid.get(w) ?? 0) * v;
    let self = 0;
    for (const v of it.vector.values()) self += v * v;
    s.norm2 += 2 * dot + self;
    for (const [w, v] of it.vector) {
      s.centroid.set(w, (s.centroid.get(w) ?? 0) + v);
      let set = byTerm.get(w);
      if (!set) byTerm.set(w, (set = new Set()));
      set.add(s.id);
    }
    s.members.push({ id: it.id, similarity: Math.round(similarity * 1000) / 1000 });
    s.last = Math.max(s.last, it.at);
    open.add(s.id);
  };
  const start = (it: GroupItem, id = 's' + it.id): Open => {
    const s: Open = { id, members: [], centroid: new Map(), first: it.at, last: it.at, norm2: 0 };
    stories.set(id, s);
    return s;
  };

  /** stories still open to new articles; a closed one leaves the term index for good (time only moves on) */
  const open = new Set<string>();
  let sinceSweep = 0;
  const sweep = (now: number): void => {
    for (const id of open) {
      const st = stories.get(id)!;
      if (now - st.last <= window) continue;
      open.delete(id);
      for (const w of st.centroid.keys()) byTerm.get(w)?.delete(id);
    }
  };

  for (const it of sorted) {
    if (++sinceSweep >= 500) { sweep(it.at); sinceSweep = 0; }
    const placed = existing.get(it.id);
    if (placed) {
      const s = stories.get(placed) ?? start(it, placed);
      join(s, it, 1);
      continue;
    }
    // candidates: open stories sharing one of the article's heavier terms
    const candidates = new Set<string>();
    for (const w of [...it.vector.keys()].slice(0, 15)) for (const id of byTerm.get(w) ?? []) candidates.add(id);
    let best: Open | undefined;
    let bestSim = 0;
    for (const id of candidates) {
      const s = stories.get(id)!;
      if (it.at - s.last > window) continue;
      const sim = cosine(it.vector, s.centroid) / Math.sqrt(s.norm2 || 1);
      if (sim > bestSim) { bestSim = sim; best = s; }
    }
    if (best && bestSim >= threshold) join(best, it, bestSim);
    else join(start(it), it, 1);
  }
  return [...stories.values()].map(({ norm2: _n, ...s }) => s);
}
