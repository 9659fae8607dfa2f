/**
 * Several judges over one dataset through the resumable runner, one results
 * file each in a folder: what most notebooks need before they score
 * anything. A rerun over the same folder resumes (nothing is judged twice).
 */
import { join } from 'node:path';
import type { Comparison } from '../data/comparison.js';
import { JUDGE_MODES, type JudgeMode, type VerdictRecord } from '../data/verdict.js';
import { createJudge, type JudgeDefaults, type JudgeSpec } from '../judge/registry.js';
import { readResultsFile } from '../judge/runner/index.js';
import { runJudge } from '../judge/runner/run.js';
import type { Judge } from '../judge/types.js';
import type { OrderPolicy } from '../judge/orders.js';

export interface JudgeAllOptions {
  /** Folder of the results files (`<judge name>.jsonl`). */
  outDir: string;
  /** Default both modes. */
  modes?: readonly JudgeMode[];
  orders?: OrderPolicy;
  /** Run-wide judge settings (seed, baseUrl...): each judge takes those its options name. */
  defaults?: JudgeDefaults;
  seed?: number;
  concurrency?: number;
  limit?: number;
  cacheDir?: string;
}

/** One line per judge: what its run did. */
export interface JudgeRunRow {
  judge: string;
  tasks: number;
  alreadyDone: number;
  written: number;
  failed: number;
  seconds: number;
  file: string;
}

/** A judge's results file name: its name with anything but word characters, dots and dashes as `_`. */
export function resultsFileName(judge: string): string {
  return `${judge.replace(/[^\w.-]+/g, '_')}.jsonl`;
}

function isJudge(j: string | JudgeSpec | Judge): j is Judge {
  return typeof j === 'object' && typeof (j as Partial<Judge>).judge === 'function';
}

/** Runs each judge (a name, a spec, or a built `Judge`) in turn; returns every verdict (the latest line per task) and one row per run. */
export async function judgeAll(
  comparisons: readonly Comparison[],
  judges: readonly (string | JudgeSpec | Judge)[],
  options: JudgeAllOptions,
): Promise<{ verdicts: VerdictRecord[]; runs: JudgeRunRow[] }> {
  const verdicts: VerdictRecord[] = [];
  const runs: JudgeRunRow[] = [];
  for (const j of judges) {
    const judge = isJudge(j) ? j : createJudge(j, { seed: options.seed ?? 0, ...options.defaults });
    const out = join(options.outDir, resultsFileName(judge.name));
    const summary = await runJudge({
      comparisons, judge, out,
      modes: options.modes ?? JUDGE_MODES,
      seed: options.seed ?? 0,
      ...(options.orders ? { orders: options.orders } : {}),
      ...(options.concurrency ? { concurrency: options.concurrency } : {}),
      ...(options.limit !== undefined ? { limit: options.limit } : {}),
      ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}),
    });
    runs.push({ judge: judge.name, tasks: summary.total, alreadyDone: summary.alreadyDone, written: summary.written, failed: summary.failed, seconds: summary.elapsedMs / 1000, file: out });
    verdicts.push(...readResultsFile(out).latest.values());
  }
  return { verdicts, runs };
}
