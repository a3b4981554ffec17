// Writes the skeleton of a claim gold file (eval/gold/claims/<event>.json): every sentence
// of every article of one event, as Parallax splits them, with an empty claim list for a
// reader to fill in. Paths are relative to ../shared (corpus/multi-outlet/… or seeds/…).
// Usage: tsx eval/gold/dump-sentences.ts DB EVENT PATH… > skeleton.json
import { SqliteStore } from '../../src/store/sqlite/store.js';
import { splitSentences } from '../../src/text/sentences.js';

const [db, event, ...paths] = process.argv.slice(2);
if (!db || !event || paths.length === 0) throw new Error('usage: dump-sentences.ts DB EVENT PATH…');
const store = new SqliteStore(db);
const wanted = new Set(paths);
const articles: Array<{ path: string; outlet: string; published: string | null; title: string }> = [];
const sentences: Array<{ path: string; n: number; text: string; claims: string[] }> = [];
for await (const a of store.allArticles()) {
  const full = a.source.path ?? '';
  const rel = full.slice(full.indexOf('/shared/') + '/shared/'.length);
  if (!wanted.has(rel)) continue;
  wanted.delete(rel);
  articles.push({ path: rel, outlet: a.outlet.id, published: a.published?.at ?? null, title: a.title });
  let n = 0;
  for (const p of a.paragraphs) for (const s of splitSentences(p)) sentences.push({ path: rel, n: n++, text: s.text, claims: [] });
}
if (wanted.size) throw new Error(`not in the archive: ${[...wanted].join(', ')}`);
process.stdout.write(JSON.stringify({ event, articles, claims: {}, discrepancies: [], quotes: [], sentences }, null, 1) + '\n');
