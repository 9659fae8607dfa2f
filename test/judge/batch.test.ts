import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { batchStatePath, readBatchState, runBatch } from '../../src/judge/batch/index.js';
import { OpenAIJudge } from '../../src/judge/openai.js';
import { readResultsFile, resultKey, runJudge } from '../../src/judge/runner/index.js';
import { startJudgeServer, syntheticComparisons, type JudgeServer, type JudgeServerOptions } from '../support/judge-server.js';

const KEY = 'sk-test-batch-0123456789abcdef';
const servers: JudgeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function setup(options: JudgeServerOptions = {}) {
  const server = await startJudgeServer({ apiKey: KEY, ...options });
  servers.push(server);
  const judge = new OpenAIJudge({ model: 'm', baseURL: server.baseURL, apiKey: KEY, name: 'test:batch', followUp: false });
  const dir = mkdtempSync(join(tmpdir(), 'bcr-batch-'));
  return { server, judge, dir };
}

const comparable = (file: string) =>
  readResultsFile(file).lines.map(({ latencyMs: _l, cached: _c, attempts: _a, ...rest }) => JSON.stringify(rest)).sort();
const count = (server: JudgeServer, method: string, re: RegExp) => server.requests.filter((r) => r.method === method && re.test(r.path)).length;

describe('Batch API mode', () => {
  it('uploads one JSONL, polls, and merges the same verdicts a live run gives; then the cache serves them', async () => {
    const { server, judge, dir } = await setup();
    const comparisons = syntheticComparisons(6);
    const out = join(dir, 'batch.jsonl');
    const cacheDir = join(dir, 'cache');
    const s = await runBatch({ comparisons, judge, modes: ['code-only', 'with-output'], orders: 'both', out, cacheDir, pollMs: 5 });
    expect(s).toMatchObject({ total: 24, written: 24, judged: 24, failed: 0 });

    expect(count(server, 'POST', /\/v1\/files$/)).toBe(1);
    expect(count(server, 'POST', /\/v1\/batches$/)).toBe(1);
    const [upload] = [...server.files.values()].filter((f) => f.purpose === 'batch');
    const inputLines = upload!.content.trim().split('\n').map((l) => JSON.parse(l) as { custom_id: string; url: string; body: { temperature: number } });
    expect(inputLines).toHaveLength(24);
    expect(inputLines[0]!.url).toBe('/v1/chat/completions');
    expect(inputLines[0]!.body.temperature).toBe(0);
    expect(new Set(inputLines.map((l) => l.custom_id)).size).toBe(24);
    expect(readBatchState(out, judge.name).batches[0]).toMatchObject({ merged: true, status: 'completed' });

    const live = join(dir, 'live.jsonl');
    await runJudge({ comparisons, judge, modes: ['code-only', 'with-output'], orders: 'both', out: live });
    expect(comparable(out)).toEqual(comparable(live));

    const before = server.requests.length;
    const cached = await runJudge({ comparisons, judge, modes: ['code-only', 'with-output'], orders: 'both', out: join(dir, 'again.jsonl'), cacheDir });
    expect(cached.cached).toBe(24);
    expect(server.requests.length).toBe(before);
  });

  it('a killed poller resumes polling the same batch instead of submitting again', async () => {
    const { server, judge, dir } = await setup({ batchPollsUntilDone: 4 });
    const comparisons = syntheticComparisons(5);
    const out = join(dir, 'r.jsonl');
    const stop = new AbortController();
    const first = await runBatch({
      comparisons, judge, modes: ['code-only'], out, pollMs: 5, signal: stop.signal,
      onPoll: () => stop.abort(),
    });
    expect(first).toMatchObject({ aborted: true, written: 0 });
    const state = readBatchState(out, judge.name);
    expect(state.batches).toHaveLength(1);
    expect(state.batches[0]).toMatchObject({ merged: false });
    expect(state.batches[0]!.batchId).toMatch(/^batch_/);

    const second = await runBatch({ comparisons, judge, modes: ['code-only'], out, pollMs: 5 });
    expect(second).toMatchObject({ written: 5, judged: 5 });
    expect(count(server, 'POST', /\/v1\/files$/)).toBe(1);
    expect(count(server, 'POST', /\/v1\/batches$/)).toBe(1);
    expect(server.batches.get(state.batches[0]!.batchId!)!.polls).toBe(4);

    const third = await runBatch({ comparisons, judge, modes: ['code-only'], out, pollMs: 5 });
    expect(third).toMatchObject({ alreadyDone: 5, written: 0 });
    expect(count(server, 'POST', /\/v1\/batches$/)).toBe(1);
    expect(readResultsFile(out).lines).toHaveLength(5);
  });

  it('a failed batch still ends every request with one counted error line', async () => {
    const { judge, dir } = await setup({ batchOutcome: 'failed', batchPollsUntilDone: 1 });
    const out = join(dir, 'r.jsonl');
    const s = await runBatch({ comparisons: syntheticComparisons(4), judge, modes: ['code-only'], orders: 'both', out, pollMs: 5 });
    expect(s).toMatchObject({ written: 8, failed: 8, errorsByKind: { batch: 8 } });
    const lines = readResultsFile(out).lines;
    expect(lines.every((l) => l.verdict === 'error' && l.error!.includes('scripted failure'))).toBe(true);
    expect(new Set(lines.map(resultKey)).size).toBe(8);
  });

  it('an expired batch keeps the answers it has, errors the rest, and error lines can be retried', async () => {
    const { server, judge, dir } = await setup({ batchOutcome: 'expired', batchPollsUntilDone: 1 });
    const comparisons = syntheticComparisons(6);
    const out = join(dir, 'r.jsonl');
    const s = await runBatch({ comparisons, judge, modes: ['code-only'], out, pollMs: 5 });
    expect(s).toMatchObject({ written: 6, judged: 3, failed: 3 });
    expect(readResultsFile(out).lines.filter((l) => l.verdict === 'error').every((l) => l.error!.includes('batch_expired'))).toBe(true);

    // The expired half is asked again, live, with retryErrors; its new lines supersede the errors.
    const before = server.chats.length;
    const retry = await runJudge({ comparisons, judge, modes: ['code-only'], out, retryErrors: true });
    expect(retry).toMatchObject({ alreadyDone: 3, judged: 3 });
    expect(server.chats.length - before).toBe(3);
    expect([...readResultsFile(out).latest.values()].every((l) => l.verdict !== 'error')).toBe(true);
    expect(existsSync(batchStatePath(out))).toBe(true);
    expect(readFileSync(batchStatePath(out), 'utf8')).not.toContain(KEY);
  });

  it('lines the provider answered with an error status become classified error lines', async () => {
    const { server, judge, dir } = await setup({ batchPollsUntilDone: 1 });
    server.setScript((req) => (req.text.includes('task number 1.') ? { kind: 'status', status: 429 } : { kind: 'verdict' }));
    const out = join(dir, 'r.jsonl');
    const s = await runBatch({ comparisons: syntheticComparisons(3), judge, modes: ['code-only'], out, pollMs: 5 });
    expect(s).toMatchObject({ written: 3, judged: 2, failed: 1, errorsByKind: { rate_limit: 1 } });
  });

  it('a 200 output line that is not a completion becomes a malformed_response error line, not a crashed merge', async () => {
    const { server, judge, dir } = await setup();
    server.setScript((req) => (req.n === 1 ? { kind: 'json', body: { error: { message: 'router: upstream failed' } } } : { kind: 'verdict' }));
    const out = join(dir, 'batch.jsonl');
    const s = await runBatch({ comparisons: syntheticComparisons(3), judge, modes: ['code-only'], out, pollMs: 5 });
    expect(s).toMatchObject({ written: 3, judged: 2, failed: 1, errorsByKind: { malformed_response: 1 } });
    const bad = readResultsFile(out).lines.filter((l) => l.verdict === 'error');
    expect(bad).toHaveLength(1);
    expect(bad[0]!.error).toMatch(/^malformed_response: .*router: upstream failed/);
  });
});
