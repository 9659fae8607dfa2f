/**
 * A ledger: the resumable record of a long-running stage. One JSONL line per
 * finished task, validated by the caller's schema, appended as tasks finish.
 *
 * Rules every reader follows: the LAST line per key wins (a rerun that redoes
 * a task appends a line that supersedes the earlier one); a cut-off last line
 * is dropped. A writer holds `<file>.lock`, so two runs never append at once.
 */
import type { z } from 'zod';
import { JsonlAppender, readJsonlFile, schemaLines } from './jsonl.js';
import { lockFile, type FileLock } from './lock.js';

export interface LedgerFormat<T> {
  /** Validates each line; a bad line is an InputError naming file, row and field. */
  schema: z.ZodType<T>;
  /** The task a line answers. */
  key: (line: T) => string;
}

export interface LedgerContents<T> {
  /** Every complete line, in file order. */
  lines: T[];
  /** The last line per key. */
  latest: Map<string, T>;
  /** Bytes of a cut-off last line (dropped; 0 when intact). */
  droppedBytes: number;
}

/** The one "last line per key wins". */
export function latestByKey<T>(lines: Iterable<T>, key: (line: T) => string): Map<string, T> {
  const latest = new Map<string, T>();
  for (const line of lines) latest.set(key(line), line);
  return latest;
}

/** Reads a ledger without writing to it (missing = empty); `repair` truncates a cut-off last line. */
export function readLedger<T>(file: string, format: LedgerFormat<T>, opts: { repair?: boolean } = {}): LedgerContents<T> {
  const read = readJsonlFile(file, schemaLines(format.schema, file), opts);
  return { lines: read.values, latest: latestByKey(read.values, format.key), droppedBytes: read.droppedBytes };
}

/** A ledger open for writing: locked, repaired, its latest lines known, appends flushed line by line. */
export class Ledger<T> implements LedgerContents<T> {
  /** The lines found at open (appends update `latest`, not this). */
  readonly lines: T[];
  readonly latest: Map<string, T>;
  readonly droppedBytes: number;
  private readonly appender: JsonlAppender;
  private lock: FileLock | null;

  private constructor(readonly file: string, private readonly format: LedgerFormat<T>) {
    this.lock = lockFile(file);
    try {
      const read = readLedger(file, format, { repair: true });
      this.lines = read.lines;
      this.latest = read.latest;
      this.droppedBytes = read.droppedBytes;
      this.appender = new JsonlAppender(file);
    } catch (err) {
      this.lock.release();
      throw err;
    }
  }

  static open<T>(file: string, format: LedgerFormat<T>): Ledger<T> {
    return new Ledger(file, format);
  }

  /** Lines appended by this writer. */
  get appended(): number {
    return this.appender.linesWritten;
  }

  append(line: T): void {
    this.appender.append(line);
    this.latest.set(this.format.key(line), line);
  }

  /** Flushes to disk and releases the lock; safe to call twice. */
  close(): void {
    try {
      this.appender.close();
    } finally {
      this.lock?.release();
      this.lock = null;
    }
  }
}
