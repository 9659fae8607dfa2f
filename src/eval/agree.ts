/**
 * Agreement between two vote sets on the same pairs (judge vs humans, humans
 * vs humans), from any vote file read through a column mapping.
 *
 * Pairs are matched by item and UNORDERED model pair, never by position: a
 * pair listed as (x, y) in one set and (y, x) in the other is the same pair,
 * and its winner is re-oriented (A <-> B) to one canonical order (the two
 * names in code-point order) before anything is compared.
 *
 * Several votes on one pair are first reduced to one label per set by a named
 * rule (`AGGREGATION_RULES`), then scored with the project's metric set
 * (`scorePairs`: accuracy, macro-F1, kappa, confusion; 4 and 3 classes; with
 * and without ties, "without" meaning set A's decisive labels). Beside it,
 * MT-Bench's all-pairs agreement runs on the raw (re-oriented) votes.
 *
 * One vote set alone (`raterAgreement`): agreement among its own raters on
 * each pair, and what each aggregation rule makes of their votes.
 */
import type { Battle, Outcome } from '../data/comparison.js';
import { ConfigError, InputError } from '../errors.js';
import type { AlignedPair } from '../stats/align.js';
import { majorityVote, crossAgreement, pairwiseAgreement, type PairAgreement, type RaterVote } from '../stats/rater-agreement.js';
import { scorePairs, type MetricSet } from '../stats/report.js';

/**
 * How several votes on one pair become one label:
 * - `plurality`: the most frequent label; when two or more labels share the
 *   top count the pair counts as a `tie` (the raters are split);
 * - `first-rater`: the most frequent label; a shared top count goes to the
 *   tied label voted first in file order;
 * - `mean-sign`: A = +1, B = -1, tie and both_bad = 0; the sign of the mean
 *   (0 is a `tie`, or `both_bad` when every vote was both_bad).
 */
export type AggregationRule = 'plurality' | 'first-rater' | 'mean-sign';
export const AGGREGATION_RULES: readonly AggregationRule[] = ['plurality', 'first-rater', 'mean-sign'];

/** The one label of a pair's votes (in file order) under `rule`. */
export function aggregateVotes(votes: readonly Outcome[], rule: AggregationRule): Outcome {
  if (votes.length === 0) throw new ConfigError('aggregateVotes: no votes');
  if (votes.length === 1) return votes[0]!;
  if (rule === 'plurality') return majorityVote(votes, { noMajority: 'tie' })!;
  if (rule === 'first-rater') {
    const counts = new Map<Outcome, number>();
    for (const v of votes) counts.set(v, (counts.get(v) ?? 0) + 1);
    const top = Math.max(...counts.values());
    return votes.find((v) => counts.get(v) === top)!;
  }
  if (rule === 'mean-sign') {
    const sum = votes.reduce((s, v) => s + (v === 'A' ? 1 : v === 'B' ? -1 : 0), 0);
    if (sum > 0) return 'A';
    if (sum < 0) return 'B';
    return votes.every((v) => v === 'both_bad') ? 'both_bad' : 'tie';
  }
  throw new ConfigError(`unknown aggregation rule "${String(rule)}" (expected ${AGGREGATION_RULES.join(', ')})`);
}

/** A vote re-oriented to its pair's canonical order. */
interface OrientedVote {
  key: string;
  outcome: Outcome;
  rater: string;
}

const flip = (o: Outcome): Outcome => (o === 'A' ? 'B' : o === 'B' ? 'A' : o);

/** The pair key (item + unordered models) and the vote seen from the canonical order. */
export function orientBattle(battle: Battle): { key: string; first: string; second: string; outcome: Outcome } {
  const swapped = battle.right < battle.left;
  const [first, second] = swapped ? [battle.right, battle.left] : [battle.left, battle.right];
  // \u0000 cannot occur in a trimmed cell of a text file, so the key is unambiguous.
  const key = `${battle.item ?? ''}\u0000${first}\u0000${second}`;
  return { key, first, second, outcome: swapped ? flip(battle.outcome) : battle.outcome };
}

function orientAll(battles: readonly Battle[], set: string): { groups: Map<string, OrientedVote[]>; pairs: Map<string, [string, string, string]> } {
  const groups = new Map<string, OrientedVote[]>();
  const pairs = new Map<string, [string, string, string]>();
  battles.forEach((b, i) => {
    if (b.left === b.right) throw new InputError(`a model is paired with itself ("${b.left}")`, { file: set, row: i });
    const o = orientBattle(b);
    const vote: OrientedVote = { key: o.key, outcome: o.outcome, rater: b.rater ?? `${set}#${i}` };
    const list = groups.get(o.key);
    if (list) list.push(vote);
    else {
      groups.set(o.key, [vote]);
      pairs.set(o.key, [b.item ?? '', o.first, o.second]);
    }
  });
  return { groups, pairs };
}

export interface AgreeOptions {
  /** Default `plurality`. */
  aggregate?: AggregationRule;
  /** Names of the two sets, for messages and the report (default 'A', 'B'). */
  names?: [string, string];
}

export interface AgreeMetrics {
  fourClass: MetricSet;
  threeClass: MetricSet;
}

export interface AgreeReport {
  names: [string, string];
  aggregate: AggregationRule;
  /** Votes and distinct pairs (item + unordered models) in each set. */
  votes: [number, number];
  pairs: [number, number];
  /** Pairs in both sets: what is scored. */
  matched: number;
  /** Pairs of one set that the other does not have. */
  onlyIn: [number, number];
  /** Matched pairs on which at least one set had more than one vote. */
  aggregated: number;
  /** One label per matched pair and set (rows of the confusion matrices = set A). */
  withTies: AgreeMetrics;
  /** Only pairs where set A's label is decisive. */
  noTies: AgreeMetrics;
  /** All pairs of one raw vote from each set on a matched pair. */
  allPairs: {
    exact: PairAgreement;
    /** Any tie label (tie, both_bad) matches any tie label. */
    tiesMatch: PairAgreement;
    /** Tie and both_bad votes left out. */
    noTies: PairAgreement;
  };
  /** The matched pairs with each set's label, in canonical order (for inspection). */
  items: { item: string; first: string; second: string; a: Outcome; b: Outcome }[];
}

/** Agreement between two vote sets on the pairs they share (see the module header). */
export function agreeVotes(a: readonly Battle[], b: readonly Battle[], options: AgreeOptions = {}): AgreeReport {
  const rule = options.aggregate ?? 'plurality';
  if (!AGGREGATION_RULES.includes(rule)) throw new ConfigError(`unknown aggregation rule "${String(rule)}" (expected ${AGGREGATION_RULES.join(', ')})`);
  const names = options.names ?? ['A', 'B'];
  const sa = orientAll(a, names[0]);
  const sb = orientAll(b, names[1]);
  const aligned: AlignedPair[] = [];
  const items: AgreeReport['items'] = [];
  const rawA: RaterVote[] = [];
  const rawB: RaterVote[] = [];
  let aggregated = 0;
  for (const [key, votesA] of sa.groups) {
    const votesB = sb.groups.get(key);
    if (!votesB) continue;
    if (votesA.length > 1 || votesB.length > 1) aggregated++;
    const la = aggregateVotes(votesA.map((v) => v.outcome), rule);
    const lb = aggregateVotes(votesB.map((v) => v.outcome), rule);
    aligned.push({ id: key, human: la, judge: lb });
    const [item, first, second] = sa.pairs.get(key)!;
    items.push({ item, first, second, a: la, b: lb });
    // Prefixed raters: a rater of set A is never "the same rater" as one of set B.
    for (const v of votesA) rawA.push({ item: key, rater: `a:${v.rater}`, outcome: v.outcome });
    for (const v of votesB) rawB.push({ item: key, rater: `b:${v.rater}`, outcome: v.outcome });
  }
  const score = (variant: 'with-ties' | 'no-ties'): AgreeMetrics => ({
    fourClass: scorePairs(aligned, 'four-class', variant),
    threeClass: scorePairs(aligned, 'three-class', variant),
  });
  return {
    names,
    aggregate: rule,
    votes: [a.length, b.length],
    pairs: [sa.groups.size, sb.groups.size],
    matched: aligned.length,
    onlyIn: [sa.groups.size - aligned.length, sb.groups.size - aligned.length],
    aggregated,
    withTies: score('with-ties'),
    noTies: score('no-ties'),
    allPairs: {
      exact: crossAgreement(rawA, rawB),
      tiesMatch: crossAgreement(rawA, rawB, { tiesMatch: true }),
      noTies: crossAgreement(rawA, rawB, { excludeTies: true }),
    },
    items,
  };
}

export interface RaterAgreementOptions {
  /** Name of the vote set, for messages (default 'votes'). */
  name?: string;
}

export interface RaterAgreementReport {
  name: string;
  votes: number;
  /** Distinct pairs (item + unordered models). */
  pairs: number;
  /** Distinct raters (a vote without a rater counts as its own rater). */
  raters: number;
  /** Pairs with more than one vote: the only ones that say anything about agreement. */
  multiVoted: number;
  /** Multi-voted pairs whose most frequent label is shared (where `plurality` and `first-rater` differ). */
  splitTop: number;
  /** The one label per pair under each aggregation rule, counted by label. */
  aggregated: Record<AggregationRule, Record<Outcome, number>>;
  /** MT-Bench's all-pairs agreement among the raters of each pair (two votes of one rater are not paired). */
  allPairs: {
    exact: PairAgreement;
    /** Any tie label (tie, both_bad) matches any tie label. */
    tiesMatch: PairAgreement;
    /** Tie and both_bad votes left out. */
    noTies: PairAgreement;
  };
}

/**
 * Agreement among the raters of ONE vote set (several votes per pair, e.g.
 * crowd workers): the aggregation rules side by side, and all-pairs agreement
 * between raters, with votes re-oriented to each pair's canonical order first.
 */
export function raterAgreement(battles: readonly Battle[], options: RaterAgreementOptions = {}): RaterAgreementReport {
  const name = options.name ?? 'votes';
  const { groups } = orientAll(battles, name);
  const empty = (): Record<Outcome, number> => ({ A: 0, B: 0, tie: 0, both_bad: 0 });
  const aggregated = { plurality: empty(), 'first-rater': empty(), 'mean-sign': empty() } satisfies Record<AggregationRule, Record<Outcome, number>>;
  const raw: RaterVote[] = [];
  let multiVoted = 0;
  let splitTop = 0;
  for (const [key, votes] of groups) {
    const outcomes = votes.map((v) => v.outcome);
    for (const rule of AGGREGATION_RULES) aggregated[rule][aggregateVotes(outcomes, rule)]++;
    if (votes.length > 1) {
      multiVoted++;
      if (majorityVote(outcomes) === null) splitTop++;
    }
    for (const v of votes) raw.push({ item: key, rater: v.rater, outcome: v.outcome });
  }
  return {
    name,
    votes: battles.length,
    pairs: groups.size,
    raters: new Set(raw.map((v) => v.rater)).size,
    multiVoted,
    splitTop,
    aggregated,
    allPairs: {
      exact: pairwiseAgreement(raw),
      tiesMatch: pairwiseAgreement(raw, { tiesMatch: true }),
      noTies: pairwiseAgreement(raw, { excludeTies: true }),
    },
  };
}
