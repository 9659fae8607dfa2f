/**
 * Both orders of one record, taken together: the combined verdict (the
 * README's rule) and how consistent a judge is when the sides are swapped,
 * with its position bias. The single implementation of order consistency:
 * `agreementReport` and `bcr metrics` report these figures.
 */
import type { Outcome } from '../data/comparison.js';
import type { JudgeMode, VerdictLabel, VerdictRecord } from '../data/verdict.js';
import { toThreeClass } from '../data/label-spaces.js';

type OrderedVerdict = Pick<VerdictRecord, 'id' | 'judge' | 'mode' | 'order' | 'verdict'>;

export interface CombineOptions {
  /**
   * When exactly one order failed: `other` (default) keeps the verdict of the
   * order that succeeded, so a flaky call does not lose the record; `error`
   * makes the combined verdict an error, for users who want both orders or nothing.
   */
  onSingleError?: 'other' | 'error';
}

/**
 * Combines the two orders' verdicts (both already in stored terms).
 * Rule (MT-Bench convention): the same verdict in both orders stands; any
 * disagreement (A vs B, A vs tie, tie vs both_bad...) becomes `tie`, since
 * the judge's preference did not survive swapping the positions. An error in
 * one order: see `onSingleError`. Errors in both: `error`.
 */
export function combineOrderVerdicts(ab: VerdictLabel, ba: VerdictLabel, options: CombineOptions = {}): VerdictLabel {
  const onSingleError = options.onSingleError ?? 'other';
  if (ab === 'error' && ba === 'error') return 'error';
  if (ab === 'error' || ba === 'error') {
    if (onSingleError === 'error') return 'error';
    return ab === 'error' ? ba : ab;
  }
  return ab === ba ? ab : 'tie';
}

/** One record's verdicts across orders, combined. */
export interface CombinedVerdict {
  id: string;
  judge: string;
  mode: JudgeMode;
  /** The combined verdict in stored terms (see `combineOrderVerdicts`). */
  verdict: VerdictLabel;
  ab?: VerdictLabel;
  ba?: VerdictLabel;
  /** Both orders present and neither an error: did they agree? Otherwise null. */
  consistent: boolean | null;
}

interface OrderPair {
  id: string;
  judge: string;
  mode: JudgeMode;
  ab?: OrderedVerdict;
  ba?: OrderedVerdict;
}

/**
 * Groups records by (judge, mode, id) and pairs their orders. When the same
 * (judge, mode, id, order) appears more than once (a resumed run appended a
 * retry), the later record wins, as the later line of a results file does.
 */
function pairOrders(records: readonly OrderedVerdict[]): OrderPair[] {
  const pairs = new Map<string, OrderPair>();
  for (const record of records) {
    const key = JSON.stringify([record.judge, record.mode, record.id]);
    let pair = pairs.get(key);
    if (!pair) {
      pair = { id: record.id, judge: record.judge, mode: record.mode };
      pairs.set(key, pair);
    }
    if (record.order === 'AB') pair.ab = record;
    else pair.ba = record;
  }
  return [...pairs.values()];
}

/**
 * One combined verdict per (judge, mode, id), in first-seen order. A record
 * judged in one order only keeps that order's verdict.
 */
export function combineOrders(records: readonly OrderedVerdict[], options: CombineOptions = {}): CombinedVerdict[] {
  return pairOrders(records).map((pair) => {
    const ab = pair.ab?.verdict;
    const ba = pair.ba?.verdict;
    const verdict =
      ab !== undefined && ba !== undefined ? combineOrderVerdicts(ab, ba, options) : (ab ?? ba ?? 'error');
    const consistent = ab !== undefined && ba !== undefined && ab !== 'error' && ba !== 'error' ? ab === ba : null;
    return {
      id: pair.id,
      judge: pair.judge,
      mode: pair.mode,
      verdict,
      ...(ab !== undefined ? { ab } : {}),
      ...(ba !== undefined ? { ba } : {}),
      consistent,
    };
  });
}

export interface PositionStats {
  /** Records judged in both orders with a non-error verdict in each. */
  pairs: number;
  /** Of those, how many gave the same stored verdict in both orders. */
  consistent: number;
  /** consistent / pairs, or null when there are no pairs. */
  consistency: number | null;
  /** Same verdict with tie and both_bad merged (3 classes). */
  consistentMerged: number;
  /** consistentMerged / pairs, or null when there are no pairs. */
  consistencyMerged: number | null;
  /** Records with both orders where at least one order is an error (not in `pairs`). */
  pairsWithError: number;
  /** Records judged in one order only. */
  singleOrder: number;
  /** Over every non-error verdict (each order counts): the first-shown side won. */
  firstShownWins: number;
  /** ...the second-shown side won. */
  secondShownWins: number;
  /** Verdicts that picked neither side (tie or both_bad). */
  undecided: number;
  /** firstShownWins / (firstShownWins + secondShownWins), or null. 0.5 means no position bias. */
  firstShownWinRate: number | null;
  /** Present when human votes were given: are the verdicts that survive the swap the better ones? */
  accuracy?: PositionAccuracy;
}

/**
 * Accuracy (3 classes, the paper's space) of consistent vs inconsistent
 * verdicts, over pairs with a human vote. A consistent pair counts its shared
 * verdict once; an inconsistent pair counts each order's verdict once, so its
 * accuracy is the mean of the two orders'.
 */
export interface PositionAccuracy {
  consistentVoted: number;
  consistentAccuracy: number | null;
  inconsistentVoted: number;
  inconsistentAccuracy: number | null;
}

function isFirstShownWin(record: OrderedVerdict): boolean {
  return (record.order === 'AB' && record.verdict === 'A') || (record.order === 'BA' && record.verdict === 'B');
}

/**
 * Position consistency and bias of a set of verdict records (with `human`,
 * also the accuracy of consistent vs inconsistent verdicts). Pass one judge
 * and mode at a time for that judge's figure (`positionStatsByJudge` makes
 * the table); mixed input pools every (judge, mode, id) pair.
 */
export function positionConsistency(records: readonly OrderedVerdict[], human?: ReadonlyMap<string, Outcome>): PositionStats {
  const stats: PositionStats = {
    pairs: 0, consistent: 0, consistency: null, consistentMerged: 0, consistencyMerged: null, pairsWithError: 0, singleOrder: 0,
    firstShownWins: 0, secondShownWins: 0, undecided: 0, firstShownWinRate: null,
  };
  const voted = { consistent: 0, consistentRight: 0, inconsistent: 0, inconsistentRight: 0 };
  for (const pair of pairOrders(records)) {
    for (const record of [pair.ab, pair.ba]) {
      if (record === undefined || record.verdict === 'error') continue;
      if (isFirstShownWin(record)) stats.firstShownWins++;
      else if (record.verdict === 'A' || record.verdict === 'B') stats.secondShownWins++;
      else stats.undecided++;
    }
    const ab = pair.ab?.verdict;
    const ba = pair.ba?.verdict;
    if (ab === undefined || ba === undefined) {
      stats.singleOrder++;
    } else if (ab === 'error' || ba === 'error') {
      stats.pairsWithError++;
    } else {
      stats.pairs++;
      if (ab === ba) stats.consistent++;
      if (toThreeClass(ab) === toThreeClass(ba)) stats.consistentMerged++;
      const vote = human?.get(pair.id);
      if (vote !== undefined) {
        const right = (v: Exclude<VerdictLabel, 'error'>) => (toThreeClass(v) === toThreeClass(vote) ? 1 : 0);
        if (ab === ba) {
          voted.consistent++;
          voted.consistentRight += right(ab);
        } else {
          voted.inconsistent++;
          voted.inconsistentRight += (right(ab) + right(ba)) / 2;
        }
      }
    }
  }
  if (human !== undefined) {
    stats.accuracy = {
      consistentVoted: voted.consistent,
      consistentAccuracy: voted.consistent > 0 ? voted.consistentRight / voted.consistent : null,
      inconsistentVoted: voted.inconsistent,
      inconsistentAccuracy: voted.inconsistent > 0 ? voted.inconsistentRight / voted.inconsistent : null,
    };
  }
  if (stats.pairs > 0) {
    stats.consistency = stats.consistent / stats.pairs;
    stats.consistencyMerged = stats.consistentMerged / stats.pairs;
  }
  const decisive = stats.firstShownWins + stats.secondShownWins;
  stats.firstShownWinRate = decisive > 0 ? stats.firstShownWins / decisive : null;
  return stats;
}

/** One row of the order-consistency table. */
export type JudgePositionStats = { judge: string; mode: JudgeMode } & PositionStats;

/** `positionConsistency` for each (judge, mode), in first-seen order; with `human`, each row has its `accuracy`. */
export function positionStatsByJudge(records: readonly OrderedVerdict[], human?: ReadonlyMap<string, Outcome>): JudgePositionStats[] {
  const groups = new Map<string, { judge: string; mode: JudgeMode; records: OrderedVerdict[] }>();
  for (const record of records) {
    const key = JSON.stringify([record.judge, record.mode]);
    let group = groups.get(key);
    if (!group) {
      group = { judge: record.judge, mode: record.mode, records: [] };
      groups.set(key, group);
    }
    group.records.push(record);
  }
  return [...groups.values()].map((g) => ({ judge: g.judge, mode: g.mode, ...positionConsistency(g.records, human) }));
}
