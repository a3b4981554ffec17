// A worker thread, or a child process, running a module that sits beside the caller,
// whether the code runs compiled (dist/…/x.js) or from the TypeScript sources through tsx.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** `callerUrl` is the caller's import.meta.url; `name` the module's name without extension, in the caller's folder. */
export function startModuleWorker(callerUrl: string, name: string, options: WorkerOptions): Worker {
  if (callerUrl.endsWith('.js')) return new Worker(new URL(`./${name}.js`, callerUrl), options);
  // from TypeScript sources the worker registers tsx before loading its module
  // (resolved here: an eval'd worker would resolve it from the working directory)
  const target = new URL(`./${name}.ts`, callerUrl).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  return new Worker(`import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(target)}); })`, { ...options, eval: true });
}

/**
 * A child process running the module `name` beside the caller (`callerUrl` its
 * import.meta.url), with `args`, connected by IPC; from the TypeScript sources it loads tsx
 * first. A process of its own gives all its memory back when it ends, which a thread's
 * heap, ended inside a living process, does not always do.
 */
export function forkModule(callerUrl: string, name: string, args: string[]): ChildProcess {
  if (callerUrl.endsWith('.js')) return fork(fileURLToPath(new URL(`./${name}.js`, callerUrl)), args);
  // the parent's own flags (tsx's loader among them when it was started through tsx)
  const withTsx = process.execArgv.some((a) => a.includes('tsx')) ? process.execArgv : [...process.execArgv, '--import', import.meta.resolve('tsx')];
  return fork(fileURLToPath(new URL(`./${name}.ts`, callerUrl)), args, { execArgv: withTsx });
}
