/**
 * What the learned judge predicts. Two schemes:
 * - 3 classes (default): A, B, uncertain — tie and both_bad merged, as the
 *   published analysis merges them and as LLM judges answer (A / B / Tie);
 *   "uncertain" is reported as the verdict `tie`.
 * - 4 classes: A, B, tie, both_bad — the human vote classes.
 * The first two classes are always A and B (the antisymmetric pair); the rest
 * are symmetric in the two sides.
 */
import type { Outcome } from '../../data/comparison.js';
import { FOUR_CLASS_LABELS, THREE_CLASS_LABELS, labelIn, type LabelSpace } from '../../data/label-spaces.js';
import type { VerdictLabel } from '../types.js';

export type ClassScheme = 3 | 4;

export function labelSpaceOf(scheme: ClassScheme): LabelSpace {
  return scheme === 4 ? 'four-class' : 'three-class';
}

/** Class labels in model output order. */
export function classLabels(scheme: ClassScheme): readonly string[] {
  return scheme === 4 ? FOUR_CLASS_LABELS : THREE_CLASS_LABELS;
}

/** The class index of a human vote. */
export function classIndex(outcome: Outcome, scheme: ClassScheme): number {
  return classLabels(scheme).indexOf(labelIn(labelSpaceOf(scheme), outcome));
}

/** The verdict a class index stands for (the merged "uncertain" is reported as a tie). */
export function verdictOf(index: number, scheme: ClassScheme): VerdictLabel {
  const label = classLabels(scheme)[index];
  if (label === undefined) throw new RangeError(`class index ${index} out of range for ${scheme} classes`);
  return label === 'uncertain' ? 'tie' : (label as Outcome);
}

export function isClassScheme(value: unknown): value is ClassScheme {
  return value === 3 || value === 4;
}
