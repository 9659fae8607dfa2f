/**
 * The results file of a judge run: a ledger (src/jobs) of `VerdictRecord`
 * lines keyed by (id, judge, mode, order). Readers keep the LAST line per key:
 * a line appears twice only when a rerun with `retryErrors` replaced an error.
 *
 * The names here (`readResultsFile`, `parseResultsText`, `latestByKey`,
 * `parseVerdictLine`, `ResultsWriter`) are the stable face other rooms read
 * results files through.
 */
import type { z } from 'zod';
import { ConfigError, InputError } from '../../errors.js';
import {
  JsonlAppender, latestByKey as latestBy, Ledger, parseJsonlText, readLedger, schemaLines, type LedgerFormat,
} from '../../jobs/index.js';
import { verdictRecordSchema as lineSchema, type VerdictRecord } from '../../data/verdict.js';
import { resultKey } from './keys.js';

export interface ResultsFile {
  /** Every complete line, in file order. */
  lines: VerdictRecord[];
  /** The last line per `resultKey`. */
  latest: Map<string, VerdictRecord>;
  /** Bytes dropped from the end because the last line was cut off (0 when intact). */
  droppedBytes: number;
}

// The interface is the record's type; the schema checks the same fields (data/verdict.ts keeps them in step).
const verdictRecordSchema = lineSchema as unknown as z.ZodType<VerdictRecord>;

export const RESULTS_FORMAT: LedgerFormat<VerdictRecord> = { schema: verdictRecordSchema, key: resultKey };

/** Checks one results line; names the row and field when one is wrong. */
export function parseVerdictLine(text: string, file: string, row: number): VerdictRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new InputError(`not valid JSON (${(err as Error).message})`, { file, row }, { cause: err });
  }
  return schemaLines(verdictRecordSchema, file)(value, row);
}

/** Parses results text; a last line without its newline is reported as cut off, not parsed. */
export function parseResultsText(text: string, file: string): { lines: VerdictRecord[]; completeBytes: number } {
  const read = parseJsonlText(text, file, schemaLines(verdictRecordSchema, file));
  return { lines: read.values, completeBytes: read.completeBytes };
}

export function latestByKey(lines: Iterable<VerdictRecord>): Map<string, VerdictRecord> {
  return latestBy(lines, resultKey);
}

/**
 * Reads a results file (missing = empty). With `repair`, a cut-off last line
 * (a run killed mid-write) is dropped and the file truncated back to the last
 * complete line, so appends continue cleanly.
 */
export function readResultsFile(file: string, opts: { repair?: boolean } = {}): ResultsFile {
  return readLedger(file, RESULTS_FORMAT, opts);
}

/**
 * Opens a results file for writing: locked, repaired, its latest lines known.
 * Given the judge, refuses a file holding that judge's verdicts from another
 * endpoint: the same `openai:<model>` name served elsewhere is another judge,
 * and resuming would mix the two.
 */
export function openResultsLedger(file: string, judge?: { name: string; endpoint?: string }): Ledger<VerdictRecord> {
  const ledger = Ledger.open(file, RESULTS_FORMAT);
  if (judge) {
    const other = [...ledger.latest.values()].find((r) => r.judge === judge.name && (r.endpoint ?? null) !== (judge.endpoint ?? null));
    if (other) {
      ledger.close();
      const where = (e: string | undefined) => (e === undefined ? 'no endpoint' : `endpoint ${e}`);
      throw new ConfigError(`${file} holds verdicts of ${judge.name} from ${where(other.endpoint)}, and this run calls ${where(judge.endpoint)}: give this run its own results file (--out) so the two are not mixed`);
    }
  }
  return ledger;
}

/** Appends records to a results file without a lock (tests and tools that build files); `close()` fsyncs. */
export class ResultsWriter extends JsonlAppender {
  override append(record: VerdictRecord): void {
    super.append(record);
  }
}
