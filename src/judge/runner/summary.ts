/** What a run did, counted: the summary printed at the end. */
import type { FailureKind, JobStop, ProgressEvent } from '../../jobs/index.js';

export type { ProgressEvent };

export interface RunSummary {
  out: string;
  /** Tasks asked for: records x modes x orders. */
  total: number;
  /** Tasks already answered in the results file when the run started (skipped). */
  alreadyDone: number;
  /** Lines written by this run (verdicts and errors). */
  written: number;
  /** Fresh verdicts from the judge. */
  judged: number;
  /** Verdicts taken from the cache (no request made). */
  cached: number;
  /** Error lines written (retries exhausted, or not retryable). */
  failed: number;
  /** Retry attempts made, over all tasks. */
  retried: number;
  /** Times the shared gate paused every worker for a rate limit. */
  rateLimitPauses: number;
  /** Error lines by kind (only this run's). */
  errorsByKind: Partial<Record<FailureKind, number>>;
  promptTokens: number;
  completionTokens: number;
  /** US dollars for fresh calls, when the judge knows its price. */
  cost: number;
  elapsedMs: number;
  /** True when the run stopped early (its signal, the breaker, a server wait past the budget); unanswered tasks are left for a resume. */
  aborted: boolean;
  /** Why it stopped early, and how to resume. */
  stopped?: JobStop & { resume: string };
  /** Tasks of this run whose last line in the file was an error when it started, and that it did not retry. */
  earlierErrors: number;
  /** Tasks left with no line (stopped early); a rerun does them. */
  unfinished: number;
  /** Bytes of a cut-off last line dropped from the results file at start. */
  repairedBytes: number;
}

export function emptySummary(out: string): RunSummary {
  return {
    out, total: 0, alreadyDone: 0, written: 0, judged: 0, cached: 0, failed: 0, retried: 0, rateLimitPauses: 0,
    errorsByKind: {}, promptTokens: 0, completionTokens: 0, cost: 0, elapsedMs: 0, aborted: false, repairedBytes: 0,
    earlierErrors: 0, unfinished: 0,
  };
}

/** A few plain lines for a terminal. */
export function formatSummary(s: RunSummary): string {
  const kinds = Object.entries(s.errorsByKind)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  const lines = [
    `results: ${s.out}`,
    `tasks ${s.total}: already done ${s.alreadyDone}, judged ${s.judged}, cached ${s.cached}, failed ${s.failed}` +
      (s.aborted && !s.stopped ? ' (stopped early: rerun the same command to resume)' : ''),
    `retries ${s.retried}, rate-limit pauses ${s.rateLimitPauses}, ${(s.elapsedMs / 1000).toFixed(1)} s`,
  ];
  if (kinds) lines.push(`errors by kind: ${kinds}`);
  if (s.stopped) lines.push(`stopped early (${s.stopped.reason}): ${s.stopped.message}`, `to resume: ${s.stopped.resume}`);
  if (s.earlierErrors) {
    lines.push(`${s.earlierErrors} task(s) already have an error line in the results file: rerun with --retry-errors to judge them again`);
  }
  if (s.promptTokens || s.completionTokens) {
    lines.push(`tokens in ${s.promptTokens}, out ${s.completionTokens}, cost $${s.cost.toFixed(4)}`);
  }
  if (s.repairedBytes) lines.push(`dropped a cut-off last line (${s.repairedBytes} bytes) from the results file`);
  return lines.join('\n');
}
