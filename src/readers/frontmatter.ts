// YAML front matter as static-site generators and RSS mirrors write it. Hexo mirrors
// put a blank line before the opening `---`; Jekyll mirrors end it with `---` too.
import * as yaml from 'js-yaml';

export interface FrontMatter {
  data: Record<string, unknown>;
  body: string;
  /** blank lines came before the opening fence (the Hexo RSS-mirror habit) */
  leadingBlank: boolean;
}

export class FrontMatterError extends Error {}

const OPEN = /^(\s*\n)?---[ \t]*\r?\n/;

/** Split a document into its front matter and body; null when it has none. */
export function splitFrontMatter(text: string): FrontMatter | null {
  const open = OPEN.exec(text);
  if (!open) return null;
  const start = open[0].length;
  const close = /\r?\n(---|\.\.\.)[ \t]*(\r?\n|$)/g;
  close.lastIndex = start - 1;
  const m = close.exec(text);
  if (!m) throw new FrontMatterError('front matter opened with --- but never closed');
  // C0 control characters (a stray backspace in a title) are invalid YAML but harmless text;
  // they go from the derived fields only, the raw bytes keep them
  const yamlText = text.slice(start, m.index).replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g, '');
  let data: unknown;
  try {
    // the core schema keeps dates as the strings they were written as; json: a repeated key wins, as in Jekyll
    data = yaml.load(yamlText, { schema: yaml.CORE_SCHEMA, json: true });
  } catch (e) {
    const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new FrontMatterError(`malformed YAML front matter: ${msg}`);
  }
  if (data === null || data === undefined) data = {};
  if (typeof data !== 'object' || Array.isArray(data)) throw new FrontMatterError('front matter is not a key: value mapping');
  return { data: data as Record<string, unknown>, body: text.slice(m.index + m[0].length), leadingBlank: Boolean(open[1]) };
}

/** A front matter value as a trimmed string ('' when absent or not scalar). */
export function str(v: unknown): string {
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString();
  return '';
}

/** A front matter value as a list of strings (flow list, block list, or one scalar). */
export function list(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(str).filter(Boolean);
  const s = str(v);
  return s ? [s] : [];
}
