// serve, demo.
import { serve } from '@hono/node-server';
import type { Command } from 'commander';
import { existsSync, rmSync } from 'node:fs';
import { importSources } from '../import/pipeline.js';
import { createApp } from '../server/app.js';
import { analyzeArchive } from '../stories/analyze.js';
import { openStore } from '../store/open.js';
import { projectFile } from '../paths.js';
import { config, intOption, textContext } from './common.js';

async function run(db: string, cmd: Command, host: string, port: number): Promise<void> {
  const cfg = config(cmd);
  const store = await openStore(db);
  const text = textContext(cfg);
  text.segmenter.warm();
  await analyzeArchive(store, text);
  const app = createApp({ store, text, lexicons: cfg.lexicons, adminToken: cfg.adminToken });
  const server = serve({ fetch: app.fetch, hostname: host, port }, (info) => {
    process.stdout.write(`Parallax is serving ${db} at http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${info.port}/\n` +
      `  write operations (import, reindex) are ${cfg.adminToken ? 'on (admin token required)' : 'off (set PARALLAX_ADMIN_TOKEN)'}\n`);
  });
  const stop = (): void => { server.close(); void store.close().then(() => process.exit(0)); };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

export function serveCommands(program: Command): void {
  program
    .command('serve')
    .description('serve the web UI and the JSON API over the archive')
    .option('--host <host>', 'address to listen on (default 127.0.0.1, or $PARALLAX_HOST)')
    .option('--port <n>', 'port (default 8780, or $PARALLAX_PORT)', intOption)
    .action(async (opts: { host?: string; port?: number }, cmd: Command) => {
      const cfg = config(cmd);
      await run(cfg.db, cmd, opts.host ?? cfg.host, opts.port ?? cfg.port);
    });

  program
    .command('demo')
    .description("build a demo archive from the project's own fictional demo data and serve it")
    .option('--port <n>', 'port', intOption)
    .option('--no-serve', 'build only')
    .action(async (o: { port?: number; serve: boolean }, cmd: Command) => {
      const cfg = config(cmd);
      // the demo archive goes to --db when given, else ./demo.db (never the user's own archive)
      const opts = { ...o, db: (cmd.optsWithGlobals() as { db?: string }).db ?? 'demo.db' };
      for (const suffix of ['', '-wal', '-shm']) if (existsSync(opts.db + suffix)) rmSync(opts.db + suffix);
      const store = await openStore(opts.db);
      const demo = projectFile('demo');
      const report = await importSources(store, [demo], { lexicons: cfg.lexicons });
      const text = textContext(cfg);
      const a = await analyzeArchive(store, text);
      await store.close();
      process.stdout.write(`demo archive ${opts.db}: ${report.articles.added} articles, ${a.stories} stories (${a.multiOutlet} told by 2+ outlets)\n`);
      if (opts.serve) await run(opts.db, cmd, cfg.host, opts.port ?? cfg.port);
    });
}
