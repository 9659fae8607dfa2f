/**
 * The agreement table: one row per judge x mode x order, scored against the
 * human votes by the stats room; for a judge seen in both orders, a row for
 * the orders combined (the README's rule, `combineOrders`) and its order
 * consistency and position bias (`positionStatsByJudge`).
 */
import type { Outcome } from '../data/comparison.js';
import type { JudgeMode, Order, VerdictRecord } from '../data/verdict.js';
import { alignVerdicts } from '../stats/align.js';
import { scoreAlignment, type AgreementCounts, type PairScoreOptions, type SpaceMetrics } from '../stats/report.js';
import { combineOrders, positionStatsByJudge, type JudgePositionStats } from './orders.js';

/** A verdict as the evaluation needs it: which judge, mode and order said what about which record. */
export type VerdictLike = Pick<VerdictRecord, 'id' | 'judge' | 'mode' | 'order' | 'verdict'>;

export interface AgreementRow {
  judge: string;
  mode: JudgeMode;
  /** `both`: the two orders' verdicts combined into one per record. */
  order: Order | 'both';
  counts: AgreementCounts;
  withTies: SpaceMetrics;
  noTies: SpaceMetrics;
}

export interface AgreementReport {
  humanVotes: number;
  verdicts: number;
  /** One row per judge x mode x order seen. */
  rows: AgreementRow[];
  /** One row (order `both`) per judge x mode seen in both orders. */
  combined: AgreementRow[];
  /** Order consistency and position bias per judge x mode seen in both orders. */
  consistency: JudgePositionStats[];
}

export interface VerdictGroup<V extends VerdictLike = VerdictLike> {
  judge: string;
  mode: JudgeMode;
  order: Order;
  records: V[];
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Groups verdicts by judge x mode x order, sorted by judge, mode, order. */
export function groupVerdicts<V extends VerdictLike>(verdicts: readonly V[]): VerdictGroup<V>[] {
  const groups = new Map<string, VerdictGroup<V>>();
  for (const v of verdicts) {
    const key = JSON.stringify([v.judge, v.mode, v.order]);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { judge: v.judge, mode: v.mode, order: v.order, records: [] }));
    group.records.push(v);
  }
  return [...groups.values()].sort((a, b) => cmp(a.judge, b.judge) || cmp(a.mode, b.mode) || cmp(a.order, b.order));
}

/** The agreement table of every judge x mode x order found in `verdicts` against the human votes. */
export function agreementReport(
  human: ReadonlyMap<string, Outcome>,
  verdicts: readonly VerdictLike[],
  options: PairScoreOptions = {},
): AgreementReport {
  const groups = groupVerdicts(verdicts);
  const rows = groups.map((g): AgreementRow => ({
    judge: g.judge, mode: g.mode, order: g.order, ...scoreAlignment(alignVerdicts(human, g.records), options),
  }));
  const swapped = groups.filter((g) => g.order === 'BA' && groups.some((o) => o.order === 'AB' && o.judge === g.judge && o.mode === g.mode));
  const combined: AgreementRow[] = [];
  const consistency: JudgePositionStats[] = [];
  for (const ba of swapped) {
    const ab = groups.find((o) => o.order === 'AB' && o.judge === ba.judge && o.mode === ba.mode)!;
    const both = [...ab.records, ...ba.records];
    combined.push({ judge: ba.judge, mode: ba.mode, order: 'both', ...scoreAlignment(alignVerdicts(human, combineOrders(both)), options) });
    consistency.push(...positionStatsByJudge(both));
  }
  return { humanVotes: human.size, verdicts: verdicts.length, rows, combined, consistency };
}
