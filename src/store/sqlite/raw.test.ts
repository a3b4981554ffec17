// Raw bytes in the SQLite store: kept compressed and given back byte for byte, and an
// archive made before raw bytes had a codec (gzip, no codec column) stays readable.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { parseFile } from '../../import/parse.js';
import { SqliteStore } from './store.js';
import { sha256Hex } from '../store.js';

const dir = mkdtempSync(join(tmpdir(), 'px-sqlite-raw-'));
const post = (n: number): Uint8Array => Buffer.from(`---\ntitle: 碼頭第${n}號通告\ndate: 2031-10-0${n} 09:00:00\n---\n\n渡輪改於臨時浮台上落。${'乘客請預留時間。'.repeat(40)}\n`);

test('raw bytes come back byte for byte, stored smaller than they are', async () => {
  const store = new SqliteStore(join(dir, 'new.db'));
  const bytes = post(1);
  const item = parseFile({ location: { kind: 'file', path: '/p/1.md' }, bytes, pathHint: '1.md' }, { segmenter: undefined });
  assert.equal(item.raw.codec, 'br');
  await store.commit([item], 1);
  assert.deepEqual(Buffer.from((await store.getRaw(item.sha256))!), Buffer.from(bytes));
  const stats = await store.stats();
  assert.equal(stats.rawBytes, bytes.length);
  assert.ok(stats.storedBytes < bytes.length / 2, `stored ${stats.storedBytes} of ${bytes.length}`);
  await store.close();
});

test('an archive whose raw bytes are gzip without a codec column is read, and takes new rows', async () => {
  const file = join(dir, 'old.db');
  const old = post(2);
  const oldSha = sha256Hex(old);
  const db = new Database(file);
  db.exec('CREATE TABLE raw (sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, data BLOB NOT NULL)');
  db.prepare('INSERT INTO raw (sha256, size, data) VALUES (?, ?, ?)').run(oldSha, old.length, gzipSync(old));
  db.close();

  const store = new SqliteStore(file);
  assert.deepEqual(Buffer.from((await store.getRaw(oldSha))!), Buffer.from(old));
  const bytes = post(3);
  const item = parseFile({ location: { kind: 'file', path: '/p/3.md' }, bytes, pathHint: '3.md' }, { segmenter: undefined });
  await store.commit([item], 1);
  assert.deepEqual(Buffer.from((await store.getRaw(item.sha256))!), Buffer.from(bytes));
  assert.deepEqual(Buffer.from((await store.getRaw(oldSha))!), Buffer.from(old));
  await store.close();
});
