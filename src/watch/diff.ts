// What changed between two versions of a Chinese article: sentences aligned first (in
// the normal form, so a change of script, width or quote marks is no change), then the
// sentences that differ compared word by word with the segmenter. A sentence that only
// changed place is moved; one that changed in part is edited, with its words marked.
import { diffArrays } from 'diff';
import type { Segmenter } from '../text/segment.js';
import { normalizeText } from '../text/normalize.js';
import { keyedSentences, similarity } from './compare.js';

export type WordOp = { op: 'same' | 'added' | 'removed'; text: string };

export type Change =
  | { type: 'title'; from: string; to: string }
  | { type: 'added'; text: string }
  | { type: 'removed'; text: string }
  | { type: 'moved'; text: string }
  | { type: 'edited'; from: string; to: string; words: WordOp[] };

export interface VersionText { title: string; paragraphs: readonly string[] }

/** two sentences this similar (character pairs) are one sentence edited, not one removed and one added */
const EDITED = 0.4;

/** `furniture`: sentence shapes the host repeats on other pages, not compared (boilerplate.ts) */
export function diffVersions(a: VersionText, b: VersionText, seg: Segmenter, furniture?: ReadonlySet<string>): Change[] {
  const changes: Change[] = [];
  const fold = (s: string): string => normalizeText(s).replace(/\s+/g, '');
  if (fold(a.title) !== fold(b.title)) changes.push({ type: 'title', from: a.title, to: b.title });
  // a page whose body repeats its heading: the title change is said once
  const body = (v: VersionText): string[] => v.paragraphs.filter((p) => fold(p) !== fold(v.title));
  const sa = keyedSentences(body(a), furniture);
  const sb = keyedSentences(body(b), furniture);
  // hunks: runs of removed and added sentences between sentences both versions share
  const hunks: Array<{ removed: number[]; added: number[] }> = [];
  let ia = 0;
  let ib = 0;
  let open: { removed: number[]; added: number[] } | null = null;
  for (const part of diffArrays(sa.map((s) => s.key), sb.map((s) => s.key))) {
    const n = part.count ?? part.value.length;
    if (!part.added && !part.removed) { ia += n; ib += n; open = null; continue; }
    if (!open) { open = { removed: [], added: [] }; hunks.push(open); }
    for (let k = 0; k < n; k++) (part.removed ? open.removed.push(ia++) : open.added.push(ib++));
  }
  // a sentence removed in one place and added in another moved
  const addedAt = new Map<string, number[]>();
  for (const h of hunks) for (const j of h.added) addedAt.set(sb[j]!.key, [...(addedAt.get(sb[j]!.key) ?? []), j]);
  const moved = new Set<number>();
  const movedTo = new Set<number>();
  for (const h of hunks) {
    for (const i of h.removed) {
      const to = addedAt.get(sa[i]!.key)?.find((j) => !movedTo.has(j));
      if (to !== undefined) { moved.add(i); movedTo.add(to); changes.push({ type: 'moved', text: sb[to]!.text }); }
    }
  }
  for (const h of hunks) {
    const removed = h.removed.filter((i) => !moved.has(i));
    const added = h.added.filter((j) => !movedTo.has(j));
    const paired = new Set<number>();
    for (const i of removed) {
      let best = -1;
      let bestSim = EDITED;
      for (const j of added) {
        if (paired.has(j)) continue;
        const s = similarity(sa[i]!.key, sb[j]!.key);
        if (s >= bestSim) { best = j; bestSim = s; }
      }
      if (best >= 0) {
        paired.add(best);
        changes.push({ type: 'edited', from: sa[i]!.text, to: sb[best]!.text, words: wordDiff(sa[i]!.text, sb[best]!.text, seg) });
      } else changes.push({ type: 'removed', text: sa[i]!.text });
    }
    for (const j of added) if (!paired.has(j)) changes.push({ type: 'added', text: sb[j]!.text });
  }
  return changes;
}

/** The words of two sentences compared in the normal form, shown as written. */
export function wordDiff(a: string, b: string, seg: Segmenter): WordOp[] {
  const na = seg.words(a, 'normal');
  const nb = seg.words(b, 'normal');
  const wa = seg.words(a, 'written');
  const wb = seg.words(b, 'written');
  const out: WordOp[] = [];
  let ia = 0;
  let ib = 0;
  const push = (op: WordOp['op'], text: string): void => {
    const last = out[out.length - 1];
    if (last && last.op === op) last.text += text;
    else out.push({ op, text });
  };
  for (const part of diffArrays(na, nb)) {
    const n = part.count ?? part.value.length;
    for (let k = 0; k < n; k++) {
      if (part.removed) push('removed', wa[ia++]!);
      else if (part.added) push('added', wb[ib++]!);
      else { push('same', wb[ib++]!); ia++; }
    }
  }
  return out;
}
