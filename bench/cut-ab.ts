// A comparison's cut (cutText) of an archive's latest dated articles, timed with the code of
// one source tree: run it once per tree, alternating, to compare two versions in one shell
// (a git worktree of the older one, its node_modules linked).
// Usage: node --import tsx bench/cut-ab.ts ROOT DB [N]   (ROOT: a checkout's absolute path)
const [root, db, n = '800'] = process.argv.slice(2);
if (!root || !db) throw new Error('usage: cut-ab.ts ROOT DB [N]');
const { SqliteStore } = await import(`${root}/src/store/sqlite/store.js`);
const { Segmenter } = await import(`${root}/src/text/segment.js`);
const { AliasTable } = await import(`${root}/src/text/aliases.js`);
const { cutText } = await import(`${root}/src/stories/article-text.js`);
type Dated = { published: { at: string } };
const store = new SqliteStore(db);
const articles: Dated[] = [];
for await (const a of store.allArticles() as AsyncIterable<Dated & { published: Dated['published'] | null }>) if (a.published) articles.push(a as Dated);
articles.sort((a, b) => b.published.at.localeCompare(a.published.at));
const sample = articles.slice(0, Number(n));
const ctx = { segmenter: new Segmenter(), aliases: new AliasTable() };
// warm: the segmenter's tables and the JIT
for (const a of sample.slice(0, 50)) cutText(a, ctx);
const t = performance.now();
for (const a of sample) cutText(a, ctx);
console.log(`${root}: ${((performance.now() - t) / sample.length).toFixed(2)} ms an article (${sample.length} articles)`);
await store.close();
