/**
 * The Docker backend: each `exec` is one container of a Debian image built
 * offline by `sandboxes/build.sh` (`npm run sandboxes:build`), over the
 * sandbox's private workspace folder, which is bind-mounted at /home/user.
 *
 * Container flags (see the README's Docker section):
 * - `--network none` (only a loopback of its own) unless `network: true`;
 * - `--memory` = `--memory-swap` = memoryBytes: a cgroup limit on resident
 *   memory, no swap; a run past it is OOM-killed, which `docker inspect`
 *   reports (State.OOMKilled) and this backend names `memory`;
 * - `--pids-limit` = pids + 1 (the init process counts too);
 * - `--ulimit cpu=N:N+1` (SIGXCPU, then SIGKILL), `fsize`, `nofile`, `core=0`;
 * - `--cap-drop ALL`, `--security-opt no-new-privileges`, `--user 1000:1000`,
 *   `--read-only` root, a size-capped tmpfs `/tmp`, `--log-driver none` (the
 *   engine keeps no copy of the output);
 * - `--init`: the engine's small init is pid 1, so the program gets normal
 *   signal handling, and when the program exits the init exits and every
 *   process left in the container dies with it;
 * - the environment: `env -i` and the allow-list of `../sandbox/env.ts` (the
 *   engine itself would add HOSTNAME).
 *
 * The supervisor enforces wall time (counted from `docker start`, so the
 * engine's create step does not eat the program's budget) and output bytes:
 * past either it runs
 * `docker kill`, and every container is removed after its run (`docker rm
 * -f`), so a timed-out run is killed, not abandoned. Containers carry labels
 * naming their sandbox and the supervising process, so `destroy` removes its
 * own and a new backend removes those whose supervisor died.
 *
 * Warm runs (`docker-warm.ts`): a sandbox takes a container started ahead
 * (same flags, its own workspace) and runs its commands in it with `docker
 * exec`, under `prlimit` for the per-process limits and `docker update` for
 * memory and processes when a run's differ. That saves the 0.4 s of `docker
 * start`. A command runs cold (its own container, as above) when the warm
 * one is busy with another command of the sandbox, is of another image, was
 * killed at a limit, or the pool is off (`warm: 0`). Only a sandbox created
 * with `program` (the hint of what it will run) takes a warm container.
 *
 * Which image runs a command: its program's name decides (`python3` ->
 * python, `node` -> node, compilers and `java` -> compilers); any other
 * program (`/bin/sh`, a binary the program built) runs in the image the
 * sandbox used last, so a compiled program runs where it was compiled. A
 * fresh sandbox starts in the python image. `family` fixes one image.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { CappedBuffer } from '../sandbox/capture.js';
import { sandboxEnvironment } from '../sandbox/env.js';
import { SandboxConfigError, SandboxStateError, SandboxUnavailableError } from '../sandbox/errors.js';
import { DEFAULT_LIMITS, resolveLimits } from '../sandbox/limits.js';
import { execResult, unwrapExitStatus } from '../sandbox/exec-result.js';
import { HostWorkspace } from '../sandbox/host-workspace.js';
import type { ExecOptions, ExecResult, LimitName, Limits, Sandbox, SandboxBackend, SandboxOptions } from '../sandbox/types.js';
import { removeStaleWorkspaces, workspacePrefix } from '../sandbox/stale-workspaces.js';
import { ownedDir, workspaceParts, type WorkspaceOwner } from '../sandbox/workspace.js';
import { clientEnvironment, docker } from './docker-cli.js';
import { containerFlags } from './docker-flags.js';
import { WARM_WRAPPER, WarmContainer, WarmPool } from './docker-warm.js';

export const SANDBOX_FAMILIES = ['python', 'node', 'compilers'] as const;
export type SandboxFamily = (typeof SANDBOX_FAMILIES)[number];

export interface DockerBackendOptions {
  /** The `docker` client (default: `docker` on PATH). */
  docker?: string;
  /** Image per family (default `bcr-sandbox-<family>:latest`, as `sandboxes/build.sh` tags them). */
  images?: Partial<Record<SandboxFamily, string>>;
  /** Runs every command in this family's image instead of choosing by program. */
  family?: SandboxFamily;
  /** Where workspaces are made on the host (default: the OS temp folder). */
  tmpDir?: string;
  /** Idle containers kept started per image (default 2; 0 runs every command cold). */
  warm?: number;
}

const WORKDIR = '/home/user';
const USER: WorkspaceOwner = { uid: 1000, gid: 1000 };
const LABEL = 'org.bcr.sandbox';
const OWNER_LABEL = 'org.bcr.owner';
const OWNER = `${hostname()}:${process.pid}`;
const START_HINT = 'start one as root with `apt-get install docker.io && dockerd --data-root /var/lib/bcr-docker &` (or `bash scripts/ci-docker.sh`, which also builds the images)';
const BUILD_HINT = 'build the images with `npm run sandboxes:build` (sandboxes/build.sh)';

const BY_PROGRAM: Readonly<Record<string, SandboxFamily>> = {
  python3: 'python', python: 'python',
  node: 'node',
  gcc: 'compilers', 'g++': 'compilers', cc: 'compilers', 'c++': 'compilers', javac: 'compilers', java: 'compilers', go: 'compilers', rustc: 'compilers',
};

/** The image family a program runs in, or null when the program does not decide (a shell, a built binary). */
export function familyOf(program: string): SandboxFamily | null {
  return BY_PROGRAM[path.posix.basename(program)] ?? null;
}

/** The `docker create` arguments of one run (everything but the name and labels). */
function containerArgs(p: { image: string; home: string; cwd: string; limits: Limits; network: boolean; env: Record<string, string>; argv: readonly string[]; stdin: boolean }): string[] {
  const { limits } = p;
  return [
    ...containerFlags({
      network: p.network, memoryBytes: limits.memoryBytes, pidsLimit: limits.pids + 1, user: `${USER.uid}:${USER.gid}`,
      tmpBytes: limits.fileSizeBytes, home: p.home, workdir: WORKDIR,
    }),
    '--workdir', p.cwd,
    '--ulimit', `cpu=${limits.cpuSeconds}:${limits.cpuSeconds + 1}`,
    '--ulimit', `fsize=${limits.fileSizeBytes}:${limits.fileSizeBytes}`,
    '--ulimit', 'nofile=1024:1024', '--ulimit', 'core=0:0',
    ...(p.stdin ? ['--interactive'] : []),
    p.image,
    '/usr/bin/env', '-i', ...Object.entries(p.env).map(([k, v]) => `${k}=${v}`), ...p.argv,
  ];
}

interface Engine {
  cli: string;
  version: string;
}

async function findEngine(cli: string): Promise<Engine> {
  const r = await docker(cli, ['version', '--format', '{{.Server.Version}}'], 20_000);
  if (r.code !== 0 || r.stdout.trim() === '') {
    const said = r.stderr.trim().split('\n').filter(Boolean).pop() ?? `exit ${r.code}`;
    throw new SandboxUnavailableError(`no Docker engine answers through \`${cli}\` (${said}): ${START_HINT}`);
  }
  return { cli, version: r.stdout.trim() };
}

/** Removes containers of this backend whose supervising process (on this host) is gone. */
async function removeOrphans(cli: string): Promise<void> {
  const r = await docker(cli, ['ps', '-a', '--filter', `label=${OWNER_LABEL}`, '--format', `{{.ID}} {{.Label "${OWNER_LABEL}"}}`]);
  if (r.code !== 0) return;
  const dead: string[] = [];
  for (const line of r.stdout.trim().split('\n').filter(Boolean)) {
    const [id, owner] = line.split(' ');
    const [host, pid] = (owner ?? '').split(':');
    if (!id || host !== hostname() || !pid) continue;
    try { process.kill(Number(pid), 0); } catch { dead.push(id); }
  }
  if (dead.length > 0) await docker(cli, ['rm', '-f', ...dead]);
}

/** A backend whose warm containers `close` releases (always there, unlike the interface's optional one). */
export type DockerBackend = SandboxBackend & { close(): Promise<void> };

/** The Docker backend (see the module comment). */
export function dockerBackend(options: DockerBackendOptions = {}): DockerBackend {
  const cli = options.docker ?? 'docker';
  let engine: Promise<Engine> | null = null;
  const images = new Map<string, Promise<void>>();
  const pool = new WarmPool(options.warm ?? 2);
  const tmp = options.tmpDir ?? tmpdir();
  const image = (family: SandboxFamily): { tag: string; ready: Promise<void> } => {
    const tag = options.images?.[family] ?? `bcr-sandbox-${family}:latest`;
    let ready = images.get(tag);
    if (!ready) {
      ready = docker(cli, ['image', 'inspect', '--format', '{{.Id}}', tag]).then((r) => {
        if (r.code !== 0) throw new SandboxUnavailableError(`the Docker image ${tag} (the ${family} sandbox) is not there: ${BUILD_HINT}`);
      });
      ready.catch(() => images.delete(tag));
      images.set(tag, ready);
    }
    return { tag, ready };
  };
  return {
    name: 'docker',
    async create(sandboxOptions: SandboxOptions = {}): Promise<Sandbox> {
      // Found once per backend; a failure is not remembered, so starting the engine fixes the next call.
      engine ??= findEngine(cli).then(async (e) => {
        await removeOrphans(cli);
        // Their workspaces too, once the containers that mounted them are gone.
        await removeStaleWorkspaces(options.tmpDir ?? tmpdir(), 'docker');
        return e;
      });
      engine.catch(() => { engine = null; });
      await engine;
      if (sandboxOptions.readOnlyMounts?.length) throw new SandboxConfigError('the Docker backend takes no host mounts: its toolchains are in its images (sandboxes/)');
      const limits = resolveLimits(DEFAULT_LIMITS, sandboxOptions.limits);
      const family = options.family ?? familyOf(sandboxOptions.program ?? '') ?? 'python';
      const first = image(family);
      await first.ready;
      const network = sandboxOptions.network === true;
      // Only a sandbox that says what it will run gets a warm container (one that runs nothing, an HTML page, needs none).
      const warm = sandboxOptions.program === undefined ? null : await pool.take({
        cli, image: first.tag, key: `${first.tag}|${network}|${limits.fileSizeBytes}`, network,
        memoryBytes: limits.memoryBytes, pids: limits.pids, tmpBytes: limits.fileSizeBytes,
        tmp, workdir: WORKDIR, user: USER, labels: { [OWNER_LABEL]: OWNER },
      });
      return DockerSandbox.make({ cli, image, fixed: options.family ?? null, limits, network, tmp, retire: (w) => pool.retire(w) }, family, warm);
    },
    close: () => pool.close(),
  };
}

interface SandboxSetup {
  cli: string;
  image: (family: SandboxFamily) => { tag: string; ready: Promise<void> };
  fixed: SandboxFamily | null;
  limits: Limits;
  network: boolean;
  tmp: string;
  /** Ends a used warm container (the pool waits for its removal). */
  retire: (w: WarmContainer) => void;
}

interface ContainerState {
  ExitCode?: number;
  OOMKilled?: boolean;
  Error?: string;
}

class DockerSandbox extends HostWorkspace implements Sandbox {
  readonly backend = 'docker';
  readonly workdir = WORKDIR;
  readonly isolated = true;
  private family: SandboxFamily;
  private runs = 0;
  private readonly running = new Set<Promise<unknown>>();

  private constructor(private readonly setup: SandboxSetup, family: SandboxFamily, private readonly id: string, private readonly root: string, home: string, private readonly warm: WarmContainer | null) {
    // The container's user owns the workspace files when the host side is root.
    super(home, process.getuid?.() === 0 ? USER : undefined);
    this.family = family;
  }

  static async make(setup: SandboxSetup, family: SandboxFamily, warm: WarmContainer | null): Promise<DockerSandbox> {
    if (warm) return new DockerSandbox(setup, family, warm.id, warm.root, warm.home, warm);
    const root = await mkdtemp(workspacePrefix(setup.tmp, 'docker'));
    await chmod(root, 0o711);
    const home = path.join(root, 'home');
    // The container's user owns the workspace; the host side is root or the same uid.
    await ownedDir(home, process.getuid?.() === 0 ? USER : undefined, 0o700);
    return new DockerSandbox(setup, family, randomUUID().slice(0, 12), root, home, null);
  }

  async exec(argv: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
    this.alive();
    if (argv.length === 0 || argv.some((a) => typeof a !== 'string' || a.includes('\0'))) throw new SandboxConfigError('exec needs a non-empty argv of strings');
    // `env -i` would read a program named NAME=VALUE as a variable.
    if (argv[0]!.includes('=')) throw new SandboxConfigError(`the program's name may not contain "=": ${argv[0]}`);
    const run = this.run(argv, options);
    this.running.add(run);
    try {
      return await run;
    } finally {
      this.running.delete(run);
    }
  }

  private async run(argv: readonly string[], options: ExecOptions): Promise<ExecResult> {
    const limits = resolveLimits(this.setup.limits, options.limits);
    const cwdParts = options.cwd === undefined ? [] : workspaceParts(options.cwd);
    const env = sandboxEnvironment(WORKDIR, options.env);
    const family = this.setup.fixed ?? familyOf(argv[0]!) ?? this.family;
    const { tag, ready } = this.setup.image(family);
    await ready;
    this.family = family;
    const cwd = [WORKDIR, ...cwdParts].join('/');
    const w = this.warm;
    if (w && w.alive && !w.busy && w.spec.image === tag) {
      w.busy = true;
      try {
        if (await w.fit(limits)) return await this.runWarm(w, argv, limits, env, cwd, options.stdin);
      } finally {
        w.busy = false;
      }
    }
    const cli = this.setup.cli;
    const name = `bcr-${this.id}-${++this.runs}`;
    const created = await docker(cli, [
      'create', '--name', name, '--label', `${LABEL}=${this.id}`, '--label', `${OWNER_LABEL}=${OWNER}`,
      ...containerArgs({ image: tag, home: this.home, cwd, limits, network: this.setup.network, env, argv, stdin: options.stdin !== undefined }),
    ]);
    try {
      // Destroyed while the container was being made: it never runs, and the run reads as killed, as a running one would.
      if (this.destroyed) return killedBeforeStart(argv);
      if (created.code !== 0) throw new SandboxStateError(`docker create failed: ${created.stderr.trim()}`);
      return await this.attach(name, argv, limits, options.stdin);
    } finally {
      await docker(cli, ['rm', '-f', name]);
    }
  }

  /** Starts the created container attached, enforces wall time and output bytes, and reads how it ended. */
  private async attach(name: string, argv: readonly string[], limits: Limits, stdin: string | undefined): Promise<ExecResult> {
    const cli = this.setup.cli;
    const s = await supervise(cli, ['start', '--attach', ...(stdin === undefined ? [] : ['--interactive']), name], limits, stdin, () => docker(cli, ['kill', name]));
    const inspected = await docker(cli, ['inspect', '--format', '{{json .State}}', name]);
    // No state: the container was removed under the run (destroy); it was killed.
    const state: ContainerState = inspected.code === 0 ? (JSON.parse(inspected.stdout) as ContainerState) : { ExitCode: 137 };
    if (inspected.code === 0 && state.Error) throw new SandboxStateError(`the container of ${argv[0]} did not run: ${state.Error}`);
    // The init reports a program killed by signal N as 128+N.
    const { exitCode, signal } = unwrapExitStatus(state.ExitCode ?? s.clientCode, null);
    const oom: LimitName | null = s.killedFor === null && state.OOMKilled === true ? 'memory' : null;
    return execResult({ argv, ...s, exitCode, signal, limit: oom });
  }

  /** Runs one command in the sandbox's warm container (see docker-warm.ts). */
  private async runWarm(w: WarmContainer, argv: readonly string[], limits: Limits, env: Record<string, string>, cwd: string, stdin: string | undefined): Promise<ExecResult> {
    const s = await supervise(this.setup.cli, [
      'exec', ...(stdin === undefined ? [] : ['--interactive']), '--user', `${USER.uid}:${USER.gid}`, '--workdir', cwd, w.name,
      '/bin/sh', '-c', WARM_WRAPPER, 'sh',
      '/usr/bin/prlimit', `--cpu=${limits.cpuSeconds}:${limits.cpuSeconds + 1}`, `--fsize=${limits.fileSizeBytes}:${limits.fileSizeBytes}`, '--nofile=1024:1024', '--core=0:0', '--',
      '/usr/bin/env', '-i', ...Object.entries(env).map(([k, v]) => `${k}=${v}`), ...argv,
    ], limits, stdin, () => w.kill());
    // Killed at a limit, or the container ended under the run (destroy): the run was killed.
    if (s.killedFor !== null || !w.alive) return execResult({ argv, ...s, exitCode: null, signal: 'SIGKILL' });
    // The wrapper shell reports a program killed by signal N as 128+N.
    const { exitCode, signal } = unwrapExitStatus(s.clientCode, null);
    let limit: LimitName | null = null;
    if (signal === 'SIGKILL') {
      // An OOM kill leaves the container running: the cgroup's counter tells it from another SIGKILL.
      const count = await w.oomCount();
      if (count !== null && count > w.oomKills) {
        w.oomKills = count;
        limit = 'memory';
      }
    }
    return execResult({ argv, ...s, exitCode, signal, limit });
  }

  async destroy(): Promise<void> {
    if (this.destroyed) return;
    this.destroyed = true;
    const cli = this.setup.cli;
    // Its processes die with its init at once; the engine's removal is the pool's to wait for (close).
    if (this.warm) this.setup.retire(this.warm);
    if (this.runs > 0) {
      const listed = await docker(cli, ['ps', '-aq', '--filter', `label=${LABEL}=${this.id}`]);
      const ids = listed.stdout.trim().split('\n').filter(Boolean);
      if (ids.length > 0) await docker(cli, ['rm', '-f', ...ids]);
    }
    await Promise.allSettled([...this.running]);
    await rm(this.root, { recursive: true, force: true, maxRetries: 3 });
    this.warm?.forget();
  }
}

interface Supervised {
  stdout: CappedBuffer;
  stderr: CappedBuffer;
  /** The client's exit code (a container's or an exec'd program's status, as the client passes it on). */
  clientCode: number | null;
  killedFor: 'wall' | 'output' | null;
  startedAt: string;
  wallMs: number;
}

/** Runs a `docker` client that streams a program's output, and kills the program past its wall time or output cap. */
async function supervise(cli: string, args: readonly string[], limits: Limits, stdin: string | undefined, killProgram: () => Promise<unknown>): Promise<Supervised> {
  const startedAt = new Date().toISOString();
  const t0 = performance.now();
  const child = spawn(cli, args, { env: clientEnvironment(), stdio: [stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
  const stdout = new CappedBuffer(limits.outputBytes);
  const stderr = new CappedBuffer(limits.outputBytes);
  let killedFor: 'wall' | 'output' | null = null;
  let killing: Promise<unknown> | null = null;
  const kill = (why: 'wall' | 'output'): void => {
    if (killedFor === null) killedFor = why;
    killing ??= killProgram();
  };
  const wall = setTimeout(() => kill('wall'), limits.wallMs);
  child.stdout!.on('data', (chunk: Buffer) => { if (!stdout.push(chunk)) kill('output'); });
  child.stderr!.on('data', (chunk: Buffer) => { if (!stderr.push(chunk)) kill('output'); });
  if (child.stdin) {
    child.stdin.on('error', () => { /* the program may not read its input */ });
    child.stdin.end(stdin);
  }
  const clientCode = await new Promise<number | null>((resolve, reject) => {
    child.once('error', (err) => reject(new SandboxStateError(`could not start ${cli}: ${err.message}`, { cause: err })));
    child.once('close', (code) => resolve(code));
  }).finally(() => clearTimeout(wall));
  const wallMs = performance.now() - t0;
  await killing;
  return { stdout, stderr, clientCode, killedFor, startedAt, wallMs };
}

function killedBeforeStart(argv: readonly string[]): ExecResult {
  return {
    argv: [...argv], stdout: '', stderr: '', exitCode: null, signal: 'SIGKILL', limit: null,
    stdoutTruncated: false, stderrTruncated: false, stdoutBytes: 0, stderrBytes: 0,
    timings: { startedAt: new Date().toISOString(), wallMs: 0 },
  };
}

