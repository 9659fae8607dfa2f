/**
 * Slices through the real binary (`bin/bcr.js`, needs `npm run build`): the
 * main job prints a slice summary and writes a `slices` section in
 * report.json; `bcr metrics --by language|environment|topic` prints a table
 * and, with --json, rows equal to the library's `sliceScores` on the same
 * verdicts.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDataset } from '../../src/data/dataset.js';
import { readVerdictFiles } from '../../src/eval/load.js';
import { sliceScores, type SliceRow, type SliceSummary } from '../../src/eval/slices.js';

const BIN = new URL('../../bin/bcr.js', import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), 'bcr-metrics-slices-'));
const outDir = join(tmp, 'study');
let runOut = '';
let results: string[] = [];

function bcr(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: tmp, encoding: 'utf8', timeout: 180_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  const r = bcr(['run', '--out-dir', outDir, '--no-learned', '--bootstrap', '20', '--judges', 'baseline:exec-aware,baseline:always-a']);
  expect(r.err).not.toMatch(/Error/);
  expect(r.code).toBe(0);
  runOut = r.out;
  results = readdirSync(outDir).filter((f) => f.endsWith('.jsonl')).map((f) => join(outDir, f));
}, 180_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('slices in the main job', () => {
  it('prints accuracy by language, environment and topic with n and intervals', () => {
    expect(runOut).toMatch(/Accuracy by slice \(3 classes; n and 95% bootstrap interval/);
    // A row: slice, judge, n, then "value [lower, upper]" per mode.
    expect(runOut).toMatch(/Python\s+baseline:exec-aware\s+80\s+\d\.\d\d \[\d\.\d\d, \d\.\d\d\]\s+\d\.\d\d \[\d\.\d\d, \d\.\d\d\]/);
    expect(runOut).toMatch(/^environment\s+judge\s+n\s+code-only\s+with-output/m);
    expect(runOut).toMatch(/^topic\s+judge\s+n\s+code-only\s+with-output/m);
  });

  it('writes a slices section in report.json, one row per slice x judge x mode', () => {
    const report = JSON.parse(readFileSync(join(outDir, 'report.json'), 'utf8')) as { slices: SliceSummary };
    expect(report.slices).toMatchObject({ space: 'three-class', variant: 'with-ties', confidence: 0.95 });
    expect(report.slices.topic).toHaveLength(6 * 2 * 2);
    expect(report.slices.environment.length).toBe(14 * 2 * 2);
    for (const row of report.slices.language) {
      expect(row.n).toBeGreaterThan(0);
      expect(row.accuracyLower).toBeLessThanOrEqual(row.accuracy);
      expect(row.accuracyUpper).toBeGreaterThanOrEqual(row.accuracy);
    }
  });
});

describe('bcr metrics --by', () => {
  it.each(['language', 'environment', 'topic'] as const)('--by %s --json equals sliceScores on the same files', async (key) => {
    const r = bcr(['metrics', ...results, '--by', key, '--bootstrap', '100', '--seed', '4', '--json']);
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.out) as { by: string; space: string; bootstrap: number; slices: SliceRow[] };
    expect(printed).toMatchObject({ by: key, space: 'three-class', bootstrap: 100 });
    const comparisons = await (await openDataset()).loadComparisons();
    const expected = sliceScores(comparisons, readVerdictFiles(results).verdicts, key, { space: 'three-class', bootstrap: 100, seed: 4 });
    expect(printed.slices).toEqual(JSON.parse(JSON.stringify(expected)));
  }, 60_000);

  it('prints accuracy and macro-F1 tables naming the class space, and rejects an unknown key', () => {
    const r = bcr(['metrics', ...results, '--by', 'topic', '--space', 'four-class', '--bootstrap', '50']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('by topic (4 classes; 50 bootstrap rounds, 95% intervals');
    expect(r.out).toMatch(/Accuracy:\ntopic\s+judge\s+n\s+code-only\s+with-output/);
    expect(r.out).toMatch(/Macro-F1:\ntopic/);
    expect(r.out).toMatch(/web_design\s+baseline:always-a\s+40\s+0\.\d{3} \[0\.\d{3}, 0\.\d{3}\]/);
    const bad = bcr(['metrics', ...results, '--by', 'colour']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--by must be one of language, environment, topic; got "colour"');
  });
});
