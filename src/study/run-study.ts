/**
 * The main job, end to end: open a dataset, judge every record with each
 * judge in both modes (resumably, through the runner), score the judges
 * against the human votes, fit human and judge-derived leaderboards, and
 * correlate them. Offline by default: the bundled sample and the baseline
 * judges need no network and no key.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openDataset } from '../data/dataset.js';
import { humanVotes } from '../data/human-votes.js';
import { findSampleTruth } from '../data/sample-truth.js';
import { summarise, type DatasetSummary } from '../data/summary.js';
import { prepareJudge, type JudgeSpec } from '../judge/registry.js';
import { crossValidate, type CrossValidationReport } from '../eval/learned-cv.js';
import { latestByKey, readResultsFile } from '../judge/runner/results.js';
import { runJudge } from '../judge/runner/run.js';
import type { ProgressEvent, RunSummary } from '../judge/runner/summary.js';
import type { OrderPolicy } from '../judge/orders.js';
import type { JudgeMode, VerdictRecord } from '../data/verdict.js';
import { agreementReport, type AgreementReport } from '../eval/agreement.js';
import { sliceSummary, type SliceSummary } from '../eval/slices.js';
import { battlesFromVerdicts, compareLeaderboards } from '../eval/leaderboards.js';
import type { Leaderboard } from '../ratings/leaderboard.js';
import { rateBattles } from '../ratings/rate.js';
import { battlesFromComparisons } from '../ratings/slices.js';
import { correlateRatings, type RatingCorrelation } from '../stats/correlation.js';
import { applyExecutions, readExecutions } from '../exec/executions-file.js';

export const DEFAULT_STUDY_JUDGES = [
  'baseline:random', 'baseline:always-a', 'baseline:longer-answer', 'baseline:exec-aware',
] as const;

export interface StudyOptions {
  /** Dataset spec (folder, file, hub id); the bundled sample when absent. */
  dataset?: string;
  /** Judge names or specs for the registry (default: the offline baselines). */
  judges?: readonly (string | JudgeSpec)[];
  /** Run-wide judge settings, e.g. `{ baseUrl, apiKeyEnv, vision }`: each judge kind takes those it knows. */
  judgeOptions?: Readonly<Record<string, unknown>>;
  /**
   * Verdict cache folder of the model judges (those that call an endpoint);
   * none when absent. Offline judges answer at once and are not cached.
   */
  cacheDir?: string;
  /** An executions file (`bcr execute`): judge its fresh outputs instead of the recorded ones (results go to `<judge>.executed.jsonl`). */
  executions?: string;
  modes?: readonly JudgeMode[];
  orders?: OrderPolicy;
  /** Where results files go; rerunning with the same folder resumes. */
  outDir: string;
  seed?: number;
  /** Bootstrap rounds for the leaderboards (default 100, as the arena). */
  bootstrap?: number;
  /** Cross-validate the learned TensorFlow.js judge (default true). */
  learned?: boolean;
  folds?: number;
  limit?: number;
  concurrency?: number;
  /** Told at the start of each judge's run and after every verdict it writes. */
  onProgress?: (judge: string, event: ProgressEvent) => void;
  /** Told when each stage starts and ends (the judge stage once per judge). */
  onStage?: (event: StudyStageEvent) => void;
}

/** The stages of the main job, in order. */
export const STUDY_STAGES = ['load', 'judge', 'ratings', 'learned'] as const;
export type StudyStage = (typeof STUDY_STAGES)[number];

export interface StudyStageEvent {
  stage: StudyStage;
  status: 'start' | 'done';
  /** The judge, for the judge stage. */
  judge?: string;
  /** What the stage did, when done (a few words). */
  detail?: string;
  /** Wall time of the stage, when done. */
  elapsedMs?: number;
}

export interface JudgeLeaderboard {
  judge: string;
  mode: JudgeMode;
  leaderboard: Leaderboard;
  /** Correlation of this judge's ratings with the human ratings over common models. */
  correlation: RatingCorrelation | null;
  errors: number;
}

export interface TruthRecovery {
  /** Spearman/Pearson between human-vote ratings and the generator's latent ratings. */
  correlation: RatingCorrelation;
  /** Share of models whose bootstrap interval covers the latent rating (centred to the same mean). */
  coverage: number | null;
}

export interface StudyRun extends RunSummary {
  judge: string;
  endpoint?: string;
}

export interface StudyReport {
  dataset: string;
  synthetic: boolean;
  seed: number;
  summary: DatasetSummary;
  /** One per judge: what its run did, with the judge's name and (model judges) the endpoint it called. */
  runs: StudyRun[];
  agreement: AgreementReport;
  /** Agreement per language, environment and topic (3 classes), each row with n and a bootstrap interval. */
  slices: SliceSummary;
  human: Leaderboard;
  judges: JudgeLeaderboard[];
  learned: CrossValidationReport | null;
  truth: TruthRecovery | null;
  /** The executions file judged instead of the recorded outputs, and how many sides it replaced. */
  executions: { file: string; replaced: number; missing: number } | null;
}

export async function runStudy(options: StudyOptions): Promise<StudyReport> {
  const seed = options.seed ?? 0;
  const modes = options.modes ?? ['code-only', 'with-output'];
  const bootstrap = options.bootstrap ?? 100;
  // Every judge is built and checked (options, secrets, modes) before any data is read or any judge runs.
  const prepared = (options.judges ?? DEFAULT_STUDY_JUDGES).map((spec) =>
    prepareJudge(spec, { modes, defaults: { ...options.judgeOptions, seed } }),
  );
  const stage = stageReporter(options.onStage);
  let done = stage('load');
  const dataset = await openDataset(options.dataset);
  const loaded = await dataset.loadComparisons({ limit: options.limit });
  const applied = options.executions !== undefined ? applyExecutions(loaded, readExecutions(options.executions)) : null;
  const comparisons = applied?.comparisons ?? loaded;
  mkdirSync(options.outDir, { recursive: true });
  done(`${comparisons.length} records from ${dataset.name}`);

  const runs: StudyRun[] = [];
  const verdicts: VerdictRecord[] = [];
  for (const { judge, secrets } of prepared) {
    // Results files resume by (judge, mode, order, id): verdicts on fresh outputs must not resume from recorded ones.
    const out = join(options.outDir, `${fileSafe(judge.name)}${options.executions !== undefined ? '.executed' : ''}.jsonl`);
    done = stage('judge', judge.name);
    const cacheDir = judge.endpoint !== undefined ? options.cacheDir : undefined;
    const run = await runJudge({
      comparisons, judge, modes, orders: options.orders ?? 'AB', seed, out, secrets,
      concurrency: options.concurrency, cacheDir, onProgress: options.onProgress && ((e) => options.onProgress!(judge.name, e)),
    });
    done(`${run.total} tasks: ${run.alreadyDone} resumed, ${run.judged} judged, ${run.cached} cached, ${run.failed} failed`);
    runs.push({ judge: judge.name, ...(judge.endpoint !== undefined ? { endpoint: judge.endpoint } : {}), ...run });
    verdicts.push(...latestByKey(readResultsFile(out).lines).values());
  }

  done = stage('ratings');
  const humanBoard = await rateBattles(battlesFromComparisons(comparisons), { bootstrap, seed });
  const judges: JudgeLeaderboard[] = [];
  for (const run of groupRuns(verdicts)) {
    const derived = battlesFromVerdicts(comparisons, run.records);
    const leaderboard = await rateBattles(derived.battles, { bootstrap, seed });
    judges.push({
      judge: run.judge, mode: run.mode, leaderboard, errors: derived.errors,
      correlation: leaderboard.rows.length >= 3 && humanBoard.rows.length >= 3 ? compareLeaderboards(humanBoard, leaderboard) : null,
    });
  }

  done(`human leaderboard of ${humanBoard.rows.length} models (${bootstrap} bootstrap rounds) and ${judges.length} judge leaderboards`);
  let learned: CrossValidationReport | null = null;
  if (options.learned !== false) {
    done = stage('learned');
    const folds = options.folds ?? 5;
    learned = await crossValidate(comparisons, { seed, folds, modes });
    done(`${folds}-fold cross-validation on ${learned.n} records`);
  }
  return {
    dataset: dataset.name,
    synthetic: dataset.synthetic,
    seed,
    summary: summarise(comparisons, { synthetic: dataset.synthetic }),
    runs,
    agreement: agreementReport(humanVotes(comparisons), verdicts),
    slices: sliceSummary(comparisons, verdicts, { seed }),
    human: humanBoard,
    judges,
    learned,
    truth: dataset.synthetic ? truthRecovery(dataset.files, humanBoard) : null,
    executions: applied ? { file: options.executions!, replaced: applied.replaced, missing: applied.missing } : null,
  };
}

/** Reports a stage's start now, and returns the call that reports its end with what it did. */
function stageReporter(onStage: StudyOptions['onStage']) {
  return (name: StudyStage, judge?: string) => {
    const started = performance.now();
    const who = judge !== undefined ? { judge } : {};
    onStage?.({ stage: name, status: 'start', ...who });
    return (detail: string) => onStage?.({ stage: name, status: 'done', ...who, detail, elapsedMs: performance.now() - started });
  };
}

/** Per judge x mode (orders together: a judge run in both orders acts like two raters). */
function groupRuns(verdicts: readonly VerdictRecord[]): { judge: string; mode: JudgeMode; records: VerdictRecord[] }[] {
  const groups = new Map<string, { judge: string; mode: JudgeMode; records: VerdictRecord[] }>();
  for (const v of verdicts) {
    const key = `${v.judge}\u0000${v.mode}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { judge: v.judge, mode: v.mode, records: [] }));
    group.records.push(v);
  }
  return [...groups.values()];
}

/**
 * The synthetic sample ships its latent truth (`truth.json` beside `data/`):
 * how well do ratings fitted from its votes recover it? Latent ratings are
 * shifted to the fitted mean before checking interval coverage, since a
 * Bradley-Terry scale is identified only up to a constant.
 */
function truthRecovery(files: readonly string[], board: Leaderboard): TruthRecovery | null {
  const found = findSampleTruth(files);
  if (!found) return null;
  const latent = new Map(found.truth.models.map((m) => [m.name, m.rating]));
  const rows = board.rows.filter((r) => latent.has(r.model));
  if (rows.length < 3) return null;
  const correlation = correlateRatings(new Map(rows.map((r) => [r.model, r.rating])), latent);
  const shift = mean(rows.map((r) => r.rating)) - mean(rows.map((r) => latent.get(r.model)!));
  const withIntervals = rows.filter((r) => r.lower !== null && r.upper !== null);
  const covered = withIntervals.filter((r) => {
    const target = latent.get(r.model)! + shift;
    return r.lower! <= target && target <= r.upper!;
  }).length;
  return { correlation, coverage: withIntervals.length ? covered / withIntervals.length : null };
}

function mean(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0) / values.length;
}

function fileSafe(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '_');
}

