/**
 * `bcr metrics` on a judge run in both orders, through the real CLI process:
 * the combined verdicts follow the README's rule and the order-consistency
 * table (the one implementation, src/eval/orders.ts) is printed and in --json.
 * Needs `npm run build` (the CLI loads dist/).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Outcome } from '../../src/data/comparison.js';
import type { VerdictRecord } from '../../src/data/verdict.js';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'bcr.js');
const VOTE: Record<Outcome, string> = { A: 'vote_model_A', B: 'vote_model_B', tie: 'vote_tie', both_bad: 'vote_both_bad' };
const HUMAN: [string, Outcome][] = [['s1', 'A'], ['s2', 'B'], ['s3', 'tie'], ['s4', 'both_bad'], ['s5', 'A'], ['s6', 'B']];
const v = (id: string, order: VerdictRecord['order'], verdict: VerdictRecord['verdict']): VerdictRecord => ({ id, judge: 'judge-1', mode: 'with-output', order, verdict });
// Stored terms. Combined: s1 A (A/A), s2 tie (A/B), s3 tie (tie/both_bad), s4 both_bad (error/both_bad: the other order counts),
// s5 tie (A/B), s6 B (AB only) -> right on s1, s3, s4, s6: 4 of 6.
const VERDICTS = [
  v('s1', 'AB', 'A'), v('s2', 'AB', 'A'), v('s3', 'AB', 'tie'), v('s4', 'AB', 'error'), v('s5', 'AB', 'A'), v('s6', 'AB', 'B'),
  v('s1', 'BA', 'A'), v('s2', 'BA', 'B'), v('s3', 'BA', 'both_bad'), v('s4', 'BA', 'both_bad'), v('s5', 'BA', 'B'),
];
const jsonl = (records: unknown[]) => records.map((r) => JSON.stringify(r)).join('\n') + '\n';

let dir: string;
let dataset: string;
let results: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bcr-eval-orders-'));
  dataset = join(dir, 'votes.jsonl');
  writeFileSync(dataset, jsonl(HUMAN.map(([id, o]) => ({
    chat_session_id: id, instruction: 'task', human_vote: VOTE[o], model_A: 'm1', model_B: 'm2', category_id: 1, category_name: 'web_design',
  }))));
  results = join(dir, 'results.jsonl');
  writeFileSync(results, jsonl(VERDICTS));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bcr = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });

describe('bcr metrics with both orders', () => {
  it('prints the combined verdicts and the order-consistency table', () => {
    const run = bcr('metrics', results, '--dataset', dataset);
    expect(run.stderr).not.toMatch(/error/);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Both orders combined');
    expect(run.stdout).toMatch(/judge-1\s+with-output\s+both\s+6\s+0\.6667/);
    expect(run.stdout).toContain('Same verdict in both orders');
    // pairs 4 (s1, s2, s3, s5), one with an error (s4), one single-order (s6); same verdict on s1 only, on s1 and s3 in 3 classes;
    // first-shown side won 5 of 7 decisive verdicts (AB: s1 s2 s5 first, s6 second; BA: s2 s5 first, s1 second).
    expect(run.stdout).toMatch(/judge-1\s+with-output\s+4\s+1\s+1\s+0\.2500\s+0\.5000\s+0\.7143/);
  });

  it('has the same figures in --json', () => {
    const run = bcr('metrics', results, '--dataset', dataset, '--json');
    expect(run.status).toBe(0);
    const printed = JSON.parse(run.stdout) as {
      combined: { order: string; counts: { n: number; errors: number }; withTies: { fourClass: { accuracy: number } } }[];
      consistency: Record<string, unknown>[];
    };
    expect(printed.combined).toHaveLength(1);
    expect(printed.combined[0]).toMatchObject({ order: 'both', counts: { n: 6, errors: 0 } });
    expect(printed.combined[0]!.withTies.fourClass.accuracy).toBeCloseTo(4 / 6, 12);
    expect(printed.consistency).toEqual([{
      judge: 'judge-1', mode: 'with-output', pairs: 4, consistent: 1, consistency: 0.25, consistentMerged: 2, consistencyMerged: 0.5,
      pairsWithError: 1, singleOrder: 1, firstShownWins: 5, secondShownWins: 2, undecided: 3, firstShownWinRate: 5 / 7,
    }]);
  });
});
