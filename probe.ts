import { SqliteStore } from './src/store/sqlite.js';
import { searchCorpus } from './src/store/contract/search-corpus.js';
import { ctx } from './src/store/contract/fixtures.js';
import { searchArchive } from './src/search/search.js';
const s = new SqliteStore(':memory:'); await s.commit(searchCorpus(), 1);
for (const q of process.argv.slice(2)) {
  try { const r = await searchArchive(s, q, { collapse: false, limit: 50 }, ctx); console.log(q, r.total, r.hits.map(h => `${h.id}:${h.title}:${h.published?.day}:${h.score}`)); }
  catch (e) { console.log(q, 'ERR', String(e)); }
}
