// copy: move an archive between stores (src/store/copy/).
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '../config.js';
import { openStore } from '../store/open.js';
import { isPostgresUrl, NoArchiveError, redact } from '../store/url.js';
import { BACKGROUND_NICE, CliError, lowerPriority, NICE_HELP, niceOption, printJson } from './common.js';

export function copyCommands(program: Command): void {
  program
    .command('copy')
    .description('copy an archive into a new, empty database (SQLite file or postgres:// URL), verified by counts and hashes')
    .requiredOption('--from <db>', 'the archive to copy: a SQLite file or a postgres:// URL')
    .requiredOption('--to <db>', 'a new SQLite file or an empty PostgreSQL database')
    .option('--json', 'print the report as JSON')
    .option('--nice <n>', NICE_HELP, niceOption, BACKGROUND_NICE)
    .action(async (opts: { from: string; to: string; json?: boolean; nice: number }) => {
      lowerPriority(opts.nice);
      const { copyArchive, CopyError } = await import('../store/copy/copy.js');
      const same = isPostgresUrl(opts.from) ? opts.from === opts.to : !isPostgresUrl(opts.to) && resolve(opts.from) === resolve(opts.to);
      if (same) throw new CliError('--from and --to name the same database', 2);
      if (!isPostgresUrl(opts.from) && !existsSync(opts.from)) throw new CliError(`no archive at ${opts.from}: check --from`, 2);
      const from = await openStore(opts.from, { create: false }).catch((e: Error) => { throw e instanceof NoArchiveError ? new CliError(`${e.message} (check --from)`, 2) : e; });
      try {
        const to = await openStore(opts.to, { create: true });
        const bar = process.stderr.isTTY ? new SingleBar({ format: 'copy {step} |{bar}| {value}/{total}', stream: process.stderr, hideCursor: true }) : null;
        let step = '';
        try {
          const report = await copyArchive(from, to, {
            lexicons: loadConfig({ db: opts.from }).lexicons,
            progress: bar ? (s, done, total) => {
              if (s !== step) { bar.stop(); bar.start(total, done, { step: s.padEnd(17) }); step = s; } else bar.update(done);
            } : undefined,
          });
          bar?.stop();
          if (opts.json) printJson(report);
          else {
            const n = (name: string): number => report.tables.find((t) => t.name === name)?.rows ?? 0;
            process.stdout.write(`copied ${redact(opts.from)} → ${redact(opts.to)} in ${report.seconds}s: ${n('articles')} articles, ${n('sources')} sources, ` +
              `${n('raw')} raw files (${report.rawChecked} re-hashed), ${n('article_versions')} earlier versions, ${n('lineage')} lineage edges, ` +
              `${n('events')} events, ${n('threads')} threads; ${report.indexed} articles indexed; every table verified by count and digest\n`);
          }
        } catch (e) {
          bar?.stop();
          if (e instanceof CopyError) throw new CliError(e.message, 1);
          throw e;
        } finally {
          await to.close();
        }
      } finally {
        await from.close();
      }
    });
}
