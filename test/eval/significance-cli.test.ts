/**
 * `bcr gain` through the real CLI process (loads dist/: `npm run build` first):
 * known answers on a hand-built dataset and results file, the same numbers
 * as the library in --json, usage errors with exit code 2, and slices by
 * language on the bundled sample judged by a real baseline run.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Outcome } from '../../src/data/comparison.js';
import type { VerdictLabel, VerdictRecord } from '../../src/data/verdict.js';
import { gainSignificance } from '../../src/eval/significance.js';
import { makeComparison } from '../support/comparisons.js';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'bcr.js');
const VOTE: Record<Outcome, string> = { A: 'vote_model_A', B: 'vote_model_B', tie: 'vote_tie', both_bad: 'vote_both_bad' };
const jsonl = (records: unknown[]) => records.map((r) => JSON.stringify(r)).join('\n') + '\n';
const bcr = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120_000 });

/**
 * Human vote B everywhere. web_design (40): code-only right on 10, with-output right on 34, never the reverse
 * (b = 0). game_development (40): both right on the same 20. diagram_creation (10): too small to test.
 * The code-only run was judged in both orders: its BA verdicts agree with AB, except on w0, whose AB says B and
 * BA says A, so combined it is a tie (wrong): code-only right on 9 web_design records, c = 25 there.
 */
const human = new Map<string, Outcome>();
const topicOf = new Map<string, string>();
const records: VerdictRecord[] = [];
const rec = (id: string, mode: VerdictRecord['mode'], order: VerdictRecord['order'], verdict: VerdictLabel): VerdictRecord => ({ id, judge: 'judge-x', mode, order, verdict });
function add(id: string, topic: string, codeOnly: VerdictLabel, withOutput: VerdictLabel, baVerdict: VerdictLabel = codeOnly) {
  human.set(id, 'B');
  topicOf.set(id, topic);
  records.push(rec(id, 'code-only', 'AB', codeOnly), rec(id, 'code-only', 'BA', baVerdict), rec(id, 'with-output', 'AB', withOutput));
}
for (let i = 0; i < 40; i++) add(`w${i}`, 'web_design', i < 10 ? 'B' : 'A', i < 34 ? 'B' : 'tie', i === 0 ? 'A' : undefined);
for (let i = 0; i < 40; i++) add(`g${i}`, 'game_development', i < 20 ? 'B' : 'A', i < 20 ? 'B' : 'A');
for (let i = 0; i < 10; i++) add(`d${i}`, 'diagram_creation', 'A', 'B');
records.push({ ...rec('d0', 'with-output', 'AB', 'error') }); // a later line replaces d0's with-output verdict: an error

let dir: string;
let dataset: string;
let results: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bcr-gain-'));
  dataset = join(dir, 'votes.jsonl');
  writeFileSync(dataset, jsonl([...human].map(([id, o], k) => ({
    chat_session_id: id, instruction: 'task', human_vote: VOTE[o], model_A: 'm1', model_B: 'm2', category_id: k % 3, category_name: topicOf.get(id),
  }))));
  results = join(dir, 'judge-x.jsonl');
  writeFileSync(results, jsonl(records));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bcr gain', () => {
  it('tests with-output against code-only of one results file, per topic', () => {
    const run = bcr('gain', results, '--dataset', dataset, '--by', 'topic', '--bootstrap', '200');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('A: judge-x code-only (both orders combined)');
    expect(run.stdout).toContain('B: judge-x with-output (order AB)');
    expect(run.stdout).toContain('89 paired records');
    expect(run.stdout).toContain('A errors 0, B errors 1');
    // overall: A right 9 + 20 = 29, B right 34 + 20 + 9 = 63 of 89; b = 0, c = 34.
    expect(run.stdout).toMatch(/overall\s+89\s+0\.3258\s+0\.7079\s+0\.3820\s+\[/);
    expect(run.stdout).toMatch(/web_design\s+40\s+0\.2250\s+0\.8500\s+0\.6250\s+\[[^\]]+\]\s+\S+\s+\[[^\]]+\]\s+0\s+25\s+5\.96e-8\s+1\.19e-7/);
    expect(run.stdout).toMatch(/game_development\s+40\s+0\.5000\s+0\.5000\s+0\.0000\s+\[0\.0000, 0\.0000\]/);
    expect(run.stdout).toMatch(/diagram_creation\s+9\s+.*untested: fewer than 30/);
  });

  it('prints in --json what the library computes', () => {
    const run = bcr('gain', results, '--dataset', dataset, '--by', 'topic', '--bootstrap', '300', '--seed', '4', '--classes', '4', '--json');
    expect(run.status).toBe(0);
    const printed = JSON.parse(run.stdout);
    const last = new Map(records.map((r) => [JSON.stringify([r.id, r.mode, r.order]), r]));
    const pick = (mode: VerdictRecord['mode']) => [...last.values()].filter((r) => r.mode === mode);
    const combined = pick('code-only').filter((r) => r.order === 'AB').map((r) => {
      const ba = last.get(JSON.stringify([r.id, 'code-only', 'BA']))!;
      return { id: r.id, verdict: r.verdict === ba.verdict ? r.verdict : ('tie' as const) };
    });
    const comparisons = [...human].map(([id, vote]) => makeComparison({ id, vote, topic: topicOf.get(id)! }));
    const expected = gainSignificance(human, combined, pick('with-output'), { space: 'four-class', bootstrap: 300, seed: 4, by: ['topic'] }, comparisons);
    expect(printed).toMatchObject({ a: { judge: 'judge-x', mode: 'code-only', order: 'both' }, b: { mode: 'with-output', order: 'AB' }, space: 'four-class' });
    expect(printed.overall).toEqual(JSON.parse(JSON.stringify(expected.overall)));
    expect(printed.slices).toEqual(JSON.parse(JSON.stringify(expected.slices)));
  });

  it('compares two files and stops with exit code 2 on an ambiguous set or a bad option', () => {
    const other = join(dir, 'judge-y.jsonl');
    writeFileSync(other, jsonl([...human.keys()].map((id) => ({ ...rec(id, 'code-only', 'AB', 'B'), judge: 'judge-y' }))));
    const two = bcr('gain', results, other, '--dataset', dataset, '--a-mode', 'with-output', '--bootstrap', '0', '--json');
    expect(two.status).toBe(0);
    const printed = JSON.parse(two.stdout);
    expect(printed.b).toMatchObject({ judge: 'judge-y', mode: 'code-only' });
    expect(printed.overall).toMatchObject({ n: 89, accuracyB: 1, intervals: null });
    const ambiguous = bcr('gain', results, other, '--dataset', dataset);
    expect(ambiguous.status).toBe(2);
    expect(ambiguous.stderr).toContain('holds 2 judge/mode runs (judge-x (code-only), judge-x (with-output))');
    const badBy = bcr('gain', results, '--dataset', dataset, '--by', 'colour');
    expect(badBy.status).toBe(2);
    expect(badBy.stderr).toContain('--by takes language, environment, topic');
  });

  it('slices a real baseline run of the bundled sample by language', () => {
    const out = join(dir, 'exec-aware.jsonl');
    const judged = bcr('judge', '--judge', 'baseline:exec-aware', '--mode', 'both', '--out', out);
    expect(judged.status).toBe(0);
    const run = bcr('gain', out, '--by', 'language', '--bootstrap', '100', '--min-slice', '40', '--json');
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('marked synthetic');
    const printed = JSON.parse(run.stdout) as { overall: { n: number }; slices: { key: string; slice: string; n: number; tested: boolean; pHolm: number | null }[] };
    expect(printed.overall.n).toBe(300);
    const slices = printed.slices.filter((s) => s.key === 'language');
    expect(slices.reduce((s, x) => s + x.n, 0)).toBe(300);
    expect(slices.length).toBeGreaterThan(3);
    for (const s of slices) expect(s.tested).toBe(s.n >= 40);
    for (const s of slices) expect(s.pHolm === null).toBe(!s.tested);
  });
});
