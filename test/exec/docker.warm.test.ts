/**
 * The Docker backend's warm containers, against a real engine: a sandbox that
 * names its program runs its commands in one container started ahead, and
 * that reuse keeps every promise of a cold run. What a run leaves behind is
 * killed before the next; the program cannot signal the container's own
 * processes; limits change per run; a killed run is followed by a working
 * one; concurrent commands both run; `close` leaves no container or folder;
 * and the containers go by themselves when their supervisor dies, even by
 * SIGKILL.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { dockerBackend, executeSide, runProgram, type Sandbox, type SandboxBackend } from '../../src/exec/index.js';
import { makeSide } from '../support/comparisons.js';
import { awaitNoProcesses, programsNamed, waitFor } from './support.js';

const root = mkdtempSync(path.join(tmpdir(), 'bcr-warm-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = (): string => {
  const dir = path.join(root, `t${++n}`);
  execFileSync('mkdir', ['-m', '711', dir]);
  return dir;
};

/** Containers a supervisor process (default: this one) made, running or not. */
function containers(pid = process.pid): string[] {
  return execFileSync('docker', ['ps', '-aq', '--filter', `label=org.bcr.owner=${hostname()}:${pid}`], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
}

/** The names of a container's processes that are not the program's user's. */
const NOT_THE_PROGRAMS = 'for p in /proc/[0-9]*/status; do grep -q "^Uid:[[:space:]]*1000[[:space:]]" $p || grep "^Name:" $p; done 2>/dev/null | sort';

describe('docker backend, warm containers (real engine)', () => {
  const backends: SandboxBackend[] = [];
  const made: Sandbox[] = [];
  const backend = (warm = 1): SandboxBackend => {
    const b = dockerBackend({ warm, tmpDir: freshDir() });
    backends.push(b);
    return b;
  };
  const sandbox = async (b: SandboxBackend, program = '/usr/bin/python3'): Promise<Sandbox> => {
    const sb = await b.create({ program });
    made.push(sb);
    return sb;
  };
  afterEach(async () => {
    await Promise.all(made.splice(0).map((sb) => sb.destroy()));
    await Promise.all(backends.splice(0).map((b) => b.close?.()));
  });

  it('runs every command of a sandbox in one container, and kills what a run leaves behind before it returns', async () => {
    const sb = await sandbox(backend());
    const marker = `bcr-warm-left-${process.pid}-${Date.now()}`;
    const first = await sb.exec(['/bin/sh', '-c', `cp /bin/sleep ./${marker}; (setsid ./${marker} 300 &); echo $(hostname) > /tmp/seen; echo started`]);
    expect(first).toMatchObject({ stdout: 'started\n', exitCode: 0 });
    expect(await awaitNoProcesses(marker, 5000)).toEqual([]);
    // The same container (its /tmp kept the file), whose own processes are the init and the keeper.
    const second = await sb.exec(['/bin/sh', '-c', `cat /tmp/seen; ${NOT_THE_PROGRAMS}`]);
    expect(second.stdout).toBe('sandbox\nName:\tdocker-init\nName:\tsh\n');
  });

  it('keeps the program from signalling the container\'s own processes, and stays usable', async () => {
    const sb = await sandbox(backend());
    const r = await sb.exec(['/bin/sh', '-c', 'kill -9 1; echo init:$?; for p in /proc/[0-9]*; do pid=${p#/proc/}; [ "$pid" = 1 ] || [ "$pid" = $$ ] || kill -9 $pid 2>/dev/null && echo killed $pid; done; echo done']);
    expect(r.stdout).toMatch(/^init:1\n(killed \d+\n)*done\n$/);
    // Whatever it killed, it was only its own: the same container answers, its init and keeper still there.
    expect((await sb.exec(['/bin/sh', '-c', `echo still here; ${NOT_THE_PROGRAMS}`])).stdout).toBe('still here\nName:\tdocker-init\nName:\tsh\n');
  });

  it('applies each run\'s memory and process limits to the running container', async () => {
    const sb = await sandbox(backend());
    const forks = 'import os, time\nfor i in range(40):\n    if os.fork() == 0:\n        time.sleep(2); os._exit(0)\nprint("forked 40")';
    expect(await sb.exec(['/usr/bin/python3', '-c', forks], { limits: { pids: 8 } })).toMatchObject({ limit: 'pids' });
    expect(await sb.exec(['/usr/bin/python3', '-c', forks], { limits: { pids: 64 } })).toMatchObject({ stdout: 'forked 40\n', limit: null });
    const touch = (mib: number) => `b = bytearray(${mib} * 1024 * 1024)\nfor i in range(0, len(b), 4096): b[i] = 1\nprint("fits")`;
    expect(await sb.exec(['/usr/bin/python3', '-c', touch(300)], { limits: { memoryBytes: 128 * 1024 * 1024 } })).toMatchObject({ limit: 'memory', signal: 'SIGKILL' });
    expect(await sb.exec(['/usr/bin/python3', '-c', touch(300)], { limits: { memoryBytes: 512 * 1024 * 1024 } })).toMatchObject({ stdout: 'fits\n', limit: null });
    // A SIGKILL that is not an OOM kill is not named memory.
    expect(await sb.exec(['/bin/sh', '-c', 'kill -9 $$'])).toMatchObject({ signal: 'SIGKILL', limit: null, stderr: '' });
  });

  it('follows a run killed at its wall time with a working one, and runs concurrent commands', async () => {
    const sb = await sandbox(backend());
    expect(await sb.exec(['/bin/sleep', '60'], { limits: { wallMs: 600 } })).toMatchObject({ limit: 'wall', signal: 'SIGKILL' });
    expect((await sb.exec(['/bin/echo', 'next'])).stdout).toBe('next\n');
    const both = await Promise.all([sb.exec(['/bin/sh', '-c', 'sleep 1; echo a']), sb.exec(['/bin/sh', '-c', 'sleep 1; echo b'])]);
    expect(both.map((r) => r.stdout)).toEqual(['a\n', 'b\n']);
  });

  it('compiles and runs in a warm compilers container', async () => {
    const sb = await sandbox(backend(), '/usr/bin/g++');
    const run = await runProgram(sb, { language: 'C++', entry: 'main.cpp', files: [{ path: 'main.cpp', contents: '#include <iostream>\nint main() { std::cout << "warm" << std::endl; }\n' }] });
    expect(run.execution).toMatchObject({ success: true, output: 'warm\n' });
  });

  it('leaves no container and no folder after close, spares included', async () => {
    const dir = freshDir();
    const b = dockerBackend({ warm: 2, tmpDir: dir });
    const side = makeSide({ code: 'print("hi")', answer: '```python\nprint("hi")\n```' });
    expect(await executeSide(side, { backend: b })).toMatchObject({ status: 'succeeded', execution: { output: 'hi\n' } });
    // The spares are there, warm for the next side.
    expect(await waitFor(() => containers().length >= 2, 20_000)).toBe(true);
    await b.close();
    expect(containers()).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('removes its containers by itself when the supervisor is SIGKILLed, and the next start removes the folders', async () => {
    const dir = freshDir();
    const marker = `bcr-warm-dead-${process.pid}-${Date.now()}`;
    const script = `import { dockerBackend } from ${JSON.stringify(new URL('../../src/exec/index.ts', import.meta.url).pathname)};
const sb = await dockerBackend({ tmpDir: ${JSON.stringify(dir)} }).create({ program: '/bin/sh' });
const run = sb.exec(['/bin/sh', '-c', 'cp /bin/sleep ./${marker}; ./${marker} 300']);
process.stdout.write('started\\n');
await run;`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'], cwd: new URL('../..', import.meta.url).pathname });
    await new Promise<void>((resolve) => child.stdout!.on('data', () => resolve()));
    expect(await waitFor(() => programsNamed(marker).length > 0, 30_000)).toBe(true);
    expect(containers(child.pid).length).toBeGreaterThanOrEqual(1);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('close', r));
    // No new backend needed: the keeper's stdin closed with the supervisor.
    expect(await waitFor(() => containers(child.pid).length === 0, 20_000)).toBe(true);
    expect(await awaitNoProcesses(marker, 5000)).toEqual([]);
    expect(readdirSync(dir).length).toBeGreaterThan(0);
    await (await dockerBackend({ tmpDir: dir, warm: 0 }).create()).destroy();
    expect(readdirSync(dir)).toEqual([]);
  }, 90_000);

  /** Runs a supervisor in a process of its own: a warm backend in `dir`, one command run and its sandbox destroyed, then `end`. */
  const supervisor = (dir: string, end: string) => spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', `import { dockerBackend } from ${JSON.stringify(new URL('../../src/exec/index.ts', import.meta.url).pathname)};
const b = dockerBackend({ tmpDir: ${JSON.stringify(dir)}, warm: 2 });
const sb = await b.create({ program: '/usr/bin/python3' });
process.stdout.write((await sb.exec(['/bin/echo', 'ran'])).stdout);
await sb.destroy();
${end}`], { encoding: 'utf8', cwd: new URL('../..', import.meta.url).pathname, timeout: 50_000 });

  it('removes idle workspaces when the supervisor exits without closing the backend', async () => {
    const dir = freshDir();
    const child = supervisor(dir, 'await new Promise((r) => setTimeout(r, 3000));');
    expect({ status: child.status, stdout: child.stdout }, child.stderr).toEqual({ status: 0, stdout: 'ran\n' });
    expect(readdirSync(dir)).toEqual([]);
    expect(await waitFor(() => containers(child.pid).length === 0, 20_000)).toBe(true);
  }, 60_000);

  it('lets a supervisor await close() to the end (the idle clients do not hold the process, nor let it exit early)', async () => {
    const dir = freshDir();
    const child = supervisor(dir, "await b.close();\nprocess.stdout.write('closed\\n');");
    // Exit 13 would be Node's "unsettled top-level await": close() waiting on handles that no longer keep the loop alive.
    expect({ status: child.status, stdout: child.stdout }, child.stderr).toEqual({ status: 0, stdout: 'ran\nclosed\n' });
    expect(readdirSync(dir)).toEqual([]);
    expect(containers(child.pid)).toEqual([]);
  }, 60_000);
});
