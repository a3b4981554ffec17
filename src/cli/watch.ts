// watch (add, list, remove, import, and the poller itself), history, changes.
import type { Command } from 'commander';
import { CliError, config, dateOption, intOption, printJson, withStore } from './common.js';
import type { Store } from '../store/store.js';
import type { Config } from '../config.js';
import type { Change } from '../watch/diff.js';

async function contextFor(store: Store, cfg: Config) {
  const { watchContext } = await import('../watch/context.js');
  try {
    return await watchContext(store, { allowPrivateHosts: cfg.allowPrivateHosts, ladder: cfg.watchLadder, lexicons: cfg.lexicons, spacingMs: cfg.watchSpacingMs });
  } catch (e) {
    throw new CliError(`watchLadder: ${(e as Error).message}`);
  }
}

const context = (cmd: Command, store: Store) => contextFor(store, config(cmd));

/** --json of a subcommand: the parent `watch` has one too, and commander gives it the flag */
const json = (cmd: Command): boolean => (cmd.optsWithGlobals() as { json?: boolean }).json === true;

const when = (t: string | null | undefined): string => (t ? t.replace('T', ' ').replace(/:\d\d\.\d+Z$/, 'Z') : '-');

/** a change as one line: edits show their words, [-removed-]{+added+} */
export function changeLine(c: Change): string {
  switch (c.type) {
    case 'title': return `  title: ${c.from} → ${c.to}`;
    case 'added': return `  + ${c.text}`;
    case 'removed': return `  - ${c.text}`;
    case 'moved': return `  ↕ ${c.text}`;
    case 'edited': return `  ~ ${c.words.map((w) => (w.op === 'same' ? w.text : w.op === 'added' ? `{+${w.text}+}` : `[-${w.text}-]`)).join('')}`;
  }
}

/**
 * The poller beside a server (`serve --watch`): its own connection to the archive, in
 * this process; the serving processes see what it commits (WAL).
 */
export async function startWatcher(db: string, cfg: Config): Promise<void> {
  const [{ openStore }, { runWatcher }, { boundHeap }] = await Promise.all([import('../store/open.js'), import('../watch/watcher.js'), import('../heap.js')]);
  boundHeap();
  const store = await openStore(db);
  const ctx = await contextFor(store, cfg).catch(async (e: Error) => { await store.close(); throw e; });
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  process.once('SIGTERM', () => stop.abort());
  void runWatcher(ctx, stop.signal, (r) => {
    const v = r.versions;
    if (r.sources || r.pages) process.stderr.write(`parallax watch: ${r.sources} sources, ${r.newItems} new items, ${r.pages} pages: ${v.first} new, ${v.edit} edited, ${v.removed} removed, ${v.restored} restored\n`);
  }).catch((e: Error) => process.stderr.write(`parallax watch: stopped: ${e.message}\n`));
}

export function watchCommands(program: Command): void {
  const watch = program
    .command('watch')
    .description('poll watched feeds, sitemaps and pages (until stopped; --once: what is due, then exit)')
    .option('--once', 'poll what is due now, then exit (for cron)')
    .option('--recheck-all', 're-check every watched article now, whatever its ladder says')
    .option('--json', 'print each round\'s report as JSON')
    .action(async (opts: { once?: boolean; recheckAll?: boolean; json?: boolean }, cmd: Command) => {
      await withStore(cmd, async (store) => {
        (await import('../heap.js')).boundHeap();
        const ctx = await context(cmd, store);
        const { pollDue, runWatcher } = await import('../watch/watcher.js');
        if (opts.recheckAll) {
          const n = await store.watch.recheckAll(new Date(ctx.clock.now()).toISOString());
          if (!opts.json) process.stderr.write(`${n} watched pages to re-check now\n`);
        }
        const print = (r: Awaited<ReturnType<typeof pollDue>>): void => {
          if (opts.json) { printJson(r); return; }
          const v = r.versions;
          process.stdout.write(`${new Date(ctx.clock.now()).toISOString()}  ${r.sources} sources polled (${r.sourcesFailed} failed), ${r.newItems} new items; ` +
            `${r.pages} pages checked (${r.pagesFailed} failed): ${v.first} new, ${v.edit} edited, ${v.removed} removed, ${v.restored} restored\n`);
        };
        if (opts.once) {
          const r = await pollDue(ctx);
          print(r);
          if (r.sourcesFailed || r.pagesFailed) process.exitCode = 1;
          return;
        }
        const stop = new AbortController();
        process.once('SIGINT', () => stop.abort());
        process.once('SIGTERM', () => stop.abort());
        if (!opts.json) process.stderr.write('watching; Ctrl-C stops\n');
        await runWatcher(ctx, stop.signal, print);
      });
    });

  watch
    .command('add')
    .description('watch feeds (RSS, Atom, JSON Feed), news sitemaps, OPML files of feeds or single article pages')
    .argument('<urls...>', 'URLs')
    .option('--outlet <id>', 'the outlet these sources belong to')
    .option('--json', 'print what was added as JSON')
    .action(async (urls: string[], opts: { outlet?: string }, cmd: Command) => {
      await withStore(cmd, async (store) => {
        const ctx = await context(cmd, store);
        const { addWatch, WatchError } = await import('../watch/watcher.js');
        const added = [];
        const failed: Array<{ url: string; reason: string }> = [];
        for (const url of urls) {
          try { added.push(...(await addWatch(ctx, url, opts.outlet ?? null))); }
          catch (e) { if (e instanceof WatchError) failed.push({ url, reason: e.message }); else throw e; }
        }
        if (json(cmd)) printJson({ added, failed });
        else {
          for (const a of added) process.stdout.write(`${a.added ? 'watching' : 'already watched'}  ${String(a.id).padStart(4)}  ${a.kind.padEnd(7)}  ${a.url}\n`);
          for (const f of failed) process.stderr.write(`not added ${f.url}: ${f.reason}\n`);
        }
        if (failed.length) process.exitCode = 1;
      }, { create: true });
    });

  watch
    .command('import')
    .description('watch every feed an OPML file names')
    .argument('<file>', 'an OPML file')
    .option('--outlet <id>', 'the outlet these feeds belong to')
    .option('--json', 'print what was added as JSON')
    .action(async (file: string, opts: { outlet?: string }, cmd: Command) => {
      await withStore(cmd, async (store) => {
        const ctx = await context(cmd, store);
        const { importOpml, WatchError } = await import('../watch/watcher.js');
        let added;
        try { added = await importOpml(ctx, file, opts.outlet ?? null); } catch (e) { throw e instanceof WatchError ? new CliError(e.message) : e; }
        if (json(cmd)) printJson(added);
        else process.stdout.write(`${added.filter((a) => a.added).length} feeds added, ${added.filter((a) => !a.added).length} already watched\n`);
      }, { create: true });
    });

  watch
    .command('list')
    .description("each watched source: its state, last success, errors of the last 7 days, next poll")
    .option('--json', 'print as JSON')
    .action(async (_opts: unknown, cmd: Command) => {
      await withStore(cmd, async (store) => {
        const sources = await store.watch.listSources(new Date().toISOString());
        if (json(cmd)) { printJson(sources); return; }
        if (sources.length === 0) { process.stdout.write('nothing is watched: add feeds with `parallax watch add URL`\n'); return; }
        process.stdout.write('  id  kind     state   pages  errors(7d)  last success       next poll          url\n');
        for (const s of sources) {
          process.stdout.write(`${String(s.id).padStart(4)}  ${s.kind.padEnd(7)}  ${s.state.padEnd(6)}  ${String(s.pages ?? 0).padStart(5)}  ${String(s.errors7d ?? 0).padStart(10)}  ` +
            `${when(s.lastSuccessAt).padEnd(17)}  ${(s.state === 'paused' ? 'paused' : when(s.nextPollAt)).padEnd(17)}  ${s.url}` +
            `${s.lastError ? `\n        last error: ${s.lastError}` : ''}\n`);
        }
      });
    });

  watch
    .command('remove')
    .description('stop watching sources (by id or URL); what was archived stays')
    .argument('<sources...>', 'ids or URLs')
    .action(async (sources: string[], _opts: unknown, cmd: Command) => {
      await withStore(cmd, async (store) => {
        const missing = [];
        for (const s of sources) if (!(await store.watch.removeSource(s))) missing.push(s);
        if (missing.length) throw new CliError(`not watched: ${missing.join(', ')}`, 1);
      });
    });

  program
    .command('history')
    .description("an article's versions as the watcher saw them: edits with their words, removals with their cause and time")
    .argument('<id>', 'article id or watched URL')
    .option('--json', 'print as JSON')
    .action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
      await withStore(cmd, async (store) => {
        const [{ articleHistory }, { segmenter }] = await Promise.all([import('../watch/history.js'), import('../text/segment.js')]);
        const h = await articleHistory(store, id, segmenter(config(cmd).lexicons));
        if (!h) throw new CliError(`${id} is not a watched article (see \`parallax watch list\`)`, 1);
        if (opts.json) { printJson(h); return; }
        process.stdout.write(`${h.url}  (${h.state}; last fetched ${when(h.lastFetch)}, next check ${when(h.nextCheck)})\n`);
        for (const v of h.versions) {
          const bracket = v.kind === 'first' ? '' : `  between ${when(v.lastSeen)} and ${when(v.firstMissing)}`;
          process.stdout.write(`${when(v.at)}  ${v.kind}${v.cause ? ` (${v.cause})` : ''}${bracket}${v.title ? `  ${v.title}` : ''}\n`);
          for (const c of v.changes) process.stdout.write(changeLine(c) + '\n');
        }
      });
    });

  program
    .command('changes')
    .description('edits, removals and restorations across the archive since a day, newest first')
    .requiredOption('--since <day>', 'YYYY-MM-DD', dateOption)
    .option('--outlet <id>', 'only this outlet')
    .option('--limit <n>', 'at most this many', intOption, 200)
    .option('--json', 'print as JSON')
    .action(async (opts: { since: string; outlet?: string; limit: number; json?: boolean }, cmd: Command) => {
      await withStore(cmd, async (store) => {
        const [{ changesSince }, { segmenter }] = await Promise.all([import('../watch/history.js'), import('../text/segment.js')]);
        const changes = await changesSince(store, { since: opts.since, outlet: opts.outlet, limit: opts.limit }, segmenter(config(cmd).lexicons));
        if (opts.json) { printJson(changes); return; }
        if (changes.length === 0) { process.stdout.write(`no edits or removals since ${opts.since}\n`); return; }
        for (const c of changes) {
          const s = c.summary;
          const what = c.kind === 'removed' ? `removed (${c.cause}) between ${when(c.lastSeen)} and ${when(c.firstMissing)}`
            : c.kind === 'restored' ? 'restored' : `edited: ${[s.title ? 'title' : '', s.edited ? `${s.edited} changed` : '', s.added ? `${s.added} added` : '', s.removed ? `${s.removed} removed` : '', s.moved ? `${s.moved} moved` : ''].filter(Boolean).join(', ')}`;
          process.stdout.write(`${when(c.at)}  ${(c.outlet ?? '-').padEnd(9)}  ${c.articleId ?? '-'}  ${c.title}  — ${what}\n`);
        }
      });
    });
}
