/**
 * A stand-in for E2B's cloud at the SDK boundary, the one place the project
 * allows a fake (the cloud is unreachable here). It has the SDK's shape (the
 * backend's `E2BSdk` surface, which the real `Sandbox` class satisfies) and
 * E2B's documented behaviour where the backend depends on it: a sandbox dies
 * at its timeout (default 300 s) unless extended, a command dies at its
 * `timeoutMs` (default 60 s) with a `TimeoutError`, a non-zero exit is a
 * `CommandExitError`, a missing file a `FileNotFoundError` (the SDK's own
 * classes). Commands really run: each `commands.run` is `bash -c CMD` in a
 * sandbox of a local backend whose workspace is the VM's /home/user, with
 * limits loose enough that the E2B backend's own limits are what stop runs.
 * Every call is recorded for the tests to read.
 */
import { CommandExitError, FileNotFoundError, TimeoutError } from 'e2b';
import { randomUUID } from 'node:crypto';
import { constants as osConstants } from 'node:os';
import type { E2BCommandHandle, E2BCommandOptions, E2BCommandResult, E2BCreateOptions, E2BEntry, E2BSdk, E2BSdkSandbox } from '../../src/exec/backends/e2b.js';
import type { Sandbox, SandboxBackend } from '../../src/exec/index.js';
import { processesWith } from './support.js';

const HOME = '/home/user';
const GiB = 1024 ** 3;
/** Loose outer limits: the backend's prlimit and timers are what the tests exercise. */
const OUTER = { cpuSeconds: 3600, memoryBytes: 64 * GiB, pids: 4096, fileSizeBytes: 4 * GiB, outputBytes: 512 * 1024 * 1024 };

export interface FakeCall {
  method: string;
  args: unknown[];
}

export interface FakeCloud extends E2BSdk {
  calls: FakeCall[];
  /** Sandboxes alive now (created, not killed or timed out). */
  alive(): number;
  /** Whether the sandbox timed out (E2B's lifetime) rather than being killed. */
  timedOut: string[];
}

function rel(path: string): string {
  if (path !== HOME && !path.startsWith(`${HOME}/`)) throw new Error(`the fake maps only ${HOME}: ${path}`);
  return path.slice(HOME.length + 1);
}

export function fakeE2B(local: SandboxBackend): FakeCloud {
  const calls: FakeCall[] = [];
  const record = (method: string, ...args: unknown[]) => calls.push({ method, args });
  const live = new Set<string>();
  const timedOut: string[] = [];

  return {
    calls, timedOut, alive: () => live.size,
    async create(template: string, opts: E2BCreateOptions): Promise<E2BSdkSandbox> {
      record('Sandbox.create', template, opts);
      const box: Sandbox = await local.create({ limits: { ...OUTER, wallMs: 24 * 3600_000 } });
      const sandboxId = `fake-${randomUUID().slice(0, 8)}`;
      live.add(sandboxId);
      let dead = false;
      const die = async () => {
        dead = true;
        live.delete(sandboxId);
        clearTimeout(lifetime);
        await box.destroy();
      };
      let lifetime = setTimeout(() => { timedOut.push(sandboxId); void die(); }, opts.timeoutMs ?? 300_000);
      const check = () => {
        if (dead) throw new Error(`sandbox ${sandboxId} is not running (killed or timed out)`);
      };
      const info = async (path: string): Promise<E2BEntry> => {
        check();
        const r = rel(path);
        if (r === '') return { name: 'user', path: HOME, type: 'dir', size: 0 };
        const parent = r.includes('/') ? r.slice(0, r.lastIndexOf('/')) : undefined;
        const found = (await box.listFiles(parent)).find((e) => e.path === r);
        if (!found) throw new FileNotFoundError(`path '${path}' does not exist`);
        return { name: r.split('/').pop()!, path, type: found.kind === 'directory' ? 'dir' : found.kind, size: found.size };
      };
      return {
        sandboxId,
        files: {
          async write(files) {
            record('files.write', files.map((f) => f.path));
            check();
            await box.writeFiles(files.map((f) => ({ path: rel(f.path), contents: typeof f.data === 'string' ? f.data : new Uint8Array(f.data) })));
            return files.map((f) => ({ name: f.path.split('/').pop(), path: f.path }));
          },
          async read(path) {
            record('files.read', path);
            check();
            return box.readFile(rel(path));
          },
          async list(path, o) {
            record('files.list', path, o);
            check();
            const base = rel(path);
            const depth = o?.depth ?? 1;
            const all = await box.listFiles(base === '' ? undefined : base);
            const baseDepth = base === '' ? 0 : base.split('/').length;
            return all.filter((e) => e.path.split('/').length - baseDepth <= depth)
              .map((e) => ({ name: e.path.split('/').pop()!, path: `${HOME}/${e.path}`, type: e.kind === 'directory' ? 'dir' : e.kind, size: e.size }));
          },
          async getInfo(path) {
            record('files.getInfo', path);
            return info(path);
          },
        },
        commands: {
          async run(cmd: string, o: E2BCommandOptions): Promise<E2BCommandHandle> {
            record('commands.run', cmd, { ...o, onStdout: typeof o.onStdout, onStderr: typeof o.onStderr });
            check();
            // E2B's default command timeout is 60 s; 0 means none.
            const timeoutMs = o.timeoutMs ?? 60_000;
            const marker = `bcr-e2b-fake-${randomUUID()}`;
            let killed = false;
            let exitCode: number | undefined;
            const running = box.exec(['/bin/bash', '-c', cmd, marker], {
              env: o.envs ?? {}, cwd: o.cwd && o.cwd !== HOME ? rel(o.cwd) : undefined,
              limits: { ...OUTER, wallMs: timeoutMs === 0 ? 24 * 3600_000 : timeoutMs },
            });
            const done = running.then(async (r): Promise<E2BCommandResult> => {
              // Output is delivered in chunks, as the SDK streams it.
              for (let i = 0; i < r.stdout.length; i += 65536) await o.onStdout?.(r.stdout.slice(i, i + 65536));
              for (let i = 0; i < r.stderr.length; i += 65536) await o.onStderr?.(r.stderr.slice(i, i + 65536));
              if (r.limit === 'wall' && !killed) throw new TimeoutError(`command timed out after ${timeoutMs} ms`);
              // bash itself exits with 128+N for a child killed by N; a killed command reads -1, as envd reports it.
              const code = killed ? -1 : r.exitCode ?? (r.signal ? 128 + signalNumber(r.signal) : -1);
              exitCode = code;
              const result = { exitCode: code, stdout: r.stdout, stderr: r.stderr, ...(killed ? { error: 'signal: killed' } : {}) };
              if (code !== 0) throw new CommandExitError(result);
              return result;
            });
            done.catch(() => { /* read by wait() */ });
            return {
              pid: 1000 + calls.length,
              get exitCode() { return exitCode; },
              wait: () => done,
              async kill() {
                record('handle.kill', marker);
                killed = true;
                const pids = processesWith(marker);
                for (const pid of pids) {
                  try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
                }
                return pids.length > 0;
              },
            };
          },
        },
        async kill() {
          record('Sandbox.kill', sandboxId);
          const was = !dead;
          await die();
          return was;
        },
        async setTimeout(ms: number) {
          record('Sandbox.setTimeout', ms);
          check();
          clearTimeout(lifetime);
          lifetime = setTimeout(() => { timedOut.push(sandboxId); void die(); }, ms);
        },
        getHost(port: number) {
          return `127.0.0.1:${port}`;
        },
      };
    },
  };
}

function signalNumber(name: string): number {
  return (osConstants.signals as Record<string, number>)[name] ?? 0;
}
