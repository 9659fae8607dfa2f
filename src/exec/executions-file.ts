/**
 * The executions file: one ledger line per executed side (the job room's
 * ledger: last line per key wins, a cut-off last line is dropped), and the
 * images those runs made stored beside it as content-addressed PNG files
 * (`<name>.images/<sha256>.png`), never as base64 in the JSONL. Readers get
 * back `Execution` values (`source: 'executed'`) to put on comparisons with
 * `applyExecutions`.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import type { Comparison, Execution, LazyImage } from '../data/comparison.js';
import { withExecution } from '../data/execution.js';
import { InputError } from '../errors.js';
import { latestByKey, readLedger, type LedgerFormat } from '../jobs/ledger.js';
import { SIDE_STATUSES } from './execute-side.js';
import { LIMIT_NAMES } from './sandbox/types.js';

/** Line statuses: how a side ended, or `error` when the executor itself failed on it. */
export const EXECUTION_LINE_STATUSES = [...SIDE_STATUSES, 'error'] as const;
export type ExecutionLineStatus = (typeof EXECUTION_LINE_STATUSES)[number];

const imageRef = z.object({
  /** Path relative to the folder of the executions file. */
  file: z.string().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().nonnegative(),
});
export type ImageRef = z.infer<typeof imageRef>;

/** The one schema of an executions line. */
export const executionLineSchema = z.object({
  v: z.literal(1),
  id: z.string().min(1),
  side: z.enum(['a', 'b']),
  status: z.enum(EXECUTION_LINE_STATUSES),
  /** The program's language and environment (the side's recorded ones when there is no program). */
  language: z.string().nullable(),
  environment: z.string().nullable(),
  /** What the run gave the judges; null when nothing ran. Its source is always `executed`. */
  execution: z
    .object({ output: z.string().nullable(), error: z.string().nullable(), success: z.boolean().nullable(), screenshot: imageRef.nullable() })
    .nullable(),
  /** Every image the run made, in order (the screenshot is the last). */
  images: z.array(imageRef),
  limit: z.enum(LIMIT_NAMES).nullable(),
  phase: z.enum(['compile', 'run']).nullable(),
  missingDependencies: z.array(z.string()),
  /** Why nothing ran (no code, environment not here) or what failed in the executor. */
  message: z.string().nullable(),
  /** A hash of the program run: a changed program is run again on resume. */
  program: z.string().nullable(),
  backend: z.string(),
  timings: z.object({ startedAt: z.string(), wallMs: z.number(), compileMs: z.number().nullable(), runMs: z.number().nullable() }),
  attempts: z.number().int().nonnegative(),
});
export type ExecutionLine = z.infer<typeof executionLineSchema>;

/** The key of one side: the record id and the side, unambiguous whatever the id holds. */
export function executionKey(id: string, side: 'a' | 'b'): string {
  return JSON.stringify([id, side]);
}

export const EXECUTIONS_FORMAT: LedgerFormat<ExecutionLine> = { schema: executionLineSchema, key: (l) => executionKey(l.id, l.side) };

/** The folder of an executions file's images: `runs/executions.jsonl` -> `runs/executions.images`. */
export function imagesDirOf(file: string): string {
  return join(dirname(file), `${basename(file).replace(/\.jsonl$/i, '')}.images`);
}

/**
 * Stores PNG bytes under their sha256 (written to a temporary name, then
 * renamed: a killed run leaves no half-written image under a real name).
 */
export function storeImage(file: string, bytes: Uint8Array): ImageRef {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const dir = imagesDirOf(file);
  const name = `${sha256}.png`;
  const target = join(dir, name);
  if (!existsSync(target)) {
    mkdirSync(dir, { recursive: true });
    const tmp = `${target}.${process.pid}.tmp`;
    writeFileSync(tmp, bytes);
    renameSync(tmp, target);
  }
  return { file: `${basename(dir)}/${name}`, sha256, size: bytes.byteLength };
}

function fileImage(base: string, ref: ImageRef): LazyImage {
  const path = resolve(base, ref.file);
  return { source: path, size: ref.size, load: async () => new Uint8Array(readFileSync(path)) };
}

export interface ExecutionsRead {
  file: string;
  /** (id, side) -> the fresh execution, for every side whose latest line ran (see `executionKey`). */
  executions: Map<string, Execution>;
  /** The latest line per side, whatever its status. */
  lines: Map<string, ExecutionLine>;
  /** Bytes of a cut-off last line that was ignored. */
  droppedBytes: number;
}

/** Reads an executions file; a missing file, a bad line or a missing image is an InputError naming it. */
export function readExecutions(file: string): ExecutionsRead {
  if (!existsSync(file)) throw new InputError('no such executions file (make one with `bcr execute --out FILE`)', { file });
  const read = readLedger(file, EXECUTIONS_FORMAT);
  const base = dirname(file);
  const executions = new Map<string, Execution>();
  read.lines.forEach((line, row) => {
    for (const [i, ref] of line.images.entries()) {
      const path = resolve(base, ref.file);
      if (!existsSync(path) || statSync(path).size !== ref.size) {
        throw new InputError(`image ${ref.file} is missing or has the wrong size (expected ${ref.size} bytes)`, { file, row, field: `images[${i}]` });
      }
    }
  });
  for (const [key, line] of latestLines(read.lines)) {
    if (!line.execution) continue;
    const e = line.execution;
    executions.set(key, { source: 'executed', output: e.output, error: e.error, success: e.success, screenshot: e.screenshot ? fileImage(base, e.screenshot) : null });
  }
  return { file, executions, lines: latestLines(read.lines), droppedBytes: read.droppedBytes };
}

function latestLines(lines: readonly ExecutionLine[]): Map<string, ExecutionLine> {
  return latestByKey(lines, EXECUTIONS_FORMAT.key);
}

export interface AppliedExecutions {
  comparisons: Comparison[];
  /** Sides that now carry a fresh execution. */
  replaced: number;
  /** Sides with no fresh execution (never run, or nothing ran): they keep the recorded one. */
  missing: number;
}

/** The comparisons with every side that has a fresh execution carrying it (`withExecution`); the rest unchanged. */
export function applyExecutions(comparisons: readonly Comparison[], executions: ReadonlyMap<string, Execution> | ExecutionsRead): AppliedExecutions {
  const map = executions instanceof Map ? executions : (executions as ExecutionsRead).executions;
  let replaced = 0;
  let missing = 0;
  const out = comparisons.map((c) => {
    let next = c;
    for (const side of ['a', 'b'] as const) {
      const fresh = map.get(executionKey(c.id, side));
      if (fresh) {
        next = withExecution(next, side, fresh);
        replaced++;
      } else missing++;
    }
    return next;
  });
  return { comparisons: out, replaced, missing };
}
