import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Outcome } from '../../src/data/comparison.js';
import { writeBatchState } from '../../src/judge/batch/index.js';
import { compareRuns } from '../../src/eval/runs.js';
import { InputError } from '../../src/errors.js';
import { describeRun, listRuns } from '../../src/judge/runs.js';
import type { VerdictRecord } from '../../src/judge/types.js';

const line = (id: string, verdict: VerdictRecord['verdict'], extra: Partial<VerdictRecord> = {}): string =>
  JSON.stringify({ id, judge: 'j1', mode: 'code-only', order: 'AB', verdict, ...extra } satisfies VerdictRecord);

function write(file: string, lines: string[]): string {
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

describe('listing runs', () => {
  it('summarises each results file with the last-line-wins rule, newest first', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bcr-runs-'));
    const a = write(join(dir, 'a.jsonl'), [
      line('1', 'error'), line('1', 'A'), line('2', 'B'), line('3', 'error'),
      line('1', 'tie', { mode: 'with-output' }),
    ]);
    const b = write(join(dir, 'b.jsonl'), [line('1', 'A', { judge: 'j2', order: 'BA' })]);
    writeFileSync(join(dir, 'notes.txt'), 'ignored');
    utimesSync(a, new Date('2025-01-01'), new Date('2025-01-01'));
    const runs = listRuns(dir);
    expect(runs.map((r) => r.file)).toEqual([b, a]);
    expect(runs[1]).toMatchObject({
      judges: ['j1'], modes: ['code-only', 'with-output'], orders: ['AB'], records: 3, answers: 4,
      verdicts: 3, errors: 1, errorRate: 0.25, lines: 5, incomplete: false, pendingBatches: 0,
      modified: '2025-01-01T00:00:00.000Z',
    });
  });

  it('flags a killed run, pending batches, and files that are not results', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bcr-runs-'));
    const cut = join(dir, 'cut.jsonl');
    writeFileSync(cut, `${line('1', 'A')}\n{"id":"2","ju`);
    writeBatchState(cut, { version: 1, judge: 'j1', batches: [{ inputFileId: 'f', batchId: 'b', customIds: ['x'], merged: false }] });
    expect(describeRun(cut)).toMatchObject({ incomplete: true, answers: 1, pendingBatches: 1 });
    const junk = write(join(dir, 'junk.jsonl'), ['{"hello": 1}']);
    expect(describeRun(junk).problem).toMatch(/row 0.*"id"/);
  });
});

describe('comparing runs', () => {
  it('refuses a results file that does not exist instead of comparing nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bcr-runs-missing-'));
    const real = join(dir, 'real.jsonl');
    writeFileSync(real, `${JSON.stringify({ id: 'r1', judge: 'j', mode: 'code-only', order: 'AB', verdict: 'A' })}\n`);
    const missing = join(dir, 'typo.jsonl');
    expect(() => compareRuns(real, missing)).toThrow(InputError);
    expect(() => compareRuns(missing, real)).toThrow(/typo\.jsonl.*results file not found|results file not found.*typo\.jsonl/);
  });

  it('agreement and kappa per mode and order, on records both answered', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bcr-runs-'));
    const a = write(join(dir, 'a.jsonl'), [line('1', 'A'), line('2', 'B'), line('3', 'A'), line('4', 'tie'), line('5', 'error'), line('6', 'A')]);
    const b = write(join(dir, 'b.jsonl'), [
      line('1', 'A', { judge: 'j2' }), line('2', 'A', { judge: 'j2' }), line('3', 'A', { judge: 'j2' }),
      line('4', 'tie', { judge: 'j2' }), line('5', 'B', { judge: 'j2' }), line('7', 'B', { judge: 'j2' }),
      line('1', 'B', { judge: 'j2', mode: 'with-output' }),
    ]);
    const human = new Map<string, Outcome>([['1', 'A'], ['2', 'B'], ['3', 'B'], ['4', 'tie'], ['5', 'A']]);
    const cmp = compareRuns(a, b, human);
    expect(cmp.a.judges).toEqual(['j1']);
    expect(cmp.b.judges).toEqual(['j2']);
    expect(cmp.rows).toHaveLength(1); // with-output exists in b only
    const row = cmp.rows[0]!;
    expect(row).toMatchObject({ mode: 'code-only', order: 'AB', both: 4, agree: 3, agreement: 0.75, onlyA: 1, onlyB: 1, errorsA: 1, errorsB: 0 });
    // Kappa by hand: a = [A,B,A,tie], b = [A,A,A,tie]; po = 3/4; pe = (2/4*3/4) + (1/4*0) + (1/4*1/4) = 7/16.
    expect(row.kappa).toBeCloseTo((0.75 - 7 / 16) / (1 - 7 / 16), 12);
    // Human on the 4 shared records: a gets 1,2,4 right (3/4); b gets 1,4 right (2/4).
    expect(row.accuracyA).toBeCloseTo(0.75, 12);
    expect(row.accuracyB).toBeCloseTo(0.5, 12);
    expect(cmp.note).toBeUndefined();
    expect(compareRuns(a, b).note).toMatch(/dataset/);
  });
});
