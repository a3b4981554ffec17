// A dictionary file of `word value…` lines (jieba's dict.txt and idf.txt) looked up by word
// where it lies, in its bytes: an open-addressing table of line offsets, hashed from each
// word's UTF-8 bytes, built without a string per line. A Map of jieba's 349,045 dictionary
// words cost ~250 ms to build and ~250 ms for its 270,132 word weights, in every process
// that cuts a text (a `parallax events` after an import spent ~1.2 s of its 5.3 s under a profiler building
// such tables and collecting their garbage), and held tens of MB of heap for the run.

const SPACE = 0x20;
const NEWLINE = 0x0a;
/** no dictionary word is longer (bytes): a longer one is not looked for */
const LONGEST = 1024;
const LONE_SURROGATE = /\p{Cs}/u;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
function hashBytes(b: Uint8Array, from: number, to: number): number {
  let h = FNV_OFFSET;
  for (let i = from; i < to; i++) h = Math.imul(h ^ b[i]!, FNV_PRIME);
  return h >>> 0;
}

/** words whose look-up a table remembers: cleared when full (a long run over new text must not grow it for ever) */
const REMEMBERED = 100_000;

function remember<V>(memo: Map<string, V>, word: string, value: V): void {
  if (memo.size >= REMEMBERED) memo.clear();
  memo.set(word, value);
}

export class WordTable {
  /** line start + 1 of the word hashed to each slot (0: empty) */
  private readonly slots: Int32Array;
  private readonly mask: number;
  private readonly scratch = new Uint8Array(LONGEST);
  private readonly encoder = new TextEncoder();
  /** what the words looked up were found to be (null: not in the table), remembered: a run looks up the same few thousand words again and again */
  private readonly numbers = new Map<string, number | null>();
  private readonly entries = new Map<string, { readonly freq: number; readonly tag: string } | null>();
  readonly size: number;

  /** The lines of `bytes` with a word before a space. A word on two lines is the later line's, as a Map filled line by line would have it. */
  constructor(private readonly bytes: Buffer) {
    const b = bytes;
    let lines = 1;
    for (let i = b.indexOf(NEWLINE); i >= 0; i = b.indexOf(NEWLINE, i + 1)) lines++;
    let cap = 16;
    while (cap < lines * 2) cap *= 2;
    const slots = (this.slots = new Int32Array(cap));
    const mask = (this.mask = cap - 1);
    let size = 0;
    // (memchr for the line's ends: a loop over the bytes here took longer)
    for (let at = 0, sp = b.indexOf(SPACE); at < b.length;) {
      let end = b.indexOf(NEWLINE, at);
      if (end < 0) end = b.length;
      if (sp >= 0 && sp < at) sp = b.indexOf(SPACE, at);
      if (sp > at && sp < end) {
        for (let slot = hashBytes(b, at, sp) & mask; ; slot = (slot + 1) & mask) {
          const held = slots[slot]!;
          if (held === 0) { slots[slot] = at + 1; size++; break; }
          if (this.sameWord(held - 1, b, at, sp - at)) { slots[slot] = at + 1; break; }
        }
      }
      at = end + 1;
    }
    this.size = size;
  }

  /** whether the word at `start` in the table's bytes is `len` bytes of `b` from `from`, ending at a space */
  private sameWord(start: number, b: Uint8Array, from: number, len: number): boolean {
    const bytes = this.bytes;
    if (bytes[start + len] !== SPACE) return false;
    for (let i = 0; i < len; i++) if (bytes[start + i] !== b[from + i]) return false;
    return true;
  }

  /** the byte offset of the rest of `word`'s line (after the space that ends the word), or -1 */
  private valueAt(word: string): number {
    // no word of a line holds a space (it would match the line of its first part), and a
    // lone surrogate would be encoded as U+FFFD; at most 3 bytes a code unit always fit
    if (word.length === 0 || word.length > LONGEST / 3 || word.includes(' ') || LONE_SURROGATE.test(word)) return -1;
    const { written } = this.encoder.encodeInto(word, this.scratch);
    for (let slot = hashBytes(this.scratch, 0, written) & this.mask; ; slot = (slot + 1) & this.mask) {
      const held = this.slots[slot]!;
      if (held === 0) return -1;
      if (this.sameWord(held - 1, this.scratch, 0, written)) return held - 1 + written + 1;
    }
  }

  private lineEnd(from: number): number {
    const end = this.bytes.indexOf(NEWLINE, from);
    return end < 0 ? this.bytes.length : end;
  }

  has(word: string): boolean {
    return this.valueAt(word) >= 0;
  }

  /** the rest of the word's line after its space, as it is (undefined: not in the table) */
  rest(word: string): string | undefined {
    const at = this.valueAt(word);
    return at < 0 ? undefined : this.bytes.toString('utf8', at, this.lineEnd(at));
  }

  /** the number the rest of the word's line is (`Number` of it), or undefined */
  number(word: string): number | undefined {
    const known = this.numbers.get(word);
    if (known !== undefined) return known ?? undefined;
    const rest = this.rest(word);
    const n = rest === undefined ? undefined : Number(rest);
    remember(this.numbers, word, n ?? null);
    return n;
  }

  /**
   * `word freq tag` lines: the digits after the word (0 for none) and the text after the
   * character that ends them, trimmed ('' for none), or undefined
   */
  freqAndTag(word: string): { readonly freq: number; readonly tag: string } | undefined {
    const known = this.entries.get(word);
    if (known !== undefined) return known ?? undefined;
    const at = this.valueAt(word);
    const entry = at < 0 ? undefined : freqAndTagAt(this.bytes, at, this.lineEnd(at));
    remember(this.entries, word, entry ?? null);
    return entry;
  }
}

/** the frequency and tag of a `word freq tag` line's rest, from `at` to `end` */
function freqAndTagAt(b: Buffer, at: number, end: number): { freq: number; tag: string } {
  let freq = 0;
  let i = at;
  for (let d = b[i]! - 48; i < end && d >= 0 && d <= 9; d = b[++i]! - 48) freq = freq * 10 + d;
  // the character that ends the digits, whatever its width, then the tag
  return { freq, tag: i < end ? b.toString('utf8', i, end).slice(1).trim() : '' };
}
