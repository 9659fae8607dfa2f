import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { registerJudgeCommands, sanitiseForFile } from '../../src/cli/judge.js';
import { main } from '../../src/cli/main.js';
import type { Outcome } from '../../src/data/comparison.js';
import { readResultsFile } from '../../src/judge/runner/index.js';
import { captureIO } from '../support/capture-io.js';
import { refusedBaseURL, startJudgeServer, syntheticComparisons, type JudgeServer } from '../support/judge-server.js';

const KEY = 'sk-test-cli-0123456789abcdef';
let server: JudgeServer;
beforeAll(async () => {
  server = await startJudgeServer({ apiKey: KEY, batchPollsUntilDone: 1 });
});
afterAll(() => server.close());
afterEach(() => server.setScript(() => ({ kind: 'verdict' })));

const comparisons = syntheticComparisons(5);
const register = registerJudgeCommands({
  loadComparisons: async (_spec, limit) => ({ comparisons: comparisons.slice(0, limit), name: 'synthetic-test', synthetic: true }),
  loadHumanVotes: async () => ({ votes: new Map<string, Outcome>(comparisons.map((c) => [c.id, c.vote])), name: 'synthetic-test', synthetic: true }),
  env: { JUDGE_KEY: KEY },
});

async function run(argv: string[]) {
  const io = captureIO();
  const code = await main(argv, io, [register]);
  return { code, io, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

describe('bcr judge', () => {
  it('judges with an OpenAI-compatible model, both modes and orders, then resumes with no request', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bcr-cli-judge-'));
    const out = join(dir, 'run.jsonl');
    const args = ['judge', '--model', 'm', '--base-url', server.baseURL, '--api-key-env', 'JUDGE_KEY', '--mode', 'both', '--swap',
      '--limit', '3', '--out', out, '--cache-dir', join(dir, 'cache'), '--json'];
    const first = await run(args);
    expect(first.code).toBe(0);
    const summary = JSON.parse(first.out) as { judge: string; total: number; judged: number };
    // A readable name; the endpoint beside it, in the summary and on every results line.
    expect(summary).toMatchObject({ judge: 'openai:m', endpoint: server.baseURL, total: 12, judged: 12 });
    const lines = readResultsFile(out).lines;
    expect(lines).toHaveLength(12);
    expect(new Set(lines.map((l) => `${l.judge} ${l.endpoint}`))).toEqual(new Set([`openai:m ${server.baseURL}`]));
    expect(new Set(lines.map((l) => `${l.mode}/${l.order}`))).toEqual(new Set(['code-only/AB', 'code-only/BA', 'with-output/AB', 'with-output/BA']));

    const before = server.requests.length;
    const again = await run(args);
    expect(JSON.parse(again.out)).toMatchObject({ alreadyDone: 12, written: 0 });
    expect(server.requests.length).toBe(before);
  });

  it('runs a registered baseline judge and prints a plain summary', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'bcr-cli-judge-')), 'base.jsonl');
    const r = await run(['judge', '--judge', 'baseline:always-a', '--mode', 'code-only', '--orders', 'BA', '--out', out, '--no-cache']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/judge: baseline:always-a/);
    expect(r.out).toMatch(/tasks 5: already done 0, judged 5/);
    expect(r.err).toMatch(/synthetic/);
    // Always the side shown first: in order BA that is the stored B.
    expect(readResultsFile(out).lines.every((l) => l.order === 'BA' && l.verdict === 'B')).toBe(true);
  });

  it('submits through the Batch API with --batch', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'bcr-cli-judge-')), 'batch.jsonl');
    const r = await run(['judge', '--model', 'm', '--base-url', server.baseURL, '--api-key-env', 'JUDGE_KEY', '--mode', 'with-output',
      '--out', out, '--no-cache', '--batch', '--poll-ms', '5', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ total: 5, judged: 5 });
    expect(readResultsFile(out).lines).toHaveLength(5);
  });

  it('refuses contradictory or missing settings with exit code 2 and a plain message', async () => {
    const swap = await run(['judge', '--judge', 'baseline:always-a', '--mode', 'code-only', '--swap', '--orders', 'AB']);
    expect(swap.code).toBe(2);
    expect(swap.err).toMatch(/--swap.*--orders AB/);
    const noKey = await run(['judge', '--model', 'm', '--base-url', server.baseURL, '--api-key-env', 'NOT_SET_KEY', '--mode', 'code-only']);
    expect(noKey.code).toBe(2);
    expect(noKey.err).toMatch(/NOT_SET_KEY/);
    const noJudge = await run(['judge', '--mode', 'code-only']);
    expect(noJudge.code).toBe(2);
    const batchBaseline = await run(['judge', '--judge', 'baseline:always-a', '--mode', 'code-only', '--batch']);
    expect(batchBaseline.err).toMatch(/--batch needs an OpenAI-compatible judge/);
    const noMode = await run(['judge', '--judge', 'baseline:always-a']);
    expect(noMode.code).not.toBe(0);
  });

  it('names default results files after the judge', () => {
    expect(sanitiseForFile('openai:gpt-4o+vision')).toBe('openai_gpt-4o_vision');
    expect(sanitiseForFile('openrouter.ai:anthropic/claude-sonnet-4')).toBe('openrouter.ai_anthropic_claude-sonnet-4');
  });
});

describe('bcr runs', () => {
  it('lists runs and compares two of them against human votes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bcr-cli-runs-'));
    expect((await run(['judge', '--judge', 'baseline:always-a', '--mode', 'code-only', '--out', join(dir, 'a.jsonl'), '--no-cache'])).code).toBe(0);
    expect((await run(['judge', '--judge', 'baseline:longer-answer', '--mode', 'code-only', '--out', join(dir, 'b.jsonl'), '--no-cache'])).code).toBe(0);

    const list = await run(['runs', 'list', dir, '--json']);
    expect(list.code).toBe(0);
    const runs = JSON.parse(list.out) as Array<{ judges: string[]; answers: number; errorRate: number }>;
    expect(runs.map((r) => r.judges[0]).sort()).toEqual(['baseline:always-a', 'baseline:longer-answer']);
    expect(runs.every((r) => r.answers === 5 && r.errorRate === 0)).toBe(true);
    const table = await run(['runs', 'list', dir]);
    expect(table.out).toMatch(/baseline:always-a/);

    const cmp = await run(['runs', 'compare', join(dir, 'a.jsonl'), join(dir, 'b.jsonl'), '--dataset', 'x', '--json']);
    expect(cmp.code).toBe(0);
    const parsed = JSON.parse(cmp.out) as { rows: Array<{ both: number; agree: number; accuracyA: number }> };
    expect(parsed.rows).toHaveLength(1);
    expect(parsed.rows[0]!.both).toBe(5);
    // always-a says A on every record; the synthetic votes cycle A, B, tie, both_bad: 2 of 5 are A.
    expect(parsed.rows[0]!.accuracyA).toBeCloseTo(2 / 5, 12);
    const plain = await run(['runs', 'compare', join(dir, 'a.jsonl'), join(dir, 'b.jsonl')]);
    expect(plain.out).toMatch(/agree %/);
    expect(plain.out).toMatch(/needs the dataset/);
  });
});

describe('bcr judge exit codes', () => {
  const live = (out: string, ...more: string[]) => ['judge', '--model', 'm', '--base-url', server.baseURL, '--api-key-env', 'JUDGE_KEY',
    '--mode', 'code-only', '--out', out, '--no-cache', '--max-attempts', '2', ...more];

  it('exits 1 when tasks failed; a rerun counts the earlier error lines and points at --retry-errors, which clears them', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'bcr-cli-exit-')), 'r.jsonl');
    server.setScript(() => ({ kind: 'status', status: 400, message: 'bad request' }));
    const first = await run(live(out));
    expect(first.code).toBe(1);
    expect(first.out).toMatch(/failed 5/);
    expect(first.err).toMatch(/--retry-errors/);
    const again = await run(live(out));
    expect(again.code).toBe(1);
    expect(again.out).toMatch(/failed 0/);
    expect(again.out).toMatch(/5 task\(s\) already have an error line.*--retry-errors/);
    server.setScript(() => ({ kind: 'verdict' }));
    const fixed = await run(live(out, '--retry-errors'));
    expect(fixed.code).toBe(0);
    expect(fixed.out).toMatch(/judged 5, cached 0, failed 0/);
    expect((await run(live(out))).code).toBe(0);
  });

  it('exits 3 with the reason and a resume hint when the breaker stops the run, and documents the codes in --help', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'bcr-cli-exit-')), 'r.jsonl');
    const r = await run(['judge', '--model', 'm', '--base-url', await refusedBaseURL(), '--api-key-env', 'JUDGE_KEY', '--mode', 'code-only',
      '--out', out, '--no-cache', '--breaker-after', '2']);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/stopped \(breaker\): unreachable: .*ECONNREFUSED/);
    expect(r.err).toMatch(/to resume: 5 task\(s\) were left unwritten; check that the endpoint is up/);
    expect(readResultsFile(out).lines).toHaveLength(0);
    const help = await run(['judge', '--help']);
    expect(help.out).toMatch(/Exit codes:[\s\S]*130/);
  });

  it('runs compare on a missing file is an input error naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bcr-cli-exit-'));
    expect((await run(['judge', '--judge', 'baseline:always-a', '--mode', 'code-only', '--out', join(dir, 'a.jsonl'), '--no-cache'])).code).toBe(0);
    const r = await run(['runs', 'compare', join(dir, 'a.jsonl'), join(dir, 'missing.jsonl')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(join(dir, 'missing.jsonl'));
  });

  it('Ctrl-C: answers in flight are written, pending tasks are not, the exit code is 130, and a rerun finishes', async () => {
    server.setScript(() => ({ kind: 'verdict', latencyMs: 300 }));
    const out = join(mkdtempSync(join(tmpdir(), 'bcr-cli-sigint-')), 'r.jsonl');
    const args = ['bin/bcr.js', 'judge', '--model', 'm', '--base-url', server.baseURL, '--api-key-env', 'JUDGE_KEY', '--mode', 'code-only',
      '--limit', '30', '--concurrency', '2', '--out', out, '--no-cache'];
    const start = server.chatCount;
    const spawnCli = () => spawn(process.execPath, args, {
      cwd: join(import.meta.dirname, '..', '..'), env: { ...process.env, JUDGE_KEY: KEY }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    const child = spawnCli();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => {
      const timer = setInterval(() => {
        if (server.chatCount - start >= 3) {
          clearInterval(timer);
          child.kill('SIGINT');
        }
      }, 10);
      child.on('exit', (c) => {
        clearInterval(timer);
        resolve(c);
      });
    });
    expect(code).toBe(130);
    expect(stderr).toMatch(/rerun the same command to resume/);
    const lines = readResultsFile(out).lines;
    // Every request sent got its answer written; nothing else was written.
    expect(lines).toHaveLength(server.chatCount - start);
    expect(lines.length).toBeLessThan(30);
    expect(lines.every((l) => l.verdict !== 'error')).toBe(true);
    server.setScript(() => ({ kind: 'verdict' }));
    const rerun = spawnCli();
    const rerunCode = await new Promise<number | null>((resolve) => rerun.on('exit', resolve));
    expect(rerunCode).toBe(0);
    expect(readResultsFile(out).latest.size).toBe(30);
    expect(readResultsFile(out).lines).toHaveLength(30);
  }, 60_000);
});
