/**
 * Comparisons or battles -> an Apache Arrow table of flat columns, for
 * arquero / notebooks. Only small per-record facts go in: no answers,
 * no code, no screenshot bytes (those stay behind `Comparison`).
 */
import { Bool, Int32, Table, Utf8, vectorFromArray, type DataType, type Vector } from 'apache-arrow';
import type { Battle, Comparison } from './comparison.js';
import { pairSlice } from './slices.js';
import { executionOf, hasCode, hasOutput, hasScreenshot } from './execution.js';

/** Column name -> one value per comparison. Order here is column order in the table. */
const COMPARISON_COLUMNS = {
  id: { type: 'utf8', get: (c: Comparison) => c.id },
  model_a: { type: 'utf8', get: (c: Comparison) => c.a.model },
  model_b: { type: 'utf8', get: (c: Comparison) => c.b.model },
  vote: { type: 'utf8', get: (c: Comparison) => c.vote },
  topic: { type: 'utf8', get: (c: Comparison) => c.topic },
  /** Pair-level slices (see slices.ts: shared value, else 'mixed'). */
  language: { type: 'utf8', get: (c: Comparison) => pairSlice(c, 'language') },
  environment: { type: 'utf8', get: (c: Comparison) => pairSlice(c, 'environment') },
  language_a: { type: 'utf8', get: (c: Comparison) => c.a.language },
  language_b: { type: 'utf8', get: (c: Comparison) => c.b.language },
  environment_a: { type: 'utf8', get: (c: Comparison) => c.a.environment },
  environment_b: { type: 'utf8', get: (c: Comparison) => c.b.environment },
  success_a: { type: 'bool', get: (c: Comparison) => c.a.success },
  success_b: { type: 'bool', get: (c: Comparison) => c.b.success },
  has_code_a: { type: 'bool', get: (c: Comparison) => hasCode(c.a) },
  has_code_b: { type: 'bool', get: (c: Comparison) => hasCode(c.b) },
  has_output_a: { type: 'bool', get: (c: Comparison) => hasOutput(executionOf(c.a)) },
  has_output_b: { type: 'bool', get: (c: Comparison) => hasOutput(executionOf(c.b)) },
  has_screenshot_a: { type: 'bool', get: (c: Comparison) => hasScreenshot(executionOf(c.a)) },
  has_screenshot_b: { type: 'bool', get: (c: Comparison) => hasScreenshot(executionOf(c.b)) },
  rounds_a: { type: 'int32', get: (c: Comparison) => c.a.rounds.length },
  rounds_b: { type: 'int32', get: (c: Comparison) => c.b.rounds.length },
  turns_a: { type: 'int32', get: (c: Comparison) => c.a.turns },
  turns_b: { type: 'int32', get: (c: Comparison) => c.b.turns },
} as const satisfies Record<string, ColumnSpec<Comparison>>;

const BATTLE_COLUMNS = {
  left: { type: 'utf8', get: (b: Battle) => b.left },
  right: { type: 'utf8', get: (b: Battle) => b.right },
  outcome: { type: 'utf8', get: (b: Battle) => b.outcome },
  item: { type: 'utf8', get: (b: Battle) => b.item ?? null },
  rater: { type: 'utf8', get: (b: Battle) => b.rater ?? null },
} as const satisfies Record<string, ColumnSpec<Battle>>;

interface ColumnSpec<T> {
  type: 'utf8' | 'bool' | 'int32';
  get(item: T): string | boolean | number | null;
}

export type ComparisonColumn = keyof typeof COMPARISON_COLUMNS;
export const COMPARISON_TABLE_COLUMNS = Object.keys(COMPARISON_COLUMNS) as ComparisonColumn[];

function arrowType(type: ColumnSpec<unknown>['type']): DataType {
  // Explicit types: inference would make all-null columns Null and strings dictionaries.
  return type === 'utf8' ? new Utf8() : type === 'bool' ? new Bool() : new Int32();
}

function buildTable<T>(items: readonly T[], columns: Record<string, ColumnSpec<T>>): Table {
  const vectors: Record<string, Vector> = {};
  for (const [name, spec] of Object.entries(columns)) {
    vectors[name] = vectorFromArray(items.map((item) => spec.get(item)), arrowType(spec.type));
  }
  return new Table(vectors);
}

/** One row per comparison; columns `COMPARISON_TABLE_COLUMNS`. */
export function comparisonsToArrow(comparisons: readonly Comparison[]): Table {
  return buildTable(comparisons, COMPARISON_COLUMNS);
}

/** One row per battle: left, right, outcome, item, rater. */
export function battlesToArrow(battles: readonly Battle[]): Table {
  return buildTable(battles, BATTLE_COLUMNS);
}
