/**
 * The data summary, the baselines, the learned judge's features and the
 * prompt builder read a side through one module (data/execution.ts), so they
 * agree about it. Each case below is one where they used to disagree.
 */
import { describe, expect, it } from 'vitest';
import type { Comparison, SideView } from '../../src/data/comparison.js';
import { withExecution } from '../../src/data/execution.js';
import { summarise } from '../../src/data/summary.js';
import { sideSignals } from '../../src/judge/baselines/index.js';
import { featureNames, sideVector } from '../../src/judge/learned/index.js';
import { buildPrompt } from '../../src/judge/prompt/index.js';
import { cacheKey } from '../../src/judge/runner/keys.js';
import { makeComparison } from '../support/comparisons.js';

const WITH_OUTPUT = featureNames('with-output');
function feature(side: SideView, name: string): number {
  return sideVector(side, 'with-output')[WITH_OUTPUT.indexOf(name)]!;
}

/** What each consumer says about side A of `c`. */
async function views(c: Comparison) {
  // Side B has nothing at all, so the summary's counts are side A's.
  const summary = summarise([makeComparison({ a: c.a, b: { answer: '', code: null, output: null, error: null, success: null } })]);
  const signals = sideSignals(c.a);
  const prompt = await buildPrompt({ comparison: c, mode: 'with-output', order: 'AB' }, { template: 'bcr-4way' });
  return {
    summaryOutput: summary.sidesWithOutput === 1,
    summaryCode: summary.sidesWithCode === 1,
    baselineVisible: signals.hasVisibleResult,
    baselineRan: signals.run,
    baselineCode: signals.hasCode,
    featureOutput: feature(c.a, 'has_output') === 1,
    featureRan: feature(c.a, 'exec_success') === 1 ? 'ok' : feature(c.a, 'exec_unknown') === 1 ? 'unknown' : 'failed',
    featureCode: feature(c.a, 'has_code') === 1,
    prompt: JSON.stringify(prompt.messages),
  };
}

describe('one description of a side', () => {
  it('an error alone is not output: summary (counted it), baselines and features agree', async () => {
    const v = await views(makeComparison({ a: { output: null, error: 'NameError: x', success: null } }));
    expect([v.summaryOutput, v.baselineVisible, v.featureOutput]).toEqual([false, false, false]);
    expect([v.baselineRan, v.featureRan]).toEqual(['failed', 'failed']);
  });

  it('whitespace output is no output: summary and features (counted it) and baselines agree', async () => {
    const v = await views(makeComparison({ a: { output: ' \n\n', error: null, success: null, screenshot: null } }));
    expect([v.summaryOutput, v.baselineVisible, v.featureOutput]).toEqual([false, false, false]);
    expect([v.baselineRan, v.featureRan]).toEqual(['unknown', 'unknown']);
  });

  it('output without a success flag ran: baselines said ok, features said unknown; now both ok', async () => {
    const v = await views(makeComparison({ a: { output: 'done\n', error: null, success: null } }));
    expect([v.summaryOutput, v.baselineVisible, v.featureOutput]).toEqual([true, true, true]);
    expect([v.baselineRan, v.featureRan]).toEqual(['ok', 'ok']);
  });

  it('code only in the answer: summary (no code) and baselines (all blocks joined) agree with features', async () => {
    const answer = 'Run:\n```bash\npip install numpy\n```\n```python\nimport numpy\nprint(numpy.pi)\n```';
    const c = makeComparison({ a: { code: null, answer } });
    const v = await views(c);
    expect([v.summaryCode, v.baselineCode, v.featureCode]).toEqual([true, true, true]);
    // The same program, by length, for the baselines and the features.
    expect(sideSignals(c.a).codeLength).toBe('import numpy\nprint(numpy.pi)'.length);
    expect(feature(c.a, 'code_chars_log')).toBeCloseTo(Math.log1p('import numpy\nprint(numpy.pi)'.length), 12);
  });

  it('an executed execution is what every consumer reads', async () => {
    const recorded = makeComparison({ a: { output: 'recorded run', error: null, success: true } });
    const executed = withExecution(recorded, 'a', { source: 'executed', output: null, error: 'Segmentation fault', success: false, screenshot: null });
    const before = await views(recorded);
    const after = await views(executed);
    expect([before.summaryOutput, before.baselineRan, before.featureRan]).toEqual([true, 'ok', 'ok']);
    expect([after.summaryOutput, after.baselineRan, after.featureRan]).toEqual([false, 'failed', 'failed']);
    expect(before.prompt).toContain('recorded run');
    expect(after.prompt).not.toContain('recorded run');
    expect(after.prompt).toContain('Segmentation fault');
  });
});

describe('the judge cache key', () => {
  const judge = { name: 'test:judge', config: { v: 1 } };

  it('differs when the same outputs come from a re-execution rather than the record', () => {
    const c = makeComparison();
    const sameTextExecuted = withExecution(c, 'b', { source: 'executed', output: c.b.output, error: c.b.error, success: c.b.success, screenshot: c.b.screenshot });
    expect(cacheKey(judge, sameTextExecuted, 'with-output', 'AB')).not.toBe(cacheKey(judge, c, 'with-output', 'AB'));
    // A fresh object with the same recorded execution keeps its key.
    expect(cacheKey(judge, makeComparison(), 'with-output', 'AB')).toBe(cacheKey(judge, c, 'with-output', 'AB'));
  });
});
