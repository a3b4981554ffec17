// Freezes a claim labelling made on a skeleton of dump-sentences.ts into the form kept in
// the repository: the sentence text (third-party) is replaced by a short hash that the
// evaluation checks against the sentence Parallax splits at the same place.
// Usage: tsx eval/gold/freeze-claims.ts labelled.json > eval/gold/claims/EVENT.json
import { readFileSync } from 'node:fs';
import { sentenceHash } from '../claims.js';

interface Labelled {
  event: string;
  articles: Array<{ path: string; outlet: string }>;
  claims: Record<string, string>;
  discrepancies: Array<[string, string]>;
  quotes: Array<{ path: string; n: number; start: string; speaker: string }>;
  sentences: Array<{ path: string; n: number; text: string; claims: string[]; kind?: string }>;
}

const file = process.argv[2];
if (!file) throw new Error('usage: freeze-claims.ts labelled.json');
const g = JSON.parse(readFileSync(file, 'utf8')) as Labelled;
const textOf = new Map(g.sentences.map((s) => [`${s.path}#${s.n}`, s.text]));
const out = {
  event: g.event,
  note: 'Every sentence of every article of this event tagged by reading with the claims it states (ids → our own English description). Sentences are (path relative to ../shared, n = position among the sentences Parallax splits the body into, h = sha1 of the sentence text, first 10 hex digits). Quotes: the sentence, the offset of the quoted text in it, and who said it.',
  articles: g.articles.map((a) => ({ path: a.path, outlet: a.outlet })),
  claims: g.claims,
  discrepancies: g.discrepancies,
  quotes: g.quotes.map((q) => {
    const text = textOf.get(`${q.path}#${q.n}`) ?? '';
    const at = text.indexOf(q.start);
    if (at < 0) throw new Error(`quote start not in sentence ${q.path}#${q.n}`);
    return { path: q.path, n: q.n, at, speaker: q.speaker };
  }),
  sentences: g.sentences.map((s) => ({ path: s.path, n: s.n, h: sentenceHash(s.text), claims: s.claims, ...(s.kind ? { kind: s.kind } : {}) })),
};
process.stdout.write(JSON.stringify(out) .replace(/\{"path"/g, '\n{"path"') + '\n');
