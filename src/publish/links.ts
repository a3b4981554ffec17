// The served site's links (/event/ID?lang=hant&show=shared) → the static site's files
// (hant/event/ID.shared.html), relative to the page that links, so that the folder works
// from any file server and any sub-path. A link to a page the site does not hold (a
// filtered view, the raw bytes) becomes plain text: the static site has no dead links.
import { posix } from 'node:path';
import type { Lang } from '../server/i18n.js';

export const LANGS: readonly Lang[] = ['hans', 'hant', 'en'];

/** staticPath of the links pages share (the navigation, the language switch), remembered */
const known = new Map<string, string | null>();
const KNOWN_MAX = 20_000;

function staticPathOf(href: string, lang: Lang): string | null {
  const key = `${lang} ${href}`;
  let path = known.get(key);
  if (path === undefined) {
    path = staticPath(href, lang);
    if (known.size >= KNOWN_MAX) known.clear();
    known.set(key, path);
  }
  return path;
}

/** `target` relative to the folder `dir`, both paths inside the site (no `.` or `..` parts): path.posix.relative, without its resolving */
export function relativeTo(dir: string, target: string): string {
  const from = dir === '.' || dir === '' ? [] : dir.split('/');
  const to = target.split('/');
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return '../'.repeat(from.length - common) + to.slice(common).join('/');
}

/** The file of a served page, or null when the static site has no such page. */
export function staticPath(href: string, lang: Lang): string | null {
  if (!href.startsWith('/')) return null;
  const url = new URL(href, 'http://site.invalid');
  const p = url.searchParams;
  const l = (p.get('lang') as Lang | null) ?? lang;
  if (!LANGS.includes(l)) return null;
  const offset = Number(p.get('offset') ?? 0);
  const parts = url.pathname.split('/').filter(Boolean);
  const [kind, id] = parts;
  if (url.pathname === '/static/app.css') return 'static/app.css';
  if (url.pathname === '/') return p.get('q') ? null : `${l}/index.html`;
  if (parts.length === 1 && (kind === 'events' || kind === 'threads')) return `${l}/${kind}/${offset > 0 ? `from-${offset}` : 'index'}.html`;
  if (parts.length === 1 && kind === 'outlets') return `${l}/outlets.html`;
  if (parts.length !== 2 || !id || !/^[\w.-]+$/.test(id)) return null;
  if (kind === 'outlet' || kind === 'thread') return `${l}/${kind}/${id}.html`;
  if (kind === 'event') {
    if (p.get('outlet')) return null;
    const show = p.get('show') ?? 'all';
    const page = Number(p.get('page') ?? 0);
    return `${l}/event/${id}${show === 'all' ? '' : `.${show}`}${page > 0 ? `.p${page}` : ''}.html`;
  }
  if (kind === 'article') {
    const script = p.get('script') ?? 'orig';
    return `${l}/article/${id}${script === 'orig' ? '' : `.${script}`}.html`;
  }
  return null;
}

const unescapeAttr = (s: string): string => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/**
 * Rewrite a served page for the static site at `self` (its path in the site): internal
 * links made relative to the file `resolve` names or, when it names none (the site lacks
 * the page), turned into text; images from
 * other hosts turned into links (a page of the mirror requests nothing from elsewhere).
 */
export function rewritePage(page: string, self: string, lang: Lang, resolve: (path: string) => string | null, head = ''): string {
  const dir = posix.dirname(self);
  const rel = (target: string): string => relativeTo(dir, target);
  return page
    .replace('</title>', `</title>${head}`)
    // an <a> whose internal target the site lacks keeps its text, loses its link
    .replace(/<a ([^>]*?)href="(\/[^"]*)"([^>]*)>([\s\S]*?)<\/a>/g, (_all, before: string, href: string, after: string, inner: string) => {
      const path = staticPathOf(unescapeAttr(href), lang);
      const target = path ? resolve(path) : null;
      if (!target) return `<span ${before}${after}>${inner}</span>`.replace(/ rel="[^"]*"/g, '');
      return `<a ${before}href="${rel(target)}"${after}>${inner}</a>`;
    })
    .replace(/<link rel="stylesheet" href="\/static\/app\.css">/, `<link rel="stylesheet" href="${rel('static/app.css')}">`)
    .replace(/<img [^>]*?src="(https?:[^"]*)"[^>]*>/g, (_all, src: string) => `<a class="image" href="${src}" rel="noopener noreferrer nofollow">${src.length > 80 ? `${src.slice(0, 77)}…` : src}</a>`);
}
