import { beforeAll, describe, expect, it } from 'vitest';
import { binomialTwoSidedHalf, discordantCounts, mcnemar, mcnemarFromCounts } from '../../src/stats/mcnemar.js';
import { InputError } from '../../src/errors.js';
import { createRng } from '../../src/util/rng.js';
import { runPython } from '../support/python.js';
import { expectClose } from './helpers.js';

interface Case {
  first: boolean[];
  second: boolean[];
}

/** Seeded paired correctness vectors: similar raters, a clearly better one, tiny, none discordant, large. */
function buildCases(): Case[] {
  const rng = createRng(10_2026);
  const cases: Case[] = [];
  const draw = (n: number, pFirst: number, pSecond: number, coupling: number): Case => {
    const first: boolean[] = [];
    const second: boolean[] = [];
    for (let i = 0; i < n; i++) {
      const x = rng.next() < pFirst;
      first.push(x);
      second.push(rng.next() < coupling ? x : rng.next() < pSecond);
    }
    return { first, second };
  };
  for (let i = 0; i < 10; i++) cases.push(draw(rng.int(5, 400), 0.5 + 0.1 * rng.next(), 0.55 + 0.15 * rng.next(), rng.next()));
  cases.push(draw(4731, 0.546, 0.638, 0.5)); // the paper's size
  cases.push(draw(12, 0.5, 0.5, 0));
  cases.push({ first: [true, true, false], second: [true, true, false] }); // no discordant pair
  cases.push({ first: [true, false, true, false], second: [false, true, true, false] }); // b = c
  cases.push({ first: Array(30).fill(false), second: Array(30).fill(true) }); // all discordant one way
  return cases;
}

// statsmodels and scipy on the same inputs, in the same run.
const REFERENCE = String.raw`
import json, sys, math, warnings
warnings.filterwarnings('ignore')
from statsmodels.stats.contingency_tables import mcnemar
from scipy.stats import binomtest
out = []
nan = lambda v: None if v is None or not math.isfinite(float(v)) else float(v)  # statsmodels gives inf or nan with no discordant pair
for case in json.load(sys.stdin):
    f, s = case['first'], case['second']
    a = sum(1 for x, y in zip(f, s) if x and y)
    b = sum(1 for x, y in zip(f, s) if x and not y)
    c = sum(1 for x, y in zip(f, s) if not x and y)
    d = sum(1 for x, y in zip(f, s) if not x and not y)
    table = [[a, b], [c, d]]
    exact = mcnemar(table, exact=True)
    corr = mcnemar(table, exact=False, correction=True)
    plain = mcnemar(table, exact=False, correction=False)
    out.append({
        'b': b, 'c': c,
        'pExact': nan(exact.pvalue),
        'binomtest': binomtest(min(b, c), b + c, 0.5).pvalue if b + c > 0 else 1.0,
        'chi2Corrected': nan(corr.statistic), 'pChi2Corrected': nan(corr.pvalue),
        'chi2': nan(plain.statistic), 'pChi2': nan(plain.pvalue),
    })
print(json.dumps(out))
`;

interface Reference {
  b: number;
  c: number;
  pExact: number | null;
  binomtest: number;
  chi2Corrected: number | null;
  pChi2Corrected: number | null;
  chi2: number | null;
  pChi2: number | null;
}

describe('McNemar against statsmodels and scipy', () => {
  const cases = buildCases();
  let reference: Reference[];
  beforeAll(async () => {
    reference = (await runPython(REFERENCE, cases)) as Reference[];
  }, 60_000);

  it('matches the exact, corrected and uncorrected variants on every case', () => {
    expect(reference).toHaveLength(cases.length);
    cases.forEach((c, k) => {
      const ours = mcnemar(c.first, c.second);
      const ref = reference[k]!;
      expect([ours.b, ours.c], `case ${k}`).toEqual([ref.b, ref.c]);
      expectClose(ours.pExact, ref.pExact, 1e-10 + 1e-9 * (ref.pExact ?? 0), `case ${k} exact`);
      expectClose(ours.pExact, ref.binomtest, 1e-10 + 1e-9 * ref.binomtest, `case ${k} binomtest`);
      if (ref.b + ref.c === 0) {
        // statsmodels divides by zero here (inf or nan, p 0 or nan); we report NaN: no discordant pair, no chi-square test.
        expect([ours.chi2Corrected, ours.pChi2Corrected, ours.chi2, ours.pChi2].every(Number.isNaN)).toBe(true);
        return;
      }
      expectClose(ours.chi2Corrected, ref.chi2Corrected, 1e-9, `case ${k} chi2 corrected`);
      expectClose(ours.pChi2Corrected, ref.pChi2Corrected, 1e-10, `case ${k} p chi2 corrected`);
      expectClose(ours.chi2, ref.chi2, 1e-9, `case ${k} chi2`);
      expectClose(ours.pChi2, ref.pChi2, 1e-10, `case ${k} p chi2`);
    });
  });
});

describe('McNemar by hand', () => {
  it('counts the four cells', () => {
    expect(discordantCounts([true, true, false, false, true], [true, false, true, false, false])).toEqual({ bothRight: 1, b: 2, c: 1, bothWrong: 1 });
  });

  it('gives the textbook exact p for b = 1, c = 9 (2 · 11/1024)', () => {
    expect(mcnemarFromCounts({ bothRight: 0, b: 1, c: 9, bothWrong: 0 }).pExact).toBeCloseTo(22 / 1024, 14);
    expect(binomialTwoSidedHalf(0, 5)).toBeCloseTo(2 / 32, 14);
    expect(binomialTwoSidedHalf(0, 0)).toBe(1);
  });

  it('rejects vectors of different lengths', () => {
    expect(() => mcnemar([true], [true, false])).toThrow(InputError);
  });
});
