/**
 * DataFrames for notebooks, on arquero: rows or an Arrow table (e.g.
 * `comparisonsToArrow(...)`) -> an arquero table to explore with its verbs
 * (`groupby`, `rollup`, `filter`, `orderby`...), plus the three things
 * pandas users reach for first: `describe`, a `groupby` count, and CSV
 * export that pandas reads back.
 *
 * Why arquero and not danfo.js: danfo's CSV export writes fields with
 * commas, quotes and newlines unquoted (pandas then misreads the file), its
 * `describe()` took the tslab kernel down, and it loads TensorFlow.js on
 * import. arquero quotes CSV fields as RFC 4180 says and is pure JS.
 * The core library never imports this module (it is the `notebook` entry).
 */
import { writeFileSync } from 'node:fs';
import { from, op, toCSV, type ColumnTable } from 'arquero';
import { InputError } from '../errors.js';
import { tableRows, type TableInput } from './table.js';

export type { ColumnTable as DataFrame } from 'arquero';

/**
 * Column-wise, so every column keeps one type; undefined becomes null,
 * bigints become numbers (Arrow's INT64), objects become JSON text. An
 * empty input is an error: a frame without columns helps no one.
 */
export function toDataFrame(input: TableInput): ColumnTable {
  const { columns, rows } = tableRows(input);
  if (rows.length === 0 || columns.length === 0) throw new InputError('toDataFrame: no rows');
  return from(rows.map((r) => Object.fromEntries(columns.map((c) => [c, normaliseCell(r[c])]))), columns);
}

function normaliseCell(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  return JSON.stringify(value);
}

/** A frame back to row objects (e.g. a groupby result for a chart or `showTable`). */
export function frameRows(frame: ColumnTable): Record<string, unknown>[] {
  return frame.objects() as Record<string, unknown>[];
}

/** The statistics of `describe`, in pandas' order and with pandas' names. */
export const DESCRIBE_STATISTICS = ['count', 'mean', 'std', 'min', '25%', '50%', '75%', 'max'] as const;

/**
 * pandas' `DataFrame.describe()` for the numeric columns (booleans excluded,
 * as pandas does): non-null count, mean, sample standard deviation (n - 1),
 * min, the quartiles with linear interpolation, max; nulls and NaN ignored.
 * One row per statistic, named in the `statistic` column.
 */
export function describe(frame: ColumnTable, columns: readonly string[] = numericColumns(frame)): ColumnTable {
  for (const c of columns) {
    if (!frame.columnNames().includes(c)) throw new InputError(`describe: no column "${c}" (columns: ${frame.columnNames().join(', ')})`, { field: c });
  }
  if (columns.length === 0) throw new InputError('describe: the frame has no numeric column');
  const stats: Record<string, unknown[]> = { statistic: [...DESCRIBE_STATISTICS] };
  for (const c of columns) {
    const values = (frame.array(c) as unknown[]).filter((v): v is number => typeof v === 'number' && !Number.isNaN(v));
    stats[c] = describeValues(values);
  }
  return from(DESCRIBE_STATISTICS.map((_, i) => Object.fromEntries(Object.entries(stats).map(([k, v]) => [k, v[i]]))));
}

function describeValues(values: readonly number[]): number[] {
  const n = values.length;
  if (n === 0) return [0, NaN, NaN, NaN, NaN, NaN, NaN, NaN];
  const sorted = [...values].sort((a, b) => a - b);
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const std = n < 2 ? NaN : Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
  const q = (p: number) => {
    const i = (n - 1) * p;
    const lo = Math.floor(i);
    return lo + 1 < n ? sorted[lo]! + (sorted[lo + 1]! - sorted[lo]!) * (i - lo) : sorted[lo]!;
  };
  return [n, mean, std, sorted[0]!, q(0.25), q(0.5), q(0.75), sorted[n - 1]!];
}

/** Columns whose non-null values are all numbers (and at least one is). */
export function numericColumns(frame: ColumnTable): string[] {
  return frame.columnNames().filter((c) => {
    const values = (frame.array(c) as unknown[]).filter((v) => v !== null && v !== undefined);
    return values.length > 0 && values.every((v) => typeof v === 'number');
  });
}

/**
 * pandas' `df.groupby(keys).size()` as a frame: one row per combination of
 * the keys present, with its row count in `count`, sorted by the keys.
 */
export function groupCount(frame: ColumnTable, keys: readonly string[]): ColumnTable {
  for (const k of keys) {
    if (!frame.columnNames().includes(k)) throw new InputError(`groupCount: no column "${k}" (columns: ${frame.columnNames().join(', ')})`, { field: k });
  }
  return frame.groupby(...keys).rollup({ count: op.count() }).orderby(...keys);
}

/** RFC 4180 CSV (fields with commas, quotes or line breaks quoted; null as an empty field), header first. */
export function frameCsv(frame: ColumnTable): string {
  return toCSV(frame);
}

/** Writes `frameCsv(frame)` to `file` (UTF-8). */
export function writeFrameCsv(frame: ColumnTable, file: string): void {
  writeFileSync(file, frameCsv(frame));
}
