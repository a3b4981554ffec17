// What every export format shares: a file written as a stream (waiting when the disk is
// slower than the store), the progress callback and the report.
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';
import { once } from 'node:events';
import type { Store } from '../store/store.js';
import type { Selection } from './select.js';

export interface ExportContext {
  store: Store;
  selection: Selection;
  /** a file or folder, as the format wants */
  out: string;
  /** called after each article written */
  progress?: (articles: number) => void;
}

export interface ExportReport {
  format: string;
  articles: number;
  /** files written (a folder's count, or 1) */
  files: number;
  bytes: number;
  out: string;
  /** articles left out, with why (an Atom entry needs a date, WARC needs raw bytes) */
  skipped: Array<{ id: string; reason: string }>;
  seconds: number;
}

export class StreamFile {
  private readonly stream: WriteStream;
  bytes = 0;

  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.stream = createWriteStream(path);
  }

  async write(chunk: string | Uint8Array): Promise<void> {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    this.bytes += buf.length;
    if (!this.stream.write(buf)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    this.stream.end();
    await once(this.stream, 'finish');
  }
}

export function newReport(format: string, out: string): ExportReport & { started: number } {
  return { format, articles: 0, files: 0, bytes: 0, out, skipped: [], seconds: 0, started: performance.now() };
}

export function finishReport(r: ExportReport & { started: number }): ExportReport {
  const { started, ...rest } = r;
  return { ...rest, seconds: Math.round((performance.now() - started) / 10) / 100 };
}
