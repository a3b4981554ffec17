// Timing one piece of work against a baseline on a shared machine, whose speed drifts by
// ±20 % within a minute: the two run back to back in each round (in alternating order, so
// neither always runs on the other's garbage), and the ratio is the median of the rounds'
// ratios: a pair sees the same moment, where best-of-all rounds compared moments apart.

export interface Paired {
  /** the best round of each, in seconds */
  ours: number;
  baseline: number;
  /** median over rounds of baseline time / our time: above 1 is faster than the baseline */
  ratio: number;
}

export function timePaired(ours: () => void, baseline: () => void, rounds: number): Paired {
  const time = (f: () => void): number => {
    const started = performance.now();
    f();
    return (performance.now() - started) / 1000;
  };
  const best = { ours: Infinity, baseline: Infinity };
  const ratios: number[] = [];
  for (let round = 0; round < rounds; round++) {
    let o: number;
    let b: number;
    if (round % 2) { o = time(ours); b = time(baseline); } else { b = time(baseline); o = time(ours); }
    best.ours = Math.min(best.ours, o);
    best.baseline = Math.min(best.baseline, b);
    ratios.push(b / o);
  }
  ratios.sort((x, y) => x - y);
  return { ...best, ratio: ratios[rounds >> 1]! };
}
