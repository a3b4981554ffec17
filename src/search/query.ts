// The query language: words, "exact phrase", -exclude, outlet:ID or name, since:YYYY-MM-DD,
// until:YYYY-MM-DD (the outlet's local days), tag:X, script:hans|hant, variant:X (add an
// optional variant), -variant:X (leave a variant out; -variant:* all of them). Parsed into a plain structure; a
// malformed query is a QueryError with a message for a person.
import { isCalendarDay } from '../extract/dates.js';

/** Why a query cannot be read: a stable code for programs (the API's `code`), the values it names, and an English message. */
export const QUERY_ERROR_CODES = ['query-too-long', 'phrase-not-closed', 'phrase-empty', 'filter-needs-value', 'filter-negated', 'script-invalid',
  'date-invalid', 'field-unknown', 'too-many-terms', 'nothing-to-search', 'query-empty', 'since-after-until', 'only-exclusions', 'outlet-unknown', 'offset-past-cap'] as const;
export type QueryErrorCode = typeof QUERY_ERROR_CODES[number];

export class QueryError extends Error {
  constructor(readonly code: QueryErrorCode, readonly params: Readonly<Record<string, string | number>>, message: string) {
    super(message);
  }
}

export interface QueryTerm { text: string; phrase: boolean; negated: boolean }

export interface Query {
  terms: QueryTerm[];
  outlets: string[];
  tags: string[];
  /** the first and the last day, both included, as typed (a store compares the day ≤ until; list filters take untilExclusive(until)) */
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
  if (s.length > 500) throw new QueryError('query-too-long', { max: 500 }, 'the query is longer than 500 characters');
  let i = 0;
  while (i < s.length) {
    if (/\s/.test(s[i]!)) { i++; continue; }
    let negated = false;
    if (s[i] === '-' && i + 1 < s.length && !/\s/.test(s[i + 1]!)) { negated = true; i++; }
    if (s[i] === '"' || s[i] === '“' || s[i] === '「') {
      const close = s[i] === '"' ? '"' : s[i] === '“' ? '”' : '」';
      const end = s.indexOf(close, i + 1);
      if (end < 0) throw new QueryError('phrase-not-closed', { mark: s[i]!, position: i + 1 }, `a phrase opened with ${s[i]} at position ${i + 1} is never closed`);
      const text = s.slice(i + 1, end).trim();
      if (!text) throw new QueryError('phrase-empty', {}, 'an empty phrase ""');
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
      if (!value) throw new QueryError('filter-needs-value', { field: key }, `${key}: needs a value`);
      if (key === 'variant') { (negated ? q.variantsOff : q.variantsOn).push(...value.split(',').filter(Boolean)); continue; }
      if (negated) throw new QueryError('filter-negated', { filter: word }, `filters cannot be negated: -${word}`);
      if (key === 'outlet') q.outlets.push(...value.split(',').filter(Boolean));
      else if (key === 'tag') q.tags.push(value);
      else if (key === 'script') {
        if (value !== 'hans' && value !== 'hant') throw new QueryError('script-invalid', { value }, `script: is hans or hant, not ${value}`);
        q.script = value;
      } else {
        if (!isCalendarDay(value)) throw new QueryError('date-invalid', { field: key, value }, `${key}: needs a date as YYYY-MM-DD, not ${value}`);
        q[key as 'since' | 'until'] = value;
      }
      continue;
    }
    // a field this language does not have (outlets:rthk, date:2021-12-15) would be searched as text: say so
    if (/^[a-z]{2,12}$/i.test(word.slice(0, Math.max(0, colon))) && colon < word.length - 1 && !/^[a-z]+:\/\//i.test(word)) {
      throw new QueryError('field-unknown', { field: word.slice(0, colon), fields: [...FILTERS].map((f) => `${f}:`).join(' '), word },
        `no field ${word.slice(0, colon)}: (fields: ${[...FILTERS].map((f) => `${f}:`).join(' ')}); to search for the text, quote it: "${word}"`);
    }
    // punctuation, * or control characters alone match nothing (they are not indexed)
    if (SEARCHABLE.test(word)) q.terms.push({ text: word, phrase: false, negated });
  }
  if (q.terms.length > MAX_TERMS) throw new QueryError('too-many-terms', { max: MAX_TERMS, count: q.terms.length }, `a query has at most ${MAX_TERMS} words or phrases, not ${q.terms.length}`);
  const filtered = q.outlets.length || q.tags.length || q.script || q.since || q.until;
  if (!q.terms.length && !filtered) {
    throw s ? new QueryError('nothing-to-search', { query: s }, `nothing to search for in ${JSON.stringify(s)}: a query needs a word, a number or a filter`)
      : new QueryError('query-empty', {}, 'an empty query: give a word, a "phrase" or a filter such as outlet:ID');
  }
  if (q.since && q.until && q.since > q.until) throw new QueryError('since-after-until', { since: q.since, until: q.until }, `since:${q.since} is after until:${q.until}`);
  if (q.terms.length && q.terms.every((t) => t.negated)) throw new QueryError('only-exclusions', {}, 'a query needs at least one word to look for, not only -exclusions');
  return q;
}
