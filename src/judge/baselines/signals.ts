/**
 * Per-side signals that offline judges use. Each is computed from one side
 * alone, so judges built on them treat A and B symmetrically and cannot have
 * a position bias. What a side's code, answer and run are is decided in
 * `data/execution.ts`, the same module the prompt builder, the data summary
 * and the learned judge's features read.
 */
import type { SideView } from '../../data/comparison.js';
import {
  answerJudged,
  codeOf,
  errorLineCount,
  executionOf,
  hasVisibleResult,
  runStatus,
  type RunStatus,
} from '../../data/execution.js';

export interface SideSignals {
  run: RunStatus;
  /** Output text or a screenshot was recorded (`hasVisibleResult`). */
  hasVisibleResult: boolean;
  errorLines: number;
  hasCode: boolean;
  codeLength: number;
  answerLength: number;
}

export function sideSignals(side: SideView): SideSignals {
  const code = codeOf(side);
  const execution = executionOf(side);
  return {
    run: runStatus(execution),
    hasVisibleResult: hasVisibleResult(execution),
    errorLines: errorLineCount(execution),
    hasCode: code.trim() !== '',
    codeLength: code.length,
    answerLength: answerJudged(side).length,
  };
}

/**
 * -1, 0 or 1 as `x` is smaller than, about equal to, or larger than `y`,
 * where "about equal" means within `tolerance` times the larger of the two.
 */
export function compareWithTolerance(x: number, y: number, tolerance: number): -1 | 0 | 1 {
  const scale = Math.max(Math.abs(x), Math.abs(y));
  if (Math.abs(x - y) <= tolerance * scale) return 0;
  return x < y ? -1 : 1;
}
