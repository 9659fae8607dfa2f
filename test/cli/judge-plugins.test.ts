/**
 * The judge contracts seen from the shell: `bin/bcr.js` (run `npm run build`
 * first) refuses a judge it cannot run before writing any result.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/parquet-fixtures.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'bcr.js');

function bcr(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('bcr judge and bcr run with registry judges', () => {
  const dir = tempDir('bcr-plugins-');
  const codeOnly = join(dir, 'code-only.json');

  beforeAll(() => {
    // A learned judge trained for code-only features only, saved through the CLI.
    const learn = bcr(['learn', '--limit', '60', '--folds', '2', '--epochs', '5', '--bootstrap', '0', '--save', codeOnly, '--save-mode', 'code-only', '--json']);
    expect(learn.code, learn.err).toBe(0);
  }, 120_000);

  it('a learned judge asked for a mode it was not trained for exits non-zero before writing a line', () => {
    const out = join(dir, 'with-output.jsonl');
    const r = bcr(['judge', '--judge', 'learned:logreg', `file=${codeOnly}`, '--mode', 'with-output', '--limit', '5', '--out', out, '--no-cache']);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/judge learned:logreg cannot serve mode with-output: it serves code-only/);
    expect(existsSync(out)).toBe(false);
    // The mode it was trained for runs.
    const ok = bcr(['judge', '--judge', 'learned:logreg', `file=${codeOnly}`, '--mode', 'code-only', '--limit', '5', '--out', out, '--no-cache', '--json']);
    expect(ok.code, ok.err).toBe(0);
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(5);
  });

  it('an option the judge kind does not take exits non-zero naming the option and the kind', () => {
    const out = join(dir, 'foo.jsonl');
    const r = bcr(['judge', '--judge', 'learned:logreg', `file=${codeOnly}`, 'foo=bar', '--mode', 'code-only', '--out', out]);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/judge learned:logreg: unknown option "foo" \(learned:\* takes: file\)/);
    const typo = bcr(['judge', '--judge', 'baseline:longer-answer', 'tolerance=big', '--mode', 'code-only', '--out', out]);
    expect(typo.code).not.toBe(0);
    expect(typo.err).toMatch(/judge baseline:longer-answer: option "tolerance"/);
    expect(existsSync(out)).toBe(false);
  });

  it('a model judge without its key variable exits non-zero naming the variable, before reading data', () => {
    const out = join(dir, 'nokey.jsonl');
    const r = bcr(['judge', '--judge', 'openai:m', 'apiKeyEnv=BCR_PLUGINS_ABSENT_KEY', '--base-url', 'http://127.0.0.1:9/v1', '--mode', 'code-only', '--out', out]);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/judge openai:m needs the environment variable BCR_PLUGINS_ABSENT_KEY/);
    expect(existsSync(out)).toBe(false);
  });

  it('bcr run checks every judge before the first one runs', () => {
    const outDir = join(dir, 'study');
    const r = bcr([
      'run', '--judges', 'baseline:always-a,learned:logreg', '--judge-option', `learned:logreg.file=${codeOnly}`,
      '--mode', 'both', '--no-learned', '--bootstrap', '0', '--limit', '10', '--out-dir', outDir,
    ]);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/judge learned:logreg cannot serve mode with-output/);
    // Not even the first judge (which could serve both modes) wrote results.
    expect(existsSync(outDir) ? readdirSync(outDir) : []).toEqual([]);
    // With a mode it serves, the same options run the study.
    const ok = bcr([
      'run', '--judges', 'baseline:random,learned:logreg', '--judge-option', `learned:logreg.file=${codeOnly}`, '--judge-option', 'baseline:random.seed=4',
      '--mode', 'code-only', '--no-learned', '--bootstrap', '0', '--limit', '10', '--out-dir', outDir, '--json',
    ]);
    expect(ok.code, ok.err).toBe(0);
    expect(readdirSync(outDir).filter((f) => f.endsWith('.jsonl')).sort()).toEqual(['baseline_random.jsonl', 'learned_logreg.jsonl']);
    const unknown = bcr(['run', '--judges', 'baseline:always-a', '--judge-option', 'baseline:random.seed=1', '--out-dir', outDir]);
    expect(unknown.code).not.toBe(0);
    expect(unknown.err).toMatch(/is for judge baseline:random, which is not in --judges/);
  });
});
