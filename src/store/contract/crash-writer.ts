// A writer to be killed: opens the store a setting names (as the CLI does) and commits
// batches of invented notices until it is stopped, printing each batch's number once it
// is committed. The contract kills it with SIGKILL in the middle of its writes.
// Usage: node --import tsx crash-writer.ts TARGET [load]   (load: as a bulk load, bulkWrites(true, { load: true }))
import { openStore } from '../open.js';
import { notice, PARSER } from './fixtures.js';
import type { ImportItem } from '../store.js';

export const CRASH_BATCH = 60;

/** batch b's notices: each file holds one article; its text names its batch */
export function crashBatch(b: number): ImportItem[] {
  return Array.from({ length: CRASH_BATCH }, (_, i) => notice(`killed/${b}/${i}.md`, {
    title: `燈塔夜間通告第${b}批第${i}號`, date: `2031-12-${String((i % 28) + 1).padStart(2, '0')} 21:00:00`, url: `https://ferry.example/killed/${b}/${i}`,
    body: [`燈塔夜間通告：第${b}批第${i}號。${'望潮碼頭渡輪改於臨時浮台上落，乘客請預留時間。'.repeat(20)}`],
  }));
}

if (process.argv[1]?.endsWith('crash-writer.ts')) {
  const store = await openStore(process.argv[2]!);
  if (process.argv[3] === 'load') store.bulkWrites(true, { load: true });
  // every batch parsed before the first write: the process then spends its time writing
  const batches = Array.from({ length: 40 }, (_, b) => crashBatch(b));
  for (const [b, batch] of batches.entries()) {
    await store.commit(batch, PARSER);
    process.stdout.write(`${b}\n`);
  }
  await store.close();
}
