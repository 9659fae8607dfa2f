/**
 * The one retry policy: capped by attempts AND by total time (no task is
 * stuck for days), seeded jittered exponential backoff, and a server-given
 * wait (Retry-After, x-ratelimit-reset-*) always honoured. Used by the job
 * runner, the Batch API mode and the hub client.
 */
import type { Rng } from '../util/rng.js';
import { createRng } from '../util/rng.js';
import { sleep } from './sleep.js';

export interface RetryPolicy {
  /** Attempts in all, the first included (1 = no retry). */
  maxAttempts: number;
  /** Give up once this much time has passed since the first attempt of a task. */
  maxTotalMs: number;
  /** First backoff delay; doubles per failure, jittered to 50-100%. */
  baseMs: number;
  /** Upper bound of a single backoff delay. */
  maxDelayMs?: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 6, maxTotalMs: 10 * 60_000, baseMs: 1000, maxDelayMs: 60_000 };

/** Delay before attempt `failures + 1`: base * 2^(failures-1), capped, with 50-100% jitter. */
export function backoffMs(failures: number, policy: RetryPolicy, rng: Rng): number {
  const cap = policy.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs!;
  const full = Math.min(cap, policy.baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(full / 2 + (rng.next() * full) / 2);
}

export type RetryDecision =
  | { retry: true; delayMs: number }
  /** `overBudget`: the server's own wait is longer than the whole retry budget, so no task can be retried now. */
  | { retry: false; why: string; overBudget: boolean };

/** After failed attempt number `attempt` (from 1), `elapsedMs` after the task's first attempt: try again, and when? */
export function decideRetry(
  failure: { retryable: boolean; serverWaitMs?: number },
  attempt: number,
  elapsedMs: number,
  policy: RetryPolicy,
  rng: Rng,
): RetryDecision {
  if (!failure.retryable) return { retry: false, why: 'not retryable', overBudget: false };
  const left = policy.maxTotalMs - elapsedMs;
  // Longer than the whole budget: no task could wait that long, so the run (not this task) must stop.
  // Longer than only this task's remaining time: this task gives up below, like any over-budget wait.
  if (failure.serverWaitMs !== undefined && failure.serverWaitMs > policy.maxTotalMs) {
    return {
      retry: false,
      why: `the server asked to wait ${failure.serverWaitMs} ms, past the ${policy.maxTotalMs} ms retry budget`,
      overBudget: true,
    };
  }
  if (attempt >= policy.maxAttempts) return { retry: false, why: `gave up after ${attempt} attempts`, overBudget: false };
  const delayMs = Math.max(backoffMs(attempt, policy, rng), failure.serverWaitMs ?? 0);
  if (delayMs > left) {
    return {
      retry: false,
      why: `gave up after ${attempt} attempts: the next wait (${delayMs} ms) would pass the ${policy.maxTotalMs} ms budget`,
      overBudget: false,
    };
  }
  return { retry: true, delayMs };
}

export interface WithRetryOptions {
  policy: RetryPolicy;
  classify: (err: unknown) => { retryable: boolean; serverWaitMs?: number };
  /** Jitter source (default: seed 0, so a rerun waits the same). */
  rng?: Rng;
  signal?: AbortSignal;
}

/** Runs `attempt(n)` (n from 0) until it succeeds, fails for good, or the policy is spent; rethrows the last error. */
export async function withRetry<T>(attempt: (n: number) => Promise<T>, opts: WithRetryOptions): Promise<T> {
  const rng = opts.rng ?? createRng(0);
  const first = Date.now();
  for (let n = 0; ; n++) {
    try {
      return await attempt(n);
    } catch (err) {
      if (opts.signal?.aborted) throw err;
      const decision = decideRetry(opts.classify(err), n + 1, Date.now() - first, opts.policy, rng);
      if (!decision.retry) throw err;
      await sleep(decision.delayMs, opts.signal);
    }
  }
}
