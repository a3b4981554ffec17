// A fictional article for the tests of claims and quotes: the paragraphs given, no metadata.
import type { Article } from '../article.js';

export const fictionalArticle = (id: string, outlet: string, paragraphs: string[]): Article => ({
  id, outlet: { id: outlet, name: outlet, names: { hans: outlet, hant: outlet, en: outlet }, region: 'CN' }, title: id, authors: [],
  published: null, updated: null, fetched: null, url: null, archiveUrl: null, tags: [], categories: [], script: 'hans', paragraphs,
  figures: [], media: [], credits: { editor: [], reporters: [], roles: {} }, wire: null, flags: [],
  source: { kind: 'file', format: 'text', encoding: 'utf-8', sha256: '0'.repeat(64) },
});
