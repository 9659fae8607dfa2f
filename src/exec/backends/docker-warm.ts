/**
 * Warm containers for the Docker backend. `docker start` costs about 0.4 s
 * here and a `docker exec` into a running container about 0.1 s, so a pool
 * keeps a few containers started ahead, each over a fresh workspace of its
 * own. A sandbox takes one for itself (never shared with another sandbox)
 * and the pool starts a replacement in the background.
 *
 * Why reuse within a sandbox is safe:
 * - pid 1 is the engine's init and the only other resident process is a
 *   keeper (`sh -c 'read _'`), both as nobody (65534). Programs are exec'd
 *   as uid 1000, so they cannot signal either.
 * - each program runs under a wrapper that kills every uid-1000 process
 *   before and after it (`kill -9 -1` spares the caller and pid 1), so
 *   nothing one run leaves behind reaches the next.
 * - the keeper reads the stdin of the `docker run -i --rm` client this
 *   process spawned. When this process ends, even by SIGKILL, the pipe
 *   closes, the keeper ends, and the engine removes the container: a
 *   dead-man switch. An `exit` hook removes idle workspaces, and a new
 *   backend removes whatever a killed supervisor left (stale-workspaces).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import type { Socket } from 'node:net';
import path from 'node:path';
import { SandboxUnavailableError } from '../sandbox/errors.js';
import { workspacePrefix } from '../sandbox/stale-workspaces.js';
import type { Limits } from '../sandbox/types.js';
import { ownedDir, type WorkspaceOwner } from '../sandbox/workspace.js';
import { clientEnvironment, docker } from './docker-cli.js';
import { containerFlags } from './docker-flags.js';

/** The user the engine's init and the keeper run as: not the program's, so the program cannot signal them. */
const KEEPER_USER = '65534:65534';
/** Processes of a warm container besides the program's: the init, the keeper and the wrapper shell. */
export const WARM_EXTRA_PIDS = 3;
/** Kills every other process of the program's user before and after the program; keeps its exit status. */
/**
 * Kills every other process of the program's user before and after the
 * program, and keeps its exit status. The wrapper's own stderr is /dev/null
 * (dash prints "Killed" when its child dies by SIGKILL, on the stderr in
 * force while it waits), so the program gets the real one (fd 3) from an
 * inner shell that `exec`s it.
 */
export const WARM_WRAPPER = `exec 3>&2 2>/dev/null; kill -9 -1; /bin/sh -c 'exec "$@" 2>&3 3>&-' sh "$@"; s=$?; kill -9 -1; exit $s`;

export interface WarmSpec {
  cli: string;
  image: string;
  /** Pool key: containers of one key are interchangeable. */
  key: string;
  network: boolean;
  /** Memory and process limits the container starts with (`docker update` changes them per run). */
  memoryBytes: number;
  pids: number;
  /** Size of the container's /tmp (fixed for its life). */
  tmpBytes: number;
  tmp: string;
  workdir: string;
  user: WorkspaceOwner;
  labels: Record<string, string>;
}

/** A delay that does not keep the process alive (a stopping container must not hold up its exit). */
const unrefDelay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms).unref());

/** Live warm containers of this process, so the exit hook can remove their workspaces. */
const live = new Set<WarmContainer>();
let hooked = false;
function hookExit(): void {
  if (hooked) return;
  hooked = true;
  // Synchronous on purpose: an `exit` handler cannot wait. The containers end with this process (the keeper's stdin closes).
  process.once('exit', () => {
    for (const w of live) rmSync(w.root, { recursive: true, force: true });
  });
}

export class WarmContainer {
  /** False once the container is gone (stopped, killed, or its keeper died). */
  alive = true;
  /** A run is using the container (runs in it are one at a time: the wrapper's kill would end a concurrent one). */
  busy = false;
  /** OOM kills counted so far (the cgroup's counter), so a new one can be told apart. */
  oomKills = 0;
  memoryBytes: number;
  pids: number;
  readonly id: string;
  readonly name: string;
  private readonly exited: Promise<void>;

  private constructor(readonly spec: WarmSpec, readonly root: string, readonly home: string, private readonly client: ChildProcess, id: string) {
    this.id = id;
    this.name = `bcr-${id}-warm`;
    this.memoryBytes = spec.memoryBytes;
    this.pids = spec.pids;
    this.exited = new Promise((resolve) => client.once('close', () => { this.alive = false; resolve(); }));
  }

  /** Makes a workspace and starts a container over it; resolves once the keeper runs. */
  static async start(spec: WarmSpec): Promise<WarmContainer> {
    const root = await mkdtemp(workspacePrefix(spec.tmp, 'docker'));
    try {
      await chmod(root, 0o711);
      const home = path.join(root, 'home');
      await ownedDir(home, process.getuid?.() === 0 ? spec.user : undefined, 0o700);
      const id = randomUUID().slice(0, 12);
      const labels = Object.entries({ ...spec.labels, 'org.bcr.sandbox': id }).flatMap(([k, v]) => ['--label', `${k}=${v}`]);
      const client = spawn(spec.cli, [
        'run', '--interactive', '--rm', '--name', `bcr-${id}-warm`, ...labels,
        ...containerFlags({
          network: spec.network, memoryBytes: spec.memoryBytes, pidsLimit: spec.pids + WARM_EXTRA_PIDS, user: KEEPER_USER,
          tmpBytes: spec.tmpBytes, home, workdir: spec.workdir,
        }),
        spec.image, '/bin/sh', '-c', 'echo ready; read _',
      ], { env: clientEnvironment(), stdio: ['pipe', 'pipe', 'pipe'] });
      const w = new WarmContainer(spec, root, home, client, id);
      live.add(w);
      hookExit();
      await w.ready();
      return w;
    } catch (err) {
      await rm(root, { recursive: true, force: true });
      throw err;
    }
  }

  private ready(): Promise<void> {
    const { client } = this;
    let said = '';
    client.stderr!.on('data', (b: Buffer) => { said = (said + b.toString()).slice(-2000); });
    return new Promise<void>((resolve, reject) => {
      const fail = (why: string) => reject(new SandboxUnavailableError(`could not start a warm ${this.spec.image} container: ${why}`));
      const timer = setTimeout(() => { fail('no answer in 60 s'); void this.stop(); }, 60_000);
      client.once('error', (err) => { clearTimeout(timer); fail(err.message); });
      client.once('close', (code) => { clearTimeout(timer); fail(said.trim() || `docker run exited ${code}`); });
      client.stdout!.once('data', () => {
        clearTimeout(timer);
        // From here on nothing of the client may keep this process alive.
        client.unref();
        for (const s of [client.stdin, client.stdout, client.stderr]) (s as Socket | null)?.unref();
        client.stdout!.resume();
        resolve();
      });
    });
  }

  /** Sets the container's memory and process limits to a run's, when they differ; false when the engine refused. */
  async fit(limits: Limits): Promise<boolean> {
    if (limits.memoryBytes === this.memoryBytes && limits.pids === this.pids) return true;
    const r = await docker(this.spec.cli, ['update', '--memory', `${limits.memoryBytes}b`, '--memory-swap', `${limits.memoryBytes}b`, '--pids-limit', String(limits.pids + WARM_EXTRA_PIDS), this.name]);
    if (r.code !== 0) return false;
    this.memoryBytes = limits.memoryBytes;
    this.pids = limits.pids;
    return true;
  }

  /** The cgroup's OOM-kill counter (cgroup v2 `memory.events` or v1 `memory.oom_control`), or null when unreadable. */
  async oomCount(): Promise<number | null> {
    const r = await docker(this.spec.cli, ['exec', '--user', KEEPER_USER, this.name, '/bin/cat', '/sys/fs/cgroup/memory.events', '/sys/fs/cgroup/memory/memory.oom_control'], 20_000);
    const m = /^oom_kill\s+(\d+)$/m.exec(r.stdout);
    return m ? Number(m[1]) : null;
  }

  /** Waiting for the container to go: the client must keep the process alive until it has (it is unref'd while idle). */
  private hold(): void {
    this.client.ref();
    for (const s of [this.client.stdout, this.client.stderr]) (s as Socket | null)?.ref();
  }

  /** Kills the container now (a run past its wall time or output cap); the engine then removes it. */
  async kill(): Promise<void> {
    this.alive = false;
    this.hold();
    await docker(this.spec.cli, ['kill', this.name]);
    await Promise.race([this.exited, unrefDelay(10_000)]);
  }

  /** Ends the container (closing the keeper's stdin) and waits until the engine has removed it. */
  async stop(): Promise<void> {
    this.alive = false;
    this.hold();
    this.client.stdin?.end();
    const gone = await Promise.race([this.exited.then(() => true), unrefDelay(10_000).then(() => false)]);
    if (!gone) await docker(this.spec.cli, ['rm', '-f', this.name]);
  }

  /** The workspace is gone (its sandbox removed it): the exit hook need not. */
  forget(): void {
    live.delete(this);
  }

  /** Stops the container and removes its workspace. */
  async dispose(): Promise<void> {
    await this.stop();
    await rm(this.root, { recursive: true, force: true, maxRetries: 3 });
    this.forget();
  }
}

/**
 * Idle warm containers per key, refilled in the background up to `size`
 * each, and used ones on their way out: a sandbox's `destroy` ends its
 * container without waiting for the engine to remove it (about 0.1 s);
 * `close` waits for every removal.
 */
export class WarmPool {
  private readonly idle = new Map<string, Array<Promise<WarmContainer | null>>>();
  private readonly retiring = new Set<Promise<void>>();
  private closed = false;

  constructor(private readonly size: number) {}

  /** A started container for `spec`'s key, or null when the pool is off or closed (the caller runs cold). */
  async take(spec: WarmSpec): Promise<WarmContainer | null> {
    if (this.size <= 0 || this.closed) return null;
    const spares = this.idle.get(spec.key) ?? [];
    this.idle.set(spec.key, spares);
    let got: WarmContainer | null = null;
    while (got === null && spares.length > 0) {
      got = await spares.shift()!;
      if (got && !got.alive) {
        void got.dispose();
        got = null;
      }
    }
    got ??= await WarmContainer.start(spec);
    this.refill(spec);
    return got;
  }

  private refill(spec: WarmSpec): void {
    const spares = this.idle.get(spec.key)!;
    while (!this.closed && spares.length < this.size) {
      // A spare that fails to start is dropped; the next take starts its own and reports why.
      spares.push(WarmContainer.start(spec).catch(() => null));
    }
  }

  /** Ends a used container; its removal is awaited by `close`. */
  retire(w: WarmContainer): void {
    const gone = w.stop();
    this.retiring.add(gone);
    void gone.finally(() => this.retiring.delete(gone));
  }

  /** Stops every idle container, removes its workspace, and waits until the engine has removed every container of the pool; later takes return null. */
  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.idle.values()].flat();
    this.idle.clear();
    await Promise.all([...all.map(async (p) => (await p)?.dispose()), ...this.retiring]);
  }
}
