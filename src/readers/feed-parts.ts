// Which feed format a document is, and a large RSS, Atom or JSON Feed file cut into parts
// of whole items, each a small feed of its own (the file's head, some items, its tail): a
// feed of 100,000 items is read part by part, in bounded memory, instead of as one tree.
// Cut on the bytes, before decoding: `<`, `/` and the tag names are never part of a
// multibyte character in UTF-8, GBK or Big5 (UTF-16 files are not cut); a JSON Feed is cut
// only when it is valid UTF-8 (a GBK trail byte can be a `\` or `"`). Kept apart from
// feed.ts so the writing thread can cut without loading the readers.
import { isUtf8 } from 'node:buffer';

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
 * (a small feed, UTF-16, not a feed), which is read whole. CDATA sections and comments are
 * stepped over, so an `</item>` inside an item's text does not cut it; in a JSON Feed,
 * strings are, so a `]` or `,` inside one does not.
 */
export function feedParts(bytes: Uint8Array, perPart = ITEMS_PER_PART): { count: number; part(i: number): Uint8Array } | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) return null;
  if (buf.length < perPart * 64) return null; // too small to hold more than perPart items
  const bom = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  const format = detectFeed(buf.subarray(bom, bom + 4096).toString('latin1'));
  if (format === 'json-feed') return jsonFeedParts(buf, bom, perPart);
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

const QUOTE = 0x22, BACKSLASH = 0x5c, COLON = 0x3a, COMMA = 0x2c;
const OPEN = new Set([0x7b, 0x5b]); // { [
const CLOSE = new Set([0x7d, 0x5d]); // } ]
const isSpace = (b: number | undefined): boolean => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

/** the index just past the string whose opening quote is at `at` (-1: never closed) */
function stringEnd(buf: Buffer, at: number): number {
  for (let i = at + 1; i < buf.length; i++) {
    const b = buf[i];
    if (b === BACKSLASH) i++;
    else if (b === QUOTE) return i + 1;
  }
  return -1;
}

/**
 * A JSON Feed's parts: the top-level `items` array found by walking the object's keys, the
 * commas between its elements found by depth (strings stepped over). Each part is the head
 * up to `[`, whole elements, and the tail from `]`. Anything unexpected (not UTF-8, no items
 * array, unbalanced): null, and the reader reads the file whole and says what is wrong.
 */
function jsonFeedParts(buf: Buffer, from: number, perPart: number): { count: number; part(i: number): Uint8Array } | null {
  if (!isUtf8(buf)) return null;
  let i = from;
  while (isSpace(buf[i])) i++;
  if (buf[i] !== 0x7b) return null;
  // the top-level keys: find "items": [
  let open = -1;
  let depth = 0;
  for (; i < buf.length; i++) {
    const b = buf[i]!;
    if (b === QUOTE) {
      const end = stringEnd(buf, i);
      if (end < 0) return null;
      if (depth === 1) {
        let j = end;
        while (isSpace(buf[j])) j++;
        if (buf[j] === COLON && end - i === 7 && buf.toString('latin1', i + 1, end - 1) === 'items') {
          j++;
          while (isSpace(buf[j])) j++;
          if (buf[j] !== 0x5b) return null;
          open = j;
          break;
        }
      }
      i = end - 1;
    } else if (OPEN.has(b)) depth++;
    else if (CLOSE.has(b)) depth--;
  }
  if (open < 0) return null;
  // the elements: a comma at the array's own depth ends one
  const cuts: number[] = [];
  let count = 0;
  let close = -1;
  let inElement = false;
  depth = 0;
  for (i = open + 1; i < buf.length; i++) {
    const b = buf[i]!;
    if (b === QUOTE) {
      const end = stringEnd(buf, i);
      if (end < 0) return null;
      inElement = true;
      i = end - 1;
    } else if (OPEN.has(b)) { depth++; inElement = true; }
    else if (CLOSE.has(b)) {
      if (depth === 0) { close = i; break; }
      depth--;
    } else if (b === COMMA && depth === 0) {
      if (!inElement) return null;
      inElement = false;
      if (++count % perPart === 0) cuts.push(i);
    } else if (!isSpace(b)) inElement = true;
  }
  if (close < 0 || buf[close] !== 0x5d) return null;
  if (inElement) count++;
  if (count <= perPart) return null;
  const head = buf.subarray(0, open + 1);
  const tail = buf.subarray(close);
  // part k: the elements after cut k-1's comma up to cut k's comma (the last: up to `]`)
  const starts = [open + 1, ...cuts.map((c) => c + 1)];
  const ends = [...cuts, close];
  // a cut on the very last element leaves an empty part: dropped
  const parts = starts.map((s, k) => [s, ends[k]!] as const).filter(([s, e]) => buf.subarray(s, e).some((b) => !isSpace(b)));
  return { count: parts.length, part: (k) => Buffer.concat([head, buf.subarray(parts[k]![0], parts[k]![1]), tail]) };
}
