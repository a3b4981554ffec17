// The analysis after an import works on what is new: articles added to an analysed archive
// are analysed alone (lineage through stored keys, grouping in the window they reach), and
// the result agrees with analysing everything again. On the demo archive (always) and on
// the multi-outlet week with one day arriving late (when ../shared is here).
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { importSources } from '../src/import/pipeline.js';
import { analyzeArchive } from '../src/stories/analyze.js';
import { GROUP_DEFAULTS } from '../src/stories/group.js';
import { SqliteStore } from '../src/store/sqlite/store.js';
import type { EventRecord } from '../src/store/store.js';
import { AliasTable } from '../src/text/aliases.js';
import { Segmenter } from '../src/text/segment.js';
import { needsShared, projectRoot, sharedPath } from './shared.js';

const text = { segmenter: new Segmenter(), aliases: new AliasTable() };

/** copies of `files` (paths) in a new folder: an import of just those */
function folderOf(files: readonly string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'px-incr-src-'));
  files.forEach((f, i) => copyFileSync(f, join(dir, `${String(i).padStart(4, '0')}-${f.split('/').pop()}`)));
  return dir;
}

async function allEvents(store: SqliteStore): Promise<EventRecord[]> {
  return (await store.listEvents({ minOutlets: 1, limit: 100_000 })).events;
}

const edgeKeys = async (store: SqliteStore): Promise<string[]> => (await store.allLineage()).map((e) => `${e.from}>${e.to}:${e.kind}`).sort();

/** Of the pairs of articles either grouping puts in one event, the share both do. */
function pairAgreement(a: readonly EventRecord[], b: readonly EventRecord[]): { both: number; either: number } {
  const pairs = (evs: readonly EventRecord[]): Set<string> => {
    const out = new Set<string>();
    for (const e of evs) { const ids = e.members.map((m) => m.article).sort(); for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) out.add(`${ids[i]}|${ids[j]}`); }
    return out;
  };
  const pa = pairs(a), pb = pairs(b);
  let both = 0;
  for (const p of pa) if (pb.has(p)) both++;
  return { both, either: pa.size + pb.size - both };
}

test('demo archive: two files imported after the first analysis are analysed alone and end where a full analysis puts them', async () => {
  const demo = join(projectRoot, 'demo');
  const files = readdirSync(demo).filter((f) => f !== 'README.md').map((f) => join(demo, f));
  const late = files.filter((f) => /02-qingchuan|08-wire-segmented/.test(f));
  assert.equal(late.length, 2);
  const store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'px-incr-')), 'a.db'));
  await importSources(store, [folderOf(files.filter((f) => !late.includes(f)))]);
  const first = await analyzeArchive(store, text);
  assert.equal(first.mode, 'full');
  const placedBefore = await store.eventPlacements();
  const membersBefore = new Map((await allEvents(store)).flatMap((e) => e.members.map((m) => [m.article, m] as const)));
  await importSources(store, [folderOf(late)]);
  const second = await analyzeArchive(store, text);
  assert.equal(second.mode, 'incremental');
  assert.equal(second.articles, 2, 'only the two new articles are analysed');
  // nothing new: nothing runs
  assert.equal((await analyzeArchive(store, text)).ran, false);
  // comparisons made by other rules (an older Parallax) are made again, events kept as they are
  const multi = (await allEvents(store)).filter((e) => e.members.length > 1);
  assert.ok(multi.length > 0, 'the demo archive has events of several articles');
  const compBefore = await store.getComparison(multi[0]!.id);
  await store.saveComparison(multi[0]!.id, { membersHash: 'made-by-older-rules', doc: compBefore!.doc });
  await store.setMeta('comparison-stamp', 'claims-0/older');
  const recompared = await analyzeArchive(store, text);
  assert.deepEqual({ ran: recompared.ran, mode: recompared.mode, articles: recompared.articles, comparisons: recompared.comparisons }, { ran: true, mode: 'none', articles: 0, comparisons: 1 });
  assert.deepEqual(await store.getComparison(multi[0]!.id), compBefore, 'made again as it was');
  assert.equal((await analyzeArchive(store, text)).ran, false);
  // comparisons made by other code of the cut (claim or quote rules that read a text otherwise,
  // with the same thresholds) are all made again
  await store.setMeta('comparison-code', 'older-code');
  const byCode = await analyzeArchive(store, text);
  assert.deepEqual({ ran: byCode.ran, mode: byCode.mode, comparisons: byCode.comparisons }, { ran: true, mode: 'none', comparisons: multi.length });
  assert.equal((await analyzeArchive(store, text)).ran, false);
  // placed articles stay where they were
  const placedAfter = await store.eventPlacements();
  for (const [a, e] of placedBefore) assert.equal(placedAfter.get(a), e, a);
  // and keep the similarity and the words they were placed by (a page rewritten for nothing otherwise)
  for (const e of await allEvents(store)) for (const m of e.members) {
    const before = membersBefore.get(m.article);
    if (before) assert.deepEqual({ similarity: m.similarity, why: m.why }, { similarity: before.similarity, why: before.why }, m.article);
  }

  // the same archive analysed whole
  const whole = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'px-incr-')), 'b.db'));
  await importSources(whole, [folderOf(files)]);
  await analyzeArchive(whole, text);
  assert.deepEqual(await edgeKeys(store), await edgeKeys(whole), 'the same lineage');
  const agree = pairAgreement(await allEvents(store), await allEvents(whole));
  assert.equal(agree.both, agree.either, 'the same events');
  // the segmented wire text, imported late, is still named and dated by the dateline of its copy
  const wire = (await store.listArticles({ limit: 100 })).find((a) => a.source.format === 'segmented-text');
  const wholeWire = wire && (await whole.getArticle(wire.id));
  assert.ok(wire && wholeWire);
  assert.equal(wire.outlet.id, wholeWire.outlet.id);
  assert.equal(wire.published?.day, wholeWire.published?.day);
  // the comparison of the event the late files joined is stored
  const joined = (await allEvents(store)).filter((e) => e.members.some((m) => m.article === wire.id));
  assert.equal(joined.length, 1);
  assert.ok(joined[0]!.members.length > 1 && (await store.getComparison(joined[0]!.id)), 'the wire text joined its copies, and their comparison is stored');
  await store.close();
  await whole.close();
});

test('multi-outlet: a day of posts arriving after the week was analysed joins the events it belongs to; lineage as a full run finds it', needsShared('corpus/multi-outlet'), async (t) => {
  const root = sharedPath('corpus/multi-outlet')!;
  const posts = join(root, 'agora0-2112', '_posts');
  const lateDay = readdirSync(posts).filter((f) => f.startsWith('2021-12-16')).map((f) => join(posts, f));
  const early = readdirSync(posts).filter((f) => !f.startsWith('2021-12-16')).map((f) => join(posts, f));
  const dir = mkdtempSync(join(tmpdir(), 'px-incr-'));
  const store = new SqliteStore(join(dir, 'a.db'));
  await importSources(store, [folderOf(early), join(root, 'hkcnews'), join(root, 'oped2')]);
  const first = await analyzeArchive(store, text);
  const placedBefore = await store.eventPlacements();
  const importReport = await importSources(store, [folderOf(lateDay)]);
  const second = await analyzeArchive(store, text);
  assert.equal(second.mode, 'incremental');
  assert.equal(second.articles, importReport.articles.added);
  assert.ok(second.eventsWritten < first.eventsWritten / 4, `${second.eventsWritten} events and threads rewritten (${first.eventsWritten} at first)`);
  const placedAfter = await store.eventPlacements();
  for (const [a, e] of placedBefore) assert.equal(placedAfter.get(a), e, a);

  // the same archive analysed again as a whole, keeping placements: the same lineage, nearly the same events
  const incremental = await allEvents(store);
  const edges = await edgeKeys(store);
  await analyzeArchive(store, text, { force: true });
  assert.deepEqual(edges, await edgeKeys(store), 'the same lineage');
  const whole = await allEvents(store);
  const agree = pairAgreement(incremental, whole);
  assert.ok(agree.both / agree.either >= 0.95, `pairs both groupings join: ${agree.both} of ${agree.either}`);
  t.diagnostic(`first run ${first.articles} articles in ${first.seconds} s; ${second.articles} late articles in ${second.seconds} s, ${second.eventsWritten} events and threads rewritten; pairs both join ${agree.both} of ${agree.either}`);

  // a full run in batches (memory follows the batch, not the archive) finds the same lineage and nearly the same events
  const batched = await analyzeArchive(store, text, { regroup: true, batch: 800 });
  assert.equal(batched.mode, 'full');
  assert.deepEqual(edges, await edgeKeys(store), 'the same lineage in batches');
  const batchedEvents = await allEvents(store);
  const inBatches = pairAgreement(batchedEvents, whole);
  // online grouping is sensitive to word weights, which batches see growing: the events are
  // as good (docs/evaluation.md) but not the same ones (measured: 5,633 of 8,599 pairs shared)
  t.diagnostic(`in batches of 800: pairs both join ${inBatches.both} of ${inBatches.either}`);
  const seen = new Map<string, number>();
  for (const e of batchedEvents) {
    for (const m of e.members) seen.set(m.article, (seen.get(m.article) ?? 0) + 1);
    if (e.first && e.last) assert.ok(Date.parse(e.last) - Date.parse(e.first) <= GROUP_DEFAULTS.eventSpanHours * 3_600_000, `${e.id} spans ${e.first}..${e.last}`);
  }
  assert.ok([...seen.values()].every((n) => n === 1), 'every article in one event');
  assert.equal(seen.size, new Set(whole.flatMap((e) => e.members.map((m) => m.article))).size, 'the same articles placed');
  // a run killed half-way leaves its mark: the next run analyses everything again
  await store.setMeta('analysis-incomplete', '1');
  assert.equal((await analyzeArchive(store, text)).mode, 'full');
  assert.equal((await analyzeArchive(store, text)).ran, false);

  // the Xi–Putin meeting: RFI's report of 16 Dec (imported late) is in the meeting's event
  const meetingArticles = (await store.listArticles({ limit: 5000 })).filter((a) => /習近平稱期待冬奧之約|俄中不接受任何将体育|中俄要开展更多联合行动/.test(a.title));
  assert.ok(meetingArticles.length >= 2);
  const placedNow = await store.eventPlacements();
  const eventIds = new Set(meetingArticles.map((a) => placedNow.get(a.id)));
  assert.equal(eventIds.size, 1, `meeting reports in ${eventIds.size} events`);
  await store.close();
});
