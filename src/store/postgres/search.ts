// TEMPORARY stand-in until pgsearch's search.ts lands (owned by `pgsearch`): never merge it this way.
import type { ClientBase } from 'pg';
import type { IndexDoc } from '../../search/index-doc.js';
import type { SearchRequest } from '../store.js';

export const PG_SEARCH_SCHEMA = 'SELECT 1';
export const PG_SEARCH_FORMAT = '0';
export async function writeSearchRows(_c: ClientBase, _rows: ReadonlyArray<{ rid: string; doc: IndexDoc | null }>): Promise<void> {}
export async function searchRids(_c: ClientBase, _req: SearchRequest): Promise<{ total: number; hits: Array<{ rid: string; score: number }> }> {
  throw new Error('PostgreSQL search is not built yet');
}
