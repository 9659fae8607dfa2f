import { beforeAll, describe, expect, it } from 'vitest';
import { holmAdjust, holmReject } from '../../src/stats/multiple-testing.js';
import { createRng } from '../../src/util/rng.js';
import { runPython } from '../support/python.js';

const REFERENCE = String.raw`
import json, sys
from statsmodels.stats.multitest import multipletests
print(json.dumps([list(map(float, multipletests(ps, method='holm')[1])) for ps in json.load(sys.stdin)]))
`;

function buildCases(): number[][] {
  const rng = createRng(77);
  const cases: number[][] = [[0.01], [0.04, 0.01, 0.03], [0.5, 0.5, 0.5], [1e-8, 0.2, 0.02, 0.02, 0.9, 0.049]];
  for (let i = 0; i < 8; i++) cases.push(Array.from({ length: rng.int(2, 25) }, () => rng.next() ** (1 + 3 * rng.next())));
  return cases;
}

describe('Holm correction against statsmodels', () => {
  const cases = buildCases();
  let reference: number[][];
  beforeAll(async () => {
    reference = (await runPython(REFERENCE, cases)) as number[][];
  }, 60_000);

  it('gives the same adjusted p-values', () => {
    cases.forEach((ps, k) => {
      const ours = holmAdjust(ps);
      ours.forEach((p, i) => expect(Math.abs(p - reference[k]![i]!), `case ${k} #${i}`).toBeLessThan(1e-12));
    });
  });
});

describe('Holm by hand', () => {
  it('adjusts step-down and keeps the input order', () => {
    const adjusted = holmAdjust([0.04, 0.01, 0.03]);
    expect(adjusted[1]).toBeCloseTo(0.03, 12);
    expect(adjusted[2]).toBeCloseTo(0.06, 12);
    expect(adjusted[0]).toBeCloseTo(0.06, 12); // monotone: never below the previous step
    expect(holmReject([0.04, 0.01, 0.03])).toEqual([false, true, false]);
  });

  it('leaves NaN untested and out of the family size', () => {
    const adjusted = holmAdjust([NaN, 0.02, 0.04]);
    expect(adjusted[0]).toBeNaN();
    expect(adjusted[1]).toBeCloseTo(0.04, 12);
    expect(adjusted[2]).toBeCloseTo(0.04, 12);
  });
});
