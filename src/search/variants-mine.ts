// Variants the archive teaches: one name transliterated differently by outlets of
// different regions, anchored by the same Latin name in parentheses —
// 朔尔茨（Olaf Scholz） in one outlet, 蕭茲（Olaf Scholz） in another. Mined by
// `parallax variants build` into reviewable data (src/text/data/variants-archive.txt for
// the corpus the project ships with, or a user's own file), each group with its evidence.
import type { Article } from '../article.js';
import { normalizeText } from '../text/normalize.js';
import type { Segmenter } from '../text/segment.js';
import type { VariantGroup } from '../text/variants-opencc.js';

/** a Chinese run, then a Latin name in parentheses */
const ANCHORED = /([\p{Script=Han}·・‧]{2,14})\s*[（(]\s*([A-Za-z][A-Za-z .'’-]{0,48}[A-Za-z.])\s*[)）]/gu;

/** one-character words that stand before a name, never part of it: function words and the last character of titles (执行长, 议员) */
const BEFORE_NAME = new Set([...'与和及同由对向称指的是在将被为等前新副代原另据即令让请跟给把从于到至了过着长员家者官臣总士师']);

/** titles that stand before a name and that jieba's tagger may take for part of it */
const TITLES = new Set(['助卿', '副卿', '顾问', '总统', '总理', '首相', '部长', '外长', '主席', '议员', '大使', '国务卿', '发言人', '秘书', '司长', '局长', '市长', '州长', '教授', '博士', '医生', '法官', '将军', '总裁', '主任', '女士', '先生']);

/**
 * The name at the end of a Chinese run, taken word by word from the end: words the
 * segmenter tags as a person's name, words it does not know and single characters
 * (a transliteration it cuts into characters: 朔 尔 茨) are the name; a common word it
 * knows (德国, 总理, 病毒) or a function character ends it. A run ending in a common word
 * (理事会) names no person: ''.
 */
export function nameAtEnd(run: string, seg: Segmenter): string {
  const tokens = seg.tag(run);
  let start = run.length;
  for (let k = tokens.length - 1; k >= 0; k--) {
    const t = tokens[k]!;
    // jieba's tagger calls some titles names (顾问): a title is never part of the name
    const title = [...TITLES].some((x) => t.norm.endsWith(x));
    const name = (t.tag.startsWith('nr') && !title) || t.norm === '·' || t.norm === '・';
    const common = !name && t.norm.length >= 2 && (title || seg.knows(t.norm));
    if (common || (t.norm.length === 1 && BEFORE_NAME.has(t.norm))) break;
    start = t.start;
  }
  let name = run.slice(start).replace(/^[·・‧]+/, '');
  // a full name (马可·卢比奥): the family name is what outlets write alone; the shortest name is kept
  if (/[·・‧]/.test(name)) name = name.split(/[·・‧]/).pop()!;
  // a title or a common word the segmenter glued to the name (顾问苏利文, 小镇梅菲尔德): it goes
  for (let again = true; again && name.length >= 4; ) {
    again = false;
    for (const len of [3, 2]) {
      const head = name.slice(0, len);
      const tag = seg.tag(head);
      if (name.length - len >= 2 && tag.length === 1 && (TITLES.has(head) || ((tag[0]!.tag === 'n' || !tag[0]!.tag.startsWith('n')) && seg.knows(head)))) { name = name.slice(len); again = true; break; }
    }
  }
  return placeName(name);
}

/** the last character of a place's name (省, 市, 州): what a run of place names is joined by */
const PLACE_SUFFIX = '市镇省州县区郡村';

/**
 * A place written with its kind (梅菲尔德市, 锡江 after 南苏拉威西省): the name alone,
 * as outlets write it bare; a place inside a place (伊利诺州爱德华市) is two names: ''.
 */
export function placeName(name: string): string {
  let n = name;
  if (n.length >= 3 && PLACE_SUFFIX.includes(n[0]!)) n = n.slice(1);
  if (n.length >= 3 && PLACE_SUFFIX.includes(n[n.length - 1]!)) n = n.slice(0, -1);
  for (let i = 2; i < n.length - 2; i++) if ('省州县郡'.includes(n[i]!)) return '';
  return n;
}

/** a person's or a product's name in Latin letters: capitalised words (von, de… allowed), not an acronym */
const LATIN_NAME = /^[A-Z][a-z][A-Za-z'’-]*(?: (?:[A-Z][a-z]*\.?|[A-Z][a-z][A-Za-z'’-]*|von|van|der|de|la|du|bin|al|da|di))*$/;

export interface MineOptions {
  /** times a form must be seen (default 1: the group still needs two outlets) */
  minCount?: number;
  /** a Latin name written before more forms than this, even after its rarest are left out, is too vague to anchor anything (default 4) */
  maxForms?: number;
}

interface Evidence { count: number; outlets: Set<string> }

/**
 * Groups of two or more forms written before the same Latin name, by at least two outlets.
 * `seg` should know the core lexicon only: an archive's own lexicon learns the very names
 * mined here (福奇, 卓慧思) and would take them for common words that end a name.
 */
export function mineTransliterations(articles: Iterable<Article>, seg: Segmenter, opts: MineOptions = {}): VariantGroup[] {
  const minCount = opts.minCount ?? 1;
  const maxForms = opts.maxForms ?? 4;
  const byLatin = new Map<string, { shown: string; forms: Map<string, Evidence> }>();
  for (const a of articles) {
    for (const text of [a.title, ...a.paragraphs]) {
      if (!text.includes('(') && !text.includes('（')) continue;
      for (const m of text.matchAll(ANCHORED)) {
        const latin = m[2]!.replace(/\s+/g, ' ').trim();
        if (!LATIN_NAME.test(latin) || latin.split(' ').length > 4) continue;
        const key = latin.toLowerCase().replace(/[.’']/g, '');
        const form = normalizeText(nameAtEnd(m[1]!, seg));
        if (form.length < 2) continue;
        const entry = byLatin.get(key) ?? { shown: latin, forms: new Map<string, Evidence>() };
        byLatin.set(key, entry);
        const e = entry.forms.get(form) ?? { count: 0, outlets: new Set<string>() };
        e.count++;
        e.outlets.add(a.outlet.id);
        entry.forms.set(form, e);
      }
    }
  }
  const groups: VariantGroup[] = [];
  for (const { shown, forms } of byLatin.values()) {
    // a form that ends or starts with a shorter form seen too (长马斯克 / 马斯克, 彭博社 / 彭博)
    // is that form with a word too many: the shortest name is kept (it matches the longer too)
    for (const [f, e] of [...forms].sort((x, y) => y[0].length - x[0].length)) {
      const shorter = [...forms.keys()].find((g) => g !== f && (f.endsWith(g) || f.startsWith(g)));
      if (shorter) { const s = forms.get(shorter)!; s.count += e.count; for (const o of e.outlets) s.outlets.add(o); forms.delete(f); }
    }
    let kept = [...forms].filter(([, e]) => e.count >= minCount).sort((x, y) => y[1].count - x[1].count);
    // a name written many ways (兰斯伯吉斯, 兰茨贝尔吉斯, 蓝斯柏吉斯 and three spellings seen once): the rarest are slips, raise the bar
    for (let bar = minCount + 1; kept.length > maxForms && bar <= minCount + 2; bar++) kept = kept.filter(([, e]) => e.count >= bar);
    if (kept.length < 2 || kept.length > maxForms) continue;
    const outlets = new Set(kept.flatMap(([, e]) => [...e.outlets]));
    if (outlets.size < 2) continue;
    groups.push({
      forms: kept.map(([f]) => f),
      sources: [`archive «${shown}»: ${kept.map(([f, e]) => `${f} ×${e.count} (${[...e.outlets].sort().slice(0, 4).join(', ')})`).join(', ')}`],
    });
  }
  return groups.sort((x, y) => x.forms[0]!.localeCompare(y.forms[0]!));
}
