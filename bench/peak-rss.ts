// Peak resident memory of this process, in MB.
import { readFileSync } from 'node:fs';

/**
 * Linux's VmHWM: the peak of this process's own memory since it started. getrusage's
 * maxRSS is no measure for a benchmark's child: it keeps the high-water mark of the
 * process that forked it (a parent holding 600 MB made every child report 600 MB).
 * Elsewhere maxRSS is what there is.
 */
export function peakRssMB(): number {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Math.round(Number(m[1]) / 1024);
  } catch {
    // no /proc here
  }
  return Math.round(process.resourceUsage().maxRSS / 1024);
}
