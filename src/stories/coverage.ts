// What each outlet carried of an event's claims: those all outlets carry, some carry, only
// it carries, and those most others carry that it leaves out.
import type { Article } from '../article.js';
import type { Claim } from './claim-table.js';
import type { ClaimUnit } from './claims.js';

export interface OutletSummary { outlet: string; articles: number; sentences: number; all: number[]; some: number[]; only: number[]; omitted: number[] }

/** For each outlet: the claims all carry, some carry, only it carries, and those most others carry that it leaves out. */
export function summaryOf(articles: readonly Article[], claims: readonly Claim[], units: readonly ClaimUnit[], outlets: readonly string[]): OutletSummary[] {
  return outlets.map((outlet) => {
    const others = outlets.length - 1;
    const mine = claims.filter((c) => c.outlets.includes(outlet));
    return {
      outlet,
      articles: articles.filter((a) => a.outlet.id === outlet).length,
      sentences: units.filter((u) => u.outlet === outlet).length,
      all: mine.filter((c) => c.coverage === 'all').map((c) => c.id),
      some: mine.filter((c) => c.coverage === 'some').map((c) => c.id),
      only: mine.filter((c) => c.coverage === 'one').map((c) => c.id),
      // carried by at least two others and by half of the others or more
      omitted: others >= 2 ? claims.filter((c) => !c.outlets.includes(outlet) && c.outlets.length >= 2 && c.outlets.length * 2 >= others).map((c) => c.id) : [],
    };
  });
}

