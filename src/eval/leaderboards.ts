/**
 * A judge's verdicts turned into battles exactly as human votes are (left =
 * side A's model, outcome in terms of the stored A/B), so that a leaderboard
 * fitted from a judge is comparable with the human one. Verdicts that are
 * errors, or whose id matches no comparison, are dropped and counted, never
 * turned into votes. A judge run in both orders (AB and BA) contributes one
 * battle per verdict, like two raters on the same pair.
 */
import type { Battle, Comparison } from '../data/comparison.js';
import type { JudgeMode, VerdictRecord } from '../data/verdict.js';
import { InputError } from '../errors.js';
import { ratingsByModel, type Leaderboard } from '../ratings/leaderboard.js';
import { correlateRatings, type RatingCorrelation } from '../stats/correlation.js';

export interface VerdictBattles {
  battles: Battle[];
  judge: string;
  mode: JudgeMode;
  /** Verdicts dropped because they were errors. */
  errors: number;
  /** Verdicts dropped because no comparison has their id. */
  unmatched: number;
}

export interface VerdictFilter {
  /** Keep only this judge's verdicts (required when several judges are present). */
  judge?: string;
  /** Keep only this mode's verdicts (required when several modes are present). */
  mode?: JudgeMode;
}

type BattleVerdict = Pick<VerdictRecord, 'id' | 'judge' | 'mode' | 'verdict'>;

/** The battles of one judge x mode; verdicts of several runs without a filter are an InputError. */
export function battlesFromVerdicts(comparisons: readonly Comparison[], verdicts: Iterable<BattleVerdict>, filter: VerdictFilter = {}): VerdictBattles {
  const byId = new Map(comparisons.map((c) => [c.id, c]));
  const kept = [...verdicts].filter((v) => (filter.judge === undefined || v.judge === filter.judge) && (filter.mode === undefined || v.mode === filter.mode));
  const runs = [...new Set(kept.map((v) => `${v.judge} (${v.mode})`))];
  if (runs.length === 0) {
    throw new InputError(`no verdicts${filter.judge || filter.mode ? ` for ${[filter.judge, filter.mode].filter(Boolean).join(', ')}` : ''}`);
  }
  if (runs.length > 1) {
    throw new InputError(`verdicts from several judge runs (${runs.slice(0, 6).join(', ')}): choose one judge and mode`, { field: 'judge' });
  }
  const out: VerdictBattles = { battles: [], judge: kept[0]!.judge, mode: kept[0]!.mode, errors: 0, unmatched: 0 };
  for (const v of kept) {
    const c = byId.get(v.id);
    if (!c) {
      out.unmatched++;
    } else if (v.verdict === 'error') {
      out.errors++;
    } else {
      out.battles.push({ left: c.a.model, right: c.b.model, outcome: v.verdict, item: c.id, rater: v.judge });
    }
  }
  return out;
}

/** Pearson, Spearman (average ranks) and Kendall between two leaderboards' ratings over their common models (>= 3). */
export function compareLeaderboards(human: Leaderboard, judge: Leaderboard): RatingCorrelation {
  return correlateRatings(ratingsByModel(human), ratingsByModel(judge));
}
