// Parallax's own Markdown export read back: the `parallax:` block of the front matter
// carries every field of the article as it was (id included), so that exporting and
// importing again gives the same article. Nothing is re-derived from the text.
import { z } from 'zod';
import { Article, type ArticleDraft } from '../article.js';
import type { FrontMatter } from './frontmatter.js';

/** the front-matter key of an exported article, and its layout version */
export const EXPORT_KEY = 'parallax';
export const EXPORT_VERSION = 1;

/** What the block holds: the Article without its provenance (the file read is the new source) or script (derived). */
export const ExportedFields = Article.omit({ source: true, script: true }).extend({
  version: z.literal(EXPORT_VERSION),
  /** present only when the body cannot carry the paragraphs exactly */
  paragraphs: z.array(z.string()).optional(),
});
export type ExportedFields = z.infer<typeof ExportedFields>;

export function isParallaxExport(fm: FrontMatter): boolean {
  const block = fm.data[EXPORT_KEY];
  return typeof block === 'object' && block !== null && 'version' in block && 'id' in block;
}

/** Paragraphs as the body of an exported file carries them: separated by one blank line. */
export const bodyOfParagraphs = (paragraphs: readonly string[]): string => paragraphs.join('\n\n') + '\n';

export function paragraphsOfBody(body: string): string[] {
  const text = body.replace(/\r\n/g, '\n').replace(/\n$/, '');
  return text === '' ? [] : text.split('\n\n');
}

export class ExportedFieldsError extends Error {}

export function readExported(fm: FrontMatter): ArticleDraft {
  const parsed = ExportedFields.safeParse(fm.data[EXPORT_KEY]);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ExportedFieldsError(`parallax export block: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const { version: _v, paragraphs, ...fields } = parsed.data;
  return { ...fields, paragraphs: paragraphs ?? paragraphsOfBody(fm.body), identity: `id:${fields.id}` };
}
