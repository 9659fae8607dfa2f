/**
 * Ground truth of the bundled synthetic sample: the invented models, their
 * latent strengths and the vote model's effect sizes. Ratings fitted on the
 * sample should recover `models[].strength` (up to noise and the attenuation
 * that ties and "both bad" votes cause). The generator writes it as
 * `truth.json`; the library reads that file with `readSampleTruth`.
 */
import type { SampleTruth, SyntheticModel, VoteModelParams } from '../../src/data/sample-truth.js';
import { strengthToRating } from './voteModel.js';

export type { SampleTruth, SyntheticModel };

export const SAMPLE_GENERATOR_NAME = 'bcr-synthetic-sample';
/** Bump when the generator's output changes for the same seed. */
export const SAMPLE_GENERATOR_VERSION = '1.0.0';
export const SAMPLE_SEED = 20250214;
export const SAMPLE_ROWS = 300;

function model(name: string, strength: number, style: SyntheticModel['style']): SyntheticModel {
  return { name, strength, rating: strengthToRating(strength), style };
}

/** Eight fictional models, strongest first; strengths sum to zero. */
export const SYNTHETIC_MODELS: readonly SyntheticModel[] = [
  model('synth-coder-34b', 0.9, 'chatty'),
  model('fauxgpt-large', 0.6, 'plain'),
  model('mockstral-12b', 0.35, 'terse'),
  model('synth-coder-7b', 0.1, 'plain'),
  model('placeholder-lm-8b', -0.1, 'chatty'),
  model('dummy-instruct-3b', -0.4, 'terse'),
  model('fauxgpt-mini', -0.6, 'plain'),
  model('synth-coder-1b', -0.85, 'terse'),
];

export const SAMPLE_VOTE_PARAMS: VoteModelParams = {
  executionBonus: 1.0,
  tieProbability: 0.12,
  bothBad: { bothFailed: 0.55, otherwise: 0.04 },
  successRate: 0.75,
};

export const SAMPLE_TRUTH: SampleTruth = {
  generator: SAMPLE_GENERATOR_NAME,
  version: SAMPLE_GENERATOR_VERSION,
  seed: SAMPLE_SEED,
  rows: SAMPLE_ROWS,
  models: SYNTHETIC_MODELS,
  voteModel: SAMPLE_VOTE_PARAMS,
  syntaxErrorShare: 0.4,
  description:
    'Synthetic votes: P(both_bad) = bothBad.bothFailed if both sides failed else bothBad.otherwise; ' +
    'then P(tie) = tieProbability; else A wins iff strength[A] - strength[B] + executionBonus * (successA - successB) ' +
    '+ Logistic(0,1) noise > 0. Strengths are natural-log Bradley-Terry scores; rating = 1000 + 400 * strength / ln 10.',
};
