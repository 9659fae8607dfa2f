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
  return pairedBootstrapDifferences(yTrue, predA, predB, { score }, { rounds, seed }).score!;
}

export interface PairedBootstrapOptions {
  rounds: number;
  seed: number;
  /** Central interval level, default 0.95. */
  confidence?: number;
}

/**
 * Percentile intervals of score(predB) - score(predA) for several scores at
 * once, each computed on the same paired resamples (so, e.g., the accuracy
 * and macro-F1 intervals describe the same bootstrap world). The draws do not
 * depend on the scorers: one scorer gives what `pairedBootstrapDifference` gives.
 */
export function pairedBootstrapDifferences<K extends string>(
  yTrue: readonly string[],
  predA: readonly string[],
  predB: readonly string[],
  scorers: Readonly<Record<K, Scorer>>,
  options: PairedBootstrapOptions,
): Record<K, Interval> {
  const n = yTrue.length;
  const t = new Array<string>(n);
  const a = new Array<string>(n);
  const b = new Array<string>(n);
  return percentileIntervals(n, Object.keys(scorers) as K[], options, (draw) => {
    for (let i = 0; i < n; i++) {
      const j = draw[i]!;
      t[i] = yTrue[j]!;
      a[i] = predA[j]!;
      b[i] = predB[j]!;
    }
    return (k) => scorers[k](t, b) - scorers[k](t, a);
  });
}

/**
 * Percentile intervals of several scores of ONE prediction set (e.g. a
 * judge's accuracy on a slice), over the same seeded resamples the paired
 * bootstrap draws for the same seed and record count.
 */
export function bootstrapScores<K extends string>(
  yTrue: readonly string[],
  yPred: readonly string[],
  scorers: Readonly<Record<K, Scorer>>,
  options: PairedBootstrapOptions,
): Record<K, Interval> {
  const n = yTrue.length;
  const t = new Array<string>(n);
  const p = new Array<string>(n);
  return percentileIntervals(n, Object.keys(scorers) as K[], options, (draw) => {
    for (let i = 0; i < n; i++) {
      t[i] = yTrue[draw[i]!]!;
      p[i] = yPred[draw[i]!]!;
    }
    return (k) => scorers[k](t, p);
  });
}

/** The resampling loop both bootstraps share: `rounds` draws of n record indices with replacement. */
function percentileIntervals<K extends string>(
  n: number,
  names: readonly K[],
  options: PairedBootstrapOptions,
  statistic: (draw: readonly number[]) => (k: K) => number,
): Record<K, Interval> {
  const rng = createRng(options.seed);
  const tail = (1 - (options.confidence ?? 0.95)) / 2;
  const values = new Map<K, number[]>(names.map((k) => [k, []]));
  const draw = new Array<number>(n);
  for (let r = 0; r < options.rounds; r++) {
    for (let i = 0; i < n; i++) draw[i] = rng.int(0, n - 1);
    const stat = statistic(draw);
    for (const k of names) values.get(k)!.push(stat(k));
  }
  const out = {} as Record<K, Interval>;
  for (const k of names) out[k] = { lo: quantile(values.get(k)!, tail), hi: quantile(values.get(k)!, 1 - tail) };
  return out;
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
