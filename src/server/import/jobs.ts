// Imports through the API run as jobs, one at a time, off the request path: the request
// gets a job id at once and polls it. The last jobs are kept for polling.
import { randomUUID } from 'node:crypto';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';
export interface Job<R> { id: string; status: JobStatus; inputs: string[]; queued: string; started?: string; finished?: string; report?: R; error?: string }

export class JobQueue<R> {
  private readonly jobs = new Map<string, Job<R>>();
  private tail: Promise<void> = Promise.resolve();

  constructor(private readonly keep = 50, private readonly now: () => Date = () => new Date()) {}

  /** queue `run`; it starts when every earlier job has ended */
  start(inputs: string[], run: () => Promise<R>): Job<R> {
    const job: Job<R> = { id: randomUUID(), status: 'queued', inputs, queued: this.now().toISOString() };
    this.jobs.set(job.id, job);
    for (const id of this.jobs.keys()) { if (this.jobs.size <= this.keep) break; if (this.jobs.get(id)!.status !== 'running' && this.jobs.get(id)!.status !== 'queued') this.jobs.delete(id); }
    this.tail = this.tail.then(async () => {
      job.status = 'running';
      job.started = this.now().toISOString();
      try {
        job.report = await run();
        job.status = 'done';
      } catch (e) {
        job.status = 'failed';
        job.error = e instanceof Error ? e.message : String(e);
      }
      job.finished = this.now().toISOString();
    });
    return job;
  }

  get(id: string): Job<R> | undefined {
    return this.jobs.get(id);
  }

  /** resolves when every job queued so far has ended */
  idle(): Promise<void> {
    return this.tail;
  }
}
