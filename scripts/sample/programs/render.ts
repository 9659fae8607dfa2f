/** Turns a task's variant or failure into the program text of one record (its accent colour filled in). */
import { ACCENT, type FailureVariant, type ProgramTask } from './types.js';

const withAccent = (code: string, accent: string): string => code.split(ACCENT).join(accent);

/** Source of a correct variant, with the accent colour filled in. */
export function variantCode(task: ProgramTask, variant: number, accent: string): string {
  const v = task.variants[variant];
  if (!v) throw new Error(`sample task ${task.id}: no variant ${variant}`);
  return withAccent(v.code, accent);
}

/** Source of a failure, with the accent colour filled in. */
export function failureCode(failure: FailureVariant, accent: string): string {
  return withAccent(failure.code, accent);
}
