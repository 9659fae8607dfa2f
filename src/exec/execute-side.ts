/**
 * One side of a comparison, executed: its program (`programOfSide`), a fresh
 * sandbox from the backend, `runProgram` (the plain runners) or
 * `runBrowserProgram` (HTML, Mermaid, React, Vue: built in the sandbox,
 * captured by the warm confined browser) or `runPygame` (a headless frame),
 * and the sandbox destroyed whatever happened. The result is typed: the side ran (with how it ended), it has no
 * code, or its environment is not available here (Streamlit and Gradio:
 * "use e2b") or its toolchain is not
 * installed. A program that fails because it imports a package that is not
 * installed ran and failed, and names the package: the sandbox is offline,
 * so nothing can be installed for it.
 */
import type { Execution, SideView } from '../data/comparison.js';
import { withScreenshots } from './browser/browser-sandbox.js';
import { isBrowserEnvironment, runBrowserProgram, type BrowserRun } from './browser/run-browser.js';
import { canScreenshot } from './browser/screenshot.js';
import { withSharedBrowser } from './browser/shared-browser.js';
import { projectModules, webMounts } from './browser/toolchain.js';
import type { WarmBrowser } from './browser/warm-browser.js';
import { programOfSide } from './program/extract.js';
import type { NoCodeReason, Program } from './program/types.js';
import { firstProgram, runnerLanguage } from './runners/languages.js';
import { runProgram, type ProgramRun } from './runners/run-program.js';
import { runPygame } from './pygame/run-pygame.js';
import type { LimitName, Limits, SandboxBackend, SandboxOptions } from './sandbox/types.js';

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
  /** A runner's run, or a browser environment's (build and capture). */
  run: ProgramRun | BrowserRun;
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
  /**
   * The warm browser that captures HTML, Mermaid, React and Vue pages
   * (default: the process's shared one, closed once idle).
   */
  browser?: WarmBrowser;
}

/** Environments that need an app server in Python: not offline here (see sandboxes/README.md). */
const APP_SERVER_ENVIRONMENTS = ['Streamlit', 'Gradio'];

/** Environments with a plain runner (the browser and app environments are dispatched before this is asked). */
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

function statusOf(run: ProgramRun | BrowserRun, missing: readonly string[]): SideRan['status'] {
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
  if (APP_SERVER_ENVIRONMENTS.includes(program.environment)) {
    return {
      kind: 'unavailable', status: 'unavailable', program, ...names, timings: timings(),
      message: `environment not available here: use e2b (${program.environment} needs its Python app server, which cannot be installed offline; see sandboxes/README.md)`,
    };
  }
  if (isBrowserEnvironment(program.environment)) return executeBrowserSide(program, options, timings);
  if (!hasRunner(program)) {
    return {
      kind: 'unavailable', status: 'unavailable', program, ...names, timings: timings(),
      message: `environment not available here: ${program.environment} (${program.language}) has no runner yet; the plain runners (Python, JavaScript, TypeScript, C, C++, Java, Go, Rust) PyGame and the browser environments (HTML, Mermaid, React, Vue) execute`,
    };
  }
  options.signal?.throwIfAborted();
  const language = runnerLanguage(program.language);
  // PyGame and every runner start with one program: its image can be warm (the Docker backend's pool).
  const first = program.environment === 'PyGame' ? '/usr/bin/python3' : language ? firstProgram(language) : undefined;
  const sandbox = await options.backend.create({ ...(options.limits ? { limits: options.limits } : {}), ...(first ? { program: first } : {}) });
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

/** The sandbox options that give a browser program's bundle step its toolchain on this backend. */
function browserSandboxOptions(backend: SandboxBackend, environment: Program['environment'], limits: Partial<Limits> | undefined): SandboxOptions {
  // The local backend binds the project's packages read-only; Docker's node image carries copies (sandboxes/node.conf).
  const bundles = environment === 'React' || environment === 'Vue';
  return { ...(limits ? { limits } : {}), ...(backend.name === 'local' ? { readOnlyMounts: webMounts() } : {}), ...(bundles ? { program: '/usr/bin/node' } : {}) };
}

async function executeBrowserSide(program: Program, options: ExecuteSideOptions, timings: (compileMs?: number | null, runMs?: number | null) => SideTimings): Promise<SideExecution> {
  const names = { language: program.language, environment: program.environment };
  const environment = program.environment;
  if (!isBrowserEnvironment(environment)) throw new Error(`not a browser environment: ${environment}`);
  options.signal?.throwIfAborted();
  const sandbox = await options.backend.create(browserSandboxOptions(options.backend, program.environment, options.limits));
  const onAbort = () => void sandbox.destroy();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const input = { environment, entry: program.entry, files: Object.entries(program.files).map(([path, contents]) => ({ path, contents })) };
    const runOptions = {
      ...(options.limits ? { limits: options.limits } : {}),
      ...(options.compileLimits ? { compileLimits: options.compileLimits } : {}),
      hostModules: projectModules(),
    };
    const run = canScreenshot(sandbox)
      ? await runBrowserProgram(sandbox, input, runOptions)
      : options.browser
        ? await runBrowserProgram(withScreenshots(sandbox, options.browser), input, runOptions)
        : await withSharedBrowser(!sandbox.isolated, (browser) => runBrowserProgram(withScreenshots(sandbox, browser), input, runOptions));
    options.signal?.throwIfAborted();
    const done = timings(run.compile ? Math.round(run.compile.timings.wallMs) : null, run.screenshot ? run.screenshot.timings.wallMs : null);
    const missing = run.missingDependencies;
    return { kind: 'ran', status: statusOf(run, missing), program, run, execution: run.execution, limit: run.limit, missingDependencies: missing, ...names, timings: done };
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await sandbox.destroy();
  }
}
