import { describe, expect, it } from 'vitest';
import type { Comparison } from '../../src/data/comparison.js';
import { ConfigError } from '../../src/errors.js';
import {
  alwaysAJudge,
  compareWithTolerance,
  execAwareJudge,
  longerAnswerJudge,
  randomJudge,
  sideSignals,
} from '../../src/judge/baselines/index.js';
import { executionOf, runStatus as statusOf } from '../../src/data/execution.js';
import type { Judge, JudgeMode, Order } from '../../src/judge/types.js';
import { makeComparison, makeSide, memoryImage } from '../support/comparisons.js';

async function verdict(judge: Judge, comparison: Comparison, order: Order = 'AB', mode: JudgeMode = 'with-output') {
  return (await judge.judge({ comparison, mode, order })).verdict;
}

const ids = Array.from({ length: 300 }, (_, i) => `rec-${i}`);

describe('baseline:random', () => {
  it('is deterministic per record and seed, whatever the run order', async () => {
    const judge = randomJudge({ seed: 7 });
    const forward = await Promise.all(ids.map((id) => verdict(judge, makeComparison({ id }))));
    const backward = await Promise.all([...ids].reverse().map((id) => verdict(randomJudge({ seed: 7 }), makeComparison({ id }))));
    expect(backward.reverse()).toEqual(forward);
    const otherSeed = await Promise.all(ids.map((id) => verdict(randomJudge({ seed: 8 }), makeComparison({ id }))));
    expect(otherSeed).not.toEqual(forward);
  });

  it('draws A, B and tie about equally, and both_bad only when allowed', async () => {
    const counts = (vs: string[]) => Object.fromEntries(['A', 'B', 'tie', 'both_bad'].map((l) => [l, vs.filter((v) => v === l).length]));
    const three = counts(await Promise.all(ids.map((id) => verdict(randomJudge(), makeComparison({ id })))));
    expect(three.both_bad).toBe(0);
    for (const label of ['A', 'B', 'tie']) expect(three[label]).toBeGreaterThan(70); // expected 100 of 300
    const four = counts(await Promise.all(ids.map((id) => verdict(randomJudge({ allowBothBad: true }), makeComparison({ id })))));
    expect(four.both_bad).toBeGreaterThan(40); // expected 75 of 300
  });

  it('draws the two orders independently', async () => {
    const judge = randomJudge();
    const pairs = await Promise.all(
      ids.map(async (id) => [await verdict(judge, makeComparison({ id }), 'AB'), await verdict(judge, makeComparison({ id }), 'BA')]),
    );
    const same = pairs.filter(([ab, ba]) => ab === ba).length;
    expect(same).toBeGreaterThan(60); // independent draws agree about a third of the time
    expect(same).toBeLessThan(140);
  });

  it('rejects a non-integer seed', () => {
    expect(() => randomJudge({ seed: 1.5 })).toThrow(ConfigError);
  });
});

describe('baseline:always-a', () => {
  it('picks the side shown first, so its stored verdict flips with the order', async () => {
    const c = makeComparison();
    expect(await verdict(alwaysAJudge(), c, 'AB')).toBe('A');
    expect(await verdict(alwaysAJudge(), c, 'BA')).toBe('B');
  });
});

describe('baseline:longer-answer', () => {
  const judge = longerAnswerJudge();
  it('prefers the longer answer in stored terms in both orders', async () => {
    const c = makeComparison({ a: { answer: 'x'.repeat(100) }, b: { answer: 'x'.repeat(200) } });
    expect(await verdict(judge, c, 'AB')).toBe('B');
    expect(await verdict(judge, c, 'BA')).toBe('B');
    const result = await judge.judge({ comparison: c, mode: 'code-only', order: 'BA' });
    expect(result.reasoning).toContain('A=100, B=200');
  });

  it('ties within the tolerance and not beyond it', async () => {
    const within = makeComparison({ a: { answer: 'x'.repeat(100) }, b: { answer: 'x'.repeat(105) } });
    const beyond = makeComparison({ a: { answer: 'x'.repeat(100) }, b: { answer: 'x'.repeat(106) } });
    expect(await verdict(judge, within)).toBe('tie');
    expect(await verdict(judge, beyond)).toBe('B');
    expect(await verdict(longerAnswerJudge({ tolerance: 0 }), within)).toBe('B');
    expect(() => longerAnswerJudge({ tolerance: 1 })).toThrow(ConfigError);
  });
});

describe('baseline:exec-aware', () => {
  const judge = execAwareJudge();
  const ok = { success: true, error: null, output: 'done' };
  const failed = { success: false, error: 'Traceback\nNameError: x', output: '' };

  it('in with-output mode prefers the side that ran, even when its code is shorter', async () => {
    const c = makeComparison({ a: { ...failed, code: 'x'.repeat(900) }, b: { ...ok, code: 'x'.repeat(100) } });
    expect(await verdict(judge, c, 'AB', 'with-output')).toBe('B');
    expect(await verdict(judge, c, 'BA', 'with-output')).toBe('B');
    const result = await judge.judge({ comparison: c, mode: 'with-output', order: 'AB' });
    expect(result.reasoning).toBe('ran: A=failed, B=ok');
  });

  it('in code-only mode cannot see execution and falls back to code length', async () => {
    const c = makeComparison({ a: { ...failed, code: 'x'.repeat(900) }, b: { ...ok, code: 'x'.repeat(100) } });
    expect(await verdict(judge, c, 'AB', 'code-only')).toBe('A');
  });

  it('breaks ties in the documented order: visible result, then error lines, then code', async () => {
    const shot = memoryImage(new Uint8Array([1]));
    // Both ran (success unknown, no error): a screenshot beats nothing recorded.
    const visible = makeComparison({
      a: { success: null, error: null, output: null, screenshot: null },
      b: { success: null, error: null, output: null, screenshot: shot },
    });
    expect(await verdict(judge, visible)).toBe('B');
    // Both failed with output: fewer error lines wins.
    const errors = makeComparison({
      a: { success: false, error: 'one', output: 'x' },
      b: { success: false, error: 'one\ntwo\nthree', output: 'x' },
    });
    expect(await verdict(judge, errors)).toBe('A');
    // Everything equal: tie.
    expect(await verdict(judge, makeComparison())).toBe('tie');
  });

  it('reads run status from the success flag first, then error, then evidence of a run', () => {
    const runStatus = (side: ReturnType<typeof makeSide>) => statusOf(executionOf(side));
    expect(runStatus(makeSide({ success: true, error: 'DeprecationWarning' }))).toBe('ok');
    expect(runStatus(makeSide({ success: false, error: null }))).toBe('failed');
    expect(runStatus(makeSide({ success: null, error: 'boom' }))).toBe('failed');
    expect(runStatus(makeSide({ success: null, error: null, output: 'hi' }))).toBe('ok');
    expect(runStatus(makeSide({ success: null, error: null, output: '', screenshot: null }))).toBe('unknown');
  });
});

describe('position invariance', () => {
  // Varied pairs: the position-invariant baselines must give the same stored verdict in both orders.
  const pairs = Array.from({ length: 40 }, (_, i) =>
    makeComparison({
      id: `p${i}`,
      a: { answer: 'a'.repeat(50 + ((i * 37) % 200)), code: 'c'.repeat((i * 13) % 120), success: i % 3 === 0 ? false : true, error: i % 3 === 0 ? 'err' : null, output: i % 4 === 0 ? '' : 'out' },
      b: { answer: 'b'.repeat(50 + ((i * 53) % 200)), code: 'c'.repeat((i * 29) % 120), success: i % 5 === 0 ? null : true, error: null, output: i % 2 === 0 ? 'out' : '' },
    }),
  );

  for (const judge of [longerAnswerJudge(), execAwareJudge()]) {
    for (const mode of ['code-only', 'with-output'] as const) {
      it(`${judge.name} (${mode}) gives the same stored verdict in both orders`, async () => {
        const ab = await Promise.all(pairs.map((c) => verdict(judge, c, 'AB', mode)));
        const ba = await Promise.all(pairs.map((c) => verdict(judge, c, 'BA', mode)));
        expect(ba).toEqual(ab);
        expect(new Set(ab).size).toBeGreaterThan(1); // the pairs do exercise different verdicts
      });
    }
  }
});

describe('signals', () => {
  it('extracts code from the answer when no executed code is recorded', () => {
    const s = sideSignals(makeSide({ code: null, answer: 'Intro\n```js\nconsole.log(1)\n```\nbye' }));
    expect(s).toMatchObject({ hasCode: true, codeLength: 'console.log(1)'.length });
  });

  it('compares with a relative tolerance', () => {
    expect(compareWithTolerance(100, 105, 0.05)).toBe(0);
    expect(compareWithTolerance(100, 106, 0.05)).toBe(-1);
    expect(compareWithTolerance(0, 0, 0)).toBe(0);
  });
});

describe('abort', () => {
  it('honours an aborted signal', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(alwaysAJudge().judge({ comparison: makeComparison(), mode: 'code-only', order: 'AB', signal: controller.signal })).rejects.toThrow();
  });
});
