import { beforeAll, describe, expect, it } from 'vitest';
import {
  accuracy,
  averagedScores,
  cohenKappa,
  f1Score,
  matthewsCorrelation,
  perClassScores,
  type ZeroDivision,
} from '../../src/stats/agreement.js';
import { toThreeClass } from '../../src/data/label-spaces.js';
import { confusionMatrix } from '../../src/stats/confusion.js';
import { createRng } from '../../src/util/rng.js';
import { runPython } from '../support/python.js';
import { expectClose, randomLabels } from './helpers.js';
import { ConfigError, InputError } from '../../src/errors.js';

interface Case {
  name: string;
  yTrue: string[];
  yPred: string[];
  labels: string[] | null;
  zeroDivision: 0 | 1;
}

/** Seeded cases: balanced, imbalanced, skilled, degenerate; 4-class, merged 3-class, label subsets. */
function buildCases(): Case[] {
  const rng = createRng(20240611);
  const cases: Case[] = [];
  const full = ['A', 'B', 'tie', 'both_bad'];
  const add = (name: string, yTrue: string[], yPred: string[], labels: string[] | null) => {
    for (const zeroDivision of [0, 1] as const) cases.push({ name: `${name} zd=${zeroDivision}`, yTrue, yPred, labels, zeroDivision });
  };
  for (let i = 0; i < 8; i++) {
    const n = rng.int(5, 300);
    const { human, judge } = randomLabels(rng, n, [1, 1, 1, 1], rng.next());
    add(`uniform#${i}`, human, judge, i % 2 ? full : null);
  }
  for (let i = 0; i < 6; i++) {
    const n = rng.int(20, 400);
    const { human, judge } = randomLabels(rng, n, [0.45, 0.4, 0.1, 0.05], 0.6, [0.5, 0.3, 0.15, 0.05]);
    add(`imbalanced#${i}`, human, judge, full);
    add(`imbalanced-3class#${i}`, human.map(toThreeClass), judge.map(toThreeClass), ['A', 'B', 'uncertain']);
    add(`imbalanced-subset#${i}`, human, judge, ['A', 'B']);
  }
  // Degenerate: a class never predicted; a class absent everywhere; a single class; constant prediction.
  const { human, judge } = randomLabels(rng, 50, [0.4, 0.4, 0.2, 0], 0.5, [0.5, 0.5, 0, 0]);
  add('never-predicted-tie', human, judge, full);
  add('never-predicted-tie-default-labels', human, judge, null);
  add('single-class-true', human.map(() => 'A'), judge, full);
  add('single-class-both', human.map(() => 'B'), human.map(() => 'B'), full);
  add('constant-prediction', human, human.map(() => 'A'), full);
  add('tiny', ['A'], ['B'], null);
  return cases;
}

const SKLEARN = String.raw`
import json, sys, math, warnings
warnings.filterwarnings('ignore')
import numpy as np
from sklearn.metrics import (accuracy_score, precision_recall_fscore_support, confusion_matrix,
                             cohen_kappa_score, matthews_corrcoef)
def clean(v):
    if isinstance(v, dict): return {k: clean(x) for k, x in v.items()}
    if isinstance(v, (list, tuple, np.ndarray)): return [clean(x) for x in v]
    if isinstance(v, (float, np.floating)): return None if math.isnan(v) else float(v)
    if isinstance(v, np.integer): return int(v)
    return v
out = []
for c in json.load(sys.stdin):
    t, p, labels, zd = c['yTrue'], c['yPred'], c['labels'], c['zeroDivision']
    r = {'accuracy': accuracy_score(t, p)}
    P, R, F, S = precision_recall_fscore_support(t, p, labels=labels, average=None, zero_division=zd)
    r['perClass'] = {'precision': P, 'recall': R, 'f1': F, 'support': S}
    for avg in ['macro', 'micro', 'weighted']:
        a = precision_recall_fscore_support(t, p, labels=labels, average=avg, zero_division=zd)
        r[avg] = {'precision': a[0], 'recall': a[1], 'f1': a[2]}
    r['confusion'] = confusion_matrix(t, p, labels=labels)
    r['kappa'] = cohen_kappa_score(t, p, labels=labels)
    r['mcc'] = matthews_corrcoef(t, p)
    out.append(r)
print(json.dumps(clean(out)))
`;

interface Reference {
  accuracy: number;
  perClass: { precision: number[]; recall: number[]; f1: number[]; support: number[] };
  macro: Record<'precision' | 'recall' | 'f1', number | null>;
  micro: Record<'precision' | 'recall' | 'f1', number | null>;
  weighted: Record<'precision' | 'recall' | 'f1', number | null>;
  confusion: number[][];
  kappa: number | null;
  mcc: number;
}

const TOL = 1e-9;

describe('classification metrics against scikit-learn', () => {
  const cases = buildCases();
  let refs: Reference[] = [];
  beforeAll(async () => {
    refs = (await runPython(SKLEARN, cases)) as Reference[];
  });

  it('uses enough varied cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    expect(refs).toHaveLength(cases.length);
  });

  it('matches accuracy, per-class P/R/F1/support, averages, confusion, kappa and MCC', () => {
    cases.forEach((c, k) => {
      const ref = refs[k]!;
      const opts = { labels: c.labels ?? undefined, zeroDivision: c.zeroDivision as ZeroDivision };
      expectClose(accuracy(c.yTrue, c.yPred), ref.accuracy, TOL, `${c.name} accuracy`);
      const per = perClassScores(c.yTrue, c.yPred, opts);
      expect(per).toHaveLength(ref.perClass.f1.length);
      per.forEach((s, i) => {
        expectClose(s.precision, ref.perClass.precision[i]!, TOL, `${c.name} precision[${s.label}]`);
        expectClose(s.recall, ref.perClass.recall[i]!, TOL, `${c.name} recall[${s.label}]`);
        expectClose(s.f1, ref.perClass.f1[i]!, TOL, `${c.name} f1[${s.label}]`);
        expect(s.support, `${c.name} support[${s.label}]`).toBe(ref.perClass.support[i]);
      });
      for (const avg of ['macro', 'micro', 'weighted'] as const) {
        const got = averagedScores(c.yTrue, c.yPred, avg, opts);
        for (const m of ['precision', 'recall', 'f1'] as const) expectClose(got[m], ref[avg][m], TOL, `${c.name} ${avg} ${m}`);
      }
      expect(confusionMatrix(c.yTrue, c.yPred, opts).matrix, `${c.name} confusion`).toEqual(ref.confusion);
      expectClose(cohenKappa(c.yTrue, c.yPred, opts), ref.kappa, TOL, `${c.name} kappa`);
      expectClose(matthewsCorrelation(c.yTrue, c.yPred), ref.mcc, TOL, `${c.name} mcc`);
    });
  });
});

describe('classification metrics by hand', () => {
  // human A A B B, judge A B B B
  const t = ['A', 'A', 'B', 'B'];
  const p = ['A', 'B', 'B', 'B'];

  it('computes a 2x2 case', () => {
    expect(accuracy(t, p)).toBe(0.75);
    const [a, b] = perClassScores(t, p);
    expect(a).toMatchObject({ label: 'A', precision: 1, recall: 0.5, support: 2, predicted: 1 });
    expect(a!.f1).toBeCloseTo(2 / 3, 12);
    expect(b).toMatchObject({ label: 'B', recall: 1, support: 2 });
    expect(b!.precision).toBeCloseTo(2 / 3, 12);
    expect(b!.f1).toBeCloseTo(0.8, 12);
    expect(f1Score(t, p, 'macro')).toBeCloseTo((2 / 3 + 0.8) / 2, 12);
    expect(f1Score(t, p, 'micro')).toBeCloseTo(0.75, 12);
    // po = 0.75, pe = 0.5*0.25 + 0.5*0.75 = 0.5
    expect(cohenKappa(t, p)).toBeCloseTo(0.5, 12);
    // TP=1 FN=1 FP=0 TN=2: 2 / sqrt(1*2*2*3)
    expect(matthewsCorrelation(t, p)).toBeCloseTo(1 / Math.sqrt(3), 12);
    expect(confusionMatrix(t, p)).toEqual({ labels: ['A', 'B'], matrix: [[1, 1], [0, 2]] });
  });

  it('macro-averages over a fixed label set: a class nobody used scores zeroDivision', () => {
    const labels = ['A', 'B', 'tie'];
    expect(f1Score(t, p, 'macro', { labels })).toBeCloseTo((2 / 3 + 0.8 + 0) / 3, 12);
    expect(f1Score(t, p, 'macro', { labels, zeroDivision: 1 })).toBeCloseTo((2 / 3 + 0.8 + 1) / 3, 12);
  });

  it("zeroDivision 'nan' gives NaN for undefined ratios and averages skip them", () => {
    // 'tie' is predicted once but never true: recall undefined; 'both_bad' absent everywhere.
    const yt = ['A', 'B', 'A'];
    const yp = ['A', 'B', 'tie'];
    const labels = ['A', 'B', 'tie', 'both_bad'];
    const per = perClassScores(yt, yp, { labels, zeroDivision: 'nan' });
    expect(per[2]!.precision).toBe(0);
    expect(per[2]!.recall).toBeNaN();
    expect(per[2]!.f1).toBe(0); // 2tp + fp + fn = 1 > 0
    expect(per[3]!.precision).toBeNaN();
    expect(per[3]!.f1).toBeNaN();
    // F1: A = 2/3, B = 1, tie = 0, both_bad skipped
    expect(f1Score(yt, yp, 'macro', { labels, zeroDivision: 'nan' })).toBeCloseTo((2 / 3 + 1 + 0) / 3, 12);
    expect(averagedScores(yt, yp, 'macro', { labels, zeroDivision: 'nan' }).recall).toBeCloseTo((0.5 + 1) / 2, 12);
  });

  it('kappa is NaN when both sides always give one label; MCC is 0 then', () => {
    expect(cohenKappa(['A', 'A'], ['A', 'A'])).toBeNaN();
    expect(matthewsCorrelation(['A', 'A'], ['A', 'A'])).toBe(0);
  });

  it('rejects unpaired input and bad options', () => {
    expect(() => accuracy(['A'], [])).toThrow(InputError);
    expect(() => perClassScores(['A'], ['A'], { labels: ['A', 'A'] })).toThrow(ConfigError);
    expect(() => perClassScores(['A'], ['A'], { zeroDivision: 2 as unknown as ZeroDivision })).toThrow(ConfigError);
    expect(accuracy([], [])).toBeNaN();
  });
});
