import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { crossValidate, foldRows, majorityLabel, meanSd, quantile } from '../../src/eval/index.js';
import { stratifiedFolds } from '../../src/judge/learned/index.js';
import { createRng } from '../../src/util/rng.js';
import { plantedComparisons } from '../judge/learned-fixtures.js';

describe('stratifiedFolds', () => {
  const strata = [...Array(37).fill('A'), ...Array(29).fill('B'), ...Array(11).fill('tie'), ...Array(5).fill('both_bad')] as string[];

  it('puts every item in exactly one fold, with balanced fold sizes and classes', () => {
    const k = 4;
    const fold = stratifiedFolds(strata, k, createRng(3));
    expect(fold).toHaveLength(strata.length);
    expect(fold.every((f) => Number.isInteger(f) && f >= 0 && f < k)).toBe(true);
    const sizes = Array.from({ length: k }, (_, f) => fold.filter((g) => g === f).length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    for (const cls of ['A', 'B', 'tie', 'both_bad']) {
      const perFold = Array.from({ length: k }, (_, f) => fold.filter((g, i) => g === f && strata[i] === cls).length);
      expect(Math.max(...perFold) - Math.min(...perFold), cls).toBeLessThanOrEqual(1);
    }
  });

  it('is seeded: same seed, same folds; another seed, other folds', () => {
    expect(stratifiedFolds(strata, 5, createRng(1))).toEqual(stratifiedFolds(strata, 5, createRng(1)));
    expect(stratifiedFolds(strata, 5, createRng(2))).not.toEqual(stratifiedFolds(strata, 5, createRng(1)));
  });

  it('refuses fewer than 2 folds or more folds than items', () => {
    expect(() => stratifiedFolds(strata, 1, createRng(1))).toThrow(ConfigError);
    expect(() => stratifiedFolds(['A', 'B'], 3, createRng(1))).toThrow(/cannot make 3 folds from 2/);
  });
});

describe('summaries', () => {
  it('mean and sample standard deviation, quantiles, majority label', () => {
    expect(meanSd([1, 2, 3, 4])).toEqual({ mean: 2.5, sd: Math.sqrt(5 / 3) });
    expect(quantile([3, 1, 2, 4], 0.5)).toBe(2.5);
    expect(quantile([0, 10], 0.025)).toBeCloseTo(0.25, 12);
    expect(majorityLabel(['B', 'A', 'B', 'uncertain'], ['A', 'B', 'uncertain'])).toBe('B');
    // Ties go to the earlier class in the scheme's order.
    expect(majorityLabel(['B', 'A'], ['A', 'B', 'uncertain'])).toBe('A');
  });
});

describe('crossValidate on planted-signal data', () => {
  it('with-output beats code-only and the majority class by a clear margin', async () => {
    const data = plantedComparisons(240, 5);
    const report = await crossValidate(data, { folds: 3, seed: 9, epochs: 40, learningRate: 0.1, bootstrap: 300 });
    expect(report.n).toBe(240);
    expect(report.labels).toEqual(['A', 'B', 'uncertain']);
    const [codeOnly, withOutput] = report.modes;
    expect(codeOnly!.mode).toBe('code-only');
    expect(withOutput!.mode).toBe('with-output');
    expect(withOutput!.featureCount).toBeGreaterThan(codeOnly!.featureCount);

    // Folds: disjoint, covering, the same for every mode and the baseline.
    for (const s of [codeOnly!, withOutput!, report.majority]) {
      expect(s.folds.map((f) => f.test).reduce((a, b) => a + b, 0)).toBe(240);
      expect(s.folds.every((f) => f.train + f.test === 240)).toBe(true);
    }
    expect(report.predictions).toHaveLength(240);
    expect(new Set(report.predictions.map((p) => p.id)).size).toBe(240);

    expect(withOutput!.pooled.accuracy).toBeGreaterThan(codeOnly!.pooled.accuracy + 0.1);
    expect(withOutput!.pooled.accuracy).toBeGreaterThan(report.majority.pooled.accuracy + 0.08);
    expect(withOutput!.pooled.macroF1).toBeGreaterThan(codeOnly!.pooled.macroF1 + 0.1);
    expect(withOutput!.pooled.macroF1).toBeGreaterThan(report.majority.pooled.macroF1 + 0.2);

    const gain = report.gain!;
    expect(gain.accuracy.perFold).toHaveLength(3);
    expect(gain.accuracy.mean).toBeCloseTo(withOutput!.accuracy.mean - codeOnly!.accuracy.mean, 12);
    expect(gain.accuracy.ci95!.lo).toBeGreaterThan(0);
    expect(gain.accuracy.ci95!.hi).toBeGreaterThan(gain.accuracy.ci95!.lo);
    expect(gain.macroF1.ci95!.lo).toBeGreaterThan(0);

    // Pooled scores are consistent with the stored out-of-fold predictions.
    const truth = report.predictions.map((p) => (p.vote === 'A' || p.vote === 'B' ? p.vote : 'uncertain'));
    const correct = report.predictions.filter((p, i) => p.predicted['with-output'] === truth[i]).length;
    expect(withOutput!.pooled.accuracy).toBeCloseTo(correct / 240, 12);
  });

  it('does not depend on the order the records come in, and validates its options', async () => {
    const data = plantedComparisons(60, 8);
    const options = { folds: 3, seed: 2, epochs: 15, bootstrap: 0, modes: ['with-output'] as const };
    const forward = await crossValidate(data, options);
    const reversed = await crossValidate(data.slice().reverse(), options);
    expect(reversed.modes).toEqual(forward.modes);
    expect(forward.gain).toBeNull();
    const rows = foldRows(forward);
    expect(rows.map((r) => `${r.featureSet} ${r.fold}`)).toEqual(['with-output 0', 'with-output 1', 'with-output 2', 'majority class 0', 'majority class 1', 'majority class 2']);
    expect(rows[1]!.accuracy).toBe(forward.modes[0]!.folds[1]!.accuracy);
    await expect(crossValidate(data, { folds: 1 })).rejects.toThrow(ConfigError);
    await expect(crossValidate(data, { bootstrap: -1 })).rejects.toThrow(ConfigError);
    await expect(crossValidate(data, { modes: [] })).rejects.toThrow(ConfigError);
  });
});
