// The analysis after 100 new articles in an archive of ~200,000: the analysed archive's
// dated articles and what the analysis keeps of them (word counts, lineage keys, document
// frequencies) are copied FACTOR times in SQL, each copy with new ids and its dates moved
// past the archive's whole span, so copies never share a window of time with the originals.
// New articles land in the originals' time, whose events exist. Copies keep their text:
// every new article's lineage keys are held by FACTOR + 1 copies, so candidate look-ups are
// FACTOR times what a real archive of that size would give (pessimistic).
//
// For a full run (`parallax events --regroup` on the replica) identical copies would make
// every article a duplicate of its FACTOR copies: lineage would load and compare them all,
// which no real archive asks. `distinct` gives each copy its own text for lineage: a mark of
// the copy (two digits) after every ，。、的了 and space and at each paragraph's start, so that copies share few 5-character shingles
// and almost no sentence, while the words grouping weighs stay those of the original; and
// its own lineage keys (the stored keys moved by the copy's number), so that an incremental
// run finds the candidates a real archive of distinct articles would give.
// Usage: node --import tsx bench/events-replica.ts ARCHIVE.db REPLICA.db FACTOR [--distinct]   (a replica alone)
//        node --import tsx bench/events-replica.ts ARCHIVE.db REPLICA.db DIR --incremental [--days N --mark X]   (the bench's rows on a replica made before)
import Database from 'better-sqlite3';
import { copyFileSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Article } from '../src/article.js';
import { importSources } from '../src/import/pipeline.js';
import { analyzeArchive, type AnalysisContext } from '../src/stories/analyze.js';
import { SqliteStore } from '../src/store/sqlite/store.js';
import { latestDated, writeFollowUps } from './events.js';
import { AliasTable } from '../src/text/aliases.js';
import { Segmenter } from '../src/text/segment.js';
import { toTraditional } from '../src/text/script.js';
import { backgroundIdf } from '../src/stories/features.js';

const DAY = 86_400_000;

/** copies of an analysed archive's dated articles and their analysis, FACTOR times, in `replica` */
export function makeReplica(db: string, replica: string, factor: number, opts: { distinct?: boolean } = {}): Counts {
  // a WAL left beside an earlier replica of that name would be read into this one's pages
  for (const side of ['-wal', '-shm']) rmSync(replica + side, { force: true });
  copyFileSync(db, replica);
  const raw = new Database(replica);
  const span = raw.prepare("SELECT min(published_at) AS a, max(published_at) AS b FROM articles WHERE flagged = 0 AND published_at IS NOT NULL").get() as { a: string; b: string };
  const shiftDays = Math.ceil((Date.parse(span.b) - Date.parse(span.a)) / DAY) + 30;
  raw.transaction(() => {
    // a replica for a full run needs no analysis: the run makes it
    raw.exec(opts.distinct ? 'CREATE TEMP TABLE originals AS SELECT id FROM articles WHERE flagged = 0 AND published_at IS NOT NULL'
      : `CREATE TEMP TABLE originals AS SELECT a.id FROM articles a JOIN analysis_articles s ON s.article_id = a.id
      WHERE a.flagged = 0 AND a.published_at IS NOT NULL AND s.at IS NOT NULL`);
    for (let k = 1; k <= factor; k++) {
      const sfx = k.toString(16).padStart(3, '0');
      const shift = `+${k * shiftDays} days`;
      const moved = "strftime('%Y-%m-%dT%H:%M:%fZ', published_at, @shift)";
      const mark = String(k % 100).padStart(2, '0');
      // (a space too: English text and listings hold none of ，。、的了; and each paragraph's start:
      // a paragraph of no mark at all would be the same in every copy — the ninth session's
      // replica left 623 articles a copy duplicates of every earlier copy)
      const marked = [...'，。、的了 '].reduce((sql, ch) => `replace(${sql}, '${ch}', '${ch}${mark}')`, 'doc');
      const text = opts.distinct ? `json_set(${marked}, '$.paragraphs', json((SELECT json_group_array('${mark}' || value) FROM json_each(${marked}, '$.paragraphs'))))` : 'doc';
      raw.prepare(`INSERT OR IGNORE INTO articles (id, outlet_id, month, published_at, title, script, flagged, content_hash, version, source_key, doc)
        SELECT substr(id, 1, 13) || @sfx, outlet_id, substr(${moved}, 1, 7), ${moved}, title, script, flagged, content_hash, version, source_key,
          json_set(${text}, '$.id', substr(id, 1, 13) || @sfx, '$.published.at', ${moved})
        FROM articles WHERE id IN (SELECT id FROM temp.originals)`).run({ sfx, shift });
      raw.prepare(`INSERT OR IGNORE INTO analysis_articles (article_id, content_hash, at, words)
        SELECT substr(article_id, 1, 13) || @sfx, content_hash, at + @ms, words FROM analysis_articles WHERE article_id IN (SELECT id FROM temp.originals)`).run({ sfx, ms: k * shiftDays * DAY });
      // distinct: each copy's keys its own, as distinct articles' are (sentence keys stay below 2^32, band keys above)
      const key = opts.distinct ? 'CASE WHEN key < 4294967296 THEN (key + @k * 2654435761) % 4294967296 ELSE key + @k * 137438953472 END' : 'key';
      raw.prepare(`INSERT OR IGNORE INTO lineage_keys (key, article_id)
        SELECT ${key}, substr(article_id, 1, 13) || @sfx FROM lineage_keys WHERE article_id IN (SELECT id FROM temp.originals)`).run(opts.distinct ? { sfx, k } : { sfx });
    }
    raw.prepare('UPDATE analysis_df SET df = df * ?').run(factor + 1);
    // the copies are analysed (their analysis was copied with them): none waits in the queue
    raw.exec('DELETE FROM analysis_queue');
  })();
  const counts = replicaCounts(raw);
  raw.pragma('wal_checkpoint(TRUNCATE)');
  raw.close();
  return counts;
}

type Counts = { articles: number; analysed: number; keys: number };
const replicaCounts = (raw: Database.Database): Counts => raw.prepare('SELECT (SELECT count(*) FROM articles WHERE flagged = 0) AS articles, (SELECT count(*) FROM analysis_articles) AS analysed, (SELECT count(*) FROM lineage_keys) AS keys').get() as Counts;

export async function incrementalAtScale(db: string, dir: string, factor: number, latest: readonly Article[], text: AnalysisContext): Promise<void> {
  const replica = join(dir, 'replica.db');
  const counts = makeReplica(db, replica, factor);
  await incrementalOn(replica, dir, `${factor + 1}×`, counts, latest, text);
}

/** 100 follow-ups of `latest` imported into a replica made before, then analysed: the bench's rows */
export async function incrementalOn(replica: string, dir: string, name: string, counts: Counts, latest: readonly Article[], text: AnalysisContext, follow: { days: number; mark: string } = { days: 2, mark: '再续' }): Promise<void> {
  const importer = new SqliteStore(replica);
  // the stamp moved with the copies: a run that finds nothing new
  const settle = await analyzeArchive(importer, text);
  const news = writeFollowUps(latest, join(dir, `new-articles-replica-${follow.mark}`), follow);
  const imported = await importSources(importer, [news]);
  // the import ends as `parallax import` does, its connection closed (the last one writes its
  // log back into the file then: SQLite's checkpoint), and the run opens its own, as `parallax
  // events` does; in one connection the run's commit paid the import's checkpoint (~0.4 s at
  // 200,000 articles: docs/benchmarks.md, fifteenth session)
  await importer.close();
  const store = new SqliteStore(replica);
  // the run's wall and CPU seconds, and those of its comparisons (from the first comparison's progress to the last's)
  const at = (): { wall: number; cpu: number } => { const c = process.cpuUsage(); return { wall: performance.now(), cpu: (c.user + c.system) / 1000 }; };
  let compared: { from?: { wall: number; cpu: number }; to?: { wall: number; cpu: number } } = {};
  // wall ms from the run's start to the first report of each step (where the time goes)
  const steps: Record<string, number> = {};
  const progress = (step: string, done: number, total: number): void => {
    steps[step] ??= Math.round(performance.now() - t0.wall);
    if (step !== 'comparisons') return;
    if (done === 0 && !compared.from) compared = { from: at() };
    if (done === total) compared.to = at();
  };
  const t0 = at();
  const r = await analyzeArchive(store, text, { progress });
  const t1 = at();
  const s = (t1.wall - t0.wall) / 1000;
  const secs = (a?: { wall: number; cpu: number }, b?: { wall: number; cpu: number }): string => (a && b ? `${((b.wall - a.wall) / 1000).toFixed(2)} s wall, ${((b.cpu - a.cpu) / 1000).toFixed(2)} s CPU` : 'none');
  console.log(JSON.stringify({ run: secs(t0, t1), comparisons: secs(compared.from, compared.to), stepsStartMs: { ...steps, end: Math.round(t1.wall - t0.wall) }, loadavg: readFileSync('/proc/loadavg', 'utf8').trim() }));
  console.log(`\n| archive of copies (${name}) | articles | analysed articles | lineage keys | run | mode | articles analysed | events and threads written | comparisons | s |`);
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  console.log(`| before | ${counts.articles} | ${counts.analysed} | ${counts.keys} | nothing new | ${settle.mode} | ${settle.articles} | ${settle.eventsWritten} | ${settle.comparisons} | ${settle.seconds} |`);
  console.log(`| after 100 new files (${imported.articles.added} new articles) | ${counts.articles + imported.articles.added} | | | incremental | ${r.mode} | ${r.articles} | ${r.eventsWritten} | ${r.comparisons} | ${s.toFixed(1)} |`);
  await store.close();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [db, out, third] = process.argv.slice(2);
  if (!db || !out || !third) throw new Error('usage: events-replica.ts ARCHIVE.db REPLICA.db FACTOR [--distinct] | ARCHIVE.db REPLICA.db DIR --incremental');
  if (process.argv.includes('--incremental')) {
    // the bench's rows on a replica made before (a copy: the run writes to it): 100 follow-ups
    // of the archive's latest articles imported into it and analysed
    const store = new SqliteStore(db);
    const base: Article[] = [];
    for await (const a of store.allArticles()) base.push(a);
    await store.close();
    const raw = new Database(out, { readonly: true });
    const counts = replicaCounts(raw);
    raw.close();
    // the tables the analysis loads once per process (word weights, dictionary tags, script
    // conversion) loaded first, as in the events bench, where a full run came before
    const text = { segmenter: new Segmenter().warm(), aliases: new AliasTable() };
    backgroundIdf();
    for (const t of text.segmenter.tag('习近平在北京会见普京')) text.segmenter.entityKind(t);
    toTraditional('预热');
    const arg = (name: string): string | undefined => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : undefined; };
    // --days N --mark X: another day's follow-ups (a replica that took the first ones)
    await incrementalOn(out, third, out.split('/').pop()!, counts, latestDated(base, 100), text, { days: Number(arg('--days') ?? 2), mark: arg('--mark') ?? '再续' });
  } else {
    console.log(JSON.stringify(makeReplica(db, out, Number(third), { distinct: process.argv.includes('--distinct') })));
  }
}
