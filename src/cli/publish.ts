// publish: the archive as a static site in a folder.
import type { Command } from 'commander';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { analyse } from './events.js';
import { terminalProgress } from './progress.js';
import { CliError, config, printJson, textContext, withStore } from './common.js';

export function publishCommands(program: Command): void {
  program
    .command('publish')
    .description('write the archive as a static site (events, threads, articles, outlets, in-browser search) into a folder')
    .argument('<out>', 'the folder; a rebuild rewrites only the pages that changed')
    .option('--json', 'print the report as JSON')
    .action(async (out: string, opts: { json?: boolean }, cmd: Command) => {
      // a rebuild goes into a folder this command made before; anything else must be empty
      if (existsSync(out)) {
        if (!statSync(out).isDirectory()) throw new CliError(`${out} is a file: publish writes a folder`);
        if (readdirSync(out).length && !existsSync(join(out, '.parallax-site.json'))) throw new CliError(`${out} is not empty and holds no site published by Parallax`);
      }
      const ctx = await textContext(config(cmd));
      const { publishSite } = await import('../publish/site.js');
      const report = await withStore(cmd, async (store) => {
        await analyse(store, ctx, { quiet: opts.json });
        const bar = terminalProgress('publishing', { quiet: opts.json });
        try {
          return await publishSite(store, out, { text: ctx, progress: bar.shown ? (s, done, total) => bar.update(done, total, `publishing ${s}`) : undefined });
        } finally {
          bar.stop();
        }
      });
      if (opts.json) { printJson(report); return; }
      process.stdout.write(`${report.files} files (${(report.bytes / 1048576).toFixed(1)} MB, search index ${(report.searchIndexBytes / 1024).toFixed(0)} KB) in ${out}: ` +
        `${report.written} written, ${report.removed} removed; ${report.rendered.articles} articles and ${report.rendered.events} events rendered in ${report.seconds}s\n` +
        (report.pending ? `${report.pending} events are still being compared: their pages say so\n` : ''));
    });
}
