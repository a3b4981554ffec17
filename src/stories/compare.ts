// The comparison of one story: what every outlet said, what only some said, who was
// quoted, which people/places/organisations each named, the words that set each
// outlet apart, who published when, and how much of each article is wire copy.
import type { Article } from '../article.js';
import { sentenceKey } from '../dedup/lineage.js';
import type { AliasTable } from '../text/aliases.js';
import { bigrams, gramUnits, normalizeText } from '../text/normalize.js';
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
  return new Set(bigrams(gramUnits(aliases.foldText(norm))).filter((g) => g.length >= 2));
}

/** |A ∩ B| / min(|A|, |B|): a short rendering of a long sentence still matches it */
function overlap(a: Set<string>, b: Set<string>): number {
  const [s, l] = a.size <= b.size ? [a, b] : [b, a];
  if (s.size === 0) return 0;
  let n = 0;
  for (const g of s) if (l.has(g)) n++;
  return n / s.size;
}

interface Sent { article: Article; text: string; grams: Set<string> }

/** Group equivalent sentences of different articles into claims. */
function alignClaims(articles: readonly Article[], ctx: CompareContext, threshold = 0.5): Claim[] {
  const groups: Array<{ members: Sent[]; grams: Set<string> }> = [];
  const index = new Map<string, Set<number>>();
  for (const a of articles) {
    for (const p of a.paragraphs) {
      for (const s of splitSentences(p)) {
        if (sentenceKey(s.text).length < 8) continue;
        const grams = gramSet(s.text, ctx.aliases);
        const votes = new Map<number, number>();
        for (const g of grams) for (const gi of index.get(g) ?? []) votes.set(gi, (votes.get(gi) ?? 0) + 1);
        let best = -1;
        let bestScore = 0;
        for (const [gi, v] of votes) {
          if (v / Math.min(grams.size, groups[gi]!.grams.size) < threshold * 0.8) continue;
          if (groups[gi]!.members.some((m) => m.article.id === a.id)) continue;
          const sc = Math.max(...groups[gi]!.members.map((m) => overlap(grams, m.grams)));
          if (sc > bestScore) { bestScore = sc; best = gi; }
        }
        const sent = { article: a, text: s.text, grams };
        if (best >= 0 && bestScore >= threshold) {
          groups[best]!.members.push(sent);
          for (const g of grams) { groups[best]!.grams.add(g); index.get(g)?.add(best) ?? index.set(g, new Set([best])); }
        } else {
          groups.push({ members: [sent], grams: new Set(grams) });
          for (const g of grams) { const set = index.get(g); if (set) set.add(groups.length - 1); else index.set(g, new Set([groups.length - 1])); }
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

const SAY = '表示|指出|强调|強調|称|稱|说|說|认为|認為|宣布|坦言|警告|回应|回應|透露';
const QUOTE_AFTER = new RegExp(`([\\p{Script=Han}A-Za-z·]{2,12}?)(?:也|还|還|则|則|更|亦|又)?(?:${SAY})[：:，,]?\\s*[「“]([^」”]{4,300})[」”]`, 'gu');
const QUOTE_BEFORE = new RegExp(`[「“]([^」”]{4,300})[」”][，,]?\\s*([\\p{Script=Han}A-Za-z·]{2,12}?)(?:${SAY})`, 'gu');

/** Who said what: quotations introduced by (or followed by) a verb of saying. */
function extractQuotes(articles: readonly Article[], ctx: CompareContext): Quote[] {
  const found: Array<{ speaker: string; text: string; article: Article; grams: Set<string> }> = [];
  for (const a of articles) {
    for (const p of a.paragraphs) {
      for (const m of p.matchAll(QUOTE_AFTER)) found.push({ speaker: m[1]!, text: m[2]!, article: a, grams: gramSet(m[2]!, ctx.aliases) });
      for (const m of p.matchAll(QUOTE_BEFORE)) found.push({ speaker: m[2]!, text: m[1]!, article: a, grams: gramSet(m[1]!, ctx.aliases) });
    }
  }
  const quotes: Array<{ speaker: string; text: string; members: typeof found }> = [];
  for (const f of found) {
    const q = quotes.find((x) => x.members.some((m) => overlap(m.grams, f.grams) >= 0.6));
    if (q) q.members.push(f);
    else quotes.push({ speaker: f.speaker, text: f.text, members: [f] });
  }
  return quotes
    .map((q) => ({
      speaker: ctx.aliases.canonical(normalizeText(q.speaker)) === normalizeText(q.speaker) ? q.speaker : q.speaker,
      text: q.text,
      outlets: [...new Set(q.members.map((m) => m.article.outlet.id))],
      members: q.members.map((m) => ({ article: m.article.id, outlet: m.article.outlet.id, text: m.text })),
    }))
    .sort((a, b) => b.outlets.length - a.outlets.length);
}

const KIND: Record<string, EntityRow['kind']> = { nr: 'person', nrfg: 'person', nrt: 'person', ns: 'place', nsf: 'place', nt: 'organisation' };

function extractEntities(articles: readonly Article[], ctx: CompareContext): EntityRow[] {
  const rows = new Map<string, EntityRow>();
  for (const a of articles) {
    for (const p of [a.title, ...a.paragraphs]) {
      for (const t of ctx.segmenter.tag(p)) {
        const kind = t.tag ? KIND[t.tag] : undefined;
        if (!kind || t.norm.length < 2) continue;
        const key = ctx.aliases.canonical(t.norm);
        let row = rows.get(key);
        if (!row) rows.set(key, (row = { name: key, kind, variants: [], outlets: {} }));
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
      for (const t of ctx.segmenter.cut(p)) {
        if (!/^\p{Script=Han}{2,}$/u.test(t.norm)) continue;
        const w = ctx.aliases.canonical(t.norm);
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

/** How much of each article is wire text, and which wire sentences it left out. */
function wireShare(articles: readonly Article[], ctx: CompareContext): WireRow[] {
  const wires = articles.filter((a) => ctx.wireOutlets.has(a.outlet.id) || (a.wire && a.paragraphs.length > 0 && a.outlet.id === 'unknown'));
  const wireArticles = wires.length ? wires : articles.filter((a) => a.wire);
  const sentencesOf = (a: Article): string[] => a.paragraphs.flatMap((p) => splitSentences(p).map((s) => s.text)).filter((s) => sentenceKey(s).length >= 8);
  const wireSents = wireArticles.flatMap((w) => sentencesOf(w).map((text) => ({ text, grams: gramSet(text, ctx.aliases), from: w })));
  return articles.map((a) => {
    const mine = sentencesOf(a).map((text) => gramSet(text, ctx.aliases));
    if (wireSents.length === 0 || mine.length === 0) return { article: a.id, outlet: a.outlet.id, wire: a.wire?.agency ?? null, share: 0, dropped: [] };
    const fromWire = mine.filter((g) => wireSents.some((w) => w.from.id !== a.id && overlap(g, w.grams) >= 0.7)).length;
    const isWire = wireArticles.some((w) => w.id === a.id);
    const dropped = isWire ? [] : wireSents.filter((w) => !mine.some((g) => overlap(g, w.grams) >= 0.7)).map((w) => w.text);
    return { article: a.id, outlet: a.outlet.id, wire: a.wire?.agency ?? (isWire ? a.outlet.id : null), share: isWire ? 1 : Math.round((fromWire / mine.length) * 1000) / 1000, dropped };
  });
}

export function compareStory(articles: readonly Article[], ctx: CompareContext): Comparison {
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
