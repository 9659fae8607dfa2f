/**
 * The ground truth a synthetic sample ships beside its parquet files
 * (`<sample>/truth.json`, written by `scripts/sample/`): the invented models,
 * their latent strengths and the vote model's effect sizes. The study's
 * recovery check and the notebooks read it; this module is the one schema
 * and reader of that file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { InputError } from '../errors.js';

/** Name of the truth file in a sample folder (beside `data/`). */
export const SAMPLE_TRUTH_FILE = 'truth.json';

const probability = z.number().min(0).max(1);

const syntheticModelSchema = z.object({
  /** Invented name: no real model is meant. */
  name: z.string().min(1),
  /** Natural-log Bradley-Terry strength (mean zero over the models). */
  strength: z.number(),
  /** The same strength on the arena scale: 1000 + 400 * strength / ln 10. */
  rating: z.number(),
  /** Answer style: how much prose surrounds the code. */
  style: z.enum(['terse', 'plain', 'chatty']),
});

const voteModelSchema = z.object({
  /** Log-odds bonus for the side whose code executed successfully. */
  executionBonus: z.number(),
  /** P(tie) once "both bad" has not been drawn. */
  tieProbability: probability,
  bothBad: z.object({ bothFailed: probability, otherwise: probability }),
  /** P(a side's final program executes successfully). */
  successRate: probability,
});

export const sampleTruthSchema = z.object({
  generator: z.string(),
  version: z.string(),
  seed: z.int(),
  rows: z.int().positive(),
  models: z.array(syntheticModelSchema).min(1).readonly(),
  voteModel: voteModelSchema,
  /** Probability that a failing program fails at compile/parse time (vs at run time). */
  syntaxErrorShare: probability,
  description: z.string(),
});

export type SampleTruth = z.infer<typeof sampleTruthSchema>;
export type SyntheticModel = SampleTruth['models'][number];
export type VoteModelParams = SampleTruth['voteModel'];

/** Reads and checks a truth file; a bad file is an InputError naming the file and the field. */
export function readSampleTruth(file: string): SampleTruth {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    const problem = err instanceof SyntaxError ? `invalid JSON: ${err.message}` : 'cannot read the file';
    throw new InputError(problem, { file }, { cause: err });
  }
  const parsed = sampleTruthSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.map(String).join('.') || undefined;
    throw new InputError(`not a sample truth file: ${issue.message}`, { file, field });
  }
  return parsed.data;
}

/**
 * The truth of the sample these data files belong to (`<sample>/data/x.parquet`
 * -> `<sample>/truth.json`), or null when none of them has one: real data has no truth.
 */
export function findSampleTruth(dataFiles: readonly string[]): { file: string; truth: SampleTruth } | null {
  for (const dataFile of dataFiles) {
    const file = join(dirname(dirname(dataFile)), SAMPLE_TRUTH_FILE);
    if (existsSync(file)) return { file, truth: readSampleTruth(file) };
  }
  return null;
}
