/** The synthetic BigCodeReward sample's generator: latent vote model, ground truth, programs, parquet writer. */
export {
  generateDataset, datasetFileName, REALISTIC_SCREENSHOT_BYTES,
  type GenerateOptions, type GenerateResult,
} from './generate.js';
export {
  SAMPLE_TRUTH, SYNTHETIC_MODELS, SAMPLE_VOTE_PARAMS, SAMPLE_SEED, SAMPLE_ROWS,
  SAMPLE_GENERATOR_NAME, SAMPLE_GENERATOR_VERSION,
  type SampleTruth, type SyntheticModel,
} from './truth.js';
export {
  drawVote, voteProbabilities, voteMargin, sigmoid, strengthToRating,
  type VoteModelParams, type VoteInput, type VoteProbabilities,
} from './voteModel.js';
export { buildRecord, taskForRecord, ACCENTS, type SyntheticRecord, type RecordFacts, type RecordOptions, type ScreenshotMaker } from './record.js';
export {
  HUB_FIELDS, HUB_ROUNDS, hubFieldsOf, hubParquetSchema, hubFeatures, toParquetValue,
  FIRST_NULL_INTERACTION_ROUND, RAGGED_ROUND_WITHOUT_SUCCESS, type HubField, type HubType,
} from './hubSchema.js';
export { HubParquetWriter, huggingfaceMetadata, type HubFileOptions } from './hubWriter.js';
export { SAMPLE_TASKS, FOLLOW_UPS, loadTasks, type ProgramTask, type Language, type Environment } from './programs/index.js';
export { sceneSvg, svgToPng, ScreenshotCache, SCENE_NAMES, type SceneName, type ScreenKind } from './screenshot.js';
export { noisePng } from './noisePng.js';
export {
  verifyRunnerPrograms, runnerPrograms, checkProgram, missingToolchains, debianPackages, RUNNER_ENVIRONMENTS,
  type VerifyMismatch, type RunnerProgram,
} from './verify.js';
