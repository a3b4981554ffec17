// One polling round in a process of its own, at a clock time given on the command line:
// what the kill -9 test runs and kills. Usage: watch-round.ts DB FEED_URL CLOCK_MS
import { ManualClock } from '../src/fetch/clock.js';
import { SqliteStore } from '../src/store/sqlite/store.js';
import { watchContext } from '../src/watch/context.js';
import { addFeeds, pollDue } from '../src/watch/watcher.js';

const [db, feed, at] = process.argv.slice(2) as [string, string, string];
const store = new SqliteStore(db);
const ctx = await watchContext(store, { allowPrivateHosts: true, ladder: [], lexicons: [], clock: new ManualClock(Number(at)), spacingMs: 0 });
await addFeeds(ctx, [feed], null);
const r = await pollDue(ctx);
process.stdout.write(JSON.stringify(r) + '\n');
await store.close();
