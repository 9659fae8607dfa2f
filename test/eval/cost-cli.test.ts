/**
 * `bcr metrics` prints the cost and latency table and the accuracy of
 * consistent vs inconsistent verdicts, through the real CLI process (loads
 * dist/: `npm run build` first), with a user price table.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VerdictRecord } from '../../src/data/verdict.js';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'bcr.js');
const jsonl = (records: unknown[]) => records.map((r) => JSON.stringify(r)).join('\n') + '\n';
const bcr = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });

const v = (id: string, order: VerdictRecord['order'], verdict: VerdictRecord['verdict'], extra: Partial<VerdictRecord> = {}): VerdictRecord => ({
  id, judge: 'openai:my-model', mode: 'with-output', order, verdict, usage: { promptTokens: 1000, completionTokens: 100 }, latencyMs: 1000, attempts: 1, ...extra,
});
// Human votes: s1 A, s2 B, s3 A. s1 consistent and right; s2 consistent and wrong; s3 inconsistent, one order right.
const VERDICTS = [
  v('s1', 'AB', 'A'), v('s1', 'BA', 'A', { latencyMs: 2000 }),
  v('s2', 'AB', 'A', { latencyMs: 3000, attempts: 3 }), v('s2', 'BA', 'A', { latencyMs: 4000 }),
  v('s3', 'AB', 'A', { cached: true, latencyMs: 5 }), v('s3', 'BA', 'B', { latencyMs: 5000 }),
  v('s4', 'AB', 'error', { usage: undefined, latencyMs: 6000, attempts: 2 }),
];

let dir: string;
let dataset: string;
let results: string;
let prices: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bcr-cost-cli-'));
  dataset = join(dir, 'votes.jsonl');
  writeFileSync(dataset, jsonl([['s1', 'vote_model_A'], ['s2', 'vote_model_B'], ['s3', 'vote_model_A'], ['s4', 'vote_tie']].map(([id, vote]) => ({
    chat_session_id: id, instruction: 'task', human_vote: vote, model_A: 'm1', model_B: 'm2', category_id: 1, category_name: 'web_design',
  }))));
  results = join(dir, 'results.jsonl');
  writeFileSync(results, jsonl(VERDICTS));
  prices = join(dir, 'prices.csv');
  writeFileSync(prices, 'model,input,output\nmy-model,2,10\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bcr metrics: cost, latency and position bias', () => {
  it('prints tokens, cost from the given price table, retries and latency percentiles', () => {
    const run = bcr('metrics', results, '--dataset', dataset, '--prices', prices);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`cost from ${prices}`);
    // 5 uncached verdicts with usage: 5000 prompt and 500 completion tokens -> 5000*2/1e6 + 500*10/1e6 = 0.015 dollars.
    // Latencies (cached left out): 1000, 2000, 3000, 4000, 5000, 6000 -> p50 3500, p90 5500, p99 5950.
    expect(run.stdout).toMatch(/openai:my-model\s+with-output\s+7\s+1\s+1\s+2\s+3\s+5000\s+500\s+0\.0150\s+3500\s+5500\s+5950/);
    expect(run.stdout).toMatch(/accConsistent\s+accInconsistent/);
    expect(run.stdout).toMatch(/openai:my-model\s+with-output\s+3\s+0\s+1\s+0\.6667\s+0\.6667\s+\S+\s+0\.5000\s+0\.5000/);
  });

  it('has the same figures in --json, and uses the shipped table by default', () => {
    const run = bcr('metrics', results, '--dataset', dataset, '--json');
    expect(run.status).toBe(0);
    const printed = JSON.parse(run.stdout);
    expect(printed.prices.file).toMatch(/data[/\\]prices\.json$/);
    expect(printed.prices.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(printed.cost).toEqual([expect.objectContaining({ pricedAs: null, cost: null, promptTokens: 5000, retries: 3, latencyMs: { n: 6, p50: 3500, p90: 5500, p99: 5950, max: 6000 } })]);
    expect(printed.positionBias[0].accuracy).toEqual({ consistentVoted: 2, consistentAccuracy: 0.5, inconsistentVoted: 1, inconsistentAccuracy: 0.5 });
    const bad = bcr('metrics', results, '--dataset', dataset, '--prices', join(dir, 'nope.csv'));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('nope.csv: cannot read the price table');
  });
});
