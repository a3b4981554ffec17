// Where an event or thread that a regrouping ended went. An event's id is "e" + the id of
// its first article and a thread's "t" + the id of its first event's first article
// (src/stories/group.ts), so an id names an article; while that article is in the archive,
// the event it is in now (and that event's thread) is where the old page's articles went.
// The server answers an ended id with a permanent redirect there instead of a 404.
import type { Store } from '../store/store.js';

/** the current id that an event id `e…` or a thread id `t…` no longer stored moved to, if its article is still grouped */
export async function movedTo(store: Store, id: string): Promise<string | undefined> {
  const kind = id[0];
  if (kind !== 'e' && kind !== 't') return undefined;
  const event = await store.eventOf(id.slice(1));
  if (!event) return undefined;
  if (kind === 'e') return event !== id ? event : undefined;
  const thread = (await store.getEvent(event))?.thread;
  return thread && thread !== id ? thread : undefined;
}
