// Events, threads and stored comparisons in the PostgreSQL store (as sqlite/events.ts):
// an event is one happening (its members are articles), a thread links the events of one
// developing topic; a comparison is stored with a hash of the members it was computed from.
import type { EventFilter, EventRecord, StoredComparison, ThreadRecord } from '../store.js';
import { num, type Conn, type Db } from './db.js';

export async function eventPlacements(db: Db): Promise<Map<string, string>> {
  const r = await db.query<{ article_id: string; event_id: string }>('SELECT article_id, event_id FROM event_members ORDER BY article_id');
  return new Map(r.rows.map((x) => [x.article_id, x.event_id]));
}

export async function threadPlacements(db: Db): Promise<Map<string, string>> {
  const r = await db.query<{ id: string; thread_id: string }>('SELECT id, thread_id FROM events ORDER BY id');
  return new Map(r.rows.map((x) => [x.id, x.thread_id]));
}

/** every event, member and thread (a full run writes them all again) */
export async function clearEvents(c: Conn): Promise<void> {
  await c.query('DELETE FROM events; DELETE FROM event_members; DELETE FROM threads');
}

/** events no article is placed in, threads without events, comparisons of events gone (store.ts sweepEvents) */
export async function sweepEvents(c: Conn): Promise<number> {
  const gone = await c.query('DELETE FROM events e WHERE NOT EXISTS (SELECT 1 FROM event_members m WHERE m.event_id = e.id)');
  await c.query(`DELETE FROM threads t WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.thread_id = t.id);
    DELETE FROM event_comparisons x WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id = x.event_id)`);
  return gone.rowCount ?? 0;
}

/** events and threads written or rewritten; the others stay as they are */
export async function upsertEvents(c: Conn, events: readonly EventRecord[], threads: readonly ThreadRecord[]): Promise<void> {
  if (events.length) {
    // one row per id: the last record of an id wins, as INSERT OR REPLACE one by one leaves it
    const last = [...new Map(events.map((e) => [e.id, e])).values()];
    await c.query(`INSERT INTO events (id, thread_id, first_at, last_at, outlets, articles, doc)
      SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::int[], $7::jsonb[])
      ON CONFLICT (id) DO UPDATE SET thread_id = excluded.thread_id, first_at = excluded.first_at, last_at = excluded.last_at,
        outlets = excluded.outlets, articles = excluded.articles, doc = excluded.doc`, [
      last.map((e) => e.id), last.map((e) => e.thread), last.map((e) => e.first), last.map((e) => e.last),
      last.map((e) => e.outlets.length), last.map((e) => e.members.length), last.map((e) => JSON.stringify(e)),
    ]);
    const members = new Map<string, string>();
    for (const e of events) for (const m of e.members) members.set(m.article, e.id);
    await c.query(`INSERT INTO event_members (article_id, event_id) SELECT * FROM unnest($1::text[], $2::text[])
      ON CONFLICT (article_id) DO UPDATE SET event_id = excluded.event_id`, [[...members.keys()], [...members.values()]]);
  }
  if (threads.length) {
    const last = [...new Map(threads.map((t) => [t.id, t])).values()];
    await c.query(`INSERT INTO threads (id, first_at, last_at, events, outlets, doc)
      SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::int[], $6::jsonb[])
      ON CONFLICT (id) DO UPDATE SET first_at = excluded.first_at, last_at = excluded.last_at, events = excluded.events,
        outlets = excluded.outlets, doc = excluded.doc`, [
      last.map((t) => t.id), last.map((t) => t.first), last.map((t) => t.last), last.map((t) => t.events.length),
      last.map((t) => t.outlets.length), last.map((t) => JSON.stringify(t)),
    ]);
  }
}

/** replace every event and thread; comparisons of events that no longer exist go */
export async function saveEvents(c: Conn, events: readonly EventRecord[], threads: readonly ThreadRecord[]): Promise<void> {
  await clearEvents(c);
  await upsertEvents(c, events, threads);
  await c.query('DELETE FROM event_comparisons WHERE event_id NOT IN (SELECT id FROM events)');
}

export async function listEvents(db: Db, f: EventFilter): Promise<{ total: number; events: EventRecord[] }> {
  const q = query(f.minOutlets ?? 1);
  if (f.since) q.where.push(`last_at >= ${q.arg(f.since)}`);
  if (f.until) q.where.push(`first_at < ${q.arg(f.until)}`);
  if (f.thread) q.where.push(`thread_id = ${q.arg(f.thread)}`);
  if (f.outlet) q.where.push(`id IN (SELECT m.event_id FROM event_members m JOIN articles a ON a.id = m.article_id WHERE a.outlet_id = ${q.arg(f.outlet)})`);
  // SQLite sorts NULL first going up and last going down: said explicitly here
  const order = f.order === 'time' ? 'first_at ASC NULLS FIRST, id' : 'outlets DESC, articles DESC, last_at DESC NULLS LAST, id';
  const { total, docs } = await page<EventRecord>(db, 'events', q, order, f);
  return { total, events: docs };
}

export async function listThreads(db: Db, f: EventFilter): Promise<{ total: number; threads: ThreadRecord[] }> {
  const q = query(f.minOutlets ?? 1);
  q.where.push(`events >= ${q.arg(f.minEvents ?? 1)}`);
  if (f.since) q.where.push(`last_at >= ${q.arg(f.since)}`);
  if (f.until) q.where.push(`first_at < ${q.arg(f.until)}`);
  const { total, docs } = await page<ThreadRecord>(db, 'threads', q, 'events DESC, outlets DESC, last_at DESC NULLS LAST, id', f);
  return { total, threads: docs };
}

interface Query { where: string[]; args: unknown[]; arg: (v: unknown) => string }
function query(minOutlets: number): Query {
  const args: unknown[] = [];
  const arg = (v: unknown): string => { args.push(v); return `$${args.length}`; };
  return { where: [`outlets >= ${arg(minOutlets)}`], args, arg };
}

/** one page of a table's documents and the count of all that match */
async function page<T>(db: Db, table: 'events' | 'threads', q: Query, order: string, f: EventFilter): Promise<{ total: number; docs: T[] }> {
  const cond = q.where.join(' AND ');
  const total = num((await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE ${cond}`, q.args)).rows[0]!.n);
  const n = q.args.length;
  const rows = await db.query<{ doc: T }>(`SELECT doc FROM ${table} WHERE ${cond} ORDER BY ${order} LIMIT $${n + 1} OFFSET $${n + 2}`,
    [...q.args, f.limit ?? 50, f.offset ?? 0]);
  return { total, docs: rows.rows.map((r) => r.doc) };
}

export async function getEvent(db: Db, id: string): Promise<EventRecord | undefined> {
  return (await db.query<{ doc: EventRecord }>('SELECT doc FROM events WHERE id = $1', [id])).rows[0]?.doc;
}

export async function eventOf(db: Db, articleId: string): Promise<string | undefined> {
  return (await db.query<{ event_id: string }>('SELECT event_id FROM event_members WHERE article_id = $1', [articleId])).rows[0]?.event_id;
}

export async function getThread(db: Db, id: string): Promise<ThreadRecord | undefined> {
  return (await db.query<{ doc: ThreadRecord }>('SELECT doc FROM threads WHERE id = $1', [id])).rows[0]?.doc;
}

export async function getComparison(db: Db, eventId: string): Promise<StoredComparison | undefined> {
  const row = (await db.query<{ members_hash: string; doc: string }>('SELECT members_hash, doc FROM event_comparisons WHERE event_id = $1', [eventId])).rows[0];
  return row ? { membersHash: row.members_hash, doc: row.doc } : undefined;
}

export async function saveComparison(c: Conn, eventId: string, s: StoredComparison): Promise<void> {
  await c.query(`INSERT INTO event_comparisons (event_id, members_hash, doc) VALUES ($1, $2, $3)
    ON CONFLICT (event_id) DO UPDATE SET members_hash = excluded.members_hash, doc = excluded.doc`, [eventId, s.membersHash, s.doc]);
}
