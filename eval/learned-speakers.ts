// Would a model of who speaks, learned from the labelled quotations, beat the speaker rules?
// On the four DEV quote sets (eval/gold/quotes-dev*.json; the blind test set is never read
// here), each quotation Parallax finds gets its candidate speakers: the rules' answer, every
// person or organisation named in its sentence or the two before, and "no one". Each candidate
// is described by where it is named (before the quote, after it, a sentence or two earlier, its
// distance), a verb of saying after it, a preposition or 的 around it, inside another quotation,
// how often the article names it, in the title, the article's most named person, the speaker
// of the quotation before, and whether the rules chose it. A conditional logit (softmax over
// a quotation's candidates) is trained on three sets and picks speakers on the fourth.
// Printed per set: right speakers of the rules and of the model, and quotations the article
// gives no one that each names.
// Usage: tsx eval/learned-speakers.ts ARCHIVE.db   (an archive of seeds + multi-outlet)
import { createHash } from 'node:crypto';
import type { Article } from '../src/article.js';
import type { UnitContext } from '../src/stories/claims.js';
import { straightMarks } from '../src/stories/quotations.js';
import { articlePeople, findQuotations, speakerKey } from '../src/stories/quotes.js';
import { OBJECT_BEFORE, SAY } from '../src/stories/speaker-patterns.js';
import { SqliteStore } from '../src/store/sqlite/store.js';
import { AliasTable } from '../src/text/aliases.js';
import { Segmenter } from '../src/text/segment.js';
import { splitSentences } from '../src/text/sentences.js';
import { articlesByPath } from './claims.js';
import { conditionalLogit, type Choice } from './logistic.js';
import { loadQuoteGold, QUOTE_SETS } from './quotes.js';

const NONE = '∅';
const F = {
  rules: 0, before: 1, nearBefore: 2, after: 3, nearAfter: 4, previous: 5, twoBefore: 6, saysNext: 7, object: 8, first: 9,
  named: 10, person: 11, lastSpeaker: 12, inTitle: 13, possessor: 14, quoted: 15, mostNamed: 16, none: 17, rulesNone: 18,
} as const;
const WIDTH = Object.keys(F).length;

interface Mention { text: string; start: number; end: number; person: boolean }
interface Candidate { key: string; x: number[] }
interface Item { set: string; candidates: Candidate[]; gold: string; rules: string; /** the article's last named speaker before it, and its most named person */ last: string; most: string }

const hash = (s: string): string => createHash('sha1').update(s).digest('hex').slice(0, 10);

/** the persons and organisations a sentence names: the tagger's, and the article's people wherever they stand */
function mentionsOf(text: string, people: readonly string[], ctx: UnitContext): Mention[] {
  const out: Mention[] = [];
  for (const t of ctx.segmenter.tag(text)) {
    const kind = ctx.segmenter.entityKind(t);
    if (kind === 'person' || kind === 'organisation') out.push({ text: t.text, start: t.start, end: t.end, person: kind === 'person' });
  }
  for (const p of people) for (let i = text.indexOf(p); i >= 0; i = text.indexOf(p, i + 1)) {
    if (!out.some((o) => o.start <= i && o.end >= i + p.length)) out.push({ text: p, start: i, end: i + p.length, person: true });
  }
  return out;
}

/** inside a quotation of its sentence */
function quotedAt(text: string, at: number): boolean {
  let depth = 0;
  for (let i = 0; i < at; i++) {
    if ('「『“'.includes(text[i]!)) depth++;
    else if ('」』”'.includes(text[i]!)) depth = Math.max(0, depth - 1);
  }
  return depth > 0;
}

function itemsOf(a: Article, gold: ReturnType<typeof loadQuoteGold>, path: string, set: string, ctx: UnitContext): Item[] {
  const sentences = a.paragraphs.flatMap((p) => splitSentences(p).map((s) => straightMarks(s.text)));
  const people = articlePeople(a, ctx);
  const whole = [a.title, ...a.paragraphs].join('\n');
  const mentions = new Map<number, Mention[]>();
  const mentionsAt = (n: number): Mention[] => mentions.get(n) ?? mentions.set(n, mentionsOf(sentences[n]!, people, ctx)).get(n)!;
  const items: Item[] = [];
  let lastSpeaker: string | null = null;
  for (const q of findQuotations([a], ctx)) {
    const g = gold.quotes.find((x) => x.path === path && x.at === q.at && x.h === hash(sentences[q.n]!));
    const previous = lastSpeaker;
    if (q.speaker) lastSpeaker = q.speaker;
    if (!g) continue;
    const candidates = new Map<string, Candidate>();
    const add = (name: string, person: boolean, set: Partial<Record<keyof typeof F, number>>): void => {
      const key = speakerKey(name, ctx);
      if (!key) return;
      const c = candidates.get(key) ?? candidates.set(key, { key, x: new Array<number>(WIDTH).fill(0) }).get(key)!;
      const all: Partial<Record<keyof typeof F, number>> = {
        ...set, named: Math.log1p(whole.split(name).length - 1) / 3, person: person ? 1 : 0, inTitle: a.title.includes(name) ? 1 : 0,
        mostNamed: name === people[0] ? 1 : 0, lastSpeaker: previous && speakerKey(previous, ctx) === key ? 1 : 0,
      };
      for (const [k, v] of Object.entries(all)) c.x[F[k as keyof typeof F]] = Math.max(c.x[F[k as keyof typeof F]]!, v ?? 0);
    };
    if (q.speaker) add(q.speaker, true, { rules: 1 });
    const open = q.at - 1, close = q.at + q.text.length + 1;
    for (let back = 0; back <= 2 && q.n - back >= 0; back++) {
      const text = sentences[q.n - back]!;
      const found = mentionsAt(q.n - back);
      const first = Math.min(...found.map((m) => m.start));
      for (const m of found) {
        const f: Partial<Record<keyof typeof F, number>> = {
          saysNext: SAY.test(text.slice(m.end, m.end + 8)) ? 1 : 0, object: OBJECT_BEFORE.test(text.slice(Math.max(0, m.start - 3), m.start)) ? 1 : 0,
          possessor: text[m.end] === '的' ? 1 : 0, first: m.start === first ? 1 : 0, quoted: quotedAt(text, m.start) ? 1 : 0,
        };
        if (back === 0 && m.end <= open) { f.before = 1; f.nearBefore = 1 / (1 + Math.log1p(open - m.end)); }
        else if (back === 0 && m.start >= close) { f.after = 1; f.nearAfter = 1 / (1 + Math.log1p(m.start - close)); }
        else if (back === 1) f.previous = 1;
        else if (back === 2) f.twoBefore = 1;
        add(m.text, m.person, f);
      }
    }
    const none = new Array<number>(WIDTH).fill(0);
    none[F.none] = 1;
    none[F.rulesNone] = q.speaker ? 0 : 1;
    items.push({
      set, candidates: [...candidates.values(), { key: NONE, x: none }], gold: g.speaker === 'unknown' ? NONE : speakerKey(g.speaker, ctx), rules: q.speaker ? speakerKey(q.speaker, ctx) : NONE,
      last: previous ? speakerKey(previous, ctx) : NONE, most: people[0] ? speakerKey(people[0], ctx) : NONE,
    });
  }
  return items;
}

const db = process.argv[2];
if (!db) throw new Error('usage: tsx eval/learned-speakers.ts ARCHIVE.db');
const store = new SqliteStore(db);
const ctx = { segmenter: new Segmenter(), aliases: new AliasTable() };
const byPath = await articlesByPath(store);
const items: Item[] = [];
for (const { file } of QUOTE_SETS.filter((s) => s.role !== 'blind test')) {
  const gold = loadQuoteGold(file);
  const set = file.split('/').pop()!;
  for (const g of gold.articles) {
    const a = byPath.get(g.path);
    if (!a) throw new Error(`gold article not in the archive: ${g.path}`);
    items.push(...itemsOf(a, gold, g.path, set, ctx));
  }
}
await store.close();
const choice = (i: Item): Choice => ({ candidates: i.candidates.map((c) => c.x), gold: i.candidates.findIndex((c) => c.key === i.gold) });
const named = items.filter((i) => i.gold !== NONE);
console.log(`${items.length} quotations found and labelled, ${named.length} with a named speaker, ${named.filter((i) => i.candidates.some((c) => c.key === i.gold)).length} of them with the speaker among the candidates.\n`);
console.log('| left-out set | named speakers | rules right | model right | no one named: rules name one | model names one |\n|---|---|---|---|---|---|');
for (const set of [...new Set(items.map((i) => i.set))]) {
  const model = conditionalLogit(items.filter((i) => i.set !== set).map(choice));
  const picked = (i: Item): string => i.candidates[model.pick(i.candidates.map((c) => c.x))]!.key;
  const known = items.filter((i) => i.set === set && i.gold !== NONE);
  const unknown = items.filter((i) => i.set === set && i.gold === NONE);
  const rules = known.filter((i) => i.rules === i.gold).length, learned = known.filter((i) => picked(i) === i.gold).length;
  console.log(`| ${set} | ${known.length} | ${rules} (${(rules / known.length).toFixed(3)}) | ${learned} (${(learned / known.length).toFixed(3)}) | ${unknown.filter((i) => i.rules !== NONE).length} of ${unknown.length} | ${unknown.filter((i) => picked(i) !== NONE).length} of ${unknown.length} |`);
}

// two fallbacks for the quotations the rules give no one, counted on all four sets
const unnamed = named.filter((i) => i.rules === NONE);
const fallback = (of: (i: Item) => string): string => `right ${unnamed.filter((i) => of(i) === i.gold).length}, wrong ${unnamed.filter((i) => of(i) !== NONE && of(i) !== i.gold).length}`;
console.log(`\nThe ${unnamed.length} quotations with a named speaker that the rules give no one: the article's last named speaker before it is ${fallback((i) => i.last)}; its most named person is ${fallback((i) => i.most)}.`);
