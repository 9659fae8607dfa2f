import { beforeAll, describe, expect, it } from 'vitest';
import {
  averageRanks,
  correlateRatings,
  kendallExactP,
  RATING_TIE_TOLERANCE,
  snapNearTies,
  kendallTauB,
  pearson,
  spearman,
} from '../../src/stats/correlation.js';
import { InputError } from '../../src/errors.js';
import { createRng, type Rng } from '../../src/util/rng.js';
import { runPython } from '../support/python.js';
import { expectClose } from './helpers.js';

interface Case {
  name: string;
  x: number[];
  y: number[];
}

function correlated(rng: Rng, n: number, strength: number, round?: number): Case {
  const x = Array.from({ length: n }, () => rng.normal());
  const y = x.map((v) => strength * v + rng.normal());
  const r = (v: number) => (round ? Math.round(v * round) / round : v);
  return { name: `n=${n} s=${strength.toFixed(2)}${round ? ` rounded 1/${round}` : ''}`, x: x.map(r), y: y.map(r) };
}

/** Seeded cases covering scipy's branches: exact and asymptotic Kendall, ties, extremes, tiny n. */
function buildCases(): Case[] {
  const rng = createRng(7781);
  const cases: Case[] = [];
  for (let i = 0; i < 8; i++) cases.push(correlated(rng, rng.int(3, 33), rng.next() * 2 - 0.5)); // exact Kendall
  for (let i = 0; i < 6; i++) cases.push(correlated(rng, rng.int(34, 120), rng.next() * 2)); // asymptotic, no ties
  for (let i = 0; i < 6; i++) cases.push(correlated(rng, rng.int(5, 80), rng.next() * 2, 2)); // ties (asymptotic)
  const x40 = Array.from({ length: 40 }, (_, i) => i + rng.next() * 0.5);
  cases.push({ name: 'perfect monotone n=40 (exact, extreme)', x: x40, y: x40.map((v) => Math.exp(v / 10)) });
  const swapped = x40.map((v) => -v);
  [swapped[3], swapped[4]] = [swapped[4]!, swapped[3]!];
  cases.push({ name: 'one concordant pair n=40 (exact, extreme)', x: x40, y: swapped });
  cases.push({ name: 'n=3', x: [1, 2, 3], y: [2, 1, 4] });
  cases.push({ name: 'constant y', x: [1, 2, 3, 4], y: [5, 5, 5, 5] });
  cases.push({ name: 'elo-like scale', x: [1000, 1020.5, 990.1, 1103.2, 870.6], y: [0.1, 0.25, 0.05, 0.5, 0.1] });
  return cases;
}

const SCIPY = String.raw`
import json, sys, math, warnings
warnings.filterwarnings('ignore')
from scipy import stats
def f(v):
    v = float(v)
    return None if math.isnan(v) else v
out = []
for c in json.load(sys.stdin):
    x, y = c['x'], c['y']
    p = stats.pearsonr(x, y); s = stats.spearmanr(x, y); k = stats.kendalltau(x, y)
    out.append({'pearson': [f(p[0]), f(p[1])], 'spearman': [f(s[0]), f(s[1])], 'kendall': [f(k[0]), f(k[1])]})
print(json.dumps(out))
`;

type Pair = [number | null, number | null];
interface Reference {
  pearson: Pair;
  spearman: Pair;
  kendall: Pair;
}

describe('correlations against scipy', () => {
  const cases = buildCases();
  let refs: Reference[] = [];
  beforeAll(async () => {
    refs = (await runPython(SCIPY, cases)) as Reference[];
  });

  it('matches pearsonr, spearmanr and kendalltau (tau-b) values and two-sided p-values', () => {
    expect(refs).toHaveLength(cases.length);
    cases.forEach((c, k) => {
      const ref = refs[k]!;
      const got = { pearson: pearson(c.x, c.y), spearman: spearman(c.x, c.y), kendall: kendallTauB(c.x, c.y) };
      for (const name of ['pearson', 'spearman', 'kendall'] as const) {
        expectClose(got[name].statistic, ref[name][0], 1e-9, `${c.name} ${name} statistic`);
        expectClose(got[name].pValue, ref[name][1], 1e-9, `${c.name} ${name} p-value`);
      }
    });
  });

  it('exercises both Kendall p-value methods', () => {
    const methods = new Set(cases.map((c) => kendallTauB(c.x, c.y).method));
    expect(methods).toEqual(new Set(['exact', 'asymptotic']));
  });
});

describe('correlations by hand', () => {
  it('ranks ties by their average rank', () => {
    expect(averageRanks([10, 20, 20, 5, 20])).toEqual([2, 4, 4, 1, 4]);
  });

  it('computes small known values', () => {
    // x - mean = -1,0,1 ; y - mean = -1/3,-4/3,5/3: r = 2 / sqrt(2 * 14/3)
    expect(pearson([1, 2, 3], [2, 1, 4]).statistic).toBeCloseTo(2 / Math.sqrt(2 * (14 / 3)), 12);
    expect(spearman([1, 2, 3], [2, 1, 4]).statistic).toBeCloseTo(0.5, 12);
    // 2 concordant, 1 discordant of 3 pairs
    expect(kendallTauB([1, 2, 3], [2, 1, 4]).statistic).toBeCloseTo(1 / 3, 12);
    // Exact null of n=3: 3!/2 = 3 orderings per half; P(c <= 1) = (1 + 2) / 6, two-sided = 1
    expect(kendallExactP(3, 2)).toBe(1);
    // n = 4, c = 0: 2 / 4!
    expect(kendallExactP(4, 0)).toBeCloseTo(2 / 24, 15);
  });

  it('returns NaN for constant input, as scipy', () => {
    expect(pearson([1, 2, 3], [4, 4, 4]).statistic).toBeNaN();
    expect(spearman([1, 1, 1], [1, 2, 3]).pValue).toBeNaN();
    expect(kendallTauB([1, 2, 3], [4, 4, 4]).statistic).toBeNaN();
  });
});

describe('correlateRatings', () => {
  it('correlates over the common models and lists the others', () => {
    const human = new Map([['m1', 1000], ['m2', 1100], ['m3', 950], ['m4', 1050], ['only-h', 900]]);
    const judge = { m1: 0.2, m2: 0.4, m3: 0.1, m4: 0.3, 'only-j': 0.9 };
    const res = correlateRatings(human, judge);
    expect(res.models).toEqual(['m1', 'm2', 'm3', 'm4']);
    expect(res.n).toBe(4);
    expect(res.spearman.statistic).toBeCloseTo(1, 12);
    expect(res.kendall.statistic).toBeCloseTo(1, 12);
    expect(res.onlyInFirst).toEqual(['only-h']);
    expect(res.onlyInSecond).toEqual(['only-j']);
    expect(res.pearson.statistic).toBeCloseTo(pearson([1000, 1100, 950, 1050], [0.2, 0.4, 0.1, 0.3]).statistic, 15);
  });

  it('refuses fewer than 3 common models and says how many there were', () => {
    expect(() => correlateRatings({ a: 1, b: 2, c: 3 }, { a: 1, b: 2, d: 3 })).toThrow(/at least 3 models.*2 in common/);
    expect(() => correlateRatings({ a: 1, b: 2, c: 3 }, { a: 1, b: 2, d: 3 })).toThrow(InputError);
  });

  it('refuses non-finite ratings, naming the model', () => {
    expect(() => correlateRatings({ a: 1, b: NaN, c: 3 }, { a: 1, b: 2, c: 3 })).toThrow(/model "b"/);
  });
});

describe('ratings equal within the tie tolerance', () => {
  // Two models with identical records: equal ratings but for solver noise of about 1e-12 relative.
  const models = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
  const tied = [1012.25, 1012.25, 987.5, 1050.0, 940.75, 1003.0, 1021.5];
  const noisy = tied.map((v, i) => (i === 1 ? v * (1 + 3e-12) : v));
  const judge = [0.31, 0.22, 0.12, 0.41, 0.05, 0.27, 0.19];
  const byModel = (values: number[]) => Object.fromEntries(models.map((m, i) => [m, values[i]!]));
  let scipyTied: { spearman: number[]; kendall: number[] };

  beforeAll(async () => {
    const script = String.raw`
import json, sys
from scipy import stats
d = json.load(sys.stdin)
s = stats.spearmanr(d['x'], d['y']); k = stats.kendalltau(d['x'], d['y'])
print(json.dumps({'spearman': [float(s[0]), float(s[1])], 'kendall': [float(k[0]), float(k[1])]}))
`;
    scipyTied = (await runPython(script, { x: tied, y: judge })) as typeof scipyTied;
  });

  it('Spearman and Kendall of noisy equal ratings equal SciPy on the exactly tied values', () => {
    const res = correlateRatings(byModel(noisy), byModel(judge));
    expectClose(res.spearman.statistic, scipyTied.spearman[0]!, 1e-12);
    expectClose(res.spearman.pValue, scipyTied.spearman[1]!, 1e-9);
    expectClose(res.kendall.statistic, scipyTied.kendall[0]!, 1e-12);
    expectClose(res.kendall.pValue, scipyTied.kendall[1]!, 1e-9);
    // Without the tolerance the noise is ranked as an order, and rho moves.
    const exact = correlateRatings(byModel(noisy), byModel(judge), { tieTolerance: 0 });
    expect(Math.abs(exact.spearman.statistic - scipyTied.spearman[0]!)).toBeGreaterThan(1e-3);
    // Pearson uses the values as they are.
    expect(res.pearson.statistic).toBe(exact.pearson.statistic);
  });

  it('snapNearTies merges only values within the relative tolerance of a run\'s first value', () => {
    expect(RATING_TIE_TOLERANCE).toBe(1e-9);
    expect(snapNearTies([1000, 1000 + 5e-7, 1000 + 2e-6, 3])).toEqual([1000, 1000, 1000 + 2e-6, 3]);
    // A chain of steps each under the tolerance does not merge the ends.
    const chain = [0, 0.6, 1.2, 1.8].map((v) => 1000 + v * 1e-6);
    expect(new Set(snapNearTies(chain)).size).toBe(2);
    expect(snapNearTies([0, 0, 0])).toEqual([0, 0, 0]);
    expect(snapNearTies([1, 1 + 1e-12], 0)).toEqual([1, 1 + 1e-12]);
  });
});

describe('ranks of ratings equal within the tie tolerance', () => {
  it('two models apart only by solver noise share a rank', async () => {
    const { ranksFromIntervals } = await import('../../src/ratings/rank.js');
    const r = [1012.25 * (1 + 3e-12), 1012.25, 990, 1040];
    expect(Array.from(ranksFromIntervals(r, r))).toEqual([2, 2, 4, 1]);
    expect(Array.from(ranksFromIntervals(r, r, 0))).toEqual([2, 3, 4, 1]);
  });
});
