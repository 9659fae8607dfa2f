/**
 * Is a gain real? Two verdict sets on the same records (one judge with vs
 * without execution output, or two judges), joined to the human votes, are
 * compared record by record: McNemar's test on the records exactly one set
 * got right, and paired-bootstrap intervals of the accuracy and macro-F1
 * difference (B - A). Overall, and per slice (language, environment, topic)
 * with Holm's correction across the slices of one key; slices below a
 * minimum size are listed but not tested (a test on 12 records says nothing).
 *
 * Scored in the paper's space by default: 3 classes, tie and both_bad merged.
 * Only records where both sets gave a parsed verdict and a human voted are
 * compared; the rest are counted, so the test is truly paired.
 */
import type { Comparison, Outcome } from '../data/comparison.js';
import { labelIn, labelsOf, type LabelSpace } from '../data/label-spaces.js';
import { sliceBy, type SliceKey } from '../data/slices.js';
import type { JudgeMode, Order, VerdictRecord } from '../data/verdict.js';
import { ConfigError } from '../errors.js';
import { accuracy, averagedScores } from '../stats/agreement.js';
import { latestVerdicts, type IdLabel } from '../stats/align.js';
import { mcnemar, type McNemarResult } from '../stats/mcnemar.js';
import { holmAdjust } from '../stats/multiple-testing.js';
import { seedFromString } from '../util/rng.js';
import { selectVerdicts } from './load.js';
import { combineOrders } from './orders.js';
import { pairedBootstrapDifferences, type Interval } from './paired-bootstrap.js';

export interface GainOptions {
  /** Label space of accuracy and macro-F1: `three-class` (default, the paper's) or `four-class`. */
  space?: LabelSpace;
  /** Paired bootstrap rounds (default 1000; 0 skips the intervals). */
  bootstrap?: number;
  seed?: number;
  /** Interval level (default 0.95). */
  confidence?: number;
  /** Slice keys to break the comparison down by (needs `comparisons`). */
  by?: readonly SliceKey[];
  /** Slices with fewer paired records are flagged, not tested (default 30). */
  minSlice?: number;
}

export interface GainTest {
  /** Paired records compared. */
  n: number;
  accuracyA: number;
  accuracyB: number;
  /** accuracyB - accuracyA. */
  accuracyDifference: number;
  macroF1A: number;
  macroF1B: number;
  macroF1Difference: number;
  /** b: A right and B wrong; c: A wrong and B right. */
  mcnemar: McNemarResult;
  /** Paired-bootstrap percentile intervals of the two differences; null when not bootstrapped. */
  intervals: { accuracy: Interval; macroF1: Interval } | null;
}

export interface SliceGain {
  key: SliceKey;
  slice: string;
  n: number;
  /** False when the slice has fewer than `minSlice` paired records. */
  tested: boolean;
  /** The comparison; for an untested slice descriptive only: no interval, and its p-values are NaN. */
  test: GainTest;
  /** Holm-adjusted exact McNemar p across the tested slices of this key; null when untested. */
  pHolm: number | null;
}

export interface GainJoin {
  /** Paired records: both sets have a parsed verdict and a human voted. */
  paired: number;
  /** Ids with a verdict in one set only. */
  onlyInA: number;
  onlyInB: number;
  /** Ids in both sets and voted on, left out because that set's verdict is an error. */
  errorsA: number;
  errorsB: number;
  /** Ids in both sets with no human vote. */
  withoutVote: number;
  /** Paired records missing from the comparisons used for slices (not in any slice). */
  withoutSlice: number;
}

export interface GainReport {
  space: LabelSpace;
  bootstrap: number;
  seed: number;
  confidence: number;
  minSlice: number;
  join: GainJoin;
  overall: GainTest;
  slices: SliceGain[];
}

interface Paired {
  ids: string[];
  human: string[];
  a: string[];
  b: string[];
}

function pairSets(human: ReadonlyMap<string, Outcome>, a: readonly IdLabel[], b: readonly IdLabel[], space: LabelSpace) {
  const la = latestVerdicts(a);
  const lb = latestVerdicts(b);
  const join: GainJoin = { paired: 0, onlyInA: 0, onlyInB: 0, errorsA: 0, errorsB: 0, withoutVote: 0, withoutSlice: 0 };
  const paired: Paired = { ids: [], human: [], a: [], b: [] };
  for (const id of lb.keys()) if (!la.has(id)) join.onlyInB++;
  for (const [id, va] of la) {
    const vb = lb.get(id);
    if (vb === undefined) {
      join.onlyInA++;
      continue;
    }
    const vote = human.get(id);
    if (vote === undefined) {
      join.withoutVote++;
      continue;
    }
    if (va === 'error' || vb === 'error') {
      if (va === 'error') join.errorsA++;
      if (vb === 'error') join.errorsB++;
      continue;
    }
    paired.ids.push(id);
    paired.human.push(labelIn(space, vote));
    paired.a.push(labelIn(space, va));
    paired.b.push(labelIn(space, vb));
  }
  join.paired = paired.ids.length;
  return { join, paired };
}

function testPaired(p: Paired, space: LabelSpace, rounds: number, seed: number, confidence: number): GainTest {
  const labels = labelsOf(space);
  const macroF1 = (t: string[], y: string[]) => (t.length === 0 ? NaN : averagedScores(t, y, 'macro', { labels, zeroDivision: 0 }).f1);
  const accuracyA = accuracy(p.human, p.a);
  const accuracyB = accuracy(p.human, p.b);
  const macroF1A = macroF1(p.human, p.a);
  const macroF1B = macroF1(p.human, p.b);
  const intervals =
    rounds > 0 && p.ids.length > 0
      ? pairedBootstrapDifferences(p.human, p.a, p.b, { accuracy, macroF1 }, { rounds, seed, confidence })
      : null;
  return {
    n: p.ids.length,
    accuracyA,
    accuracyB,
    accuracyDifference: accuracyB - accuracyA,
    macroF1A,
    macroF1B,
    macroF1Difference: macroF1B - macroF1A,
    mcnemar: mcnemar(p.a.map((x, i) => x === p.human[i]), p.b.map((x, i) => x === p.human[i])),
    intervals,
  };
}

/**
 * Compares verdict set B with verdict set A on the records both judged,
 * against the human votes. `comparisons` (the dataset's records) are needed
 * only for `by` slices.
 */
export function gainSignificance(
  human: ReadonlyMap<string, Outcome>,
  a: readonly IdLabel[],
  b: readonly IdLabel[],
  options: GainOptions = {},
  comparisons: readonly Comparison[] = [],
): GainReport {
  const space = options.space ?? 'three-class';
  const rounds = options.bootstrap ?? 1000;
  const seed = options.seed ?? 0;
  const confidence = options.confidence ?? 0.95;
  const minSlice = options.minSlice ?? 30;
  const by = options.by ?? [];
  if (!(confidence > 0 && confidence < 1)) throw new ConfigError(`confidence must be between 0 and 1; got ${confidence}`);
  if (by.length > 0 && comparisons.length === 0) throw new ConfigError('slices need the dataset\'s comparisons; none were given');
  const { join, paired } = pairSets(human, a, b, space);
  const overall = testPaired(paired, space, rounds, seed, confidence);
  const slices: SliceGain[] = [];
  if (by.length > 0) {
    const index = new Map(paired.ids.map((id, i) => [id, i] as const));
    const joined = comparisons.filter((c) => index.has(c.id));
    join.withoutSlice = paired.ids.length - new Set(joined.map((c) => c.id)).size;
    for (const key of by) {
      const rows: SliceGain[] = [];
      for (const [slice, group] of sliceBy(joined, key)) {
        const rowsOf = group.map((c) => index.get(c.id)!);
        const sub: Paired = {
          ids: rowsOf.map((i) => paired.ids[i]!),
          human: rowsOf.map((i) => paired.human[i]!),
          a: rowsOf.map((i) => paired.a[i]!),
          b: rowsOf.map((i) => paired.b[i]!),
        };
        const tested = sub.ids.length >= minSlice;
        // Seeded per slice, so adding or dropping one slice leaves the others' intervals unchanged.
        const test = testPaired(sub, space, tested ? rounds : 0, seedFromString(`${key}=${slice}`, seed), confidence);
        if (!tested) Object.assign(test.mcnemar, { pExact: NaN, pChi2: NaN, pChi2Corrected: NaN });
        rows.push({ key, slice, n: sub.ids.length, tested, test, pHolm: null });
      }
      const testedRows = rows.filter((r) => r.tested);
      holmAdjust(testedRows.map((r) => r.test.mcnemar.pExact)).forEach((p, i) => (testedRows[i]!.pHolm = p));
      slices.push(...rows);
    }
  }
  return { space, bootstrap: rounds, seed, confidence, minSlice, join, overall, slices };
}

export interface VerdictSetSelection {
  judge?: string;
  mode?: string;
  /** One order only; by default a set judged in both orders is combined (`combineOrders`). */
  order?: Order;
}

export interface VerdictSet {
  judge: string;
  mode: JudgeMode;
  order: Order | 'both';
  verdicts: IdLabel[];
}

/**
 * One judge and mode out of a results file's verdicts, as a set to compare:
 * both orders combined when present (or the order asked for). More than one
 * judge or mode left after the selection is a ConfigError naming them.
 */
export function selectVerdictSet(records: readonly VerdictRecord[], selection: VerdictSetSelection, what = 'the verdict set'): VerdictSet {
  let selected = selectVerdicts(records, { judge: selection.judge, mode: selection.mode });
  const runs = [...new Set(selected.map((v) => `${v.judge} (${v.mode})`))].sort();
  if (runs.length > 1) {
    throw new ConfigError(`${what} holds ${runs.length} judge/mode runs (${runs.join(', ')}); pick one with its judge and mode options`);
  }
  if (selection.order !== undefined) {
    selected = selected.filter((v) => v.order === selection.order);
    if (selected.length === 0) throw new ConfigError(`${what} has no verdicts in order ${selection.order}`);
  }
  const { judge, mode } = selected[0]!;
  const orders = new Set(selected.map((v) => v.order));
  if (orders.size === 1) {
    return { judge, mode, order: selected[0]!.order, verdicts: selected.map((v) => ({ id: v.id, verdict: v.verdict })) };
  }
  return { judge, mode, order: 'both', verdicts: combineOrders(selected).map((v) => ({ id: v.id, verdict: v.verdict })) };
}
