// Quote speakers against a quote gold file (eval/gold/quotes-dev.json, or another of the same
// shape): every quotation of a set of articles labelled by reading with who speaks it. Found:
// gold quotes where Parallax finds a quotation (the same sentence, the quoted text starting at
// the same place). Speaker: the one Parallax records for that article's own quotation (each
// outlet's own attribution, not the aligned group's majority), compared with speakerKey
// (aliases, scripts, the last part of a transliterated name).
// Usage: tsx eval/quotes.ts ARCHIVE.db [--gold FILE]   (or `npm run eval -- quotes-dev [--gold FILE]`)
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Article } from '../src/article.js';
import type { UnitContext } from '../src/stories/claims.js';
import { extractQuotes } from '../src/stories/quote-alignment.js';
import { findQuotations, speakerKey } from '../src/stories/quotes.js';
import { splitSentences } from '../src/text/sentences.js';

export interface QuoteGold {
  note?: string;
  articles: Array<{ path: string; outlet: string; title?: string }>;
  quotes: Array<{ path: string; n: number; h: string; at: number; speaker: string }>;
}

export const DEV_GOLD = fileURLToPath(new URL('./gold/quotes-dev.json', import.meta.url));

/** the quote gold sets: the dev sets the rules are tuned on, and the blind test set that reports them */
export const QUOTE_SETS: ReadonlyArray<{ file: string; role: 'dev (tuned on)' | 'blind test' }> = [
  { file: DEV_GOLD, role: 'dev (tuned on)' },
  { file: fileURLToPath(new URL('./gold/quotes-dev2.json', import.meta.url)), role: 'dev (tuned on)' },
  { file: fileURLToPath(new URL('./gold/quotes-dev3.json', import.meta.url)), role: 'dev (tuned on)' },
  { file: fileURLToPath(new URL('./gold/quotes-dev4.json', import.meta.url)), role: 'dev (tuned on)' },
  { file: fileURLToPath(new URL('./gold/quotes-test.json', import.meta.url)), role: 'blind test' },
];

export function loadQuoteGold(file: string): QuoteGold {
  return JSON.parse(readFileSync(file, 'utf8')) as QuoteGold;
}

export interface QuoteGoldScore {
  /** gold quotes, and those of them with a named speaker */
  gold: number;
  known: number;
  /** gold quotes Parallax finds at the same place; of them with a named speaker */
  found: number;
  foundKnown: number;
  /** found known-speaker quotes whose speaker Parallax gets right */
  correct: number;
  /** gold quotes whose sentence is no longer in its article (not scored) */
  changed: number;
  /** quotes the article gives no one that Parallax gives a name */
  unknownNamed: number;
  wrong: Array<{ path: string; n: number; at: number; gold: string; system: string | null; text: string }>;
  missed: Array<{ path: string; n: number; at: number; gold: string; sentence: string }>;
}

const hash = (s: string): string => createHash('sha1').update(s).digest('hex').slice(0, 10);

export function scoreQuoteGold(gold: QuoteGold, byPath: ReadonlyMap<string, Article>, ctx: UnitContext): QuoteGoldScore {
  const articles = gold.articles.map((g) => { const a = byPath.get(g.path); if (!a) throw new Error(`gold article not in the archive: ${g.path}`); return a; });
  const pathOf = new Map(articles.map((a, i) => [a.id, gold.articles[i]!.path]));
  // today's sentences of each article, to find a gold sentence again by its text's hash
  const sentences = new Map<string, string[]>();
  for (const a of articles) sentences.set(pathOf.get(a.id)!, a.paragraphs.flatMap((p) => splitSentences(p).map((s) => s.text)));
  const detected = new Set(findQuotations(articles, ctx).map((f) => `${pathOf.get(f.article.id)}#${f.n}#${f.at}`));
  const speakers = new Map<string, string>();
  for (const q of extractQuotes(articles, ctx)) for (const m of q.members) speakers.set(`${pathOf.get(m.article)}#${m.n}#${m.at}`, m.speaker);
  const s: QuoteGoldScore = { gold: 0, known: 0, found: 0, foundKnown: 0, correct: 0, changed: 0, unknownNamed: 0, wrong: [], missed: [] };
  for (const g of gold.quotes) {
    const today = sentences.get(g.path) ?? [];
    // the gold sentence where it is today: the occurrence of its hash nearest its labelled place
    const ns = today.map((t, i) => (hash(t) === g.h ? i : -1)).filter((i) => i >= 0);
    if (!ns.length) { s.changed++; continue; }
    const n = ns.reduce((a, b) => (Math.abs(b - g.n) < Math.abs(a - g.n) ? b : a));
    const known = g.speaker !== 'unknown';
    s.gold++;
    if (known) s.known++;
    const key = `${g.path}#${n}#${g.at}`;
    if (!detected.has(key)) { s.missed.push({ path: g.path, n, at: g.at, gold: g.speaker, sentence: today[n]! }); continue; }
    s.found++;
    const system = speakers.get(key) ?? null;
    if (!known) { if (system !== null) s.unknownNamed++; continue; }
    s.foundKnown++;
    if (system !== null && speakerKey(system, ctx) === speakerKey(g.speaker, ctx)) s.correct++;
    else s.wrong.push({ path: g.path, n, at: g.at, gold: g.speaker, system, text: today[n]!.slice(g.at, g.at + 40) });
  }
  return s;
}

const pct = (x: number, of: number): string => (of ? (x / of).toFixed(3) : '–');

/** The score as Markdown: a table, then the wrong speakers with their text. */
export function quoteGoldReport(name: string, s: QuoteGoldScore, showMissed = false): string {
  const lines = [
    `| gold file | quotes (named speaker) | found | speaker correct / found | correct / all named | unnamed given a name | sentences changed |`,
    '|---|---|---|---|---|---|---|',
    `| ${name} | ${s.gold} (${s.known}) | ${s.found} | **${pct(s.correct, s.foundKnown)}** (${s.correct}/${s.foundKnown}) | **${pct(s.correct, s.known)}** (${s.correct}/${s.known}) | ${s.unknownNamed} | ${s.changed} |`,
    '',
  ];
  if (s.wrong.length) {
    lines.push(`Wrong speakers (${s.wrong.length}):`, '');
    for (const w of s.wrong) lines.push(`- ${w.path.split('/').pop()} #${w.n}@${w.at}: gold ${w.gold}, Parallax ${w.system ?? '(none)'} — 「${w.text}…」`);
    lines.push('');
  }
  if (showMissed && s.missed.length) {
    lines.push(`Not found (${s.missed.length}):`, '');
    for (const m of s.missed) lines.push(`- ${m.path.split('/').pop()} #${m.n}@${m.at} (${m.gold}): ${m.sentence}`);
    lines.push('');
  }
  return lines.join('\n');
}

/** One table of several gold sets' scores, a row each. */
export function quoteGoldRows(sets: ReadonlyArray<{ file: string; role: string; score: QuoteGoldScore }>): string {
  const lines = [
    '| gold file | role | quotes (named speaker) | found | speaker correct / found | correct / all named | unnamed given a name |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const { file, role, score: s } of sets) lines.push(`| ${file.split('/').pop()} | ${role} | ${s.gold} (${s.known}) | ${s.found} | **${pct(s.correct, s.foundKnown)}** (${s.correct}/${s.foundKnown}) | ${pct(s.correct, s.known)} (${s.correct}/${s.known}) | ${s.unknownNamed} |`);
  return lines.join('\n') + '\n';
}

/** `--gold FILE` among the arguments, else the dev set */
export function goldArgument(args: readonly string[]): string {
  const i = args.indexOf('--gold');
  return i >= 0 && args[i + 1] ? args[i + 1]! : DEV_GOLD;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [db] = process.argv.slice(2);
  if (!db || db.startsWith('--')) throw new Error('usage: tsx eval/quotes.ts ARCHIVE.db [--gold FILE] [--missed]');
  const { SqliteStore } = await import('../src/store/sqlite/store.js');
  const { Segmenter } = await import('../src/text/segment.js');
  const { AliasTable } = await import('../src/text/aliases.js');
  const { articlesByPath } = await import('./claims.js');
  const store = new SqliteStore(db);
  const file = goldArgument(process.argv);
  const score = scoreQuoteGold(loadQuoteGold(file), await articlesByPath(store), { segmenter: new Segmenter(), aliases: new AliasTable() });
  console.log(quoteGoldReport(file.split('/').pop()!, score, process.argv.includes('--missed')));
  await store.close();
}
