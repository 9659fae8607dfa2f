/**
 * Corrections for testing many hypotheses at once (e.g. one McNemar test per
 * slice): Holm-Bonferroni step-down adjusted p-values, as statsmodels'
 * `multipletests(method='holm')`.
 */

/**
 * Holm-adjusted p-values, in input order. Sorted ascending, the i-th smallest
 * (0-based) becomes max over j <= i of min(1, (m - j) · p_(j)). NaN p-values
 * (a test that could not be run) stay NaN and do not count in m.
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  const tested = pValues.map((p, i) => ({ p, i })).filter(({ p }) => !Number.isNaN(p));
  tested.sort((x, y) => x.p - y.p || x.i - y.i);
  const m = tested.length;
  const adjusted = pValues.map(() => NaN);
  let running = 0;
  tested.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[i] = running;
  });
  return adjusted;
}

/** Which hypotheses Holm's procedure rejects at family-wise level `alpha` (default 0.05). */
export function holmReject(pValues: readonly number[], alpha = 0.05): boolean[] {
  return holmAdjust(pValues).map((p) => !Number.isNaN(p) && p <= alpha);
}
