/**
 * How long `import('bigcodereward-workbench')` takes in a fresh `node`
 * process: the main entry now, against the full surface it replaced (commit
 * 4bc31f7, built once into .cache/import-time/), and the subpath entries.
 * Runs alternate between targets so machine load falls on all of them alike.
 * Also lists which heavy packages each entry loads at import.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchOptions, BenchResult, BenchRow } from './harness.js';

const ROOT = join(import.meta.dirname, '..');
/** The last commit whose main entry re-exported every room (~370 names). */
const BASE_COMMIT = '4bc31f7';
const CACHE = join(ROOT, '.cache', 'import-time');
const HEAVY = ['sharp', '@resvg/resvg-js', '@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', 'apache-arrow', 'vega', 'vega-lite', 'openai', 'hyparquet-writer'];

interface Target {
  name: string;
  file: string;
}

/** Builds the base commit's src/ once; it sits inside the repository so its packages resolve from our node_modules. */
function baseEntry(): string {
  const dir = join(CACHE, BASE_COMMIT);
  const entry = join(dir, 'dist', 'index.js');
  if (existsSync(entry)) return entry;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const archive = execFileSync('git', ['archive', BASE_COMMIT, 'src', 'tsconfig.json', 'tsconfig.build.json', 'package.json'], { cwd: ROOT });
  execFileSync('tar', ['-x', '-C', dir], { input: archive });
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(dir, 'tsconfig.build.json')], { stdio: 'inherit' });
  return entry;
}

/** One fresh process: milliseconds spent in the dynamic import (node's own start-up excluded), and the runtime names exported. */
function importOnce(file: string): { ms: number; names: number } {
  const script = `const t = performance.now(); const m = await import(${JSON.stringify(pathToFileURL(file).href)}); `
    + `process.stdout.write(JSON.stringify({ ms: performance.now() - t, names: Object.keys(m).length }));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })) as { ms: number; names: number };
}

/** The heavy packages an import resolves, seen by a resolve hook (ESM imports only). */
function heavyPackages(file: string): string[] {
  mkdirSync(CACHE, { recursive: true });
  const hook = join(CACHE, 'resolve-hook.mjs');
  writeFileSync(hook, `export async function resolve(s, c, next) {
  const r = await next(s, c);
  const m = r.url.match(/node_modules\\/((@[^/]+\\/)?[^/]+)/);
  if (m) process.stdout.write('PKG ' + m[1] + '\\n');
  return r;
}\n`);
  const out = execFileSync(process.execPath, ['--no-warnings', '--experimental-loader', pathToFileURL(hook).href, '--input-type=module', '-e', `await import(${JSON.stringify(pathToFileURL(file).href)});`], { encoding: 'utf8' });
  const seen = new Set(out.split('\n').filter((l) => l.startsWith('PKG ')).map((l) => l.slice(4)));
  return HEAVY.filter((p) => seen.has(p));
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

export async function run(opts: BenchOptions): Promise<BenchResult> {
  const dist = join(ROOT, 'dist');
  if (!existsSync(join(dist, 'index.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm run bench does)');
  const targets: Target[] = [
    { name: `main entry before (${BASE_COMMIT}, full surface)`, file: baseEntry() },
    { name: 'main entry now', file: join(dist, 'index.js') },
    { name: '/eval', file: join(dist, 'eval', 'index.js') },
    { name: '/charts', file: join(dist, 'charts', 'index.js') },
    { name: '/notebook', file: join(dist, 'notebook', 'index.js') },
  ];
  const runs = opts.quick ? 5 : 15;
  const times = new Map<string, number[]>(targets.map((t) => [t.name, []]));
  const names = new Map<string, number>();
  importOnce(targets[0]!.file); // warm the file-system cache before anything is timed
  for (let i = 0; i < runs; i++) {
    for (const t of targets) {
      const r = importOnce(t.file);
      times.get(t.name)!.push(r.ms);
      names.set(t.name, r.names);
    }
  }
  const before = median(times.get(targets[0]!.name)!);
  const rows: BenchRow[] = targets.map((t) => {
    const ms = times.get(t.name)!;
    return {
      name: t.name,
      'median ms': Math.round(median(ms)),
      'min ms': Math.round(Math.min(...ms)),
      'vs before': Number((median(ms) / before).toFixed(2)),
      names: names.get(t.name) ?? null,
      'heavy packages loaded': heavyPackages(t.file).join(' ') || 'none',
    };
  });
  return {
    title: `Import time of the package entries (${runs} fresh node processes each, interleaved; time inside import())`,
    rows,
    notes: [
      '"names" counts runtime exports (types are not counted).',
      `"before" is commit ${BASE_COMMIT} built into .cache/import-time/ on first use.`,
    ],
  };
}
