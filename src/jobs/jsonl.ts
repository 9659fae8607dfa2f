/**
 * The one JSONL reader and appender. Every line-per-record file of the project
 * (results ledgers, caches, batch output, toy jobs in tests) is read here, so
 * the rules are the same everywhere: a blank line is skipped, a last line
 * without its newline is a cut-off write (never parsed), and a bad complete
 * line is an `InputError` naming the file and the row (0-based line index).
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, truncateSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { z } from 'zod';
import { InputError } from '../errors.js';

/** Turns one parsed JSON value into a typed line, or throws an `InputError` for `row`. */
export type LineParser<T> = (value: unknown, row: number) => T;

export interface JsonlText<T> {
  values: T[];
  /** Bytes up to and including the last newline. */
  completeBytes: number;
  /** Bad complete lines, when the reader was asked to skip them instead of throwing. */
  invalid: InputError[];
}

export interface JsonlReadOptions {
  /** Collect bad lines in `invalid` instead of throwing at the first one (caches: a bad line is a miss). */
  skipInvalid?: boolean;
}

/** A zod schema as a line parser; the first issue names its field. */
export function schemaLines<T>(schema: z.ZodType<T>, file: string): LineParser<T> {
  return (value, row) => {
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0]!;
    const field = issue.path.length ? issue.path.join('.') : undefined;
    throw new InputError(issue.message, { file, row, ...(field !== undefined ? { field } : {}) });
  };
}

export function parseJsonlText<T>(text: string, file: string, parse: LineParser<T>, opts: JsonlReadOptions = {}): JsonlText<T> {
  const end = text.lastIndexOf('\n') + 1;
  const values: T[] = [];
  const invalid: InputError[] = [];
  let start = 0;
  for (let row = 0; start < end; row++) {
    const nl = text.indexOf('\n', start);
    const line = text.slice(start, nl);
    start = nl + 1;
    if (line.trim() === '') continue;
    try {
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (err) {
        throw new InputError(`not valid JSON (${(err as Error).message})`, { file, row }, { cause: err });
      }
      values.push(parse(value, row));
    } catch (err) {
      if (!opts.skipInvalid || !(err instanceof InputError)) throw err;
      invalid.push(err);
    }
  }
  return { values, completeBytes: Buffer.byteLength(text.slice(0, end)), invalid };
}

export interface JsonlFile<T> extends JsonlText<T> {
  /** Bytes of a cut-off last line (0 when the file ends cleanly). */
  droppedBytes: number;
}

/**
 * Reads a JSONL file (missing = empty). With `repair`, a cut-off last line (a
 * process killed mid-write) is truncated away so that appends start on a clean line.
 */
export function readJsonlFile<T>(
  file: string,
  parse: LineParser<T>,
  opts: JsonlReadOptions & { repair?: boolean } = {},
): JsonlFile<T> {
  if (!existsSync(file)) return { values: [], completeBytes: 0, invalid: [], droppedBytes: 0 };
  const buf = readFileSync(file);
  const read = parseJsonlText(buf.toString('utf8'), file, parse, opts);
  const droppedBytes = buf.length - read.completeBytes;
  if (droppedBytes > 0 && opts.repair) truncateSync(file, read.completeBytes);
  return { ...read, droppedBytes };
}

/** Appends one JSON value per line with one synchronous write each; `close()` fsyncs. */
export class JsonlAppender {
  private fd: number | null;
  linesWritten = 0;

  constructor(readonly file: string) {
    mkdirSync(dirname(file), { recursive: true });
    this.fd = openSync(file, 'a');
  }

  append(value: unknown): void {
    if (this.fd === null) throw new Error(`${this.file} is closed`);
    // A synchronous write reaches the OS before the next line is taken, so kill -9 loses nothing written.
    writeSync(this.fd, `${JSON.stringify(value)}\n`);
    this.linesWritten++;
  }

  close(): void {
    if (this.fd === null) return;
    fsyncSync(this.fd);
    closeSync(this.fd);
    this.fd = null;
  }
}
