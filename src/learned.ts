/**
 * `bigcodereward-workbench/learned`: the learned judge's parts (features,
 * classes, training, persistence) and the TensorFlow.js backend choice.
 * tfjs itself loads on the first `getTf` call.
 */
export * from './judge/learned/index.js';
export {
  crossValidate, type CrossValidationOptions, type CrossValidationReport, type GainSummary, type ModeScores,
} from './eval/learned-cv.js';
export { getTf, hasNativeTfjsNode, TF_BACKENDS, type Tf, type TfBackendChoice } from './util/tf.js';
