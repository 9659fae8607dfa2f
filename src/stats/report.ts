/**
 * Every agreement metric of one aligned set of (human, judge) labels, in both
 * label spaces (4-class; 3-class with tie and both_bad merged) and both
 * variants (all human votes; decisive human votes only), with the counts
 * behind them. Pure functions on aligned pairs: grouping verdict records by
 * judge, mode and order is the evaluation room's job (`src/eval`).
 *
 * Label-set choices (documented because they change macro averages):
 * - with ties, macro/micro/weighted averages run over the FULL fixed label
 *   set of the space (A, B, tie, both_bad / A, B, uncertain), as the published
 *   BigCodeReward scripts do, not over sklearn's default "labels present";
 *   a class nobody used then scores 0 (zeroDivision 0) and lowers macro-F1;
 * - without ties (human tie/both_bad records dropped), averages run over the
 *   decisive labels A and B by default (the other classes have no support);
 *   judge tie/both_bad verdicts still count as misses. `noTiesAverage: 'all'`
 *   averages over the full label set instead.
 * Kappa and MCC do not depend on the label set.
 */
import {
  accuracy,
  averagedScores,
  cohenKappa,
  matthewsCorrelation,
  perClassScores,
  type ClassScores,
  type ZeroDivision,
} from './agreement.js';
import type { AlignedPair, Alignment } from './align.js';
import { DECISIVE_LABELS, isDecisive, labelIn, labelsOf, type LabelSpace } from '../data/label-spaces.js';
import { confusionMatrix, type ConfusionMatrix } from './confusion.js';

export interface MetricSet {
  /** Records scored. */
  n: number;
  /** Per-class rows and confusion-matrix order. */
  labels: readonly string[];
  /** Labels the macro/micro/weighted averages run over. */
  averagedOver: readonly string[];
  accuracy: number;
  macroF1: number;
  macroPrecision: number;
  macroRecall: number;
  microF1: number;
  weightedF1: number;
  kappa: number;
  mcc: number;
  perClass: ClassScores[];
  /** Rows = human, columns = judge. */
  confusion: ConfusionMatrix;
}

export interface ScoreLabelsOptions {
  labels: readonly string[];
  averageOver?: readonly string[];
  zeroDivision?: ZeroDivision;
}

/** Every metric of one (human, judge) label sequence. All NaN when there is no record. */
export function scoreLabels(yTrue: readonly string[], yPred: readonly string[], options: ScoreLabelsOptions): MetricSet {
  const labels = options.labels;
  const averagedOver = options.averageOver ?? labels;
  const zd = { labels: averagedOver, zeroDivision: options.zeroDivision };
  const empty = yTrue.length === 0;
  const macro = averagedScores(yTrue, yPred, 'macro', zd);
  return {
    n: yTrue.length,
    labels,
    averagedOver,
    accuracy: accuracy(yTrue, yPred),
    macroF1: empty ? NaN : macro.f1,
    macroPrecision: empty ? NaN : macro.precision,
    macroRecall: empty ? NaN : macro.recall,
    microF1: empty ? NaN : averagedScores(yTrue, yPred, 'micro', zd).f1,
    weightedF1: empty ? NaN : averagedScores(yTrue, yPred, 'weighted', zd).f1,
    kappa: empty ? NaN : cohenKappa(yTrue, yPred, { labels }),
    mcc: empty ? NaN : matthewsCorrelation(yTrue, yPred),
    perClass: perClassScores(yTrue, yPred, { labels, zeroDivision: options.zeroDivision }),
    confusion: confusionMatrix(yTrue, yPred, { labels }),
  };
}

export type TieVariant = 'with-ties' | 'no-ties';

export interface PairScoreOptions {
  zeroDivision?: ZeroDivision;
  /** Labels averaged over in the no-ties variant: `decisive` (A, B; default) or `all`. */
  noTiesAverage?: 'decisive' | 'all';
}

/** Scores aligned pairs in one label space and variant (the building block of the report; handy for slices). */
export function scorePairs(
  pairs: readonly AlignedPair[],
  space: LabelSpace,
  variant: TieVariant,
  options: PairScoreOptions = {},
): MetricSet {
  const kept = variant === 'no-ties' ? pairs.filter((p) => isDecisive(p.human)) : pairs;
  const labels = labelsOf(space);
  const averageOver = variant === 'no-ties' && (options.noTiesAverage ?? 'decisive') === 'decisive' ? DECISIVE_LABELS : labels;
  return scoreLabels(
    kept.map((p) => labelIn(space, p.human)),
    kept.map((p) => labelIn(space, p.judge)),
    { labels, averageOver, zeroDivision: options.zeroDivision },
  );
}

export interface SpaceMetrics {
  fourClass: MetricSet;
  threeClass: MetricSet;
}

export interface AgreementCounts {
  /** Records scored with ties (human vote and parsed verdict). */
  n: number;
  /** Records scored without ties (decisive human vote). */
  decisive: number;
  /** Matched records whose verdict is an error (excluded). */
  errors: number;
  /** errors / (n + errors); NaN when nothing matched. */
  errorRate: number;
  unmatchedVerdicts: number;
  unjudged: number;
  duplicates: number;
}

/** The counts and every metric of one alignment (one judge x mode x order, or one slice of it). */
export interface AlignmentScores {
  counts: AgreementCounts;
  withTies: SpaceMetrics;
  noTies: SpaceMetrics;
}

function scoreBothSpaces(pairs: readonly AlignedPair[], variant: TieVariant, options: PairScoreOptions): SpaceMetrics {
  return {
    fourClass: scorePairs(pairs, 'four-class', variant, options),
    threeClass: scorePairs(pairs, 'three-class', variant, options),
  };
}

/** Scores an alignment (see `alignVerdicts`) with ties and without, in both label spaces. */
export function scoreAlignment(aligned: Alignment, options: PairScoreOptions = {}): AlignmentScores {
  const matched = aligned.pairs.length + aligned.errors;
  return {
    counts: {
      n: aligned.pairs.length,
      decisive: aligned.pairs.filter((p) => isDecisive(p.human)).length,
      errors: aligned.errors,
      errorRate: matched === 0 ? NaN : aligned.errors / matched,
      unmatchedVerdicts: aligned.unmatchedVerdicts,
      unjudged: aligned.unjudged,
      duplicates: aligned.duplicates,
    },
    withTies: scoreBothSpaces(aligned.pairs, 'with-ties', options),
    noTies: scoreBothSpaces(aligned.pairs, 'no-ties', options),
  };
}
