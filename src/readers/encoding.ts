// Bytes → text. UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK and
// Big5/Big5-HKSCS, detected from the bytes and from in-file declarations.
import iconv from 'iconv-lite';

export interface Decoded {
  text: string;
  /** utf-8, utf-8-bom, utf-16le, utf-16be, gb18030, big5-hkscs, or utf-8-lossy when bytes were invalid */
  encoding: string;
}

export class BinaryContentError extends Error {}

// Frequent characters in news text, both scripts; a wrong legacy decoding scores low.
const COMMON = new Set(
  Array.from(
    '的一是不了在人有我他这個个们們中来來上大为為和国國地到以说說时時要就出会會可也你对對生能而子那得于於着著下自之年过過发發后後作里裡用道行所然家种種事成方多经經么麼去法学學如都同现現当當没沒动動面起看定天分还還进進好小部其些主样樣理心她本前开開但因只从從想实實日军軍者意无無力它与與长長把机機十民第公此已工使情明性知全三又关關点點正业業外将將两兩高间間由问問很最重并並物手应應战戰向头頭文体體政美相见見被利什二等产產或新己制制身果加西斯月话話合回特代内內信表化老给給度府总總海报報記记者港台灣湾北京市區区警察府政院議议員员習习近平普京俄羅罗斯統统總总會会晤視视頻频',
  ),
);

function score(text: string): number {
  let good = 0;
  let bad = 0;
  for (const ch of text) {
    if (ch === '\ufffd') bad += 4;
    else if (COMMON.has(ch)) good++;
    else if (ch >= '\ue000' && ch <= '\uf8ff') bad += 2; // private use: a wrong legacy mapping
  }
  return good - bad;
}

function declaredCharset(head: string): string | null {
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head) ?? /<\?xml[^>]+encoding\s*=\s*["']([\w-]+)/i.exec(head) ?? /^\s*charset\s*:\s*([\w-]+)/im.exec(head);
  return m ? m[1]!.toLowerCase() : null;
}

function legacyName(charset: string): string | null {
  if (/^(gb2312|gbk|gb18030|x-gbk|cp936|euc-cn|hz-gb-2312)$/.test(charset)) return 'gb18030';
  if (/^(big5|big5-hkscs|x-big5|cp950)$/.test(charset)) return 'big5-hkscs';
  return null;
}

/** NUL bytes early in a file mean it is not text (images, archives, executables). */
export function looksBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 8192).indexOf(0) >= 0;
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true });
const utf8Lossy = new TextDecoder('utf-8');

/** `headerCharset`: the charset an HTTP Content-Type named; it outranks a <meta> in the bytes, a BOM outranks both. */
export function decodeBytes(bytes: Uint8Array, headerCharset?: string): Decoded {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: utf8Lossy.decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  if (looksBinary(bytes)) throw new BinaryContentError('binary content (NUL bytes), not a text file');
  try {
    return { text: utf8Strict.decode(bytes), encoding: 'utf-8' };
  } catch {
    // not valid UTF-8: a legacy Chinese encoding, or UTF-8 with damage
  }
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const head = buf.subarray(0, 2048).toString('latin1');
  const declared = (headerCharset && legacyName(headerCharset.toLowerCase()) ? headerCharset.toLowerCase() : null) ?? declaredCharset(head);
  const legacy = declared ? legacyName(declared) : null;
  if (legacy) return { text: iconv.decode(buf, legacy), encoding: legacy };
  const candidates: Decoded[] = [
    { text: utf8Lossy.decode(bytes), encoding: 'utf-8-lossy' },
    { text: iconv.decode(buf, 'gb18030'), encoding: 'gb18030' },
    { text: iconv.decode(buf, 'big5-hkscs'), encoding: 'big5-hkscs' },
  ];
  let best = candidates[0]!;
  let bestScore = -Infinity;
  for (const c of candidates) {
    const s = score(c.text.slice(0, 20000));
    if (s > bestScore) { best = c; bestScore = s; }
  }
  return best;
}

/**
 * Stored original bytes as text, decoded with the encoding `decodeBytes` recorded at import
 * (so a GBK or Big5 original reads as it did then); an unknown name is decoded anew.
 */
export function rawText(bytes: Uint8Array, recorded: string): string {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (recorded) {
    case 'utf-8': case 'utf-8-lossy': return utf8Lossy.decode(bytes);
    case 'utf-8-bom': return utf8Lossy.decode(bytes.subarray(3));
    case 'utf-16le': case 'utf-16be': return new TextDecoder(recorded).decode(bytes.subarray(2));
    default: {
      const legacy = legacyName(recorded.toLowerCase());
      if (legacy) return iconv.decode(buf, legacy);
      try { return decodeBytes(bytes).text; } catch { return utf8Lossy.decode(bytes); }
    }
  }
}
