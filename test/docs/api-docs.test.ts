/**
 * The API reference (docs/api, typedoc + typedoc-plugin-markdown from the
 * package's entry points, `npm run docs`): the main entry documents every
 * exported function, class and callback it shows, and regenerating the whole
 * reference runs without errors and gives the committed set of pages.
 */
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/parquet-fixtures.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const TYPEDOC = join(ROOT, 'node_modules', 'typedoc', 'bin', 'typedoc');

function typedoc(args: string[]): Promise<{ code: number; log: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [TYPEDOC, ...args], { cwd: ROOT, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      // No colours: one plain line per message.
      done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, log: `${stdout}\n${stderr}`.replace(/\u001b\[[0-9;]*m/g, '') });
    });
  });
}

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name))).sort();

describe('API reference', () => {
  it('the main entry has no undocumented function, class or callback', async () => {
    const r = await typedoc(['--entryPoints', 'src/index.ts', '--out', tempDir('bcr-docs-main-')]);
    expect(r.code, r.log).toBe(0);
    expect(r.log.split('\n').filter((l) => /\[warning\]|\[error\]/.test(l))).toEqual([]);
  }, 300_000);

  it('regenerating every entry point runs without errors and gives the committed pages', async () => {
    const out = tempDir('bcr-docs-all-');
    const r = await typedoc(['--out', out]);
    expect(r.code, r.log).toBe(0);
    expect(r.log).not.toMatch(/\[error\]/);
    expect(files(out)).toEqual(files(join(ROOT, 'docs', 'api')));
    expect(files(out)).toContain('README.md');
  }, 300_000);
});
