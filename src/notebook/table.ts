/**
 * Rows -> an HTML table for notebooks: escaped, numbers right-aligned and
 * rounded, long text cut, long tables cut with a note saying so. Pure (no
 * kernel needed), so it is tested directly; `showTable` displays it.
 */
import { InputError } from '../errors.js';

/**
 * Plain row objects (any object type: interfaces have no index signature),
 * an Apache Arrow table, an arquero table (`toDataFrame`), or anything with
 * `columns` and `values` (a pandas-like frame).
 */
export type TableInput = readonly object[] | ArrowLikeTable | FrameLike | ArqueroLikeTable;

export interface ArrowLikeTable {
  numRows: number;
  schema: { fields: readonly { name: string }[] };
  getChild(name: string): { get(index: number): unknown } | null;
}

/** What `showTable` needs of an arquero table. */
export interface ArqueroLikeTable {
  columnNames(): string[];
  objects(): object[];
}

export interface FrameLike {
  columns: readonly string[];
  values: readonly (readonly unknown[])[] | readonly unknown[];
}

export interface TableOptions {
  /** Rows shown at most (default 50); the rest is counted in a note. */
  maxRows?: number;
  /** Decimals of non-integer numbers (default 3). */
  digits?: number;
  /** Characters of text shown at most per cell (default 160). */
  maxChars?: number;
  caption?: string;
  /** Columns to show, in order (default: all, in order of first appearance). */
  columns?: readonly string[];
}

function isArrowLike(input: TableInput): input is ArrowLikeTable {
  const t = input as Partial<ArrowLikeTable>;
  return typeof t.getChild === 'function' && typeof t.numRows === 'number' && Array.isArray(t.schema?.fields);
}

function isArqueroLike(input: TableInput): input is ArqueroLikeTable {
  const t = input as Partial<ArqueroLikeTable>;
  return typeof t.columnNames === 'function' && typeof t.objects === 'function';
}

function isFrameLike(input: TableInput): input is FrameLike {
  const f = input as Partial<FrameLike>;
  return !Array.isArray(input) && Array.isArray(f.columns) && Array.isArray(f.values);
}

/** Any supported input -> column names and row objects. */
export function tableRows(input: TableInput): { columns: string[]; rows: Record<string, unknown>[] } {
  if (isArrowLike(input)) {
    const columns = input.schema.fields.map((f) => f.name);
    const vectors = columns.map((c) => input.getChild(c)!);
    const rows = Array.from({ length: input.numRows }, (_, i) => Object.fromEntries(columns.map((c, k) => [c, vectors[k]!.get(i)])));
    return { columns, rows };
  }
  if (isArqueroLike(input)) {
    const columns = input.columnNames();
    return { columns, rows: input.objects() as Record<string, unknown>[] };
  }
  if (isFrameLike(input)) {
    const columns = [...input.columns];
    // A one-column frame's `values` is a flat array.
    const values = input.values.map((v) => (columns.length === 1 && !Array.isArray(v) ? [v] : (v as readonly unknown[])));
    return { columns, rows: values.map((v) => Object.fromEntries(columns.map((c, k) => [c, v[k]]))) };
  }
  if (!Array.isArray(input)) throw new InputError('tableRows: expected row objects, an Arrow table or a DataFrame');
  const rows = input as readonly Readonly<Record<string, unknown>>[];
  const columns: string[] = [];
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    if (row === null || typeof row !== 'object') throw new InputError('tableRows: a row is not an object', { row: i });
    for (const key of Object.keys(row)) {
      if (!seen.has(key)) {
        seen.add(key);
        columns.push(key);
      }
    }
  });
  return { columns, rows: rows.map((r) => ({ ...r })) };
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** A cell's text: '' for null/undefined, rounded numbers, JSON for objects, cut to `maxChars`. */
export function formatCell(value: unknown, digits: number, maxChars: number): string {
  let text: string;
  if (value === null || value === undefined) text = '';
  else if (typeof value === 'number') text = Number.isInteger(value) || !Number.isFinite(value) ? String(value) : value.toFixed(digits);
  else if (typeof value === 'bigint') text = value.toString();
  else if (typeof value === 'string') text = value;
  else if (typeof value === 'boolean') text = String(value);
  else if (value instanceof Date) text = value.toISOString();
  else text = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) ?? String(value);
  return text.length > maxChars ? `${text.slice(0, maxChars)}…` : text;
}

export function tableHtml(input: TableInput, options: TableOptions = {}): string {
  const { columns: all, rows } = tableRows(input);
  const columns = options.columns ? [...options.columns] : all;
  for (const c of columns) {
    if (!all.includes(c)) throw new InputError(`tableHtml: no column "${c}" (columns: ${all.join(', ')})`, { field: c });
  }
  const maxRows = options.maxRows ?? 50;
  const digits = options.digits ?? 3;
  const maxChars = options.maxChars ?? 160;
  const shown = rows.slice(0, maxRows);
  const numeric = new Set(columns.filter((c) => shown.some((r) => typeof r[c] === 'number') && shown.every((r) => r[c] == null || typeof r[c] === 'number')));
  const cell = (tag: 'td' | 'th', c: string, text: string) =>
    `<${tag}${numeric.has(c) ? ' style="text-align:right"' : ' style="text-align:left"'}>${escapeHtml(text)}</${tag}>`;
  const parts = ['<table>'];
  if (options.caption) parts.push(`<caption>${escapeHtml(options.caption)}</caption>`);
  parts.push(`<thead><tr>${columns.map((c) => cell('th', c, c)).join('')}</tr></thead>`, '<tbody>');
  for (const row of shown) parts.push(`<tr>${columns.map((c) => cell('td', c, formatCell(row[c], digits, maxChars))).join('')}</tr>`);
  parts.push('</tbody></table>');
  if (rows.length > shown.length) parts.push(`<p><em>showing ${shown.length} of ${rows.length} rows</em></p>`);
  return parts.join('');
}
