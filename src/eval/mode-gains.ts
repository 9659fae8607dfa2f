/**
 * The study's question per judge: how much does seeing the execution output
 * change agreement with the humans? For every judge seen in both modes, the
 * with-output minus code-only difference of accuracy and macro-F1 on the
 * records judged in both, with paired-bootstrap intervals and McNemar's test
 * (`gainSignificance`), overall and per slice. Rows fit `gainForestChart`.
 */
import type { Comparison, Outcome } from '../data/comparison.js';
import type { LabelSpace } from '../data/label-spaces.js';
import type { SliceKey } from '../data/slices.js';
import type { Order, VerdictRecord } from '../data/verdict.js';
import { gainSignificance, selectVerdictSet, type GainOptions, type GainTest } from './significance.js';

export interface ModeGain {
  judge: string;
  /** `both`: the two orders combined (`combineOrders`). */
  order: Order | 'both';
  /** Absent for the overall row. */
  key?: SliceKey;
  slice?: string;
  /** Records judged in both modes (and voted on). */
  n: number;
  space: LabelSpace;
  confidence: number;
  accuracyCodeOnly: number;
  accuracyWithOutput: number;
  /** with-output minus code-only. */
  accuracyGain: number;
  accuracyLower: number | null;
  accuracyUpper: number | null;
  macroF1Gain: number;
  macroF1Lower: number | null;
  macroF1Upper: number | null;
  /** Exact McNemar p (Holm-adjusted across the slices of one key for slice rows); null for an untested slice. */
  p: number | null;
}

/** Gains of every judge judged in both modes; slice rows follow each judge's overall row when `by` is given. */
export function modeGains(
  human: ReadonlyMap<string, Outcome>,
  verdicts: readonly VerdictRecord[],
  options: GainOptions = {},
  comparisons: readonly Comparison[] = [],
): ModeGain[] {
  const judges = [...new Set(verdicts.map((v) => v.judge))].sort();
  const out: ModeGain[] = [];
  for (const judge of judges) {
    const own = verdicts.filter((v) => v.judge === judge);
    if (!own.some((v) => v.mode === 'code-only') || !own.some((v) => v.mode === 'with-output')) continue;
    const a = selectVerdictSet(own, { judge, mode: 'code-only' });
    const b = selectVerdictSet(own, { judge, mode: 'with-output' });
    const report = gainSignificance(human, a.verdicts, b.verdicts, options, comparisons);
    const order = a.order === b.order ? a.order : 'both';
    const row = (test: GainTest, p: number | null, slice?: { key: SliceKey; slice: string }): ModeGain => ({
      judge, order, ...slice, n: test.n, space: report.space, confidence: report.confidence,
      accuracyCodeOnly: test.accuracyA, accuracyWithOutput: test.accuracyB, accuracyGain: test.accuracyDifference,
      accuracyLower: test.intervals?.accuracy.lo ?? null, accuracyUpper: test.intervals?.accuracy.hi ?? null,
      macroF1Gain: test.macroF1Difference,
      macroF1Lower: test.intervals?.macroF1.lo ?? null, macroF1Upper: test.intervals?.macroF1.hi ?? null,
      p,
    });
    out.push(row(report.overall, report.overall.mcnemar.pExact));
    for (const s of report.slices) out.push(row(s.test, s.pHolm, { key: s.key, slice: s.slice }));
  }
  return out;
}
