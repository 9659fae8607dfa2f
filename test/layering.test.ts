/**
 * The layering rule is enforced, not just written down: dependency-cruiser,
 * with the project's own `.dependency-cruiser.cjs`, passes on src/ and fails
 * on small trees that import the wrong way.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const SCRIPT = join(ROOT, 'scripts', 'lint-deps.ts');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');

const trees: string[] = [];
afterAll(() => trees.forEach((t) => rmSync(t, { recursive: true, force: true })));

/** A tiny src/ tree: file path -> the relative modules it imports. */
function tree(files: Record<string, string[]>): string {
  const dir = mkdtempSync(join(tmpdir(), 'bcr-layering-'));
  trees.push(dir);
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true } }));
  for (const [file, imports] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    const lines = imports.map((target, i) => `import * as m${i} from '${target}';\nvoid m${i};`);
    writeFileSync(join(dir, file), `${lines.join('\n')}\nexport const here = ${JSON.stringify(file)};\n`);
  }
  return dir;
}

function lint(cwd: string): { status: number | null; out: string } {
  const run = spawnSync(TSX, [SCRIPT, '--config', CONFIG, '--ts-config', 'tsconfig.json', 'src'], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, out: `${run.stdout}${run.stderr}` };
}

describe('dependency rule', () => {
  it('passes on the project itself', () => {
    const run = spawnSync(TSX, [SCRIPT], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(run.stdout + run.stderr).toContain('0 forbidden dependencies');
    expect(run.status).toBe(0);
  });

  it('passes on a tree that imports downwards only', () => {
    const ok = tree({
      'src/errors.ts': [],
      'src/data/row.ts': ['../errors.js'],
      'src/judge/judge.ts': ['../data/row.js'],
      'src/stats/metric.ts': ['../data/row.js'],
      'src/eval/score.ts': ['../judge/judge.js', '../stats/metric.js'],
      'src/cli/main.ts': ['../eval/score.js'],
    });
    const run = lint(ok);
    expect(run.out).toContain('0 forbidden dependencies');
    expect(run.status).toBe(0);
  });

  // One tree holding every kind of wrong-way import (one cruise, not one per case: it takes seconds).
  const WRONG: Record<string, { imports: string[]; rule: string }> = {
    'src/judge/types.ts': { imports: [], rule: '' },
    'src/eval/x.ts': { imports: [], rule: '' },
    'src/study/run.ts': { imports: [], rule: '' },
    'src/cli/output.ts': { imports: [], rule: '' },
    'src/stats/align.ts': { imports: ['../judge/types.js'], rule: 'stats-ratings-pure' },
    'src/ratings/y.ts': { imports: ['../eval/x.js'], rule: 'ratings-not-upward' },
    'src/data/verdict.ts': { imports: ['../judge/types.js'], rule: 'data-not-upward' },
    'src/judge/runs.ts': { imports: ['../stats/align.js'], rule: 'judge-not-upward' },
    'src/util/rng.ts': { imports: ['../data/verdict.js'], rule: 'util-not-upward' },
    'src/errors.ts': { imports: ['./util/rng.js', './data/verdict.js'], rule: 'errors-not-upward' },
    'src/charts/c.ts': { imports: ['../study/run.js'], rule: 'charts-not-upward' },
    'src/notebook/show.ts': { imports: ['../cli/output.js'], rule: 'nothing-imports-cli' },
    'src/cli/main.ts': { imports: ['./commands.js'], rule: 'no-circular' },
    'src/cli/commands.ts': { imports: ['./main.js'], rule: 'no-circular' },
  };

  it('fails on each kind of wrong-way import, naming the rule and the importing file', () => {
    const run = lint(tree(Object.fromEntries(Object.entries(WRONG).map(([file, { imports }]) => [file, imports]))));
    expect(run.status).toBe(1);
    for (const [file, { rule }] of Object.entries(WRONG)) {
      if (rule) expect(run.out).toContain(`error ${rule}: ${file}`);
    }
    // The judge sits below stats, so stats importing it breaks the purity rule, not the upward one.
    expect(run.out).not.toContain('error stats-not-upward');
  });
});

/** The heavy packages a fresh process resolves while importing `specifier` (ESM resolve hook). */
function packagesLoadedBy(specifier: string): Set<string> {
  const dir = mkdtempSync(join(tmpdir(), 'bcr-hook-'));
  trees.push(dir);
  const hook = join(dir, 'hook.mjs');
  writeFileSync(hook, `export async function resolve(s, c, next) {
  const r = await next(s, c);
  const m = r.url.match(/node_modules\\/((@[^/]+\\/)?[^/]+)/);
  if (m) process.stdout.write('PKG ' + m[1] + '\\n');
  return r;
}\n`);
  const run = spawnSync(process.execPath, ['--no-warnings', '--experimental-loader', hook, '--input-type=module', '-e',
    `const m = await import(${JSON.stringify(specifier)}); process.stdout.write('NAMES ' + Object.keys(m).length + '\\n');`], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  expect(run.stderr).toBe('');
  expect(run.stdout).toMatch(/NAMES [1-9]/);
  return new Set(run.stdout.split('\n').filter((l) => l.startsWith('PKG ')).map((l) => l.slice(4)));
}

describe('public face (needs npm run build)', () => {
  it('the main entry loads no image, tensor, Arrow, DataFrame or chart library', () => {
    const loaded = packagesLoadedBy('bigcodereward-workbench');
    for (const heavy of ['sharp', '@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', 'apache-arrow', 'vega', 'vega-lite']) {
      expect(loaded.has(heavy), heavy).toBe(false);
    }
  });

  it('every subpath entry resolves by package name', () => {
    for (const entry of ['stats', 'ratings', 'eval', 'charts', 'learned', 'notebook']) {
      expect(packagesLoadedBy(`bigcodereward-workbench/${entry}`).has('sharp'), entry).toBe(false);
    }
    expect(packagesLoadedBy('bigcodereward-workbench/notebook').has('apache-arrow')).toBe(true);
  });
});
