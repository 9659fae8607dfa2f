import { describe, expect, it } from 'vitest';
import { CircuitBreaker, breakerLimits, decideRetry, DEFAULT_BREAKER, runPool } from '../../src/jobs/index.js';
import { createRng } from '../../src/util/rng.js';

describe('circuit breaker', () => {
  it('trips after K consecutive waves of one kind; parallel failures of one wave count once', () => {
    const b = new CircuitBreaker({ rate_limit: 3 });
    // 8 attempts in flight together, all limited: one wave.
    const first = Array.from({ length: 8 }, () => b.attemptStarted());
    expect(first.map((a) => b.failure('rate_limit', a)).filter((x) => x !== undefined)).toEqual([]);
    const second = b.attemptStarted();
    expect(b.failure('rate_limit', second)).toBeUndefined();
    expect(b.failure('rate_limit', b.attemptStarted())).toBe(3);
  });

  it('a success or another kind resets the streak; kinds without a limit never trip', () => {
    const b = new CircuitBreaker({ auth: 2 });
    expect(b.failure('auth', b.attemptStarted())).toBeUndefined();
    b.success();
    expect(b.failure('auth', b.attemptStarted())).toBeUndefined();
    expect(b.failure('server', b.attemptStarted())).toBeUndefined();
    expect(b.failure('auth', b.attemptStarted())).toBeUndefined();
    expect(b.failure('auth', b.attemptStarted())).toBe(2);
    for (let i = 0; i < 50; i++) expect(b.failure('timeout', b.attemptStarted())).toBeUndefined();
  });

  it('an exhausted quota stops at once; --breaker-after sets the other limits', () => {
    expect(new CircuitBreaker().failure('quota', 0)).toBe(1);
    expect(breakerLimits(7)).toEqual({ quota: 1, auth: 7, unreachable: 7, rate_limit: 7 });
    expect(Object.keys(DEFAULT_BREAKER).sort()).toEqual(['auth', 'quota', 'rate_limit', 'unreachable']);
  });
});

describe('retry decisions', () => {
  const policy = { maxAttempts: 5, maxTotalMs: 10_000, baseMs: 100, maxDelayMs: 1000 };
  it('a server wait past the budget is a stop for the whole run, not a task error', () => {
    expect(decideRetry({ retryable: true, serverWaitMs: 3_600_000 }, 1, 0, policy, createRng(0))).toMatchObject({ retry: false, overBudget: true });
    expect(decideRetry({ retryable: true, serverWaitMs: 2000 }, 1, 0, policy, createRng(0))).toEqual({ retry: true, delayMs: 2000 });
    expect(decideRetry({ retryable: true }, 5, 0, policy, createRng(0))).toMatchObject({ retry: false, overBudget: false });
    // A wait that fits the budget but not what this task has left: only this task gives up.
    expect(decideRetry({ retryable: true, serverWaitMs: 5000 }, 2, 8000, policy, createRng(0))).toMatchObject({ retry: false, overBudget: false });
    expect(decideRetry({ retryable: false }, 1, 0, policy, createRng(0))).toMatchObject({ retry: false, why: 'not retryable' });
  });
});

describe('worker pool', () => {
  it('never runs more than `concurrency` at once, runs every item, and rethrows the first error', async () => {
    let running = 0;
    let peak = 0;
    const seen: number[] = [];
    await runPool(Array.from({ length: 50 }, (_, i) => i), 4, async (i) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 1));
      seen.push(i);
      running--;
    });
    expect(peak).toBe(4);
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    const started: number[] = [];
    const err = await runPool(Array.from({ length: 100 }, (_, i) => i), 2, async (i) => {
      started.push(i);
      if (i === 3) throw new Error('disk full');
      await new Promise((r) => setTimeout(r, 1));
    }).catch((e: unknown) => e);
    expect((err as Error).message).toBe('disk full');
    // Feeding stopped soon after the failure.
    expect(started.length).toBeLessThan(10);
  });
});
