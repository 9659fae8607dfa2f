/**
 * Recorded vs fresh: for every side that has both the dataset's recorded
 * execution and a fresh one, per environment, how often they agree on
 * success (`runStatus`), how alike their outputs are, and whether each has a
 * screenshot. Only data is needed, so it lives with the executor.
 *
 * Output similarity: outputs are normalised (CRLF to LF, trailing spaces of
 * each line and trailing blank lines dropped) and compared exactly, and by a
 * Levenshtein ratio, 1 - distance / longer length (1 = equal, both empty =
 * 1). The ratio looks at the first `SIMILARITY_CHARS` characters of each
 * output, so a megabyte of output costs no more than a page.
 */
import { distance } from 'fastest-levenshtein';
import type { Comparison } from '../data/comparison.js';
import { hasScreenshot, outputText, recordedExecution, runStatus } from '../data/execution.js';
import { executionKey, type ExecutionsRead } from './executions-file.js';

export const SIMILARITY_CHARS = 20_000;

export interface EnvironmentComparison {
  environment: string;
  /** Sides with a fresh execution (and a recorded one to compare with). */
  sides: number;
  /** Sides whose success is known both in the recording and in the fresh run. */
  successKnown: number;
  successAgree: number;
  /** successAgree / successKnown (NaN when none). */
  successAgreement: number;
  /** Recorded ok, fresh failed; and the reverse. */
  recordedOkFreshFailed: number;
  recordedFailedFreshOk: number;
  /** Normalised outputs equal. */
  outputExact: number;
  /** Mean similarity ratio of the outputs (NaN when no side). */
  outputSimilarity: number;
  recordedScreenshots: number;
  freshScreenshots: number;
}

export interface ExecutionsComparison {
  rows: EnvironmentComparison[];
  /** All environments together. */
  total: EnvironmentComparison;
  /** Sides of the records in the file that have no fresh execution (no code, environment not here). */
  notExecuted: number;
}

export function normaliseOutput(text: string): string {
  return text.replace(/\r\n?/g, '\n').split('\n').map((l) => l.trimEnd()).join('\n').replace(/\n+$/, '');
}

/** 1 - Levenshtein distance / longer length, over normalised text (both empty: 1). */
export function outputSimilarity(a: string, b: string): number {
  const x = normaliseOutput(a).slice(0, SIMILARITY_CHARS);
  const y = normaliseOutput(b).slice(0, SIMILARITY_CHARS);
  const longer = Math.max(x.length, y.length);
  return longer === 0 ? 1 : 1 - distance(x, y) / longer;
}

interface Acc {
  sides: number; known: number; agree: number; okFailed: number; failedOk: number; exact: number; similarity: number; recShots: number; freshShots: number;
}

const emptyAcc = (): Acc => ({ sides: 0, known: 0, agree: 0, okFailed: 0, failedOk: 0, exact: 0, similarity: 0, recShots: 0, freshShots: 0 });

function row(environment: string, a: Acc): EnvironmentComparison {
  return {
    environment, sides: a.sides, successKnown: a.known, successAgree: a.agree,
    successAgreement: a.known > 0 ? a.agree / a.known : NaN,
    recordedOkFreshFailed: a.okFailed, recordedFailedFreshOk: a.failedOk,
    outputExact: a.exact, outputSimilarity: a.sides > 0 ? a.similarity / a.sides : NaN,
    recordedScreenshots: a.recShots, freshScreenshots: a.freshShots,
  };
}

/**
 * Compares each side's recorded execution with its fresh one from an
 * executions file. Give it the comparisons as loaded, before
 * `applyExecutions` (which overwrites the recorded fields). Environments are
 * the side's recorded `sandbox_environment`.
 */
export function compareExecutions(comparisons: readonly Comparison[], fresh: ExecutionsRead): ExecutionsComparison {
  const groups = new Map<string, Acc>();
  const total = emptyAcc();
  let notExecuted = 0;
  for (const c of comparisons) {
    // Records the file does not cover (a run with --limit) are not counted at all.
    if (!fresh.lines.has(executionKey(c.id, 'a')) && !fresh.lines.has(executionKey(c.id, 'b'))) continue;
    for (const side of ['a', 'b'] as const) {
      const s = c[side];
      const now = fresh.executions.get(executionKey(c.id, side));
      if (!now) {
        notExecuted++;
        continue;
      }
      const before = recordedExecution(s);
      const env = s.environment ?? fresh.lines.get(executionKey(c.id, side))?.environment ?? 'unknown';
      let g = groups.get(env);
      if (!g) groups.set(env, (g = emptyAcc()));
      const r = runStatus(before);
      const f = runStatus(now);
      const similarity = outputSimilarity(outputText(before), outputText(now));
      for (const acc of [g, total]) {
        acc.sides++;
        if (r !== 'unknown' && f !== 'unknown') {
          acc.known++;
          if (r === f) acc.agree++;
          else if (r === 'ok') acc.okFailed++;
          else acc.failedOk++;
        }
        if (normaliseOutput(outputText(before)) === normaliseOutput(outputText(now))) acc.exact++;
        acc.similarity += similarity;
        if (hasScreenshot(before)) acc.recShots++;
        if (hasScreenshot(now)) acc.freshShots++;
      }
    }
  }
  const rows = [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([env, acc]) => row(env, acc));
  return { rows, total: row('all', total), notExecuted };
}
