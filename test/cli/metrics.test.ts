import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { register, runMetrics } from '../../src/cli/metrics.js';
import { readVerdictFiles } from '../../src/eval/load.js';
import type { Outcome } from '../../src/data/comparison.js';
import type { VerdictRecord } from '../../src/judge/types.js';
import { agreementReport } from '../../src/eval/agreement.js';
import { captureIO } from '../support/capture-io.js';

const VOTE: Record<Outcome, string> = { A: 'vote_model_A', B: 'vote_model_B', tie: 'vote_tie', both_bad: 'vote_both_bad' };
const HUMAN: [string, Outcome][] = [['s1', 'A'], ['s2', 'B'], ['s3', 'tie'], ['s4', 'both_bad'], ['s5', 'A'], ['s6', 'B']];

const v = (id: string, verdict: VerdictRecord['verdict'], extra: Partial<VerdictRecord> = {}): VerdictRecord => ({
  id, judge: 'judge-1', mode: 'with-output', order: 'AB', verdict, ...extra,
});
const VERDICTS: VerdictRecord[] = [
  v('s1', 'A'), v('s2', 'A'), v('s3', 'tie'), v('s4', 'error'), v('s5', 'A'), v('s6', 'B'), v('zz', 'A'),
  v('s1', 'B', { mode: 'code-only' }), v('s2', 'B', { mode: 'code-only' }), v('s3', 'A', { mode: 'code-only' }),
  v('s1', 'A', { order: 'BA' }), v('s2', 'B', { order: 'BA' }),
];
const jsonl = (records: unknown[]) => records.map((r) => JSON.stringify(r)).join('\n') + '\n';

let dir: string;
let dataset: string;
let results: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bcr-metrics-'));
  dataset = join(dir, 'votes.jsonl');
  writeFileSync(dataset, jsonl(HUMAN.map(([id, o]) => ({
    chat_session_id: id, instruction: 'task', human_vote: VOTE[o], model_A: 'm1', model_B: 'm2', category_id: 1, category_name: 'web_design',
  }))));
  results = join(dir, 'results.jsonl');
  writeFileSync(results, jsonl(VERDICTS));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bcr metrics', () => {
  it('prints the agreement tables per judge x mode x order', async () => {
    const io = captureIO();
    expect(await main(['metrics', results, '--dataset', dataset], io, [register])).toBe(0);
    const text = io.text();
    expect(text).toContain('12 verdicts against 6 human votes');
    expect(text).toMatch(/judge-1\s+with-output\s+AB\s+5\s+0\.8000/); // 5 scored, 4 right; s4 is an error
    expect(text).toMatch(/judge-1\s+code-only\s+AB\s+3\s+0\.3333/);
    expect(text).toContain('Same verdict in both orders');
  });

  it('prints the full report as JSON, equal to the library report', async () => {
    const io = captureIO();
    expect(await main(['metrics', results, '--dataset', dataset, '--json'], io, [register])).toBe(0);
    const printed = JSON.parse(io.text());
    const expected = JSON.parse(JSON.stringify(agreementReport(new Map(HUMAN), VERDICTS)));
    expect(printed.rows).toEqual(expected.rows);
    expect(printed.consistency).toEqual(expected.consistency);
    expect(printed.rows[1].counts).toMatchObject({ n: 5, errors: 1, unmatchedVerdicts: 1, unjudged: 0 });
  });

  it('filters by judge and mode', async () => {
    const io = captureIO();
    expect(await main(['metrics', results, '--dataset', dataset, '--mode', 'code-only', '--json'], io, [register])).toBe(0);
    expect(JSON.parse(io.text()).rows.map((r: { mode: string }) => r.mode)).toEqual(['code-only']);
    const none = captureIO();
    expect(await main(['metrics', results, '--dataset', dataset, '--judge', 'nobody'], none, [register])).toBe(2);
    expect(none.stderr.join('')).toContain('present: judge-1 (code-only), judge-1 (with-output)');
    const bad = captureIO();
    expect(await main(['metrics', results, '--dataset', dataset, '--mode', 'exec'], bad, [register])).toBe(2);
    expect(bad.stderr.join('')).toContain('--mode must be one of code-only, with-output');
  });

  it('names file, row and field of a bad results line', async () => {
    const broken = join(dir, 'broken.jsonl');
    writeFileSync(broken, jsonl([v('s1', 'A'), { ...v('s2', 'A'), verdict: 'left' }]));
    const io = captureIO();
    expect(await main(['metrics', broken, '--dataset', dataset], io, [register])).toBe(2);
    expect(io.stderr.join('')).toContain(`${broken}, row 1, field "verdict"`);
    const missing = captureIO();
    expect(await main(['metrics', join(dir, 'nope.jsonl'), '--dataset', dataset], missing, [register])).toBe(2);
    expect(missing.stderr.join('')).toContain('results file not found');
  });

  it('keeps the last line per key across files and warns about a cut-off last line', async () => {
    const rerun = join(dir, 'rerun.jsonl');
    writeFileSync(rerun, jsonl([v('s4', 'both_bad')]) + '{"id":"s5","judge"'); // replaces the s4 error; then a torn line
    const read = readVerdictFiles([results, rerun]);
    expect(read).toMatchObject({ lines: 13, replaced: 1, cutOff: [rerun] });
    const io = captureIO();
    const report = await runMetrics([results, rerun], { judge: 'judge-1', mode: 'with-output' }, io, async () => ({
      votes: new Map(HUMAN), name: 'injected', synthetic: true,
    }));
    expect(report.rows[0]!.counts).toMatchObject({ n: 6, errors: 0 });
    expect(report.rows[0]!.withTies.fourClass.accuracy).toBeCloseTo(5 / 6, 12);
    expect(io.stderr.join('\n')).toContain('last line is cut off');
    expect(io.stderr.join('\n')).toContain('marked synthetic');
  });
});
