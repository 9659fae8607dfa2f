import { describe, expect, it } from 'vitest';
import type { Outcome } from '../../src/data/comparison.js';
import type { VerdictLabel, VerdictRecord } from '../../src/data/verdict.js';
import { positionConsistency, positionStatsByJudge } from '../../src/eval/orders.js';

const rec = (id: string, order: VerdictRecord['order'], verdict: VerdictLabel, mode: VerdictRecord['mode'] = 'with-output'): VerdictRecord => ({
  id, judge: 'j', mode, order, verdict,
});

describe('position bias: accuracy of consistent vs inconsistent verdicts', () => {
  const human = new Map<string, Outcome>([['c1', 'A'], ['c2', 'B'], ['c3', 'tie'], ['i1', 'A'], ['i2', 'B'], ['i3', 'A']]);
  const records = [
    rec('c1', 'AB', 'A'), rec('c1', 'BA', 'A'), // consistent, right
    rec('c2', 'AB', 'A'), rec('c2', 'BA', 'A'), // consistent, wrong
    rec('c3', 'AB', 'both_bad'), rec('c3', 'BA', 'both_bad'), // consistent, right in 3 classes
    rec('i1', 'AB', 'A'), rec('i1', 'BA', 'B'), // inconsistent, one order right
    rec('i2', 'AB', 'A'), rec('i2', 'BA', 'tie'), // inconsistent, both wrong
    rec('i3', 'AB', 'A'), rec('i3', 'BA', 'B'), // inconsistent, one right
    rec('nv', 'AB', 'A'), rec('nv', 'BA', 'B'), // no human vote: not in the accuracy
    rec('e1', 'AB', 'A'), rec('e1', 'BA', 'error'), // an error order: not a pair
  ];

  it('scores the shared verdict of consistent pairs and both orders of inconsistent ones', () => {
    const stats = positionConsistency(records, human);
    expect(stats.pairs).toBe(7);
    expect(stats.consistent).toBe(3);
    expect(stats.accuracy).toEqual({ consistentVoted: 3, consistentAccuracy: 2 / 3, inconsistentVoted: 3, inconsistentAccuracy: (0.5 + 0 + 0.5) / 3 });
    // First shown won: AB said A 7 times, BA said B 3 times (i1, i3, nv); second shown won: BA said A twice (c1, c2).
    expect([stats.firstShownWins, stats.secondShownWins]).toEqual([10, 2]);
    expect(stats.firstShownWinRate).toBeCloseTo(10 / 12, 12);
  });

  it('leaves the accuracy out without votes, and gives it per judge and mode with them', () => {
    expect(positionConsistency(records).accuracy).toBeUndefined();
    const table = positionStatsByJudge([...records, rec('c1', 'AB', 'B', 'code-only'), rec('c1', 'BA', 'B', 'code-only')], human);
    expect(table.map((r) => [r.mode, r.accuracy?.consistentVoted, r.accuracy?.consistentAccuracy, r.accuracy?.inconsistentAccuracy])).toEqual([
      ['with-output', 3, 2 / 3, 1 / 3],
      ['code-only', 1, 0, null],
    ]);
  });
});
