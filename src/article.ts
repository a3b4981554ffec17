// The one Article type of Parallax. Every reader produces it, every store keeps it,
// every view reads it. It is validated with zod wherever it crosses an edge
// (after extraction, when read back from a store, in the HTTP API).
import { z } from 'zod';

export const Region = z.enum(['HK', 'CN', 'TW', 'SG', 'MO', 'JP', 'GB', 'FR', 'DE', 'US', 'QA', 'INTL']);
export type Region = z.infer<typeof Region>;

export const OutletRef = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  names: z.object({ hans: z.string(), hant: z.string(), en: z.string() }),
  region: Region,
});
export type OutletRef = z.infer<typeof OutletRef>;

export const Precision = z.enum(['day', 'minute', 'second']);
export type Precision = z.infer<typeof Precision>;

export const Instant = z.object({
  /** UTC ISO 8601 */
  at: z.string(),
  precision: Precision,
  /** the calendar day in the outlet's own time zone (what a reader of the outlet saw) */
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** the string as written in the source */
  original: z.string(),
});
export type Instant = z.infer<typeof Instant>;

export const Script = z.enum(['hans', 'hant', 'mixed']);
export type Script = z.infer<typeof Script>;

/** `src` is empty for a caption whose picture the archive did not keep; `credit`: who took it (absent in older archives) */
export const Figure = z.object({ src: z.string(), caption: z.string(), credit: z.string().optional() });
export type Figure = z.infer<typeof Figure>;

export const Media = z.object({ kind: z.enum(['video', 'audio', 'embed']), src: z.string(), caption: z.string() });
export type Media = z.infer<typeof Media>;

/** a link the page lists as related reading (CNA 「延伸閱讀」, related-posts boxes): not article text */
export const RelatedLink = z.object({ url: z.string(), title: z.string() });
export type RelatedLink = z.infer<typeof RelatedLink>;

export const Credits = z.object({
  editor: z.array(z.string()),
  reporters: z.array(z.string()),
  /** other named roles: 出品人, 策划, 监制, 摄影, … → names */
  roles: z.record(z.string(), z.array(z.string())),
});
export type Credits = z.infer<typeof Credits>;

export const Wire = z.object({
  agency: z.string(),
  place: z.string(),
  /** month-day as written in the dateline, zero padded: "12-15" */
  day: z.string(),
  reporters: z.array(z.string()),
  /** the dateline as written */
  text: z.string(),
});
export type Wire = z.infer<typeof Wire>;

export const Flag = z.enum(['mojibake', 'empty', 'placeholder', 'no-date', 'truncated']);
export type Flag = z.infer<typeof Flag>;

export const SourceKind = z.enum(['file', 'tar', 'git', 'feed', 'url']);
export const Source = z.object({
  kind: SourceKind,
  path: z.string().optional(),
  url: z.string().optional(),
  repo: z.string().optional(),
  commit: z.string().optional(),
  format: z.string(),
  encoding: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type Source = z.infer<typeof Source>;

export const Token = z.tuple([z.number().int(), z.number().int()]);

/** An article's id: 16 hex digits (import/parse.ts articleId); an event's and a thread's are e/t + their first article's. */
export const ARTICLE_ID = /^[0-9a-f]{16}$/;
export const EVENT_ID = /^e[0-9a-f]{16}$/;
export const THREAD_ID = /^t[0-9a-f]{16}$/;

export const Article = z.object({
  id: z.string().regex(ARTICLE_ID),
  outlet: OutletRef,
  title: z.string(),
  authors: z.array(z.string()),
  published: Instant.nullable(),
  updated: Instant.nullable(),
  fetched: Instant.nullable(),
  url: z.string().nullable(),
  archiveUrl: z.string().nullable(),
  tags: z.array(z.string()),
  categories: z.array(z.string()),
  script: Script,
  paragraphs: z.array(z.string()),
  figures: z.array(Figure),
  media: z.array(Media),
  /** related-article lists; absent in archives written before it was kept apart */
  related: z.array(RelatedLink).optional(),
  credits: Credits,
  wire: Wire.nullable(),
  flags: z.array(Flag),
  /** a segmentation given by the source itself (seed 004): per paragraph, [start,end) offsets of each token */
  givenTokens: z.array(z.array(Token)).optional(),
  source: Source,
});
export type Article = z.infer<typeof Article>;

/** What a reader returns before the import pipeline fixes id, script and provenance. */
export type ArticleDraft = Omit<Article, 'id' | 'source' | 'script'> & {
  /** an id carried over as it is (Parallax's own Markdown export); else derived from `identity` */
  id?: string;
  /** what makes this article the same article in another file: its canonical URL, else title and day */
  identity: string;
};

export const emptyCredits = (): Credits => ({ editor: [], reporters: [], roles: {} });
