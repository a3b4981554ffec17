// The comparison of one event, computed when the event's members change and stored: which
// claims every outlet carried, which only some, which only one, what each left out that
// most others carried (claim-table.ts, coverage.ts), where outlets disagree on a number or
// a date, who was quoted (quotes.ts), which names each used and the words that set each
// outlet apart (outlet-words.ts), when each published in its own time zone (timeline.ts)
// and how much of each outlet's text is wire copy, naming the agency (wire-share.ts).
import type { Article } from '../article.js';
import type { AliasTable } from '../text/aliases.js';
import type { Segmenter } from '../text/segment.js';
import { articleText, type TextSource } from './article-text.js';
import { claimsOf, type Claim, type DiscrepancyRow } from './claim-table.js';
import { summaryOf, type OutletSummary } from './coverage.js';
import { distinctiveWords, extractEntities, type EntityRow } from './outlet-words.js';
import { extractQuotes, type Quote } from './quote-alignment.js';
import { timeline, type TimelineRow } from './timeline.js';
import { wireShare, type WireRow } from './wire-share.js';

export type { Claim, ClaimSentence, Coverage, DiscrepancyRow } from './claim-table.js';
export type { OutletSummary } from './coverage.js';
export type { EntityRow } from './outlet-words.js';
export type { Quote } from './quote-alignment.js';
export { localTime, zoneName } from './timeline.js';
export type { TimelineEntry, TimelineRow } from './timeline.js';
export type { WireRow } from './wire-share.js';

export interface Comparison {
  outlets: string[];
  claims: Claim[];
  discrepancies: DiscrepancyRow[];
  summary: OutletSummary[];
  quotes: Quote[];
  entities: EntityRow[];
  distinctive: Record<string, Array<{ word: string; z: number }>>;
  timeline: TimelineRow[];
  wire: WireRow[];
}

export interface CompareContext { segmenter: Segmenter; aliases: AliasTable; wireOutlets: ReadonlySet<string> }

/** `source`: where the members' cuts are kept between runs (stored-texts.ts), if anywhere */
export function compareEvent(members: readonly Article[], ctx: CompareContext, source?: TextSource): Comparison {
  // publication order: the first telling of a claim comes first
  const articles = [...members].sort((a, b) => (a.published?.at ?? '9').localeCompare(b.published?.at ?? '9') || a.id.localeCompare(b.id));
  const rows = timeline(articles);
  const outlets = rows.map((r) => r.outlet);
  // each article's text cut once, for claims, quotes and names alike (and remembered: article-text.ts)
  const texts = articles.map((a) => articleText(a, ctx, source));
  const units = texts.flatMap((t) => t.units);
  const { claims, discrepancies } = claimsOf(units, outlets);
  return {
    outlets,
    claims,
    discrepancies,
    summary: summaryOf(articles, claims, units, outlets),
    quotes: extractQuotes(articles, ctx, texts.flatMap((t) => t.quotes)),
    entities: extractEntities(articles, texts.map((t) => t.entities)),
    distinctive: distinctiveWords(articles, texts.map((t) => t.words)),
    timeline: rows,
    wire: wireShare(articles, units, ctx),
  };
}
