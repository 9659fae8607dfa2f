/**
 * Seeded stratified k-fold cross-validation of the learned judge, the
 * code-only and with-output feature sets side by side on the same folds, so
 * the gain from execution features is a paired comparison.
 *
 * Per fold: standardisation and weights are fitted on the training folds
 * only; the held-out fold is predicted and scored (accuracy, macro-F1 over the
 * scheme's classes, via `src/stats`). Reported: per-fold scores, their mean
 * and standard deviation, the pooled out-of-fold scores, a majority-class
 * baseline on the same folds, and the gain (with-output minus code-only) per
 * fold plus a paired-bootstrap 95% interval on the pooled out-of-fold
 * predictions.
 */
import type { Comparison, Outcome } from '../data/comparison.js';
import { ConfigError } from '../errors.js';
import { accuracy, f1Score, labelIn } from '../stats/index.js';
import { createRng, seedFromString } from '../util/rng.js';
import { JUDGE_MODES, type JudgeMode } from '../data/verdict.js';
import { classLabels, labelSpaceOf, type ClassScheme } from '../judge/learned/classes.js';
import { buildPairTable } from '../judge/learned/examples.js';
import { stratifiedFolds } from '../judge/learned/folds.js';
import { pairedBootstrapDifference, type Interval } from './paired-bootstrap.js';
import { resolveTrainOptions, trainModel, type ResolvedTrainOptions, type TrainOptions } from '../judge/learned/train.js';
import { predictClass } from '../judge/learned/trained-model.js';

export interface CrossValidationOptions extends TrainOptions {
  /** Number of folds; default 5. */
  folds?: number;
  /** Feature sets to evaluate; default both, code-only first. */
  modes?: readonly JudgeMode[];
  /** Paired bootstrap rounds for the gain interval; default 1000 (0 to skip). */
  bootstrap?: number;
  /** Called after each fit, e.g. for a progress bar. */
  onProgress?: (progress: { mode: JudgeMode; fold: number; folds: number }) => void;
}

export interface FoldScore {
  fold: number;
  train: number;
  test: number;
  accuracy: number;
  macroF1: number;
}

export interface MeanSd {
  mean: number;
  sd: number;
}

export interface ScoreSummary {
  folds: FoldScore[];
  accuracy: MeanSd;
  macroF1: MeanSd;
  /** Scores of all out-of-fold predictions pooled. */
  pooled: { accuracy: number; macroF1: number };
}

export interface ModeScores extends ScoreSummary {
  mode: JudgeMode;
  featureCount: number;
}

export interface GainSummary {
  perFold: number[];
  mean: number;
  sd: number;
  /** Paired-bootstrap 95% interval of the pooled difference; null when bootstrap is 0. */
  ci95: Interval | null;
}

export interface OutOfFoldPrediction {
  id: string;
  vote: Outcome;
  fold: number;
  /** Predicted label (in the scheme's label space) per mode. */
  predicted: Partial<Record<JudgeMode, string>>;
}

export interface CrossValidationReport {
  n: number;
  folds: number;
  seed: number;
  train: ResolvedTrainOptions;
  /** Class labels scored, e.g. A, B, uncertain. */
  labels: readonly string[];
  modes: ModeScores[];
  /** Always predicting the training folds' most common class. */
  majority: ScoreSummary;
  /** with-output minus code-only; null unless both modes were evaluated. */
  gain: { accuracy: GainSummary; macroF1: GainSummary; bootstrap: number } | null;
  predictions: OutOfFoldPrediction[];
}

export function meanSd(values: readonly number[]): MeanSd {
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  // Sample standard deviation (n - 1), the spread of fold scores.
  const sd = n > 1 ? Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1)) : 0;
  return { mean, sd };
}

function scorer(labels: readonly string[]) {
  return {
    accuracy: (t: string[], p: string[]) => accuracy(t, p),
    macroF1: (t: string[], p: string[]) => f1Score(t, p, 'macro', { labels }),
  };
}

/** The most common label; ties broken by the scheme's class order. */
export function majorityLabel(labels: readonly string[], order: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  let best = order[0]!;
  for (const l of order) if ((counts.get(l) ?? 0) > (counts.get(best) ?? 0)) best = l;
  return best;
}

function summarise(truth: string[], predicted: string[], fold: number[], k: number, labels: readonly string[]): ScoreSummary {
  const score = scorer(labels);
  const folds: FoldScore[] = [];
  for (let f = 0; f < k; f++) {
    const idx = fold.flatMap((g, i) => (g === f ? [i] : []));
    const t = idx.map((i) => truth[i]!);
    const p = idx.map((i) => predicted[i]!);
    folds.push({ fold: f, train: truth.length - idx.length, test: idx.length, accuracy: score.accuracy(t, p), macroF1: score.macroF1(t, p) });
  }
  return {
    folds,
    accuracy: meanSd(folds.map((s) => s.accuracy)),
    macroF1: meanSd(folds.map((s) => s.macroF1)),
    pooled: { accuracy: score.accuracy(truth, predicted), macroF1: score.macroF1(truth, predicted) },
  };
}

/** One row per (feature set, fold), the majority baseline included: a tidy table for notebooks and charts. */
export function foldRows(report: CrossValidationReport): { featureSet: string; fold: number; test: number; accuracy: number; macroF1: number }[] {
  const sets: [string, ScoreSummary][] = [...report.modes.map((m): [string, ScoreSummary] => [m.mode, m]), ['majority class', report.majority]];
  return sets.flatMap(([featureSet, s]) => s.folds.map((f) => ({ featureSet, fold: f.fold, test: f.test, accuracy: f.accuracy, macroF1: f.macroF1 })));
}

export async function crossValidate(
  comparisons: readonly Comparison[],
  options: CrossValidationOptions = {},
): Promise<CrossValidationReport> {
  const train = resolveTrainOptions(options);
  const k = options.folds ?? 5;
  const modes = options.modes ?? JUDGE_MODES;
  const bootstrap = options.bootstrap ?? 1000;
  if (modes.length === 0) throw new ConfigError('crossValidate needs at least one mode');
  if (!Number.isInteger(bootstrap) || bootstrap < 0) throw new ConfigError(`bootstrap must be an integer >= 0, got ${bootstrap}`);

  const table = buildPairTable(comparisons, modes);
  const scheme: ClassScheme = train.classes;
  const labels = classLabels(scheme);
  const space = labelSpaceOf(scheme);
  const truth = table.comparisons.map((c) => labelIn(space, c.vote));
  // Stratify on the full 4-class vote so tie and both_bad are spread too.
  const fold = stratifiedFolds(table.comparisons.map((c) => c.vote), k, createRng(train.seed));

  const predictions: OutOfFoldPrediction[] = table.comparisons.map((c, i) => ({ id: c.id, vote: c.vote, fold: fold[i]!, predicted: {} }));
  const majorityPred = new Array<string>(truth.length);
  for (let f = 0; f < k; f++) {
    const majority = majorityLabel(truth.filter((_, i) => fold[i] !== f), labels);
    fold.forEach((g, i) => {
      if (g === f) majorityPred[i] = majority;
    });
  }

  const modeScores: ModeScores[] = [];
  const predictedByMode = new Map<JudgeMode, string[]>();
  for (const mode of modes) {
    const examples = table.examples.get(mode)!;
    const names = table.features.get(mode)!;
    const predicted = new Array<string>(truth.length);
    for (let f = 0; f < k; f++) {
      const trainSet = examples.filter((_, i) => fold[i] !== f);
      const model = await trainModel(trainSet, mode, names, { ...train, seed: seedFromString(`fold ${f}`, train.seed) });
      examples.forEach((e, i) => {
        if (fold[i] === f) predicted[i] = labels[predictClass(model, e.a, e.b)]!;
      });
      options.onProgress?.({ mode, fold: f, folds: k });
    }
    predicted.forEach((p, i) => (predictions[i]!.predicted[mode] = p));
    predictedByMode.set(mode, predicted);
    modeScores.push({ mode, featureCount: names.length, ...summarise(truth, predicted, fold, k, labels) });
  }

  const codeOnly = modeScores.find((m) => m.mode === 'code-only');
  const withOutput = modeScores.find((m) => m.mode === 'with-output');
  let gain: CrossValidationReport['gain'] = null;
  if (codeOnly && withOutput) {
    const score = scorer(labels);
    const gainOf = (metric: 'accuracy' | 'macroF1', seedSalt: string): GainSummary => {
      const perFold = withOutput.folds.map((s, f) => s[metric] - codeOnly.folds[f]![metric]);
      const ci95 =
        bootstrap > 0
          ? pairedBootstrapDifference(truth, predictedByMode.get('code-only')!, predictedByMode.get('with-output')!, score[metric], bootstrap, seedFromString(seedSalt, train.seed))
          : null;
      return { perFold, ...meanSd(perFold), ci95 };
    };
    gain = { accuracy: gainOf('accuracy', 'gain accuracy'), macroF1: gainOf('macroF1', 'gain macroF1'), bootstrap };
  }

  return {
    n: truth.length,
    folds: k,
    seed: train.seed,
    train,
    labels,
    modes: modeScores,
    majority: summarise(truth, majorityPred, fold, k, labels),
    gain,
    predictions,
  };
}
