/**
 * `bigcodereward-workbench/data`: the whole data room (row schema, Comparison,
 * readers, normalisation, execution facts, slices, summaries, hub client).
 * Loads apache-arrow; the main entry re-exports the everyday names without it.
 */
export * from './row.js';
export * from './comparison.js';
export type { ParquetSource } from './source.js';
export * from './validate.js';
export * from './normalise.js';
export * from './extract-code.js';
export * from './slices.js';
export * from './parquet.js';
export * from './local.js';
export * from './votes-file.js';
export * from './arrow.js';
export * from './summary.js';
export * from './dataset.js';
export * from './hub.js';
export { humanVotes } from './human-votes.js';
export * from './execution.js';
export * from './published-verdicts.js';
