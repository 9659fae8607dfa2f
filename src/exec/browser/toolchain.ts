/**
 * The web toolchain a bundling sandbox sees: esbuild (its JS API and its
 * Linux binary), React 19, react-dom, Vue 3.5 and `@vue/compiler-sfc`, with
 * every package they depend on, from the project's own node_modules. Inside
 * the sandbox they are at `WEB_MODULES` (the local backend binds each
 * package folder read-only there; the Docker node image has copies at the
 * same path, see `sandboxes/node.conf`).
 */
import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** Where the toolchain's packages are inside a sandbox. */
export const WEB_MODULES = '/opt/bcr-web/node_modules';

/** The packages the bundle step imports; their dependencies come with them. */
export const WEB_ROOTS = ['esbuild', '@esbuild/linux-x64', 'react', 'react-dom', 'vue', '@vue/compiler-sfc'] as const;

/** The project's node_modules folder (where the toolchain's packages are installed). */
export function projectModules(): string {
  const require = createRequire(import.meta.url);
  // Named one by one, so the dependency check sees what the sandbox uses.
  const manifests = [require.resolve('esbuild/package.json'), require.resolve('react/package.json'), require.resolve('react-dom/package.json'), require.resolve('vue/package.json')];
  const main = manifests[0]!;
  const at = main.lastIndexOf(`${path.sep}node_modules${path.sep}`);
  const modules = main.slice(0, at + `${path.sep}node_modules`.length);
  for (const m of manifests) if (!m.startsWith(modules)) throw new Error(`the web toolchain's packages must be installed in one node_modules: ${m} is not under ${modules}`);
  return modules;
}

interface Manifest {
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

/** Every package (name -> version) the roots need, found by walking package.json dependencies. */
export function webPackages(modules = projectModules()): Map<string, string> {
  const found = new Map<string, string>();
  const queue: string[] = [...WEB_ROOTS];
  while (queue.length > 0) {
    const name = queue.shift()!;
    if (found.has(name)) continue;
    const file = path.join(modules, name, 'package.json');
    // Optional dependencies for other platforms are not installed: skipped.
    if (!existsSync(file)) {
      if ((WEB_ROOTS as readonly string[]).includes(name)) throw new Error(`the web toolchain needs the package ${name}, which is not installed in ${modules}`);
      continue;
    }
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
    found.set(name, manifest.version ?? '0.0.0');
    for (const dep of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) queue.push(dep);
    // react-dom's peer `react` is a root already; other peers are not needed to bundle.
  }
  return new Map([...found].sort(([a], [b]) => a.localeCompare(b)));
}

/** The read-only binds that give a local sandbox the toolchain. */
export function webMounts(modules = projectModules()): { source: string; target: string }[] {
  return [...webPackages(modules).keys()].map((name) => ({ source: path.join(modules, name), target: `${WEB_MODULES}/${name}` }));
}
