import { describe, expect, it } from 'vitest';
import type { Comparison, Outcome } from '../../src/data/comparison.js';
import type { VerdictLabel, VerdictRecord } from '../../src/data/verdict.js';
import { ConfigError } from '../../src/errors.js';
import { pairedBootstrapDifference, pairedBootstrapDifferences } from '../../src/eval/paired-bootstrap.js';
import { gainSignificance, selectVerdictSet } from '../../src/eval/significance.js';
import { accuracy } from '../../src/stats/agreement.js';
import { makeComparison } from '../support/comparisons.js';

/**
 * 110 records, every human vote A. web_design (60): A right on 30, B right on all.
 * game_development (40): A and B give the same verdicts, right on 20.
 * diagram_creation (10): below the minimum slice size; the same verdicts.
 */
function build() {
  const human = new Map<string, Outcome>();
  const a: { id: string; verdict: VerdictLabel }[] = [];
  const b: { id: string; verdict: VerdictLabel }[] = [];
  const comparisons: Comparison[] = [];
  const add = (id: string, topic: string, va: VerdictLabel, vb: VerdictLabel, language = 'Python') => {
    human.set(id, 'A');
    a.push({ id, verdict: va });
    b.push({ id, verdict: vb });
    comparisons.push(makeComparison({ id, topic, vote: 'A', a: { language }, b: { language } }));
  };
  for (let i = 0; i < 60; i++) add(`w${i}`, 'web_design', i < 30 ? 'A' : i % 2 ? 'B' : 'tie', 'A', 'HTML');
  for (let i = 0; i < 40; i++) add(`g${i}`, 'game_development', i < 20 ? 'A' : 'both_bad', i < 20 ? 'A' : 'both_bad');
  for (let i = 0; i < 10; i++) add(`d${i}`, 'diagram_creation', i < 5 ? 'A' : 'B', i < 5 ? 'A' : 'B');
  return { human, a, b, comparisons };
}

describe('gainSignificance', () => {
  const { human, a, b, comparisons } = build();

  it('tests the overall gain: accuracies, discordant counts and the exact McNemar p', () => {
    const report = gainSignificance(human, a, b, { bootstrap: 500, seed: 1 });
    const o = report.overall;
    expect(o.n).toBe(110);
    expect(o.accuracyA).toBeCloseTo(55 / 110, 12);
    expect(o.accuracyB).toBeCloseTo(85 / 110, 12);
    expect(o.accuracyDifference).toBeCloseTo(30 / 110, 12);
    expect([o.mcnemar.b, o.mcnemar.c, o.mcnemar.bothRight, o.mcnemar.bothWrong]).toEqual([0, 30, 55, 25]);
    expect(o.mcnemar.pExact).toBeCloseTo(2 * 0.5 ** 30, 20);
    expect(o.intervals!.accuracy.lo).toBeGreaterThan(0.15);
    expect(o.intervals!.accuracy.hi).toBeLessThan(0.4);
    expect(o.intervals!.accuracy.lo).toBeLessThan(30 / 110);
    expect(o.intervals!.accuracy.hi).toBeGreaterThan(30 / 110);
    expect(o.macroF1Difference).toBeCloseTo(o.macroF1B - o.macroF1A, 12);
    expect(o.intervals!.macroF1.lo).toBeLessThan(o.macroF1Difference);
    expect(o.intervals!.macroF1.hi).toBeGreaterThan(o.macroF1Difference);
    expect(report).toMatchObject({ space: 'three-class', bootstrap: 500, seed: 1, confidence: 0.95, minSlice: 30 });
  });

  it('is reproducible by seed', () => {
    const one = gainSignificance(human, a, b, { bootstrap: 200, seed: 7 });
    expect(gainSignificance(human, a, b, { bootstrap: 200, seed: 7 })).toEqual(one);
    expect(gainSignificance(human, a, b, { bootstrap: 200, seed: 8 }).overall.intervals).not.toEqual(one.overall.intervals);
  });

  it('tests each slice, Holm-corrects across a key, and flags small slices untested', () => {
    const report = gainSignificance(human, a, b, { bootstrap: 300, by: ['topic', 'language'] }, comparisons);
    const topic = Object.fromEntries(report.slices.filter((s) => s.key === 'topic').map((s) => [s.slice, s]));
    const web = topic.web_design!;
    const game = topic.game_development!;
    const diagram = topic.diagram_creation!;
    expect([web.n, game.n, diagram.n]).toEqual([60, 40, 10]);
    expect(web.test.mcnemar.pExact).toBeCloseTo(2 * 0.5 ** 30, 20);
    expect(web.pHolm).toBeCloseTo(2 * 2 * 0.5 ** 30, 20); // two tested slices
    expect(game.test.mcnemar.pExact).toBe(1);
    expect(game.pHolm).toBe(1);
    expect(game.test.intervals).toEqual({ accuracy: { lo: 0, hi: 0 }, macroF1: { lo: 0, hi: 0 } }); // identical verdicts
    expect(diagram.tested).toBe(false);
    expect(diagram.pHolm).toBeNull();
    expect(diagram.test.intervals).toBeNull();
    expect(diagram.test.mcnemar.pExact).toBeNaN();
    expect(diagram.test.accuracyA).toBe(0.5);
    const language = report.slices.filter((s) => s.key === 'language').map((s) => [s.slice, s.n]);
    expect(language).toEqual([['HTML', 60], ['Python', 50]]);
    // The minimum is configurable: at 5 the diagram slice is tested and the family has three members.
    const small = gainSignificance(human, a, b, { bootstrap: 0, by: ['topic'], minSlice: 5 }, comparisons);
    const web3 = small.slices.find((s) => s.slice === 'web_design')!;
    expect(web3.pHolm).toBeCloseTo(3 * 2 * 0.5 ** 30, 20);
    expect(small.slices.every((s) => s.tested && s.test.intervals === null)).toBe(true);
  });

  it('scores 3 classes by default (tie and both_bad merged) and 4 on request', () => {
    const h = new Map<string, Outcome>([['x', 'tie'], ['y', 'A']]);
    const three = gainSignificance(h, [{ id: 'x', verdict: 'tie' }, { id: 'y', verdict: 'A' }], [{ id: 'x', verdict: 'both_bad' }, { id: 'y', verdict: 'A' }], { bootstrap: 0 });
    expect([three.overall.accuracyA, three.overall.accuracyB]).toEqual([1, 1]);
    const four = gainSignificance(h, [{ id: 'x', verdict: 'tie' }, { id: 'y', verdict: 'A' }], [{ id: 'x', verdict: 'both_bad' }, { id: 'y', verdict: 'A' }], { bootstrap: 0, space: 'four-class' });
    expect([four.overall.accuracyA, four.overall.accuracyB, four.overall.mcnemar.b]).toEqual([1, 0.5, 1]);
  });

  it('compares only records both sets judged with a parsed verdict and a human vote, and counts the rest', () => {
    const h = new Map<string, Outcome>([['p', 'A'], ['e', 'B'], ['f', 'A'], ['onlyA', 'A'], ['onlyB', 'B']]);
    const report = gainSignificance(
      h,
      [{ id: 'p', verdict: 'B' }, { id: 'p', verdict: 'A' }, { id: 'e', verdict: 'error' }, { id: 'f', verdict: 'A' }, { id: 'onlyA', verdict: 'A' }, { id: 'novote', verdict: 'A' }],
      [{ id: 'p', verdict: 'A' }, { id: 'e', verdict: 'B' }, { id: 'f', verdict: 'error' }, { id: 'onlyB', verdict: 'B' }, { id: 'novote', verdict: 'B' }],
      { bootstrap: 0 },
    );
    expect(report.join).toEqual({ paired: 1, onlyInA: 1, onlyInB: 1, errorsA: 1, errorsB: 1, withoutVote: 1, withoutSlice: 0 });
    expect(report.overall.accuracyA).toBe(1); // the later line for "p" wins
  });

  it('asks for comparisons before slicing', () => {
    expect(() => gainSignificance(human, a, b, { by: ['topic'] })).toThrow(ConfigError);
  });
});

describe('pairedBootstrapDifferences', () => {
  it('draws the same resamples as the single-score bootstrap', () => {
    const t = ['A', 'B', 'A', 'A', 'B', 'tie', 'A', 'B'];
    const p1 = ['A', 'A', 'A', 'B', 'B', 'tie', 'B', 'B'];
    const p2 = ['A', 'B', 'A', 'A', 'A', 'A', 'A', 'B'];
    const one = pairedBootstrapDifference(t, p1, p2, accuracy, 400, 3);
    const many = pairedBootstrapDifferences(t, p1, p2, { accuracy, constant: () => 0.5 }, { rounds: 400, seed: 3 });
    expect(many.accuracy).toEqual(one);
    expect(many.constant).toEqual({ lo: 0, hi: 0 });
    const narrow = pairedBootstrapDifferences(t, p1, p2, { accuracy }, { rounds: 400, seed: 3, confidence: 0.5 });
    expect(narrow.accuracy.lo).toBeGreaterThanOrEqual(one.lo);
    expect(narrow.accuracy.hi).toBeLessThanOrEqual(one.hi);
    expect(narrow.accuracy.hi - narrow.accuracy.lo).toBeLessThan(one.hi - one.lo);
  });
});

describe('selectVerdictSet', () => {
  const r = (id: string, mode: VerdictRecord['mode'], order: VerdictRecord['order'], verdict: VerdictLabel, judge = 'j'): VerdictRecord => ({ id, judge, mode, order, verdict });
  const records = [r('1', 'code-only', 'AB', 'A'), r('1', 'code-only', 'BA', 'B'), r('2', 'code-only', 'AB', 'B'), r('2', 'code-only', 'BA', 'B'), r('1', 'with-output', 'AB', 'A')];

  it('combines both orders, or keeps the one asked for', () => {
    expect(selectVerdictSet(records, { mode: 'code-only' })).toEqual({ judge: 'j', mode: 'code-only', order: 'both', verdicts: [{ id: '1', verdict: 'tie' }, { id: '2', verdict: 'B' }] });
    expect(selectVerdictSet(records, { mode: 'code-only', order: 'BA' }).verdicts).toEqual([{ id: '1', verdict: 'B' }, { id: '2', verdict: 'B' }]);
    expect(selectVerdictSet(records, { mode: 'with-output' }).order).toBe('AB');
  });

  it('names the runs when the selection is ambiguous', () => {
    expect(() => selectVerdictSet(records, {}, 'A.jsonl')).toThrow(/A\.jsonl holds 2 judge\/mode runs \(j \(code-only\), j \(with-output\)\)/);
  });
});
