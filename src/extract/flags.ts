// Quality flags: mojibake, archived placeholders (Wayback "Temporarily Offline",
// farewell pages), empty bodies. Flagged articles are kept but kept out of the news.

/** Titles or bodies of pages that are not articles but archived placeholders. */
const PLACEHOLDERS: readonly RegExp[] = [
  /^Temporarily Offline$/i,
  /^眾新聞告別\s*感謝讀者$/,
  /^(404|Page|頁面|页面)\s*(Not Found|不存在|未找到)/i,
  /^Wayback Machine$/i,
  /^(Just a moment|Attention Required)/i,
  /^(Access Denied|Forbidden)$/i,
];

export function isPlaceholderTitle(title: string): boolean {
  const t = title.trim();
  return PLACEHOLDERS.some((r) => r.test(t));
}

// Mis-decoded CJK shows up as half-width katakana, ￥ and stray symbols inside Han text
// (`內?￥ﾍﾻ是`), or as runs of U+FFFD.
// (U+FF61–FF65 are half-width punctuation that Japanese and Chinese text use on purpose)
const MOJIBAKE_CHARS = /[\uff66-\uff9f\uffe5\ufffd]/g;
const LATIN1_MOJIBAKE = /[ÃÂâ][\u0080-\u00bf]/g;

export function looksMojibake(text: string): boolean {
  const hits = (text.match(MOJIBAKE_CHARS)?.length ?? 0) + (text.match(LATIN1_MOJIBAKE)?.length ?? 0);
  return hits >= 3 && hits / Math.max(1, text.length) > 0.005;
}
