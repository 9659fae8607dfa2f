/**
 * The public API of the BigCodeReward workbench library, in pipeline order:
 * data -> judges -> statistics -> ratings -> the study -> charts.
 * Notebook-only helpers (danfojs DataFrames, tslab display) are a separate
 * entry: `bigcodereward-workbench/notebook`.
 */
export * from './errors.js';
export * from './util/rng.js';
export { getTf, hasNativeTfjsNode, TF_BACKENDS, type Tf, type TfBackendChoice } from './util/tf.js';

// Data: row schema, normalised comparisons, readers (local, hub, vote files), summaries.
export * from './data/row.js';
export * from './data/comparison.js';
export * from './data/index.js';
export {
  readSampleTruth, findSampleTruth, sampleTruthSchema, SAMPLE_TRUTH_FILE,
  type SampleTruth, type SyntheticModel, type VoteModelParams,
} from './data/sample-truth.js';

// Judges: the contract, prompts, parsing, orders, baselines, learned and OpenAI-compatible judges, runner.
export * from './judge/types.js';
export * from './judge/prompt/index.js';
export * from './judge/parse/index.js';
export * from './judge/orders.js';
export * from './judge/registry.js';
export * from './judge/baselines/index.js';
export * from './judge/learned/index.js';
export * from './judge/openai.js';
export * from './judge/runner/index.js';
export * from './judge/batch/index.js';
export * from './judge/runs.js';

// Statistics and ratings.
export * from './stats/index.js';
export * from './ratings/index.js';

// The main job, and charts.
export * from './study/index.js';
export * from './charts/index.js';
