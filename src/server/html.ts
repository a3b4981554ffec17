// Safe HTML: every interpolated value is escaped unless it is already Html. Archived
// text is hostile input; nothing from an archive reaches a page unescaped.
export class Html {
  constructor(readonly value: string) {}
  toString(): string { return this.value; }
}

export const escape = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

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
export const trusted = (s: string): Html => new Html(s);

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
