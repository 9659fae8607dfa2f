/** Agreement metrics, rater agreement and correlations: pure functions on plain arrays. */
export * from '../data/label-spaces.js';
export * from './labels.js';
export * from './confusion.js';
export * from './agreement.js';
export * from './align.js';
export * from './rater-agreement.js';
export * from './special.js';
export * from './correlation.js';
export * from './report.js';
export * from './mcnemar.js';
export * from './multiple-testing.js';
