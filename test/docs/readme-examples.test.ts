/**
 * The README's library examples are real: each ```ts block between the
 * examples markers runs as an ES module against the built package (dist/:
 * npm run build first) in a fresh folder, and must end without an error and
 * print what it promises.
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/parquet-fixtures.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const SHARED = resolve(ROOT, '..', 'shared');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const section = readme.split('<!-- examples:start -->')[1]?.split('<!-- examples:end -->')[0] ?? '';
const blocks = [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);

/** The package's own names, pointed at dist/; the shared data by absolute path, since the example runs elsewhere. */
function runnable(code: string): string {
  return code
    .replace(/from 'bigcodereward-workbench(\/[a-z]+)?'/g, (_m, sub: string | undefined) =>
      `from ${JSON.stringify(pathToFileURL(join(ROOT, 'dist', sub ? `${sub.slice(1)}/index.js` : 'index.js')).href)}`)
    .replaceAll("'../shared/", `'${SHARED}/`);
}

function node(file: string, cwd: string): Promise<{ code: number; out: string; err: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [file], { cwd, maxBuffer: 16 << 20 }, (error, out, err) => done({ code: error ? 1 : 0, out, err }));
  });
}

describe('README library examples', () => {
  it('has the four families: agreement, ratings, correlation, reproduce', () => {
    expect(blocks).toHaveLength(4);
    expect(blocks.map((b) => /agreeVotes|rateBattles\(battles|correlateRatings|reproduceTable/.exec(b)?.[0])).toEqual(['agreeVotes', 'rateBattles(battles', 'correlateRatings', 'reproduceTable']);
  });

  const expected = [
    /^2139 0\.\d+ 0\.66\d*\n0\.70\d*\n$/,
    /^1 \S.* \d+\.\d \d+\.\d \d+\.\d\n\d+ \S.* \d+\.\d/,
    /^59 0\.\d+ 0\.\d+ 0\.\d+\n$/,
    /^baseline:exec-aware \d+(\.\d+)? \d+(\.\d+)? -?\d+(\.\d+)?\n$/,
  ];
  blocks.forEach((block, i) => {
    it(`example ${i + 1} runs and prints its result`, async () => {
      const cwd = tempDir('bcr-readme-');
      const file = join(cwd, `example-${i + 1}.mjs`);
      writeFileSync(file, runnable(block));
      const r = await node(file, cwd);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toMatch(expected[i]!);
    }, 120_000);
  });
});
