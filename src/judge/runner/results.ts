/**
 * The results file of a judge run: a ledger (src/jobs) of `VerdictRecord`
 * lines keyed by (id, judge, mode, order). Readers keep the LAST line per key:
 * a line appears twice only when a rerun with `retryErrors` replaced an error.
 *
 * The names here (`readResultsFile`, `parseResultsText`, `latestByKey`,
 * `parseVerdictLine`, `ResultsWriter`) are the stable face other rooms read
 * results files through.
 */
import { z } from 'zod';
import { InputError } from '../../errors.js';
import {
  JsonlAppender, latestByKey as latestBy, Ledger, parseJsonlText, readLedger, schemaLines, type LedgerFormat,
} from '../../jobs/index.js';
import { JUDGE_MODES, type VerdictRecord } from '../types.js';
import { resultKey } from './keys.js';

export interface ResultsFile {
  /** Every complete line, in file order. */
  lines: VerdictRecord[];
  /** The last line per `resultKey`. */
  latest: Map<string, VerdictRecord>;
  /** Bytes dropped from the end because the last line was cut off (0 when intact). */
  droppedBytes: number;
}

const usageSchema = z.looseObject({
  promptTokens: z.number().optional(),
  completionTokens: z.number().optional(),
  cost: z.number().optional(),
});

/** One results line: the fields every reader relies on are checked; others are kept as they are. */
export const verdictRecordSchema = z.looseObject(
  {
    id: z.string({ error: 'must be a string' }),
    judge: z.string({ error: 'must be a string' }),
    mode: z.enum(JUDGE_MODES, { error: `must be one of ${JUDGE_MODES.join(', ')}` }),
    order: z.enum(['AB', 'BA'], { error: 'must be AB or BA' }),
    verdict: z.enum(['A', 'B', 'tie', 'both_bad', 'error'], { error: 'must be A, B, tie, both_bad or error' }),
    reasoning: z.string({ error: 'must be a string' }).optional(),
    raw: z.string({ error: 'must be a string' }).optional(),
    error: z.string({ error: 'must be a string' }).optional(),
    latencyMs: z.number({ error: 'must be a number' }).optional(),
    usage: usageSchema.optional(),
    cached: z.boolean({ error: 'must be true or false' }).optional(),
    attempts: z.number({ error: 'must be a number' }).optional(),
  },
  { error: 'a results line must be a JSON object' },
) as unknown as z.ZodType<VerdictRecord>;

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

/** Opens a results file for writing: locked, repaired, its latest lines known. */
export function openResultsLedger(file: string): Ledger<VerdictRecord> {
  return Ledger.open(file, RESULTS_FORMAT);
}

/** Appends records to a results file without a lock (tests and tools that build files); `close()` fsyncs. */
export class ResultsWriter extends JsonlAppender {
  override append(record: VerdictRecord): void {
    super.append(record);
  }
}
