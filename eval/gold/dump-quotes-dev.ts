// Lists the pool of the quote dev set (eval/gold/quotes-dev.json) for a reader to label:
// multi-outlet articles of no claims gold event, ordered by sha1(path) (path relative to
// ../shared), only those whose digest starts with 8–f (0–7 is kept for a blind test set);
// for each, every sentence holding a quotation mark, with its n, hash and where each
// marked text starts (at, the convention of eval/gold/claims: the first character after the mark).
// Usage: tsx eval/gold/dump-quotes-dev.ts DB [LIMIT] > pool.txt
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { SqliteStore } from '../../src/store/sqlite/store.js';
import { splitSentences } from '../../src/text/sentences.js';
import { straightMarks } from '../../src/stories/quotations.js';
import { loadClaimGold } from '../claims.js';

const [db, limit = '80'] = process.argv.slice(2);
if (!db) throw new Error('usage: dump-quotes-dev.ts DB [LIMIT]');
const sha1 = (s: string): string => createHash('sha1').update(s).digest('hex');
const inGold = new Set(loadClaimGold(fileURLToPath(new URL('./claims', import.meta.url))).flatMap((g) => g.articles.map((a) => a.path)));
const store = new SqliteStore(db);
const pool: Array<{ path: string; digest: string; outlet: string; title: string; paragraphs: string[] }> = [];
for await (const a of store.allArticles()) {
  const full = a.source.path ?? '';
  const rel = full.slice(full.indexOf('/shared/') + '/shared/'.length);
  if (!rel.startsWith('corpus/multi-outlet/') || inGold.has(rel)) continue;
  const digest = sha1(rel);
  if (!/^[89a-f]/.test(digest)) continue;
  pool.push({ path: rel, digest, outlet: a.outlet.id, title: a.title, paragraphs: a.paragraphs });
}
pool.sort((x, y) => x.digest.localeCompare(y.digest));
for (const a of pool.slice(0, Number(limit))) {
  console.log(`=== ${a.digest.slice(0, 8)} ${a.outlet} ${a.path}\n    ${a.title}`);
  let n = 0;
  for (const p of a.paragraphs) for (const s of splitSentences(p)) {
    const text = straightMarks(s.text);
    const ats: number[] = [];
    for (let i = 0; i < text.length; i++) if ('「『“‘"'.includes(text[i]!)) ats.push(i + 1);
    if (ats.length) console.log(`  [${n}] h=${sha1(s.text).slice(0, 10)} at=${ats.join(',')}\n      ${s.text}`);
    n++;
  }
}
await store.close();
