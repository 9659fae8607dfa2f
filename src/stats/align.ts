/**
 * Matches judge verdicts to human votes by record id. Judge errors are
 * counted, never turned into a class; ids on one side only are counted as
 * unmatched.
 */
import type { Outcome } from '../data/comparison.js';
import { isVerdictLabel, VERDICT_LABELS, type VerdictLabel } from '../data/verdict.js';
import { InputError } from '../errors.js';

export interface AlignedPair {
  id: string;
  human: Outcome;
  judge: Outcome;
}

export interface Alignment {
  /** Records with a human vote and a parsed verdict, in verdict order. */
  pairs: AlignedPair[];
  /** Records with a human vote whose verdict is `error` (left out of the metrics). */
  errors: number;
  /** Verdicts (including errors) whose id has no human vote. */
  unmatchedVerdicts: number;
  /** Human votes with no verdict at all in this set of verdicts. */
  unjudged: number;
  /** Verdicts repeating an id already seen; the LAST one is kept (the results-file rule: a rerun replaces a line). */
  duplicates: number;
}

/** One record's label from a rater under test: its id and verdict. */
export interface IdLabel {
  id: string;
  verdict: VerdictLabel;
}

/** Throws InputError unless `verdict` is an Outcome or 'error'. */
export function checkVerdictLabel(verdict: unknown, id: string): asserts verdict is VerdictLabel {
  if (!isVerdictLabel(verdict)) {
    throw new InputError(`verdict of record "${id}" is ${JSON.stringify(verdict)}; expected one of ${VERDICT_LABELS.join(', ')}`, {
      field: 'verdict',
    });
  }
}

/**
 * Aligns one set of verdicts (typically one judge x mode x order) with the
 * human votes. Each id is used once: when it repeats, the last verdict wins
 * (as when reading results files) and the repeat is counted as a duplicate.
 */
export function alignVerdicts(
  human: ReadonlyMap<string, Outcome>,
  verdicts: readonly IdLabel[],
): Alignment {
  const latest = latestVerdicts(verdicts);
  const pairs: AlignedPair[] = [];
  let errors = 0;
  let unmatchedVerdicts = 0;
  for (const [id, verdict] of latest) {
    const vote = human.get(id);
    if (vote === undefined) unmatchedVerdicts++;
    else if (verdict === 'error') errors++;
    else pairs.push({ id, human: vote, judge: verdict });
  }
  let unjudged = 0;
  for (const id of human.keys()) if (!latest.has(id)) unjudged++;
  return { pairs, errors, unmatchedVerdicts, unjudged, duplicates: verdicts.length - latest.size };
}

/** The last verdict per id (checked), in first-seen id order. */
export function latestVerdicts(verdicts: readonly IdLabel[]): Map<string, VerdictLabel> {
  const latest = new Map<string, VerdictLabel>();
  for (const { id, verdict } of verdicts) {
    checkVerdictLabel(verdict, id);
    latest.set(id, verdict);
  }
  return latest;
}
