/**
 * The local backend: each `exec` is one bubblewrap sandbox over a private
 * workspace folder.
 *
 * - Namespaces: `--unshare-all` (user, pid, net, ipc, uts, cgroup): no
 *   network (only loopback of its own, which nothing listens on), no view of
 *   host processes. `--die-with-parent` and the pid namespace mean that when
 *   the supervisor kills bubblewrap, every process of the run dies with it,
 *   children that detached (`setsid`, double fork) included.
 * - File system: a read-only `/usr` (and the `/bin`, `/lib*` links), a few
 *   read-only files of `/etc` (loader cache, Java and Python config; a
 *   made-up `passwd`), fresh `/proc`, `/dev` and a size-capped tmpfs `/tmp`;
 *   the workspace is the only writable host folder, seen as `/home/user`.
 *   Nothing of `/root`, `/home`, the project or the host's `/tmp` is there.
 * - Environment: `--clearenv`, then the allow-list of `../sandbox/env.ts`.
 * - User: the program runs as uid 1000 with no capabilities. When the host
 *   side is root, bubblewrap itself is started as `nobody` (setpriv), so the
 *   processes count against an unprivileged user and RLIMIT_NPROC holds
 *   (the kernel does not apply it to root).
 * - Limits: `prlimit` inside the sandbox sets RLIMIT_CPU (SIGXCPU, then
 *   SIGKILL a second later), RLIMIT_AS, RLIMIT_NPROC, RLIMIT_FSIZE and no
 *   core files; the supervisor enforces wall time and output bytes itself.
 *
 * Memory is limited as address space (RLIMIT_AS). Measured on this machine
 * (root in a VM, cgroup v1 controllers mounted): RLIMIT_AS works unprivileged
 * and per process, and the program sees a failed allocation (MemoryError,
 * bad_alloc, OutOfMemoryError), which names the limit. It over-counts
 * runtimes that reserve address space up front: Node needs about 1 GiB of it
 * to start, and the JVM about 400 MiB besides its heap (the runners size
 * their heaps to fit). A cgroup memory limit counts resident memory instead:
 * as root here a v1 memory cgroup can be made and enforces (a cgroup of
 * 100 MiB OOM-killed a Python process touching 300 MB: exit 137), but it
 * needs a root supervisor, cgroup v1/v2 differ, and bubblewrap runs
 * unprivileged, so this backend does not use it (the Docker backend will:
 * `--memory`). The tmpfs `/tmp` is capped at the file size limit.
 *
 * The exit status through bubblewrap: a program killed by signal N is seen
 * as exit code 128+N (bubblewrap's convention, as a shell's); this backend
 * reports it as that signal.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { constants as fsConstants } from 'node:fs';
import { access, chmod, lstat, mkdir, mkdtemp, readlink, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { CappedBuffer } from '../sandbox/capture.js';
import { sandboxEnvironment } from '../sandbox/env.js';
import { SandboxConfigError, SandboxStateError, SandboxUnavailableError } from '../sandbox/errors.js';
import { DEFAULT_LIMITS, resolveLimits } from '../sandbox/limits.js';
import { execResult, unwrapExitStatus } from '../sandbox/exec-result.js';
import { HostWorkspace } from '../sandbox/host-workspace.js';
import type { ExecOptions, ExecResult, Limits, Sandbox, SandboxBackend, SandboxOptions } from '../sandbox/types.js';
import { removeStaleWorkspaces, workspacePrefix } from '../sandbox/stale-workspaces.js';
import { ownedDir, workspaceParts, type WorkspaceOwner } from '../sandbox/workspace.js';

export interface LocalBackendOptions {
  /** Path of `bwrap` (default: found on PATH). */
  bwrapPath?: string;
  /**
   * Runs code WITHOUT isolation: no namespaces, the host's file system and
   * network. Limits and the scrubbed environment still apply. Only for
   * trusted code on a machine without bubblewrap.
   */
  unsafeNoIsolation?: boolean;
  /** Where workspaces are made (default: the OS temp folder). */
  tmpDir?: string;
}

/** The sandboxed user (uid/gid inside) and where the workspace is seen. */
const INNER_ID = 1000;
const WORKDIR = '/home/user';
/** The user bubblewrap runs as when the host side is root. */
const NOBODY: WorkspaceOwner = { uid: 65534, gid: 65534 };
/** Files of /etc a toolchain needs; each bound read-only when present. */
const ETC_FILES = ['ld.so.cache', 'ld.so.conf', 'ld.so.conf.d', 'alternatives', 'java-17-openjdk', 'python3', 'python3.11', 'matplotlibrc', 'localtime', 'mime.types', 'fonts'];
const INSTALL_HINT = 'install it with `apt-get install bubblewrap`, or pass unsafeNoIsolation: true (CLI: --unsafe-no-sandbox) to run code WITHOUT isolation';

async function executable(file: string): Promise<boolean> {
  return access(file, fsConstants.X_OK).then(() => true, () => false);
}

/** The first executable `name` on PATH (or the given absolute path), else null. */
export async function findExecutable(name: string, searchPath = process.env.PATH ?? '/usr/bin:/bin'): Promise<string | null> {
  if (name.includes('/')) return (await executable(name)) ? name : null;
  for (const dir of searchPath.split(':')) {
    if (dir && (await executable(path.join(dir, name)))) return path.join(dir, name);
  }
  return null;
}

interface Tools {
  bwrap: string | null;
  setpriv: string | null;
  prlimit: string;
}

async function findTools(options: LocalBackendOptions): Promise<Tools> {
  const prlimit = await findExecutable('prlimit');
  if (!prlimit) throw new SandboxUnavailableError('prlimit (util-linux) was not found: it sets the resource limits of sandboxed runs');
  if (options.unsafeNoIsolation) return { bwrap: null, setpriv: null, prlimit };
  const bwrap = await findExecutable(options.bwrapPath ?? 'bwrap');
  if (!bwrap) throw new SandboxUnavailableError(`bubblewrap (${options.bwrapPath ?? 'bwrap'}) was not found, so untrusted code is refused: ${INSTALL_HINT}`);
  const root = process.getuid?.() === 0;
  const setpriv = root ? await findExecutable('setpriv') : null;
  if (root && !setpriv) throw new SandboxUnavailableError('running as root needs setpriv (util-linux) to start bubblewrap as an unprivileged user');
  return { bwrap, setpriv, prlimit };
}

/** The host's top-level link or folder for `/bin`, `/lib`...: mirrored as is. */
async function topLevelMounts(): Promise<string[]> {
  const args: string[] = [];
  for (const name of ['bin', 'sbin', 'lib', 'lib32', 'lib64', 'libx32']) {
    const st = await lstat(`/${name}`).catch(() => null);
    if (!st) continue;
    if (st.isSymbolicLink()) {
      args.push('--symlink', await readlink(`/${name}`), `/${name}`);
    } else if (st.isDirectory()) args.push('--ro-bind', `/${name}`, `/${name}`);
  }
  return args;
}

/** The local backend (see the module comment). */
export function localBackend(options: LocalBackendOptions = {}): SandboxBackend {
  let tools: Promise<Tools> | null = null;
  let warned = false;
  return {
    name: options.unsafeNoIsolation ? 'local-unsafe' : 'local',
    async create(sandboxOptions: SandboxOptions = {}): Promise<Sandbox> {
      // Found and probed once per backend; a failure is not remembered, so installing bubblewrap fixes the next call.
      tools ??= findTools(options).then(async (t) => {
        // Workspaces of a supervisor killed mid-run (bubblewrap took its processes with it; the folders stay).
        await removeStaleWorkspaces(options.tmpDir ?? tmpdir(), 'sandbox');
        if (t.bwrap) await probe(t, options.tmpDir ?? tmpdir());
        return t;
      });
      tools.catch(() => { tools = null; });
      const found = await tools;
      if (options.unsafeNoIsolation && !warned) {
        warned = true;
        process.emitWarning('the local sandbox backend runs with unsafeNoIsolation: code runs WITHOUT isolation, with your user\'s rights', 'UnsafeNoIsolation');
      }
      // Without isolation the program has the host's network whatever is asked: that is what the option's name says.
      const limits = resolveLimits(DEFAULT_LIMITS, sandboxOptions.limits);
      const sandbox = await LocalSandbox.make(found, limits, sandboxOptions.network === true, options.tmpDir ?? tmpdir());
      for (const m of sandboxOptions.readOnlyMounts ?? []) {
        if (!path.isAbsolute(m.source) || !path.isAbsolute(m.target) || m.target === WORKDIR || m.target.startsWith(`${WORKDIR}/`)) {
          await sandbox.destroy();
          throw new SandboxConfigError(`a read-only mount needs absolute paths outside the workspace: ${m.source} -> ${m.target}`);
        }
        sandbox.mounts.push('--ro-bind', m.source, m.target);
      }
      return sandbox;
    },
  };
}

/** Runs `true` in a sandbox: bubblewrap can be present yet unable to make namespaces (a container, a sysctl). */
async function probe(tools: Tools, tmp: string): Promise<void> {
  const sandbox = await LocalSandbox.make(tools, DEFAULT_LIMITS, false, tmp);
  try {
    const r = await sandbox.exec(['/usr/bin/true'], { limits: { wallMs: 10_000 } });
    if (r.exitCode !== 0) {
      const said = (r.stderr || r.stdout).trim() || `exit ${r.exitCode ?? r.signal}`;
      throw new SandboxUnavailableError(`bubblewrap (${tools.bwrap}) is installed but cannot make a sandbox here: ${said}. Check that user namespaces are allowed (sysctl kernel.unprivileged_userns_clone=1, user.max_user_namespaces > 0), or ${INSTALL_HINT.replace(/^install it with `apt-get install bubblewrap`, or /, '')}`);
    }
  } finally {
    await sandbox.destroy();
  }
}

class LocalSandbox extends HostWorkspace implements Sandbox {
  readonly backend: string;
  readonly workdir: string;
  readonly isolated: boolean;
  private readonly running = new Set<ChildProcess>();

  private constructor(
    private readonly tools: Tools,
    private readonly limits: Limits,
    private readonly network: boolean,
    private readonly root: string,
    home: string,
    owner: WorkspaceOwner | undefined,
    readonly mounts: string[],
  ) {
    super(home, owner);
    this.isolated = tools.bwrap !== null;
    this.backend = this.isolated ? 'local' : 'local-unsafe';
    this.workdir = this.isolated ? WORKDIR : home;
  }

  static async make(tools: Tools, limits: Limits, network: boolean, tmp: string): Promise<LocalSandbox> {
    const root = await mkdtemp(workspacePrefix(tmp, 'sandbox'));
    const owner = tools.setpriv ? NOBODY : undefined;
    // The root is traversable (bubblewrap runs as `owner` and binds from it); the workspace is the owner's alone.
    await chmod(root, 0o711);
    const home = path.join(root, 'home');
    await ownedDir(home, owner);
    let mounts: string[] = [];
    if (tools.bwrap) {
      await mkdir(path.join(root, 'etc'), { mode: 0o755 });
      await writeFile(path.join(root, 'etc', 'passwd'), `root:x:0:0::/root:/usr/sbin/nologin\nuser:x:${INNER_ID}:${INNER_ID}::${WORKDIR}:/bin/sh\nnobody:x:65534:65534::/nonexistent:/usr/sbin/nologin\n`, { mode: 0o644 });
      await writeFile(path.join(root, 'etc', 'group'), `root:x:0:\nuser:x:${INNER_ID}:\nnogroup:x:65534:\n`, { mode: 0o644 });
      await writeFile(path.join(root, 'etc', 'hosts'), '127.0.0.1 localhost sandbox\n::1 localhost\n', { mode: 0o644 });
      mounts = [...(await topLevelMounts())];
      for (const name of ETC_FILES) mounts.push('--ro-bind-try', `/etc/${name}`, `/etc/${name}`);
      for (const name of ['passwd', 'group', 'hosts']) mounts.push('--ro-bind', path.join(root, 'etc', name), `/etc/${name}`);
    }
    return new LocalSandbox(tools, limits, network, root, home, owner, mounts);
  }

  /** The command line that runs `argv` under the limits (and the sandbox). */
  private commandLine(argv: readonly string[], limits: Limits, env: Record<string, string>, cwdParts: string[]): { file: string; args: string[]; cwd: string } {
    const prlimit = [
      `--cpu=${limits.cpuSeconds}:${limits.cpuSeconds + 1}`,
      `--as=${limits.memoryBytes}`,
      `--nproc=${limits.pids}`,
      `--fsize=${limits.fileSizeBytes}`,
      '--core=0',
      '--',
      ...argv,
    ];
    if (!this.tools.bwrap) return { file: this.tools.prlimit, args: prlimit, cwd: path.join(this.home, ...cwdParts) };
    const bwrap = [
      '--unshare-all', ...(this.network ? ['--share-net'] : []),
      '--die-with-parent', '--new-session', '--cap-drop', 'ALL',
      '--uid', String(INNER_ID), '--gid', String(INNER_ID), '--hostname', 'sandbox',
      '--ro-bind', '/usr', '/usr',
      ...this.mounts,
      '--proc', '/proc', '--dev', '/dev',
      '--size', String(limits.fileSizeBytes), '--tmpfs', '/tmp',
      '--bind', this.home, WORKDIR,
      '--remount-ro', '/',
      '--chdir', [WORKDIR, ...cwdParts].join('/'),
      '--clearenv',
      ...Object.entries(env).flatMap(([k, v]) => ['--setenv', k, v]),
      '--', '/usr/bin/prlimit', ...prlimit,
    ];
    if (this.tools.setpriv) {
      return {
        file: this.tools.setpriv,
        args: [`--reuid=${NOBODY.uid}`, `--regid=${NOBODY.gid}`, '--clear-groups', '--inh-caps=-all', this.tools.bwrap, ...bwrap],
        cwd: '/',
      };
    }
    return { file: this.tools.bwrap, args: bwrap, cwd: '/' };
  }

  async exec(argv: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
    this.alive();
    if (argv.length === 0 || argv.some((a) => typeof a !== 'string' || a.includes('\0'))) throw new SandboxConfigError('exec needs a non-empty argv of strings');
    const limits = resolveLimits(this.limits, options.limits);
    const cwdParts = options.cwd === undefined ? [] : workspaceParts(options.cwd);
    const env = sandboxEnvironment(this.workdir, options.env);
    const { file, args, cwd } = this.commandLine(argv, limits, env, cwdParts);
    const startedAt = new Date().toISOString();
    const t0 = performance.now();
    // Unsafe mode passes the scrubbed environment to the program itself; bubblewrap gets only PATH (it clears it anyway).
    const child = spawn(file, args, {
      cwd,
      env: this.isolated ? { PATH: '/usr/bin:/bin' } : env,
      stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      detached: true, // its own process group, so a kill reaches everything it started on the host side
    });
    this.running.add(child);
    const stdout = new CappedBuffer(limits.outputBytes);
    const stderr = new CappedBuffer(limits.outputBytes);
    let killedFor: 'wall' | 'output' | null = null;
    const kill = (why: 'wall' | 'output' | null): void => {
      if (why && killedFor === null) killedFor = why;
      if (child.pid !== undefined) {
        try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
      }
    };
    const wall = setTimeout(() => kill('wall'), limits.wallMs);
    child.stdout!.on('data', (chunk: Buffer) => { if (!stdout.push(chunk)) kill('output'); });
    child.stderr!.on('data', (chunk: Buffer) => { if (!stderr.push(chunk)) kill('output'); });
    if (child.stdin) {
      child.stdin.on('error', () => { /* the program may not read its input */ });
      child.stdin.end(options.stdin);
    }
    const status = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
      child.once('error', (err) => reject(new SandboxStateError(`could not start ${file}: ${err.message}`, { cause: err })));
      child.once('exit', () => {
        // Whatever the program left behind on the host side (unsafe mode) goes with it.
        kill(null);
      });
      child.once('close', (code, signal) => resolve({ code, signal }));
    }).finally(() => {
      clearTimeout(wall);
      this.running.delete(child);
    });
    const wallMs = performance.now() - t0;
    const { exitCode, signal } = this.isolated ? unwrapExitStatus(status.code, status.signal) : { exitCode: status.code, signal: status.signal };
    return execResult({ argv, stdout, stderr, exitCode, signal, killedFor, startedAt, wallMs });
  }

  async destroy(): Promise<void> {
    if (this.destroyed) return;
    this.destroyed = true;
    const closing = [...this.running].map((child) => new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('close', () => resolve());
      try { process.kill(-child.pid!, 'SIGKILL'); } catch { resolve(); }
    }));
    await Promise.all(closing);
    await rm(this.root, { recursive: true, force: true, maxRetries: 3 });
  }
}

