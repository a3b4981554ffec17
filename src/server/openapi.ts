// The OpenAPI description of the JSON API, served at /api/openapi.json.
import { ARTICLE_ID, EVENT_ID, THREAD_ID } from '../article.js';
import { QUERY_ERROR_CODES } from '../search/query.js';

const json = (schema: object) => ({ 'application/json': { schema } });
/** `code` is stable (programs branch on it); `error` is an English sentence; `params` the values a query error names */
const ERROR_CODES = ['bad-parameter', 'not-found', 'no-such-path', 'index-stale', 'comparison-pending', 'internal', 'writes-off', 'token-required',
  'body-too-large', 'import-refused', 'url-not-encoded', ...QUERY_ERROR_CODES];
const error = { description: 'error', content: json({ type: 'object', properties: { error: { type: 'string' }, code: { type: 'string', enum: ERROR_CODES }, params: { type: 'object' } }, required: ['error', 'code'] }) };
const q = (name: string, schema: object, description: string, required = false) => ({ name, in: 'query', required, schema, description });
const id = { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: ARTICLE_ID.source } };

export const OPENAPI = {
  openapi: '3.1.0',
  info: { title: 'Parallax API', version: '0.1.0', description: 'Search a Chinese-language news archive across scripts and regions; compare how outlets told one event.' },
  paths: {
    '/api/health': { get: { summary: 'Liveness and article count', responses: { 200: { description: 'ok' } } } },
    '/api/stats': { get: { summary: 'What the archive holds', responses: { 200: { description: 'counts by outlet, script, format' } } } },
    '/api/outlets': { get: { summary: 'Outlets with names in both scripts and English', responses: { 200: { description: 'outlets' } } } },
    '/api/search': {
      get: {
        summary: 'Search (the CLI query language)',
        parameters: [
          q('q', { type: 'string', maxLength: 500 }, 'words (an unspaced run of several words is read as words, the phrase and nearness ranked first), "phrase", -exclude, outlet:ID or name, since:YYYY-MM-DD, until:YYYY-MM-DD (the outlet\'s local days), tag:X (either script), script:hans|hant, variant:X (add an optional variant), -variant:X (leave a variant out; -variant:* all)', true),
          q('limit', { type: 'integer', minimum: 0, maximum: 200, default: 20 }, 'hits per page'),
          q('offset', { type: 'integer', minimum: 0, default: 0 }, 'hits to skip (below 1,000: past it a 400 offset-past-cap)'),
          q('sort', { type: 'string', enum: ['relevance', 'date'], default: 'relevance' }, 'order'),
          q('copies', { type: 'string', enum: ['fold', 'all'], default: 'fold' }, 'fold: one hit per family of copies (lineage), listed in its copies; all: every copy its own hit'),
        ],
        responses: {
          503: { description: 'the search ran past its time (code search-timeout); retry after the Retry-After seconds or narrow the query' },
          200: { description: 'hits, one per family of copies', content: json({ type: 'object', properties: {
            total: { type: 'integer', description: 'matching articles (copies included), exact up to 1,000' },
            capped: { type: 'boolean', description: 'more than total match ("1,000+"): the first 1,000 (title matches first) are ranked and listed' }, tookMs: { type: 'number' },
            nextOffset: { type: 'integer', description: 'offset of the next page (copies folded into a hit are skipped over)' },
            reading: { type: 'object', description: 'how the query was read', properties: { terms: { type: 'array', items: { type: 'object', properties: {
              text: { type: 'string' }, phrase: { type: 'boolean' }, negated: { type: 'boolean' },
              words: { type: 'array', items: { type: 'string' }, description: 'the words an unspaced term was read as' },
              variants: { type: 'array', items: { type: 'string' }, description: 'regional variants also matched (leave one out with -variant:X)' },
              optional: { type: 'array', items: { type: 'string' }, description: 'variants with another sense too, matched only with variant:X' },
              off: { type: 'array', items: { type: 'string' } }, wholeWord: { type: 'array', items: { type: 'string' }, description: 'forms matched only as whole words' } } } },
              outlets: { type: 'array', items: { type: 'string' } }, tags: { type: 'array', items: { type: 'string' } } } },
            hits: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, title: { type: 'string' }, outlet: { type: 'object' }, published: { type: ['object', 'null'] }, score: { type: 'number' }, snippet: { type: 'string', description: 'HTML: escaped text with <mark> around matches' },
              copies: { type: 'array', description: 'copies and reprints of this text (lineage)', items: { type: 'object', properties: { id: { type: 'string' }, outlet: { type: 'string' }, title: { type: 'string' } } } } } } } } }) },
          400: error,
        },
      },
    },
    '/api/articles': { get: { summary: 'Articles, newest first (without paragraphs)', parameters: [q('outlet', { type: 'string' }, 'outlet id'), q('since', { type: 'string', format: 'date' }, 'from'), q('until', { type: 'string', format: 'date' }, 'to'), q('limit', { type: 'integer' }, ''), q('offset', { type: 'integer' }, '')], responses: { 200: { description: 'articles' }, 400: error } } },
    '/api/articles/{id}': { get: { summary: 'One article: clean text, metadata, figures, sources, lineage, event', parameters: [id], responses: { 200: { description: 'the Article' }, 400: error, 404: error } } },
    '/api/articles/{id}/raw': { get: { summary: 'The original bytes of its source, as text/plain', parameters: [id], responses: { 200: { description: 'raw', content: { 'text/plain': {} } }, 404: error } } },
    '/api/articles/{id}/history': { get: { summary: 'What the watcher saw of an article: versions (first, edit, removed with its cause, restored), each bracketed between two fetches (lastSeen, firstMissing), with its changes (title, added, removed, edited with words, moved)', parameters: [id], responses: { 200: { description: '{article, url, outlet, state, lastFetch, nextCheck, versions: [{at, kind, cause, lastSeen, firstMissing, title, status, changes}]}' }, 400: error, 404: error } } },
    '/api/watch': { get: { summary: 'Watched sources: kind, state (active or paused), pages, errors of the last 7 days, last success, next poll', responses: { 200: { description: 'sources' } } } },
    '/api/changes': { get: { summary: 'Edits, removals and restorations across the archive, newest first', parameters: [q('since', { type: 'string', format: 'date' }, 'on or after this day', true), q('outlet', { type: 'string' }, 'outlet id'), q('limit', { type: 'integer', minimum: 1, maximum: 1000, default: 200 }, '')], responses: { 200: { description: '[{articleId, url, outlet, title, at, kind, cause, lastSeen, firstMissing, summary}]' }, 400: error } } },
    '/api/events': { get: { summary: 'Events (one happening each), largest first', parameters: [q('since', { type: 'string', format: 'date' }, 'with an article on or after'), q('until', { type: 'string', format: 'date' }, 'with an article on or before'), q('minOutlets', { type: 'integer', minimum: 0, maximum: 100, default: 2 }, 'told by at least N outlets'), q('outlet', { type: 'string' }, 'told by this outlet'), q('thread', { type: 'string', pattern: THREAD_ID.source }, 'the events of one thread, in time'), q('limit', { type: 'integer', minimum: 0, maximum: 500, default: 30 }, ''), q('offset', { type: 'integer', minimum: 0, default: 0 }, '')], responses: { 200: { description: '{total, events}: id, thread, label {hans, hant}, keywords, first, last, outlets, members [{article, outlet, role, similarity, published, why}]' }, 400: error } } },
    '/api/events/{id}': { get: { summary: 'One event with its stored comparison: claims × outlets (paged and filtered), discrepancies, per-outlet summary (all / some / only / omitted claim ids), quotes by speaker (each member with the speaker its own outlet gave, own false where the outlet named no one; alsoGivenTo: the other speakers outlets gave the remark), entities, distinctive words, timeline per outlet in local time, wire share per outlet', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: EVENT_ID.source } }, q('show', { type: 'string', enum: ['all', 'shared', 'partial', 'exclusive', 'omitted', 'discrepant'], default: 'all' }, 'which claims'), q('outlet', { type: 'string' }, 'narrow exclusive and omitted claims to one outlet'), q('limit', { type: 'integer', minimum: 0, maximum: 500, default: 50 }, 'claims per page'), q('offset', { type: 'integer', minimum: 0, default: 0 }, 'claims to skip')], responses: { 200: { description: 'the event and its comparison, with claimsTotal; standalone: market, live, roundup or schedule for a one-article event that stands alone by its title, else null' }, 307: { description: 'an event a regrouping ended: Location is the event its first article is in now' }, 400: error, 404: error, 503: { description: 'the comparison is being computed after a change; retry after the Retry-After seconds' } } } },
    '/api/threads': { get: { summary: 'Threads (developing topics linking events over days and weeks)', parameters: [q('since', { type: 'string', format: 'date' }, ''), q('until', { type: 'string', format: 'date' }, ''), q('minEvents', { type: 'integer', minimum: 0, default: 2 }, 'with at least N events'), q('limit', { type: 'integer', minimum: 0, maximum: 500, default: 30 }, ''), q('offset', { type: 'integer', minimum: 0, default: 0 }, '')], responses: { 200: { description: '{total, threads}' }, 400: error } } },
    '/api/threads/{id}': { get: { summary: 'One thread with its events in time', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: THREAD_ID.source } }], responses: { 200: { description: 'thread with events' }, 307: { description: 'a thread a regrouping ended: Location is the thread its first article is in now' }, 400: error, 404: error } } },
    '/api/import': { post: { summary: 'Queue an import of paths inside the import roots or https git URLs to public hosts (admin token required)', security: [{ bearer: [] }], requestBody: { content: json({ type: 'object', properties: { paths: { type: 'array', items: { type: 'string' }, maxItems: 100 }, rev: { type: 'string' } }, required: ['paths'] }) }, responses: { 202: { description: '{job, status, poll}' }, 400: error, 401: error, 403: { description: 'writes off, or an input outside the import roots / not an https URL to a public host' }, 413: error } } },
    '/api/import/{job}': { get: { summary: 'An import job: queued, running, done (with its report) or failed (with the reason)', security: [{ bearer: [] }], parameters: [{ name: 'job', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }], responses: { 200: { description: 'the job' }, 400: error, 401: error, 404: error } } },
    '/api/reindex': { post: { summary: 'Rebuild articles and the index from raw bytes (admin token required)', security: [{ bearer: [] }], responses: { 200: { description: 'report' }, 401: error, 403: error } } },
  },
  components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'PARALLAX_ADMIN_TOKEN' } } },
};
