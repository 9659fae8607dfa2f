/**
 * `runProgram`: compile (when the language needs it) and run a program in a
 * sandbox, and describe what happened as an `Execution` (`source:
 * 'executed'`), the value the judges read.
 */
import { bytesImage } from '../../data/normalise.js';
import type { Execution, LazyImage } from '../../data/comparison.js';
import { ConfigError } from '../../errors.js';
import { DEFAULT_LIMITS, resolveLimits } from '../sandbox/limits.js';
import type { ExecResult, Limits, LimitName, Sandbox, SandboxFile } from '../sandbox/types.js';
import { workspaceParts } from '../sandbox/workspace.js';
import { BUILD_DIR, COMPILE_LIMITS, LANGUAGES, RUNNER_LANGUAGES, runnerLanguage, type RunnerLanguage } from './languages.js';
import { matplotlibConfig } from './matplotlib-cache.js';
import { missingToolchain, toolchainPackage } from './toolchain.js';
import { PYTHON_HELPER_DIR, PYTHON_PLOT_DIR } from './python-helper.js';

/** Libraries that import matplotlib, so the run wants its font list ready. */
const PLOTTING = /\b(?:matplotlib|seaborn|pandas)\b/;

/** A program as plain inputs: its language, its files, and the file to run. */
export interface ProgramInput {
  language: string;
  files: readonly SandboxFile[];
  entry: string;
}

export interface RunProgramOptions {
  /** Limits of the run step (defaults: `DEFAULT_LIMITS`). */
  limits?: Partial<Limits>;
  /** Limits of the compile step (defaults: `COMPILE_LIMITS`). */
  compileLimits?: Partial<Limits>;
  stdin?: string;
  /** At most this many plot images are returned (default 16). */
  maxImages?: number;
}

export interface ProgramRun {
  language: RunnerLanguage;
  execution: Execution;
  /** The step the run ended in. */
  phase: 'compile' | 'run';
  /** True when the program did not compile (or transpile). */
  compileFailed: boolean;
  compile: ExecResult | null;
  run: ExecResult | null;
  /** The limit that stopped the last step, or null. */
  limit: LimitName | null;
  /** PNG images the program made (Python plots), in order. */
  images: LazyImage[];
  /**
   * The toolchain command that is not installed in the sandbox (e.g.
   * `/usr/bin/go`), or null. When set, nothing of the program ran and its
   * execution says which package to install.
   */
  unavailable: string | null;
}

/** The runner language is not one this executor has. */
export class UnsupportedLanguageError extends ConfigError {
  override name = 'UnsupportedLanguageError';
}

const LIMIT_WORDS: Record<LimitName, (l: Limits) => string> = {
  wall: (l) => `wall time limit (${l.wallMs} ms)`,
  cpu: (l) => `CPU time limit (${l.cpuSeconds} s)`,
  memory: (l) => `memory limit (${l.memoryBytes} bytes)`,
  pids: (l) => `process limit (${l.pids})`,
  fsize: (l) => `file size limit (${l.fileSizeBytes} bytes)`,
  output: (l) => `output limit (${l.outputBytes} bytes per stream)`,
};

const orNull = (text: string): string | null => (text === '' ? null : text);

function executionOf(result: ExecResult, limits: Limits, images: LazyImage[], prefix = ''): Execution {
  const note = result.limit ? `\n[bcr] stopped by the ${LIMIT_WORDS[result.limit](limits)}` : '';
  return {
    source: 'executed',
    output: orNull(result.stdout),
    error: orNull(prefix + result.stderr + note),
    success: result.exitCode === 0 && result.limit === null,
    screenshot: images.at(-1) ?? null,
  };
}

let typescript: Promise<typeof import('typescript')> | null = null;

/** Transpiles TypeScript files on the host: text to text, type errors not checked (as tsx and esbuild do). */
async function transpile(files: readonly SandboxFile[]): Promise<{ files: SandboxFile[]; errors: string }> {
  typescript ??= import('typescript').then((m) => (m as { default?: typeof import('typescript') }).default ?? m);
  const ts = await typescript.catch((err: unknown) => {
    typescript = null;
    throw new UnsupportedLanguageError('TypeScript needs the `typescript` package installed next to this library', { cause: err });
  });
  const out: SandboxFile[] = [];
  const errors: string[] = [];
  for (const f of files) {
    if (!/\.(mts|cts|tsx?)$/.test(f.path)) continue;
    const source = typeof f.contents === 'string' ? f.contents : Buffer.from(f.contents).toString('utf8');
    const result = ts.transpileModule(source, {
      fileName: f.path,
      reportDiagnostics: true,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, jsx: ts.JsxEmit.React, esModuleInterop: true },
    });
    for (const d of result.diagnostics ?? []) {
      const pos = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : null;
      const where = pos ? `${f.path}(${pos.line + 1},${pos.character + 1})` : f.path;
      errors.push(`${where}: error TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    }
    out.push({ path: f.path.replace(/\.(mts|cts|tsx?)$/, '.js'), contents: result.outputText });
  }
  return { files: out, errors: errors.join('\n') };
}

/** A compile step that ran on the host, described like a sandbox step. */
function hostStep(argv: string[], stderr: string, startedAt: string, wallMs: number): ExecResult {
  return {
    argv, stdout: '', stderr, exitCode: stderr === '' ? 0 : 1, signal: null, limit: null,
    stdoutTruncated: false, stderrTruncated: false, stdoutBytes: 0, stderrBytes: Buffer.byteLength(stderr), timings: { startedAt, wallMs },
  };
}

async function plotImages(sandbox: Sandbox, max: number): Promise<LazyImage[]> {
  const entries = await sandbox.listFiles(PYTHON_PLOT_DIR);
  const pngs = entries.filter((e) => e.kind === 'file' && e.path.endsWith('.png')).slice(0, max);
  const images: LazyImage[] = [];
  for (const e of pngs) images.push(bytesImage(await sandbox.readFile(e.path), `sandbox:${e.path}`));
  return images;
}

export async function runProgram(sandbox: Sandbox, program: ProgramInput, options: RunProgramOptions = {}): Promise<ProgramRun> {
  const language = runnerLanguage(program.language);
  if (!language) throw new UnsupportedLanguageError(`no runner for language "${program.language}" (runners: ${RUNNER_LANGUAGES.join(', ')})`);
  workspaceParts(program.entry);
  if (!program.files.some((f) => f.path === program.entry)) throw new ConfigError(`the entry "${program.entry}" is not among the program's files`);
  const spec = LANGUAGES[language];
  const runLimits = resolveLimits(DEFAULT_LIMITS, options.limits);
  const compileLimits = resolveLimits(COMPILE_LIMITS, options.compileLimits);
  // The build folder exists before a compiler is asked to write into it.
  const buildDir = spec.compile ? [{ path: `${BUILD_DIR}/.keep`, contents: '' }] : [];
  await sandbox.writeFiles([...program.files, ...(spec.helperFiles ?? []), ...buildDir]);
  const sources = program.files.map((f) => f.path);

  let compile: ExecResult | null = null;
  if (spec.transpile === 'typescript') {
    const startedAt = new Date().toISOString();
    const t0 = performance.now();
    const { files, errors } = await transpile(program.files);
    compile = hostStep(['typescript.transpileModule', ...sources], errors, startedAt, performance.now() - t0);
    if (errors === '') await sandbox.writeFiles(files);
  } else if (spec.compile) {
    const step = spec.compile(sources, program.entry, compileLimits);
    compile = await sandbox.exec(step.argv, { limits: compileLimits, env: step.env });
  }
  const missingCompiler = compile && missingToolchain(compile);
  if (compile && missingCompiler) return unavailableRun(language, 'compile', compile, null, missingCompiler);
  if (compile && (compile.exitCode !== 0 || compile.limit !== null)) {
    return {
      language, phase: 'compile', compileFailed: true, compile, run: null, limit: compile.limit, images: [], unavailable: null,
      execution: { ...executionOf(compile, compileLimits, [], 'compile error:\n'), output: null },
    };
  }
  const step = spec.run(program.entry, runLimits);
  let env = step.env;
  if (language === 'Python' && program.files.some((f) => typeof f.contents === 'string' && PLOTTING.test(f.contents))) {
    const mpl = await matplotlibConfig(sandbox, `${PYTHON_HELPER_DIR}/mplconfig`);
    await sandbox.writeFiles(mpl.files);
    env = { ...env, ...mpl.env };
  }
  const run = await sandbox.exec(step.argv, { limits: runLimits, env, stdin: options.stdin });
  const missingRuntime = missingToolchain(run);
  if (missingRuntime) return unavailableRun(language, 'run', compile, run, missingRuntime);
  const images = language === 'Python' ? await plotImages(sandbox, options.maxImages ?? 16) : [];
  return { language, phase: 'run', compileFailed: false, compile, run, limit: run.limit, images, unavailable: null, execution: executionOf(run, runLimits, images) };
}

function unavailableRun(language: RunnerLanguage, phase: 'compile' | 'run', compile: ExecResult | null, run: ExecResult | null, command: string): ProgramRun {
  const pkg = toolchainPackage(command);
  const error = `[bcr] toolchain not available in this sandbox: ${command}${pkg ? ` (Debian package ${pkg})` : ''}`;
  return {
    language, phase, compileFailed: false, compile, run, limit: null, images: [], unavailable: command,
    // Not the program's failure: success is unknown.
    execution: { source: 'executed', output: null, error, success: null, screenshot: null },
  };
}
