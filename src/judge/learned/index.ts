/** The learned judge: features of the two sides, an antisymmetric tfjs model, cross-validation, and the `Judge` wrapper. */
export { EXECUTION_ERROR_KINDS, classifyExecutionError, type ExecutionErrorKind } from './error-kind.js';
export { sideFacts, commentRatio, hasEntryPoint, type SideFacts } from './side-facts.js';
export {
  FEATURES,
  featureNames,
  featureTable,
  featuresFor,
  groupsFor,
  sideVector,
  sideVectorsByMode,
  type FeatureDefinition,
  type FeatureGroup,
} from './features.js';
export { classIndex, classLabels, isClassScheme, labelSpaceOf, verdictOf, type ClassScheme } from './classes.js';
export { fitStandardiser, standardise, type Standardiser } from './standardise.js';
export { MODEL_KINDS, decide, initParams, pairLogits, pairProbabilities, softmax, type ModelKind, type ModelParams } from './model.js';
export { predictClass, predictProbabilities, type TrainedModel } from './trained-model.js';
export {
  resolveTrainOptions,
  sampleWeights,
  trainModel,
  type ResolvedTrainOptions,
  type TrainOptions,
  type TrainingExample,
} from './train.js';
export { buildPairTable, sortedById, type FeaturePairTable } from './examples.js';
export { stratifiedFolds } from './folds.js';
export { parseLearnedJudgeJson, type LearnedJudgeJson } from './persist.js';
export {
  LearnedJudge,
  learnedJudgeEntry,
  loadLearnedJudge,
  loadLearnedJudgeSync,
  saveLearnedJudge,
  trainLearnedJudge,
  type LearnedJudgeOptions,
} from './learned-judge.js';
