/** The Docker node image's pinned web packages are exactly what the bundle step needs, at the installed versions. */
import { readFileSync } from 'node:fs';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WEB_MODULES, webMounts, webPackages } from '../../../src/exec/browser/toolchain.js';
import { SandboxConfigError, localBackend } from '../../../src/exec/index.js';

describe('the web toolchain', () => {
  it('sandboxes/node.conf pins every package webPackages() finds, at its installed version', () => {
    const pinned = readFileSync('sandboxes/node.conf', 'utf8').split('\n').filter((l) => l.startsWith('npm-package ')).map((l) => l.slice('npm-package '.length).trim());
    const needed = [...webPackages()].map(([name, version]) => `${name}@${version}`);
    expect(pinned).toEqual(needed);
    for (const root of ['esbuild', '@esbuild/linux-x64', 'react', 'react-dom', 'scheduler', 'vue', '@vue/compiler-sfc', 'postcss']) {
      expect(needed.some((n) => n.startsWith(`${root}@`)), root).toBe(true);
    }
  });

  it('the local backend gets each package read-only at the same path as in the image', () => {
    const mounts = webMounts();
    expect(mounts.length).toBe(webPackages().size);
    expect(mounts.find((m) => m.target === `${WEB_MODULES}/react`)?.source).toMatch(/node_modules\/react$/);
    expect(mounts.every((m) => m.target.startsWith(`${WEB_MODULES}/`))).toBe(true);
  });

  it('read-only mounts: the sandbox reads the toolchain but cannot change it; bad targets are refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bcr-mounts-'));
    chmodSync(dir, 0o711);
    const backend = localBackend({ tmpDir: dir });
    const sandbox = await backend.create({ readOnlyMounts: webMounts() });
    try {
      const r = await sandbox.exec(['/bin/sh', '-c', `cat ${WEB_MODULES}/react/package.json >/dev/null && echo read; touch ${WEB_MODULES}/react/planted 2>/dev/null || echo refused`]);
      expect(r.stdout).toBe('read\nrefused\n');
      expect(existsSync(join(webMounts().find((m) => m.target.endsWith('/react'))!.source, 'planted'))).toBe(false);
    } finally {
      await sandbox.destroy();
    }
    await expect(backend.create({ readOnlyMounts: [{ source: '/usr', target: '/home/user/usr' }] })).rejects.toThrow(SandboxConfigError);
    await expect(backend.create({ readOnlyMounts: [{ source: 'relative', target: '/opt/x' }] })).rejects.toThrow(SandboxConfigError);
    rmSync(dir, { recursive: true, force: true });
  });
});
