/**
 * Where the CLI writes. Commands never touch process.stdout directly, so tests
 * can run them in-process and read what they printed.
 */
import { redactSecrets, toOutputError } from '../errors.js';

/**
 * The exit codes of every `bcr` command (listed in the README and in
 * `bcr judge --help`). 1 is reserved for "finished, but some results are
 * errors", so an unexpected failure (a bug, printed with its stack) gets 70,
 * sysexits' EX_SOFTWARE.
 */
export const EXIT_CODES = {
  ok: 0,
  /** The run finished, but some tasks end with an error line (this run's or earlier ones). */
  errors: 1,
  /** Bad options or input (ConfigError, InputError). */
  input: 2,
  /** A remote service failed, or the run stopped early on its word (circuit breaker, a wait past the budget). */
  remote: 3,
  /** A result could not be written: a file or folder in the way, a full or read-only disk. */
  output: 4,
  unexpected: 70,
  /** Ctrl-C: answers in flight were written, pending tasks were not. */
  interrupted: 130,
} as const;

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** True when stderr is a terminal (progress bars only then). */
  interactive: boolean;
}

export const processIO: CliIO = {
  out: (text) => guarded(process.stdout, 'standard output').write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => guarded(process.stderr, 'standard error').write(text.endsWith('\n') ? text : `${text}\n`),
  interactive: Boolean(process.stderr.isTTY),
};

const guardedStreams = new WeakSet<NodeJS.WriteStream>();

/**
 * The stream, with a handler for write failures: stdout redirected to a full
 * disk (ENOSPC) fails after the command returned, as an 'error' event that
 * would otherwise crash with a stack trace. A reader that went away (EPIPE,
 * as `| head` does) is no error of ours and ends quietly.
 */
function guarded(stream: NodeJS.WriteStream, name: string): NodeJS.WriteStream {
  if (guardedStreams.has(stream)) return stream;
  guardedStreams.add(stream);
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') return;
    const output = toOutputError(err, name);
    process.exitCode = output ? EXIT_CODES.output : EXIT_CODES.unexpected;
    if (stream !== process.stderr) {
      try {
        process.stderr.write(`error: ${output?.message ?? err.message}\n`);
      } catch {
        // stderr is gone too: the exit code is all that is left to say it.
      }
    }
  });
  return stream;
}

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
