/**
 * What only the Docker backend promises, against a real engine: containers
 * are removed after every run (a timed-out one included), OOM kills are
 * named, the container flags hold, images are chosen by program, and the
 * backend refuses clearly without an engine or an image.
 */
import { execFileSync, spawn } from 'node:child_process';
import { hostname } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { dockerBackend, familyOf, SandboxUnavailableError, type Sandbox } from '../../src/exec/index.js';


/** Containers still on the engine that a supervisor process (default: this one) made. */
function containers(pid = process.pid): string[] {
  return execFileSync('docker', ['ps', '-aq', '--filter', `label=org.bcr.owner=${hostname()}:${pid}`], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
}

describe('docker backend without an engine or an image', () => {
  it('refuses and names the command that starts an engine', async () => {
    const saved = process.env.DOCKER_HOST;
    // A real client talking to a socket nobody serves.
    process.env.DOCKER_HOST = 'unix:///nonexistent/bcr-docker.sock';
    try {
      const err = await dockerBackend().create().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SandboxUnavailableError);
      expect((err as Error).message).toMatch(/no Docker engine answers/);
      expect((err as Error).message).toContain('dockerd --data-root');
    } finally {
      if (saved === undefined) delete process.env.DOCKER_HOST;
      else process.env.DOCKER_HOST = saved;
    }
  });

  it('chooses the image family by program', () => {
    expect(familyOf('/usr/bin/python3')).toBe('python');
    expect(familyOf('/usr/bin/node')).toBe('node');
    for (const p of ['/usr/bin/gcc', '/usr/bin/g++', '/usr/bin/javac', '/usr/bin/java', '/usr/bin/go', '/usr/bin/rustc']) expect(familyOf(p)).toBe('compilers');
    expect(familyOf('/bin/sh')).toBeNull();
    expect(familyOf('./.bcr/build/main')).toBeNull();
  });
});

describe('docker backend (real engine)', () => {
  const made: Sandbox[] = [];
  const sandbox = async (...args: Parameters<ReturnType<typeof dockerBackend>['create']>) => {
    const sb = await dockerBackend().create(...args);
    made.push(sb);
    return sb;
  };
  afterEach(async () => { await Promise.all(made.splice(0).map((sb) => sb.destroy())); });

  it('refuses a missing image and says how to build it', async () => {
    const err = await dockerBackend({ images: { python: 'bcr-sandbox-python:no-such-tag' } }).create().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SandboxUnavailableError);
    expect((err as Error).message).toContain('bcr-sandbox-python:no-such-tag');
    expect((err as Error).message).toContain('npm run sandboxes:build');
  });

  it('removes every container: after a run, after a wall-time kill, after destroy', async () => {
    const sb = await sandbox();
    const before = containers();
    expect((await sb.exec(['/bin/echo', 'hi'])).stdout).toBe('hi\n');
    const timed = await sb.exec(['/bin/sh', '-c', 'sleep 60'], { limits: { wallMs: 700 } });
    expect(timed).toMatchObject({ limit: 'wall', signal: 'SIGKILL' });
    expect(containers()).toEqual(before);
    const running = sb.exec(['/bin/sh', '-c', 'sleep 120']);
    const end = Date.now() + 10_000;
    while (containers().length === before.length && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
    expect(containers().length).toBe(before.length + 1);
    await sb.destroy();
    expect((await running).exitCode).not.toBe(0);
    expect(containers()).toEqual(before);
  });

  it('reads a run destroyed before its container started as killed, and leaves no container', async () => {
    const sb = await sandbox();
    // destroy() lands while `docker create` is still under way.
    const running = sb.exec(['/bin/sleep', '60']);
    await sb.destroy();
    expect(await running).toMatchObject({ exitCode: null, signal: 'SIGKILL', stdout: '' });
    expect(containers()).toEqual([]);
  });

  it('names an OOM kill (resident memory, not address space) as the memory limit', async () => {
    const sb = await sandbox();
    // Touches every page, so only a resident-memory limit stops it.
    const r = await sb.exec(['/usr/bin/python3', '-c', 'b = bytearray(400 * 1024 * 1024)\nfor i in range(0, len(b), 4096): b[i] = 1\nprint("survived")'], { limits: { memoryBytes: 128 * 1024 * 1024 } });
    expect(r).toMatchObject({ limit: 'memory', signal: 'SIGKILL', stdout: '' });
    const ok = await sb.exec(['/usr/bin/python3', '-c', 'b = bytearray(64 * 1024 * 1024)\nfor i in range(0, len(b), 4096): b[i] = 1\nprint("fits")'], { limits: { memoryBytes: 256 * 1024 * 1024 } });
    expect(ok).toMatchObject({ stdout: 'fits\n', limit: null, exitCode: 0 });
  });

  it('runs as uid 1000 with no capabilities, a read-only root, no new privileges and no network', async () => {
    const sb = await sandbox();
    const r = await sb.exec(['/bin/sh', '-c', 'id -u; id -un; grep -E "^(CapEff|CapBnd|NoNewPrivs)" /proc/self/status; touch /usr/x 2>&1 | grep -o "Read-only file system"; ls /sys/class/net']);
    expect(r.stdout).toBe('1000\nuser\nCapEff:\t0000000000000000\nCapBnd:\t0000000000000000\nNoNewPrivs:\t1\nRead-only file system\nlo\n');
  });

  it('keeps exit codes that are not a signal\'s, and stdin', async () => {
    const sb = await sandbox();
    expect(await sb.exec(['/bin/sh', '-c', 'exit 200'])).toMatchObject({ exitCode: 200, signal: null });
    expect(await sb.exec(['/bin/sh', '-c', 'read x; echo "got $x"; exit 1'], { stdin: 'it\n' })).toMatchObject({ exitCode: 1, stdout: 'got it\n' });
  });

  it('runs a compiled program in the image that built it', async () => {
    const sb = await sandbox();
    await sb.writeFiles([{ path: 'm.cpp', contents: '#include <iostream>\nint main() { std::cout << "built" << std::endl; }\n' }]);
    expect((await sb.exec(['/usr/bin/g++', '-o', 'm', 'm.cpp'], { limits: { memoryBytes: 1024 * 1024 * 1024, pids: 64 } })).exitCode).toBe(0);
    const r = await sb.exec(['./m']);
    expect(r.stdout).toBe('built\n');
    // The same binary through a shell in the python image: the sticky family is compilers, so it still runs.
    expect((await sb.exec(['/bin/sh', '-c', './m'])).stdout).toBe('built\n');
  });

  it('removes the containers of a supervisor that died', async () => {
    // A real child process starts a long run and is killed with SIGKILL, leaving its container.
    const script = `import { dockerBackend } from ${JSON.stringify(new URL('../../src/exec/index.ts', import.meta.url).pathname)};
const sb = await dockerBackend().create();
process.stdout.write('started\\n');
await sb.exec(['/bin/sh', '-c', 'sleep 300']);`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'], cwd: new URL('../..', import.meta.url).pathname });
    await new Promise<void>((resolve) => child.stdout!.on('data', () => resolve()));
    const end = Date.now() + 15_000;
    while (containers(child.pid).length === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
    const orphan = containers(child.pid);
    expect(orphan).toHaveLength(1);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('close', r));
    // Still there: nobody removed it yet.
    expect(containers(child.pid)).toEqual(orphan);
    await sandbox();
    expect(containers(child.pid)).toEqual([]);
  }, 60_000);
});
