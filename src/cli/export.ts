// export: the archive (or a selection of it) in the shapes other tools read.
import type { Command } from 'commander';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { QueryError } from '../search/query.js';
import { untilExclusive } from '../extract/dates.js';
import { analyse } from './events.js';
import { terminalProgress } from './progress.js';
import { CliError, config, dateOption, printJson, textContext, withStore } from './common.js';

interface ExportOpts {
  out: string; outlet?: string; since?: string; until?: string; query?: string; event?: string; thread?: string;
  simplified?: boolean; all?: boolean; force?: boolean; json?: boolean;
}

export function exportCommands(program: Command): void {
  program
    .command('export')
    .description('export articles: jsonl, csv, segmented, markdown, atom, dataset or warc')
    .argument('<format>', 'jsonl | csv | segmented | markdown | atom | dataset | warc')
    .requiredOption('--out <path>', 'the file (jsonl, csv, segmented, warc) or folder (markdown, atom, dataset) to write')
    .option('--outlet <id>', 'only this outlet')
    .option('--since <date>', 'published on or after YYYY-MM-DD (the outlet\'s local day)', dateOption)
    .option('--until <date>', 'published on or before YYYY-MM-DD (the outlet\'s local day)', dateOption)
    .option('--query <q>', 'only articles the search finds (the language of `parallax search`)')
    .option('--event <id>', 'only the articles of this event')
    .option('--thread <id>', 'only the articles of the events of this thread')
    .option('--simplified', 'segmented: words in the Simplified normal form')
    .option('--all', 'include placeholders, empty and mojibake pages')
    .option('--force', 'write into a folder that is not empty')
    .option('--json', 'print the report as JSON')
    .action(async (format: string, opts: ExportOpts, cmd: Command) => {
      const { EXPORT_FORMATS, isExportFormat, runExport } = await import('../export/export.js');
      const { resolveSelection, SelectionError } = await import('../export/select.js');
      if (!isExportFormat(format)) throw new CliError(`unknown format ${format}: one of ${Object.keys(EXPORT_FORMATS).join(', ')}`);
      const writesFolder = EXPORT_FORMATS[format].writes === 'folder';
      if (existsSync(opts.out)) {
        const isDir = statSync(opts.out).isDirectory();
        if (isDir !== writesFolder) throw new CliError(`${opts.out} is ${isDir ? 'a folder' : 'a file'}: ${format} writes ${writesFolder ? 'a folder' : 'a file'}`);
        // an export never mixes its files into someone else's folder unless told to
        if (isDir && readdirSync(opts.out).length && !opts.force) throw new CliError(`${opts.out} is not empty (--force writes into it)`);
      }
      const cfg = config(cmd);
      const report = await withStore(cmd, async (store) => {
        // events and threads are grouped after imports: bring them up to date when they are asked for
        if (format === 'atom' || opts.event || opts.thread) await analyse(store, await textContext(cfg), { quiet: opts.json });
        let selection;
        try {
          selection = await resolveSelection(store, {
            outlet: opts.outlet, since: opts.since, until: untilExclusive(opts.until), query: opts.query,
            event: opts.event, thread: opts.thread, includeFlagged: opts.all,
          }, () => textContext(cfg));
        } catch (e) {
          if (e instanceof SelectionError) throw new CliError(e.message, 2);
          if (e instanceof QueryError) throw new CliError(`bad query: ${e.message}`, 2);
          throw e;
        }
        const bar = terminalProgress(`exporting ${format}`, { unit: 'articles', quiet: opts.json });
        // the total when the selection says it: the ids of a query, event or thread, or the whole archive
        const dated = opts.outlet || opts.since || opts.until || opts.all;
        const total = !bar.shown || dated ? 0 : selection.ids ? selection.ids.size : (await store.stats()).articles;
        bar.update(0, total);
        try {
          const segmenter = format === 'segmented' ? (await textContext(cfg)).segmenter : undefined;
          return await runExport(format, { store, selection, out: opts.out, progress: bar.shown ? (n) => bar.update(n, total) : undefined }, { segmenter, simplified: opts.simplified });
        } finally {
          bar.stop();
        }
      });
      if (opts.json) printJson(report);
      else {
        process.stdout.write(`${report.articles} articles → ${report.out} (${report.files} files, ${(report.bytes / 1048576).toFixed(1)} MB) in ${report.seconds}s\n`);
        if (report.skipped.length) process.stdout.write(`${report.skipped.length} left out: ${report.skipped.slice(0, 5).map((s) => `${s.id} (${s.reason})`).join(', ')}${report.skipped.length > 5 ? ', …' : ''}\n`);
      }
    });
}
