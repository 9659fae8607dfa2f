import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/util/rng.js';
import { backoffMs, classifyFailure, parseResetValue, parseRetryAfter, RateGate, waitFromHeaders } from '../../src/jobs/index.js';
import { redact } from '../../src/llm/redact.js';

const NOW = Date.parse('2025-03-01T12:00:00Z');

describe('rate-limit headers', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('3', NOW)).toBe(3000);
    expect(parseRetryAfter('1.5', NOW)).toBe(1500);
    expect(parseRetryAfter('Sat, 01 Mar 2025 12:00:07 GMT', NOW)).toBe(7000);
    expect(parseRetryAfter('Sat, 01 Mar 2025 11:00:00 GMT', NOW)).toBe(0);
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
  });

  it('reads reset values as durations, seconds, epoch seconds or dates', () => {
    expect(parseResetValue('6m0s', NOW)).toBe(360_000);
    expect(parseResetValue('1h2m3.5s', NOW)).toBe(3_723_500);
    expect(parseResetValue('20ms', NOW)).toBe(20);
    expect(parseResetValue('2', NOW)).toBe(2000);
    expect(parseResetValue(String(NOW / 1000 + 4), NOW)).toBe(4000);
    expect(parseResetValue('2025-03-01T12:00:05Z', NOW)).toBe(5000);
  });

  it('prefers retry-after-ms, then Retry-After, then the longest reset header', () => {
    expect(waitFromHeaders(new Headers({ 'retry-after-ms': '250', 'retry-after': '9' }), NOW)).toBe(250);
    expect(waitFromHeaders({ 'Retry-After': '2', 'x-ratelimit-reset-tokens': '30s' }, NOW)).toBe(2000);
    expect(waitFromHeaders({ 'x-ratelimit-reset-requests': '1s', 'x-ratelimit-reset-tokens': '6s' }, NOW)).toBe(6000);
    expect(waitFromHeaders({}, NOW)).toBeUndefined();
  });
});

describe('retry decisions', () => {
  it('classifies by status and by error shape', () => {
    const withStatus = (status: number, headers?: Record<string, string>) => Object.assign(new Error(`${status}`), { status, headers });
    expect(classifyFailure(withStatus(429, { 'retry-after': '2' }), { timedOut: false })).toMatchObject({ kind: 'rate_limit', retryable: true, serverWaitMs: 2000 });
    expect(classifyFailure(withStatus(503), { timedOut: false })).toMatchObject({ kind: 'server', retryable: true });
    expect(classifyFailure(withStatus(400), { timedOut: false })).toMatchObject({ kind: 'client', retryable: false });
    expect(classifyFailure(new Error('x'), { timedOut: true }).kind).toBe('timeout');
    const refused = new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    // Nobody listening is its own kind: the run's circuit breaker stops on it.
    expect(classifyFailure(refused, { timedOut: false })).toMatchObject({ kind: 'unreachable', retryable: true });
    const reset = new TypeError('fetch failed', { cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }) });
    expect(classifyFailure(reset, { timedOut: false })).toMatchObject({ kind: 'network', retryable: true });
    expect(classifyFailure(withStatus(401), { timedOut: false }).kind).toBe('auth');
    expect(classifyFailure(withStatus(403), { timedOut: false }).kind).toBe('auth');
    const quota = Object.assign(withStatus(429), { error: { code: 'insufficient_quota', message: 'You exceeded your current quota' } });
    expect(classifyFailure(quota, { timedOut: false }).kind).toBe('quota');
    expect(classifyFailure(new SyntaxError('Unexpected token'), { timedOut: false }).kind).toBe('malformed_response');
    expect(classifyFailure(new RangeError('bug'), { timedOut: false })).toMatchObject({ kind: 'other', retryable: false });
  });

  it('backs off exponentially with seeded 50-100% jitter, capped', () => {
    const policy = { maxAttempts: 10, maxTotalMs: 1e9, baseMs: 100, maxDelayMs: 1000 };
    const a = [1, 2, 3, 4, 5, 6].map((f) => backoffMs(f, policy, createRng(7)));
    const b = [1, 2, 3, 4, 5, 6].map((f) => backoffMs(f, policy, createRng(7)));
    expect(a).toEqual(b);
    const full = [100, 200, 400, 800, 1000, 1000];
    a.forEach((d, i) => {
      expect(d).toBeGreaterThanOrEqual(full[i]! / 2);
      expect(d).toBeLessThanOrEqual(full[i]!);
    });
  });

  it('a gate pause holds every waiter until it opens; later pauses extend it', async () => {
    let now = 0;
    const gate = new RateGate(() => now);
    gate.pauseFor(100);
    gate.pauseFor(50);
    expect(gate.pausedUntil).toBe(100);
    expect(gate.pauses).toBe(1);
    now = 100;
    await gate.wait();
  });
});

describe('redact', () => {
  it('removes given secrets and key-shaped strings', () => {
    const text = 'Incorrect API key provided: sk-abcdefgh12345678. Header: Bearer tok.en-123; api_key=xyz123456 mykeyvalue99';
    const out = redact(text, ['mykeyvalue99']);
    expect(out).not.toMatch(/abcdefgh12345678|tok\.en-123|xyz123456|mykeyvalue99/);
    expect(redact('task-force of 12 desks', [])).toBe('task-force of 12 desks');
  });
});
