// What an event's or a thread's static pages show of the stored records, and nothing else:
// the keys that decide whether those pages are rendered again. The analysis rewrites every
// multi-outlet event when the word statistics move (each member's similarity shifts), but
// the pages show no similarity: a rebuild that keyed on the whole record rendered every
// event again after any import. These follow what eventPage and threadPage read
// (src/server/pages-events.ts); a field those pages start showing belongs here too.
import type { EventRecord, ThreadRecord } from '../store/store.js';

/** the event page: its label, thread, members (article, outlet, role, why words) — not their similarity */
export function eventShows(e: EventRecord): unknown {
  return [e.id, e.thread, e.label, e.outlets, e.members.map((m) => [m.article, m.outlet, m.role, m.why])];
}

/** the thread page: the thread, and of each event its label, first instant, outlets and size */
export function threadShows(th: ThreadRecord, events: readonly EventRecord[]): unknown {
  return [th, events.map((e) => [e.id, e.label, e.first, e.outlets, e.members.length])];
}
