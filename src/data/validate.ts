/**
 * Checks that raw rows (from parquet or JSONL) have the hub schema before
 * anything downstream trusts them. The checks are compiled once from the row
 * description (`HUB_ROW` in `row.ts`). Every failure is an `InputError`
 * naming the file, the 0-based row and the field (with its nested path, e.g.
 * `states.model_A.sandbox_logs_by_round.6.sandbox_state.execution_success`).
 */
import { InputError } from '../errors.js';
import type { Column } from './column-schema.js';
import { HUB_ROW, ROW_COLUMNS, type BigCodeRewardRow, type RowColumn } from './row.js';

/** Raw rows as read (only the requested columns are present). */
export type RawRow = Record<string, unknown>;

/** A row restricted to some columns; the identity and vote columns are always there. */
export type PartialRow = Pick<BigCodeRewardRow, 'chat_session_id' | 'human_vote' | 'model_A' | 'model_B'> &
  Partial<BigCodeRewardRow>;

/** Columns every read includes, because a Comparison cannot exist without them. */
export const IDENTITY_COLUMNS = ['chat_session_id', 'human_vote', 'model_A', 'model_B'] as const satisfies readonly RowColumn[];

/** The requested columns (default: all) plus the identity columns, in file order. */
export function columnsWithIdentity(columns: readonly RowColumn[] | undefined): RowColumn[] {
  const wanted = new Set<RowColumn>(columns ?? ROW_COLUMNS);
  for (const c of IDENTITY_COLUMNS) wanted.add(c);
  return ROW_COLUMNS.filter((c) => wanted.has(c));
}

/** Where a value failed and why; the path grows as the failure climbs out of nested checks. */
interface Failure {
  path: string[];
  problem: string;
}

/** Returns null when the value fits. Allocates nothing on success: validation is on the hot path. */
type Check = (value: unknown) => Failure | null;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Uint8Array) return 'bytes';
  return typeof value;
}

const wrongType = (expected: string, value: unknown): Failure => ({ path: [], problem: `wrong type: expected ${expected}, got ${describe(value)}` });

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);

function within(key: string, failure: Failure | null): Failure | null {
  if (failure) failure.path.unshift(key);
  return failure;
}

/** The check of a column's values, null and absence handled by the caller's modifiers. */
function compileValue(column: Column): Check {
  switch (column.kind) {
    case 'string':
      return (v) => (typeof v === 'string' ? null : wrongType('a string', v));
    case 'int64':
      return (v) => (Number.isSafeInteger(v) ? null : wrongType('an integer', v));
    case 'float64':
      return (v) => (typeof v === 'number' && Number.isFinite(v) ? null : wrongType('a number', v));
    case 'bool':
      return (v) => (typeof v === 'boolean' ? null : wrongType('true or false', v));
    case 'binary':
      return (v) => (v instanceof Uint8Array ? null : wrongType('bytes', v));
    case 'enum': {
      const known = new Set<string>(column.values);
      return (v) => {
        if (typeof v !== 'string') return wrongType(`a ${column.noun} string`, v);
        if (known.has(v)) return null;
        return { path: [], problem: `unknown ${column.noun} "${v}" (expected one of ${column.values.join(', ')})` };
      };
    }
    case 'struct': {
      if (column.unchecked) return (v) => (isObject(v) ? null : wrongType('an object', v));
      const fields = Object.entries(column.fields).map(([name, field]) => [name, compile(field), field.optional === true] as const);
      return (v) => {
        if (!isObject(v)) return wrongType('an object', v);
        for (const [name, check, optional] of fields) {
          if (!optional && !(name in v)) return { path: [name], problem: 'missing field' };
          const failure = check(v[name]);
          if (failure) return within(name, failure);
        }
        return null;
      };
    }
    case 'list': {
      const element = compile(column.element);
      return (v) => {
        if (!Array.isArray(v)) return wrongType('a list', v);
        for (let i = 0; i < v.length; i++) {
          const failure = element(v[i]);
          if (failure) return within(String(i), failure);
        }
        return null;
      };
    }
    case 'pair': {
      const items = column.items.map(compile);
      return (v) => {
        if (!Array.isArray(v) || v.length !== 2) {
          return { path: [], problem: `wrong type: expected a pair, got ${Array.isArray(v) ? `a list of ${v.length}` : describe(v)}` };
        }
        for (let i = 0; i < 2; i++) {
          const failure = items[i]!(v[i]);
          if (failure) return within(String(i), failure);
        }
        return null;
      };
    }
    case 'rounds': {
      const round = compile(column.round);
      return (v) => {
        if (!isObject(v)) return wrongType('an object keyed by round', v);
        for (const key in v) {
          const failure = round(v[key]);
          if (failure) return within(key, failure);
        }
        return null;
      };
    }
  }
}

/** The check of a column with its modifiers: `nullable` allows null, `optional` allows absence. */
function compile(column: Column): Check {
  const value = compileValue(column);
  const { nullable, optional } = column;
  return (v) => {
    if (v === undefined && optional) return null;
    if (v === null && nullable) return null;
    return value(v);
  };
}

const COLUMN_CHECKS = Object.fromEntries(
  Object.entries(HUB_ROW.fields).map(([name, column]) => [name, compile(column)]),
) as Record<RowColumn, Check>;

/** Throws naming the first of `wanted` that the file does not have. Called before any row is read. */
export function requireColumns(available: readonly string[], wanted: readonly string[], file: string): void {
  const have = new Set(available);
  for (const column of wanted) {
    if (!have.has(column)) {
      throw new InputError(`missing column "${column}" (the file has: ${available.join(', ') || 'no columns'})`, { file, field: column });
    }
  }
}

export interface RowLocation {
  file: string;
  row: number;
}

/**
 * Checks the listed columns of one raw row and returns it typed. Absent keys
 * are errors (a JSONL line without `model_B` is as broken as a parquet file
 * without the column); nulls are allowed only where the hub allows them.
 */
export function validateRow(raw: RawRow, columns: readonly RowColumn[], loc: RowLocation): PartialRow {
  if (!isObject(raw)) {
    throw new InputError(`expected an object, got ${describe(raw)}`, loc);
  }
  for (const column of columns) {
    if (!(column in raw)) throw new InputError('missing field', { ...loc, field: column });
    const failure = COLUMN_CHECKS[column](raw[column]);
    if (failure) throw new InputError(failure.problem, { ...loc, field: [column, ...failure.path].join('.') });
  }
  return raw as unknown as PartialRow;
}
