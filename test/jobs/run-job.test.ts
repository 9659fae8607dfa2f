import { describe, expect, it } from 'vitest';
import { runJob, sleep, type ClassifiedFailure } from '../../src/jobs/index.js';

/** A failure shaped like an HTTP error (status + headers), as the classifier reads them. */
const httpError = (status: number, headers: Record<string, string> = {}) => Object.assign(new Error(`status ${status}`), { status, headers });

function collect() {
  const results: string[] = [];
  const gaveUp: Array<{ key: string; failure: ClassifiedFailure }> = [];
  return {
    results,
    gaveUp,
    onResult: (t: { key: string }) => void results.push(t.key),
    onGiveUp: (t: { key: string }, failure: ClassifiedFailure) => void gaveUp.push({ key: t.key, failure }),
  };
}

const tasks = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `t${i}` }));

describe('runJob', () => {
  it('a stop keeps the answers in flight (within the grace) and leaves pending tasks untouched', async () => {
    const sink = collect();
    const outcome = await runJob({
      tasks: tasks(20),
      concurrency: 4,
      retry: { maxAttempts: 5, baseMs: 5 },
      attempt: async (t, signal) => {
        if (t.key === 't3') throw httpError(429, { 'retry-after': '7200' });
        await sleep(t.key < 't3' ? 150 : 5, signal);
        return t.key;
      },
      ...sink,
    });
    expect(outcome.stop).toMatchObject({ reason: 'budget', kind: 'rate_limit', retryAfterMs: 7_200_000 });
    // t0-t2 were in flight when t3's answer said "come back in 2 hours": kept. Nothing else was started or written.
    expect(sink.results.sort()).toEqual(['t0', 't1', 't2']);
    expect(sink.gaveUp).toEqual([]);
  });

  it('after the grace, attempts still in flight are aborted and stay pending', async () => {
    const sink = collect();
    const stop = new AbortController();
    const started = Date.now();
    const outcome = await runJob({
      tasks: tasks(4),
      concurrency: 4,
      graceMs: 100,
      signal: stop.signal,
      attempt: async (t, signal) => {
        if (t.key === 't0') {
          setTimeout(() => stop.abort(), 20);
          await sleep(30, signal);
        } else {
          await sleep(10_000, signal);
        }
        return t.key;
      },
      ...sink,
    });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(outcome.stop?.reason).toBe('interrupted');
    expect(sink.results).toEqual(['t0']);
    expect(sink.gaveUp).toEqual([]);
  });

  it('cache lookups answer without an attempt; failures for good go to onGiveUp with the reason', async () => {
    const sink = collect();
    let attempts = 0;
    const outcome = await runJob({
      tasks: tasks(4),
      retry: { maxAttempts: 2, baseMs: 1 },
      lookup: (t) => (t.key === 't0' ? 'cached' : undefined),
      attempt: async (t) => {
        attempts++;
        if (t.key === 't1') throw httpError(400);
        if (t.key === 't2') throw httpError(503);
        return t.key;
      },
      ...sink,
    });
    expect(outcome.stop).toBeUndefined();
    expect(sink.results.sort()).toEqual(['t0', 't3']);
    expect(sink.gaveUp.map((g) => [g.key, g.failure.kind]).sort()).toEqual([['t1', 'client'], ['t2', 'server']]);
    expect(attempts).toBe(1 + 2 + 1);
    expect(outcome.retried).toBe(1);
  });
});
