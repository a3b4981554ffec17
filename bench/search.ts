// Search latency over queries drawn from the archive itself, on the archive and on a
// 200,000-article replica (the archive copied with new ids and shifted dates), each
// against a LIKE '%…%' scan of the stored articles in the same run.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Article } from '../src/article.js';
import { indexDoc } from '../src/search/index-doc.js';
import { searchArchive } from '../src/search/search.js';
import { SqliteStore } from '../src/store/sqlite/store.js';
import { packRaw, prepareArticle, SearchTimeoutError, type ImportItem, type Store } from '../src/store/store.js';
import { AliasTable } from '../src/text/aliases.js';
import { Segmenter } from '../src/text/segment.js';
import { rng } from '../eval/known-item.js';

export const pct = (xs: number[], p: number): number => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!; };

/** 1–3 words, two-character names, phrases, rare terms and filtered queries, drawn from articles. */
export function drawQueries(articles: Article[], seg: Segmenter, n: number): string[] {
  const rand = rng(11);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const df = new Map<string, number>();
  const words = articles.map((a) => [...new Set(seg.words(a.title + '。' + a.paragraphs.slice(0, 3).join('')).filter((w) => /^\p{Script=Han}{2,4}$/u.test(w)))]);
  for (const ws of words) for (const w of ws) df.set(w, (df.get(w) ?? 0) + 1);
  const out: string[] = [];
  while (out.length < n) {
    const i = Math.floor(rand() * articles.length);
    const a = articles[i]!;
    const ws = words[i]!.filter((w) => (df.get(w) ?? 0) > 1);
    if (ws.length < 3) continue;
    const kind = out.length % 6;
    if (kind === 0) out.push(pick(ws));
    else if (kind === 1) out.push(`${pick(ws)} ${pick(ws)}`);
    else if (kind === 2) out.push(`${pick(ws)} ${pick(ws)} ${pick(ws)}`);
    else if (kind === 3) { const names = ws.filter((w) => w.length === 2); if (names.length) out.push(pick(names)); }
    else if (kind === 4) { const p = pick(a.paragraphs); const at = Math.floor(rand() * Math.max(1, p.length - 8)); const ph = p.slice(at, at + 6 + Math.floor(rand() * 4)).replace(/["\s]/g, ''); if (ph.length >= 4 && /[\p{L}\p{N}]{2}/u.test(ph)) out.push(`"${ph}"`); }
    else {
      const rare = [...ws].sort((x, y) => (df.get(x) ?? 0) - (df.get(y) ?? 0))[0]!;
      out.push(rand() < 0.5 ? rare : `${pick(ws)} outlet:${a.outlet.id} since:${a.published?.day ?? '2021-01-01'}`);
    }
  }
  return out;
}

/** the 300 benchmark queries drawn from an archive's articles (sorted by id, so every bench draws the same) */
export async function benchQueries(db: string, seg: Segmenter): Promise<{ articles: Article[]; queries: string[] }> {
  const src = new SqliteStore(db);
  const articles: Article[] = [];
  for await (const a of src.allArticles()) articles.push(a);
  await src.close();
  articles.sort((a, b) => a.id.localeCompare(b.id));
  return { articles, queries: drawQueries(articles, seg, 300) };
}

/** each query's time through the full search (20 hits, families, snippets), after 20 to warm the caches */
/**
 * Each query's milliseconds. A search the store stops at its time limit (SearchTimeoutError)
 * counts with the time it ran, and in `stopped` when given: a slow query is a figure, not the
 * end of the run.
 */
export async function latencies(store: Store, queries: readonly string[], ctx: { segmenter: Segmenter; aliases: AliasTable }, stopped?: { n: number }): Promise<number[]> {
  const run = async (q: string): Promise<void> => {
    try {
      await searchArchive(store, q, { limit: 20 }, ctx);
    } catch (e) {
      if (!(e instanceof SearchTimeoutError)) throw e;
      if (stopped) stopped.n++;
    }
  };
  for (const q of queries.slice(0, 20)) await run(q); // warm caches
  if (stopped) stopped.n = 0;
  const out: number[] = [];
  for (const q of queries) {
    const t = performance.now();
    await run(q);
    out.push(performance.now() - t);
  }
  return out;
}

/** The naive way: a LIKE scan of every stored article for each word, in the query's own script. */
function likeLatencies(db: string, queries: string[]): number[] {
  const d = new Database(db, { readonly: true });
  const out: number[] = [];
  for (const q of queries) {
    const words = q.split(/\s+/).filter((w) => !w.includes(':')).map((w) => w.replace(/"/g, ''));
    const sql = `SELECT id FROM articles WHERE flagged = 0 AND ${words.map((_, i) => `doc LIKE @w${i}`).join(' AND ')} ORDER BY published_at DESC LIMIT 20`;
    const args = Object.fromEntries(words.map((w, i) => [`w${i}`, `%${w}%`]));
    const t = performance.now();
    d.prepare(sql).all(args);
    out.push(performance.now() - t);
  }
  d.close();
  return out;
}

/** Copy the archive `copies` times with new ids and dates shifted by 30 days a copy, into a new SQLite file. */
export async function replicate(src: SqliteStore, target: string, copies: number, seg: Segmenter): Promise<number> {
  const store = new SqliteStore(target);
  const articles: Article[] = [];
  for await (const a of src.allArticles()) articles.push(a);
  const n = await replicateInto(store, articles, seg, copies);
  await store.close();
  return n;
}

/** The articles `copies` times into any store, with new ids and dates shifted by 30 days a copy, in commits of 1,000. */
export async function replicateInto(store: Store, articles: readonly Article[], seg: Segmenter, copies: number, progress: (n: number) => void = () => {}): Promise<number> {
  const docs = articles.map((a) => indexDoc(a, seg));
  const bytes = Buffer.from('replica');
  const sha = createHash('sha256').update(bytes).digest('hex');
  const raw = packRaw(bytes);
  let n = 0;
  store.bulkWrites(true, { load: true });
  for (let k = 0; k < copies; k++) {
    let batch: ImportItem[] = [];
    for (let i = 0; i < articles.length; i++) {
      const a = articles[i]!;
      const shift = (iso: string): string => new Date(Date.parse(iso) + k * 30 * 86_400_000).toISOString();
      // whole days: the outlet's local day moves by as many days as the instant
      const shiftDay = (day: string): string => shift(`${day}T00:00:00Z`).slice(0, 10);
      const copy: Article = { ...a, id: createHash('sha256').update(`${a.id}/${k}`).digest('hex').slice(0, 16), published: a.published ? { ...a.published, at: shift(a.published.at), day: shiftDay(a.published.day) } : null };
      batch.push({ location: { kind: 'file', path: `replica/${k}/${a.id}` }, sha256: sha, raw, status: 'ok', format: 'replica', encoding: 'utf-8', articles: [{ ...prepareArticle(copy), index: docs[i] }] });
      n++;
      if (batch.length === 1000) { await store.commit(batch, 0); batch = []; progress(n); }
    }
    if (batch.length) await store.commit(batch, 0);
  }
  store.bulkWrites(false);
  return n;
}

export async function searchBench(db: string, dir: string): Promise<void> {
  const store = new SqliteStore(db);
  const seg = new Segmenter().warm();
  const ctx = { segmenter: seg, aliases: new AliasTable() };
  const articles: Article[] = [];
  for await (const a of store.allArticles()) articles.push(a);
  articles.sort((a, b) => a.id.localeCompare(b.id));
  const queries = drawQueries(articles, seg, 300);
  console.log('## Search latency (300 queries drawn from the archive: 1–3 words, 2-character names, phrases, rare terms, filters; 20 hits with snippets)\n');
  console.log('| archive | articles | engine | queries | p50 ms | p95 ms | p99 ms |');
  console.log('|---|---|---|---|---|---|---|');
  const row = (name: string, n: number, engine: string, xs: number[]): void =>
    console.log(`| ${name} | ${n} | ${engine} | ${xs.length} | ${pct(xs, 50).toFixed(1)} | ${pct(xs, 95).toFixed(1)} | ${pct(xs, 99).toFixed(1)} |`);
  row('hkcnews-10k + multi-outlet', articles.length, 'Parallax (FTS5: title words, bigrams)', await latencies(store, queries, ctx));
  row('hkcnews-10k + multi-outlet', articles.length, "LIKE '%…%' scan", likeLatencies(db, queries));
  const big = join(dir, 'replica.db');
  const copies = Math.ceil(200_000 / articles.length);
  const n = await replicate(store, big, copies, seg);
  await store.close();
  const bigStore = new SqliteStore(big);
  row(`replica (${copies} copies)`, n, 'Parallax (FTS5: title words, bigrams)', await latencies(bigStore, queries, ctx));
  // the scan takes seconds a query at this size: 60 of the queries are enough to measure it
  row(`replica (${copies} copies)`, n, "LIKE '%…%' scan", likeLatencies(big, queries.slice(0, 60)));
  await bigStore.close();
  console.log('');
}
