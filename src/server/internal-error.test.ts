// An error nobody planned for (a disk gone, a bug) reaches no client as a stack trace or a
// server path: the API and the pages answer 500 with a fixed sentence, the details go to the
// server's log. On the project's own demo data, with a store whose reads fail on purpose.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ctx, demoItems, PARSER } from '../store/contract/fixtures.js';
import type { Store } from '../store/store.js';
import { SqliteStore } from '../store/sqlite/store.js';
import { createApp } from './app.js';

const dir = mkdtempSync(join(tmpdir(), 'px-internal-error-'));
const store = new SqliteStore(join(dir, 'a.db'));
after(() => store.close());

/** the store, with every read named failing as a broken disk would, its message naming a server path */
const failing = (inner: Store, names: string[]): Store => new Proxy(inner, {
  get(target, prop, receiver) {
    if (typeof prop === 'string' && names.includes(prop)) return async () => { throw new Error(`SQLITE_IOERR: disk I/O error reading ${dir}/secret.db`); };
    const v = Reflect.get(target, prop, receiver) as unknown;
    return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
  },
});

test('an unexpected failure answers 500 without a stack trace or a server path, on the API and on the pages', async () => {
  await store.commit(demoItems(), PARSER);
  const id = (await store.listArticles({ limit: 1 }))[0]!.id;
  const app = createApp({ store: failing(store, ['getArticle', 'listEvents', 'listArticles']), text: ctx, lexicons: [] });
  // the server's log gets the details; the client does not
  const logged: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((s: string) => { logged.push(String(s)); return true; }) as typeof process.stderr.write;
  try {
    for (const path of [`/api/articles/${id}`, `/article/${id}`, '/api/events', '/events', '/api/articles']) {
      const r = await app.request(path);
      const body = await r.text();
      assert.equal(r.status, 500, `${path}: ${r.status} ${body.slice(0, 200)}`);
      assert.doesNotMatch(body, /\bat .*\(.*:\d+:\d+\)|\.ts:\d+|node:internal/, `${path} shows a stack trace: ${body.slice(0, 300)}`);
      assert.ok(!body.includes(dir) && !body.includes('secret.db') && !body.includes('SQLITE_IOERR'), `${path} shows the server's details: ${body.slice(0, 300)}`);
    }
  } finally {
    process.stderr.write = write;
  }
  assert.ok(logged.some((l) => l.includes('SQLITE_IOERR') && l.includes('secret.db')), 'the details are in the server log');
});
