// What an analysis grouped, as a listing that two runs can be compared by: every event (id,
// thread, member ids in order) and every thread (id, event ids), sorted, with a SHA-1 of the
// whole. Two archives analysed by two versions of the code group alike when the digests match;
// `--out FILE` writes the listing for a diff.
// Usage: node --import tsx bench/events-digest.ts ARCHIVE.db [--out FILE]
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';

/** the events and threads of an SQLite archive as sorted lines */
export function groupingListing(db: string): string[] {
  const raw = new Database(db, { readonly: true });
  try {
    const lines: string[] = [];
    const members = new Map<string, string[]>();
    for (const r of raw.prepare('SELECT event_id, article_id FROM event_members ORDER BY event_id, article_id').iterate() as Iterable<{ event_id: string; article_id: string }>) {
      (members.get(r.event_id) ?? members.set(r.event_id, []).get(r.event_id)!).push(r.article_id);
    }
    for (const r of raw.prepare('SELECT id, thread_id FROM events ORDER BY id').iterate() as Iterable<{ id: string; thread_id: string }>) {
      lines.push(`e ${r.id} ${r.thread_id} ${(members.get(r.id) ?? []).join(',')}`);
    }
    for (const r of raw.prepare('SELECT id, doc FROM threads ORDER BY id').iterate() as Iterable<{ id: string; doc: string }>) {
      lines.push(`t ${r.id} ${[...(JSON.parse(r.doc) as { events: string[] }).events].sort().join(',')}`);
    }
    return lines;
  } finally { raw.close(); }
}

export function groupingDigest(lines: readonly string[]): { events: number; threads: number; sha1: string } {
  return {
    events: lines.filter((l) => l.startsWith('e ')).length,
    threads: lines.filter((l) => l.startsWith('t ')).length,
    sha1: createHash('sha1').update(lines.join('\n')).digest('hex'),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [db] = process.argv.slice(2);
  if (!db) throw new Error('usage: events-digest.ts ARCHIVE.db [--out FILE]');
  const lines = groupingListing(db);
  const out = process.argv.indexOf('--out');
  if (out > 0) writeFileSync(process.argv[out + 1]!, lines.join('\n') + '\n');
  console.log(JSON.stringify(groupingDigest(lines)));
}
