/**
 * What a report is built from, and the figures derived from it once:
 * the study's own results (`StudyReport`), plus the records and verdicts
 * behind them, which the slices, the gain test and the cost table need.
 * Every figure comes from the eval room; nothing is recomputed here.
 */
import type { Comparison } from '../data/comparison.js';
import { SLICE_KEYS, type SliceKey } from '../data/slices.js';
import type { JudgeMode, VerdictRecord } from '../data/verdict.js';
import { costByJudge, type CostRow, type PriceTable } from '../eval/cost.js';
import { positionStatsByJudge, type JudgePositionStats } from '../eval/orders.js';
import { gainSignificance, selectVerdictSet, type GainReport } from '../eval/significance.js';
import { sliceAgreement, type SliceScore } from '../eval/slices.js';
import type { ReproduceReport } from '../eval/reproduce.js';
import type { StudyReport } from '../study/run-study.js';

export interface ReproduceInput {
  report: ReproduceReport;
  /** Where the published verdicts came from (hub id or path). */
  source: string;
  citation: string;
}

export interface ReportInput {
  study: StudyReport;
  /** The records the study scored (screenshots may stay lazy: they are not read). */
  comparisons: readonly Comparison[];
  /** Every verdict of the study's judges (latest per key). */
  verdicts: readonly VerdictRecord[];
  /** Price table for the cost section; tokens only when absent. */
  prices?: PriceTable | null;
  /** The paper's table reproduced from published verdicts, when given. */
  reproduce?: ReproduceInput | null;
  /** Paired-bootstrap rounds of the gain intervals (default 1000). */
  gainBootstrap?: number;
  /** Shown in the footer; default now. */
  generatedAt?: Date;
}

export interface JudgeGain {
  judge: string;
  /** Overall, with paired-bootstrap intervals. */
  report: GainReport;
  /** Per language, environment and topic: McNemar with Holm's correction across the slices of a key (no intervals, to keep the report quick). */
  slices: GainReport['slices'];
}

export type SliceRow = SliceScore<SliceKey>;

export interface SliceTable {
  key: SliceKey;
  accuracy: SliceRow[];
  macroF1: SliceRow[];
}

/** The input with its derived figures, computed once and shared by sections and charts. */
export interface ReportContext extends ReportInput {
  gains: JudgeGain[];
  slices: SliceTable[];
  costs: CostRow[];
  /** Order consistency and position bias per judge x mode judged in both orders, with accuracy of (in)consistent verdicts. */
  position: JudgePositionStats[];
}

const BOTH_MODES: readonly JudgeMode[] = ['code-only', 'with-output'];

export function reportContext(input: ReportInput): ReportContext {
  const human = new Map(input.comparisons.map((c) => [c.id, c.vote] as const));
  const seed = input.study.seed;
  const judges = [...new Set(input.verdicts.map((v) => v.judge))].sort();
  const gains: JudgeGain[] = [];
  for (const judge of judges) {
    const modes = new Set(input.verdicts.filter((v) => v.judge === judge).map((v) => v.mode));
    if (!BOTH_MODES.every((m) => modes.has(m))) continue;
    const a = selectVerdictSet(input.verdicts, { judge, mode: 'code-only' });
    const b = selectVerdictSet(input.verdicts, { judge, mode: 'with-output' });
    const report = gainSignificance(human, a.verdicts, b.verdicts, { bootstrap: input.gainBootstrap ?? 1000, seed });
    const bySlice = gainSignificance(human, a.verdicts, b.verdicts, { bootstrap: 0, seed, by: SLICE_KEYS }, input.comparisons);
    gains.push({ judge, report, slices: bySlice.slices });
  }
  // Slices in order AB only (as published), so a judge run in both orders is one series, not two.
  const ab = input.verdicts.filter((v) => v.order === 'AB');
  const slices = SLICE_KEYS.map((key): SliceTable => ({
    key,
    accuracy: sliceAgreement(input.comparisons, ab, key, { metric: 'accuracy', space: 'three-class' }),
    macroF1: sliceAgreement(input.comparisons, ab, key, { metric: 'macroF1', space: 'three-class' }),
  }));
  const judgedBothOrders = new Set(input.verdicts.filter((v) => v.order === 'BA').map((v) => `${v.judge}\u0000${v.mode}`));
  const position = positionStatsByJudge(input.verdicts.filter((v) => judgedBothOrders.has(`${v.judge}\u0000${v.mode}`)), human);
  return { ...input, gains, slices, costs: costByJudge(input.verdicts, input.prices ?? undefined), position };
}
