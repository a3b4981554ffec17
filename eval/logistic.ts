// Logistic regression for the evaluations that ask whether a learned model beats a rule
// (eval/learned-claim-pairs.ts, eval/learned-speakers.ts): batch gradient descent on
// standardised features with an L2 penalty. Small and deterministic (weights start at zero);
// fit for a few thousand examples of some twenty features, not for the product.

export interface Example { x: number[]; y: number }

export interface Model { weights: number[]; probability: (x: readonly number[]) => number; score: (x: readonly number[]) => number }

export interface FitOptions { l2?: number; rate?: number; iterations?: number }

/** the mean and spread of each feature (a constant feature keeps spread 1) */
function standardiser(xs: ReadonlyArray<readonly number[]>): (x: readonly number[]) => number[] {
  const d = xs[0]?.length ?? 0;
  const mean = new Array<number>(d).fill(0), spread = new Array<number>(d).fill(0);
  for (const x of xs) for (let k = 0; k < d; k++) mean[k]! += x[k]! / xs.length;
  for (const x of xs) for (let k = 0; k < d; k++) spread[k]! += (x[k]! - mean[k]!) ** 2 / xs.length;
  // (a constant feature's spread is rounding error, not 0: it would blow that error up to ±1)
  for (let k = 0; k < d; k++) spread[k] = Math.sqrt(spread[k]!) > 1e-9 ? Math.sqrt(spread[k]!) : 1;
  return (x) => x.map((v, k) => (v - mean[k]!) / spread[k]!);
}

const sigmoid = (s: number): number => 1 / (1 + Math.exp(-s));

/** one label per example (0 or 1) */
export function logisticRegression(data: readonly Example[], o: FitOptions = {}): Model {
  const { l2 = 0.01, rate = 0.5, iterations = 400 } = o;
  const z = standardiser(data.map((e) => e.x));
  const xs = data.map((e) => z(e.x));
  const d = xs[0]?.length ?? 0;
  // the last weight is the bias
  const w = new Array<number>(d + 1).fill(0);
  for (let it = 0; it < iterations; it++) {
    const grad = new Array<number>(d + 1).fill(0);
    xs.forEach((x, n) => {
      let s = w[d]!;
      for (let k = 0; k < d; k++) s += w[k]! * x[k]!;
      const err = sigmoid(s) - data[n]!.y;
      for (let k = 0; k < d; k++) grad[k]! += err * x[k]!;
      grad[d]! += err;
    });
    for (let k = 0; k <= d; k++) w[k]! -= rate * (grad[k]! / (xs.length || 1) + (k < d ? l2 * w[k]! : 0));
  }
  const score = (x: readonly number[]): number => { const q = z(x); let s = w[d]!; for (let k = 0; k < d; k++) s += w[k]! * q[k]!; return s; };
  return { weights: w, score, probability: (x) => sigmoid(score(x)) };
}

/** One choice among candidates (a conditional logit): `gold` is the index of the right candidate, or -1 when none is. */
export interface Choice { candidates: number[][]; gold: number }

/** Softmax over each choice's candidates; choices whose right answer is no candidate teach nothing. */
export function conditionalLogit(data: readonly Choice[], o: FitOptions = {}): { weights: number[]; pick: (candidates: ReadonlyArray<readonly number[]>) => number } {
  const { l2 = 0.01, rate = 0.3, iterations = 600 } = o;
  const taught = data.filter((c) => c.gold >= 0);
  const d = taught[0]?.candidates[0]?.length ?? 0;
  const w = new Array<number>(d).fill(0);
  const dot = (x: readonly number[]): number => { let s = 0; for (let k = 0; k < d; k++) s += w[k]! * x[k]!; return s; };
  for (let it = 0; it < iterations; it++) {
    const grad = new Array<number>(d).fill(0);
    for (const c of taught) {
      const s = c.candidates.map(dot);
      const top = Math.max(...s);
      const e = s.map((v) => Math.exp(v - top));
      const sum = e.reduce((a, b) => a + b, 0);
      c.candidates.forEach((x, i) => { const g = e[i]! / sum - (i === c.gold ? 1 : 0); for (let k = 0; k < d; k++) grad[k]! += g * x[k]!; });
    }
    for (let k = 0; k < d; k++) w[k]! -= rate * (grad[k]! / (taught.length || 1) + l2 * w[k]!);
  }
  return {
    weights: w,
    pick: (candidates) => { let best = -1, top = -Infinity; candidates.forEach((x, i) => { const s = dot(x); if (s > top) { top = s; best = i; } }); return best; },
  };
}
