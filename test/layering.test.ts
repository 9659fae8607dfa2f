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

  it.each([
    ['stats importing the judge', { 'src/judge/types.ts': [], 'src/stats/align.ts': ['../judge/types.js'] }, ['stats-ratings-pure']],
    ['ratings importing eval', { 'src/eval/x.ts': [], 'src/ratings/y.ts': ['../eval/x.js'] }, ['ratings-not-upward']],
    ['data importing the judge', { 'src/judge/types.ts': [], 'src/data/verdict.ts': ['../judge/types.js'] }, ['data-not-upward']],
    ['the judge importing stats', { 'src/stats/m.ts': [], 'src/judge/runs.ts': ['../stats/m.js'] }, ['judge-not-upward']],
    ['util importing data', { 'src/data/row.ts': [], 'src/util/rng.ts': ['../data/row.js'] }, ['util-not-upward']],
    ['charts importing the study', { 'src/study/run.ts': [], 'src/charts/c.ts': ['../study/run.js'] }, ['charts-not-upward']],
    ['the notebook helpers importing the CLI', { 'src/cli/output.ts': [], 'src/notebook/show.ts': ['../cli/output.js'] }, ['nothing-imports-cli']],
    ['a cycle inside one room', { 'src/cli/main.ts': ['./commands.js'], 'src/cli/commands.ts': ['./main.js'] }, ['no-circular']],
  ] as const)('fails on %s', (_what, files, rules) => {
    const run = lint(tree(files as Record<string, string[]>));
    expect(run.status).toBe(1);
    for (const rule of rules) expect(run.out).toContain(`error ${rule}:`);
  });
});
