/**
 * The sandbox interface every backend implements (local bubblewrap, Docker,
 * E2B). The shape follows Inspect AI's sandbox environment:
 * a sandbox is created, given files, asked to run commands under limits,
 * read from, and destroyed. Everything run inside is untrusted.
 *
 * Screenshots are a separate capability (`src/exec/browser/screenshot.ts`,
 * `canScreenshot`) added to a sandbox by the warm confined browser, so code
 * tests for it instead of calling a method that pretends.
 */

/** The limits of one `exec`. Every field is enforced by every backend. */
export interface Limits {
  /** Wall-clock time, ms: past it the whole sandboxed process tree is killed. */
  wallMs: number;
  /** CPU time, seconds (whole seconds: the kernel's RLIMIT_CPU granularity). */
  cpuSeconds: number;
  /** Memory, bytes (the local backend limits address space: see backends/local.ts). */
  memoryBytes: number;
  /** Processes and threads the program may have at once. */
  pids: number;
  /** Largest file the program may write, bytes. */
  fileSizeBytes: number;
  /** Bytes kept of stdout and of stderr (each); past it the run is stopped. */
  outputBytes: number;
}

/** Which limit stopped a run, or null when none did. */
export const LIMIT_NAMES = ['wall', 'cpu', 'memory', 'pids', 'fsize', 'output'] as const;
export type LimitName = (typeof LIMIT_NAMES)[number];

export interface ExecOptions {
  /** Overrides of the sandbox's default limits for this command. */
  limits?: Partial<Limits>;
  /**
   * Extra environment variables. The program sees only the sandbox's small
   * allow-list (PATH, HOME, LANG, ...) plus these: nothing of the host's.
   */
  env?: Readonly<Record<string, string>>;
  /** Working directory, relative to the workspace (default: the workspace). */
  cwd?: string;
  /** Text given on standard input (default: none, stdin is /dev/null). */
  stdin?: string;
}

export interface ExecTimings {
  /** ISO time the command was started. */
  startedAt: string;
  /** Wall time from spawn to exit, ms. */
  wallMs: number;
}

export interface ExecResult {
  argv: readonly string[];
  stdout: string;
  stderr: string;
  /** The exit code, or null when the process died by a signal. */
  exitCode: number | null;
  /** The signal that ended the process (e.g. `SIGKILL`), or null. */
  signal: string | null;
  /** Which limit stopped the run, or null. */
  limit: LimitName | null;
  /** True when stdout / stderr went past `outputBytes` and was cut. */
  stdoutTruncated: boolean;
  stderrTruncated: boolean;
  /** Bytes the program wrote on stdout / stderr, counted before the cut. */
  stdoutBytes: number;
  stderrBytes: number;
  timings: ExecTimings;
}

/** A file to put in the workspace: a relative path and its contents. */
export interface SandboxFile {
  path: string;
  contents: string | Uint8Array;
  /** Unix mode bits (default 0o644). */
  mode?: number;
}

/** A file found in the workspace (symlinks are listed, never followed). */
export interface WorkspaceEntry {
  path: string;
  kind: 'file' | 'directory' | 'symlink' | 'other';
  size: number;
}

export interface Sandbox {
  /** The backend's name, e.g. `local`. */
  readonly backend: string;
  /** Where the workspace is as the program sees it (e.g. `/home/user`). */
  readonly workdir: string;
  /** True when the code runs without isolation (the loud opt-out). */
  readonly isolated: boolean;
  writeFiles(files: readonly SandboxFile[]): Promise<void>;
  exec(argv: readonly string[], options?: ExecOptions): Promise<ExecResult>;
  /** A workspace file's bytes. Symlinks are refused, never followed. */
  readFile(path: string, options?: { maxBytes?: number }): Promise<Uint8Array>;
  /** Every entry under a workspace folder (default: the whole workspace). */
  listFiles(dir?: string): Promise<WorkspaceEntry[]>;
  /** Stops everything still running and removes the workspace. Idempotent. */
  destroy(): Promise<void>;
}

export interface SandboxOptions {
  /** Default limits of every `exec` (each field optional). */
  limits?: Partial<Limits>;
  /** Network access; off unless set. The local backend supports only off. */
  network?: boolean;
  /**
   * Host folders the program may read, bound read-only at `target` (an
   * absolute path outside the workspace): the local backend's way to give a
   * sandbox a toolchain (the browser environments' bundler and packages).
   * Other backends carry their toolchains in their images and refuse it.
   */
  readOnlyMounts?: readonly { source: string; target: string }[];
  /**
   * The program the first command will run (e.g. `/usr/bin/g++`): a backend
   * that keeps containers warm starts the sandbox in that program's image.
   * A hint only: any command still runs.
   */
  program?: string;
}

/** Makes sandboxes of one kind. */
export interface SandboxBackend {
  readonly name: string;
  create(options?: SandboxOptions): Promise<Sandbox>;
  /** Releases what the backend keeps warm (idle containers); sandboxes made afterwards run cold. */
  close?(): Promise<void>;
}
