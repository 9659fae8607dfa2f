/**
 * `runJudge`: judge every (record, mode, order) once, resumably.
 *
 * Guarantees: each task ends with exactly one line in the results file, a
 * verdict or an error after capped retries; a task already in the file is
 * skipped (with `retryErrors`, a task whose last line is an error is tried
 * again and its new line supersedes the old one: readers keep the last line
 * per key); a stopped run writes nothing for unfinished tasks, so rerunning
 * the same call picks up where it stopped. Answers received before a stop are
 * always written.
 *
 * A run stops early on its signal (the summary says `aborted`), or, when the
 * server says no task can succeed now (the circuit breaker: a bad key, no
 * quota, a dead endpoint, a rate limit that never lifts; or a server wait past
 * the retry budget), by throwing `JobStoppedError` carrying the summary.
 */
import type { Comparison } from '../../data/comparison.js';
import { ConfigError, InputError } from '../../errors.js';
import {
  DEFAULT_RETRY, JobStoppedError, resumeHint, runJob, type BreakerLimits, type ProgressEvent, type RetryPolicy,
} from '../../jobs/index.js';
import { assertServesModes } from '../capabilities.js';
import { ordersFor, type OrderPolicy } from '../orders.js';
import type { Judge, JudgeMode, JudgeResult, Order, VerdictRecord } from '../types.js';
import { VerdictCache } from './cache.js';
import { cacheKey, resultKey } from './keys.js';
import { Recorder } from './recorder.js';
import { redact } from '../../llm/redact.js';
import { openResultsLedger } from './results.js';
import { emptySummary, type RunSummary } from './summary.js';

export interface RunJudgeOptions {
  comparisons: readonly Comparison[];
  judge: Judge;
  modes: readonly JudgeMode[];
  /** Which order(s) to show each pair in (default `AB`, as published). */
  orders?: OrderPolicy;
  /** Seeds `random` orders and the retry jitter (default 0). */
  seed?: number;
  /** Requests in flight at once (default 8). */
  concurrency?: number;
  /** Results JSONL file; appended to, and read first to resume. */
  out: string;
  /** Verdict cache folder; no cache when absent. */
  cacheDir?: string;
  /** Only the first `limit` comparisons. */
  limit?: number;
  retry?: Partial<RetryPolicy>;
  /** Per-request timeout (default 120 s). */
  timeoutMs?: number;
  /** Retry tasks whose last line in the results file is an error. */
  retryErrors?: boolean;
  signal?: AbortSignal;
  /** Told at the start and after every finished task. */
  onProgress?: (event: ProgressEvent) => void;
  /** Extra strings to scrub from anything written (API keys). */
  secrets?: readonly string[];
  /** Consecutive failure waves per kind that stop the run (default `DEFAULT_BREAKER`). */
  breaker?: BreakerLimits;
  /** Time answers in flight get when the run stops (default 2 s). */
  graceMs?: number;
}

export interface JudgeTask {
  comparison: Comparison;
  mode: JudgeMode;
  order: Order;
  key: string;
}

/** The tasks of a run, in record order; duplicate record ids are an input error. */
export function planTasks(
  comparisons: readonly Comparison[],
  judgeName: string,
  modes: readonly JudgeMode[],
  orders: OrderPolicy,
  seed: number,
): JudgeTask[] {
  const seen = new Set<string>();
  const tasks: JudgeTask[] = [];
  comparisons.forEach((comparison, row) => {
    if (seen.has(comparison.id)) {
      throw new InputError(`duplicate record id "${comparison.id}": results lines could not tell them apart`, {
        file: comparison.origin,
        row,
        field: 'id',
      });
    }
    seen.add(comparison.id);
    for (const mode of modes) {
      for (const order of ordersFor(comparison.id, orders, seed)) {
        tasks.push({ comparison, mode, order, key: resultKey({ id: comparison.id, judge: judgeName, mode, order }) });
      }
    }
  });
  return tasks;
}

/**
 * Tasks still to do: those with no line yet, plus (with `retryErrors`) those
 * whose last line is an error.
 */
export function selectPending(
  tasks: readonly JudgeTask[],
  latest: ReadonlyMap<string, VerdictRecord>,
  retryErrors: boolean,
): JudgeTask[] {
  return tasks.filter((t) => {
    const last = latest.get(t.key);
    return !last || (retryErrors && last.verdict === 'error');
  });
}

export async function runJudge(opts: RunJudgeOptions): Promise<RunSummary> {
  const startedAt = Date.now();
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...opts.retry };
  if (!(policy.maxAttempts >= 1)) throw new ConfigError('retry.maxAttempts must be at least 1');
  const concurrency = opts.concurrency ?? 8;
  if (!(concurrency >= 1)) throw new ConfigError('concurrency must be at least 1');
  const seed = opts.seed ?? 0;
  const judge = opts.judge;
  // Fail before the first task: a mode the judge cannot serve would give one error line per record.
  assertServesModes(judge, opts.modes);
  // A judge holding a key declares it, so it is scrubbed even if the caller forgot.
  const secrets = [...(opts.secrets ?? []), ...(judge.secretsToRedact ?? [])];

  const comparisons = opts.limit !== undefined ? opts.comparisons.slice(0, opts.limit) : opts.comparisons;
  const tasks = planTasks(comparisons, judge.name, opts.modes, opts.orders ?? 'AB', seed);

  const ledger = openResultsLedger(opts.out, judge);
  const cache = opts.cacheDir ? new VerdictCache(opts.cacheDir, judge) : null;
  const summary = emptySummary(opts.out);
  try {
    summary.total = tasks.length;
    summary.repairedBytes = ledger.droppedBytes;
    const retryErrors = opts.retryErrors ?? false;
    const pending = selectPending(tasks, ledger.latest, retryErrors);
    summary.alreadyDone = tasks.length - pending.length;
    if (!retryErrors) summary.earlierErrors = tasks.filter((t) => ledger.latest.get(t.key)?.verdict === 'error').length;

    const recorder = new Recorder(ledger, summary, judge.name, secrets, opts.onProgress, judge.endpoint);
    const target = (t: JudgeTask) => ({ id: t.comparison.id, mode: t.mode, order: t.order });
    const keyOf = (t: JudgeTask) => cacheKey(judge, t.comparison, t.mode, t.order);
    recorder.progress();
    const outcome = await runJob<JudgeTask, JudgeResult>({
      tasks: pending,
      concurrency,
      retry: policy,
      seed,
      timeoutMs: opts.timeoutMs ?? 120_000,
      ...(opts.breaker ? { breaker: opts.breaker } : {}),
      ...(opts.graceMs !== undefined ? { graceMs: opts.graceMs } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
      ...(cache ? { lookup: (t: JudgeTask) => cache.get(keyOf(t)) } : {}),
      attempt: (t, signal) => judge.judge({ comparison: t.comparison, mode: t.mode, order: t.order, signal }),
      onResult: (t, result, info) => {
        if (!info.cached && result.verdict !== 'error') cache?.put(keyOf(t), result);
        recorder.write(target(t), result, info.cached ? { cached: true } : { attempts: info.attempts, kind: 'parse' });
      },
      onGiveUp: (t, failure, info) =>
        void recorder.write(target(t), { verdict: 'error', error: `${failure.kind}: ${failure.message} (${info.why})` }, {
          attempts: info.attempts,
          kind: failure.kind,
        }),
      onRetry: () => {
        summary.retried++;
      },
    });
    summary.rateLimitPauses = outcome.rateLimitPauses;
    summary.unfinished = pending.length - summary.written;
    summary.elapsedMs = Date.now() - startedAt;
    if (outcome.stop) {
      summary.aborted = true;
      const stop = { ...outcome.stop, message: redact(outcome.stop.message, secrets) };
      summary.stopped = { ...stop, resume: resumeHint(stop, summary.unfinished) };
      if (stop.reason !== 'interrupted') {
        throw new JobStoppedError(stop, summary, summary.stopped.resume);
      }
    }
    return summary;
  } finally {
    ledger.close();
    cache?.close();
  }
}
