/**
 * Finished runs: list the results files in a folder (judge, modes, counts,
 * error rate, date, pending batches). Comparing two runs is evaluation
 * (`compareRuns` in `src/eval/runs.ts`).
 *
 * Every reader here applies the results-file rule: the last line per
 * (id, judge, mode, order) wins.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { batchStatePath, readBatchState } from '../llm/batch-state.js';
import { readResultsFile } from './runner/results.js';
import type { JudgeMode, Order } from './types.js';

export interface RunInfo {
  file: string;
  /** Judges found (usually one). */
  judges: string[];
  modes: JudgeMode[];
  orders: Order[];
  /** Distinct record ids. */
  records: number;
  /** Distinct (id, judge, mode, order) keys: one answer each. */
  answers: number;
  verdicts: number;
  errors: number;
  /** errors / answers (NaN for an empty file). */
  errorRate: number;
  /** Lines in the file, superseded ones included. */
  lines: number;
  /** Last modification, ISO 8601. */
  modified: string;
  /** Batches submitted for this file and not yet merged. */
  pendingBatches: number;
  /** A cut-off last line (the run was killed; rerun to resume). */
  incomplete: boolean;
  /** Why the file could not be read as a results file, when it could not. */
  problem?: string;
}

function distinct<T>(values: Iterable<T>): T[] {
  return [...new Set(values)].sort();
}

/** One results file summarised; never modifies the file. */
export function describeRun(file: string): RunInfo {
  const modified = statSync(file).mtime.toISOString();
  const base = {
    file, judges: [], modes: [], orders: [], records: 0, answers: 0, verdicts: 0, errors: 0, errorRate: NaN,
    lines: 0, modified, pendingBatches: 0, incomplete: false,
  } satisfies RunInfo;
  let results;
  try {
    results = readResultsFile(file);
  } catch (err) {
    return { ...base, problem: (err as Error).message };
  }
  const latest = [...results.latest.values()];
  const errors = latest.filter((r) => r.verdict === 'error').length;
  const judges = distinct(latest.map((r) => r.judge));
  let pendingBatches = 0;
  if (existsSync(batchStatePath(file)) && judges.length <= 1) {
    try {
      pendingBatches = readBatchState(file, judges[0] ?? '').batches.filter((b) => !b.merged).length;
    } catch {
      // A state file for another judge is not this listing's concern.
    }
  }
  return {
    ...base,
    judges,
    modes: distinct(latest.map((r) => r.mode)),
    orders: distinct(latest.map((r) => r.order)),
    records: new Set(latest.map((r) => r.id)).size,
    answers: latest.length,
    verdicts: latest.length - errors,
    errors,
    errorRate: latest.length === 0 ? NaN : errors / latest.length,
    lines: results.lines.length,
    pendingBatches,
    incomplete: results.droppedBytes > 0,
  };
}

/**
 * Every `*.jsonl` results file directly in `dir` (with `subfolders`, also
 * those one folder down, as `bcr run` writes to `runs/study/`), newest first.
 */
export function listRuns(dir: string, options: { subfolders?: boolean } = {}): RunInfo[] {
  if (!existsSync(dir)) throw new InputError('no such folder', { file: dir });
  const names = readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() && options.subfolders
      ? readdirSync(join(dir, e.name)).filter((n) => n.endsWith('.jsonl')).map((n) => join(e.name, n))
      : e.name.endsWith('.jsonl') && !e.isDirectory() ? [e.name] : [],
  );
  return names
    .map((name) => describeRun(join(dir, name)))
    .sort((a, b) => (a.modified < b.modified ? 1 : a.modified > b.modified ? -1 : a.file.localeCompare(b.file)));
}
