// The names each outlet used in an event (people, places, organisations, with their
// variants) and the words that set each outlet's telling apart.
import type { Article } from '../article.js';
import type { UnitContext } from './claims.js';
import { normalizeText } from '../text/normalize.js';
import { STOP } from './features.js';
import { listedNames, listedNameWalk, nameAfterTitleToken } from './speaker-names.js';

export interface EntityRow { name: string; kind: 'person' | 'place' | 'organisation'; variants: string[]; outlets: Record<string, number> }

/** words that are no names and say nothing of an outlet's telling (通讯社 is tagged an organisation) */
const NOT_NAMES = new Set(['通讯社', '表示', '因此', '打着', '指出', '认为', '报道', '记者', '消息', '新闻', '今天', '昨天', '当地时间']);

/** a name as one article uses it: the name's key across variants, its kind, the text as written */
export interface EntityMention { key: string; kind: EntityRow['kind']; text: string }

/** The names one article uses, in text order (title first). */
export function entityMentions(a: Article, ctx: UnitContext): EntityMention[] {
  const out: EntityMention[] = [];
  for (const [i, raw] of [a.title, ...a.paragraphs].entries()) {
    // a wire dateline names the agency and where it filed, not who or what the news is about
    // (it opens the text, or the wire copy a reprint carries after its own lead)
    const p = i >= 1 && a.wire && raw.startsWith(a.wire.text) ? raw.slice(a.wire.text.length) : raw;
    // the names of a list of people, where the tagger cuts them apart (李家/偉, 張/崑陽)
    const tokens = ctx.segmenter.tag(p);
    const inListedName = listedNameWalk(listedNames(p, ctx, tokens));
    for (let k = 0; k < tokens.length; k++) {
      const t = tokens[k]!;
      const name = inListedName(t);
      if (name) {
        if (name.opens) out.push({ key: ctx.aliases.canonical(normalizeText(name.name)), kind: 'person', text: name.name });
        continue;
      }
      // the person a title names (发言人张崑阳, 议员罗冠聪), however the tagger cut or missed the name
      const titled = nameAfterTitleToken(tokens, k, ctx);
      if (titled) {
        out.push({ key: ctx.aliases.canonical(normalizeText(titled.name)), kind: 'person', text: titled.name });
        k += titled.tokens - 1;
        continue;
      }
      // Latin acronyms (AUKUS, NATO) name organisations and pacts
      const kind = /^[A-Z]{3,8}$/.test(t.text) ? 'organisation' : ctx.segmenter.entityKind(t);
      if (!kind || t.norm.length < 2 || NOT_NAMES.has(t.norm)) continue;
      out.push({ key: ctx.aliases.canonical(t.norm), kind, text: t.text });
    }
  }
  return out;
}

/** The names each outlet used: `mentions[i]` are the names of `articles[i]` (entityMentions). */
export function extractEntities(articles: readonly Article[], mentions: ReadonlyArray<readonly EntityMention[]>): EntityRow[] {
  const rows = new Map<string, EntityRow>();
  articles.forEach((a, i) => {
    for (const { key, kind, text } of mentions[i]!) {
      let row = rows.get(key);
      if (!row) rows.set(key, (row = { name: /^[a-z]+$/.test(key) ? text : key, kind, variants: [], outlets: {} }));
      if (!row.variants.includes(text)) row.variants.push(text);
      row.outlets[a.outlet.id] = (row.outlets[a.outlet.id] ?? 0) + 1;
    }
  });
  return [...rows.values()].sort((a, b) => Object.keys(b.outlets).length - Object.keys(a.outlets).length || total(b) - total(a));
}

const total = (r: EntityRow): number => Object.values(r.outlets).reduce((s, n) => s + n, 0);

/** The words of one article that distinctive-word scoring counts, in text order (title first, repeats kept). */
export function outletWords(a: Article, ctx: UnitContext): string[] {
  const out: string[] = [];
  for (const p of [a.title, ...a.paragraphs]) {
    for (const word of ctx.segmenter.words(p, 'normal')) {
      if (!/^\p{Script=Han}{2,}$/u.test(word)) continue;
      const w = ctx.aliases.canonical(word);
      if (!STOP.has(w) && !NOT_NAMES.has(w)) out.push(w);
    }
  }
  return out;
}

/**
 * Words that set each outlet apart from the rest of the story: the log-odds ratio with
 * an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008), as z-scores.
 * `words[i]`: the words of `articles[i]` (outletWords).
 */
export function distinctiveWords(articles: readonly Article[], words: ReadonlyArray<readonly string[]>, top = 10): Record<string, Array<{ word: string; z: number }>> {
  const byOutlet = new Map<string, Map<string, number>>();
  const all = new Map<string, number>();
  articles.forEach((a, i) => {
    const c = byOutlet.get(a.outlet.id) ?? new Map<string, number>();
    byOutlet.set(a.outlet.id, c);
    for (const w of words[i]!) {
      c.set(w, (c.get(w) ?? 0) + 1);
      all.set(w, (all.get(w) ?? 0) + 1);
    }
  });
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
