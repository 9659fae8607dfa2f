/**
 * Where the CLI writes. Commands never touch process.stdout directly, so tests
 * can run them in-process and read what they printed.
 */
import { redactSecrets } from '../errors.js';

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** True when stderr is a terminal (progress bars only then). */
  interactive: boolean;
}

export const processIO: CliIO = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  interactive: Boolean(process.stderr.isTTY),
};

/** The same IO with credentials (URL user:token, secret env values) taken out of everything written. */
export function redactingIO(io: CliIO): CliIO {
  return { out: (t) => io.out(redactSecrets(t)), err: (t) => io.err(redactSecrets(t)), interactive: io.interactive };
}

export function printJson(io: CliIO, value: unknown): void {
  io.out(JSON.stringify(value, null, 2));
}

/** A plain aligned text table; numbers right-aligned, with one precision per column. */
export function formatTable(rows: readonly Record<string, unknown>[], columns?: readonly string[]): string {
  const cols = columns ?? Object.keys(rows[0] ?? {});
  const decimals = cols.map((c) => columnDecimals(rows.map((r) => r[c])));
  const cell = (v: unknown, i: number): string =>
    v === null || v === undefined ? '' : typeof v === 'number' ? formatNumber(v, decimals[i]!) : String(v);
  const body = rows.map((r) => cols.map((c, i) => cell(r[c], i)));
  const widths = cols.map((c, i) => Math.max(c.length, ...body.map((r) => r[i]!.length)));
  const numeric = cols.map((c) => rows.some((r) => typeof r[c] === 'number'));
  const line = (cells: string[]) =>
    cells.map((s, i) => (numeric[i] ? s.padStart(widths[i]!) : s.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(cols.slice()), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

/** Integers as is; ratings-sized numbers with 1 decimal; small ones (rates, metrics) with 4. */
function columnDecimals(values: readonly unknown[]): number {
  const nums = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (nums.every(Number.isInteger)) return 0;
  return Math.max(...nums.map(Math.abs)) >= 100 ? 1 : 4;
}

function formatNumber(v: number, decimals: number): string {
  if (!Number.isFinite(v)) return String(v);
  return Number.isInteger(v) && decimals === 0 ? String(v) : v.toFixed(decimals);
}
