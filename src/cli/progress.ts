// Progress of a long command on a terminal: done of total, rate and time left (the count and
// the rate when the total is not known). Every step of a command gets its own line, left on
// the screen when the next begins. Quiet with --json and whenever stderr is no terminal (a
// pipe, a log file, a test): nothing but the result is written then.
import { SingleBar } from 'cli-progress';

export interface Progress {
  /** whether anything is shown (worth counting a total for) */
  readonly shown: boolean;
  /** `total` 0 or absent: not known; a new `step` ends the line of the one before; `detail` goes at the end of the line */
  update(done: number, total?: number, step?: string, detail?: string): void;
  stop(): void;
}

const QUIET: Progress = { shown: false, update: () => undefined, stop: () => undefined };

/** 1234 → "1,234"; 12.3 → "12.3" */
const count = (n: number): string => (n >= 100 ? Math.round(n).toLocaleString('en') : n >= 10 ? n.toFixed(0) : n.toFixed(1));

/** seconds as 45s, 3m05s, 1h02m */
export function duration(s: number): string {
  if (!Number.isFinite(s) || s < 0) return '?';
  const t = Math.round(s);
  if (t < 60) return `${t}s`;
  if (t < 3600) return `${Math.floor(t / 60)}m${String(t % 60).padStart(2, '0')}s`;
  return `${Math.floor(t / 3600)}h${String(Math.floor((t % 3600) / 60)).padStart(2, '0')}m`;
}

/**
 * One line of progress: `step [bar] done/total unit | rate/s | time left`. `movedMs`: from the
 * step's start until the count last moved (the rate); `runningMs`: until now (a step with
 * nothing counted yet shows how long it has run).
 */
export function progressLine(step: string, unit: string, done: number, total: number, movedMs: number, runningMs = movedMs): string {
  const u = unit ? ` ${unit}` : '';
  if (done === 0 && !(total > 0)) return `${step} … ${duration(runningMs / 1000)}`;
  // under a fifth of a second says nothing about the rate
  const rate = movedMs >= 200 ? done / (movedMs / 1000) : NaN;
  const rateText = `${Number.isNaN(rate) ? '…' : count(rate)}${u}/s`;
  if (!(total > 0)) return `${step} ${done.toLocaleString('en')}${u} | ${rateText}`;
  const width = 20;
  const filled = Math.min(width, Math.round((done / total) * width));
  const left = rate > 0 ? (total - done) / rate : NaN;
  return `${step} ${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${done.toLocaleString('en')}/${total.toLocaleString('en')}${u} | ${rateText} | ${done >= total ? `all in ${duration(runningMs / 1000)}` : `${duration(left)} left`}`;
}

/**
 * Progress for a long command, shown on stderr when it is a terminal and `quiet` (--json) is
 * not set; otherwise a Progress that does nothing.
 */
export function terminalProgress(step: string, opts: { unit?: string; quiet?: boolean; /** a new step takes over the line instead of starting one */ oneLine?: boolean } = {}): Progress {
  if (opts.quiet || !process.stderr.isTTY) return QUIET;
  const unit = opts.unit ?? '';
  let bar: SingleBar | null = null;
  let current = step;
  let started = Date.now();
  // the rate is taken when the count last moved: a pause (a final commit) does not lower it
  let moved = started;
  let last = 0;
  const begin = (total: number, done: number): void => {
    started = moved = Date.now();
    last = done;
    bar = new SingleBar({
      stream: process.stderr, hideCursor: true, fps: 5, clearOnComplete: false,
      format: (_o, p, payload: { step?: string; detail?: string }) => progressLine(payload.step ?? current, unit, p.value, p.total, moved - started, Date.now() - started) + (payload.detail ? ` | ${payload.detail}` : ''),
    });
    bar.start(total, done, { step: current, detail: '' });
  };
  return {
    shown: true,
    update(done, total = 0, next = current, detail = '') {
      if (bar && next !== current && opts.oneLine) {
        current = next;
        started = moved = Date.now();
        last = done;
      } else if (!bar || next !== current) {
        bar?.stop();
        current = next;
        begin(total, done);
      }
      if (done !== last) { last = done; moved = Date.now(); }
      if (total !== bar!.getTotal()) bar!.setTotal(total);
      bar!.update(done, { step: current, detail });
    },
    stop() {
      bar?.stop();
      bar = null;
    },
  };
}
