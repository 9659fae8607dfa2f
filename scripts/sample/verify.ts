/**
 * Checks the recorded outputs of the runner programs against real local
 * toolchains (python3, node, gcc, g++, javac/java, go, rustc): the
 * `npm run sample -- --verify` path and `test/data/sampleRunners.test.ts`.
 * Generating the sample never runs a compiler. Paths are normalised to the
 * sandbox's `/home/user`.
 *
 * Visual programs (HTML, React, Vue, Gradio, Streamlit, PyGame, Mermaid) are
 * not run here: their result is a screenshot, which needs the executor.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { failureCode, variantCode } from './programs/render.js';
import type { Environment, ProgramTask } from './programs/types.js';

interface RunResult { stdout: string; stderr: string }

const SANDBOX_HOME = '/home/user';

interface Runner {
  file: string;
  compile?: string[];
  run: string[];
  /** Debian packages that provide the commands. */
  debian: string[];
}

const RUNNERS: Partial<Record<Environment, Runner>> = {
  'Python Runner': { file: 'main.py', run: ['python3', 'main.py'], debian: ['python3'] },
  'JavaScript Runner': { file: 'main.js', run: ['node', 'main.js'], debian: ['nodejs'] },
  'C Runner': { file: 'main.c', compile: ['gcc', '-o', 'main', 'main.c', '-lm'], run: ['./main'], debian: ['gcc', 'libc6-dev'] },
  'C++ Runner': { file: 'main.cpp', compile: ['g++', '-o', 'main', 'main.cpp'], run: ['./main'], debian: ['g++'] },
  'Java Runner': { file: 'Main.java', compile: ['javac', 'Main.java'], run: ['java', 'Main'], debian: ['default-jdk-headless'] },
  'Go Runner': { file: 'main.go', run: ['go', 'run', 'main.go'], debian: ['golang-go'] },
  'Rust Runner': { file: 'main.rs', compile: ['rustc', '-o', 'main', 'main.rs'], run: ['./main'], debian: ['rustc-web'] },
};

/** The environments whose programs this module can run. */
export const RUNNER_ENVIRONMENTS = Object.keys(RUNNERS) as Environment[];

/** Runs one program with the local toolchain for its environment. */
export function runLocally(environment: Environment, code: string): RunResult {
  const runner = RUNNERS[environment];
  if (!runner) throw new Error(`no local runner for ${environment}`);
  const dir = mkdtempSync(join(tmpdir(), 'bcr-verify-'));
  try {
    writeFileSync(join(dir, runner.file), code);
    const steps = runner.compile ? [runner.compile, runner.run] : [runner.run];
    let stdout = '';
    let stderr = '';
    for (const [cmd, ...args] of steps) {
      const env = { ...process.env, NO_COLOR: '1', RUST_BACKTRACE: '0' };
      const r = spawnSync(cmd!, args, { cwd: dir, encoding: 'utf8', timeout: 60_000, env });
      if (r.error) throw new Error(`${environment}: cannot run ${cmd}: ${r.error.message}`);
      stdout += r.stdout ?? '';
      stderr += r.stderr ?? '';
      if (r.status !== 0) break;
    }
    const clean = (s: string) => s.split(dir).join(SANDBOX_HOME);
    return { stdout: clean(stdout), stderr: clean(stderr) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Masks what legitimately differs between machines and runs (Rust thread ids,
 * Go addresses, Node's version and internal line numbers, and the width of
 * Python's `~~^~~` underlines, which changed within 3.11.x), so only real
 * disagreements between code and recorded output remain.
 */
export function comparableOutput(text: string): string {
  return text
    .replace(/^( *)[~^]+ *$/gm, '$1^')
    .replace(/thread '([^']*)' \(\d+\) panicked/g, "thread '$1' panicked")
    .replace(/0x[0-9a-f]+\??/g, '0x?')
    .replace(/Node\.js v[\d.]+/g, 'Node.js v?')
    .replace(/\((node:internal\/[^:]+):\d+:\d+\)/g, '($1:?:?)')
    .replace(/(node:internal\/[^:\s]+):\d+:\d+/g, '$1:?:?');
}

/** One runnable program of the sample with what it is recorded to print. */
export interface RunnerProgram {
  task: string;
  environment: Environment;
  /** 'variant N' or 'failure N'. */
  what: string;
  /** The program file in the repository. */
  file: string;
  code: string;
  stdout: string;
  stderr: string;
}

export interface VerifyMismatch {
  task: string;
  what: string;
  field: 'stdout' | 'stderr';
  expected: string;
  actual: string;
}

/** Every variant and failure of the runner tasks (visual tasks are left out: see the header). */
export function runnerPrograms(tasks: readonly ProgramTask[], accent = '#000000'): RunnerProgram[] {
  const out: RunnerProgram[] = [];
  for (const task of tasks) {
    if (!RUNNERS[task.environment]) continue;
    const base = { task: task.id, environment: task.environment };
    task.variants.forEach((v, i) => out.push({
      ...base, what: `variant ${i}`, file: join(task.dir, v.file), code: variantCode(task, i, accent), stdout: v.stdout, stderr: '',
    }));
    task.failures.forEach((f, i) => out.push({
      ...base, what: `failure ${i}`, file: join(task.dir, f.file), code: failureCode(f, accent), stdout: f.stdout, stderr: f.stderr,
    }));
  }
  return out;
}

/** Runs one program; returns where its output differs from the recorded one (empty = it holds). */
export function checkProgram(program: RunnerProgram): VerifyMismatch[] {
  const r = runLocally(program.environment, program.code);
  const out: VerifyMismatch[] = [];
  for (const field of ['stdout', 'stderr'] as const) {
    if (comparableOutput(r[field]) !== comparableOutput(program[field])) {
      out.push({ task: program.task, what: program.what, field, expected: program[field], actual: r[field] });
    }
  }
  return out;
}

/** Runs every runner variant and failure; returns the mismatches (empty = all recorded outputs hold). */
export function verifyRunnerPrograms(tasks: readonly ProgramTask[], accent = '#000000'): VerifyMismatch[] {
  return runnerPrograms(tasks, accent).flatMap(checkProgram);
}

/** The commands an environment's programs need. */
export function toolchainCommands(environment: Environment): string[] {
  const runner = RUNNERS[environment];
  if (!runner) return [];
  return [...new Set([...(runner.compile ? [runner.compile[0]!] : []), runner.run[0]!])].filter((c) => !c.startsWith('./'));
}

/** The Debian packages that provide an environment's toolchain. */
export function debianPackages(environment: Environment): string[] {
  return RUNNERS[environment]?.debian ?? [];
}

function onPath(command: string): boolean {
  try {
    execFileSync('sh', ['-c', 'command -v "$1"', 'sh', command], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Commands of `environments` (default: every runner) that are not on PATH. */
export function missingToolchains(environments: readonly Environment[] = RUNNER_ENVIRONMENTS): string[] {
  return [...new Set(environments.flatMap(toolchainCommands))].filter((c) => !onPath(c));
}
