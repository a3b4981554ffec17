// The store contract: every behaviour the rest of Parallax relies on from a Store (and
// its watch part), run the same way against every driver. A driver's test calls
// storeContract with a factory of fresh, empty stores; nothing here knows the driver.
// What is driver-specific by nature (file paths, pragmas, upgrades of old files) stays
// in the driver's own tests.
import { describe } from 'node:test';
import { articleContract } from './articles.js';
import type { OpenStore } from './fixtures.js';
import { searchContract } from './search.js';
import { eventContract } from './events.js';
import { watchContract } from './watch.js';
import { crashContract } from './crash.js';
import { seedContract } from './seeds.js';
import { lockContract } from './locks.js';

export type { OpenedStore, OpenStore } from './fixtures.js';

export function storeContract(driver: string, open: OpenStore): void {
  describe(`store contract: ${driver}`, () => {
    articleContract(open);
    searchContract(open);
    eventContract(open);
    watchContract(open);
    crashContract(open);
    seedContract(open);
    lockContract(open);
  });
}
