/**
 * The execute stage: every answer with a program run once in a sandbox, on
 * the executor's own machinery (`executeDataset`: ledger, pool, images beside
 * the file, resume, a changed program run again). Each answer is one record
 * (id = its answers key) with the answer on side a. The environment is
 * detected from the answer; environments with no runner here are counted as
 * `unavailable`, never dropped.
 */
import type { Comparison, SideView } from '../data/comparison.js';
import { executeDataset, type ExecuteSummary } from '../exec/execute-dataset.js';
import { executionKey, readExecutions, type ExecutionLine } from '../exec/executions-file.js';
import type { Execution } from '../data/comparison.js';
import type { Limits, SandboxBackend } from '../exec/sandbox/types.js';
import type { ProgressEvent } from '../jobs/index.js';
import { answerKey, type AnswerLine } from './answers.js';

export interface ExecuteAnswersOptions {
  answers: Iterable<AnswerLine>;
  backend: SandboxBackend;
  /** The executions file (images go beside it). */
  out: string;
  concurrency?: number;
  limits?: Partial<Limits>;
  compileLimits?: Partial<Limits>;
  retryErrors?: boolean;
  signal?: AbortSignal;
  onProgress?: (event: ProgressEvent) => void;
}

function answerSide(line: AnswerLine): SideView {
  return {
    model: line.model, answer: line.answer ?? '', code: null, language: null, environment: null,
    output: null, error: null, success: null, screenshot: null, rounds: [], turns: 1,
  };
}

const EMPTY_SIDE: SideView = {
  model: '', answer: '', code: null, language: null, environment: null, output: null, error: null, success: null, screenshot: null, rounds: [], turns: 0,
};

/** One record per answer that came back (error lines have nothing to run). */
export function answerRecords(answers: Iterable<AnswerLine>): Comparison[] {
  const out: Comparison[] = [];
  for (const line of answers) {
    if (line.answer === null) continue;
    out.push({ id: answerKey(line.model, line.uid), instruction: '', vote: 'tie', topic: '', a: answerSide(line), b: EMPTY_SIDE });
  }
  return out;
}

export async function executeAnswers(opts: ExecuteAnswersOptions): Promise<ExecuteSummary> {
  return executeDataset({
    comparisons: answerRecords(opts.answers),
    sides: ['a'],
    backend: opts.backend,
    out: opts.out,
    ...(opts.concurrency !== undefined ? { concurrency: opts.concurrency } : {}),
    ...(opts.limits ? { limits: opts.limits } : {}),
    ...(opts.compileLimits ? { compileLimits: opts.compileLimits } : {}),
    ...(opts.retryErrors ? { retryErrors: true } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  });
}

export interface AnswerExecution {
  line: ExecutionLine;
  execution: Execution | null;
}

/** The execution of each answer, by answers key, from an executions file. */
export function readAnswerExecutions(file: string): Map<string, AnswerExecution> {
  const read = readExecutions(file);
  const out = new Map<string, AnswerExecution>();
  for (const line of read.lines.values()) {
    if (line.side !== 'a') continue;
    out.set(line.id, { line, execution: read.executions.get(executionKey(line.id, 'a')) ?? null });
  }
  return out;
}
