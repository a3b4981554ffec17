// Run the parallax CLI from the TypeScript sources, as a user would run the bin.
import { spawnSync, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from './shared.js';

const main = join(projectRoot, 'src', 'cli', 'main.ts');

export interface CliResult { status: number; stdout: string; stderr: string }

export function cli(args: string[], env: Record<string, string> = {}): CliResult {
  const r = spawnSync(process.execPath, ['--import', 'tsx', main, ...args], {
    encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 256 * 1024 * 1024,
  });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function cliJson<T = unknown>(args: string[], env: Record<string, string> = {}): { status: number; json: T; stderr: string } {
  const r = cli([...args, '--json'], env);
  try {
    return { status: r.status, json: JSON.parse(r.stdout) as T, stderr: r.stderr };
  } catch {
    throw new Error(`not JSON (exit ${r.status}): ${r.stdout.slice(0, 500)}\n${r.stderr.slice(0, 2000)}`);
  }
}

export function cliSpawn(args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', main, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
}
