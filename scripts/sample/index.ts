/** The synthetic BigCodeReward sample's generator, as tests, benchmarks and `npm run sample` use it. */
export { generateDataset, datasetFileName, REALISTIC_SCREENSHOT_BYTES, type GenerateOptions } from './generate.js';
export { SAMPLE_TRUTH, SYNTHETIC_MODELS, SAMPLE_VOTE_PARAMS, SAMPLE_SEED, SAMPLE_ROWS } from './truth.js';
export { drawVote, voteProbabilities, voteMargin, sigmoid, strengthToRating, type VoteInput } from './voteModel.js';
export { buildRecord, ACCENTS } from './record.js';
export {
  HUB_FIELDS, HUB_ROUNDS, hubFieldsOf, hubParquetSchema, FIRST_NULL_INTERACTION_ROUND, RAGGED_ROUND_WITHOUT_SUCCESS,
  type HubField, type HubType,
} from './hubSchema.js';
export { SAMPLE_TASKS } from './programs/index.js';
export { sceneSvg, svgToPng, SCENE_NAMES } from './screenshot.js';
export { noisePng } from './noisePng.js';
export {
  verifyRunnerPrograms, runnerPrograms, checkProgram, missingToolchains, debianPackages, RUNNER_ENVIRONMENTS,
  type RunnerProgram,
} from './verify.js';
