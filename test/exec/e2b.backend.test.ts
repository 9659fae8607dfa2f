/**
 * What the E2B backend asks of E2B, read from the fake cloud's call log
 * (./e2b-fake.ts, the SDK boundary only): explicit sandbox lifetime and
 * command timeouts, the lifetime extended before a long command, the API
 * key given to the SDK and to nothing else, the VM killed on destroy, and
 * `serve()` waiting for the app's port before a real Chromium screenshot.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { e2bBackend, E2B_TEMPLATE, type E2BSandbox } from '../../src/exec/backends/e2b.js';
import { executeSide, localBackend, runProgram, SandboxUnavailableError } from '../../src/exec/index.js';
import { makeSide } from '../support/comparisons.js';
import { fakeE2B, type FakeCall } from './e2b-fake.js';

const SECRET = 'e2b_secret_value_never_shown_0123456789';
const local = localBackend();
const runs = (calls: FakeCall[]) => calls.filter((c) => c.method === 'commands.run').map((c) => ({ cmd: c.args[0] as string, opts: c.args[1] as Record<string, unknown> }));

describe('the E2B backend, over the fake cloud', () => {
  it('creates the sandbox from the template with an explicit lifetime, no internet, and the key given to the SDK only', async () => {
    const cloud = fakeE2B(local);
    process.env.E2B_API_KEY = SECRET;
    try {
      const sb = await e2bBackend({ sdk: cloud, lifetimeMs: 120_000 }).create({ limits: { wallMs: 20_000 } });
      const r = await sb.exec(['/bin/sh', '-c', 'env; cat /proc/self/environ | tr "\\0" "\\n"']);
      await sb.destroy();
      expect(r.exitCode).toBe(0);
      expect(r.stdout).not.toContain(SECRET);
      expect(r.stdout).not.toContain('E2B_API_KEY');
      const create = cloud.calls.find((c) => c.method === 'Sandbox.create')!;
      expect(create.args[0]).toBe(E2B_TEMPLATE);
      expect(create.args[1]).toMatchObject({ apiKey: SECRET, timeoutMs: 120_000, allowInternetAccess: false, envs: {} });
      expect((create.args[1] as { requestTimeoutMs: number }).requestTimeoutMs).toBeGreaterThan(0);
      // Nowhere else: not in a command line, a file, an option.
      const others = JSON.stringify(cloud.calls.filter((c) => c !== create));
      expect(others).not.toContain(SECRET);
      expect(cloud.calls.at(-1)?.method).toBe('Sandbox.kill');
      expect(cloud.alive()).toBe(0);
    } finally {
      delete process.env.E2B_API_KEY;
    }
  });

  it('refuses to start without an API key, naming E2B_API_KEY', async () => {
    delete process.env.E2B_API_KEY;
    const cloud = fakeE2B(local);
    const err = await e2bBackend({ sdk: cloud }).create().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SandboxUnavailableError);
    expect((err as Error).message).toMatch(/E2B_API_KEY/);
    expect(cloud.calls).toEqual([]);
  });

  it('gives every command an explicit timeout past its wall limit (E2B\'s 60 s default would kill a 90 s run)', async () => {
    const cloud = fakeE2B(local);
    const sb = await e2bBackend({ apiKey: 'k', sdk: cloud }).create();
    try {
      await sb.exec(['/bin/true'], { limits: { wallMs: 90_000 } });
      await sb.exec(['/bin/true']);
      const [long, dflt] = runs(cloud.calls);
      expect(long!.opts.timeoutMs).toBeGreaterThan(90_000);
      expect(dflt!.opts.timeoutMs).toBeGreaterThan(30_000);
      for (const r of [long!, dflt!]) {
        expect(r.opts).toMatchObject({ background: true, user: 'user', envs: {} });
        expect(r.opts.requestTimeoutMs).toBeGreaterThan(0);
        expect(r.cmd).toMatch(/^\/usr\/bin\/env -i .*\/usr\/bin\/prlimit --cpu=/);
      }
    } finally {
      await sb.destroy();
    }
  });

  it('extends the sandbox\'s lifetime before a command that would outlive it', async () => {
    // The fake kills a sandbox at its timeout, as E2B does: check that first, so the test below can fail.
    const control = fakeE2B(local);
    const vm = await control.create(E2B_TEMPLATE, { apiKey: 'k', timeoutMs: 300, requestTimeoutMs: 1000, allowInternetAccess: false, metadata: {}, envs: {} });
    await new Promise((r) => setTimeout(r, 600));
    expect(control.timedOut).toEqual([vm.sandboxId]);
    await expect(vm.commands.run('true', { background: true })).rejects.toThrow(/not running/);

    const cloud = fakeE2B(local);
    const sb = await e2bBackend({ apiKey: 'k', sdk: cloud, lifetimeMs: 1500 }).create();
    try {
      const r = await sb.exec(['/bin/sh', '-c', 'sleep 2.5; echo survived'], { limits: { wallMs: 5000 } });
      expect(r).toMatchObject({ stdout: 'survived\n', exitCode: 0, limit: null });
      expect(cloud.timedOut).toEqual([]);
      const extended = cloud.calls.filter((c) => c.method === 'Sandbox.setTimeout').map((c) => c.args[0] as number);
      expect(extended.length).toBeGreaterThanOrEqual(1);
      expect(extended[0]).toBeGreaterThan(5000);
    } finally {
      await sb.destroy();
    }
  });

  it('executes a dataset side end to end (executeSide over e2b)', async () => {
    const cloud = fakeE2B(local);
    const side = makeSide({ code: 'print(sum(range(10)))', language: 'Python', environment: 'Python Runner', answer: '```python\nprint(sum(range(10)))\n```' });
    const r = await executeSide(side, { backend: e2bBackend({ apiKey: 'k', sdk: cloud }) });
    expect(r).toMatchObject({ kind: 'ran', status: 'succeeded', execution: { output: '45\n', success: true } });
    expect(cloud.alive()).toBe(0);
  });

  it('runs PyGame headless on e2b too (the template has pygame)', async () => {
    const { runPygame } = await import('../../src/exec/pygame/run-pygame.js');
    const sb = await e2bBackend({ apiKey: 'k', sdk: fakeE2B(local) }).create();
    try {
      const code = 'import pygame\npygame.init()\ns = pygame.display.set_mode((64, 48))\nwhile True:\n    s.fill((0, 128, 0))\n    pygame.display.flip()\n';
      const run = await runPygame(sb, { language: 'Python', entry: 'game.py', files: [{ path: 'game.py', contents: code }] }, { frames: 3 });
      expect(run.execution.success, run.execution.error ?? '').toBe(true);
      const png = await run.images[0]!.load();
      expect(Buffer.from(png.subarray(0, 8)).toString('hex')).toBe('89504e470d0a1a0a');
    } finally {
      await sb.destroy();
    }
  });

  it('refuses a symlink planted by the program, as the other backends do', async () => {
    const sb = await e2bBackend({ apiKey: 'k', sdk: fakeE2B(local) }).create();
    try {
      await sb.exec(['/bin/ln', '-s', '/etc/passwd', 'out.txt']);
      await expect(sb.readFile('out.txt')).rejects.toThrow(/symlink/);
      await expect(sb.writeFiles([{ path: 'out.txt', contents: 'x' }])).rejects.toThrow(/symlink/);
      const run = await runProgram(sb, { language: 'Python', entry: 'm.py', files: [{ path: 'm.py', contents: 'print(1)' }] });
      expect(run.execution.output).toBe('1\n');
    } finally {
      await sb.destroy();
    }
  });
});

describe('serve(): an app in the background, a readiness wait on its port, then a screenshot', () => {
  // The server below is our own trusted test code: the unsafe local backend lets the host reach its port, as E2B's getHost does.
  const unsafe = localBackend({ unsafeNoIsolation: true });
  const profile = mkdtempSync(join(tmpdir(), 'bcr-e2b-chromium-'));
  const shots = process.env.BCR_KEEP_SHOTS;
  afterAll(() => rmSync(profile, { recursive: true, force: true }));
  const port = 20_000 + (process.pid % 20_000);

  it('waits until the port answers, gives a URL a real browser can screenshot, and stops the server', async () => {
    const cloud = fakeE2B(unsafe);
    const sb = (await e2bBackend({ apiKey: 'k', sdk: cloud, appScheme: 'http' }).create()) as E2BSandbox;
    try {
      await sb.writeFiles([{ path: 'site/index.html', contents: '<!doctype html><body style="background:#0a0;margin:0"><h1 id="t">served</h1></body>' }]);
      // A slow start: the server sleeps a second before it listens, so a screenshot without the wait would find nothing.
      const app = await sb.serve(['/bin/sh', '-c', `sleep 1; exec /usr/bin/python3 -m http.server ${port} --bind 127.0.0.1 --directory site`], { port, readyTimeoutMs: 20_000 });
      expect(app.url).toBe(`http://127.0.0.1:${port}`);
      expect(app.readyMs).toBeGreaterThanOrEqual(900);
      const server = runs(cloud.calls)[0]!;
      expect(server.opts.timeoutMs).toBe(0);
      const browser = await chromium.launchPersistentContext(profile, {
        executablePath: '/usr/bin/chromium', viewport: { width: 320, height: 200 },
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      });
      try {
        const page = await browser.newPage();
        await page.goto(app.url);
        expect(await page.textContent('#t')).toBe('served');
        const png = await page.screenshot(shots ? { path: join(shots, 'e2b-served.png') } : {});
        expect(png.subarray(1, 4).toString()).toBe('PNG');
      } finally {
        await browser.close();
      }
      await app.stop();
      const probe = spawnSync('/usr/bin/python3', ['-c', `import socket\ns = socket.socket()\ns.settimeout(1)\ntry:\n    s.connect(("127.0.0.1", ${port})); print("open")\nexcept OSError:\n    print("closed")`]);
      expect(probe.stdout.toString().trim()).toBe('closed');
    } finally {
      await sb.destroy();
    }
  }, 60_000);

  it('fails with the app\'s own words when it exits before its port opens', async () => {
    const sb = (await e2bBackend({ apiKey: 'k', sdk: fakeE2B(unsafe) }).create()) as E2BSandbox;
    try {
      const err = await sb.serve(['/usr/bin/python3', '-c', 'import sys; print("ModuleNotFoundError: No module named streamlit", file=sys.stderr); sys.exit(1)'], { port: port + 1, readyTimeoutMs: 10_000 }).then(() => new Error('it served'), (e: unknown) => e as Error);
      expect(err.message).toMatch(/exited before its port \d+ opened[\s\S]*No module named streamlit/);
    } finally {
      await sb.destroy();
    }
  });

  it('gives up at the readiness timeout when nothing listens', async () => {
    const sb = (await e2bBackend({ apiKey: 'k', sdk: fakeE2B(unsafe) }).create()) as E2BSandbox;
    try {
      const t0 = Date.now();
      const err = await sb.serve(['/bin/sleep', '30'], { port: port + 2, readyTimeoutMs: 1500 }).then(() => new Error('it served'), (e: unknown) => e as Error);
      expect(err.message).toMatch(/did not open port \d+ within 1500 ms/);
      expect(Date.now() - t0).toBeLessThan(8000);
    } finally {
      await sb.destroy();
    }
  });
});
