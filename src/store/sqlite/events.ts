// Events, threads and stored comparisons in the SQLite store. An event is one happening
// (its members are articles), a thread links the events of one developing topic; a
// comparison is computed when an event's members change and stored with a hash of them.
import type Database from 'better-sqlite3';
import type { EventFilter, EventRecord, StoredComparison, ThreadRecord } from '../store.js';

export const EVENTS_SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  id TEXT PRIMARY KEY,
  thread_id TEXT NOT NULL,
  first_at TEXT, last_at TEXT,
  outlets INTEGER NOT NULL,
  articles INTEGER NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_last ON events(last_at);
CREATE INDEX IF NOT EXISTS events_thread ON events(thread_id);
CREATE TABLE IF NOT EXISTS event_members (
  article_id TEXT PRIMARY KEY,
  event_id TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS event_members_event ON event_members(event_id);
CREATE TABLE IF NOT EXISTS threads (
  id TEXT PRIMARY KEY,
  first_at TEXT, last_at TEXT,
  events INTEGER NOT NULL,
  outlets INTEGER NOT NULL,
  doc TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS event_comparisons (
  event_id TEXT PRIMARY KEY,
  members_hash TEXT NOT NULL,
  doc TEXT NOT NULL
) WITHOUT ROWID;
`;

/** the lists' default order (list, listThreads), which also answers their counts from the index alone (schema step 6) */
export const EVENTS_RANK_SCHEMA = `
CREATE INDEX IF NOT EXISTS events_rank ON events(outlets DESC, articles DESC, last_at DESC, id);
CREATE INDEX IF NOT EXISTS threads_rank ON threads(events DESC, outlets DESC, last_at DESC, id);
`;

export class SqliteEvents {
  constructor(private readonly db: Database.Database) {}

  placements(): Map<string, string> {
    const rows = this.db.prepare('SELECT article_id, event_id FROM event_members').all() as Array<{ article_id: string; event_id: string }>;
    return new Map(rows.map((r) => [r.article_id, r.event_id]));
  }

  threadPlacements(): Map<string, string> {
    const rows = this.db.prepare('SELECT id, thread_id FROM events').all() as Array<{ id: string; thread_id: string }>;
    return new Map(rows.map((r) => [r.id, r.thread_id]));
  }

  /** every article's placement: a regrouping places them afresh (the events stay readable until `sweep`) */
  forgetPlacements(): void {
    this.db.exec('DELETE FROM event_members');
  }

  /** events no article is placed in, threads without events, comparisons of events gone (store.ts sweepEvents) */
  sweep(): number {
    return this.db.transaction(() => {
      const events = this.db.prepare('DELETE FROM events WHERE id NOT IN (SELECT event_id FROM event_members)').run().changes;
      this.db.exec(`DELETE FROM threads WHERE id NOT IN (SELECT thread_id FROM events);
        DELETE FROM event_comparisons WHERE event_id NOT IN (SELECT id FROM events);`);
      return events;
    }).immediate();
  }

  save(events: readonly EventRecord[], threads: readonly ThreadRecord[]): void {
    const putEvent = this.db.prepare('INSERT INTO events (id, thread_id, first_at, last_at, outlets, articles, doc) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const putMember = this.db.prepare('INSERT OR REPLACE INTO event_members (article_id, event_id) VALUES (?, ?)');
    const putThread = this.db.prepare('INSERT INTO threads (id, first_at, last_at, events, outlets, doc) VALUES (?, ?, ?, ?, ?, ?)');
    this.db.transaction(() => {
      this.db.exec('DELETE FROM events; DELETE FROM event_members; DELETE FROM threads;');
      for (const e of events) {
        putEvent.run(e.id, e.thread, e.first, e.last, e.outlets.length, e.members.length, JSON.stringify(e));
        for (const m of e.members) putMember.run(m.article, e.id);
      }
      for (const t of threads) putThread.run(t.id, t.first, t.last, t.events.length, t.outlets.length, JSON.stringify(t));
      // comparisons of events that no longer exist
      this.db.exec('DELETE FROM event_comparisons WHERE event_id NOT IN (SELECT id FROM events)');
    }).immediate();
  }

  list(f: EventFilter): { total: number; events: EventRecord[] } {
    const where: string[] = ['outlets >= @min'];
    const args: Record<string, unknown> = { min: f.minOutlets ?? 1 };
    if (f.since) { where.push('last_at >= @since'); args.since = f.since; }
    if (f.until) { where.push('first_at < @until'); args.until = f.until; }
    if (f.thread) { where.push('thread_id = @thread'); args.thread = f.thread; }
    if (f.outlet) { where.push('id IN (SELECT m.event_id FROM event_members m JOIN articles a ON a.id = m.article_id WHERE a.outlet_id = @outlet)'); args.outlet = f.outlet; }
    const order = f.order === 'time' ? 'first_at ASC, id' : 'outlets DESC, articles DESC, last_at DESC, id';
    const { total, docs } = this.page<EventRecord>('events', where, args, order, f);
    return { total, events: docs };
  }

  /** one page of a table's documents and the count of all that match */
  private page<T>(table: 'events' | 'threads', where: string[], args: Record<string, unknown>, order: string, f: EventFilter): { total: number; docs: T[] } {
    const cond = where.join(' AND ');
    const total = (this.db.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${cond}`).get(args) as { n: number }).n;
    const rows = this.db.prepare(`SELECT doc FROM ${table} WHERE ${cond} ORDER BY ${order} LIMIT @limit OFFSET @offset`)
      .all({ ...args, limit: f.limit ?? 50, offset: f.offset ?? 0 }) as Array<{ doc: string }>;
    return { total, docs: rows.map((r) => JSON.parse(r.doc) as T) };
  }

  get(id: string): EventRecord | undefined {
    const row = this.db.prepare('SELECT doc FROM events WHERE id = ?').get(id) as { doc: string } | undefined;
    return row ? (JSON.parse(row.doc) as EventRecord) : undefined;
  }

  eventOf(articleId: string): string | undefined {
    return (this.db.prepare('SELECT event_id FROM event_members WHERE article_id = ?').get(articleId) as { event_id: string } | undefined)?.event_id;
  }

  listThreads(f: EventFilter): { total: number; threads: ThreadRecord[] } {
    const where: string[] = ['outlets >= @min', 'events >= @minEvents'];
    const args: Record<string, unknown> = { min: f.minOutlets ?? 1, minEvents: f.minEvents ?? 1 };
    if (f.since) { where.push('last_at >= @since'); args.since = f.since; }
    if (f.until) { where.push('first_at < @until'); args.until = f.until; }
    const { total, docs } = this.page<ThreadRecord>('threads', where, args, 'events DESC, outlets DESC, last_at DESC, id', f);
    return { total, threads: docs };
  }

  getThread(id: string): ThreadRecord | undefined {
    const row = this.db.prepare('SELECT doc FROM threads WHERE id = ?').get(id) as { doc: string } | undefined;
    return row ? (JSON.parse(row.doc) as ThreadRecord) : undefined;
  }

  comparison(eventId: string): StoredComparison | undefined {
    const row = this.db.prepare('SELECT members_hash, doc FROM event_comparisons WHERE event_id = ?').get(eventId) as { members_hash: string; doc: string } | undefined;
    return row ? { membersHash: row.members_hash, doc: row.doc } : undefined;
  }

  saveComparison(eventId: string, c: StoredComparison): void {
    this.db.prepare('INSERT OR REPLACE INTO event_comparisons (event_id, members_hash, doc) VALUES (?, ?, ?)').run(eventId, c.membersHash, c.doc);
  }
}
