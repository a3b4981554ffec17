// The stored comparisons of an analysed archive as a listing two versions of the code can be
// compared by, and the same comparisons made again by this code, document for document.
//   node --import tsx bench/comparisons-digest.ts ARCHIVE.db [--out FILE]
//     every stored comparison (event id, members hash, SHA-1 of its document), sorted, hashed
//   node --import tsx bench/comparisons-digest.ts ARCHIVE.db --recompute [--limit N] [--max-members M]
//     every event of two or more articles compared again in this process (as the analysis
//     does: members read from the store, compareEvent) and its document checked byte for
//     byte against the stored one; prints identical / different / not stored and the
//     comparisons' wall and CPU seconds (one process, nothing else timed)
//   node --import tsx bench/comparisons-digest.ts ARCHIVE.db --recompute --stored [--limit N] [--max-members M]
//     the same, each member's text read from article_texts where a comparison stored it
//     (stories/stored-texts.ts), else cut and stored there (not the comparison: the stored
//     document stays the one checked against); prints how many texts were read and cut
//     and the bytes stored per article. Run twice: the second run reads every text.
//   node --import tsx bench/comparisons-digest.ts ARCHIVE.db --alone
//     every news article without a stored text of this version cut and stored (the analysis
//     leaves an article alone in its event uncut until a comparison first joins it)
//   node --import tsx bench/comparisons-digest.ts ARCHIVE.db --grow [--events N]
//     the N largest events compared without their last member, then with it: what an event
//     that gains one article costs when the process has compared it before
//   node --expose-gc --import tsx bench/comparisons-digest.ts ARCHIVE.db --remembered [--articles N]
//     the heap that N (600) of the archive's latest articles' remembered texts hold (article-text.ts)
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type { Article } from '../src/article.js';
import { WIRE_OUTLETS } from '../src/stories/analyze.js';
import { articleText, cutText } from '../src/stories/article-text.js';
import { compareEvent } from '../src/stories/compare.js';
import { compareFromStored, storedText, textVersion } from '../src/stories/stored-texts.js';
import { SqliteStore } from '../src/store/sqlite/store.js';
import { AliasTable } from '../src/text/aliases.js';
import { Segmenter } from '../src/text/segment.js';
import { backgroundIdf } from '../src/stories/features.js';
import { toTraditional } from '../src/text/script.js';

const sha1 = (s: string): string => createHash('sha1').update(s).digest('hex');

/** the stored comparisons of an SQLite archive as sorted lines */
export function comparisonListing(db: string): string[] {
  const raw = new Database(db, { readonly: true });
  try {
    const lines: string[] = [];
    for (const r of raw.prepare('SELECT event_id, members_hash, doc FROM event_comparisons ORDER BY event_id').iterate() as Iterable<{ event_id: string; members_hash: string; doc: string }>) {
      lines.push(`c ${r.event_id} ${r.members_hash} ${sha1(r.doc)}`);
    }
    return lines;
  } finally { raw.close(); }
}

/** events of two or more articles, with their member ids, in the order the store lists them */
function multiArticleEvents(db: string): Array<{ id: string; members: string[] }> {
  const raw = new Database(db, { readonly: true });
  try {
    const members = new Map<string, string[]>();
    for (const r of raw.prepare('SELECT event_id, article_id FROM event_members ORDER BY event_id, article_id').iterate() as Iterable<{ event_id: string; article_id: string }>) {
      (members.get(r.event_id) ?? members.set(r.event_id, []).get(r.event_id)!).push(r.article_id);
    }
    return [...members].filter(([, m]) => m.length > 1).map(([id, m]) => ({ id, members: m }));
  } finally { raw.close(); }
}

function warmContext(): { segmenter: Segmenter; aliases: AliasTable; wireOutlets: ReadonlySet<string> } {
  // the tables loaded once per process, loaded before timing (as the incremental bench does)
  const segmenter = new Segmenter().warm();
  backgroundIdf();
  for (const t of segmenter.tag('习近平在北京会见普京')) segmenter.entityKind(t);
  toTraditional('预热');
  return { segmenter, aliases: new AliasTable(), wireOutlets: WIRE_OUTLETS };
}

async function recompute(db: string, limit: number, maxMembers: number, fromStore: boolean): Promise<void> {
  const store = new SqliteStore(db);
  const ctx = warmContext();
  const events = multiArticleEvents(db).filter((e) => e.members.length <= maxMembers).slice(0, limit);
  let identical = 0, different = 0, missing = 0, wall = 0, cpu = 0, articles = 0, cut = 0;
  const diffs: string[] = [];
  // the texts go in without the comparison (whose stored document is what this checks against)
  const raw = fromStore ? new Database(db) : undefined;
  const putText = raw?.prepare('INSERT OR REPLACE INTO article_texts (article_id, text_key, version, data) VALUES (?, ?, ?, ?)');
  for (const e of events) {
    const byId = new Map((await store.articlesByIds(e.members)).map((a) => [a.id, a]));
    const members = e.members.map((id) => byId.get(id)!) as Article[];
    articles += members.length;
    const c0 = process.cpuUsage(), t0 = performance.now();
    let doc: string;
    if (fromStore) {
      const r = await compareFromStored(store, members, ctx);
      doc = JSON.stringify(r.comparison);
      cut += r.texts.length;
      for (const t of r.texts) putText!.run(t.article, t.key, t.version, t.data);
    } else doc = JSON.stringify(compareEvent(members, ctx));
    wall += performance.now() - t0;
    const c = process.cpuUsage(c0);
    cpu += (c.user + c.system) / 1000;
    const stored = await store.getComparison(e.id);
    if (!stored) missing++;
    else if (stored.doc === doc) identical++;
    else { different++; if (diffs.length < 10) diffs.push(e.id); }
  }
  await store.close();
  const texts = raw?.prepare('SELECT count(*) AS n, avg(length(data)) AS bytes FROM article_texts WHERE version = ?').get(textVersion(ctx)) as { n: number; bytes: number } | undefined;
  raw?.close();
  console.log(JSON.stringify({ events: events.length, articles, identical, different, notStored: missing, firstDifferent: diffs, wallS: +(wall / 1000).toFixed(2), cpuS: +(cpu / 1000).toFixed(2), msPerEvent: +(wall / events.length).toFixed(1),
    ...(texts ? { textsCut: cut, textsStored: texts.n, bytesPerText: Math.round(texts.bytes) } : {}) }));
}

async function alone(db: string): Promise<void> {
  const store = new SqliteStore(db);
  const ctx = warmContext();
  const version = textVersion(ctx);
  const raw = new Database(db);
  const ids = raw.prepare('SELECT id FROM articles WHERE flagged = 0 AND id NOT IN (SELECT article_id FROM article_texts WHERE version = ?)').pluck().all(version) as string[];
  const put = raw.prepare('INSERT OR REPLACE INTO article_texts (article_id, text_key, version, data) VALUES (?, ?, ?, ?)');
  const c0 = process.cpuUsage();
  for (let i = 0; i < ids.length; i += 500) {
    const texts = (await store.articlesByIds(ids.slice(i, i + 500))).flatMap((a) => storedText(a, cutText(a, ctx), version) ?? []);
    raw.transaction(() => { for (const t of texts) put.run(t.article, t.key, t.version, t.data); })();
  }
  const c = process.cpuUsage(c0);
  await store.close();
  raw.close();
  console.log(JSON.stringify({ cut: ids.length, cpuS: +((c.user + c.system) / 1e6).toFixed(1) }));
}

async function grow(db: string, n: number): Promise<void> {
  const store = new SqliteStore(db);
  const ctx = warmContext();
  const events = multiArticleEvents(db).sort((a, b) => b.members.length - a.members.length || a.id.localeCompare(b.id)).slice(0, n);
  console.log('| event | members | compared without the last member, ms | then with it, ms | ratio |');
  console.log('|---|---|---|---|---|');
  for (const e of events) {
    const byId = new Map((await store.articlesByIds(e.members)).map((a) => [a.id, a]));
    const members = e.members.map((id) => byId.get(id)!) as Article[];
    let t = performance.now();
    compareEvent(members.slice(0, -1), ctx);
    const before = performance.now() - t;
    t = performance.now();
    compareEvent(members, ctx);
    const after = performance.now() - t;
    console.log(`| ${e.id} | ${members.length} | ${before.toFixed(0)} | ${after.toFixed(0)} | ${(after / before).toFixed(2)} |`);
  }
  await store.close();
}

async function remembered(db: string, n: number): Promise<void> {
  const raw = new Database(db, { readonly: true });
  const ids = raw.prepare('SELECT id FROM articles WHERE flagged = 0 ORDER BY published_at DESC LIMIT ?').pluck().all(n) as string[];
  raw.close();
  const store = new SqliteStore(db);
  const articles = await store.articlesByIds(ids);
  await store.close();
  const ctx = warmContext();
  articleText(articles[0]!, ctx);
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  gc();
  const h0 = process.memoryUsage().heapUsed;
  const kept = articles.map((a) => articleText(a, ctx));
  gc();
  const bytes = process.memoryUsage().heapUsed - h0;
  const chars = articles.reduce((s, a) => s + a.paragraphs.join('').length, 0);
  console.log(JSON.stringify({ articles: kept.length, heapMB: +(bytes / 1048576).toFixed(1), kbPerArticle: +(bytes / 1024 / kept.length).toFixed(1), charsPerArticle: Math.round(chars / articles.length) }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [db] = process.argv.slice(2);
  if (!db) throw new Error('usage: comparisons-digest.ts ARCHIVE.db [--out FILE | --recompute [--limit N] | --grow [--events N]]');
  const arg = (name: string): string | undefined => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : undefined; };
  if (process.argv.includes('--recompute')) await recompute(db, Number(arg('--limit') ?? Infinity), Number(arg('--max-members') ?? Infinity), process.argv.includes('--stored'));
  else if (process.argv.includes('--alone')) await alone(db);
  else if (process.argv.includes('--remembered')) await remembered(db, Number(arg('--articles') ?? 600));
  else if (process.argv.includes('--grow')) await grow(db, Number(arg('--events') ?? 3));
  else {
    const lines = comparisonListing(db);
    const out = arg('--out');
    if (out) writeFileSync(out, lines.join('\n') + '\n');
    console.log(JSON.stringify({ comparisons: lines.length, sha1: sha1(lines.join('\n')) }));
  }
}
