// serve, demo.
import cluster from 'node:cluster';
import type { Command } from 'commander';
import { existsSync, rmSync } from 'node:fs';
import { importSources } from '../import/pipeline.js';
import { openStore } from '../store/open.js';
import { redact } from '../store/url.js';
import { projectFile } from '../paths.js';
import type { Config } from '../config.js';
import { config, intOption, textContext } from './common.js';

/** One serving process: the app over its own connection to the archive. */
async function listen(db: string, cfg: Config, host: string, port: number, onListening: (port: number) => void): Promise<void> {
  const [{ serve }, { createApp }, { explainClientErrors }, { boundHeap }] = await Promise.all([import('@hono/node-server'), import('../server/app.js'), import('../server/client-error.js'), import('../heap.js')]);
  // a long-running process whose requests make garbage fast: its heap bounded like the watcher's
  boundHeap();
  // searches in threads of their own: a long one never holds this process's other requests
  const store = await openStore(db, { searchThreads: SEARCH_THREADS });
  const text = await textContext(cfg);
  text.segmenter.warm();
  const app = createApp({ store, text, lexicons: cfg.lexicons, adminToken: cfg.adminToken, searchLagMs: cfg.searchLagMs, importRoots: cfg.importRoots, allowPrivateHosts: cfg.allowPrivateHosts });
  const server = serve({ fetch: app.fetch, hostname: host, port }, (info) => onListening(info.port));
  explainClientErrors(server as unknown as import('node:http').Server);
  server.on('error', async (e: NodeJS.ErrnoException) => {
    // a port taken or not allowed is the user's to fix: say so and stop, never restart
    const free = e.code === 'EADDRINUSE' ? await freePortNear(host, port) : undefined;
    const why = e.code === 'EADDRINUSE' ? `port ${port} on ${host} is already in use: stop what listens there or choose another with --port` +
      (free ? `; ${free} is free: --port ${free} (npm start -- --port ${free}, or PARALLAX_PORT=${free})` : '')
      : e.code === 'EACCES' ? `port ${port} needs privileges: choose a port above 1023 with --port`
      : e.code === 'EADDRNOTAVAIL' ? `${host} is not an address of this machine: choose another with --host` : `cannot listen on ${host}:${port}: ${e.message}`;
    process.stderr.write(`parallax serve: ${why}\n`);
    process.exit(LISTEN_FAILED);
  });
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    // idle keep-alive connections would hold the server open; a request still running gets
    // a moment to end, then the process goes whatever it is doing
    server.close();
    (server as { closeIdleConnections?: () => void }).closeIdleConnections?.();
    setTimeout(() => process.exit(0), STOP_GRACE_MS).unref();
    void store.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** The first of the next 20 ports that can be listened on now, to suggest instead of a taken one. */
async function freePortNear(host: string, port: number): Promise<number | undefined> {
  const { createServer } = await import('node:net');
  for (let p = port + 1; p <= Math.min(port + 20, 65535); p++) {
    const ok = await new Promise<boolean>((res) => {
      const probe = createServer();
      probe.once('error', () => res(false));
      probe.listen(p, host, () => probe.close(() => res(true)));
    });
    if (ok) return p;
  }
  return undefined;
}

/** search threads of each serving process (SQLite): a quick search passes a slow one */
const SEARCH_THREADS = 2;

/** the exit code of a serving process that cannot listen (a usage error): not restarted */
const LISTEN_FAILED = 2;

/** how long a stopping process waits for work in hand before it exits regardless */
const STOP_GRACE_MS = 3000;

/**
 * Serve with `processes` processes sharing one port (node:cluster): SQLite in WAL mode
 * lets every process read while one writes, so searches use every core. Events, threads
 * and comparisons are brought up to date by one analysis process the primary starts (it
 * ends with the primary), in the background: the server answers at once, from what is stored.
 */
async function run(db: string, cfg: Config, host: string, port: number, processes: number): Promise<void> {
  const announce = (p: number): void => {
    const where = host === '0.0.0.0' || host === '::' ? `on every address of this machine (${host}), port ${p}: http://127.0.0.1:${p}/ here` : `at http://${host}:${p}/`;
    process.stdout.write(`Parallax is serving ${redact(db)} ${where} (${processes} process${processes > 1 ? 'es' : ''})\n` +
      `  write operations (import, reindex) are ${cfg.adminToken ? 'on (admin token required)' : 'off (set PARALLAX_ADMIN_TOKEN)'}\n`);
  };
  if (cluster.isWorker) {
    await listen(db, cfg, host, port, (p) => process.send?.({ listening: p }));
    return;
  }
  const { startBackgroundAnalysis } = await import('../stories/background.js');
  startBackgroundAnalysis(db, {
    lexicons: cfg.lexicons, aliases: cfg.aliases,
    onReport: (r) => process.stderr.write(`parallax serve: analysed ${r.articles} ${r.mode === 'full' ? '' : 'new or changed '}articles in ${r.seconds} s: ${r.events} events (${r.multiOutlet} told by 2+ outlets), ${r.threads} threads; ${r.comparisons} comparisons updated\n`),
    onError: (m) => process.stderr.write(`parallax serve: analysis failed: ${m}\n`),
    onRecycle: (mb) => process.stderr.write(`parallax serve: the analysis process's heap reached ${mb} MB: a fresh process takes over\n`),
  });
  if (processes <= 1) { await listen(db, cfg, host, port, announce); return; }
  let ready = 0;
  const fork = (): void => {
    const w = cluster.fork();
    w.on('message', (m: { listening?: number }) => { if (m.listening !== undefined && ++ready === processes) announce(m.listening); });
  };
  for (let i = 0; i < processes; i++) fork();
  let stopping = false;
  // a process that dies is replaced; on a signal, all stop
  cluster.on('exit', (_w, code) => {
    if (stopping) return;
    // one that could not listen has said why: the others would fail the same way
    if (code === LISTEN_FAILED) { stopping = true; for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM'); process.exit(LISTEN_FAILED); }
    process.stderr.write(`parallax serve: a process exited (${code}); starting another\n`);
    fork();
  });
  // on a signal every serving process is told to stop; one still busy after the grace
  // period is killed, and the primary leaves only when none is left (no orphans)
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
    if (workers.length === 0) process.exit(0);
    let left = workers.length;
    for (const w of workers) {
      w.once('exit', () => { if (--left === 0) process.exit(0); });
      w.process.kill('SIGTERM');
    }
    setTimeout(() => { for (const w of workers) if (!w.isDead()) w.process.kill('SIGKILL'); }, STOP_GRACE_MS + 2000).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

export function serveCommands(program: Command): void {
  program
    .command('serve')
    .description('serve the web UI and the JSON API over the archive')
    .option('--host <host>', 'address to listen on (default 127.0.0.1, or $PARALLAX_HOST)')
    .option('--port <n>', 'port (default 8780, or $PARALLAX_PORT)', intOption)
    .option('--processes <n>', 'serving processes sharing the port (default: one per core, at most 4, or $PARALLAX_PROCESSES)', intOption)
    .option('--watch', 'also poll the watched feeds and pages (`parallax watch`) in this process')
    .action(async (opts: { host?: string; port?: number; processes?: number; watch?: boolean }, cmd: Command) => {
      const cfg = config(cmd);
      if (opts.watch && !cluster.isWorker) await (await import('./watch.js')).startWatcher(cfg.db, cfg);
      await run(cfg.db, cfg, opts.host ?? cfg.host, opts.port ?? cfg.port, opts.processes ?? cfg.processes);
    });

  program
    .command('demo')
    .description("build a demo archive from the project's own fictional demo data and serve it")
    .option('--port <n>', 'port', intOption)
    .option('--no-serve', 'build only')
    .action(async (o: { port?: number; serve: boolean }, cmd: Command) => {
      const cfg = config(cmd);
      // the demo archive goes to --db when given, else ./demo.db (never the user's own archive)
      const db = (cmd.optsWithGlobals() as { db?: string }).db ?? 'demo.db';
      const port = o.port ?? cfg.port;
      // a serving process forked by the cluster runs this command again: it only serves
      if (cluster.isWorker) { await run(db, cfg, cfg.host, port, cfg.processes); return; }
      for (const suffix of ['', '-wal', '-shm']) if (existsSync(db + suffix)) rmSync(db + suffix);
      const store = await openStore(db);
      const demo = projectFile('demo');
      const report = await importSources(store, [demo], { lexicons: cfg.lexicons });
      const { analyzeArchive } = await import('../stories/analyze.js');
      const a = await analyzeArchive(store, await textContext(cfg));
      await store.close();
      process.stdout.write(`demo archive ${db}: ${report.articles.added} articles, ${a.events} events (${a.multiOutlet} told by 2+ outlets), ${a.threads} threads\n`);
      if (o.serve) await run(db, cfg, cfg.host, port, cfg.processes);
    });
}
