/**
 * The paper's question for every judge at once: code-only (A) against
 * with-output (B) on the same records, McNemar's exact test and the
 * paired-bootstrap interval per judge, then Holm's correction across the
 * judges tested (several judges, several tests). Judges with one mode only
 * are left out and named.
 */
import type { Comparison, Outcome } from '../data/comparison.js';
import type { VerdictRecord } from '../data/verdict.js';
import { gainSignificance, selectVerdictSet, type GainOptions, type GainReport } from '../eval/significance.js';
import { holmAdjust } from '../stats/multiple-testing.js';

export interface JudgeModeGain {
  judge: string;
  report: GainReport;
  /** Holm-adjusted McNemar p across the judges of this call. */
  pHolm: number;
}

export interface ModeGains {
  judges: JudgeModeGain[];
  /** Judges with verdicts in one mode only (no paired test). */
  oneModeOnly: string[];
}

export function modeGainsByJudge(
  human: ReadonlyMap<string, Outcome>,
  verdicts: readonly VerdictRecord[],
  options: GainOptions = {},
  comparisons: readonly Comparison[] = [],
): ModeGains {
  const judges = [...new Set(verdicts.map((v) => v.judge))].sort();
  const tested: Omit<JudgeModeGain, 'pHolm'>[] = [];
  const oneModeOnly: string[] = [];
  for (const judge of judges) {
    const mine = verdicts.filter((v) => v.judge === judge);
    if (!mine.some((v) => v.mode === 'code-only') || !mine.some((v) => v.mode === 'with-output')) {
      oneModeOnly.push(judge);
      continue;
    }
    const a = selectVerdictSet(mine, { judge, mode: 'code-only' }, `${judge} code-only`);
    const b = selectVerdictSet(mine, { judge, mode: 'with-output' }, `${judge} with-output`);
    tested.push({ judge, report: gainSignificance(human, a.verdicts, b.verdicts, options, comparisons) });
  }
  const adjusted = holmAdjust(tested.map((t) => t.report.overall.mcnemar.pExact));
  return { judges: tested.map((t, i) => ({ ...t, pHolm: adjusted[i]! })), oneModeOnly };
}

/** One row per judge: n, accuracy without and with output, the gain with its interval, McNemar p and Holm p. */
export function modeGainRows(gains: ModeGains): Record<string, string | number | null>[] {
  return gains.judges.map(({ judge, report, pHolm }) => {
    const t = report.overall;
    return {
      judge,
      n: t.n,
      'code-only': t.accuracyA,
      'with-output': t.accuracyB,
      gain: t.accuracyDifference,
      'interval low': t.intervals?.accuracy.lo ?? null,
      'interval high': t.intervals?.accuracy.hi ?? null,
      'macro-F1 gain': t.macroF1Difference,
      'McNemar p': t.mcnemar.pExact,
      'Holm p (across judges)': pHolm,
    };
  });
}
