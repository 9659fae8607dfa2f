/**
 * How each plain runner compiles and runs a program inside a sandbox. Paths
 * are relative to the workspace, so the same commands run in every backend.
 * Toolchains are Debian's, under /usr (the only system tree a sandbox sees).
 */
import type { Limits } from '../sandbox/types.js';
import { PYTHON_HELPER_FILES, PYTHON_LAUNCHER } from './python-helper.js';

export const RUNNER_LANGUAGES = ['Python', 'JavaScript', 'TypeScript', 'C', 'C++', 'Java', 'Go', 'Rust'] as const;
export type RunnerLanguage = (typeof RUNNER_LANGUAGES)[number];

/** Where build products go inside the workspace. */
export const BUILD_DIR = '.bcr/build';
const BINARY = `${BUILD_DIR}/main`;
const MiB = 1024 * 1024;

export interface Step {
  argv: string[];
  env?: Record<string, string>;
}

export interface LanguageSpec {
  /** Extra files the runner needs in the workspace. */
  helperFiles?: ReadonlyArray<{ path: string; contents: string }>;
  /** The compile command, when the language has one. */
  compile?: (sources: string[], entry: string, limits: Limits) => Step;
  run: (entry: string, limits: Limits) => Step;
  /** TypeScript is transpiled on the host (pure text to text: no program code runs). */
  transpile?: 'typescript';
}

const ofExt = (sources: string[], ...exts: string[]) => sources.filter((s) => exts.some((e) => s.endsWith(e)));

/**
 * JVM flags that fit under an address-space limit: measured here, the JVM
 * needs about 400 MiB of address space besides its heap (code cache, class
 * space, metaspace, thread stacks, libraries), so the heap gets the rest.
 * Crash reports go to the sandbox's /tmp, not the workspace.
 */
function jvmFlags(memoryBytes: number, prefix = ''): string[] {
  const heap = Math.max(32, Math.floor(memoryBytes / MiB) - 400);
  return [
    '-Xshare:auto', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-XX:-UsePerfData', `-Xmx${heap}m`,
    '-XX:ReservedCodeCacheSize=32m', '-XX:CompressedClassSpaceSize=32m', '-XX:MaxMetaspaceSize=64m', '-Xss512k', '-XX:ErrorFile=/tmp/hs_err_%p.log',
  ].map((f) => prefix + f);
}

const NODE = (entry: string, limits: Limits): Step => ({
  // The heap cap keeps V8's own "heap out of memory" ahead of the address-space limit.
  argv: ['/usr/bin/node', '--experimental-detect-module', '--no-warnings', `--max-old-space-size=${Math.max(16, Math.floor(limits.memoryBytes / 2 / MiB))}`, entry],
});

export const LANGUAGES: Readonly<Record<RunnerLanguage, LanguageSpec>> = {
  Python: {
    helperFiles: PYTHON_HELPER_FILES,
    run: (entry) => ({ argv: ['/usr/bin/python3', '-B', PYTHON_LAUNCHER, entry], env: { PYTHONUNBUFFERED: '1', PYTHONDONTWRITEBYTECODE: '1', MPLCONFIGDIR: '/tmp/matplotlib' } }),
  },
  JavaScript: { run: NODE },
  TypeScript: { transpile: 'typescript', run: (entry, limits) => NODE(entry.replace(/\.(mts|cts|tsx?|)$/, '.js'), limits) },
  C: {
    compile: (sources) => ({ argv: ['/usr/bin/gcc', '-O2', '-std=gnu17', '-o', BINARY, ...ofExt(sources, '.c'), '-lm'] }),
    run: () => ({ argv: [`./${BINARY}`] }),
  },
  'C++': {
    compile: (sources) => ({ argv: ['/usr/bin/g++', '-O2', '-std=gnu++17', '-o', BINARY, ...ofExt(sources, '.cpp', '.cc', '.cxx', '.c++'), '-lm'] }),
    run: () => ({ argv: [`./${BINARY}`] }),
  },
  Java: {
    compile: (sources, _entry, limits) => ({ argv: ['/usr/bin/javac', ...jvmFlags(limits.memoryBytes, '-J'), '-encoding', 'UTF-8', '-d', `${BUILD_DIR}/classes`, ...ofExt(sources, '.java')] }),
    run: (entry, limits) => ({ argv: ['/usr/bin/java', ...jvmFlags(limits.memoryBytes), '-cp', `${BUILD_DIR}/classes`, (entry.split('/').pop() ?? entry).replace(/\.java$/, '')] }),
  },
  Go: {
    compile: (sources) => ({
      argv: ['/usr/bin/go', 'build', '-o', BINARY, ...ofExt(sources, '.go')],
      // Offline and self-contained: caches in the sandbox's /tmp, never a module download.
      env: { GOCACHE: '/tmp/go-cache', GOPATH: '/tmp/go', GOPROXY: 'off', GO111MODULE: 'off', CGO_ENABLED: '0' },
    }),
    run: () => ({ argv: [`./${BINARY}`] }),
  },
  Rust: {
    compile: (_sources, entry) => ({ argv: ['/usr/bin/rustc', '--edition', '2021', '-O', '-o', BINARY, entry] }),
    run: () => ({ argv: [`./${BINARY}`] }),
  },
};

/** The program a runner's first command runs (its compiler, or its interpreter): the sandbox's `program` hint. */
export function firstProgram(language: RunnerLanguage): string {
  const spec = LANGUAGES[language];
  const step = spec.compile && !spec.transpile ? spec.compile([], 'main', COMPILE_LIMITS) : spec.run('main', COMPILE_LIMITS);
  return step.argv[0]!;
}

/** Limits of a compile step: compilers need more memory, processes and time than most programs. */
export const COMPILE_LIMITS: Readonly<Limits> = Object.freeze({
  wallMs: 60_000,
  cpuSeconds: 60,
  memoryBytes: 2048 * MiB,
  pids: 256,
  fileSizeBytes: 512 * MiB,
  outputBytes: 1 * MiB,
});

/** The canonical runner language for a name as datasets spell it (`python`, `cpp`, `C++ Runner`...), or null. */
export function runnerLanguage(name: string): RunnerLanguage | null {
  const key = name.trim().toLowerCase().replace(/\s+runner$/, '');
  const aliases: Record<string, RunnerLanguage> = {
    python: 'Python', python3: 'Python', py: 'Python',
    javascript: 'JavaScript', js: 'JavaScript', node: 'JavaScript',
    typescript: 'TypeScript', ts: 'TypeScript',
    c: 'C', 'c++': 'C++', cpp: 'C++', cxx: 'C++',
    java: 'Java', go: 'Go', golang: 'Go', rust: 'Rust', rs: 'Rust',
  };
  return aliases[key] ?? null;
}
