/** The Docker node image's pinned web packages are exactly what the bundle step needs, at the installed versions. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WEB_MODULES, webMounts, webPackages } from '../../../src/exec/browser/toolchain.js';

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
});
