/**
 * `runBrowserProgram`: an HTML, Mermaid, React or Vue program in a sandbox
 * with the screenshot capability, as an `Execution` (`source: 'executed'`).
 *
 * - HTML: the answer is `index.html`, captured as is.
 * - Mermaid: bcr's page renders `diagram.mmd` with mermaid.js; a syntax
 *   error fails the side with mermaid's message.
 * - React / Vue: the bundle step (esbuild; Vue SFCs through
 *   `@vue/compiler-sfc`) runs INSIDE the sandbox, then the built page is
 *   captured. A build error fails the side (`phase: 'compile'`); imports of
 *   packages the toolchain does not have are named (`missingDependencies`).
 *
 * What the execution holds: `output` is what the page logged (console.log /
 * info), `error` its uncaught errors and console errors (requests refused
 * by the network policy are listed in `screenshot.blocked`, not here), and
 * `success` says the page was built and captured without an uncaught
 * error: a page whose script throws (a React app that throws unmounts its
 * whole tree), or whose framework reports an exception on the console
 * (Vue), fails, as the bundled sample records such runs; other console
 * errors do not fail it. The generated solutions' HTML pages, which
 * throw nothing, are all recorded as successes by the reference.
 */
import type { Execution, LazyImage } from '../../data/comparison.js';
import { bytesImage } from '../../data/normalise.js';
import { ConfigError } from '../../errors.js';
import { DEFAULT_LIMITS, resolveLimits } from '../sandbox/limits.js';
import type { ExecResult, LimitName, Limits, SandboxFile } from '../sandbox/types.js';
import { BUNDLE_FILE, BUNDLE_OUT, MERMAID_PAGE, bundleScriptFile, mermaidPage } from './pages.js';
import type { Screenshot, ScreenshotOptions, ScreenshotSandbox } from './screenshot.js';
import { WEB_MODULES } from './toolchain.js';

/** Environments captured in the browser. */
export const BROWSER_ENVIRONMENTS = ['HTML', 'Mermaid', 'React', 'Vue'] as const;
export type BrowserEnvironment = (typeof BROWSER_ENVIRONMENTS)[number];

export function isBrowserEnvironment(environment: string): environment is BrowserEnvironment {
  return (BROWSER_ENVIRONMENTS as readonly string[]).includes(environment);
}

const MiB = 1024 * 1024;

/**
 * Limits of the bundle step: node and esbuild's Go runtime reserve address
 * space up front (node alone about 1 GiB), so the address-space cap is
 * larger than a runner's; esbuild's worker threads count as processes.
 */
export const BUNDLE_LIMITS: Readonly<Limits> = Object.freeze({
  wallMs: 60_000, cpuSeconds: 60, memoryBytes: 4096 * MiB, pids: 64, fileSizeBytes: 64 * MiB, outputBytes: 1 * MiB,
});

/** The default wall limit of a capture. */
const SCREENSHOT_WALL_MS = 15_000;

export interface BrowserProgramInput {
  environment: BrowserEnvironment;
  files: readonly SandboxFile[];
  entry: string;
}

export interface RunBrowserOptions {
  /** Limits of the capture: `wallMs` is its wall limit (default 15 s). */
  limits?: Partial<Limits>;
  /** Limits of the bundle step (default `BUNDLE_LIMITS`). */
  compileLimits?: Partial<Limits>;
  screenshot?: Omit<ScreenshotOptions, 'wallMs' | 'readyWhen' | 'resultOf'>;
  /**
   * Where the bundle step finds the toolchain when the sandbox is not
   * isolated (no bind mounts): the project's node_modules.
   */
  hostModules?: string;
}

export interface BundleReport {
  ok: boolean;
  missing: string[];
  errors: { text: string; file: string | null; line: number | null; column: number | null; lineText?: string | null }[];
}

export interface BrowserRun {
  environment: BrowserEnvironment;
  execution: Execution;
  /** The step the run ended in: `compile` is the bundle step. */
  phase: 'compile' | 'run';
  compileFailed: boolean;
  /** The bundle step (React, Vue), or null. */
  compile: ExecResult | null;
  bundle: BundleReport | null;
  screenshot: Screenshot | null;
  /** The limit that stopped the run (a hung page is `wall`), or null. */
  limit: LimitName | null;
  /** The screenshot, as the runners give images. */
  images: LazyImage[];
  /** Packages the program imports that the offline toolchain does not have. */
  missingDependencies: string[];
}

const orNull = (text: string): string | null => (text.trim() === '' ? null : text);

/**
 * An exception a framework caught and reported on the console (Vue's
 * production build logs errors of hooks and handlers with console.error):
 * as much a crash as an uncaught one.
 */
const REPORTED_EXCEPTION = /^(?:Uncaught )?(?:[A-Z]\w*)?Error: /;

/** Console noise the network policy causes: the refused URLs are listed in `blocked` instead. */
const BLOCKED_NOISE = /net::ERR_BLOCKED_BY_CLIENT/;

function pageExecution(shot: Screenshot, entry: string, failure: string | null): Execution {
  const output = shot.console.filter((c) => c.type === 'log' || c.type === 'info').map((c) => c.text).join('\n');
  const errors = shot.console.filter((c) => (c.type === 'error' || c.type === 'pageerror') && !BLOCKED_NOISE.test(c.text)).map((c) => c.text);
  if (shot.timedOut) errors.push(`[bcr] stopped by the wall time limit: the page did not settle (a busy script or an endless load)`);
  if (failure) errors.unshift(failure);
  return {
    source: 'executed',
    output: orNull(output),
    error: orNull(errors.join('\n')),
    success: shot.png !== null && !shot.timedOut && failure === null && !shot.console.some((c) => c.type === 'pageerror' || (c.type === 'error' && REPORTED_EXCEPTION.test(c.text))),
    screenshot: shot.png ? bytesImage(shot.png, `browser:${entry}`) : null,
  };
}

function describeBuildErrors(report: BundleReport): string {
  const lines = ['Build failed:'];
  if (report.missing.length > 0) lines.push(`could not resolve ${report.missing.map((m) => `"${m}"`).join(', ')}: not in the offline toolchain (React 19, react-dom, Vue 3.5)`);
  for (const e of report.errors) {
    const where = e.file ? `${e.file}${e.line !== null ? `:${e.line}:${e.column ?? 0}` : ''}: ` : '';
    lines.push(`${where}ERROR: ${e.text}${e.lineText ? `\n    ${e.lineText}` : ''}`);
  }
  return lines.join('\n');
}

function parseReport(stdout: string): BundleReport | null {
  const last = stdout.trim().split('\n').pop() ?? '';
  try {
    const r = JSON.parse(last) as BundleReport;
    return typeof r.ok === 'boolean' && Array.isArray(r.missing) && Array.isArray(r.errors) ? r : null;
  } catch {
    return null;
  }
}

export async function runBrowserProgram(sandbox: ScreenshotSandbox, program: BrowserProgramInput, options: RunBrowserOptions = {}): Promise<BrowserRun> {
  if (!isBrowserEnvironment(program.environment)) throw new ConfigError(`no browser environment "${String(program.environment)}" (browser environments: ${BROWSER_ENVIRONMENTS.join(', ')})`);
  if (!program.files.some((f) => f.path === program.entry)) throw new ConfigError(`the entry "${program.entry}" is not among the program's files`);
  const wallMs = resolveLimits(DEFAULT_LIMITS, { wallMs: SCREENSHOT_WALL_MS, ...options.limits }).wallMs;
  const shotOptions: ScreenshotOptions = { ...options.screenshot, wallMs };
  await sandbox.writeFiles(program.files);
  const base = { environment: program.environment, compileFailed: false, compile: null, bundle: null, missingDependencies: [] };

  if (program.environment === 'HTML' || program.environment === 'Mermaid') {
    let page = program.entry;
    if (program.environment === 'Mermaid') {
      page = MERMAID_PAGE;
      await sandbox.writeFiles([{ path: MERMAID_PAGE, contents: mermaidPage(program.entry) }]);
      shotOptions.readyWhen = 'window.__bcrResult !== undefined';
      shotOptions.resultOf = 'window.__bcrResult';
    }
    const shot = await sandbox.screenshot(page, shotOptions);
    let failure: string | null = null;
    if (program.environment === 'Mermaid' && !shot.timedOut) {
      const r = shot.result as { ok?: unknown; error?: unknown } | undefined;
      if (!r || r.ok !== true) failure = `Mermaid error: ${typeof r?.error === 'string' ? r.error : 'the diagram did not render'}`;
    }
    return finish(base, 'run', shot, page, failure);
  }

  // React / Vue: bundle inside the sandbox, then capture the built page.
  const compileLimits = resolveLimits(BUNDLE_LIMITS, options.compileLimits);
  await sandbox.writeFiles([bundleScriptFile]);
  const env: Record<string, string> = { NODE_OPTIONS: `--max-old-space-size=${Math.floor(compileLimits.memoryBytes / 4 / MiB)}` };
  if (!sandbox.isolated && options.hostModules) env.BCR_WEB_MODULES = options.hostModules;
  else env.BCR_WEB_MODULES = WEB_MODULES;
  const kind = program.environment === 'Vue' ? 'vue' : 'react';
  const compile = await sandbox.exec(['/usr/bin/node', '--no-warnings', BUNDLE_FILE, kind, program.entry, BUNDLE_OUT], { limits: compileLimits, env });
  const bundle = parseReport(compile.stdout);
  if (!bundle || !bundle.ok || compile.exitCode !== 0 || compile.limit !== null) {
    const error = bundle
      ? describeBuildErrors(bundle)
      : `Build failed: the bundle step ${compile.limit ? `was stopped by the ${compile.limit} limit` : `exited with ${compile.exitCode ?? compile.signal}`}\n${compile.stderr}`;
    return {
      ...base, phase: 'compile', compileFailed: true, compile, bundle, screenshot: null, limit: compile.limit, images: [],
      missingDependencies: bundle?.missing ?? [],
      execution: { source: 'executed', output: null, error, success: false, screenshot: null },
    };
  }
  const shot = await sandbox.screenshot(`${BUNDLE_OUT}/index.html`, shotOptions);
  return { ...finish(base, 'run', shot, `${BUNDLE_OUT}/index.html`, null), compile, bundle };
}

function finish(base: Pick<BrowserRun, 'environment' | 'compileFailed' | 'compile' | 'bundle' | 'missingDependencies'>, phase: 'run', shot: Screenshot, entry: string, failure: string | null): BrowserRun {
  const execution = pageExecution(shot, entry, failure);
  return { ...base, phase, screenshot: shot, limit: shot.timedOut ? 'wall' : null, images: execution.screenshot ? [execution.screenshot] : [], execution };
}
