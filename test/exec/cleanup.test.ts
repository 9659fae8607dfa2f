/**
 * Cleanup, always: after a run, after a timeout, and after the supervising
 * process itself is SIGKILLed mid-run, no process of the program, no
 * container and no workspace folder is left, on the local (bubblewrap) and
 * the Docker backend. Each program leaves a detached child behind on
 * purpose, named by a marker the host's process table is searched for.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dockerBackend, executeSide, localBackend, type SandboxBackend } from '../../src/exec/index.js';
import { makeSide } from '../support/comparisons.js';
import { sleepers } from './cleanup-child.js';
import { awaitNoProcesses, processesWith, programsNamed, waitFor } from './support.js';

const root = mkdtempSync(join(tmpdir(), 'bcr-cleanup-'));
// bubblewrap runs as nobody and binds from the workspace folder: the path must be traversable.
chmodSync(root, 0o711);
afterAll(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
const freshDir = () => {
  const dir = join(root, `t${++n}`);
  execFileSync('mkdir', ['-m', '711', dir]);
  return dir;
};
const marker = () => `bcr-cleanup-${process.pid}-${++n}-${Date.now()}`;

/** Containers whose supervising process is `pid` (all of this test's, by default). */
function containersOf(pid = process.pid): string[] {
  const out = execFileSync('docker', ['ps', '-aq', '--filter', `label=org.bcr.owner=${hostname()}:${pid}`]).toString().trim();
  return out === '' ? [] : out.split('\n');
}

/** Python that leaves a detached sleeper (its own session) and prints before ending or hanging. */
const leaver = (m: string, hang: boolean) => `import shutil, subprocess, time
shutil.copy('/bin/sleep', './${m}')
subprocess.Popen(['./${m}', '300'], start_new_session=True)
print('left a child')
${hang ? 'time.sleep(300)' : ''}`;

function suite(name: string, make: (tmpDir: string) => SandboxBackend, docker: boolean, warm = false): void {
  describe(`cleanup on ${name}`, () => {
    it('after a run: the program\'s detached child, its container and its workspace are gone', async () => {
      const dir = freshDir();
      const m = marker();
      const code = leaver(m, false);
      const side = makeSide({ code, answer: `\`\`\`python\n${code}\n\`\`\`` });
      const backend = make(dir);
      const r = await executeSide(side, { backend });
      expect(r).toMatchObject({ kind: 'ran', status: 'succeeded', execution: { output: 'left a child\n' } });
      expect(await awaitNoProcesses(m)).toEqual([]);
      // A warm pool keeps spare containers (each with its folder) until the backend is closed.
      await backend.close?.();
      expect(readdirSync(dir)).toEqual([]);
      if (docker) expect(containersOf()).toEqual([]);
    });

    it('after a timeout: the run is killed, not abandoned, and nothing is left', async () => {
      const dir = freshDir();
      const m = marker();
      const code = leaver(m, true);
      const side = makeSide({ code, answer: `\`\`\`python\n${code}\n\`\`\`` });
      const backend = make(dir);
      const r = await executeSide(side, { backend, limits: { wallMs: 1500 } });
      expect(r).toMatchObject({ kind: 'ran', status: 'stopped', limit: 'wall' });
      expect(await awaitNoProcesses(m)).toEqual([]);
      await backend.close?.();
      expect(readdirSync(dir)).toEqual([]);
      if (docker) expect(containersOf()).toEqual([]);
    });

    it('after the supervisor is SIGKILLed mid-run: no process, container or workspace outlives the next backend start', async () => {
      const dir = freshDir();
      const m = marker();
      const child = spawn(process.execPath, ['--import', 'tsx', 'test/exec/cleanup-child.ts'], {
        env: { ...process.env, CLEANUP_BACKEND: docker ? 'docker' : 'local', CLEANUP_TMP: dir, CLEANUP_MARKER: m, CLEANUP_WARM: warm ? '1' : '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
      // Both sleepers (the foreground one and the detached one) are running before the kill.
      expect(await waitFor(() => programsNamed(m).length >= 2, 30_000), stderr).toBe(true);
      const childPid = child.pid!;
      // A warm pool may have spares (a container and a folder each) besides the one running.
      if (docker) expect(warm ? containersOf(childPid).length : containersOf(childPid)).toSatisfy((c: unknown) => (warm ? (c as number) >= 1 : (c as string[]).length === 1));
      expect(readdirSync(dir).length).toSatisfy((k: number) => (warm ? k >= 1 : k === 1));
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
      if (!docker) {
        // bubblewrap dies with its parent, and its pid namespace with it: no one needs to clean up the processes.
        expect(await awaitNoProcesses(m, 5000)).toEqual([]);
      }
      // The next backend start removes what the dead supervisor left (containers, workspace folders).
      const next = make(dir);
      const sandbox = await next.create();
      await sandbox.destroy();
      expect(await awaitNoProcesses(m, 10_000)).toEqual([]);
      if (docker) expect(containersOf(childPid)).toEqual([]);
      expect(readdirSync(dir)).toEqual([]);
    }, 90_000);
  });
}

suite('local (bubblewrap)', (tmpDir) => localBackend({ tmpDir }), false);
suite('docker', (tmpDir) => dockerBackend({ tmpDir, warm: 0 }), true);
suite('docker, warm containers', (tmpDir) => dockerBackend({ tmpDir, warm: 2 }), true, true);

it('the sleeper command really leaves a detached process (so the checks above can fail)', async () => {
  const m = marker();
  const dir = freshDir();
  const backend = localBackend({ unsafeNoIsolation: true, tmpDir: dir });
  const sb = await backend.create({ limits: { wallMs: 1000 } });
  try {
    // Without isolation nothing reaps the detached sleeper: it outlives the run.
    await sb.exec(sleepers(m));
    expect(processesWith(m).length).toBeGreaterThanOrEqual(1);
  } finally {
    for (const pid of processesWith(m)) process.kill(pid, 'SIGKILL');
    await sb.destroy();
  }
});
