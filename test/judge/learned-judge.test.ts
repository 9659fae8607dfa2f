import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { OUTCOMES, type Comparison } from '../../src/data/comparison.js';
import { ConfigError, InputError } from '../../src/errors.js';
import { LearnedJudge, learnedJudgeEntry, loadLearnedJudge, saveLearnedJudge, trainLearnedJudge } from '../../src/judge/learned/index.js';
import { createJudge } from '../../src/judge/registry.js';
import type { JudgeMode, Order } from '../../src/judge/types.js';
import { makeComparison } from '../support/comparisons.js';
import { tempDir } from '../support/parquet-fixtures.js';
import { plantedComparisons } from './learned-fixtures.js';

const ORDERS: Order[] = ['AB', 'BA'];
const MODES: JudgeMode[] = ['code-only', 'with-output'];

const aRanBFailed = makeComparison({
  id: 'ran-vs-failed',
  a: { success: true, output: 'ok\n', error: null },
  b: { success: false, output: null, error: 'Traceback (most recent call last):\nZeroDivisionError: division by zero' },
});
const bRanAFailed: Comparison = { ...aRanBFailed, id: 'failed-vs-ran', a: aRanBFailed.b, b: aRanBFailed.a };

let judge: LearnedJudge;
beforeAll(async () => {
  judge = await trainLearnedJudge(plantedComparisons(150, 21), { epochs: 60, seed: 4 });
});

describe('trainLearnedJudge', () => {
  it('names itself after the model and puts what changes its answers in config', () => {
    expect(judge.name).toBe('learned:logreg');
    expect(judge.config).toMatchObject({ model: 'logreg', classes: 3, epochs: 60, seed: 4, modes: ['code-only', 'with-output'], trainedOn: 150 });
    expect(judge.config.weights).toMatch(/^[0-9a-f]+$/);
  });

  it('returns valid verdicts in stored terms, the same in both orders, for both modes', async () => {
    for (const comparison of plantedComparisons(12, 99)) {
      for (const mode of MODES) {
        const [ab, ba] = await Promise.all(ORDERS.map((order) => judge.judge({ comparison, mode, order })));
        expect(['A', 'B', 'tie']).toContain(ab!.verdict);
        expect(ba!.verdict).toBe(ab!.verdict);
        expect(ab!.reasoning).toMatch(/P\(A\)=0\.\d{3}, P\(B\)=0\.\d{3}, P\(uncertain\)=0\.\d{3}/);
      }
    }
  });

  it('honours the order: the side that ran wins whichever way round it is shown', async () => {
    for (const order of ORDERS) {
      expect((await judge.judge({ comparison: aRanBFailed, mode: 'with-output', order })).verdict).toBe('A');
      expect((await judge.judge({ comparison: bRanAFailed, mode: 'with-output', order })).verdict).toBe('B');
    }
    const ab = judge.shownProbabilities(aRanBFailed, 'with-output', 'AB');
    const ba = judge.shownProbabilities(aRanBFailed, 'with-output', 'BA');
    expect(ba.A).toBe(ab.B);
    expect(ba.B).toBe(ab.A);
    expect(ba.uncertain).toBe(ab.uncertain);
  });

  it('answers an error verdict for a mode it was not trained for, and for an aborted request', async () => {
    const only = new LearnedJudge(new Map([['with-output', judge.models.get('with-output')!]]), judge.train, 150);
    const result = await only.judge({ comparison: aRanBFailed, mode: 'code-only', order: 'AB' });
    expect(result.verdict).toBe('error');
    expect(result.error).toMatch(/trained for with-output only, not code-only/);
    const controller = new AbortController();
    controller.abort();
    expect((await judge.judge({ comparison: aRanBFailed, mode: 'with-output', order: 'AB', signal: controller.signal })).verdict).toBe('error');
  });

  it('can predict all four vote classes with classes: 4', async () => {
    const four = await trainLearnedJudge(plantedComparisons(150, 22), { epochs: 40, classes: 4, mode: 'with-output' });
    expect([...four.models.keys()]).toEqual(['with-output']);
    const bothFailed = makeComparison({ a: { success: false, error: 'SyntaxError: x', output: null }, b: { success: false, error: 'SyntaxError: y', output: null } });
    const result = await four.judge({ comparison: bothFailed, mode: 'with-output', order: 'AB' });
    expect(OUTCOMES).toContain(result.verdict);
    expect(Object.keys(four.shownProbabilities(bothFailed, 'with-output'))).toEqual(['A', 'B', 'tie', 'both_bad']);
  });
});

describe('saving and loading', () => {
  it('round-trips through JSON: same config, same probabilities', async () => {
    const path = join(tempDir(), 'judge.json');
    await saveLearnedJudge(judge, path);
    const loaded = await loadLearnedJudge(path);
    expect(loaded.name).toBe(judge.name);
    expect(loaded.config).toEqual(judge.config);
    for (const comparison of plantedComparisons(5, 7)) {
      for (const mode of MODES) expect(loaded.shownProbabilities(comparison, mode)).toEqual(judge.shownProbabilities(comparison, mode));
    }
  });

  it('is available to judge registries as learned:<model> with option file', async () => {
    const path = join(tempDir(), 'judge.json');
    await saveLearnedJudge(judge, path);
    const created = createJudge({ name: 'learned:logreg', file: path });
    expect(created.config).toEqual(judge.config);
    expect(created.modes).toEqual(['code-only', 'with-output']);
    expect((await created.judge({ comparison: aRanBFailed, mode: 'with-output', order: 'BA' })).verdict).toBe('A');
    expect(() => createJudge({ name: 'learned:logreg' })).toThrow(ConfigError);
    expect(() => createJudge({ name: 'learned:logreg' })).toThrow(/judge learned:logreg: option "file"/);
    expect(() => createJudge({ name: 'learned:mlp', file: path })).toThrow(/holds learned:logreg/);
    expect(learnedJudgeEntry.options!.shape).toHaveProperty('file');
  });

  it('refuses broken or outdated files with an InputError naming the file and field', async () => {
    const dir = tempDir();
    const good = judge.toJSON();
    const write = (name: string, value: unknown) => {
      const p = join(dir, name);
      writeFileSync(p, typeof value === 'string' ? value : JSON.stringify(value));
      return p;
    };
    await expect(loadLearnedJudge(join(dir, 'missing.json'))).rejects.toThrow(InputError);
    await expect(loadLearnedJudge(write('bad.json', '{not json'))).rejects.toThrow(/bad\.json: not valid JSON/);

    const renamed = structuredClone(good);
    renamed.models[0]!.featureNames[0] = 'old_feature';
    const err = await loadLearnedJudge(write('renamed.json', renamed)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).field).toBe('models.0.featureNames');
    expect((err as InputError).message).toMatch(/retrain the judge/);

    const badWeight = JSON.parse(JSON.stringify(good)) as { models: { params: { w: unknown[] } }[] };
    badWeight.models[1]!.params.w[2] = 'x';
    const err2 = await loadLearnedJudge(write('weight.json', badWeight)).catch((e: unknown) => e);
    expect((err2 as InputError).field).toBe('models.1.params.w.2');

    const shortW = structuredClone(good);
    shortW.models[0]!.params.w.pop();
    await expect(loadLearnedJudge(write('short.json', shortW))).rejects.toThrow(/weights do not fit the features: w length/);

    expect(JSON.parse(readFileSync(write('ok.json', good), 'utf8')).format).toBe('bcr-learned-judge');
  });
});
