/**
 * The arena's stages that call a model (generating answers, judging them)
 * run on the job room the same way the judge runner does: pending tasks are
 * those with no line in the stage's ledger (or, with `retryErrors`, an error
 * line); each ends with one line, appended as it finishes; a cache answers
 * without a request; a stop writes nothing for unfinished tasks and throws
 * `JobStoppedError` (an interrupt just returns, marked aborted).
 */
import {
  DEFAULT_RETRY, JobStoppedError, Ledger, resumeHint, runJob,
  type BreakerLimits, type ClassifiedFailure, type JobStop, type LedgerFormat, type ProgressEvent, type RetryPolicy,
} from '../jobs/index.js';
import { redact } from '../llm/redact.js';

export interface StageSummary {
  stage: string;
  out: string;
  total: number;
  alreadyDone: number;
  written: number;
  /** Answered from the cache, no request made. */
  cached: number;
  /** Error lines this run wrote. */
  failed: number;
  retried: number;
  unfinished: number;
  /** Tasks whose last line was an error before this run, not retried. */
  earlierErrors: number;
  aborted: boolean;
  stopped?: JobStop & { resume: string };
  elapsedMs: number;
}

export interface StageRunOptions {
  concurrency?: number;
  retry?: Partial<RetryPolicy>;
  timeoutMs?: number;
  breaker?: BreakerLimits;
  retryErrors?: boolean;
  signal?: AbortSignal;
  onProgress?: (event: ProgressEvent) => void;
  seed?: number;
  graceMs?: number;
}

export interface StageSpec<T extends { key: string }, L> extends StageRunOptions {
  stage: string;
  out: string;
  format: LedgerFormat<L>;
  tasks: readonly T[];
  isError: (line: L) => boolean;
  attempt: (task: T, signal: AbortSignal) => Promise<L>;
  lookup?: (task: T) => L | undefined;
  /** After a fresh line is written (e.g. to fill the cache). */
  onFresh?: (task: T, line: L) => void;
  errorLine: (task: T, failure: ClassifiedFailure, info: { attempts: number; why: string }) => L;
  /** Secrets scrubbed from stop messages. */
  secrets?: readonly string[];
}

export function emptyStageSummary(stage: string, out: string): StageSummary {
  return {
    stage, out, total: 0, alreadyDone: 0, written: 0, cached: 0, failed: 0, retried: 0, unfinished: 0,
    earlierErrors: 0, aborted: false, elapsedMs: 0,
  };
}

export async function runStage<T extends { key: string }, L>(spec: StageSpec<T, L>): Promise<StageSummary> {
  const startedAt = Date.now();
  const summary = emptyStageSummary(spec.stage, spec.out);
  const ledger = Ledger.open(spec.out, spec.format);
  try {
    summary.total = spec.tasks.length;
    const retryErrors = spec.retryErrors ?? false;
    const pending = spec.tasks.filter((t) => {
      const last = ledger.latest.get(t.key);
      return !last || (retryErrors && spec.isError(last));
    });
    summary.alreadyDone = spec.tasks.length - pending.length;
    if (!retryErrors) summary.earlierErrors = spec.tasks.filter((t) => { const l = ledger.latest.get(t.key); return l !== undefined && spec.isError(l); }).length;
    const progress = () => spec.onProgress?.({
      total: summary.total, done: summary.alreadyDone + summary.written, cached: summary.cached, failed: summary.failed,
      retried: summary.retried, cost: 0, elapsedMs: Date.now() - startedAt,
    });
    const append = (line: L) => {
      ledger.append(line);
      summary.written++;
      if (spec.isError(line)) summary.failed++;
      progress();
    };
    progress();
    const outcome = await runJob<T, L>({
      tasks: pending,
      concurrency: spec.concurrency ?? 8,
      retry: { ...DEFAULT_RETRY, ...spec.retry },
      seed: spec.seed ?? 0,
      timeoutMs: spec.timeoutMs ?? 120_000,
      ...(spec.breaker ? { breaker: spec.breaker } : {}),
      ...(spec.graceMs !== undefined ? { graceMs: spec.graceMs } : {}),
      ...(spec.signal ? { signal: spec.signal } : {}),
      ...(spec.lookup ? { lookup: spec.lookup } : {}),
      attempt: spec.attempt,
      onResult: (t, line, info) => {
        if (info.cached) summary.cached++;
        append(line);
        if (!info.cached && !spec.isError(line)) spec.onFresh?.(t, line);
      },
      onGiveUp: (t, failure, info) => append(spec.errorLine(t, failure, info)),
      onRetry: () => {
        summary.retried++;
      },
    });
    summary.unfinished = pending.length - summary.written;
    summary.elapsedMs = Date.now() - startedAt;
    if (outcome.stop) {
      summary.aborted = true;
      const stop = { ...outcome.stop, message: redact(outcome.stop.message, spec.secrets ?? []) };
      summary.stopped = { ...stop, resume: resumeHint(stop, summary.unfinished) };
      if (stop.reason !== 'interrupted') throw new JobStoppedError(stop, summary, summary.stopped.resume);
    }
    return summary;
  } finally {
    ledger.close();
  }
}
