/** Both orders together: the combination rule the README states, and order consistency with position bias. */
import { describe, expect, it } from 'vitest';
import type { Order, VerdictLabel, VerdictRecord } from '../../src/data/verdict.js';
import { combineOrderVerdicts, combineOrders, positionConsistency, positionStatsByJudge } from '../../src/eval/orders.js';

function rec(id: string, order: Order, verdict: VerdictLabel, judge = 'j'): VerdictRecord {
  return { id, judge, mode: 'with-output', order, verdict };
}

describe('combining orders', () => {
  it.each([
    ['A', 'A', 'A'],
    ['B', 'B', 'B'],
    ['tie', 'tie', 'tie'],
    ['both_bad', 'both_bad', 'both_bad'],
    ['A', 'B', 'tie'],
    ['A', 'tie', 'tie'],
    ['both_bad', 'tie', 'tie'],
    ['error', 'B', 'B'],
    ['A', 'error', 'A'],
    ['error', 'error', 'error'],
  ] as const)('%s + %s -> %s', (ab, ba, expected) => {
    expect(combineOrderVerdicts(ab, ba)).toBe(expected);
  });

  it('can require both orders', () => {
    expect(combineOrderVerdicts('error', 'B', { onSingleError: 'error' })).toBe('error');
    expect(combineOrderVerdicts('A', 'A', { onSingleError: 'error' })).toBe('A');
  });

  it('combines records per judge and id, later duplicates winning', () => {
    const combined = combineOrders([
      rec('1', 'AB', 'A'),
      rec('1', 'BA', 'B'),
      rec('2', 'AB', 'A'),
      rec('2', 'BA', 'A'),
      rec('3', 'BA', 'B'),
      rec('2', 'BA', 'B'), // a retry appended later replaces the first BA verdict of record 2
    ]);
    expect(combined).toEqual([
      { id: '1', judge: 'j', mode: 'with-output', verdict: 'tie', ab: 'A', ba: 'B', consistent: false },
      { id: '2', judge: 'j', mode: 'with-output', verdict: 'tie', ab: 'A', ba: 'B', consistent: false },
      { id: '3', judge: 'j', mode: 'with-output', verdict: 'B', ba: 'B', consistent: null },
    ]);
  });
});

describe('positionConsistency', () => {
  // Hand-checkable example, verdicts in stored terms:
  //   r1: AB=A,   BA=A    consistent;  first-shown wins: AB→A yes, BA→A no (second)
  //   r2: AB=A,   BA=B    inconsistent; AB→A first, BA→B first  (pure position bias)
  //   r3: AB=tie, BA=tie  consistent;  undecided x2
  //   r4: AB=B,   BA=error  pair with error; AB→B second
  //   r5: AB=A only         single order; first
  const records = [
    rec('r1', 'AB', 'A'), rec('r1', 'BA', 'A'),
    rec('r2', 'AB', 'A'), rec('r2', 'BA', 'B'),
    rec('r3', 'AB', 'tie'), rec('r3', 'BA', 'tie'),
    rec('r4', 'AB', 'B'), rec('r4', 'BA', 'error'),
    rec('r5', 'AB', 'A'),
  ];

  it('counts agreement over complete pairs and position wins over every verdict', () => {
    expect(positionConsistency(records)).toEqual({
      pairs: 3,
      consistent: 2,
      consistency: 2 / 3,
      consistentMerged: 2,
      consistencyMerged: 2 / 3,
      pairsWithError: 1,
      singleOrder: 1,
      firstShownWins: 4, // r1 AB, r2 AB, r2 BA, r5 AB
      secondShownWins: 2, // r1 BA, r4 AB
      undecided: 2,
      firstShownWinRate: 4 / 6,
    });
  });

  it('is null-safe on empty input and gives 0 for a pure position-biased judge', () => {
    expect(positionConsistency([])).toMatchObject({ pairs: 0, consistency: null, firstShownWinRate: null });
    const biased = ['x', 'y'].flatMap((id) => [rec(id, 'AB', 'A'), rec(id, 'BA', 'B')]);
    expect(positionConsistency(biased)).toMatchObject({ consistency: 0, firstShownWinRate: 1 });
  });

  it('splits by judge and mode', () => {
    const table = positionStatsByJudge([...records, rec('r1', 'AB', 'B', 'k'), rec('r1', 'BA', 'B', 'k')]);
    expect(table.map((r) => [r.judge, r.mode, r.pairs, r.consistency])).toEqual([
      ['j', 'with-output', 3, 2 / 3],
      ['k', 'with-output', 1, 1],
    ]);
  });
});
