/**
 * The local backend without bubblewrap: it refuses untrusted code and says
 * how to install bubblewrap, unless the loudly named opt-out is given.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { localBackend, runProgram, SandboxUnavailableError, type Sandbox } from '../../src/exec/index.js';

const MISSING = '/nonexistent/bin/bwrap';

describe('local backend without bubblewrap', () => {
  const made: Sandbox[] = [];
  afterEach(async () => { await Promise.all(made.splice(0).map((sb) => sb.destroy())); });

  it('refuses to create a sandbox and says how to install bubblewrap or opt out', async () => {
    const err = await localBackend({ bwrapPath: MISSING }).create().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SandboxUnavailableError);
    expect((err as Error).message).toContain('apt-get install bubblewrap');
    expect((err as Error).message).toContain('unsafeNoIsolation');
    expect((err as Error).message).toContain(MISSING);
  });

  it('refuses when bubblewrap is there but cannot make a sandbox, quoting why', async () => {
    // A real executable that fails as bubblewrap does where namespaces are off.
    const dir = mkdtempSync(path.join(tmpdir(), 'bcr-fake-bwrap-'));
    const fake = path.join(dir, 'bwrap');
    writeFileSync(fake, '#!/bin/sh\necho "bwrap: No permissions to create new namespace" >&2\nexit 1\n', { mode: 0o755 });
    chmodSync(dir, 0o755);
    try {
      const err = await localBackend({ bwrapPath: fake }).create().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SandboxUnavailableError);
      expect((err as Error).message).toContain('No permissions to create new namespace');
      expect((err as Error).message).toContain('unsafeNoIsolation');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs code without isolation only with unsafeNoIsolation, still scrubbed and limited', async () => {
    process.env.OPENAI_API_KEY_UNSAFE_TEST = 'sk-unsafe-test-secret';
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    try {
      const backend = localBackend({ bwrapPath: MISSING, unsafeNoIsolation: true });
      expect(backend.name).toBe('local-unsafe');
      const sb = await backend.create();
      made.push(sb);
      expect(sb.isolated).toBe(false);
      const env = await sb.exec(['/usr/bin/env']);
      expect(env.stdout).not.toContain('sk-unsafe-test-secret');
      expect(env.stdout).toContain(`HOME=${sb.workdir}\n`);
      const wall = await sb.exec(['/bin/sh', '-c', 'sleep 30'], { limits: { wallMs: 300 } });
      expect(wall.limit).toBe('wall');
      const run = await runProgram(sb, { language: 'Python', entry: 'main.py', files: [{ path: 'main.py', contents: 'print(6 * 7)' }] });
      expect(run.execution).toMatchObject({ source: 'executed', output: '42\n', success: true });
      await new Promise((r) => setImmediate(r));
      expect(warnings).toContain('UnsafeNoIsolation');
    } finally {
      process.off('warning', onWarning);
      delete process.env.OPENAI_API_KEY_UNSAFE_TEST;
    }
  });
});
