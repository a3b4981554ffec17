// Canonical URLs: mirrors wrap the original in web.archive.org snapshots and CORS or
// image proxies. The canonical URL is the original; the snapshot is kept as archiveUrl.

const WAYBACK = /^https?:\/\/web\.archive\.org\/web\/(\d{4,14})(?:[a-z]{2}_)?\/(.+)$/i;

/** The original URL inside a web.archive.org snapshot URL, or null when it is not one. */
export function unwrapArchiveUrl(url: string): string | null {
  const m = WAYBACK.exec(url.trim());
  if (!m) return null;
  let inner = m[2]!;
  if (!/^https?:\/\//i.test(inner)) inner = 'http://' + inner.replace(/^\/+/, '');
  return inner;
}

/** The snapshot time of a web.archive.org URL (yyyymmddhhmmss, UTC), when present. */
export function archiveTimestamp(url: string): string | null {
  return WAYBACK.exec(url.trim())?.[1] ?? null;
}

/**
 * The real URL behind a CORS or image proxy: `https://proxy/?http://real` or
 * `https://images.weserv.nl/?url=host/path`.
 */
export function unwrapProxyUrl(url: string): string {
  const u = url.trim();
  const bare = /^https?:\/\/[^/?#]+\/?\?(https?:\/\/.+)$/i.exec(u);
  if (bare) return bare[1]!;
  const param = /^https?:\/\/[^/?#]+\/?\?url=([^&]+)/i.exec(u);
  if (param) {
    let inner = safeDecode(param[1]!);
    if (!/^https?:\/\//i.test(inner)) inner = 'https://' + inner;
    return inner;
  }
  return u;
}

function safeDecode(s: string): string {
  try { return decodeURIComponent(s); } catch { return s; }
}

/** Protocol-relative and proxied image/embed sources made absolute and unwrapped. */
export function cleanMediaUrl(src: string): string {
  let s = src.trim();
  if (s.startsWith('//')) s = 'https:' + s;
  const archived = unwrapArchiveUrl(s);
  if (archived) return s; // figures inside snapshots are only reachable through the archive
  return unwrapProxyUrl(s);
}

export function hostOf(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  // javascript:, urn:, file:, mailto: have no host: they say nothing about the outlet
  try { return new URL(url).hostname || undefined; } catch { return undefined; }
}

/** canonical URL + archive URL from whatever pair of fields a source gives */
export function canonicalPair(candidates: Array<string | undefined | null>): { url: string | null; archiveUrl: string | null } {
  let url: string | null = null;
  let archiveUrl: string | null = null;
  for (const c of candidates) {
    if (!c || typeof c !== 'string' || !/^https?:\/\//i.test(c.trim())) continue;
    const inner = unwrapArchiveUrl(c);
    if (inner) {
      archiveUrl ??= c.trim();
      url ??= inner;
    } else {
      url ??= unwrapProxyUrl(c);
    }
  }
  return { url, archiveUrl };
}
