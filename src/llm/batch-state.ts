/**
 * The batch state file, `<results>.batch.json`, written next to a ledger (the
 * judge's results, the arena's answers): which batches were submitted for it
 * and which are merged. A killed poller finds its batch ids here and resumes
 * polling instead of submitting (and paying for) the same requests again.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { InputError } from '../errors.js';

export interface BatchEntry {
  /** Uploaded input file; set before the batch is created. */
  inputFileId: string;
  /** Set as soon as the provider accepts the batch. */
  batchId?: string;
  /** Every custom_id in the input file, so a failed batch can account for each request. */
  customIds: string[];
  status?: string;
  /** True once its output and errors are in the results file. */
  merged: boolean;
}

export interface BatchState {
  version: 1;
  /** Who submitted (a judge or a generating model's name); the field keeps its first name so old files still read. */
  judge: string;
  batches: BatchEntry[];
}

export function batchStatePath(resultsFile: string): string {
  return `${resultsFile}.batch.json`;
}

export function readBatchState(resultsFile: string, judge: string): BatchState {
  // `judge` is the producer's name: a judge, or an arena model generating answers.
  const file = batchStatePath(resultsFile);
  if (!existsSync(file)) return { version: 1, judge, batches: [] };
  let state: BatchState;
  try {
    state = JSON.parse(readFileSync(file, 'utf8')) as BatchState;
  } catch (err) {
    throw new InputError(`batch state is not valid JSON; delete it only if its batches were never submitted`, { file }, { cause: err });
  }
  if (state.version !== 1 || !Array.isArray(state.batches)) throw new InputError('unknown batch state format', { file, field: 'version' });
  if (state.judge !== judge) {
    throw new InputError(`batch state belongs to "${state.judge}", not "${judge}"`, { file, field: 'judge' });
  }
  return state;
}

/** Written to a temporary file and renamed, so a kill never leaves half a state file. */
export function writeBatchState(resultsFile: string, state: BatchState): void {
  const file = batchStatePath(resultsFile);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}
