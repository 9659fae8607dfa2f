/**
 * The notebook set, as a user gets it:
 * - the kernel is registered from a plain shell with the documented command
 *   (`npm run notebooks:kernel`, here into a temporary prefix) and its spec
 *   points at the project's own tslab binary;
 * - every notebook executes headless with Jupyter and that kernel, exactly as
 *   "Run all" would, with `node_modules/.bin` NOT on PATH (a plain shell),
 *   and ends without an error;
 * - every notebook's first code cell is its parameters cell, tagged
 *   `parameters` as papermill expects; none reads outside the repository.
 * Needs `npm run build` first (npm test does it): notebooks import `dist/`.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import pLimit from 'p-limit';
import { beforeAll, describe, expect, it } from 'vitest';
import { PYTHON } from './support/python.js';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '..');
const notebooks = readdirSync(join(root, 'notebooks')).filter((f) => /^\d+.*\.ipynb$/.test(f)).sort();
const THE_SET = [
  '01-explore-dataset', '02-execute-code', '03-run-judges', '04-judge-accuracy',
  '05-bradley-terry', '06-slices', '07-prototype-a-judge', '08-is-the-gain-real',
];

interface NotebookOutput { output_type: string; ename?: string; evalue?: string; data?: Record<string, unknown>; text?: string[] }
interface Cell { cell_type: string; source: string[]; metadata: { tags?: string[] }; outputs?: NotebookOutput[] }
interface Notebook { cells: Cell[]; metadata: { kernelspec?: { name: string } } }

/** tslab prints a cell's TypeScript errors as a stream ("4:67 - Module ... has no exported member ..."), not as an error output. */
const isTypeError = (o: NotebookOutput) => o.output_type === 'stream' && /^\d+:\d+ - /m.test((o.text ?? []).join(''));
const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Notebook;
const committed = new Map(notebooks.map((n) => [n, read(join(root, 'notebooks', n))]));

/** PATH as a plain shell has it: without the project's node_modules/.bin (where npx and npm scripts put tslab). */
const plainPath = (process.env.PATH ?? '').split(delimiter).filter((p) => !/node_modules[\\/]\.bin$/.test(p)).join(delimiter);

// Several kernels at once, not all: two cores are shared with the rest of the suite.
const limit = pLimit(3);
let prefix = '';

beforeAll(async () => {
  prefix = mkdtempSync(join(tmpdir(), 'bcr-kernel-'));
  // The README's command, with Debian's Python (the one that has jupyter_client here).
  await run('npm', ['run', '--silent', 'notebooks:kernel', '--', '--prefix', prefix], {
    cwd: root, env: { ...process.env, PATH: plainPath, JUPYTER_PYTHON: PYTHON },
  });
}, 120_000);

describe('the notebook set', () => {
  it('has the documented notebooks', () => {
    for (const name of THE_SET) expect(notebooks, name).toContain(`${name}.ipynb`);
  });

  it('registers a kernel whose spec points at the project\'s own tslab binary', () => {
    const spec = JSON.parse(readFileSync(join(prefix, 'share', 'jupyter', 'kernels', 'tslab', 'kernel.json'), 'utf8')) as { argv: string[]; language: string };
    expect(spec.language).toBe('typescript');
    expect(spec.argv[0]).toBe(join(root, 'node_modules', '.bin', 'tslab'));
    expect(() => accessSync(spec.argv[0]!, constants.X_OK)).not.toThrow();
    expect(spec.argv.slice(1, 3)).toEqual(['kernel', '--config-path']);
  });

  it('never reads the shared folder outside the repository', () => {
    for (const name of notebooks) {
      const text = readFileSync(join(root, 'notebooks', name), 'utf8');
      expect(text, name).not.toContain('../shared');
      expect(text, name).not.toContain('/work/shared');
    }
  });

  it('opens every notebook with a parameters cell tagged for papermill', () => {
    for (const [name, nb] of committed) {
      const first = nb.cells.find((c) => c.cell_type === 'code');
      expect(first?.metadata.tags ?? [], name).toContain('parameters');
      expect(first!.source.join(''), name).toMatch(/^\/\/ Parameters/);
      expect(nb.metadata.kernelspec?.name, name).toBe('tslab');
    }
  });

  it('is committed with outputs and without errors', () => {
    for (const [name, nb] of committed) {
      const outputs = nb.cells.flatMap((c) => c.outputs ?? []);
      expect(outputs.length, name).toBeGreaterThan(0);
      expect(outputs.filter((o) => o.output_type === 'error').map((o) => o.evalue), name).toEqual([]);
      expect(outputs.filter(isTypeError).map((o) => o.text?.join('')), name).toEqual([]);
    }
  });
});

describe('notebooks run headless with the registered kernel', () => {
  for (const name of notebooks) {
    it.concurrent(`${name} runs to the end with outputs and no error`, async () => {
      const outDir = mkdtempSync(join(tmpdir(), 'bcr-nb-'));
      await limit(() => run(
        'jupyter',
        ['nbconvert', '--to', 'notebook', '--execute', '--ExecutePreprocessor.kernel_name=tslab',
          '--ExecutePreprocessor.timeout=600', '--output-dir', outDir, join(root, 'notebooks', name)],
        { cwd: join(root, 'notebooks'), env: { ...process.env, PATH: plainPath, JUPYTER_PATH: join(prefix, 'share', 'jupyter') }, maxBuffer: 64 * 2 ** 20 },
      ));
      const executed = read(join(outDir, name));
      const code = executed.cells.filter((c) => c.cell_type === 'code');
      const outputs = code.flatMap((c) => c.outputs ?? []);
      expect(outputs.filter((o) => o.output_type === 'error').map((o) => `${o.ename}: ${o.evalue}`)).toEqual([]);
      expect(outputs.filter(isTypeError).map((o) => o.text?.join(''))).toEqual([]);
      // Every notebook ends by showing something: the last code cell has output.
      expect(code.at(-1)?.outputs?.length ?? 0).toBeGreaterThan(0);
    }, 900_000);
  }
});
