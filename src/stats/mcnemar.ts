/**
 * McNemar's test for two paired correctness vectors (the same records scored
 * by two raters): only the discordant records carry information, b = first
 * right and second wrong, c = first wrong and second right. Under the null
 * hypothesis each discordant record is a fair coin.
 *
 * - exact: two-sided binomial p, min(1, 2·P(X <= min(b, c))) with X ~ Bin(b + c, 1/2)
 *   (statsmodels' `mcnemar(exact=True)`; equal to scipy's `binomtest` at p = 1/2);
 * - chi-square with one degree of freedom, (|b - c| - k)² / (b + c), with
 *   k = 1 (continuity correction) or 0. With no discordant record it is NaN
 *   (statsmodels divides by zero there and prints inf or nan).
 */
import { InputError } from '../errors.js';
import { regularizedBeta, regularizedGammaQ } from './special.js';

export interface DiscordantCounts {
  /** Records both got right. */
  bothRight: number;
  /** First right, second wrong. */
  b: number;
  /** First wrong, second right. */
  c: number;
  /** Records both got wrong. */
  bothWrong: number;
}

export interface McNemarResult extends DiscordantCounts {
  /** b + c. */
  discordant: number;
  /** Exact two-sided binomial p-value on the discordant records (1 when there are none). */
  pExact: number;
  /** Chi-square statistic with continuity correction, and its p-value (NaN without discordant records). */
  chi2Corrected: number;
  pChi2Corrected: number;
  /** Chi-square statistic without correction, and its p-value. */
  chi2: number;
  pChi2: number;
}

/** The 2x2 table of two paired correctness vectors. */
export function discordantCounts(firstRight: readonly boolean[], secondRight: readonly boolean[]): DiscordantCounts {
  if (firstRight.length !== secondRight.length) {
    throw new InputError(`the first correctness vector has ${firstRight.length} entries but the second has ${secondRight.length}; they must be paired`);
  }
  const counts: DiscordantCounts = { bothRight: 0, b: 0, c: 0, bothWrong: 0 };
  for (let i = 0; i < firstRight.length; i++) {
    const x = firstRight[i]!;
    const y = secondRight[i]!;
    if (x && y) counts.bothRight++;
    else if (x) counts.b++;
    else if (y) counts.c++;
    else counts.bothWrong++;
  }
  return counts;
}

/** P(X <= k) for X ~ Bin(n, 1/2). */
export function binomialCdfHalf(k: number, n: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  // P(X <= k) = I_{1/2}(n - k, k + 1).
  return regularizedBeta(0.5, n - k, k + 1);
}

/** Exact two-sided binomial test of k successes in n trials at p = 1/2. */
export function binomialTwoSidedHalf(k: number, n: number): number {
  if (n === 0) return 1;
  return Math.min(1, 2 * binomialCdfHalf(Math.min(k, n - k), n));
}

/** Upper tail of the chi-square distribution with one degree of freedom. */
function chi2SurvivalOneDf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  return regularizedGammaQ(0.5, x / 2);
}

/** McNemar's test from the discordant counts. */
export function mcnemarFromCounts(counts: DiscordantCounts): McNemarResult {
  const { b, c } = counts;
  const discordant = b + c;
  const statistic = (correction: number) => (discordant === 0 ? NaN : (Math.abs(b - c) - correction) ** 2 / discordant);
  const chi2Corrected = statistic(1);
  const chi2 = statistic(0);
  return {
    ...counts,
    discordant,
    pExact: binomialTwoSidedHalf(Math.min(b, c), discordant),
    chi2Corrected,
    pChi2Corrected: chi2SurvivalOneDf(chi2Corrected),
    chi2,
    pChi2: chi2SurvivalOneDf(chi2),
  };
}

/** McNemar's test of two paired correctness vectors (true = the rater agreed with the reference). */
export function mcnemar(firstRight: readonly boolean[], secondRight: readonly boolean[]): McNemarResult {
  return mcnemarFromCounts(discordantCounts(firstRight, secondRight));
}
