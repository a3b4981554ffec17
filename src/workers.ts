// A worker thread running a module that sits beside the caller, whether the code runs
// compiled (dist/…/x.js) or from the TypeScript sources through tsx.
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
