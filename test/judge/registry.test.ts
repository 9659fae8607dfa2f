import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError } from '../../src/errors.js';
import { assertServesModes, isBatchCapable, requireBatchCapable } from '../../src/judge/capabilities.js';
import { saveLearnedJudge, trainLearnedJudge } from '../../src/judge/learned/index.js';
import { OpenAIJudge } from '../../src/judge/openai.js';
import {
  createJudge,
  findJudgeEntry,
  listJudges,
  parseJudgeOptions,
  parseOptionArgs,
  prepareJudge,
  registerJudge,
  type JudgeSpec,
} from '../../src/judge/registry.js';
import { makeComparison } from '../support/comparisons.js';
import { tempDir } from '../support/parquet-fixtures.js';
import { plantedComparisons } from './learned-fixtures.js';

// Specs often come from untyped JSON configs or a command line: wrong types must be caught at run time.
const untyped = (spec: Record<string, unknown>) => spec as JudgeSpec;

describe('registry', () => {
  it('lists the judges with descriptions and the options each takes', () => {
    const byName = new Map(listJudges().map((j) => [j.name, j]));
    expect([...byName.keys()]).toEqual(
      expect.arrayContaining(['baseline:random', 'baseline:always-a', 'baseline:longer-answer', 'baseline:exec-aware', 'openai:*', 'learned:*']),
    );
    for (const j of byName.values()) expect(j.description.length).toBeGreaterThan(10);
    expect(byName.get('baseline:random')!.options).toEqual(['seed', 'allowBothBad']);
    expect(byName.get('baseline:always-a')!.options).toEqual([]);
    expect(byName.get('learned:*')!.options).toEqual(['file']);
    expect(byName.get('openai:*')!.options).toEqual(expect.arrayContaining(['model', 'baseUrl', 'apiKeyEnv', 'vision', 'temperature']));
  });

  it('creates judges by name or spec, passing options through to config', async () => {
    const judge = createJudge({ name: 'baseline:random', seed: 5 });
    expect(judge.name).toBe('baseline:random');
    expect(judge.config).toMatchObject({ kind: 'baseline', seed: 5 });
    expect(createJudge({ name: 'baseline:longer-answer', tolerance: 0.2 }).config).toMatchObject({ tolerance: 0.2 });
    const result = await createJudge('baseline:always-a').judge({ comparison: makeComparison(), mode: 'code-only', order: 'BA' });
    expect(result.verdict).toBe('B');
  });

  it('rejects an option the kind does not take, naming the option and the kind', () => {
    expect(() => createJudge(untyped({ name: 'baseline:always-a', seed: 3 }))).toThrow(
      'judge baseline:always-a: unknown option "seed" (baseline:always-a takes no options)',
    );
    expect(() => createJudge(untyped({ name: 'learned:logreg', file: 'x.json', foo: 'bar' }))).toThrow(
      'judge learned:logreg: unknown option "foo" (learned:* takes: file)',
    );
    // The openai entry checks its options before it builds a client or looks for a key.
    expect(() => createJudge(untyped({ name: 'openai:some-model', temprature: 0 }))).toThrow(/judge openai:some-model: unknown option "temprature"/);
    // No baseline-only field is accepted by other kinds any more.
    expect(() => createJudge(untyped({ name: 'openai:some-model', tolerance: 0.1 }))).toThrow(/unknown option "tolerance"/);
  });

  it('rejects mistyped options with ConfigError naming the option', () => {
    expect(() => createJudge('baseline:nope')).toThrow(/unknown judge "baseline:nope".*baseline:random/);
    expect(() => createJudge(untyped({ name: 'baseline:random', seed: '3' }))).toThrow(/judge baseline:random: option "seed"/);
    expect(() => createJudge(untyped({ name: 'baseline:random', seed: 1.5 }))).toThrow(/option "seed"/);
    expect(() => createJudge(untyped({ name: 'baseline:exec-aware', tolerance: 'big' }))).toThrow(/option "tolerance"/);
    expect(() => createJudge(untyped({ name: 'baseline:exec-aware', tolerance: 2 }))).toThrow(/option "tolerance"/);
    expect(() => createJudge(untyped({ name: 'baseline:random', allowBothBad: 'yes' }))).toThrow(ConfigError);
    expect(() => createJudge(untyped({ name: 'openai:some-model', baseUrl: 42 }))).toThrow(/judge openai:some-model: option "baseUrl"/);
    expect(() => createJudge({ name: 'learned:logreg' })).toThrow('judge learned:logreg: option "file" is required (learned:* takes: file)');
  });

  it('gives run-wide defaults only to the kinds that take them', () => {
    const defaults = { seed: 9, baseUrl: 'http://127.0.0.1:1/v1', vision: true };
    expect(createJudge('baseline:random', defaults).config).toMatchObject({ seed: 9 });
    expect(createJudge('baseline:always-a', defaults).name).toBe('baseline:always-a');
    // A spec's own option wins over the default.
    expect(parseJudgeOptions({ name: 'baseline:random', seed: 2 }, defaults).options).toEqual({ seed: 2 });
    expect(parseJudgeOptions('openai:m', { ...defaults, apiKeyEnv: 'K' }).options).toEqual({ baseUrl: defaults.baseUrl, vision: true, apiKeyEnv: 'K' });
  });

  it('accepts new kinds, including provider families, with their own option schema', () => {
    registerJudge({
      name: 'fake:*',
      description: 'a test family that echoes its model',
      options: z.object({ level: z.number() }).partial().strict(),
      create: (options, { name }) => ({
        name,
        config: { model: name.slice('fake:'.length), ...options },
        judge: async () => ({ verdict: 'tie' }),
      }),
    });
    expect(createJudge({ name: 'fake:gpt-x', level: 2 }).config).toEqual({ model: 'gpt-x', level: 2 });
    expect(() => createJudge(untyped({ name: 'fake:gpt-x', level: 'high' }))).toThrow(/judge fake:gpt-x: option "level"/);
    expect(() => createJudge('fake:')).toThrow(ConfigError);
    expect(() => registerJudge({ name: 'fake:*', description: 'again', create: () => createJudge('baseline:always-a') })).toThrow(
      /already registered/,
    );
    expect(() => registerJudge({ name: 'no-colon', description: 'x', create: () => createJudge('baseline:always-a') })).toThrow(
      ConfigError,
    );
    expect(findJudgeEntry('fake:anything').name).toBe('fake:*');
  });
});

describe('command-line judge options', () => {
  it('turns key=value into typed values for the schema to check', () => {
    expect(parseOptionArgs(['file=models/j.json', 'seed=3', 'tolerance=0.25', 'allowBothBad=true', 'note=a=b'])).toEqual({
      file: 'models/j.json', seed: 3, tolerance: 0.25, allowBothBad: true, note: 'a=b',
    });
    expect(() => parseOptionArgs(['file'], 'learned:logreg')).toThrow('judge option "file" of learned:logreg must look like key=value');
    expect(() => parseOptionArgs(['seed=1', 'seed=2'])).toThrow(/given twice/);
    expect(() => createJudge({ name: 'learned:logreg', ...parseOptionArgs(['foo=bar']) })).toThrow(/unknown option "foo"/);
  });
});

describe('secrets are declared by the entry', () => {
  it('the openai entry names its key variable; prepareJudge checks it before building and returns the value', () => {
    expect(findJudgeEntry('openai:gpt-4o').secretEnv!({})).toEqual(['OPENAI_API_KEY']);
    expect(findJudgeEntry('openai:gpt-4o').secretEnv!({ apiKeyEnv: 'MY_KEY' })).toEqual(['MY_KEY']);
    expect(findJudgeEntry('baseline:random').secretEnv).toBeUndefined();
    expect(() => prepareJudge({ name: 'openai:gpt-4o', apiKeyEnv: 'BCR_ABSENT_KEY' }, { env: {} })).toThrow(
      /judge openai:gpt-4o needs the environment variable BCR_ABSENT_KEY/,
    );
    const prepared = prepareJudge(
      { name: 'openai:gpt-4o', apiKeyEnv: 'BCR_TEST_KEY' },
      { env: { BCR_TEST_KEY: 'sk-test-123' }, defaults: { baseUrl: 'http://127.0.0.1:9/v1' } },
    );
    expect(prepared.secrets).toEqual(['sk-test-123']);
    expect(prepared.judge).toBeInstanceOf(OpenAIJudge);
    expect(prepareJudge('baseline:random', { env: {} }).secrets).toEqual([]);
  });
});

describe('capabilities', () => {
  it('batch mode is a declared capability, not a class', () => {
    const openai = prepareJudge('openai:m', { env: { OPENAI_API_KEY: 'k' }, defaults: { baseUrl: 'http://127.0.0.1:9/v1' } }).judge;
    expect(isBatchCapable(openai)).toBe(true);
    expect(requireBatchCapable(openai)).toBe(openai);
    expect(isBatchCapable(createJudge('baseline:random'))).toBe(false);
    expect(() => requireBatchCapable(createJudge('baseline:random'))).toThrow(/judge baseline:random cannot run in batch mode/);
  });

  describe('modes', () => {
    let codeOnlyFile: string;
    beforeAll(async () => {
      codeOnlyFile = join(tempDir(), 'code-only.json');
      await saveLearnedJudge(await trainLearnedJudge(plantedComparisons(60, 3), { epochs: 10, mode: 'code-only' }), codeOnlyFile);
    });

    it('a learned judge serves the modes it was trained for; another is rejected before the run', () => {
      const spec = { name: 'learned:logreg', file: codeOnlyFile };
      expect(createJudge(spec).modes).toEqual(['code-only']);
      expect(prepareJudge(spec, { modes: ['code-only'] }).judge.name).toBe('learned:logreg');
      expect(() => prepareJudge(spec, { modes: ['code-only', 'with-output'] })).toThrow(
        /judge learned:logreg cannot serve mode with-output: it serves code-only/,
      );
    });

    it('a judge that declares no modes serves every mode', () => {
      expect(() => assertServesModes(createJudge('baseline:exec-aware'), ['code-only', 'with-output'])).not.toThrow();
    });
  });
});
