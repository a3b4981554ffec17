// The names each outlet used in an event (people, places, organisations, with their
// variants) and the words that set each outlet's telling apart.
import type { Article } from '../article.js';
import type { UnitContext } from './claims.js';
import { STOP } from './features.js';

export interface EntityRow { name: string; kind: 'person' | 'place' | 'organisation'; variants: string[]; outlets: Record<string, number> }

/** words that are no names and say nothing of an outlet's telling (通讯社 is tagged an organisation) */
const NOT_NAMES = new Set(['通讯社', '表示', '因此', '打着', '指出', '认为', '报道', '记者', '消息', '新闻', '今天', '昨天', '当地时间']);

export function extractEntities(articles: readonly Article[], ctx: UnitContext): EntityRow[] {
  const rows = new Map<string, EntityRow>();
  for (const a of articles) {
    for (const p of [a.title, ...a.paragraphs]) {
      for (const t of ctx.segmenter.tag(p)) {
        // Latin acronyms (AUKUS, NATO) name organisations and pacts
        const kind = /^[A-Z]{3,8}$/.test(t.text) ? 'organisation' : ctx.segmenter.entityKind(t);
        if (!kind || t.norm.length < 2 || NOT_NAMES.has(t.norm)) continue;
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
export function distinctiveWords(articles: readonly Article[], ctx: UnitContext, top = 10): Record<string, Array<{ word: string; z: number }>> {
  const byOutlet = new Map<string, Map<string, number>>();
  const all = new Map<string, number>();
  for (const a of articles) {
    const c = byOutlet.get(a.outlet.id) ?? new Map<string, number>();
    byOutlet.set(a.outlet.id, c);
    for (const p of [a.title, ...a.paragraphs]) {
      for (const word of ctx.segmenter.words(p, 'normal')) {
        if (!/^\p{Script=Han}{2,}$/u.test(word)) continue;
        const w = ctx.aliases.canonical(word);
        if (STOP.has(w) || NOT_NAMES.has(w)) continue;
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
