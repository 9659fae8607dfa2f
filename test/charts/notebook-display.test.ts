/**
 * A chart shown in a real tslab kernel (run by `jupyter nbconvert --execute`)
 * is ONE output holding the Vega-Lite v5 spec, a PNG and plain text, and
 * nbconvert's HTML (what repository browsers and the classic Notebook show
 * without a Vega renderer) embeds the PNG. Needs `npm run build` first: the
 * notebook imports the compiled library from dist/.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '..', '..');

interface Output { output_type: string; data?: Record<string, unknown>; metadata?: Record<string, unknown>; ename?: string; evalue?: string }

const cell = (source: string) => ({ cell_type: 'code', metadata: {}, execution_count: null, outputs: [], source });

describe('displayChart in a tslab notebook', () => {
  it('sends one output with Vega-Lite, PNG and text, and nbconvert HTML embeds the PNG', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bcr-display-'));
    const dist = (p: string) => JSON.stringify(join(root, 'dist', p));
    const notebook = {
      nbformat: 4, nbformat_minor: 5,
      metadata: { kernelspec: { name: 'tslab', display_name: 'TypeScript', language: 'typescript' } },
      cells: [
        cell(`import { leaderboardChart } from ${dist('charts/index.js')};\nimport { showChart } from ${dist('notebook/index.js')};`),
        cell(`await showChart(leaderboardChart([{ model: 'alpha', rating: 1010, lower: 990, upper: 1030 }, { model: 'beta', rating: 990 }], { title: 'bundle check' }));`),
      ],
    };
    const file = join(dir, 'display.ipynb');
    writeFileSync(file, JSON.stringify(notebook));
    // This checkout's own kernel (the README's command into a private prefix), not whichever tslab was registered last.
    const prefix = join(dir, 'kernel');
    await run('npm', ['run', '--silent', 'notebooks:kernel', '--', '--prefix', prefix], { cwd: root, env: { ...process.env, JUPYTER_PYTHON: '/usr/bin/python3' } });
    const env = { ...process.env, PATH: `${join(root, 'node_modules', '.bin')}:${process.env.PATH ?? ''}`, JUPYTER_PATH: join(prefix, 'share', 'jupyter') };
    await run('jupyter', ['nbconvert', '--to', 'notebook', '--execute', '--inplace', '--ExecutePreprocessor.kernel_name=tslab',
      '--ExecutePreprocessor.timeout=300', file], { cwd: dir, env });
    const executed = JSON.parse(readFileSync(file, 'utf8')) as { cells: { outputs: Output[] }[] };
    const outputs = executed.cells.flatMap((c) => c.outputs);
    expect(outputs.filter((o) => o.output_type === 'error')).toEqual([]);
    const shown = executed.cells[1]!.outputs;
    expect(shown).toHaveLength(1);
    const [out] = shown;
    expect(out!.output_type).toBe('display_data');
    expect(Object.keys(out!.data!).sort()).toEqual(['application/vnd.vegalite.v5+json', 'image/png', 'text/plain']);
    const spec = out!.data!['application/vnd.vegalite.v5+json'] as { $schema: string; title: { text: string } };
    expect(spec.$schema).toMatch(/vega-lite\/v5/);
    expect(spec.title.text).toBe('bundle check');
    const png = Buffer.from(out!.data!['image/png'] as string, 'base64');
    const meta = await sharp(png).metadata();
    expect(meta.format).toBe('png');
    // Drawn at twice the display size given in the metadata (sharp on high-density screens).
    const size = (out!.metadata!['image/png'] as { width: number }).width;
    expect(meta.width).toBe(size * 2);

    await run('jupyter', ['nbconvert', '--to', 'html', file], { cwd: dir, env });
    const html = readFileSync(join(dir, 'display.html'), 'utf8');
    expect(html).toContain('data:image/png;base64,');
  }, 300_000);
});
