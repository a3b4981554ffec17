// The comparison of one story: what every outlet said, what only some said, who was
// quoted, which people/places/organisations each named, the words that set each
// outlet apart, who published when, and how much of each article is wire copy.
import type { Article } from '../article.js';
import { sentenceKey } from '../dedup/lineage.js';
import type { AliasTable } from '../text/aliases.js';
import { bigramText, normalizeText } from '../text/normalize.js';
import type { Segmenter } from '../text/segment.js';
import { splitSentences } from '../text/sentences.js';

export interface ClaimMember { article: string; outlet: string; text: string }
export interface Claim { id: number; coverage: 'all' | 'some' | 'one'; outlets: string[]; members: ClaimMember[] }
export interface Quote { speaker: string; text: string; outlets: string[]; members: ClaimMember[] }
export interface EntityRow { name: string; kind: 'person' | 'place' | 'organisation'; variants: string[]; outlets: Record<string, number> }
export interface TimelineRow { article: string; outlet: string; title: string; at: string | null; lagMinutes: number | null }
export interface WireRow { article: string; outlet: string; wire: string | null; share: number; dropped: string[] }

export interface Comparison {
  outlets: string[];
  claims: Claim[];
  quotes: Quote[];
  entities: EntityRow[];
  distinctive: Record<string, Array<{ word: string; z: number }>>;
  timeline: TimelineRow[];
  wire: WireRow[];
}

export interface CompareContext { segmenter: Segmenter; aliases: AliasTable; wireOutlets: ReadonlySet<string> }

/** Bigram set of a sentence in the normal form, regional variants folded. */
function gramSet(text: string, aliases: AliasTable): Set<string> {
  const norm = normalizeText(text);
  return new Set(bigramText([aliases.foldText(norm)]).split(' ').filter((g) => g.length >= 2));
}

/** |A ∩ B| / min(|A|, |B|): a short rendering of a long sentence still matches it */
function overlap(a: Set<string>, b: Set<string>): number {
  const [s, l] = a.size <= b.size ? [a, b] : [b, a];
  if (s.size === 0) return 0;
  let n = 0;
  for (const g of s) if (l.has(g)) n++;
  return n / s.size;
}

interface Sent { article: Article; text: string; grams: Set<string>; clauses: Array<Set<string>> }

const CLAUSE = /[，,；;：:、。！？!?]/;
/** words that carry no claim of their own */
const FUNCTION_WORDS = new Set('我们 他们 你们 自己 这个 那个 一个 这些 那些 以及 因为 所以 如果 但是 而且 并且 对于 关于 其中 任何 包括 表示 指出 强调 认为 称 说 也 都 还 将 把 被 对 在 和 与 及 的 了 是 有'.split(' '));

/** Content words of each clause, alias-folded: two renderings of one statement share them. */
function clauseWords(text: string, ctx: CompareContext): Array<Set<string>> {
  return text.split(CLAUSE).map((c) => new Set(ctx.segmenter.words(c, 'normal').map((w) => ctx.aliases.canonical(w))
    .filter((w) => w.length >= 2 && /^[\p{L}\p{N}]+$/u.test(w) && !FUNCTION_WORDS.has(w)))).filter((c) => c.size >= 3);
}

/** Two sentences state the same thing: most of the shorter one's text, or one clause's content words, in the other. */
function sameClaim(a: Sent, b: Sent): number {
  let best = overlap(a.grams, b.grams);
  for (const x of a.clauses) for (const y of b.clauses) {
    if (x.size < 4 || y.size < 4) continue;
    let shared = 0;
    for (const w of x) if (y.has(w)) shared++;
    // the same clause told two ways: most of both clauses' content words in common
    if (shared >= 3) best = Math.max(best, shared / Math.max(x.size, y.size) >= 0.5 ? 0.5 + shared / Math.max(x.size, y.size) / 2 : 0);
  }
  return best;
}

/**
 * Group equivalent sentences of different articles into claims. Each claim is held by
 * its first sentence (in publication order); a later sentence joins every claim whose
 * first sentence it restates — a sentence that makes two statements carries two
 * claims — and comparing with the first sentence only keeps claims from drifting.
 */
function alignClaims(articles: readonly Article[], ctx: CompareContext, threshold = 0.5): Claim[] {
  const groups: Array<{ head: Sent; members: Sent[] }> = [];
  const index = new Map<string, number[]>(); // head bigram → groups
  for (const a of articles) {
    for (const p of a.paragraphs) {
      for (const s of splitSentences(p)) {
        if (sentenceKey(s.text).length < 8) continue;
        const grams = gramSet(s.text, ctx.aliases);
        const sent: Sent = { article: a, text: s.text, grams, clauses: clauseWords(s.text, ctx) };
        const votes = new Map<number, number>();
        for (const g of grams) for (const gi of index.get(g) ?? []) votes.set(gi, (votes.get(gi) ?? 0) + 1);
        let joined = false;
        for (const [gi, v] of votes) {
          const group = groups[gi]!;
          if (v < 3 || group.head.article.id === a.id) continue;
          const sim = sameClaim(sent, group.head);
          if (sim < threshold) continue;
          const mine = group.members.findIndex((m) => m.article.id === a.id);
          if (mine < 0) group.members.push(sent);
          else if (sim > sameClaim(group.members[mine]!, group.head)) group.members[mine] = sent;
          joined = true;
        }
        if (!joined) {
          groups.push({ head: sent, members: [sent] });
          for (const g of grams) { const l = index.get(g); if (l) l.push(groups.length - 1); else index.set(g, [groups.length - 1]); }
        }
      }
    }
  }
  const allOutlets = new Set(articles.map((a) => a.outlet.id));
  return groups
    .map((g, i) => {
      const outlets = [...new Set(g.members.map((m) => m.article.outlet.id))];
      const coverage: Claim['coverage'] = outlets.length === allOutlets.size && allOutlets.size > 1 ? 'all' : outlets.length > 1 ? 'some' : 'one';
      return { id: i, coverage, outlets, members: g.members.map((m) => ({ article: m.article.id, outlet: m.article.outlet.id, text: m.text })) };
    })
    .sort((a, b) => b.outlets.length - a.outlets.length || a.id - b.id);
}

const SAY = /(表示|指出|强调|強調|称|稱|说|說|认为|認為|宣布|坦言|警告|回应|回應|透露|批评|批評|提到|直言|形容|讚揚|赞扬)/;
const QUOTED = /[「“]([^」”]{6,400})[」”]/g;

/** The speaker of a quote: the last person named in the clause that introduces it. */
function speakerOf(lead: string, ctx: CompareContext): string | null {
  // the clause with the verb of saying (or the colon) that introduces the quote
  const clause = lead.split(/[，,；;]/).filter((c) => SAY.test(c) || /[：:]\s*$/.test(c)).pop();
  if (!clause) return null;
  // its subject: the first person named (习近平主席对普京总统说 → 习近平)
  const person = ctx.segmenter.tag(clause).find((t) => ctx.segmenter.entityKind(t) === 'person');
  return person?.text ?? null;
}

/** Who said what: quotations introduced by a named person and a verb of saying or a colon. */
function extractQuotes(articles: readonly Article[], ctx: CompareContext): Quote[] {
  const found: Array<{ speaker: string; text: string; article: Article; grams: Set<string> }> = [];
  for (const a of articles) {
    for (const p of a.paragraphs) {
      for (const m of p.matchAll(QUOTED)) {
        const before = p.slice(Math.max(0, m.index - 40), m.index);
        const lead = before.split(/[。！？；]/).pop() ?? '';
        const speaker = speakerOf(lead, ctx);
        if (speaker) found.push({ speaker, text: m[1]!, article: a, grams: gramSet(m[1]!, ctx.aliases) });
      }
    }
  }
  const quotes: Array<{ speaker: string; text: string; members: typeof found }> = [];
  for (const f of found) {
    const key = ctx.aliases.canonical(normalizeText(f.speaker));
    const q = quotes.find((x) => ctx.aliases.canonical(normalizeText(x.speaker)) === key && x.members.some((m) => overlap(m.grams, f.grams) >= 0.5));
    if (q) q.members.push(f);
    else quotes.push({ speaker: f.speaker, text: f.text, members: [f] });
  }
  return quotes
    .map((q) => ({
      speaker: q.speaker,
      text: q.text,
      outlets: [...new Set(q.members.map((m) => m.article.outlet.id))],
      members: q.members.map((m) => ({ article: m.article.id, outlet: m.article.outlet.id, text: m.text })),
    }))
    .sort((a, b) => b.outlets.length - a.outlets.length);
}


function extractEntities(articles: readonly Article[], ctx: CompareContext): EntityRow[] {
  const rows = new Map<string, EntityRow>();
  for (const a of articles) {
    for (const p of [a.title, ...a.paragraphs]) {
      for (const t of ctx.segmenter.tag(p)) {
        // Latin acronyms (AUKUS, NATO) name organisations and pacts
        const kind = /^[A-Z]{3,8}$/.test(t.text) ? 'organisation' : ctx.segmenter.entityKind(t);
        if (!kind || t.norm.length < 2) continue;
        const key = ctx.aliases.canonical(t.norm);
        let row = rows.get(key);
        if (!row) rows.set(key, (row = { name: /^[a-z]+$/.test(key) ? t.text : key, kind, variants: [], outlets: {} }));
        if (!row.variants.includes(t.text)) row.variants.push(t.text);
        row.outlets[a.outlet.id] = (row.outlets[a.outlet.id] ?? 0) + 1;
      }
    }
  }
  return [...rows.values()].sort((a, b) => Object.keys(b.outlets).length - Object.keys(a.outlets).length || total(b) - total(a));
}

const total = (r: EntityRow): number => Object.values(r.outlets).reduce((s, n) => s + n, 0);

/**
 * Words that set each outlet apart from the rest of the story: the log-odds ratio with
 * an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008), as z-scores.
 */
function distinctiveWords(articles: readonly Article[], ctx: CompareContext, top = 10): Record<string, Array<{ word: string; z: number }>> {
  const byOutlet = new Map<string, Map<string, number>>();
  const all = new Map<string, number>();
  for (const a of articles) {
    const c = byOutlet.get(a.outlet.id) ?? new Map<string, number>();
    byOutlet.set(a.outlet.id, c);
    for (const p of [a.title, ...a.paragraphs]) {
      for (const word of ctx.segmenter.words(p, 'normal')) {
        if (!/^\p{Script=Han}{2,}$/u.test(word)) continue;
        const w = ctx.aliases.canonical(word);
        c.set(w, (c.get(w) ?? 0) + 1);
        all.set(w, (all.get(w) ?? 0) + 1);
      }
    }
  }
  const n = [...all.values()].reduce((s, x) => s + x, 0);
  const a0 = Math.min(n, 1000); // prior strength: the story's own word distribution, scaled
  const out: Record<string, Array<{ word: string; z: number }>> = {};
  for (const [outlet, ci] of byOutlet) {
    const ni = [...ci.values()].reduce((s, x) => s + x, 0);
    const nj = n - ni;
    if (ni === 0 || nj === 0) { out[outlet] = []; continue; }
    const scored: Array<{ word: string; z: number }> = [];
    for (const [w, yi] of ci) {
      const yj = (all.get(w) ?? 0) - yi;
      const aw = (a0 * (all.get(w) ?? 0)) / n;
      const delta = Math.log((yi + aw) / (ni + a0 - yi - aw)) - Math.log((yj + aw) / (nj + a0 - yj - aw));
      const variance = 1 / (yi + aw) + 1 / (yj + aw);
      scored.push({ word: w, z: Math.round((delta / Math.sqrt(variance)) * 100) / 100 });
    }
    out[outlet] = scored.sort((x, y) => y.z - x.z).slice(0, top).filter((x) => x.z > 0);
  }
  return out;
}

function timeline(articles: readonly Article[]): TimelineRow[] {
  const sorted = [...articles].sort((a, b) => (a.published?.at ?? '9').localeCompare(b.published?.at ?? '9'));
  const first = sorted[0]?.published ? Date.parse(sorted[0].published.at) : null;
  return sorted.map((a) => ({
    article: a.id, outlet: a.outlet.id, title: a.title, at: a.published?.at ?? null,
    lagMinutes: first !== null && a.published ? Math.round((Date.parse(a.published.at) - first) / 60000) : null,
  }));
}

/**
 * How much of each article is wire text, and which wire sentences it left out. The wire
 * text is what a wire outlet published, or what follows a wire dateline in an article
 * (a feature may carry the full wire text after its own lead).
 */
function wireShare(articles: readonly Article[], ctx: CompareContext): WireRow[] {
  const sentencesOf = (paragraphs: readonly string[]): string[] => paragraphs.flatMap((p) => splitSentences(p).map((s) => s.text)).filter((s) => sentenceKey(s).length >= 8);
  const wirePart = (a: Article): string[] => {
    if (ctx.wireOutlets.has(a.outlet.id)) return a.paragraphs;
    if (!a.wire) return [];
    const at = a.paragraphs.findIndex((p) => p.includes(a.wire!.text));
    return at >= 0 ? a.paragraphs.slice(at) : [];
  };
  const wireSents = articles.flatMap((w) => sentencesOf(wirePart(w)).map((text) => ({ text, grams: gramSet(text, ctx.aliases), from: w.id })));
  const agency = articles.map((a) => (ctx.wireOutlets.has(a.outlet.id) ? a.outlet.name : a.wire?.agency)).find(Boolean) ?? null;
  return articles.map((a) => {
    const mine = sentencesOf(a.paragraphs).map((text) => ({ text, grams: gramSet(text, ctx.aliases) }));
    const fromWire = mine.filter((m) => wireSents.some((w) => overlap(m.grams, w.grams) >= 0.7)).length;
    const others = wireSents.filter((w) => w.from !== a.id);
    const dropped = others.filter((w) => !mine.some((m) => overlap(m.grams, w.grams) >= 0.7)).map((w) => w.text);
    return {
      article: a.id, outlet: a.outlet.id, wire: a.wire?.agency ?? (fromWire ? agency : null),
      share: mine.length ? Math.round((fromWire / mine.length) * 1000) / 1000 : 0,
      dropped: [...new Set(dropped)],
    };
  });
}

export function compareStory(members: readonly Article[], ctx: CompareContext): Comparison {
  // publication order: the first telling of a claim is the one others are compared with
  const articles = [...members].sort((a, b) => (a.published?.at ?? '9').localeCompare(b.published?.at ?? '9') || a.id.localeCompare(b.id));
  return {
    outlets: [...new Set(timeline(articles).map((t) => t.outlet))],
    claims: alignClaims(articles, ctx),
    quotes: extractQuotes(articles, ctx),
    entities: extractEntities(articles, ctx),
    distinctive: distinctiveWords(articles, ctx),
    timeline: timeline(articles),
    wire: wireShare(articles, ctx),
  };
}
