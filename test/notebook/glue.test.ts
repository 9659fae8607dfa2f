/** The notebooks' small glue: cross-validated verdicts, agreement tables, slice agreement, reference numbers. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Outcome } from '../../src/data/comparison.js';
import { InputError } from '../../src/errors.js';
import type { CrossValidationReport } from '../../src/eval/learned-cv.js';
import type { VerdictRecord } from '../../src/judge/types.js';
import { agreementTable, maxRelativeDifference, readEvalicaGolden, readLatentRatings } from '../../src/notebook/index.js';
import { agreementReport, crossValidatedVerdicts, sliceAgreement } from '../../src/eval/index.js';
import { SYNTHETIC_MODELS } from '../../scripts/sample/truth.js';
import { makeComparison } from '../support/comparisons.js';

const SHARED = new URL('../../../shared/data/', import.meta.url);

describe('crossValidatedVerdicts', () => {
  it('turns out-of-fold predictions into one verdict per record and mode, uncertain as tie', () => {
    const report = {
      folds: 5,
      train: { model: 'logreg' },
      predictions: [
        { id: 'r1', vote: 'A', fold: 0, predicted: { 'code-only': 'B', 'with-output': 'A' } },
        { id: 'r2', vote: 'tie', fold: 1, predicted: { 'code-only': 'uncertain', 'with-output': 'uncertain' } },
      ],
    } as unknown as CrossValidationReport;
    const verdicts = crossValidatedVerdicts(report);
    expect(verdicts).toEqual([
      { id: 'r1', judge: 'learned:logreg (5-fold CV)', mode: 'code-only', order: 'AB', verdict: 'B' },
      { id: 'r1', judge: 'learned:logreg (5-fold CV)', mode: 'with-output', order: 'AB', verdict: 'A' },
      { id: 'r2', judge: 'learned:logreg (5-fold CV)', mode: 'code-only', order: 'AB', verdict: 'tie' },
      { id: 'r2', judge: 'learned:logreg (5-fold CV)', mode: 'with-output', order: 'AB', verdict: 'tie' },
    ]);
    expect(crossValidatedVerdicts(report, 'mine')[0]!.judge).toBe('mine');
  });
});

const verdict = (id: string, mode: 'code-only' | 'with-output', v: Outcome): VerdictRecord => ({ id, judge: 'j', mode, order: 'AB', verdict: v });

describe('agreementTable and sliceAgreement', () => {
  const comparisons = [
    makeComparison({ id: '1', topic: 'web_design', vote: 'A' }),
    makeComparison({ id: '2', topic: 'web_design', vote: 'B' }),
    makeComparison({ id: '3', topic: 'game_development', vote: 'A' }),
  ];
  const verdicts = [verdict('1', 'code-only', 'A'), verdict('2', 'code-only', 'A'), verdict('3', 'code-only', 'B'), verdict('1', 'with-output', 'A'), verdict('2', 'with-output', 'B'), verdict('3', 'with-output', 'A')];

  it('flattens each report row with its metrics', () => {
    const human = new Map(comparisons.map((c) => [c.id, c.vote] as const));
    const report = agreementReport(human, verdicts);
    const table = agreementTable(report);
    expect(table.map((r) => [r.mode, r.n, r.accuracy])).toEqual([['code-only', 3, 1 / 3], ['with-output', 3, 1]]);
    expect(table[0]!['macro-F1']).toBe(report.rows[0]!.withTies.fourClass.macroF1);
    expect(table[0]!['MCC (no ties)']).toBe(report.rows[0]!.noTies.fourClass.mcc);
  });

  it('scores each slice on its own records', () => {
    const rows = sliceAgreement(comparisons, verdicts, 'topic');
    const get = (topic: string, series: string) => rows.find((r) => r.topic === topic && r.series === series);
    expect(get('web_design', 'j code-only')).toMatchObject({ value: 0.5, n: 2 });
    expect(get('game_development', 'j code-only')).toMatchObject({ value: 0, n: 1 });
    expect(get('game_development', 'j with-output')).toMatchObject({ value: 1, n: 1 });
    expect(sliceAgreement(comparisons, verdicts, 'topic', { minRecords: 2 }).every((r) => r.topic === 'web_design')).toBe(true);
  });
});

describe('reference numbers', () => {
  it('reads evalica golden scores per algorithm', () => {
    const golden = readEvalicaGolden(new URL('evalica-golden/simple-golden.csv', SHARED).pathname);
    expect(golden.get('average_win_rate')!.get('3')).toBeCloseTo(0.7708333333333334, 15);
    expect(golden.has('bradley_terry')).toBe(true);
  });

  it('names the file, row and field of a bad golden score', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bcr-golden-'));
    const file = join(dir, 'g.csv');
    writeFileSync(file, 'algorithm,item,score\nelo,a,1\nelo,b,abc\n');
    expect(() => readEvalicaGolden(file)).toThrow(InputError);
    expect(() => readEvalicaGolden(file)).toThrow(/row 1.*score|score.*row 1/);
  });

  it('reads the sample truth: the generator\'s latent ratings', () => {
    const latent = readLatentRatings(new URL('../../data/bigcodereward-sample/truth.json', import.meta.url).pathname);
    expect([...latent.keys()]).toEqual(SYNTHETIC_MODELS.map((m) => m.name));
    for (const m of SYNTHETIC_MODELS) expect(latent.get(m.name)).toBeCloseTo(m.rating, 9);
  });

  it('finds the largest relative difference and reports keys on one side only', () => {
    const d = maxRelativeDifference(new Map([['a', 1.1], ['b', 2], ['extra', 5]]), new Map([['a', 1], ['b', 2], ['gone', 3]]));
    expect(d.max).toBeCloseTo(0.1, 12);
    expect(d.at).toBe('a');
    expect(d.compared).toBe(2);
    expect(d.missing).toEqual(['gone']);
    expect(d.extra).toEqual(['extra']);
  });
});
