/**
 * `executeDataset`: every side of a list of comparisons executed once, on the
 * job machinery (ledger, pool, retry, progress), resumably.
 *
 * Guarantees (the judge runner's): each side ends with exactly one line, an
 * execution or an `error` line when the executor itself failed; a side
 * already in the file is skipped unless its program changed (the line keeps
 * a hash of it) or, with `retryErrors`, its last line is an error; a stopped
 * or killed run writes nothing for sides in flight, so rerunning resumes.
 * Images are stored before their line is appended, so a line never names a
 * missing file.
 */
import { createHash } from 'node:crypto';
import type { Comparison } from '../data/comparison.js';
import { ConfigError, InputError } from '../errors.js';
import { Ledger } from '../jobs/ledger.js';
import type { ProgressEvent } from '../jobs/progress.js';
import { runJob, type JobStop } from '../jobs/run.js';
import { executeSide, type SideExecution } from './execute-side.js';
import { EXECUTIONS_FORMAT, executionKey, storeImage, type ExecutionLine, type ExecutionLineStatus } from './executions-file.js';
import { programOfSide } from './program/extract.js';
import type { Program } from './program/types.js';
import { COMPILE_LIMITS } from './runners/languages.js';
import { DEFAULT_LIMITS, resolveLimits } from './sandbox/limits.js';
import type { Limits, SandboxBackend } from './sandbox/types.js';

export interface ExecuteDatasetOptions {
  comparisons: readonly Comparison[];
  backend: SandboxBackend;
  /** The executions file; appended to, and read first to resume. */
  out: string;
  /** Sandboxes at once (default 2: compilers are heavy). */
  concurrency?: number;
  /** Only the first `limit` comparisons. */
  limit?: number;
  limits?: Partial<Limits>;
  compileLimits?: Partial<Limits>;
  /** Run again sides whose last line is an executor error. */
  retryErrors?: boolean;
  /** Which sides to run (default both; the arena runs one answer per record, on side a). */
  sides?: ReadonlyArray<'a' | 'b'>;
  signal?: AbortSignal;
  onProgress?: (event: ProgressEvent) => void;
}

/** Counts per environment, over the latest line of every side of the run (resumed ones included). */
export interface EnvironmentCounts {
  sides: number;
  /** Sides whose program ran in a sandbox (succeeded + failed + stopped + dependency-missing). */
  ran: number;
  succeeded: number;
  failed: number;
  /** Stopped by a limit (`byLimit` says which). */
  stopped: number;
  dependencyMissing: number;
  unavailable: number;
  noCode: number;
  /** The executor failed on the side (an `error` line). */
  errors: number;
  byLimit: Record<string, number>;
}

export interface ExecuteSummary {
  out: string;
  backend: string;
  /** Sides of the run. */
  total: number;
  alreadyDone: number;
  /** Lines this run appended. */
  written: number;
  /** Sides left without a line (the run was stopped). */
  unfinished: number;
  /** Executor errors written by this run. */
  failed: number;
  retried: number;
  /** Bytes of a cut-off last line repaired at open. */
  repairedBytes: number;
  aborted: boolean;
  /** Why the run stopped early (`interrupted` for the signal), when it did. */
  stopped?: JobStop;
  elapsedMs: number;
  byEnvironment: Record<string, EnvironmentCounts>;
}

interface SideTask {
  key: string;
  comparison: Comparison;
  side: 'a' | 'b';
  programHash: string | null;
}

/** A hash of what would run: language, environment, entry and files. */
export function programHash(program: Program): string {
  const files = Object.keys(program.files).sort().map((p) => [p, program.files[p]]);
  return createHash('sha256').update(JSON.stringify([program.language, program.environment, program.entry, files])).digest('hex').slice(0, 32);
}

function planSides(comparisons: readonly Comparison[], sides: ReadonlyArray<'a' | 'b'> = ['a', 'b']): SideTask[] {
  const seen = new Set<string>();
  const tasks: SideTask[] = [];
  comparisons.forEach((comparison, row) => {
    if (seen.has(comparison.id)) {
      throw new InputError(`duplicate record id "${comparison.id}": executions lines could not tell them apart`, { file: comparison.origin, row, field: 'id' });
    }
    seen.add(comparison.id);
    for (const side of sides) {
      const p = programOfSide(comparison[side]);
      tasks.push({ key: executionKey(comparison.id, side), comparison, side, programHash: p.kind === 'program' ? programHash(p.program) : null });
    }
  });
  return tasks;
}

async function lineOf(task: SideTask, result: SideExecution, out: string, backend: string): Promise<ExecutionLine> {
  const base = {
    v: 1 as const, id: task.comparison.id, side: task.side, status: result.status as ExecutionLineStatus,
    language: result.language, environment: result.environment, backend, timings: result.timings, attempts: 1,
    program: task.programHash,
  };
  if (result.kind !== 'ran') {
    return { ...base, execution: null, images: [], limit: null, phase: null, missingDependencies: [], message: result.message };
  }
  const images = [];
  for (const image of result.run.images) images.push(storeImage(out, await image.load()));
  const e = result.execution;
  return {
    ...base,
    execution: { output: e.output, error: e.error, success: e.success, screenshot: images.at(-1) ?? null },
    images, limit: result.limit, phase: result.run.phase, missingDependencies: result.missingDependencies, message: null,
  };
}

function emptyCounts(): EnvironmentCounts {
  return { sides: 0, ran: 0, succeeded: 0, failed: 0, stopped: 0, dependencyMissing: 0, unavailable: 0, noCode: 0, errors: 0, byLimit: {} };
}

/** Per-environment counts of executions lines (the latest per side). */
export function countByEnvironment(lines: Iterable<ExecutionLine>): Record<string, EnvironmentCounts> {
  const out: Record<string, EnvironmentCounts> = {};
  for (const line of lines) {
    const c = (out[line.environment ?? 'unknown'] ??= emptyCounts());
    c.sides++;
    switch (line.status) {
      case 'succeeded': c.ran++; c.succeeded++; break;
      case 'failed': c.ran++; c.failed++; break;
      case 'dependency-missing': c.ran++; c.dependencyMissing++; break;
      case 'stopped':
        c.ran++; c.stopped++;
        if (line.limit) c.byLimit[line.limit] = (c.byLimit[line.limit] ?? 0) + 1;
        break;
      case 'unavailable': c.unavailable++; break;
      case 'no-code': c.noCode++; break;
      case 'error': c.errors++; break;
    }
  }
  return out;
}

export async function executeDataset(opts: ExecuteDatasetOptions): Promise<ExecuteSummary> {
  const startedAt = Date.now();
  const concurrency = opts.concurrency ?? 2;
  if (!(Number.isInteger(concurrency) && concurrency >= 1)) throw new ConfigError('concurrency must be an integer >= 1');
  const limits = resolveLimits(DEFAULT_LIMITS, opts.limits);
  const compileLimits = resolveLimits(COMPILE_LIMITS, opts.compileLimits);
  const comparisons = opts.limit !== undefined ? opts.comparisons.slice(0, opts.limit) : opts.comparisons;
  const tasks = planSides(comparisons, opts.sides);
  const backend = opts.backend;

  const ledger = Ledger.open(opts.out, EXECUTIONS_FORMAT);
  const summary: ExecuteSummary = {
    out: opts.out, backend: backend.name, total: tasks.length, alreadyDone: 0, written: 0, unfinished: 0, failed: 0, retried: 0,
    repairedBytes: ledger.droppedBytes, aborted: false, elapsedMs: 0, byEnvironment: {},
  };
  try {
    const pending = tasks.filter((t) => {
      const last = ledger.latest.get(t.key);
      return !last || last.program !== t.programHash || (opts.retryErrors === true && last.status === 'error');
    });
    summary.alreadyDone = tasks.length - pending.length;
    const progress = () => opts.onProgress?.({
      total: summary.total, done: summary.alreadyDone + summary.written, cached: 0, failed: summary.failed,
      retried: summary.retried, cost: 0, elapsedMs: Date.now() - startedAt,
    });
    progress();
    const append = (line: ExecutionLine) => {
      ledger.append(line);
      summary.written++;
      if (line.status === 'error') summary.failed++;
      progress();
    };
    // Found and probed before the first side: no bubblewrap stops the run here, not as one error line per side.
    if (pending.some((t) => t.programHash !== null)) await (await backend.create({ limits })).destroy();

    const outcome = await runJob<SideTask, ExecutionLine>({
      tasks: pending,
      concurrency,
      // A sandbox that failed to start may start next time; a program's own failure is a result, not retried.
      retry: { maxAttempts: 2 },
      // Every sandbox is local: no remote service whose failures should trip a breaker.
      breaker: {},
      // Both steps' wall limits, plus room to make and remove the sandbox.
      timeoutMs: compileLimits.wallMs + limits.wallMs + 30_000,
      ...(opts.signal ? { signal: opts.signal } : {}),
      attempt: async (t, signal) =>
        lineOf(t, await executeSide(t.comparison[t.side], { backend, limits, compileLimits, signal }), opts.out, backend.name),
      onResult: (_t, line, info) => append({ ...line, attempts: info.attempts }),
      onGiveUp: (t, failure, info) => {
        const side = t.comparison[t.side];
        append({
          v: 1, id: t.comparison.id, side: t.side, status: 'error', language: side.language, environment: side.environment,
          execution: null, images: [], limit: null, phase: null, missingDependencies: [], program: t.programHash,
          message: `${failure.kind}: ${failure.message} (${info.why})`, backend: backend.name,
          timings: { startedAt: new Date().toISOString(), wallMs: 0, compileMs: null, runMs: null }, attempts: info.attempts,
        });
      },
      onRetry: () => {
        summary.retried++;
      },
    });
    summary.unfinished = pending.length - summary.written;
    summary.aborted = outcome.stop !== undefined;
    if (outcome.stop) summary.stopped = outcome.stop;
    summary.byEnvironment = countByEnvironment(tasks.map((t) => ledger.latest.get(t.key)).filter((l): l is ExecutionLine => l !== undefined));
    summary.elapsedMs = Date.now() - startedAt;
    return summary;
  } finally {
    ledger.close();
  }
}
