/**
 * `runJob`: the loop every long-running stage shares. Each task is tried
 * until it gives a result or fails for good (one retry policy), behind a rate
 * gate all workers wait on, with a circuit breaker over the whole run.
 *
 * Guarantees: a task ends with exactly one `onResult` or `onGiveUp` call, or
 * with none when the run stops first (it stays pending for a resume: nothing
 * is written for it). A run stops when its signal aborts (`interrupted`), when
 * the breaker trips (`breaker`), or when a server asks for a wait longer than
 * the retry budget (`budget`). On a stop no new attempt starts; attempts in
 * flight get `graceMs` to bring their answers home (those are kept), then are
 * aborted.
 */
import { createRng, seedFromString } from '../util/rng.js';
import { CircuitBreaker, DEFAULT_BREAKER, type BreakerLimits } from './breaker.js';
import { classifyFailure, type ClassifiedFailure, type FailureKind } from './failure.js';
import { runPool } from './pool.js';
import { RateGate } from './rate-gate.js';
import { decideRetry, DEFAULT_RETRY, type RetryPolicy } from './retry.js';
import { sleep } from './sleep.js';

export type StopReason = 'interrupted' | 'breaker' | 'budget';

export interface JobStop {
  reason: StopReason;
  /** The failure that stopped the run (breaker and budget stops). */
  kind?: FailureKind;
  status?: number;
  message: string;
  /** How long the server asked to wait before trying again, when it said. */
  retryAfterMs?: number;
}

export interface RunJobOptions<T extends { key: string }, R> {
  /** The tasks still to do, in order. */
  tasks: readonly T[];
  /** One try of a task. It must honour `signal` (timeouts and stops abort it). */
  attempt: (task: T, signal: AbortSignal) => Promise<R>;
  /** A task answered without an attempt (a cache hit), or undefined. */
  lookup?: (task: T) => R | undefined;
  /** Records a result (the ledger append). A throw stops the run and is rethrown. */
  onResult: (task: T, result: R, info: { attempts: number; cached: boolean }) => void;
  /** Records a task that failed for good. */
  onGiveUp: (task: T, failure: ClassifiedFailure, info: { attempts: number; why: string }) => void;
  /** Whether a result counts as a healthy answer for the breaker (default: every result). */
  isHealthy?: (result: R) => boolean;
  onRetry?: (task: T, failure: ClassifiedFailure) => void;
  concurrency?: number;
  retry?: Partial<RetryPolicy>;
  /** Seeds the retry jitter (per task, with its key). */
  seed?: number;
  /** Per-attempt timeout (default 120 s). */
  timeoutMs?: number;
  breaker?: BreakerLimits;
  classify?: (err: unknown, ctx: { timedOut: boolean }) => ClassifiedFailure;
  /** Time given to attempts in flight when the run stops (default 2 s). */
  graceMs?: number;
  signal?: AbortSignal;
}

export interface JobOutcome {
  stop?: JobStop;
  retried: number;
  rateLimitPauses: number;
}

/** Rejects as soon as `signal` aborts, even if the work ignores the signal. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

export async function runJob<T extends { key: string }, R>(opts: RunJobOptions<T, R>): Promise<JobOutcome> {
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...opts.retry };
  const timeoutMs = opts.timeoutMs ?? 120_000;
  const graceMs = opts.graceMs ?? 2_000;
  const seed = opts.seed ?? 0;
  const classify = opts.classify ?? classifyFailure;
  const gate = new RateGate();
  const breaker = new CircuitBreaker(opts.breaker ?? DEFAULT_BREAKER);
  const outcome: JobOutcome = { retried: 0, rateLimitPauses: 0 };

  // `stopping`: no new attempt, waits cut short. `kill`: attempts in flight aborted (after the grace).
  const stopping = new AbortController();
  const kill = new AbortController();
  const inFlight = new Set<AbortController>();
  kill.signal.addEventListener('abort', () => {
    for (const c of inFlight) c.abort(kill.signal.reason);
  }, { once: true });
  let graceTimer: NodeJS.Timeout | undefined;
  const stop = (why: JobStop): void => {
    if (stopping.signal.aborted) return;
    outcome.stop = why;
    stopping.abort(new Error(why.message));
    graceTimer = setTimeout(() => kill.abort(new Error(why.message)), graceMs);
    if (inFlight.size === 0) kill.abort(new Error(why.message));
  };
  const onOuterAbort = () => stop({ reason: 'interrupted', message: 'interrupted' });
  if (opts.signal?.aborted) onOuterAbort();
  opts.signal?.addEventListener('abort', onOuterAbort, { once: true });

  const runTask = async (task: T): Promise<void> => {
    if (stopping.signal.aborted) return;
    const hit = opts.lookup?.(task);
    if (hit !== undefined) return opts.onResult(task, hit, { attempts: 0, cached: true });

    const rng = createRng(seedFromString(task.key, seed));
    const firstTry = Date.now();
    for (let attempt = 1; ; attempt++) {
      try {
        await gate.wait(stopping.signal);
      } catch {
        return; // stopped while waiting: the task stays pending
      }
      if (stopping.signal.aborted) return;
      const wave = breaker.attemptStarted();
      const control = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        control.abort(new Error(`timeout after ${timeoutMs} ms`));
      }, timeoutMs);
      inFlight.add(control);
      let failure: ClassifiedFailure;
      try {
        const result = await untilAborted(opts.attempt(task, control.signal), control.signal);
        // An answer is kept even when the run is stopping: it was paid for.
        if (opts.isHealthy?.(result) ?? true) breaker.success();
        return opts.onResult(task, result, { attempts: attempt, cached: false });
      } catch (err) {
        if (kill.signal.aborted && !timedOut) return;
        failure = classify(err, { timedOut });
      } finally {
        clearTimeout(timer);
        inFlight.delete(control);
        if (stopping.signal.aborted && inFlight.size === 0) kill.abort(stopping.signal.reason);
      }
      if (stopping.signal.aborted) return; // failures after a stop are not the task's: it stays pending

      const delayHint = failure.serverWaitMs;
      // A server's wait always holds every worker, whatever this task does next.
      if (delayHint !== undefined && gate.pauseFor(delayHint)) outcome.rateLimitPauses = gate.pauses;
      const streak = breaker.failure(failure.kind, wave);
      if (streak !== undefined) {
        return stop({
          reason: 'breaker', kind: failure.kind, ...(failure.status !== undefined ? { status: failure.status } : {}),
          message: `${failure.kind}: ${failure.message} (${streak} consecutive failures of this kind)`,
          ...(delayHint !== undefined ? { retryAfterMs: delayHint } : {}),
        });
      }
      const decision = decideRetry(failure, attempt, Date.now() - firstTry, policy, rng);
      if (!decision.retry && decision.overBudget) {
        return stop({
          reason: 'budget', kind: failure.kind, ...(failure.status !== undefined ? { status: failure.status } : {}),
          message: `${failure.kind}: ${failure.message} (${decision.why})`,
          ...(delayHint !== undefined ? { retryAfterMs: delayHint } : {}),
        });
      }
      if (!decision.retry) return opts.onGiveUp(task, failure, { attempts: attempt, why: decision.why });
      outcome.retried++;
      opts.onRetry?.(task, failure);
      if (failure.kind === 'rate_limit') {
        // The limit is shared by all workers: everyone waits, not only this one.
        if (gate.pauseFor(decision.delayMs)) outcome.rateLimitPauses = gate.pauses;
        continue;
      }
      try {
        await sleep(decision.delayMs, stopping.signal);
      } catch {
        return;
      }
    }
  };

  try {
    await runPool(opts.tasks, opts.concurrency ?? 8, runTask, stopping.signal).catch((err: unknown) => {
      // Anything thrown (a full disk...) stops every worker, then surfaces.
      kill.abort(err);
      throw err;
    });
  } finally {
    clearTimeout(graceTimer);
    opts.signal?.removeEventListener('abort', onOuterAbort);
  }
  return outcome;
}
