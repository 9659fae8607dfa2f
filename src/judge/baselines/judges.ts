/**
 * Offline baseline judges: no model, no network, deterministic. They give
 * the floor any real judge must beat, and exercise the pipeline end to end.
 *
 * - `baseline:random`        a uniform draw over the labels, seeded per record
 * - `baseline:always-a`      always picks the side shown first (pure position bias)
 * - `baseline:longer-answer` the longer final answer wins; tie within a tolerance
 * - `baseline:exec-aware`    prefers code that ran (with-output mode), see below
 */
import type { Outcome } from '../../data/comparison.js';
import { ConfigError } from '../../errors.js';
import { createRng, seedFromString } from '../../util/rng.js';
import type { Judge } from '../types.js';
import { baselineJudge, describeStored, fromSign } from './baseline.js';
import type { RunStatus } from '../../data/execution.js';
import { compareWithTolerance, sideSignals, type SideSignals } from './signals.js';

export interface BaselineOptions {
  /** Seed of `baseline:random` (default 0). */
  seed?: number;
  /** Relative length difference below which lengths count as equal (default 0.05 = 5%). */
  tolerance?: number;
  /** Let `baseline:random` draw "both_bad" too (default false: A, B, tie as in the published protocol). */
  allowBothBad?: boolean;
}

export const DEFAULT_TOLERANCE = 0.05;

function checkTolerance(tolerance: number): number {
  if (!Number.isFinite(tolerance) || tolerance < 0 || tolerance >= 1) {
    throw new ConfigError(`tolerance must be a number in [0, 1), got ${tolerance}`);
  }
  return tolerance;
}

/**
 * Uniform over A, B, tie (and both_bad when allowed). The draw for record
 * `id` comes from `seedFromString(id, seed)`: the same verdicts in any run
 * order or subset. The stream's first draw is the verdict when shown AB, the
 * second when shown BA, so the two orders are independent draws.
 */
export function randomJudge(options: BaselineOptions = {}): Judge {
  const seed = options.seed ?? 0;
  if (!Number.isInteger(seed)) throw new ConfigError(`seed must be an integer, got ${seed}`);
  const labels: Outcome[] = options.allowBothBad ? ['A', 'B', 'tie', 'both_bad'] : ['A', 'B', 'tie'];
  return baselineJudge('baseline:random', { seed, labels }, (_shown, request) => {
    const rng = createRng(seedFromString(request.comparison.id, seed));
    const ab = labels[rng.int(0, labels.length - 1)]!;
    const ba = labels[rng.int(0, labels.length - 1)]!;
    return { verdict: request.order === 'AB' ? ab : ba, reasoning: `random draw (seed ${seed})` };
  });
}

/** Always the first-shown side: stored A in order AB, stored B in order BA. Its position consistency is 0. */
export function alwaysAJudge(): Judge {
  return baselineJudge('baseline:always-a', {}, () => ({ verdict: 'A', reasoning: 'always picks the side shown first' }));
}

/** The longer final answer wins; lengths within `tolerance` (relative) tie. Position-invariant. */
export function longerAnswerJudge(options: BaselineOptions = {}): Judge {
  const tolerance = checkTolerance(options.tolerance ?? DEFAULT_TOLERANCE);
  return baselineJudge('baseline:longer-answer', { tolerance }, ({ first, second }, { comparison }) => {
    const x = sideSignals(first).answerLength;
    const y = sideSignals(second).answerLength;
    return {
      verdict: fromSign(compareWithTolerance(x, y, tolerance)),
      reasoning: `answer length in chars: ${describeStored(comparison, first, String(x), String(y))} (tie within ${tolerance * 100}%)`,
    };
  });
}

const RUN_RANK: Record<RunStatus, number> = { ok: 2, unknown: 1, failed: 0 };

interface Criterion {
  name: string;
  /** Positive when the first side is better. */
  compare(x: SideSignals, y: SideSignals): number;
  show(s: SideSignals): string;
}

function execCriteria(tolerance: number): Criterion[] {
  return [
    { name: 'ran', compare: (x, y) => RUN_RANK[x.run] - RUN_RANK[y.run], show: (s) => s.run },
    {
      name: 'visible result (output or screenshot)',
      compare: (x, y) => Number(x.hasVisibleResult) - Number(y.hasVisibleResult),
      show: (s) => (s.hasVisibleResult ? 'yes' : 'no'),
    },
    { name: 'error lines', compare: (x, y) => y.errorLines - x.errorLines, show: (s) => String(s.errorLines) },
    ...codeCriteria(tolerance),
  ];
}

function codeCriteria(tolerance: number): Criterion[] {
  return [
    { name: 'has code', compare: (x, y) => Number(x.hasCode) - Number(y.hasCode), show: (s) => (s.hasCode ? 'yes' : 'no') },
    {
      name: `code length (tie within ${tolerance * 100}%)`,
      compare: (x, y) => compareWithTolerance(x.codeLength, y.codeLength, tolerance),
      show: (s) => `${s.codeLength} chars`,
    },
  ];
}

/**
 * An execution-aware heuristic. In `with-output` mode it compares, in this
 * order, and the first difference decides:
 *   1. ran: ok > unknown > failed (`runStatus` in data/execution.ts)
 *   2. a visible result (output text or screenshot) over none
 *   3. fewer error lines
 *   4. has code over no code
 *   5. longer code, equal within `tolerance`
 * and calls a tie when nothing differs. In `code-only` mode it cannot see any
 * execution, so it uses only 4 and 5: then it is a code-length judge, which
 * is the point of comparing the two modes. Position-invariant.
 */
export function execAwareJudge(options: BaselineOptions = {}): Judge {
  const tolerance = checkTolerance(options.tolerance ?? DEFAULT_TOLERANCE);
  const withOutput = execCriteria(tolerance);
  const codeOnly = codeCriteria(tolerance);
  return baselineJudge('baseline:exec-aware', { tolerance }, ({ first, second }, { comparison, mode }) => {
    const x = sideSignals(first);
    const y = sideSignals(second);
    for (const criterion of mode === 'with-output' ? withOutput : codeOnly) {
      const sign = Math.sign(criterion.compare(x, y));
      if (sign !== 0) {
        return {
          verdict: fromSign(sign),
          reasoning: `${criterion.name}: ${describeStored(comparison, first, criterion.show(x), criterion.show(y))}`,
        };
      }
    }
    return { verdict: 'tie', reasoning: `no signal differs (${mode})` };
  });
}
