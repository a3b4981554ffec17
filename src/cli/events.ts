// events, event, threads, thread, dups: the grouping and the comparison on the command line.
// The archive is analysed first when it changed (with a progress bar on a terminal).
import type { Command } from 'commander';
import type { Comparison } from '../stories/compare.js';
import type { AnalysisContext, Progress } from '../stories/analyze.js';
import type { Store } from '../store/store.js';
import { untilExclusive } from '../extract/dates.js';
import { terminalProgress } from './progress.js';
import { BACKGROUND_NICE, CliError, config, dateOption, intOption, lowerPriority, NICE_HELP, niceOption, printJson, textContext, withStore } from './common.js';

/** Analyse the archive if it changed, showing each step's progress on a terminal (never with --json or in a pipe). */
export async function analyse(store: Store, ctx: AnalysisContext, opts: { regroup?: boolean; quiet?: boolean }): Promise<void> {
  const [{ analyzeArchive }, { boundHeap }] = await Promise.all([import('../stories/analyze.js'), import('../heap.js')]);
  // a batch of 10,000 articles allocates in bursts: without the bound most of the peak is garbage (src/heap.ts)
  boundHeap();
  const bar = terminalProgress('analysing', { quiet: opts.quiet, oneLine: true });
  const progress: Progress = (step, done, total) => bar.update(done, total, step.padEnd(11));
  try {
    await analyzeArchive(store, ctx, { regroup: opts.regroup, progress });
  } finally {
    bar.stop();
  }
}

function printComparison(c: Comparison, titles: Map<string, string>): void {
  const w = (s: string): void => { process.stdout.write(s + '\n'); };
  w('\nTimeline (local time of each outlet)');
  for (const r of c.timeline) for (const a of r.articles) w(`  ${r.outlet.padEnd(9)} ${a.local ?? 'undated         '} ${r.zone.padEnd(6)} ${a.title}`);
  const n = c.outlets.length;
  w(`\nClaims (k of ${n} outlets)`);
  for (const cl of c.claims.filter((x) => x.outlets.length > 1).slice(0, 30)) w(`  ${cl.outlets.length}/${n} ${cl.discrepant ? '≠ ' : ''}[${cl.outlets.join(',')}] ${cl.members[0]!.text}`);
  if (c.discrepancies.length) {
    w('\nDiscrepancies');
    for (const d of c.discrepancies.slice(0, 20)) w(`  ${d.kind}: ${d.a.outlet} «${d.values[0]}» vs ${d.b.outlet} «${d.values[1]}»\n    ${d.a.text}\n    ${d.b.text}`);
  }
  w('\nPer outlet: claims all / some / only it / left out');
  for (const s of c.summary) w(`  ${s.outlet.padEnd(9)} ${s.all.length} / ${s.some.length} / ${s.only.length} / ${s.omitted.length}`);
  w('\nQuotes by speaker');
  for (const q of c.quotes.slice(0, 20)) w(`  ${q.speaker}: 「${q.text.slice(0, 60)}」 — ${q.outlets.join(',')}`);
  w('\nWire share');
  for (const r of c.wire) w(`  ${r.outlet.padEnd(9)} ${(r.share * 100).toFixed(0)}%${r.agency ? ` of ${r.agency}` : ''}${r.leftOut ? `, left out ${r.leftOut} wire sentences` : ''}`);
  void titles;
}

export function eventCommands(program: Command): void {
  program
    .command('events')
    .alias('stories')
    .description('events: articles about one happening, grouped across outlets and scripts (grouped after imports)')
    .option('--since <date>', 'with an article on or after YYYY-MM-DD', dateOption)
    .option('--until <date>', 'with an article on or before YYYY-MM-DD', dateOption)
    .option('--min-outlets <n>', 'told by at least N outlets (default 2; 1 with --thread)', intOption, 2)
    .option('--outlet <id>', 'told by this outlet')
    .option('--thread <id>', 'the events of one thread, in time')
    .option('--limit <n>', 'at most N events', intOption, 30)
    .option('--offset <n>', 'skip the first N', intOption, 0)
    .option('--regroup', 'forget earlier groupings and group every article afresh (ids may change)')
    .option('--json', 'print JSON')
    .option('--nice <n>', NICE_HELP, niceOption, BACKGROUND_NICE)
    .action(async (opts: { since?: string; until?: string; minOutlets: number; outlet?: string; thread?: string; limit: number; offset: number; regroup?: boolean; json?: boolean; nice: number }, cmd: Command) => {
      // the analysis before the list can be long (a regrouping: minutes): a batch job
      lowerPriority(opts.nice);
      const ctx = await textContext(config(cmd));
      const { total, events } = await withStore(cmd, async (store) => {
        await analyse(store, ctx, { regroup: opts.regroup, quiet: opts.json });
        // a thread's events are all shown, one-outlet ones included, unless --min-outlets says otherwise
        const minOutlets = opts.thread && cmd.getOptionValueSource('minOutlets') === 'default' ? 1 : opts.minOutlets;
        return store.listEvents({ since: opts.since, until: untilExclusive(opts.until), minOutlets, outlet: opts.outlet, thread: opts.thread, limit: opts.limit, offset: opts.offset, order: opts.thread ? 'time' : 'size' });
      });
      if (opts.json) { printJson({ total, events }); return; }
      process.stdout.write(`${total} events${total > events.length ? ` (showing ${opts.offset + 1}–${opts.offset + events.length}; --offset for more)` : ''}\n`);
      for (const e of events) {
        process.stdout.write(`${e.id}  ${e.first?.slice(0, 16) ?? ''} … ${e.last?.slice(0, 16) ?? ''}  ${e.outlets.length} outlets, ${e.members.length} articles  ${e.label.hans}\n    ${e.outlets.join(' ')}  (thread ${e.thread})\n`);
      }
    });

  program
    .command('event')
    .alias('story')
    .description('one event with its comparison: claims × outlets, discrepancies, exclusives and omissions, quotes, timeline, wire share')
    .argument('<id>', 'event id (from `parallax events`)')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
      const ctx = await textContext(config(cmd));
      const { eventComparison } = await import('../stories/analyze.js');
      const full = await withStore(cmd, async (store) => {
        await analyse(store, ctx, { quiet: opts.json });
        const event = await store.getEvent(id);
        if (!event) throw new CliError(`no event with id ${id}`, 1);
        return { ...event, comparison: await eventComparison(store, event, ctx) };
      });
      if (opts.json) { printJson(full); return; }
      process.stdout.write(`${full.label.hans}\n${full.label.hant}\n${full.outlets.length} outlets, ${full.members.length} articles; thread ${full.thread}; keywords: ${full.keywords.join(' ')}\n`);
      printComparison(full.comparison, new Map());
    });

  program
    .command('threads')
    .description('threads: the events of one developing topic over days and weeks')
    .option('--since <date>', 'with an event on or after YYYY-MM-DD', dateOption)
    .option('--until <date>', 'with an event on or before YYYY-MM-DD', dateOption)
    .option('--min-events <n>', 'with at least N events', intOption, 2)
    .option('--limit <n>', 'at most N threads', intOption, 30)
    .option('--offset <n>', 'skip the first N', intOption, 0)
    .option('--json', 'print JSON')
    .action(async (opts: { since?: string; until?: string; minEvents: number; limit: number; offset: number; json?: boolean }, cmd: Command) => {
      const ctx = await textContext(config(cmd));
      const { total, threads } = await withStore(cmd, async (store) => {
        await analyse(store, ctx, { quiet: opts.json });
        return store.listThreads({ since: opts.since, until: untilExclusive(opts.until), minEvents: opts.minEvents, limit: opts.limit, offset: opts.offset });
      });
      if (opts.json) { printJson({ total, threads }); return; }
      process.stdout.write(`${total} threads${total > threads.length ? ` (showing ${opts.offset + 1}–${opts.offset + threads.length}; --offset for more)` : ''}\n`);
      for (const t of threads) process.stdout.write(`${t.id}  ${t.first?.slice(0, 10) ?? ''} … ${t.last?.slice(0, 10) ?? ''}  ${t.events.length} events, ${t.articles} articles, ${t.outlets.length} outlets  ${t.label.hans}\n`);
    });

  program
    .command('thread')
    .description('one thread: its events in time')
    .argument('<id>', 'thread id (from `parallax threads`)')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
      const ctx = await textContext(config(cmd));
      const full = await withStore(cmd, async (store) => {
        await analyse(store, ctx, { quiet: opts.json });
        const thread = await store.getThread(id);
        if (!thread) throw new CliError(`no thread with id ${id}`, 1);
        const { events } = await store.listEvents({ thread: id, limit: 1000, order: 'time' });
        return { ...thread, eventRecords: events };
      });
      if (opts.json) { const { eventRecords, ...t } = full; printJson({ ...t, events: eventRecords }); return; }
      process.stdout.write(`${full.label.hans}\n${full.events.length} events, ${full.articles} articles, ${full.outlets.length} outlets; keywords: ${full.keywords.join(' ')}\n\n`);
      for (const e of full.eventRecords) process.stdout.write(`${e.first?.slice(0, 16) ?? 'undated'}  ${e.id}  ${e.outlets.length} outlets, ${e.members.length} articles  ${e.label.hans}\n`);
    });

  program
    .command('dups')
    .description('duplicates, reprints, updates and containment between articles')
    .option('--limit <n>', 'at most N links (the text listing; --json gives them all)', intOption, 50)
    .option('--json', 'print JSON')
    .action(async (opts: { limit: number; json?: boolean }, cmd: Command) => {
      const ctx = await textContext(config(cmd));
      const { edges, titles } = await withStore(cmd, async (store) => {
        await analyse(store, ctx, { quiet: opts.json });
        const edges = await store.allLineage();
        if (opts.json) return { edges, titles: new Map<string, string>() };
        const shown = edges.slice(0, opts.limit);
        const ids = [...new Set(shown.flatMap((e) => [e.from, e.to]))];
        return { edges, titles: new Map((await store.articlesByIds(ids)).map((a) => [a.id, `${a.outlet.id} ${a.title}`])) };
      });
      if (opts.json) { printJson(edges); return; }
      process.stdout.write(`${edges.length} links${edges.length > opts.limit ? ` (showing ${opts.limit}; --limit for more, --json for all)` : ''}\n`);
      for (const e of edges.slice(0, opts.limit)) {
        process.stdout.write(`${e.from} ${titles.get(e.from) ?? ''}\n  ${e.kind} (${e.score}) ${e.to} ${titles.get(e.to) ?? ''}\n`);
      }
    });
}
