// Markdown bodies of mirror archives, turned into HTML so that one extractor
// (extract/html.ts) serves every format. Only what news archives use is handled:
// headings, paragraphs, images, links, emphasis, block quotes, lists, raw HTML blocks.

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escapeHtml = (s: string): string => s.replace(/[&<>]/g, (c) => ESCAPES[c]!);
const escapeAttr = (s: string): string => s.replace(/[&<>"]/g, (c) => ESCAPES[c]!);

/** Inline Markdown of one line; most lines of news are plain text, and each rule is tried only where its marker occurs. */
function inline(s: string): string {
  let out = escapeHtml(s);
  if (out.includes('](')) {
    out = out.replace(/!\[([^\]]*)\]\(\s*([^)\s]+)(?:\s+"[^"]*")?\s*\)/g, (_m, alt: string, src: string) => `<img src="${escapeAttr(src)}" alt="${escapeAttr(alt)}">`);
    out = out.replace(/\[([^\]]*)\]\(\s*([^)\s]+)(?:\s+"[^"]*")?\s*\)/g, (_m, text: string, href: string) => `<a href="${escapeAttr(href)}">${text}</a>`);
  }
  if (out.includes('*') || out.includes('__')) out = out.replace(/(\*\*|__)(.+?)\1/g, '$2').replace(/(^|[^*])\*([^*\n]+)\*/g, '$1$2');
  return out;
}

/** Does a block of Markdown hold raw HTML (kept as is) rather than text? */
const HTML_BLOCK = /^\s*<(\/?[a-zA-Z][\w-]*|!--)/;

/**
 * Convert a Markdown body to HTML. With `endAtRule`, the body ends at the first
 * horizontal rule (`---`): hkcnews puts its subscription appeal and author box after it.
 */
export function markdownToHtml(md: string, endAtRule = false): string {
  const lines = md.replace(/\r\n?/g, '\n').split('\n');
  const html: string[] = [];
  let para: string[] = [];
  const flushPara = (): void => {
    if (para.length) html.push(`<p>${para.map(inline).join('<br>')}</p>`);
    para = [];
  };
  let inHtml = false;
  for (const line of lines) {
    const t = line.trim();
    if (inHtml) {
      html.push(line);
      if (!t) inHtml = false;
      continue;
    }
    if (!t) { flushPara(); continue; }
    if (/^(-{3,}|\*{3,}|_{3,})$/.test(t)) {
      flushPara();
      if (endAtRule) break;
      html.push('<hr>');
      continue;
    }
    if (HTML_BLOCK.test(t) && para.length === 0) { html.push(line); inHtml = true; continue; }
    const h = /^(#{1,6})\s+(.*?)\s*#*$/.exec(t);
    if (h) { flushPara(); html.push(`<h${h[1]!.length}>${inline(h[2]!)}</h${h[1]!.length}>`); continue; }
    const li = /^([-*+]|\d+[.)])\s+(.*)$/.exec(t);
    if (li) { flushPara(); html.push(`<li>${inline(li[2]!)}</li>`); continue; }
    const q = /^>\s?(.*)$/.exec(t);
    if (q) { flushPara(); html.push(`<blockquote>${inline(q[1]!)}</blockquote>`); continue; }
    para.push(t);
  }
  flushPara();
  return html.join('\n');
}
