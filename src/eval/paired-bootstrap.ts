/**
 * Paired bootstrap of a difference between two prediction sets on the same
 * records: resample records with replacement (seeded), score both prediction
 * sets on the same resample, and take percentile intervals of the difference.
 */
import { createRng } from '../util/rng.js';

export interface Interval {
  lo: number;
  hi: number;
}

export type Scorer = (yTrue: string[], yPred: string[]) => number;

/** 95% percentile interval of score(predB) - score(predA) over `rounds` paired resamples. */
export function pairedBootstrapDifference(
  yTrue: readonly string[],
  predA: readonly string[],
  predB: readonly string[],
  score: Scorer,
  rounds: number,
  seed: number,
): Interval {
  const rng = createRng(seed);
  const n = yTrue.length;
  const diffs: number[] = [];
  const t = new Array<string>(n);
  const a = new Array<string>(n);
  const b = new Array<string>(n);
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < n; i++) {
      const j = rng.int(0, n - 1);
      t[i] = yTrue[j]!;
      a[i] = predA[j]!;
      b[i] = predB[j]!;
    }
    diffs.push(score(t, b) - score(t, a));
  }
  return { lo: quantile(diffs, 0.025), hi: quantile(diffs, 0.975) };
}

/** Linear-interpolation quantile (numpy's default) of unsorted values. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = values.slice().sort((x, y) => x - y);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}
