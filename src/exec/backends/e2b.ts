/**
 * The E2B backend: one E2B cloud sandbox (a Firecracker microVM made from the
 * template in `sandboxes/e2b/`) per `Sandbox`, killed by `destroy`. The VM is
 * the isolation boundary; inside it every command still runs under our
 * limits and a scrubbed environment, so results read the same as on the
 * local and Docker backends.
 *
 * - Timeouts are always explicit, never E2B's defaults (BRIEF §7/§8: a
 *   command's default 60 s kills long runs and background servers): the
 *   sandbox is created with `timeoutMs` = `lifetimeMs` and extended with
 *   `setTimeout` before a command that would outlive it; every command is
 *   started with `timeoutMs` = its wall limit plus a grace (servers: 0, no
 *   limit, until stopped) and a `requestTimeoutMs`.
 * - A supervisor killed mid-run cannot kill its VMs: they end at their
 *   lifetime, which is why it is explicit and short (10 minutes).
 * - Wall time and output bytes are enforced here (the command is killed);
 *   CPU, address space, processes and file size by `prlimit` inside; the
 *   environment by `env -i` and the allow-list of `../sandbox/env.ts` (the
 *   VM's own variables never reach the program).
 * - A program killed by signal N shows as exit 128+N of the wrapping shell.
 * - Network: `allowInternetAccess` is false unless `network: true`.
 * - The API key comes from `E2B_API_KEY` (or the option); it is given to the
 *   SDK only, never to a command, a file or a message.
 * - `serve()` starts an app (Streamlit, Gradio, a static server) in the
 *   background and waits until its port answers inside the sandbox before
 *   giving the URL a browser can screenshot (a template whose port never
 *   opens fails with the server's own output, not a blank page).
 *
 * The SDK is loaded on first use. Tests inject a class with the SDK's shape
 * (`sdk`), which is the only fake: everything above it is this code.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { performance } from 'node:perf_hooks';
import { CappedBuffer } from '../sandbox/capture.js';
import { sandboxEnvironment } from '../sandbox/env.js';
import { SandboxConfigError, SandboxFileError, SandboxStateError, SandboxUnavailableError } from '../sandbox/errors.js';
import { execResult, unwrapExitStatus } from '../sandbox/exec-result.js';
import { DEFAULT_LIMITS, resolveLimits } from '../sandbox/limits.js';
import type { ExecOptions, ExecResult, Limits, Sandbox, SandboxBackend, SandboxFile, SandboxOptions, WorkspaceEntry } from '../sandbox/types.js';
import { workspaceParts } from '../sandbox/workspace.js';

/** The name `sandboxes/e2b/e2b.toml` gives the template. */
export const E2B_TEMPLATE = 'bcr-sandbox';
const WORKDIR = '/home/user';
const USER = 'user';
/** Room past a command's wall limit before E2B's own command timeout would fire. */
const GRACE_MS = 15_000;
const REQUEST_MS = 60_000;
const MiB = 1024 * 1024;

// The SDK surface this backend uses, structurally: the real `Sandbox` class of `e2b` satisfies it (checked where it is loaded).
export interface E2BCommandResult { exitCode: number; stdout: string; stderr: string; error?: string }
export interface E2BCommandHandle {
  readonly pid: number;
  readonly exitCode?: number;
  wait(): Promise<E2BCommandResult>;
  kill(): Promise<boolean>;
}
export interface E2BCommandOptions {
  background: true;
  cwd?: string;
  user?: 'user' | 'root';
  envs?: Record<string, string>;
  onStdout?: (data: string) => void | Promise<void>;
  onStderr?: (data: string) => void | Promise<void>;
  timeoutMs?: number;
  requestTimeoutMs?: number;
}
export interface E2BEntry { name: string; path: string; type?: string; size: number; symlinkTarget?: string }
export interface E2BSdkSandbox {
  readonly sandboxId: string;
  readonly files: {
    write(files: Array<{ path: string; data: string | ArrayBuffer }>, opts?: { requestTimeoutMs?: number }): Promise<unknown>;
    read(path: string, opts: { format: 'bytes'; requestTimeoutMs?: number }): Promise<Uint8Array>;
    list(path: string, opts?: { depth?: number; requestTimeoutMs?: number }): Promise<E2BEntry[]>;
    getInfo(path: string, opts?: { requestTimeoutMs?: number }): Promise<E2BEntry>;
  };
  readonly commands: { run(cmd: string, opts: E2BCommandOptions): Promise<E2BCommandHandle> };
  kill(opts?: { requestTimeoutMs?: number }): Promise<boolean>;
  setTimeout(timeoutMs: number, opts?: { requestTimeoutMs?: number }): Promise<void>;
  getHost(port: number): string;
}
export interface E2BCreateOptions {
  apiKey: string;
  timeoutMs: number;
  requestTimeoutMs: number;
  allowInternetAccess: boolean;
  metadata: Record<string, string>;
  envs: Record<string, string>;
}
export interface E2BSdk {
  create(template: string, opts: E2BCreateOptions): Promise<E2BSdkSandbox>;
}

export interface E2BBackendOptions {
  /** The API key (default: `E2B_API_KEY`). */
  apiKey?: string;
  /** Template name or id (default `bcr-sandbox`, see sandboxes/e2b/). */
  template?: string;
  /** Sandbox lifetime at creation, ms (default 10 minutes); extended before a command that needs longer. */
  lifetimeMs?: number;
  /** The SDK's `Sandbox` class (default: the `e2b` package's). Tests pass a fake with its shape. */
  sdk?: E2BSdk;
  /** Scheme of app URLs from `serve` (default `https`, as E2B serves ports). */
  appScheme?: 'https' | 'http';
}

export interface ServeOptions {
  /** The port the app listens on inside the sandbox. */
  port: number;
  /** How long to wait for the port to answer (default 60 s). */
  readyTimeoutMs?: number;
  env?: Readonly<Record<string, string>>;
  cwd?: string;
}

export interface ServedApp {
  /** Where a browser outside the sandbox reaches the app. */
  url: string;
  /** Ms from start until the port answered. */
  readyMs: number;
  /** Stops the server (destroy stops it too). */
  stop(): Promise<void>;
}

const quote = (s: string): string => (/^[\w./=:@%+,-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`);

async function loadSdk(): Promise<E2BSdk> {
  const { Sandbox } = await import('e2b');
  // The real class, seen through the surface above (a type error here means the SDK changed shape).
  const sdk: E2BSdk = { create: (template, opts) => Sandbox.create(template, opts) };
  return sdk;
}

/** The E2B backend (see the module comment). */
export function e2bBackend(options: E2BBackendOptions = {}): SandboxBackend {
  const lifetimeMs = options.lifetimeMs ?? 10 * 60_000;
  if (!(Number.isInteger(lifetimeMs) && lifetimeMs > 0)) throw new SandboxConfigError(`lifetimeMs must be a positive integer, got ${lifetimeMs}`);
  let sdk: Promise<E2BSdk> | null = null;
  return {
    name: 'e2b',
    async create(sandboxOptions: SandboxOptions = {}): Promise<E2BSandbox> {
      const apiKey = options.apiKey ?? process.env.E2B_API_KEY;
      if (!apiKey) throw new SandboxUnavailableError('the e2b backend needs an API key: set E2B_API_KEY (read from the environment only, never passed to the code), or use --backend local or docker');
      sdk ??= options.sdk ? Promise.resolve(options.sdk) : loadSdk();
      sdk.catch(() => { sdk = null; });
      const limits = resolveLimits(DEFAULT_LIMITS, sandboxOptions.limits);
      const network = sandboxOptions.network === true;
      const id = randomUUID().slice(0, 12);
      const template = options.template ?? E2B_TEMPLATE;
      const vm = await (await sdk).create(template, {
        apiKey, timeoutMs: lifetimeMs, requestTimeoutMs: REQUEST_MS, allowInternetAccess: network,
        metadata: { 'org.bcr.sandbox': id, 'org.bcr.owner': `${hostname()}:${process.pid}` },
        envs: {},
      }).catch((err: unknown) => {
        // The SDK's message, never the options (they hold the key).
        throw new SandboxUnavailableError(`could not create an E2B sandbox from template ${template}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
      });
      return new E2BSandbox(vm, limits, lifetimeMs, options.appScheme ?? 'https');
    },
  };
}

/** A sandbox on E2B; `serve` is its extra for app environments. */
export class E2BSandbox implements Sandbox {
  readonly backend = 'e2b';
  readonly workdir = WORKDIR;
  readonly isolated = true;
  private destroyed = false;
  private deadline: number;
  private stdinFiles = 0;
  private readonly running = new Set<E2BCommandHandle>();

  constructor(private readonly vm: E2BSdkSandbox, private readonly limits: Limits, private readonly lifetimeMs: number, private readonly scheme: string) {
    this.deadline = Date.now() + lifetimeMs;
  }

  private alive(): void {
    if (this.destroyed) throw new SandboxStateError('the sandbox was destroyed');
  }

  /** Keeps the VM alive for at least `ms` more (E2B kills it at its timeout, whatever runs). */
  private async keepFor(ms: number): Promise<void> {
    if (Date.now() + ms <= this.deadline) return;
    const next = Math.max(this.lifetimeMs, ms);
    await this.vm.setTimeout(next, { requestTimeoutMs: REQUEST_MS });
    this.deadline = Date.now() + next;
  }

  async writeFiles(files: readonly SandboxFile[]): Promise<void> {
    this.alive();
    const entries = files.map((f) => {
      const parts = workspaceParts(f.path);
      const data = typeof f.contents === 'string' ? f.contents : f.contents.buffer.slice(f.contents.byteOffset, f.contents.byteOffset + f.contents.byteLength) as ArrayBuffer;
      return { path: [WORKDIR, ...parts].join('/'), data, mode: f.mode };
    });
    for (const e of entries) await this.refuseSymlinks(e.path, e.path.slice(WORKDIR.length + 1), true);
    if (entries.length > 0) await this.vm.files.write(entries.map(({ path, data }) => ({ path, data })), { requestTimeoutMs: REQUEST_MS });
    // The SDK writes 0644 files; other modes are set by a command of ours.
    const modes = entries.filter((e) => e.mode !== undefined && e.mode !== 0o644);
    for (const e of modes) {
      const r = await this.exec(['/bin/chmod', e.mode!.toString(8), e.path]);
      if (r.exitCode !== 0) throw new SandboxFileError(`cannot set mode ${e.mode!.toString(8)}: ${r.stderr.trim()}`, { file: e.path.slice(WORKDIR.length + 1) });
    }
  }

  /** Refuses when any existing component of the workspace path `abs` is a symlink (the SDK would follow it). */
  private async refuseSymlinks(abs: string, rel: string, missingOk: boolean): Promise<void> {
    const parts = abs.slice(WORKDIR.length + 1).split('/');
    let cur = WORKDIR;
    for (const part of parts) {
      cur = `${cur}/${part}`;
      const info = await this.vm.files.getInfo(cur, { requestTimeoutMs: REQUEST_MS }).catch((err: unknown) => {
        if (isNotFound(err)) return null;
        throw err;
      });
      if (info === null) {
        if (missingOk) return;
        throw new SandboxFileError('no such file in the workspace', { file: rel });
      }
      if (info.type === 'symlink' || info.symlinkTarget) throw new SandboxFileError(`"${cur.slice(WORKDIR.length + 1)}" is a symlink: not followed`, { file: rel });
    }
  }

  async readFile(file: string, options: { maxBytes?: number } = {}): Promise<Uint8Array> {
    this.alive();
    const parts = workspaceParts(file);
    const abs = [WORKDIR, ...parts].join('/');
    await this.refuseSymlinks(abs, file, false);
    const info = await this.vm.files.getInfo(abs, { requestTimeoutMs: REQUEST_MS });
    if (info.type !== undefined && info.type !== 'file') throw new SandboxFileError('not a regular file', { file });
    const max = options.maxBytes ?? 64 * MiB;
    if (info.size > max) throw new SandboxFileError(`file is ${info.size} bytes, over the ${max}-byte read cap`, { file });
    return this.vm.files.read(abs, { format: 'bytes', requestTimeoutMs: REQUEST_MS });
  }

  async listFiles(dir?: string): Promise<WorkspaceEntry[]> {
    this.alive();
    const base = dir === undefined ? WORKDIR : [WORKDIR, ...workspaceParts(dir)].join('/');
    if (dir !== undefined) {
      const info = await this.vm.files.getInfo(base, { requestTimeoutMs: REQUEST_MS }).catch((err: unknown) => {
        if (isNotFound(err)) return null;
        throw err;
      });
      if (info === null || info.type !== 'dir') return [];
      await this.refuseSymlinks(base, dir, false);
    }
    const entries = await this.vm.files.list(base, { depth: 64, requestTimeoutMs: REQUEST_MS });
    return entries
      .filter((e) => e.path.startsWith(`${WORKDIR}/`))
      .map((e): WorkspaceEntry => ({
        path: e.path.slice(WORKDIR.length + 1),
        kind: e.type === 'symlink' || e.symlinkTarget ? 'symlink' : e.type === 'dir' ? 'directory' : e.type === 'file' ? 'file' : 'other',
        size: e.size,
      }))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /** The shell line that runs argv under prlimit and a scrubbed environment; the trailing `exit` keeps the shell (no exec), so a signal shows as 128+N. */
  private commandLine(argv: readonly string[], limits: Limits, env: Record<string, string>, stdin: string): string {
    const prlimit = [
      '/usr/bin/prlimit', `--cpu=${limits.cpuSeconds}:${limits.cpuSeconds + 1}`, `--as=${limits.memoryBytes}`,
      `--nproc=${limits.pids}`, `--fsize=${limits.fileSizeBytes}`, '--core=0', '--',
    ];
    const words = ['/usr/bin/env', '-i', ...Object.entries(env).map(([k, v]) => `${k}=${v}`), ...prlimit, ...argv];
    return `${words.map(quote).join(' ')} < ${quote(stdin)}\nexit $?`;
  }

  async exec(argv: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
    this.alive();
    if (argv.length === 0 || argv.some((a) => typeof a !== 'string' || a.includes('\0'))) throw new SandboxConfigError('exec needs a non-empty argv of strings');
    if (argv[0]!.includes('=')) throw new SandboxConfigError(`the program's name may not contain "=": ${argv[0]}`);
    const limits = resolveLimits(this.limits, options.limits);
    const cwdParts = options.cwd === undefined ? [] : workspaceParts(options.cwd);
    const env = sandboxEnvironment(WORKDIR, options.env);
    let stdin = '/dev/null';
    if (options.stdin !== undefined) {
      const rel = `.bcr/stdin/${++this.stdinFiles}`;
      await this.writeFiles([{ path: rel, contents: options.stdin }]);
      stdin = `${WORKDIR}/${rel}`;
    }
    await this.keepFor(limits.wallMs + GRACE_MS + REQUEST_MS);
    this.alive();
    const stdout = new CappedBuffer(limits.outputBytes);
    const stderr = new CappedBuffer(limits.outputBytes);
    let killedFor: 'wall' | 'output' | null = null;
    let handle: E2BCommandHandle | null = null;
    let killing: Promise<unknown> | null = null;
    const kill = (why: 'wall' | 'output'): void => {
      if (killedFor === null) killedFor = why;
      if (handle) killing ??= handle.kill().catch(() => false);
    };
    const startedAt = new Date().toISOString();
    const t0 = performance.now();
    handle = await this.vm.commands.run(this.commandLine(argv, limits, env, stdin), {
      background: true, user: USER, cwd: [WORKDIR, ...cwdParts].join('/'), envs: {},
      timeoutMs: limits.wallMs + GRACE_MS, requestTimeoutMs: REQUEST_MS,
      onStdout: (data) => { if (!stdout.push(Buffer.from(data))) kill('output'); },
      onStderr: (data) => { if (!stderr.push(Buffer.from(data))) kill('output'); },
    });
    this.running.add(handle);
    if (killedFor !== null) killing ??= handle.kill().catch(() => false);
    const wall = setTimeout(() => kill('wall'), limits.wallMs);
    let exitCode: number | null;
    let signal: string | null = null;
    try {
      const result = await handle.wait().catch((err: unknown) => {
        if (isTimeout(err)) {
          killedFor ??= 'wall';
          return null;
        }
        const r = commandResultOf(err);
        if (r) return r;
        if (this.destroyed) return null;
        throw new SandboxStateError(`the E2B command of ${argv[0]} failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
      });
      ({ exitCode, signal } = unwrapExitStatus(result && result.exitCode >= 0 ? result.exitCode : null, null));
      if (result === null || result.exitCode < 0) signal = 'SIGKILL';
    } finally {
      clearTimeout(wall);
      this.running.delete(handle);
    }
    await killing;
    if (killedFor !== null) {
      exitCode = null;
      signal = 'SIGKILL';
    }
    return execResult({ argv, stdout, stderr, exitCode, signal, killedFor, startedAt, wallMs: performance.now() - t0 });
  }

  /** Starts an app server in the background and waits until `port` answers inside the sandbox. */
  async serve(argv: readonly string[], options: ServeOptions): Promise<ServedApp> {
    this.alive();
    if (!(Number.isInteger(options.port) && options.port > 0 && options.port < 65536)) throw new SandboxConfigError(`bad port ${options.port}`);
    const readyTimeoutMs = options.readyTimeoutMs ?? 60_000;
    const limits = { ...this.limits, wallMs: readyTimeoutMs };
    const env = sandboxEnvironment(WORKDIR, options.env);
    const cwdParts = options.cwd === undefined ? [] : workspaceParts(options.cwd);
    await this.keepFor(readyTimeoutMs + GRACE_MS + REQUEST_MS);
    const out = new CappedBuffer(64 * 1024);
    const t0 = performance.now();
    // timeoutMs 0: no command timeout, the server runs until stopped (E2B's 60 s default would kill it).
    const server = await this.vm.commands.run(this.commandLine(argv, limits, env, '/dev/null'), {
      background: true, user: USER, cwd: [WORKDIR, ...cwdParts].join('/'), envs: {}, timeoutMs: 0, requestTimeoutMs: REQUEST_MS,
      onStdout: (d) => void out.push(Buffer.from(d)), onStderr: (d) => void out.push(Buffer.from(d)),
    });
    this.running.add(server);
    let ended = false;
    void server.wait().then(() => { ended = true; }, () => { ended = true; });
    const probe = ['/usr/bin/python3', '-c', 'import socket, sys\ns = socket.socket()\ns.settimeout(1)\ns.connect(("127.0.0.1", int(sys.argv[1])))', String(options.port)];
    const open = async () => !this.destroyed && (await this.exec(probe, { limits: { wallMs: 5000 } })).exitCode === 0;
    const stop = async () => {
      this.running.delete(server);
      await server.kill().catch(() => false);
      // The kill reaches the server's process; its children go when the shell does. Wait (briefly) until the port is closed;
      // whatever still runs dies with the VM at destroy.
      const end = performance.now() + 5000;
      while (performance.now() < end && (await open().catch(() => false))) await new Promise((resolve) => setTimeout(resolve, 100));
    };
    while (performance.now() - t0 < readyTimeoutMs) {
      if (ended) break;
      if (await open()) return { url: `${this.scheme}://${this.vm.getHost(options.port)}`, readyMs: Math.round(performance.now() - t0), stop };
      if (ended) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    this.running.delete(server);
    await server.kill().catch(() => false);
    const said = out.text().trim().split('\n').slice(-20).join('\n');
    const what = ended ? `the app exited before its port ${options.port} opened` : `the app did not open port ${options.port} within ${readyTimeoutMs} ms`;
    throw new SandboxStateError(`${what}${said ? `; it said:\n${said}` : ''}`);
  }

  async destroy(): Promise<void> {
    if (this.destroyed) return;
    this.destroyed = true;
    // Killing the VM ends every process in it, detached children included.
    await this.vm.kill({ requestTimeoutMs: REQUEST_MS }).catch(() => false);
    this.running.clear();
  }
}

const isNotFound = (err: unknown): boolean => err instanceof Error && (err.name === 'FileNotFoundError' || err.name === 'NotFoundError');
const isTimeout = (err: unknown): boolean => err instanceof Error && err.name === 'TimeoutError';

/** A non-zero exit arrives as the SDK's CommandExitError, which carries the result. */
function commandResultOf(err: unknown): E2BCommandResult | null {
  if (!(err instanceof Error) || err.name !== 'CommandExitError') return null;
  const e = err as Error & Partial<E2BCommandResult>;
  return typeof e.exitCode === 'number' ? { exitCode: e.exitCode, stdout: e.stdout ?? '', stderr: e.stderr ?? '' } : null;
}
