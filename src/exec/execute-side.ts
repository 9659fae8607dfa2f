/**
 * One side of a comparison, executed: its program (`programOfSide`), a fresh
 * sandbox from the backend, `runProgram`, and the sandbox destroyed whatever
 * happened. The result is typed: the side ran (with how it ended), it has no
 * code, or its environment has no runner here (the browser and app
 * environments: HTML, React, Vue, Mermaid, PyGame, Streamlit, Gradio) or its
 * toolchain is not installed. A program that fails because it imports a
 * package that is not installed ran and failed, and names the package: the
 * sandbox is offline, so nothing can be installed for it.
 */
import type { Execution, SideView } from '../data/comparison.js';
import { programOfSide } from './program/extract.js';
import type { NoCodeReason, Program } from './program/types.js';
import { runnerLanguage } from './runners/languages.js';
import { runProgram, type ProgramRun } from './runners/run-program.js';
import { runPygame } from './pygame/run-pygame.js';
import type { LimitName, Limits, SandboxBackend } from './sandbox/types.js';

/** How a side's execution ended, as the ledger and the summary count it. */
export const SIDE_STATUSES = ['succeeded', 'failed', 'stopped', 'dependency-missing', 'unavailable', 'no-code'] as const;
export type SideStatus = (typeof SIDE_STATUSES)[number];

export interface SideTimings {
  startedAt: string;
  /** Sandbox creation to destruction, ms. */
  wallMs: number;
  compileMs: number | null;
  runMs: number | null;
}

interface Common {
  /** The program's language (or the side's recorded one when there is no program). */
  language: string | null;
  environment: string | null;
  timings: SideTimings;
}

export interface SideRan extends Common {
  kind: 'ran';
  status: 'succeeded' | 'failed' | 'stopped' | 'dependency-missing';
  program: Program;
  run: ProgramRun;
  execution: Execution;
  /** The limit that stopped the run, or null. */
  limit: LimitName | null;
  /** Packages or modules the program could not import (offline: not installable). */
  missingDependencies: string[];
}

export interface SideNoCode extends Common {
  kind: 'no-code';
  status: 'no-code';
  reason: NoCodeReason;
  message: string;
}

export interface SideUnavailable extends Common {
  kind: 'unavailable';
  status: 'unavailable';
  program: Program;
  /** Why not here, naming the environment (or the missing toolchain). */
  message: string;
}

export type SideExecution = SideRan | SideNoCode | SideUnavailable;

export interface ExecuteSideOptions {
  backend: SandboxBackend;
  /** Limits of the run step (default: the sandbox defaults). */
  limits?: Partial<Limits>;
  /** Limits of the compile step (default: `COMPILE_LIMITS`). */
  compileLimits?: Partial<Limits>;
  /** Aborting destroys the sandbox, which kills everything running in it. */
  signal?: AbortSignal;
}

/** Environments with a plain runner: the rest need a browser or an app server, which are not built yet. */
function hasRunner(program: Program): boolean {
  if (program.environment === 'PyGame') return true;
  return program.environment.endsWith(' Runner') && runnerLanguage(program.language) !== null;
}

/** What a missing import looks like in each runtime's own words. */
const MISSING_DEPENDENCY: readonly RegExp[] = [
  /ModuleNotFoundError: No module named '([^']+)'/g,
  /Cannot find (?:module|package) '([^']+)'/g,
  /cannot find package "([^"]+)"/g,
  /can't find crate for `([^`]+)`/g,
  /error: package ([\w.]+) does not exist/g,
];

/** Modules the run's error text says could not be found (Node's relative paths and Java's own packages excluded). */
export function missingDependencies(error: string | null): string[] {
  if (!error) return [];
  const found = new Set<string>();
  for (const pattern of MISSING_DEPENDENCY) {
    for (const m of error.matchAll(pattern)) {
      const name = m[1]!;
      if (name.startsWith('.') || name.startsWith('/') || /^javax?\./.test(name)) continue;
      found.add(name);
    }
  }
  return [...found];
}

function statusOf(run: ProgramRun, missing: readonly string[]): SideRan['status'] {
  if (run.limit !== null) return 'stopped';
  if (run.execution.success) return 'succeeded';
  return missing.length > 0 ? 'dependency-missing' : 'failed';
}

export async function executeSide(side: SideView, options: ExecuteSideOptions): Promise<SideExecution> {
  const startedAt = new Date().toISOString();
  const t0 = performance.now();
  const timings = (compileMs: number | null = null, runMs: number | null = null): SideTimings => ({
    startedAt, wallMs: Math.round(performance.now() - t0), compileMs, runMs,
  });
  const result = programOfSide(side);
  if (result.kind === 'no-code') {
    return { kind: 'no-code', status: 'no-code', reason: result.reason, message: result.message, language: side.language, environment: side.environment, timings: timings() };
  }
  const program = result.program;
  const names = { language: program.language, environment: program.environment };
  if (!hasRunner(program)) {
    return {
      kind: 'unavailable', status: 'unavailable', program, ...names, timings: timings(),
      message: `environment not available here: ${program.environment} (${program.language}) has no runner yet; only the plain runners (Python, JavaScript, TypeScript, C, C++, Java, Go, Rust) execute`,
    };
  }
  options.signal?.throwIfAborted();
  const sandbox = await options.backend.create({ ...(options.limits ? { limits: options.limits } : {}) });
  const onAbort = () => void sandbox.destroy();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const input = { language: program.language, entry: program.entry, files: Object.entries(program.files).map(([path, contents]) => ({ path, contents })) };
    const run = program.environment === 'PyGame'
      ? await runPygame(sandbox, input, options.limits ? { limits: options.limits } : {})
      : await runProgram(sandbox, input, { ...(options.limits ? { limits: options.limits } : {}), ...(options.compileLimits ? { compileLimits: options.compileLimits } : {}) });
    options.signal?.throwIfAborted();
    const done = timings(run.compile ? Math.round(run.compile.timings.wallMs) : null, run.run ? Math.round(run.run.timings.wallMs) : null);
    if (run.unavailable !== null) {
      return { kind: 'unavailable', status: 'unavailable', program, ...names, timings: done, message: run.execution.error ?? `toolchain not available: ${run.unavailable}` };
    }
    const missing = missingDependencies(run.execution.error);
    return { kind: 'ran', status: statusOf(run, missing), program, run, execution: run.execution, limit: run.limit, missingDependencies: missing, ...names, timings: done };
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await sandbox.destroy();
  }
}
