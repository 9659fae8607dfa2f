/**
 * A judge's agreement with human votes per slice (topic, language,
 * environment): one row per slice x judge x mode x order, using the data
 * room's pair slices (`pairSlice`: a pair whose sides differ is `mixed`) and
 * `agreementReport` on each group, with the number of records scored and a
 * seeded bootstrap interval of accuracy and macro-F1, so a thin slice shows
 * as thin. `sliceAgreement` gives the same rows shaped for `sliceChart`.
 */
import type { Comparison, Outcome } from '../data/comparison.js';
import { labelIn, labelsOf, isDecisive, DECISIVE_LABELS, type LabelSpace } from '../data/label-spaces.js';
import { SLICE_KEYS, sliceBy, type SliceKey } from '../data/slices.js';
import type { JudgeMode, Order } from '../data/verdict.js';
import { accuracy, averagedScores } from '../stats/agreement.js';
import { alignVerdicts } from '../stats/align.js';
import type { TieVariant } from '../stats/report.js';
import { seedFromString } from '../util/rng.js';
import { agreementReport, type VerdictLike } from './agreement.js';
import { bootstrapScores } from './paired-bootstrap.js';

export interface SliceScoreOptions {
  space?: LabelSpace;
  variant?: TieVariant;
  /** Slices with fewer records are left out (default 1). */
  minRecords?: number;
  /** Bootstrap rounds of each slice's intervals (default 200; 0: no intervals). */
  bootstrap?: number;
  seed?: number;
  /** Interval level (default 0.95). */
  confidence?: number;
}

/** Accuracy and macro-F1 of one judge run with their bootstrap intervals (null without). */
export interface RunScore {
  judge: string;
  mode: JudgeMode;
  order: Order | 'both';
  /** Records scored (human vote and parsed verdict; decisive votes only in the no-ties variant). */
  n: number;
  accuracy: number;
  accuracyLower: number | null;
  accuracyUpper: number | null;
  macroF1: number;
  macroF1Lower: number | null;
  macroF1Upper: number | null;
}

/** One slice x judge x mode x order. */
export interface SliceRow extends RunScore {
  key: SliceKey;
  slice: string;
}

/**
 * Every judge x mode x order run of `verdicts` scored against `human`, with
 * seeded bootstrap intervals: the overall "with vs without output" numbers
 * with their uncertainty. Runs with nothing scored are left out.
 */
export function runScores(
  human: ReadonlyMap<string, Outcome>,
  verdicts: readonly VerdictLike[],
  options: SliceScoreOptions = {},
  seedText = 'all',
): RunScore[] {
  const space = options.space ?? 'four-class';
  const variant = options.variant ?? 'with-ties';
  const rounds = options.bootstrap ?? 200;
  const averageOver = variant === 'no-ties' ? DECISIVE_LABELS : labelsOf(space);
  const scorers = {
    accuracy,
    macroF1: (t: string[], y: string[]) => averagedScores(t, y, 'macro', { labels: averageOver, zeroDivision: 0 }).f1,
  };
  // Seeded by the record group only: every judge run on it is resampled alike (same verdicts, same interval).
  const seed = seedFromString(seedText, options.seed ?? 0);
  const out: RunScore[] = [];
  for (const row of agreementReport(human, verdicts).rows) {
    const spaces = variant === 'with-ties' ? row.withTies : row.noTies;
    const set = space === 'four-class' ? spaces.fourClass : spaces.threeClass;
    if (set.n === 0) continue;
    // The interval resamples the same scored records the point estimate uses, with the same label set.
    const pairs = alignVerdicts(human, verdicts.filter((v) => v.judge === row.judge && v.mode === row.mode && v.order === row.order)).pairs
      .filter((p) => variant === 'with-ties' || isDecisive(p.human));
    const ci = rounds > 0
      ? bootstrapScores(pairs.map((p) => labelIn(space, p.human)), pairs.map((p) => labelIn(space, p.judge)), scorers,
        { rounds, seed, confidence: options.confidence })
      : null;
    out.push({
      judge: row.judge, mode: row.mode, order: row.order, n: set.n,
      accuracy: set.accuracy, accuracyLower: ci?.accuracy.lo ?? null, accuracyUpper: ci?.accuracy.hi ?? null,
      macroF1: set.macroF1, macroF1Lower: ci?.macroF1.lo ?? null, macroF1Upper: ci?.macroF1.hi ?? null,
    });
  }
  return out;
}

/** Agreement rows of every judge run on each slice value of `key`. */
export function sliceScores(
  comparisons: readonly Comparison[],
  verdicts: readonly VerdictLike[],
  key: SliceKey,
  options: SliceScoreOptions = {},
): SliceRow[] {
  const rows: SliceRow[] = [];
  for (const [slice, group] of sliceBy(comparisons, key)) {
    if (group.length < (options.minRecords ?? 1)) continue;
    const ids = new Set(group.map((c) => c.id));
    const human = new Map(group.map((c) => [c.id, c.vote] as const));
    const scores = runScores(human, verdicts.filter((v) => ids.has(v.id)), options, `${key}=${slice}`);
    rows.push(...scores.map((r) => ({ key, slice, ...r })));
  }
  return rows;
}

/** The slices section of a study report: every slice key, one label space and variant, how the intervals were drawn. */
export interface SliceSummary {
  space: LabelSpace;
  variant: TieVariant;
  bootstrap: number;
  confidence: number;
  seed: number;
  /** Pair-level rule of language and environment (the data room's `pairSlice`). */
  rule: string;
  /** The same scores over all records (the whole-dataset "slice"), for the with vs without output chart. */
  overall: RunScore[];
  language: SliceRow[];
  environment: SliceRow[];
  topic: SliceRow[];
}

export const PAIR_SLICE_RULE =
  'topic: the comparison\'s; language and environment: the value both sides share, "mixed" when they differ, the known one when only one side records it';

/** Agreement per language, environment and topic (3 classes by default, the paper's space). */
export function sliceSummary(
  comparisons: readonly Comparison[],
  verdicts: readonly VerdictLike[],
  options: SliceScoreOptions = {},
): SliceSummary {
  const resolved = {
    space: options.space ?? 'three-class',
    variant: options.variant ?? 'with-ties',
    bootstrap: options.bootstrap ?? 200,
    confidence: options.confidence ?? 0.95,
    seed: options.seed ?? 0,
  } as const;
  const by = Object.fromEntries(SLICE_KEYS.map((key) => [key, sliceScores(comparisons, verdicts, key, { ...options, ...resolved })])) as Record<SliceKey, SliceRow[]>;
  const overall = runScores(new Map(comparisons.map((c) => [c.id, c.vote] as const)), verdicts, { ...options, ...resolved });
  return { ...resolved, rule: PAIR_SLICE_RULE, overall, ...by };
}

export interface SliceAgreementOptions extends SliceScoreOptions {
  /** 'accuracy' (default) or 'macroF1'. */
  metric?: 'accuracy' | 'macroF1';
}

/** One slice's score for one judge run, shaped for `sliceChart`; the slice value sits under the slice key. */
export type SliceScore<K extends string> = Record<K, string> & {
  value: number;
  series: string;
  n: number;
  lower: number | null;
  upper: number | null;
};

export function sliceAgreement<K extends SliceKey>(
  comparisons: readonly Comparison[],
  verdicts: readonly VerdictLike[],
  key: K,
  options: SliceAgreementOptions = {},
): SliceScore<K>[] {
  const metric = options.metric ?? 'accuracy';
  const rows = sliceScores(comparisons, verdicts, key, options);
  const severalOrders = rows.some((r) => r.order !== 'AB');
  return rows.map((r) => ({
    [key]: r.slice,
    value: r[metric],
    series: severalOrders ? `${r.judge} ${r.mode} ${r.order}` : `${r.judge} ${r.mode}`,
    n: r.n,
    lower: metric === 'accuracy' ? r.accuracyLower : r.macroF1Lower,
    upper: metric === 'accuracy' ? r.accuracyUpper : r.macroF1Upper,
  }) as SliceScore<K>);
}
