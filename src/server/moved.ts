// Where an event or thread that a regrouping ended went. An event's id is "e" + the id of
// its first article and a thread's "t" + the id of its first event's first article
// (src/stories/group.ts), so an id names an article; while that article is in the archive,
// the event it is in now (and that event's thread) is where the old page's articles went.
// The server answers an ended id with a redirect there instead of a 404. While a
// regrouping runs, it places every article afresh: an article not placed again yet has no
// answer for a moment, and the server says "try again shortly" (503), not "not found".
import type { Store } from '../store/store.js';

export type Whereabouts = { movedTo: string } | { regrouping: true } | undefined;

/** where an event id `e…` or a thread id `t…` no longer stored went: the current id, "a regrouping is placing it", or nowhere */
export async function whereabouts(store: Store, id: string): Promise<Whereabouts> {
  const kind = id[0];
  if (kind !== 'e' && kind !== 't') return undefined;
  const article = id.slice(1);
  const event = await store.eventOf(article);
  if (!event) {
    const waiting = (await store.running('analysis')) && (await store.getArticle(article)) !== undefined;
    return waiting ? { regrouping: true } : undefined;
  }
  if (kind === 'e') return event !== id ? { movedTo: event } : undefined;
  const thread = (await store.getEvent(event))?.thread;
  return thread && thread !== id ? { movedTo: thread } : undefined;
}

/** the current id that an ended event or thread id moved to, if its article is grouped now */
export async function movedTo(store: Store, id: string): Promise<string | undefined> {
  const w = await whereabouts(store, id);
  return w && 'movedTo' in w ? w.movedTo : undefined;
}
