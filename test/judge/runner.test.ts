import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RemoteError } from '../../src/errors.js';
import { JobStoppedError } from '../../src/jobs/index.js';
import { OpenAIJudge } from '../../src/judge/openai.js';
import { readResultsFile, resultKey, runJudge } from '../../src/judge/runner/index.js';
import type { VerdictRecord } from '../../src/judge/types.js';
import { refusedBaseURL, startJudgeServer, syntheticComparisons, type JudgeServer } from '../support/judge-server.js';

const KEY = 'sk-test-runner-0123456789abcdef';
let server: JudgeServer;
const tmp = () => mkdtempSync(join(tmpdir(), 'bcr-runner-'));

beforeAll(async () => {
  server = await startJudgeServer({ apiKey: KEY });
});
afterAll(() => server.close());

const judge = (extra: Partial<ConstructorParameters<typeof OpenAIJudge>[0]> = {}) =>
  new OpenAIJudge({ model: 'm', baseURL: server.baseURL, apiKey: KEY, name: 'test:runner', followUp: false, ...extra });

function lines(file: string): VerdictRecord[] {
  return readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as VerdictRecord);
}

/** The record id a chat request is about (the synthetic instruction names its task number). */
function taskNumber(text: string): number {
  return Number(/task number (\d+)/.exec(text)![1]);
}

const fast = { maxAttempts: 3, maxTotalMs: 10_000, baseMs: 10, maxDelayMs: 50 };

describe('runJudge', () => {
  it('ends every (record, mode, order) with exactly one line: a verdict or a counted error', async () => {
    // Record i % 5: 0 ok, 1 always 500, 2 malformed body, 3 refusal, 4 truncated body.
    server.setScript((req) => {
      switch (taskNumber(req.text) % 5) {
        case 1: return { kind: 'status', status: 500 };
        case 2: return { kind: 'malformed' };
        case 3: return { kind: 'text', text: "I'm sorry, I can't assist with that." };
        case 4: return { kind: 'truncated' };
        default: return { kind: 'verdict' };
      }
    });
    const out = join(tmp(), 'r.jsonl');
    const comparisons = syntheticComparisons(10);
    const before = server.chats.length;
    const s = await runJudge({ comparisons, judge: judge(), modes: ['code-only', 'with-output'], orders: 'both', out, concurrency: 4, retry: fast });
    const got = lines(out);
    expect(got).toHaveLength(40);
    expect(new Set(got.map(resultKey)).size).toBe(40);
    const byRec = (i: number) => got.filter((r) => r.id === comparisons[i]!.id);
    expect(byRec(0).every((r) => r.verdict !== 'error')).toBe(true);
    expect(byRec(1).every((r) => r.verdict === 'error' && r.error!.startsWith('server:') && r.attempts === 3)).toBe(true);
    expect(byRec(2).every((r) => r.error?.startsWith('malformed_response:'))).toBe(true);
    expect(byRec(3).every((r) => r.verdict === 'error' && r.attempts === 1 && r.raw!.includes('sorry'))).toBe(true);
    expect(byRec(4).every((r) => r.error?.startsWith('network:'))).toBe(true);
    expect(s).toMatchObject({ total: 40, written: 40, judged: 8, failed: 32, cached: 0 });
    expect(s.errorsByKind).toEqual({ server: 8, malformed_response: 8, parse: 8, network: 8 });
    // Retryable failures were tried 3 times each, the refusal once.
    expect(s.retried).toBe(3 * 8 * 2);
    expect(server.chats.length - before).toBe(8 + 8 + 3 * 24);
  });

  it('honours 429 + Retry-After by pausing every worker, then succeeds', async () => {
    let limitedAt = 0;
    server.setScript(() => {
      if (!limitedAt) {
        limitedAt = Date.now();
        return { kind: 'status', status: 429, headers: { 'retry-after': '1' } };
      }
      return { kind: 'verdict', latencyMs: 20 };
    });
    const out = join(tmp(), 'r.jsonl');
    const before = server.requests.length;
    const s = await runJudge({ comparisons: syntheticComparisons(12), judge: judge(), modes: ['code-only'], out, concurrency: 4, retry: fast });
    const reqs = server.requests.slice(before).filter((r) => r.path.endsWith('/chat/completions'));
    // Exactly one extra request: the one that was limited.
    expect(reqs).toHaveLength(13);
    expect(s).toMatchObject({ judged: 12, failed: 0, retried: 1, rateLimitPauses: 1 });
    // Nobody sent anything during the pause. (Requests already in flight when the 429 was
    // answered may finish, and their workers may send once more before the 429 reaches the
    // client: hence the 250 ms of slack on a busy machine.)
    const during = reqs.filter((r) => r.at > limitedAt + 250 && r.at < limitedAt + 950);
    expect(during).toHaveLength(0);
    expect(reqs[reqs.length - 1]!.at - limitedAt).toBeGreaterThanOrEqual(950);
  });

  it('reads x-ratelimit-reset-requests when there is no Retry-After', async () => {
    let n = 0;
    server.setScript(() => (n++ === 0 ? { kind: 'status', status: 429, headers: { 'x-ratelimit-reset-requests': '400ms' } } : { kind: 'verdict' }));
    const started = Date.now();
    const s = await runJudge({ comparisons: syntheticComparisons(2), judge: judge(), modes: ['code-only'], out: join(tmp(), 'r.jsonl'), concurrency: 1, retry: fast });
    expect(s).toMatchObject({ judged: 2, retried: 1 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(380);
  });

  it('caps retries by total time as well as by count', async () => {
    server.setScript(() => ({ kind: 'status', status: 503 }));
    const out = join(tmp(), 'r.jsonl');
    const before = server.chats.length;
    const started = Date.now();
    const s = await runJudge({
      comparisons: syntheticComparisons(1), judge: judge(), modes: ['code-only'], out,
      retry: { maxAttempts: 1000, maxTotalMs: 600, baseMs: 50, maxDelayMs: 200 },
    });
    const took = Date.now() - started;
    const requests = server.chats.length - before;
    expect(took).toBeLessThan(3000); // the budget is 600 ms; slack for a busy machine
    expect(requests).toBeGreaterThan(2);
    expect(requests).toBeLessThan(15);
    const [line] = lines(out);
    expect(line!.verdict).toBe('error');
    expect(line!.attempts).toBe(requests);
    expect(line!.error).toMatch(/^server: .*budget/);
    expect(s.errorsByKind).toEqual({ server: 1 });
  });

  it('times out a hanging request, retries it, then records a timeout error', async () => {
    server.setScript(() => ({ kind: 'hang' }));
    const out = join(tmp(), 'r.jsonl');
    const before = server.chats.length;
    const started = Date.now();
    const s = await runJudge({ comparisons: syntheticComparisons(1), judge: judge(), modes: ['code-only'], out, timeoutMs: 250, retry: { ...fast, maxAttempts: 2 } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    expect(server.chats.length - before).toBe(2);
    expect(lines(out)[0]!.error).toMatch(/^timeout:/);
    expect(s.errorsByKind).toEqual({ timeout: 1 });
  });

  it('stops at once on a rejected key, writes nothing, and does not echo the key', async () => {
    const out = join(tmp(), 'r.jsonl');
    const bad = new OpenAIJudge({ model: 'm', baseURL: server.baseURL, apiKey: 'sk-wrong-key-abcdefghijkl', name: 'test:bad' });
    const err = await runJudge({ comparisons: syntheticComparisons(5), judge: bad, modes: ['code-only'], out, concurrency: 2, retry: fast }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RemoteError);
    expect((err as RemoteError).status).toBe(401);
    expect((err as Error).message).not.toContain('sk-wrong-key');
    expect(readResultsFile(out).lines).toHaveLength(0);
  });

  it('resumes: skips answered keys, and with retryErrors supersedes error lines', async () => {
    const out = join(tmp(), 'r.jsonl');
    const comparisons = syntheticComparisons(6);
    server.setScript((req) => (taskNumber(req.text) < 2 ? { kind: 'status', status: 500 } : { kind: 'verdict' }));
    await runJudge({ comparisons, judge: judge(), modes: ['code-only'], out, retry: { ...fast, maxAttempts: 1 } });
    server.setScript(() => ({ kind: 'verdict' }));
    let before = server.chats.length;
    const again = await runJudge({ comparisons, judge: judge(), modes: ['code-only'], out });
    expect(server.chats.length - before).toBe(0);
    expect(again).toMatchObject({ alreadyDone: 6, written: 0 });
    before = server.chats.length;
    const retried = await runJudge({ comparisons, judge: judge(), modes: ['code-only'], out, retryErrors: true });
    expect(server.chats.length - before).toBe(2);
    expect(retried).toMatchObject({ alreadyDone: 4, judged: 2 });
    const file = readResultsFile(out);
    expect(file.lines).toHaveLength(8);
    expect([...file.latest.values()].every((r) => r.verdict !== 'error')).toBe(true);
  });

  it('a stopped run writes no partial lines and the next run completes it', async () => {
    server.setScript(() => ({ kind: 'verdict', latencyMs: 30 }));
    const out = join(tmp(), 'r.jsonl');
    const comparisons = syntheticComparisons(20);
    const stop = new AbortController();
    const first = await runJudge({
      comparisons, judge: judge(), modes: ['code-only'], out, concurrency: 2, signal: stop.signal,
      onProgress: (e) => { if (e.done >= 5) stop.abort(); },
    });
    expect(first.aborted).toBe(true);
    const partial = readResultsFile(out).lines;
    expect(partial.length).toBeGreaterThanOrEqual(5);
    expect(partial.length).toBeLessThan(20);
    const second = await runJudge({ comparisons, judge: judge(), modes: ['code-only'], out, concurrency: 2 });
    expect(second.alreadyDone).toBe(partial.length);
    const all = readResultsFile(out);
    expect(all.lines).toHaveLength(20);
    expect(all.latest.size).toBe(20);
  });
});

/** Runs a judge expecting it to stop on the server's word; returns the error and how long it took. */
async function stopped(opts: Parameters<typeof runJudge>[0]) {
  const started = Date.now();
  const err = await runJudge(opts).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(JobStoppedError);
  return { err: err as JobStoppedError, ms: Date.now() - started };
}

const chatRequests = (from: number) => server.requests.slice(from).filter((r) => r.path.endsWith('/chat/completions'));

describe('runJudge against a server that will not serve', () => {
  it('a Retry-After past the retry budget pauses every worker and stops the run, writing nothing for pending tasks', async () => {
    let limitedAt = 0;
    server.setScript(() => {
      if (!limitedAt) {
        limitedAt = Date.now();
        return { kind: 'status', status: 429, headers: { 'retry-after': '3600' } };
      }
      return { kind: 'verdict', latencyMs: 20 };
    });
    const out = join(tmp(), 'r.jsonl');
    const before = server.requests.length;
    const { err, ms } = await stopped({
      comparisons: syntheticComparisons(40), judge: judge(), modes: ['code-only'], out, concurrency: 4,
      retry: { ...fast, maxTotalMs: 5000 },
    });
    expect(ms).toBeLessThan(4000);
    expect(err.stop).toMatchObject({ reason: 'budget', kind: 'rate_limit', status: 429, retryAfterMs: 3_600_000 });
    expect(err.resume).toMatch(/rerun the same command after 60 min/);
    // Only requests already in flight when the 429 came back: nobody fired after it.
    expect(chatRequests(before).filter((r) => r.at > limitedAt + 250)).toHaveLength(0);
    const file = readResultsFile(out);
    expect(file.lines.every((l) => l.verdict !== 'error')).toBe(true);
    expect(file.lines.length).toBeLessThan(40);
    expect(file.lines.length).toBe(chatRequests(before).length - 1);
  });

  it("a server's wait pauses every worker even when the limited task has no attempt left", async () => {
    let limitedAt = 0;
    server.setScript(() => {
      if (!limitedAt) {
        limitedAt = Date.now();
        return { kind: 'status', status: 429, headers: { 'retry-after': '1' } };
      }
      return { kind: 'verdict', latencyMs: 20 };
    });
    const out = join(tmp(), 'r.jsonl');
    const before = server.requests.length;
    const s = await runJudge({ comparisons: syntheticComparisons(12), judge: judge(), modes: ['code-only'], out, concurrency: 4, retry: { ...fast, maxAttempts: 1 } });
    expect(s).toMatchObject({ judged: 11, failed: 1, rateLimitPauses: 1 });
    const reqs = chatRequests(before);
    expect(reqs.filter((r) => r.at > limitedAt + 250 && r.at < limitedAt + 950)).toHaveLength(0);
    expect(reqs[reqs.length - 1]!.at - limitedAt).toBeGreaterThanOrEqual(950);
  });

  it('a 429 that never lifts trips the breaker within seconds', async () => {
    server.setScript(() => ({ kind: 'status', status: 429, headers: { 'retry-after-ms': '50' } }));
    const out = join(tmp(), 'r.jsonl');
    const before = server.requests.length;
    const { err, ms } = await stopped({
      comparisons: syntheticComparisons(30), judge: judge(), modes: ['code-only'], out, concurrency: 8,
      retry: { maxAttempts: 1000, maxTotalMs: 600_000, baseMs: 10, maxDelayMs: 50 },
    });
    expect(ms).toBeLessThan(3000);
    expect(err.stop).toMatchObject({ reason: 'breaker', kind: 'rate_limit' });
    expect(err.message).toMatch(/5 consecutive failures/);
    // Five waves of at most 8 requests, not 30 tasks x 1000 attempts.
    expect(chatRequests(before).length).toBeLessThanOrEqual(5 * 8);
    expect(readResultsFile(out).lines).toHaveLength(0);
    expect(err.summary).toMatchObject({ written: 0, unfinished: 30, aborted: true });
  });

  it('insufficient_quota stops the run at the first answer that says so', async () => {
    server.setScript(() => ({ kind: 'status', status: 429, code: 'insufficient_quota', message: 'You exceeded your current quota' }));
    const out = join(tmp(), 'r.jsonl');
    const before = server.requests.length;
    const { err } = await stopped({ comparisons: syntheticComparisons(20), judge: judge(), modes: ['code-only'], out, concurrency: 2, retry: fast });
    expect(err.stop).toMatchObject({ reason: 'breaker', kind: 'quota' });
    expect(err.message).toMatch(/quota/);
    expect(err.resume).toMatch(/credit/);
    expect(chatRequests(before).length).toBeLessThanOrEqual(2);
    expect(readResultsFile(out).lines).toHaveLength(0);
  });

  it('a 401 after some answers keeps every answer received, those in flight included', async () => {
    // Requests 0-2 answer slowly; from request 3 on the key is refused.
    const base = server.chatCount;
    server.setScript((req) => (req.n - base < 3 ? { kind: 'verdict', latencyMs: 400 } : { kind: 'status', status: 401, message: 'Incorrect API key' }));
    const out = join(tmp(), 'r.jsonl');
    const { err, ms } = await stopped({ comparisons: syntheticComparisons(20), judge: judge(), modes: ['code-only'], out, concurrency: 4, retry: fast });
    expect(ms).toBeLessThan(3000);
    expect(err).toBeInstanceOf(RemoteError);
    expect(err.status).toBe(401);
    expect(err.stop).toMatchObject({ reason: 'breaker', kind: 'auth' });
    const file = readResultsFile(out);
    expect(file.lines).toHaveLength(3);
    expect(file.lines.every((l) => l.verdict !== 'error')).toBe(true);
  });

  it('a refused connection trips the breaker within seconds', async () => {
    const dead = new OpenAIJudge({ model: 'm', baseURL: await refusedBaseURL(), apiKey: KEY, name: 'test:dead', followUp: false });
    const out = join(tmp(), 'r.jsonl');
    const { err, ms } = await stopped({
      comparisons: syntheticComparisons(50), judge: dead, modes: ['code-only'], out, concurrency: 4,
      retry: { maxAttempts: 100, maxTotalMs: 600_000, baseMs: 20, maxDelayMs: 100 },
    });
    expect(ms).toBeLessThan(3000);
    expect(err.stop).toMatchObject({ reason: 'breaker', kind: 'unreachable' });
    expect(err.message).toMatch(/ECONNREFUSED/);
    expect(err.resume).toMatch(/endpoint is up/);
    expect(readResultsFile(out).lines).toHaveLength(0);
  });

  it('a 200 that is not a chat completion is a retried malformed response quoting the server', async () => {
    // Record 0: an HTML page every time; record 1: a router's error object every time; record 2: HTML once, then fine.
    const seen = new Map<number, number>();
    server.setScript((req) => {
      const t = taskNumber(req.text);
      const n = (seen.get(t) ?? 0) + 1;
      seen.set(t, n);
      if (t === 0) return { kind: 'html' };
      if (t === 1) return { kind: 'json', body: { error: { message: 'Provider returned error: upstream model overloaded', code: 502 } } };
      if (t === 2 && n === 1) return { kind: 'html' };
      return { kind: 'verdict' };
    });
    const out = join(tmp(), 'r.jsonl');
    const s = await runJudge({ comparisons: syntheticComparisons(3), judge: judge(), modes: ['code-only'], out, concurrency: 1, retry: fast });
    const byId = new Map(readResultsFile(out).lines.map((l) => [l.id, l]));
    const [r0, r1, r2] = syntheticComparisons(3).map((c) => byId.get(c.id)!);
    expect(r0).toMatchObject({ verdict: 'error', attempts: 3 });
    expect(r0!.error).toMatch(/^malformed_response: .*502 Bad Gateway/);
    expect(r1).toMatchObject({ verdict: 'error', attempts: 3 });
    expect(r1!.error).toMatch(/^malformed_response: .*upstream model overloaded/);
    expect(r2!.verdict).not.toBe('error');
    expect(r2!.attempts).toBe(2);
    expect(s.errorsByKind).toEqual({ malformed_response: 2 });
  });
});
