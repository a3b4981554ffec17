// Markdown bodies of mirror archives, turned into blocks of HTML or plain text so that one
// extractor (extract/html.ts) serves every format. Only what news archives use is handled:
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

/** A Hugo media shortcode on a line of its own: {{< video src="…" >}} (hkcnews), {{< youtube ID >}} */
const SHORTCODE = /^\{\{[<%]\s*(video|audio|youtube|vimeo)\s+(?:src=)?["']?([^"'\s]+?)["']?(?:\s[^}]*)?\s*[>%]\}\}$/;
const SHORTCODE_URL: Record<string, (id: string) => string> = {
  youtube: (id) => `https://www.youtube.com/embed/${id}`,
  vimeo: (id) => `https://player.vimeo.com/video/${id}`,
};

/** A media shortcode as the HTML element the extractor turns into media, or null. */
function shortcodePart(line: string): BodyPart | null {
  const m = SHORTCODE.exec(line);
  if (!m) return null;
  const kind = m[1]!;
  const src = /^[a-z]+:\/\//i.test(m[2]!) ? m[2]! : SHORTCODE_URL[kind]?.(m[2]!) ?? m[2]!;
  const tag = kind === 'audio' ? 'audio' : 'video';
  return { html: `<${tag} src="${escapeAttr(src)}"></${tag}>` };
}

/** Does a block of Markdown hold raw HTML (kept as is) rather than text? */
const HTML_BLOCK = /^\s*<(\/?[a-zA-Z][\w-]*|!--)/;

/**
 * One block of a Markdown body as the HTML extractor takes it: markup for the HTML parser
 * (raw HTML lines, and blocks whose inline Markdown made links, images or line breaks), or
 * a block of plain text — most of a news body — which needs no tokenizing: its element and
 * its text (the text the parser would give for that block's HTML).
 */
export type BodyPart = { html: string } | { tag: string; text: string };

const UNESCAPE: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>' };

/** One block: plain text when its inline Markdown made no markup, else its HTML. */
function block(tag: string, html: string): BodyPart {
  // escapeHtml turned every &, < and > of the text into an entity, so markup-free HTML
  // holds no other entity and no tag, and decoding these three gives the parser's text
  return html.includes('<') ? { html: `<${tag}>${html}</${tag}>` } : { tag, text: html.replace(/&(amp|lt|gt);/g, (e) => UNESCAPE[e]!) };
}

/** The HTML of a part, as the parser reads it. */
export function partHtml(part: BodyPart): string {
  return 'html' in part ? part.html : `<${part.tag}>${escapeHtml(part.text)}</${part.tag}>`;
}

/**
 * Split a Markdown body into blocks for the HTML extractor (see BodyPart); the blocks are
 * read as if joined by line breaks. With `endAtRule`, the body ends at the first horizontal
 * rule (`---`): hkcnews puts its subscription appeal and author box after it.
 */
export function markdownParts(md: string, endAtRule = false): BodyPart[] {
  const lines = md.replace(/\r\n?/g, '\n').split('\n');
  const parts: BodyPart[] = [];
  let para: string[] = [];
  const flushPara = (): void => {
    if (para.length) parts.push(block('p', para.map(inline).join('<br>')));
    para = [];
  };
  let inHtml = false;
  for (const line of lines) {
    const t = line.trim();
    if (inHtml) {
      parts.push({ html: line });
      if (!t) inHtml = false;
      continue;
    }
    if (!t) { flushPara(); continue; }
    if (/^(-{3,}|\*{3,}|_{3,})$/.test(t)) {
      flushPara();
      if (endAtRule) break;
      parts.push({ html: '<hr>' });
      continue;
    }
    if (t.startsWith('{{')) {
      const sc = shortcodePart(t);
      if (sc) { flushPara(); parts.push(sc); continue; }
    }
    if (HTML_BLOCK.test(t) && para.length === 0) { parts.push({ html: line }); inHtml = true; continue; }
    const h = /^(#{1,6})\s+(.*?)\s*#*$/.exec(t);
    if (h) { flushPara(); parts.push(block(`h${h[1]!.length}`, inline(h[2]!))); continue; }
    const li = /^([-*+]|\d+[.)])\s+(.*)$/.exec(t);
    if (li) { flushPara(); parts.push(block('li', inline(li[2]!))); continue; }
    const q = /^>\s?(.*)$/.exec(t);
    if (q) { flushPara(); parts.push(block('blockquote', inline(q[1]!))); continue; }
    para.push(t);
  }
  flushPara();
  return parts;
}
