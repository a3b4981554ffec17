// The query language: words, "exact phrase", -exclude, outlet:ID or name, since:YYYY-MM-DD,
// until:YYYY-MM-DD (the outlet's local days), tag:X, script:hans|hant, variant:X (add an
// optional variant), -variant:X (leave a variant out; -variant:* all of them). Parsed into a plain structure; a
// malformed query is a QueryError with a message for a person.
import { isCalendarDay } from '../extract/dates.js';

export class QueryError extends Error {}

export interface QueryTerm { text: string; phrase: boolean; negated: boolean }

export interface Query {
  terms: QueryTerm[];
  outlets: string[];
  tags: string[];
  /** the first and the last day, both included, as typed (extract/dates.ts untilExclusive gives a store's end) */
  since?: string;
  until?: string;
  script?: 'hans' | 'hant';
  /** optional variants asked for, and variants turned off, in normal form as typed */
  variantsOn: string[];
  variantsOff: string[];
}

const FILTERS = new Set(['outlet', 'since', 'until', 'tag', 'script', 'variant']);
/** each term is a phrase query over the index: a query of 166 words cost 1.4 s of one core */
const MAX_TERMS = 32;
/** a term holds something the index knows: a letter or a digit of any script */
const SEARCHABLE = /[\p{L}\p{N}]/u;

export function parseQuery(input: string): Query {
  const q: Query = { terms: [], outlets: [], tags: [], variantsOn: [], variantsOff: [] };
  const s = input.trim();
  if (s.length > 500) throw new QueryError('the query is longer than 500 characters');
  let i = 0;
  while (i < s.length) {
    if (/\s/.test(s[i]!)) { i++; continue; }
    let negated = false;
    if (s[i] === '-' && i + 1 < s.length && !/\s/.test(s[i + 1]!)) { negated = true; i++; }
    if (s[i] === '"' || s[i] === '“' || s[i] === '「') {
      const close = s[i] === '"' ? '"' : s[i] === '“' ? '”' : '」';
      const end = s.indexOf(close, i + 1);
      if (end < 0) throw new QueryError(`a phrase opened with ${s[i]} at position ${i + 1} is never closed`);
      const text = s.slice(i + 1, end).trim();
      if (!text) throw new QueryError('an empty phrase ""');
      if (SEARCHABLE.test(text)) q.terms.push({ text, phrase: true, negated });
      i = end + 1;
      continue;
    }
    let end = i;
    while (end < s.length && !/\s/.test(s[end]!)) end++;
    const word = s.slice(i, end);
    i = end;
    const colon = word.indexOf(':');
    const key = colon > 0 ? word.slice(0, colon).toLowerCase() : '';
    if (FILTERS.has(key)) {
      const value = word.slice(colon + 1);
      if (!value) throw new QueryError(`${key}: needs a value`);
      if (key === 'variant') { (negated ? q.variantsOff : q.variantsOn).push(...value.split(',').filter(Boolean)); continue; }
      if (negated) throw new QueryError(`filters cannot be negated: -${word}`);
      if (key === 'outlet') q.outlets.push(...value.split(',').filter(Boolean));
      else if (key === 'tag') q.tags.push(value);
      else if (key === 'script') {
        if (value !== 'hans' && value !== 'hant') throw new QueryError(`script: is hans or hant, not ${value}`);
        q.script = value;
      } else {
        if (!isCalendarDay(value)) throw new QueryError(`${key}: needs a date as YYYY-MM-DD, not ${value}`);
        q[key as 'since' | 'until'] = value;
      }
      continue;
    }
    // a field this language does not have (outlets:rthk, date:2021-12-15) would be searched as text: say so
    if (/^[a-z]{2,12}$/i.test(word.slice(0, Math.max(0, colon))) && colon < word.length - 1 && !/^[a-z]+:\/\//i.test(word)) {
      throw new QueryError(`no field ${word.slice(0, colon)}: (fields: ${[...FILTERS].map((f) => `${f}:`).join(' ')}); to search for the text, quote it: "${word}"`);
    }
    // punctuation, * or control characters alone match nothing (they are not indexed)
    if (SEARCHABLE.test(word)) q.terms.push({ text: word, phrase: false, negated });
  }
  if (q.terms.length > MAX_TERMS) throw new QueryError(`a query has at most ${MAX_TERMS} words or phrases, not ${q.terms.length}`);
  const filtered = q.outlets.length || q.tags.length || q.script || q.since || q.until;
  if (!q.terms.length && !filtered) throw new QueryError(s ? `nothing to search for in ${JSON.stringify(s)}: a query needs a word, a number or a filter` : 'an empty query: give a word, a "phrase" or a filter such as outlet:ID');
  if (q.since && q.until && q.since > q.until) throw new QueryError(`since:${q.since} is after until:${q.until}`);
  if (q.terms.length && q.terms.every((t) => t.negated)) throw new QueryError('a query needs at least one word to look for, not only -exclusions');
  return q;
}
