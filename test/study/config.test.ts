/**
 * The study config file: one schema, layered defaults < file < command line,
 * the resolved config written as <out>/study.json, and a rerun from it that
 * reproduces the study exactly. Bad configs name the file and the field.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { register } from '../../src/cli/run.js';
import { InputError } from '../../src/errors.js';
import {
  DEFAULT_STUDY_CONFIG, readStudyConfig, resolveStudyConfig, studyOptionsOf, writeStudyConfig,
} from '../../src/study/config.js';
import type { StudyReport } from '../../src/study/run-study.js';
import { captureIO } from '../support/capture-io.js';
import { tempDir } from '../support/parquet-fixtures.js';

async function run(args: string[]) {
  const io = captureIO();
  const code = await main(['run', ...args], io, [register]);
  return { code, out: io.text(), err: io.stderr.join('\n') };
}

function inputError(fn: () => unknown): InputError {
  try {
    fn();
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error('no error thrown');
}

describe('study config: schema and layers', () => {
  it('file values override the defaults, flags override the file, endpoint settings add up', () => {
    const dir = tempDir('bcr-config-');
    const file = join(dir, 'study.json');
    writeFileSync(file, JSON.stringify({ judges: ['baseline:exec-aware'], seed: 7, bootstrap: 12, outDir: 'out', judgeOptions: { baseUrl: 'http://127.0.0.1:9/v1' } }));
    const fromFile = readStudyConfig(file);
    // Paths in a config file are relative to its folder.
    expect(fromFile.outDir).toBe(join(dir, 'out'));
    const config = resolveStudyConfig(fromFile, { seed: 9, judgeOptions: { apiKeyEnv: 'MY_KEY' } });
    expect(config).toEqual({
      ...DEFAULT_STUDY_CONFIG, judges: ['baseline:exec-aware'], seed: 9, bootstrap: 12, outDir: join(dir, 'out'),
      judgeOptions: { baseUrl: 'http://127.0.0.1:9/v1', apiKeyEnv: 'MY_KEY' },
    });
    expect(studyOptionsOf(config)).toMatchObject({ judges: ['baseline:exec-aware'], seed: 9, bootstrap: 12, cacheDir: DEFAULT_STUDY_CONFIG.cacheDir });
    expect(studyOptionsOf({ ...config, cacheDir: null })).not.toHaveProperty('cacheDir');
  });

  it('writes the resolved config with paths relative to its folder, and reading it back gives the same config', () => {
    const dir = tempDir('bcr-config-');
    const config = resolveStudyConfig({ outDir: join(dir, 'a', 'study'), cacheDir: join(dir, 'cache'), limit: 10, dataset: 'bigcode/bigcodereward' });
    const file = writeStudyConfig(config);
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(stored).toMatchObject({ outDir: '.', cacheDir: join('..', '..', 'cache'), limit: 10, dataset: 'bigcode/bigcodereward' });
    const back = readStudyConfig(file);
    expect(resolveStudyConfig(back)).toEqual({ ...config, outDir: join(dir, 'a', 'study'), cacheDir: join(dir, 'cache') });
    // A local dataset is stored relative too, and found again from the file's folder.
    mkdirSync(join(dir, 'data'));
    const withLocal = writeStudyConfig({ ...config, dataset: join(dir, 'data') });
    expect(JSON.parse(readFileSync(withLocal, 'utf8'))).toMatchObject({ dataset: join('..', '..', 'data') });
    expect(resolve(readStudyConfig(withLocal).dataset!)).toBe(join(dir, 'data'));
  });

  it('a bad config names the file and the field', () => {
    const dir = tempDir('bcr-config-');
    const write = (name: string, text: string) => {
      const f = join(dir, name);
      writeFileSync(f, text);
      return f;
    };
    const cases: [string, string, string | undefined, RegExp][] = [
      ['neg.json', '{"bootstrap": -1}', 'bootstrap', /at least 0/],
      ['typo.json', '{"bootstrapp": 10}', 'bootstrapp', /unknown field/],
      ['judge.json', '{"judges": ["baseline:random", 3]}', 'judges.1', /judge name/],
      ['mode.json', '{"modes": ["sideways"]}', 'modes.0', /code-only or with-output/],
      ['opt.json', '{"judgeOptions": {"baseUrl": "not a url"}}', 'judgeOptions.baseUrl', /URL/],
      ['array.json', '[1]', undefined, /must be a JSON object/],
      ['broken.json', '{"seed": ', undefined, /not valid JSON/],
    ];
    for (const [name, text, field, problem] of cases) {
      const file = write(name, text);
      const err = inputError(() => readStudyConfig(file));
      expect(err.file, name).toBe(file);
      expect(err.field, name).toBe(field);
      expect(err.problem, name).toMatch(problem);
    }
    expect(inputError(() => readStudyConfig(join(dir, 'absent.json'))).problem).toMatch(/ENOENT/);
  });
});

describe('bcr run --config', () => {
  it('exits 2 on a bad config, naming the file and the field, before any work', async () => {
    const dir = tempDir('bcr-config-');
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ orders: 'sideways', outDir: 'out' }));
    const r = await run(['--config', file]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`error: ${file}, field "orders": must be one of AB, BA, both, random`);
  });

  it('writes study.json into the output folder, and rerunning from it reproduces the study exactly', async () => {
    const dir = tempDir('bcr-config-');
    const config = join(dir, 'mine.json');
    writeFileSync(config, JSON.stringify({ judges: ['baseline:exec-aware', 'baseline:longer-answer'], limit: 30, bootstrap: 8, seed: 5, learned: false, outDir: 'first' }));
    // The flag overrides the file's seed; the written study.json records the resolved value.
    const first = await run(['--config', config, '--seed', '11', '--orders', 'both']);
    expect(first.code, first.err).toBe(0);
    const outDir = join(dir, 'first');
    const written = JSON.parse(readFileSync(join(outDir, 'study.json'), 'utf8')) as Record<string, unknown>;
    expect(written).toMatchObject({ seed: 11, orders: 'both', limit: 30, bootstrap: 8, learned: false, outDir: '.', judges: ['baseline:exec-aware', 'baseline:longer-answer'] });
    expect(first.out).toContain(`study config: ${join(outDir, 'study.json')}`);
    const report1 = JSON.parse(readFileSync(join(outDir, 'report.json'), 'utf8')) as StudyReport;
    expect(report1.seed).toBe(11);
    expect(report1.runs.map((r) => [r.judge, r.total, r.written])).toEqual([['baseline:exec-aware', 120, 120], ['baseline:longer-answer', 120, 120]]);

    const again = await run(['--config', join(outDir, 'study.json'), '--json']);
    expect(again.code, again.err).toBe(0);
    const report2 = JSON.parse(again.out) as StudyReport;
    expect(report2.runs.map((r) => [r.alreadyDone, r.written])).toEqual([[120, 0], [120, 0]]);
    const { runs: _r1, ...rest1 } = report1;
    const { runs: _r2, ...rest2 } = report2;
    expect(rest2).toEqual(rest1);
    expect(JSON.parse(readFileSync(join(outDir, 'study.json'), 'utf8'))).toEqual(written);
  }, 120_000);
});
