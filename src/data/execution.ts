/**
 * One description of a side of a pair: its code, the answer a judge reads,
 * and what happened when the code ran (`Execution`). Every stage that asks
 * "what is this side's code?" or "did it produce output?" asks here: the data
 * summary, the prompt builder, the baselines, the learned judge's features,
 * and the judge cache key.
 *
 * The rules:
 *
 * - `answerJudged(side)`: the final message (`side.answer`), or, when that is
 *   blank, the side's code. It is what the published protocol shows a judge
 *   as "the code" of a side.
 * - `codeOf(side)`: the program: the executed code recorded for the side
 *   (`side.code`, which normalisation already fills from the answer when no
 *   round recorded code), else the program extracted from the answer by
 *   `extractCode`, else ''. Blank text counts as no code.
 * - `executionOf(side)`: the side's execution. A side carries either an
 *   explicit `execution` (set by `withExecution`, e.g. by an executor that
 *   re-ran the code: `source: 'executed'`), or only the recorded fields of the
 *   dataset, read as `source: 'recorded'`.
 * - Text that is blank (empty or only whitespace) counts as absent everywhere.
 * - `hasOutput(e)`: the program printed something on its output channel
 *   (`e.output`, stdout). An error is NOT output: the published "paper"
 *   preset shows judges the output only, and a traceback is a different fact
 *   about a run. Ask `hasError(e)` for that, `hasScreenshot(e)` for a
 *   picture, `hasVisibleResult(e)` for output or a screenshot (something a
 *   person would see).
 * - `runStatus(e)`: `ok`, `failed` or `unknown`. The recorded success flag
 *   decides when present; without it, an error means failed, and output or
 *   a screenshot without an error means ok; with nothing recorded, unknown.
 *   `ranSuccessfully(e)` is the same as true / false / null.
 * - `executionFingerprint(c)`: a short hash of both sides' executions and
 *   their source, for cache keys: a re-executed output never reuses an answer
 *   given about the recorded one.
 */
import { createHash } from 'node:crypto';
import type { Comparison, Execution, SideView } from './comparison.js';
import { extractCode } from './extract-code.js';

/** The side's answer and code as the judge and the features read them. */
type SideText = Pick<SideView, 'answer' | 'code'>;
/** The fields a side carries about its run. */
type SideRun = Pick<SideView, 'output' | 'error' | 'success' | 'screenshot' | 'execution'>;

const present = (text: string | null | undefined): text is string => text !== null && text !== undefined && text.trim() !== '';

// Extraction runs regexes over the whole answer; a side is asked several times per run.
const extracted = new WeakMap<object, string>();

export function codeOf(side: SideText): string {
  if (present(side.code)) return side.code;
  let code = extracted.get(side);
  if (code === undefined) {
    code = extractCode(side.answer)?.code ?? '';
    extracted.set(side, code);
  }
  return code;
}

export function answerJudged(side: SideText): string {
  return side.answer.trim() !== '' ? side.answer : (side.code ?? '');
}

/** True when the side has any code (see `codeOf`). */
export function hasCode(side: SideText): boolean {
  return codeOf(side).trim() !== '';
}

/** A recorded execution from the fields a dataset gives a side. */
export function recordedExecution(fields: Pick<SideView, 'output' | 'error' | 'success' | 'screenshot'>): Execution {
  return { source: 'recorded', output: fields.output, error: fields.error, success: fields.success, screenshot: fields.screenshot };
}

export function executionOf(side: SideRun): Execution {
  return side.execution ?? recordedExecution(side);
}

export function hasOutput(e: Execution): boolean {
  return present(e.output);
}

export function hasError(e: Execution): boolean {
  return present(e.error);
}

export function hasScreenshot(e: Execution): boolean {
  return e.screenshot !== null;
}

/** Output text or a screenshot: a result a person would see. */
export function hasVisibleResult(e: Execution): boolean {
  return hasOutput(e) || hasScreenshot(e);
}

/** `ok` ran, `failed` did not, `unknown` nothing recorded either way. */
export type RunStatus = 'ok' | 'failed' | 'unknown';

export function runStatus(e: Execution): RunStatus {
  if (e.success === true) return 'ok';
  if (e.success === false) return 'failed';
  if (hasError(e)) return 'failed';
  if (hasVisibleResult(e)) return 'ok';
  return 'unknown';
}

export function ranSuccessfully(e: Execution): boolean | null {
  const status = runStatus(e);
  return status === 'unknown' ? null : status === 'ok';
}

/** Non-blank lines of the error text. */
export function errorLineCount(e: Execution): number {
  return (e.error ?? '').split('\n').filter((line) => line.trim() !== '').length;
}

/** The output text when there is output, else ''. */
export function outputText(e: Execution): string {
  return hasOutput(e) ? e.output! : '';
}

/** The error text when there is an error, else ''. */
export function errorText(e: Execution): string {
  return hasError(e) ? e.error! : '';
}

/**
 * The comparison with one stored side's execution replaced. The side's flat
 * fields (`output`, `error`, `success`, `screenshot`) are set to the same
 * values, so a reader that has not moved to `executionOf` sees the same run.
 * The input is not changed; code and answer stay as they are.
 */
export function withExecution(comparison: Comparison, side: 'a' | 'b', execution: Execution): Comparison {
  const before = comparison[side];
  const after: SideView = {
    ...before,
    output: execution.output,
    error: execution.error,
    success: execution.success,
    screenshot: execution.screenshot,
    execution,
  };
  return { ...comparison, [side]: after };
}

/** Length-prefixed fields, so no two field lists give the same text. */
function fields(values: ReadonlyArray<string | number | boolean | null>): string {
  return values
    .map((v) => (v === null ? '\u0000null' : typeof v === 'string' ? v : `\u0000${typeof v}:${v}`))
    .map((text) => `${text.length}:${text}`)
    .join('');
}

function executionFields(e: Execution): string {
  // Screenshot bytes are not read (they can be large): their source and size stand in.
  return fields([e.source, e.output, e.error, e.success, e.screenshot?.source ?? null, e.screenshot?.size ?? null]);
}

const fingerprints = new WeakMap<Comparison, string>();

/**
 * A hash of both sides' executions, source included (comparisons are treated
 * as immutable: `withExecution` makes a new one). Put it in any key that
 * stands for "this judge's answer about this pair".
 */
export function executionFingerprint(comparison: Comparison): string {
  let h = fingerprints.get(comparison);
  if (h === undefined) {
    h = createHash('sha256')
      .update(fields(['execution-v1']) + executionFields(executionOf(comparison.a)) + executionFields(executionOf(comparison.b)))
      .digest('hex')
      .slice(0, 32);
    fingerprints.set(comparison, h);
  }
  return h;
}
