/**
 * The two label spaces of the BigCodeReward study: the four human vote
 * classes, and the merged three-class space where "tie" and "both bad" become
 * one "uncertain" class (as in the published analysis scripts).
 */
import { OUTCOMES, type Outcome } from './comparison.js';

export const FOUR_CLASS_LABELS: readonly Outcome[] = OUTCOMES;

export const THREE_CLASS_LABELS = ['A', 'B', 'uncertain'] as const;
export type ThreeClassLabel = (typeof THREE_CLASS_LABELS)[number];

/** The decisive outcomes: a human or judge picked a side. */
export const DECISIVE_LABELS = ['A', 'B'] as const satisfies readonly Outcome[];

export type LabelSpace = 'four-class' | 'three-class';
export const LABEL_SPACES: readonly LabelSpace[] = ['four-class', 'three-class'];

/** Maps tie and both_bad to "uncertain"; A and B stay. */
export function toThreeClass(outcome: Outcome): ThreeClassLabel {
  return outcome === 'A' || outcome === 'B' ? outcome : 'uncertain';
}

/** True when the vote picks a side (A or B), false for tie and both_bad. */
export function isDecisive(outcome: Outcome): boolean {
  return outcome === 'A' || outcome === 'B';
}

/** The label of `outcome` in the given space. */
export function labelIn(space: LabelSpace, outcome: Outcome): string {
  return space === 'four-class' ? outcome : toThreeClass(outcome);
}

/** The full, fixed label list of a space (the default label set of the report). */
export function labelsOf(space: LabelSpace): readonly string[] {
  return space === 'four-class' ? FOUR_CLASS_LABELS : THREE_CLASS_LABELS;
}
