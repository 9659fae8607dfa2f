/**
 * The library's reader of a sample's truth file: the committed file reads back
 * as what the generator holds, a sample folder finds its truth from its data
 * files, and a damaged file is an InputError naming file and field.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SAMPLE_TRUTH } from '../../scripts/sample/index.js';
import { findSampleTruth, readSampleTruth } from '../../src/data/sample-truth.js';
import { InputError } from '../../src/errors.js';
import { tempDir } from '../support/parquet-fixtures.js';

const COMMITTED = fileURLToPath(new URL('../../data/bigcodereward-sample/truth.json', import.meta.url));
const dir = tempDir('bcr-truth-');

function inputError(fn: () => unknown): InputError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return err as InputError;
  }
  throw new Error('expected an InputError');
}

describe('readSampleTruth', () => {
  it('reads the committed truth as the generator wrote it', () => {
    const truth = readSampleTruth(COMMITTED);
    expect(truth).toEqual(JSON.parse(JSON.stringify(SAMPLE_TRUTH)));
    expect(truth.models).toHaveLength(8);
  });

  it('finds the truth of a sample folder from its data files, and none for other data', () => {
    const sample = join(dir, 'sample');
    mkdirSync(join(sample, 'data'), { recursive: true });
    writeFileSync(join(sample, 'truth.json'), JSON.stringify(SAMPLE_TRUTH));
    const found = findSampleTruth([join(sample, 'data', 'train-00000-of-00001.parquet')]);
    expect(found?.file).toBe(join(sample, 'truth.json'));
    expect(found?.truth.models[0]!.name).toBe(SAMPLE_TRUTH.models[0]!.name);
    expect(findSampleTruth([join(dir, 'elsewhere', 'data', 'x.parquet')])).toBeNull();
  });

  it('names the file and the field of a wrong value', () => {
    const path = join(dir, 'bad-rating.json');
    const models = SAMPLE_TRUTH.models.map((m, i) => (i === 2 ? { ...m, rating: 'high' } : m));
    writeFileSync(path, JSON.stringify({ ...SAMPLE_TRUTH, models }));
    const err = inputError(() => readSampleTruth(path));
    expect(err.file).toBe(path);
    expect(err.field).toBe('models.2.rating');
    expect(err.message).toContain(`${path}, field "models.2.rating": not a sample truth file`);
  });

  it('names the file of invalid JSON and of a probability out of range', () => {
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"models": [');
    expect(inputError(() => readSampleTruth(broken)).message).toMatch(new RegExp(`^${broken}: invalid JSON`));
    const outOfRange = join(dir, 'out-of-range.json');
    writeFileSync(outOfRange, JSON.stringify({ ...SAMPLE_TRUTH, voteModel: { ...SAMPLE_TRUTH.voteModel, tieProbability: 1.5 } }));
    expect(inputError(() => readSampleTruth(outOfRange)).field).toBe('voteModel.tieProbability');
  });
});
