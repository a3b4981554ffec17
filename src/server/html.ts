// Safe HTML: every interpolated value is escaped unless it is already Html. Archived
// text is hostile input; nothing from an archive reaches a page unescaped.
export class Html {
  constructor(readonly value: string) {}
  toString(): string { return this.value; }
}

/**
 * Bidirectional embedding, override and isolate controls (U+202A–202E, U+2066–2069) let a
 * title reverse or reorder the text around it on the page; they are dropped. U+200E/U+200F
 * (LRM/RLM) only mark direction and cannot reorder beyond their neighbours: kept.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;
export const neutraliseBidi = (s: string): string => s.replace(BIDI_CONTROLS, '');

export const escape = (s: string): string =>
  neutraliseBidi(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

type Value = string | number | null | undefined | false | Html | Value[];

function render(v: Value): string {
  if (v === null || v === undefined || v === false) return '';
  if (v instanceof Html) return v.value;
  if (Array.isArray(v)) return v.map(render).join('');
  return escape(String(v));
}

export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  let out = strings[0]!;
  values.forEach((v, i) => { out += render(v) + strings[i + 1]!; });
  return new Html(out);
}

/** Markup produced by our own code (snippets whose text was escaped where they were made). */
export const trusted = (s: string): Html => new Html(neutraliseBidi(s));

/** Only http(s) URLs become links or image sources. */
export function safeUrl(u: string | null | undefined): string | null {
  if (!u) return null;
  try {
    const url = new URL(u);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
