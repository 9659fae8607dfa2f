/**
 * Agreement when an item has several votes: several annotators, or a judge
 * run several times / in both orders. Two tools:
 * - majority aggregation to one label per item (with an explicit rule for
 *   items without a winner);
 * - the "all pairs" agreement of MT-Bench's LLM-as-a-judge paper (Zheng et al.
 *   2023, FastChat's `compute_agreement.py`): over every pair of votes on the
 *   same item from different raters, the fraction that agree.
 */
import type { Outcome } from '../data/comparison.js';
import { ConfigError } from '../errors.js';
import { isDecisive } from '../data/label-spaces.js';

/** One vote by one rater (annotator, judge, or judge run) on one item. */
export interface RaterVote {
  item: string;
  rater: string;
  outcome: Outcome;
}

export interface MajorityOptions {
  /**
   * `plurality` (default): the label with strictly more votes than any other;
   * `absolute`: a label with strictly more than half of the votes.
   */
  rule?: 'plurality' | 'absolute';
  /**
   * What an item without a winner gets: `none` (default; no label, the item
   * is reported in `noMajority` and left out) or `tie` (the raters disagree,
   * read as a tie vote).
   */
  noMajority?: 'none' | 'tie';
}

/** The majority label of a list of votes, or null when there is none (see options). */
export function majorityVote(votes: readonly Outcome[], options: MajorityOptions = {}): Outcome | null {
  const rule = options.rule ?? 'plurality';
  if (rule !== 'plurality' && rule !== 'absolute') throw new ConfigError(`unknown majority rule "${String(rule)}"`);
  const fallback: Outcome | null = (options.noMajority ?? 'none') === 'tie' ? 'tie' : null;
  const counts = new Map<Outcome, number>();
  for (const v of votes) counts.set(v, (counts.get(v) ?? 0) + 1);
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  const [top, second] = ranked;
  if (!top) return fallback;
  if (second && second[1] === top[1]) return fallback;
  if (rule === 'absolute' && top[1] * 2 <= votes.length) return fallback;
  return top[0];
}

export interface MajorityAggregation {
  /** One label per item that has a winner. */
  labels: Map<string, Outcome>;
  /** Items without a winner (only when `noMajority` is `none`). */
  noMajority: string[];
  /** Votes per item, for reference. */
  votesPerItem: Map<string, number>;
}

function groupByItem(votes: readonly RaterVote[]): Map<string, RaterVote[]> {
  const groups = new Map<string, RaterVote[]>();
  for (const v of votes) {
    const list = groups.get(v.item);
    if (list) list.push(v);
    else groups.set(v.item, [v]);
  }
  return groups;
}

/** Majority label of every item (items in first-seen order). */
export function aggregateByMajority(votes: readonly RaterVote[], options: MajorityOptions = {}): MajorityAggregation {
  const labels = new Map<string, Outcome>();
  const noMajority: string[] = [];
  const votesPerItem = new Map<string, number>();
  for (const [item, itemVotes] of groupByItem(votes)) {
    votesPerItem.set(item, itemVotes.length);
    const label = majorityVote(itemVotes.map((v) => v.outcome), options);
    if (label === null) noMajority.push(item);
    else labels.set(item, label);
  }
  return { labels, noMajority, votesPerItem };
}

export interface PairAgreementOptions {
  /** Count tie and both_bad as the same answer ("any tie matches any tie", as MT-Bench). Default false. */
  tiesMatch?: boolean;
  /** Leave out tie and both_bad votes altogether (MT-Bench's "w/o tie" setup). Default false. */
  excludeTies?: boolean;
  /** Also pair two votes of the same rater on one item (self-consistency of repeated runs). Default false. */
  includeSameRater?: boolean;
}

export interface PairAgreement {
  /** Pairs whose two votes agree. */
  agreeing: number;
  pairs: number;
  /** agreeing / pairs; NaN when there is no pair. */
  rate: number;
  /** Items that contributed at least one pair. */
  items: number;
}

function votesAgree(a: Outcome, b: Outcome, tiesMatch: boolean): boolean {
  return a === b || (tiesMatch && !isDecisive(a) && !isDecisive(b));
}

function countPairs(
  groupsA: Map<string, RaterVote[]>,
  groupsB: Map<string, RaterVote[]> | null,
  options: PairAgreementOptions,
): PairAgreement {
  const tiesMatch = options.tiesMatch ?? false;
  const keep = (v: RaterVote) => !(options.excludeTies && !isDecisive(v.outcome));
  let agreeing = 0;
  let pairs = 0;
  let items = 0;
  for (const [item, rawA] of groupsA) {
    const a = rawA.filter(keep);
    const b = groupsB ? (groupsB.get(item) ?? []).filter(keep) : null;
    const before = pairs;
    for (let i = 0; i < a.length; i++) {
      // Within one group: each unordered pair once (j > i); across groups: every (a, b) pair.
      const others = b ?? a.slice(i + 1);
      for (const other of others) {
        if (!options.includeSameRater && a[i]!.rater === other.rater) continue;
        pairs++;
        if (votesAgree(a[i]!.outcome, other.outcome, tiesMatch)) agreeing++;
      }
    }
    if (pairs > before) items++;
  }
  return { agreeing, pairs, rate: pairs === 0 ? NaN : agreeing / pairs, items };
}

/** Agreement among one group of raters (e.g. human-human): all pairs of votes on the same item. */
export function pairwiseAgreement(votes: readonly RaterVote[], options: PairAgreementOptions = {}): PairAgreement {
  return countPairs(groupByItem(votes), null, options);
}

/** Agreement between two groups (e.g. judge-human): every pair of one vote from each group on the same item. */
export function crossAgreement(
  first: readonly RaterVote[],
  second: readonly RaterVote[],
  options: PairAgreementOptions = {},
): PairAgreement {
  return countPairs(groupByItem(first), groupByItem(second), options);
}
