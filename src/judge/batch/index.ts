/** Batch API mode: submit a run's requests as provider batches, poll, merge into the results file. */
export { runBatch } from './run.js';
export { batchStatePath, readBatchState, writeBatchState } from '../../llm/batch-state.js';
