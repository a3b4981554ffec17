// npm run bench -- feed: one RSS file of 100,000 items (fictional, 28 MB) imported with the
// search index in a process of its own (test/import-peak.ts), its peak RSS from Linux's
// VmHWM; beside it the same 100,000 items as 400 files of 250 items (every file read
// whole), and the same items as one JSON Feed (read in parts too). Goal (issue 20): ≤ 400 MB peak.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const item = (i: number): string => `<item><title>晴川第${i}号通告</title><link>https://qingchuan-daily.example/n/${i}</link><pubDate>Mon, 13 Oct 2031 08:00:00 GMT</pubDate><description>晴川市政府今天发布第${i}号通告，内容涉及道路、供水和公共交通的安排。</description></item>\n`;
const feed = (from: number, n: number): string => ['<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>晴川日报</title><link>https://qingchuan-daily.example/</link>\n',
  ...Array.from({ length: n }, (_, i) => item(from + i)), '</channel></rss>\n'].join('');

/** the same items as one JSON Feed */
const jsonFeed = (n: number): string => JSON.stringify({
  version: 'https://jsonfeed.org/version/1.1', title: '晴川日报', home_page_url: 'https://qingchuan-daily.example/',
  items: Array.from({ length: n }, (_, i) => ({
    id: `https://qingchuan-daily.example/n/${i}`, url: `https://qingchuan-daily.example/n/${i}`, title: `晴川第${i}号通告`,
    date_published: '2031-10-13T08:00:00Z', content_text: `晴川市政府今天发布第${i}号通告，内容涉及道路、供水和公共交通的安排。`,
  })),
});

function peak(db: string, input: string): { seconds: number; added: number; peakMB: number } {
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'test/import-peak.ts', db, input], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const { report, peakMB } = JSON.parse(out) as { report: { seconds: number; articles: { added: number } }; peakMB: number };
  return { seconds: report.seconds, added: report.articles.added, peakMB };
}

export function feedBench(dir: string, items = 100_000): void {
  const one = join(dir, 'feed-100k.rss');
  writeFileSync(one, feed(0, items));
  const many = join(dir, 'feed-files');
  mkdirSync(many, { recursive: true });
  for (let f = 0; f < items / 250; f++) writeFileSync(join(many, `f${f}.rss`), feed(f * 250, 250));
  const json = join(dir, 'feed-100k.json');
  writeFileSync(json, jsonFeed(items));
  console.log(`## A feed of ${items.toLocaleString('en')} items (import with the search index, own process)\n`);
  console.log('| input | articles | s | peak RSS MB |');
  console.log('|---|---|---|---|');
  for (const [name, input, db] of [['one RSS file, read in parts', one, 'feed-one.db'], [`${items / 250} RSS files of 250 items`, many, 'feed-many.db'], ['one JSON Feed file, read in parts', json, 'feed-json.db']] as const) {
    const r = peak(join(dir, db), input);
    console.log(`| ${name} | ${r.added} | ${r.seconds} | ${r.peakMB} |`);
  }
}
