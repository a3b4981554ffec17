// Regional variant groups from OpenCC's phrase tables (opencc-js ships them): Taiwan
// phrases (软件→軟體, 打印→列印, 芯片→晶片) and Hong Kong phrases (names, 寬帶→寬頻), in both
// directions. Written by `parallax variants build --opencc` as reviewable data, one group a
// line with its source, into src/text/data/variants-opencc.txt; given an archive, a
// regional form that its Simplified-script articles use too is marked optional.
import HK_PHRASES from 'opencc-js/dict/HKPhrases';
import HK_PHRASES_REV from 'opencc-js/dict/HKPhrasesRev';
import TW_PHRASES from 'opencc-js/dict/TWPhrases';
import TW_PHRASES_REV from 'opencc-js/dict/TWPhrasesRev';
import { normalizeText } from './normalize.js';

export const OPENCC_TABLES: ReadonlyArray<[string, string]> = [
  ['TWPhrases', TW_PHRASES], ['TWPhrasesRev', TW_PHRASES_REV], ['HKPhrases', HK_PHRASES], ['HKPhrasesRev', HK_PHRASES_REV],
];

/** One line of variant data: its forms (a leading ? marks an optional one, = a whole-word one) and where it came from. */
export interface VariantGroup { forms: string[]; sources: string[] }

/**
 * How often forms appear in Simplified-script articles (the archive's nearest stand-in for
 * mainland usage): a Taiwan or Hong Kong form that mainland text uses too has a sense of
 * its own there (影片 is a film, 资料 material, 行程 an itinerary), so it is only offered.
 */
export interface MainlandUsage { docs: number; count: (form: string) => number }

/** used in mainland text: in 5 or more Simplified articles, and in 1 of 500 or more */
export function usedInMainland(form: string, usage: MainlandUsage): boolean {
  const n = usage.count(form);
  return n >= 5 && n >= usage.docs / 500;
}

/** The regional forms of the tables (what usage must be counted for). */
export function regionalForms(tables: ReadonlyArray<[string, string]> = OPENCC_TABLES): Set<string> {
  const out = new Set<string>();
  for (const [name, dict] of tables) {
    for (const entry of dict.split('|')) {
      const parts = entry.trim().split(/\s+/).map(normalizeText);
      if (parts.length < 2) continue;
      for (const f of MAINLAND_FROM.has(name) ? parts.slice(1) : parts.slice(0, 1)) out.add(f);
    }
  }
  return out;
}

/** mainland forms are the left side of TWPhrases/HKPhrases and the right side of the Rev tables */
const MAINLAND_FROM = new Set(['TWPhrases', 'HKPhrases']);

/**
 * One group per table entry (a mainland form and its regional forms, or the reverse),
 * forms that differ only in script dropped, entries with the same forms joined with both
 * sources. OpenCC's tables are maps, not groups: 进程 → 程序 and 程序 → 程式 would make 进程 a
 * 程式 if joined, so entries are never joined through a shared form. A form that is a
 * mainland word in one entry and another region's word in another (程序) means different
 * things by region: it is marked optional (?) where it stands for the other region's word.
 */
export function openccGroups(tables: ReadonlyArray<[string, string]> = OPENCC_TABLES, usage?: MainlandUsage): VariantGroup[] {
  const entries: Array<{ mainland: string[]; regional: string[]; source: string }> = [];
  const mainlandForms = new Set<string>();
  const regionalForms = new Set<string>();
  for (const [name, dict] of tables) {
    for (const entry of dict.split('|')) {
      const parts = entry.trim().split(/\s+/).map(normalizeText);
      if (parts.length < 2) continue;
      const [from, ...tos] = parts as [string, ...string[]];
      const fromMainland = MAINLAND_FROM.has(name);
      const mainland = fromMainland ? [from] : tos;
      const regional = fromMainland ? tos : [from];
      const forms = new Set([...mainland, ...regional]);
      // same word in the other script (大數據 / 大數據), or a form with no Han (B超 → 超音波 keeps B超)
      if (forms.size < 2 || [...forms].some((f) => !/\p{Script=Han}/u.test(f))) continue;
      entries.push({ mainland, regional, source: name });
      for (const f of mainland) mainlandForms.add(f);
      for (const f of regional) regionalForms.add(f);
    }
  }
  const byKey = new Map<string, VariantGroup>();
  for (const e of entries) {
    const marked = new Map<string, boolean>();
    for (const f of e.mainland) marked.set(f, (marked.get(f) ?? false) || regionalForms.has(f));
    for (const f of e.regional) marked.set(f, (marked.get(f) ?? false) || mainlandForms.has(f) || (usage ? usedInMainland(f, usage) : false));
    const key = [...marked.keys()].sort().join(' ');
    const g = byKey.get(key);
    const forms = [...marked].map(([f, cross]) => (cross ? `?${f}` : f));
    if (!g) byKey.set(key, { forms, sources: [e.source] });
    else if (!g.sources.includes(e.source)) g.sources.push(e.source);
  }
  return [...byKey.values()];
}

export function formatGroups(groups: readonly VariantGroup[], header: string): string {
  const lines = groups.map((g) => `${g.forms.join(' ')}  # source: ${g.sources.join(', ')}`);
  return `${header.split('\n').map((l) => `# ${l}`).join('\n')}\n${lines.sort().join('\n')}\n`;
}
