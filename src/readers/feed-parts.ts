// Which feed format a document is, and a large RSS or Atom file cut into parts of whole
// items, each a small feed of its own (the file's head, some items, its tail): a feed of
// 100,000 items is read part by part, in bounded memory, instead of as one tree. Cut on the
// bytes, before decoding: `<`, `/` and the tag names are never part of a multibyte
// character in UTF-8, GBK or Big5 (UTF-16 files are not cut). Kept apart from feed.ts so
// the writing thread can cut without loading the readers.

export type FeedFormat = 'rss' | 'atom' | 'json-feed';

export function detectFeed(head: string): FeedFormat | null {
  const h = head.replace(/^\ufeff/, '').trimStart();
  if (h.startsWith('{') && /"version"\s*:\s*"https?:\/\/jsonfeed\.org/.test(head)) return 'json-feed';
  if (!h.startsWith('<')) return null;
  if (/<rss[\s>]/i.test(head) || /<rdf:RDF[\s>]/i.test(head)) return 'rss';
  if (/<feed[\s>][^>]*xmlns=["']http:\/\/www\.w3\.org\/2005\/Atom/i.test(head) || /^(<\?xml[^>]*>\s*)?<feed[\s>]/i.test(h)) return 'atom';
  return null;
}

/** items in one part: a part's articles are a few MB however large the feed */
export const ITEMS_PER_PART = 250;

/**
 * The parts of a feed file of more than `perPart` items, in order; null for anything else
 * (a small feed, a JSON Feed, UTF-16, not a feed), which is read whole. CDATA sections and
 * comments are stepped over, so an `</item>` inside an item's text does not cut it.
 */
export function feedParts(bytes: Uint8Array, perPart = ITEMS_PER_PART): { count: number; part(i: number): Uint8Array } | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) return null;
  if (buf.length < perPart * 64) return null; // too small to hold more than perPart items
  const bom = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  const format = detectFeed(buf.subarray(bom, bom + 4096).toString('latin1'));
  if (format !== 'rss' && format !== 'atom') return null;
  const tag = format === 'rss' ? 'item' : 'entry';
  // the first item: `<item` then a space or `>` (not `<items>`, RSS 1.0's table of contents)
  const opening = Buffer.from(`<${tag}`);
  let start = buf.indexOf(opening, bom);
  while (start >= 0 && !/[\s>]/.test(String.fromCharCode(buf[start + opening.length] ?? 0))) start = buf.indexOf(opening, start + 1);
  if (start < 0) return null;
  const close = Buffer.from(`</${tag}>`);
  const CDATA = Buffer.from('<![CDATA[');
  const COMMENT = Buffer.from('<!--');
  // the end of every perPart-th item
  const cuts: number[] = [];
  let count = 0;
  let at = start;
  let lastEnd = -1;
  let nextCdata = buf.indexOf(CDATA, at);
  let nextComment = buf.indexOf(COMMENT, at);
  for (;;) {
    const end = buf.indexOf(close, at);
    if (end < 0) break;
    if (nextCdata >= 0 && nextCdata < at) nextCdata = buf.indexOf(CDATA, at);
    if (nextComment >= 0 && nextComment < at) nextComment = buf.indexOf(COMMENT, at);
    const skip = [nextCdata, nextComment].filter((i) => i >= 0 && i < end).sort((a, b) => a - b)[0];
    if (skip !== undefined) {
      const stop = buf.indexOf(skip === nextCdata ? ']]>' : '-->', skip + 4);
      if (stop < 0) return null; // never closed: the reader says what is wrong with it
      at = stop + 3;
      continue;
    }
    at = end + close.length;
    lastEnd = at;
    if (++count % perPart === 0) cuts.push(at);
  }
  if (count <= perPart) return null;
  const head = buf.subarray(0, start);
  const tail = buf.subarray(lastEnd);
  const bounds = [start, ...cuts.filter((c) => c < lastEnd), lastEnd];
  // made when asked for: only the parts being parsed are copies
  return { count: bounds.length - 1, part: (i) => Buffer.concat([head, buf.subarray(bounds[i]!, bounds[i + 1]!), tail]) };
}
