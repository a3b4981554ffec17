// Comparisons from stored texts: what a comparison cut of each member's text is kept in the
// store (article_texts, one row an article: its cut deflated, the text it was cut from and the
// rules it was cut by), so that a run after an import reads the cuts of members compared
// before instead of cutting their texts again (~9 ms of a core an article) and cuts only the
// others (new articles, and old ones alone in their event until now), which it writes with the
// comparison, in the same transaction. A row cut from another text
// (the article changed) or by other rules (another version: the segmenter's lexicons, the
// alias tables, the code and tables of the cut) is not read, and is replaced when written.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Article } from '../article.js';
import type { Store, StoredText } from '../store/store.js';
import type { AliasTable } from '../text/aliases.js';
import type { Segmenter } from '../text/segment.js';
import { decodeText, encodeText, isRemembered, textKey, type TextCut, type TextSource } from './article-text.js';
import type { UnitContext } from './claims.js';
import { compareEvent, type CompareContext, type Comparison } from './compare.js';

/** bump when the stored form changes (article-text.ts encodeText) */
const FORMAT = 'text-cut-1';

/**
 * The modules the cut runs (beside all of src/text and its data): a change to any of them
 * may cut a text differently. Read once per process, from wherever this module runs (the
 * sources under tsx, the built files under dist).
 */
const CUT_MODULES = ['article-text', 'claims', 'anchors', 'features', 'outlet-words', 'quotes', 'quotations', 'speaker-words', 'speaker-names', 'speaker-patterns'];

let rules: string | undefined;
/** a hash of the code and data the cut depends on, and of the packages that segment and convert (a stored comparison made by other code is made again: analyze.ts) */
export function rulesHash(): string {
  if (rules) return rules;
  const h = createHash('sha1').update(FORMAT);
  const here = fileURLToPath(import.meta.url);
  const ext = here.slice(here.lastIndexOf('.'));
  const stories = fileURLToPath(new URL('.', import.meta.url));
  const text = fileURLToPath(new URL('../text/', import.meta.url));
  const files = [
    ...CUT_MODULES.map((m) => `${stories}${m}${ext}`),
    ...readdirSync(text).filter((f) => f.endsWith(ext) && !f.includes('.test.') && !f.endsWith('.d.ts')).sort().map((f) => text + f),
    ...(existsSync(`${text}data`) ? readdirSync(`${text}data`).sort().map((f) => `${text}data/${f}`) : []),
  ];
  for (const f of files) if (existsSync(f)) h.update(f.slice(f.lastIndexOf('/') + 1)).update('\0').update(readFileSync(f)).update('\0');
  const require = createRequire(import.meta.url);
  for (const pkg of ['@node-rs/jieba', 'opencc-js']) {
    try { h.update(`${pkg}@${(require(`${pkg}/package.json`) as { version: string }).version}`); } catch { h.update(`${pkg}@?`); }
  }
  return (rules = h.digest('hex'));
}

const versions = new WeakMap<Segmenter, WeakMap<AliasTable, { size: number; version: string }>>();

/** The rules a cut is made by: the code and data of the cut, the segmenter's lexicons, the alias tables (computed once per context). */
export function textVersion(ctx: UnitContext): string {
  const bySeg = versions.get(ctx.segmenter) ?? versions.set(ctx.segmenter, new WeakMap()).get(ctx.segmenter)!;
  const known = bySeg.get(ctx.aliases);
  // a group added to the table later folds differently (as article-text.ts's memory sees it)
  if (known?.size === ctx.aliases.size()) return known.version;
  const version = createHash('sha1').update(rulesHash()).update('\0').update(ctx.segmenter.fingerprint).update('\0').update(ctx.aliases.fingerprint()).digest('hex').slice(0, 20);
  bySeg.set(ctx.aliases, { size: ctx.aliases.size(), version });
  return version;
}

/** An article's cut as a row of the store, or undefined when it cannot be stored (a word with a space: it is cut again when next compared). */
export function storedText(a: Article, cut: TextCut, version: string): StoredText | undefined {
  try { return { article: a.id, key: textKey(a), version, data: encodeText(cut) }; } catch { return undefined; }
}

/**
 * The comparison of `members`, each member's cut read from the store where it holds one of
 * this text and version (and not remembered by the process already), else cut now; `texts`
 * are the cuts made now, for saveComparison to write with the comparison.
 */
export async function compareFromStored(store: Store, members: readonly Article[], ctx: CompareContext): Promise<{ comparison: Comparison; texts: StoredText[] }> {
  const version = textVersion(ctx);
  const wanted = members.filter((a) => !isRemembered(a, ctx)).map((a) => a.id);
  const rows = wanted.length ? await store.articleTexts(wanted, version) : new Map<string, StoredText>();
  const texts: StoredText[] = [];
  const source: TextSource = {
    stored: (a: Article): TextCut | undefined => {
      const row = rows.get(a.id);
      if (!row || row.key !== textKey(a)) return undefined;
      // a row that does not decode is cut again (and replaced)
      try { return decodeText(row.data); } catch { return undefined; }
    },
    cut: (a: Article, c: TextCut): void => {
      const row = storedText(a, c, version);
      if (row) texts.push(row);
    },
  };
  return { comparison: compareEvent(members, ctx, source), texts };
}
