import { RATING_TIE_TOLERANCE } from '../stats/correlation.js';

/**
 * Arena-style ranks from intervals: rank = 1 + the number of models whose
 * lower bound is above this model's upper bound, so models whose intervals
 * overlap share a rank. With point ratings (lower = upper = rating) this is
 * standard competition ranking ("1224"). "Above" means by more than
 * `relTol` x the largest |bound| (default RATING_TIE_TOLERANCE), so two models
 * with identical records, whose ratings differ only by solver noise, share a rank.
 */
export function ranksFromIntervals(
  lower: ArrayLike<number>,
  upper: ArrayLike<number>,
  relTol: number = RATING_TIE_TOLERANCE,
): Int32Array {
  const n = lower.length;
  const ranks = new Int32Array(n);
  let scale = 0;
  for (let v = 0; v < n; v++) scale = Math.max(scale, Math.abs(lower[v]!), Math.abs(upper[v]!));
  const tol = Number.isFinite(scale) ? relTol * scale : 0;
  // Sorting lower bounds makes it O(n log n): count lowers strictly above each upper.
  const sortedLower = Float64Array.from(lower).sort();
  for (let v = 0; v < n; v++) {
    const u = upper[v]! + tol;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sortedLower[mid]! > u) hi = mid;
      else lo = mid + 1;
    }
    ranks[v] = 1 + (n - lo);
  }
  return ranks;
}
