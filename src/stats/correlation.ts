/**
 * Correlations between two numeric vectors, with two-sided p-values computed
 * as scipy 1.10 does: `pearsonr` (exact null distribution of r, a beta law),
 * `spearmanr` (Pearson on average ranks, t-test with n-2 df) and `kendalltau`
 * (tau-b; exact permutation p-value when there are no ties and n <= 33 or
 * the statistic is extreme, otherwise the normal approximation with the tie
 * correction of the variance). Constant input gives NaN, as in scipy.
 */
import { InputError } from '../errors.js';
import { correlationTwoSidedP, normalTwoSidedP, regularizedBeta } from './special.js';

export interface CorrelationResult {
  statistic: number;
  /** Two-sided p-value (null hypothesis: no association). */
  pValue: number;
}

export interface KendallResult extends CorrelationResult {
  /** How the p-value was computed (scipy's `method='auto'` choice). */
  method: 'exact' | 'asymptotic';
}

function checkVectors(x: readonly number[], y: readonly number[], minLength: number): void {
  if (x.length !== y.length) throw new InputError(`correlation needs paired vectors; got lengths ${x.length} and ${y.length}`);
  if (x.length < minLength) throw new InputError(`correlation needs at least ${minLength} pairs; got ${x.length}`);
  const bad = [...x, ...y].find((v) => !Number.isFinite(v));
  if (bad !== undefined) throw new InputError(`correlation input must be finite numbers; got ${bad}`);
}

const isConstant = (v: readonly number[]) => v.every((a) => a === v[0]);
const mean = (v: readonly number[]) => v.reduce((s, a) => s + a, 0) / v.length;

/** Pearson's r with scipy's `pearsonr` two-sided p-value. */
export function pearson(x: readonly number[], y: readonly number[]): CorrelationResult {
  checkVectors(x, y, 2);
  const n = x.length;
  if (isConstant(x) || isConstant(y)) return { statistic: NaN, pValue: NaN };
  if (n === 2) return { statistic: Math.sign(x[1]! - x[0]!) * Math.sign(y[1]! - y[0]!), pValue: 1 };
  const r = clampUnit(pearsonR(x, y));
  // Under H0, (r+1)/2 ~ Beta(n/2-1, n/2-1); two-sided p = 2 * sf(|r|).
  const ab = n / 2 - 1;
  return { statistic: r, pValue: Math.min(1, 2 * regularizedBeta((1 - Math.abs(r)) / 2, ab, ab)) };
}

function pearsonR(x: readonly number[], y: readonly number[]): number {
  const mx = mean(x);
  const my = mean(y);
  const xm = x.map((v) => v - mx);
  const ym = y.map((v) => v - my);
  const norm = (v: number[]) => Math.sqrt(v.reduce((s, a) => s + a * a, 0));
  const nx = norm(xm);
  const ny = norm(ym);
  return xm.reduce((s, v, i) => s + (v / nx) * (ym[i]! / ny), 0);
}

const clampUnit = (r: number) => Math.max(-1, Math.min(1, r));

/** Ranks 1..n, ties given the average of the ranks they span (scipy's `rankdata(method='average')`). */
export function averageRanks(values: readonly number[]): number[] {
  const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const ranks = new Array<number>(values.length);
  for (let start = 0; start < order.length; ) {
    let end = start + 1;
    while (end < order.length && values[order[end]!] === values[order[start]!]) end++;
    const rank = (start + 1 + end) / 2; // mean of ranks start+1 .. end
    for (let k = start; k < end; k++) ranks[order[k]!] = rank;
    start = end;
  }
  return ranks;
}

/** Spearman's rho (average ranks for ties) with scipy's `spearmanr` two-sided p-value. */
export function spearman(x: readonly number[], y: readonly number[]): CorrelationResult {
  checkVectors(x, y, 3);
  if (isConstant(x) || isConstant(y)) return { statistic: NaN, pValue: NaN };
  const rho = clampUnit(pearsonR(averageRanks(x), averageRanks(y)));
  return { statistic: rho, pValue: correlationTwoSidedP(rho, x.length) };
}

/** Sizes of groups of equal values (only groups of 2 or more). */
function tieGroups(values: readonly number[]): number[] {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.values()].filter((c) => c > 1);
}

/** Kendall's tau-b with scipy's `kendalltau(method='auto')` two-sided p-value. */
export function kendallTauB(x: readonly number[], y: readonly number[]): KendallResult {
  checkVectors(x, y, 2);
  const n = x.length;
  let concordant = 0;
  let discordant = 0;
  // O(n^2) pair count: fine for model-level vectors (tens to hundreds of models).
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const s = Math.sign(x[i]! - x[j]!) * Math.sign(y[i]! - y[j]!);
      if (s > 0) concordant++;
      else if (s < 0) discordant++;
    }
  }
  const total = (n * (n - 1)) / 2;
  const xGroups = tieGroups(x);
  const yGroups = tieGroups(y);
  const pairsTied = (groups: number[]) => groups.reduce((s, t) => s + (t * (t - 1)) / 2, 0);
  const xTies = pairsTied(xGroups);
  const yTies = pairsTied(yGroups);
  if (xTies === total || yTies === total) return { statistic: NaN, pValue: NaN, method: 'asymptotic' };
  const score = concordant - discordant;
  const tau = clampUnit(score / Math.sqrt(total - xTies) / Math.sqrt(total - yTies));
  const noTies = xTies === 0 && yTies === 0;
  if (noTies && (n <= 33 || Math.min(discordant, total - discordant) <= 1)) {
    return { statistic: tau, pValue: kendallExactP(n, total - discordant), method: 'exact' };
  }
  const m = n * (n - 1);
  const v1 = (groups: number[]) => groups.reduce((s, t) => s + t * (t - 1) * (2 * t + 5), 0);
  const v2 = (groups: number[]) => groups.reduce((s, t) => s + t * (t - 1) * (t - 2), 0);
  const variance =
    (m * (2 * n + 5) - v1(xGroups) - v1(yGroups)) / 18 +
    (2 * xTies * yTies) / m +
    (v2(xGroups) * v2(yGroups)) / (9 * m * (n - 2));
  return { statistic: tau, pValue: normalTwoSidedP(score / Math.sqrt(variance)), method: 'asymptotic' };
}

/**
 * Exact two-sided p-value of Kendall's statistic without ties: twice the
 * probability that a random permutation of n has at most min(c, N-c)
 * concordant pairs (Kendall 1970), as scipy's `_kendall_p_exact`.
 */
export function kendallExactP(n: number, concordant: number): number {
  const total = (n * (n - 1)) / 2;
  const c = Math.min(concordant, total - concordant);
  if (n <= 2) return 1;
  if (4 * c === n * (n - 1)) return 1;
  // counts[k] / (n!/2) = P(k inversions); built by the Mahonian recurrence, normalised as we go.
  let counts = new Array<number>(c + 1).fill(0);
  counts[0] = 1;
  if (c >= 1) counts[1] = 1;
  for (let j = 3; j <= n; j++) {
    const cumulative = new Array<number>(c + 1);
    let running = 0;
    for (let k = 0; k <= c; k++) {
      running += counts[k]!;
      cumulative[k] = running / j;
    }
    if (j <= c) for (let k = c; k >= j; k--) cumulative[k]! -= cumulative[k - j]!;
    counts = cumulative;
  }
  const p = counts.reduce((s, v) => s + v, 0);
  return Math.max(0, Math.min(1, p));
}

/**
 * Relative tolerance under which two ratings count as one value in rank
 * correlations: |a - b| <= RATING_TIE_TOLERANCE * max |rating|. Why: two
 * models with identical records get ratings about 1e-12 apart from solver
 * noise, and ranking that noise as a real order moves Spearman's rho in the
 * fourth decimal. 1e-9 is far above double-precision solver noise and far
 * below any rating difference that means something (1e-6 Elo points at 1000).
 */
export const RATING_TIE_TOLERANCE = 1e-9;

/**
 * `values` with near-equal ones made exactly equal: sorted, each run of values
 * within `relTol * max |value|` of the run's first value takes that first
 * value. Relative to the run's first value, so a long chain of small steps
 * never merges values that are far apart.
 */
export function snapNearTies(values: readonly number[], relTol: number = RATING_TIE_TOLERANCE): number[] {
  const out = values.slice();
  const scale = values.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  if (!(relTol > 0) || scale === 0) return out;
  const tol = relTol * scale;
  const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
  let anchor = values[order[0]!]!;
  for (const i of order) {
    if (values[i]! - anchor > tol) anchor = values[i]!;
    out[i] = anchor;
  }
  return out;
}

/** Model ratings keyed by model name. */
export type RatingsByModel = ReadonlyMap<string, number> | Readonly<Record<string, number>>;

export interface RatingCorrelation {
  /** Models present in both inputs, sorted by name; the vectors are compared in this order. */
  models: string[];
  n: number;
  pearson: CorrelationResult;
  spearman: CorrelationResult;
  kendall: KendallResult;
  /** Models rated on one side only (left out). */
  onlyInFirst: string[];
  onlyInSecond: string[];
}

function toMap(ratings: RatingsByModel, side: string): Map<string, number> {
  const map = ratings instanceof Map ? new Map(ratings) : new Map(Object.entries(ratings));
  for (const [model, value] of map) {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new InputError(`rating of model "${model}" is not a finite number (${String(value)})`, { field: side });
    }
  }
  return map;
}

/**
 * Pearson, Spearman and Kendall tau-b between two ratings of the same models
 * (e.g. ratings fitted from human votes vs from judge verdicts), over the
 * models both sides rate. Needs at least `minModels` (default 3) in common.
 * For the rank correlations, ratings equal within `tieTolerance` (relative,
 * default RATING_TIE_TOLERANCE; 0 = exact) are ties; Pearson uses the values.
 */
export function correlateRatings(
  first: RatingsByModel,
  second: RatingsByModel,
  options: { minModels?: number; tieTolerance?: number } = {},
): RatingCorrelation {
  const minModels = Math.max(3, options.minModels ?? 3);
  const a = toMap(first, 'first ratings');
  const b = toMap(second, 'second ratings');
  const models = [...a.keys()].filter((m) => b.has(m)).sort();
  if (models.length < minModels) {
    throw new InputError(
      `rating correlation needs at least ${minModels} models rated on both sides; ` +
        `${models.length} in common (${a.size} and ${b.size} models rated)`,
    );
  }
  const x = models.map((m) => a.get(m)!);
  const y = models.map((m) => b.get(m)!);
  const tol = options.tieTolerance ?? RATING_TIE_TOLERANCE;
  return {
    models,
    n: models.length,
    pearson: pearson(x, y),
    spearman: spearman(snapNearTies(x, tol), snapNearTies(y, tol)),
    kendall: kendallTauB(snapNearTies(x, tol), snapNearTies(y, tol)),
    onlyInFirst: [...a.keys()].filter((m) => !b.has(m)).sort(),
    onlyInSecond: [...b.keys()].filter((m) => !a.has(m)).sort(),
  };
}
