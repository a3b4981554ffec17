// Lists every article of a window of the multi-outlet corpus for hand labelling into
// events (eval/gold/events-window.json): path, outlet, local publication time, title and
// the start of the text. The sample is defined by the files, not by topic: every file whose
// own date (file name, or hkcnews's `date`) falls in the window.
// Usage: tsx eval/gold/dump-window.ts DB FROM TO > window.txt
import { SqliteStore } from '../../src/store/sqlite/store.js';

const [db, from, to] = process.argv.slice(2);
if (!db || !from || !to) throw new Error('usage: dump-window.ts DB FROM TO');
const store = new SqliteStore(db);
const rows: string[][] = [];
for await (const a of store.allArticles()) {
  const path = a.source.path ?? '';
  const at = path.indexOf('multi-outlet/');
  if (at < 0) continue;
  const rel = path.slice(at + 'multi-outlet/'.length);
  const fileDay = /_posts\/(\d{4}-\d{2}-\d{2})-/.exec(rel)?.[1] ?? a.published?.day ?? '';
  if (fileDay < from || fileDay > to) continue;
  const local = a.published ? new Date(Date.parse(a.published.at) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ') : 'undated';
  const lead = a.paragraphs.join(' ').replace(/\s+/g, ' ').slice(0, 170);
  rows.push([rel, a.outlet.id, local, a.title.replace(/\s+/g, ' '), lead]);
}
rows.sort((x, y) => x[2]!.localeCompare(y[2]!) || x[0]!.localeCompare(y[0]!));
for (const r of rows) process.stdout.write(`## ${r[0]}\n${r[1]} | ${r[2]} (UTC+8) | ${r[3]}\n${r[4]}\n\n`);
process.stderr.write(`${rows.length} articles\n`);
