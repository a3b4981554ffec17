// The analysis after 100 new articles in an archive of ~200,000: the analysed archive's
// dated articles and what the analysis keeps of them (word counts, lineage keys, document
// frequencies) are copied FACTOR times in SQL, each copy with new ids and its dates moved
// past the archive's whole span, so copies never share a window of time with the originals.
// New articles land in the originals' time, whose events exist. Copies keep their text:
// every new article's lineage keys are held by FACTOR + 1 copies, so candidate look-ups are
// FACTOR times what a real archive of that size would give (pessimistic).
import Database from 'better-sqlite3';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Article } from '../src/article.js';
import { importSources } from '../src/import/pipeline.js';
import { analyzeArchive, type AnalysisContext } from '../src/stories/analyze.js';
import { SqliteStore } from '../src/store/sqlite/store.js';
import { writeFollowUps } from './events.js';

const DAY = 86_400_000;

/** copies of an analysed archive's dated articles and their analysis, FACTOR times, in `replica` */
export function makeReplica(db: string, replica: string, factor: number): { articles: number; analysed: number; keys: number } {
  copyFileSync(db, replica);
  const raw = new Database(replica);
  const span = raw.prepare("SELECT min(published_at) AS a, max(published_at) AS b FROM articles WHERE flagged = 0 AND published_at IS NOT NULL").get() as { a: string; b: string };
  const shiftDays = Math.ceil((Date.parse(span.b) - Date.parse(span.a)) / DAY) + 30;
  raw.transaction(() => {
    raw.exec(`CREATE TEMP TABLE originals AS SELECT a.id FROM articles a JOIN analysis_articles s ON s.article_id = a.id
      WHERE a.flagged = 0 AND a.published_at IS NOT NULL AND s.at IS NOT NULL`);
    for (let k = 1; k <= factor; k++) {
      const sfx = k.toString(16).padStart(3, '0');
      const shift = `+${k * shiftDays} days`;
      const moved = "strftime('%Y-%m-%dT%H:%M:%fZ', published_at, @shift)";
      raw.prepare(`INSERT OR IGNORE INTO articles (id, outlet_id, month, published_at, title, script, flagged, content_hash, version, source_key, doc)
        SELECT substr(id, 1, 13) || @sfx, outlet_id, substr(${moved}, 1, 7), ${moved}, title, script, flagged, content_hash, version, source_key,
          json_set(doc, '$.id', substr(id, 1, 13) || @sfx, '$.published.at', ${moved})
        FROM articles WHERE id IN (SELECT id FROM temp.originals)`).run({ sfx, shift });
      raw.prepare(`INSERT OR IGNORE INTO analysis_articles (article_id, content_hash, at, words)
        SELECT substr(article_id, 1, 13) || @sfx, content_hash, at + @ms, words FROM analysis_articles WHERE article_id IN (SELECT id FROM temp.originals)`).run({ sfx, ms: k * shiftDays * DAY });
      raw.prepare(`INSERT OR IGNORE INTO lineage_keys (key, article_id)
        SELECT key, substr(article_id, 1, 13) || @sfx FROM lineage_keys WHERE article_id IN (SELECT id FROM temp.originals)`).run({ sfx });
    }
    raw.prepare('UPDATE analysis_df SET df = df * ?').run(factor + 1);
    // the copies are analysed (their analysis was copied with them): none waits in the queue
    raw.exec('DELETE FROM analysis_queue');
  })();
  const counts = raw.prepare('SELECT (SELECT count(*) FROM articles WHERE flagged = 0) AS articles, (SELECT count(*) FROM analysis_articles) AS analysed, (SELECT count(*) FROM lineage_keys) AS keys').get() as { articles: number; analysed: number; keys: number };
  raw.pragma('wal_checkpoint(TRUNCATE)');
  raw.close();
  return counts;
}

export async function incrementalAtScale(db: string, dir: string, factor: number, latest: readonly Article[], text: AnalysisContext): Promise<void> {
  const replica = join(dir, 'replica.db');
  const counts = makeReplica(db, replica, factor);

  const store = new SqliteStore(replica);
  // the stamp moved with the copies: a run that finds nothing new
  const settle = await analyzeArchive(store, text);
  const news = writeFollowUps(latest, join(dir, 'new-articles-replica'), { days: 2, mark: '再续' });
  const imported = await importSources(store, [news]);
  const t = performance.now();
  const r = await analyzeArchive(store, text);
  const s = (performance.now() - t) / 1000;
  console.log(`\n| archive of copies (${factor + 1}×) | articles | analysed articles | lineage keys | run | mode | articles analysed | events and threads written | comparisons | s |`);
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  console.log(`| before | ${counts.articles} | ${counts.analysed} | ${counts.keys} | nothing new | ${settle.mode} | ${settle.articles} | ${settle.eventsWritten} | ${settle.comparisons} | ${settle.seconds} |`);
  console.log(`| after 100 new files (${imported.articles.added} new articles) | ${counts.articles + imported.articles.added} | | | incremental | ${r.mode} | ${r.articles} | ${r.eventsWritten} | ${r.comparisons} | ${s.toFixed(1)} |`);
  await store.close();
}
