/** Re-execution of a dataset: one side at a time, a whole dataset resumably, the executions file, and recorded vs fresh. */
export { executeSide, missingDependencies, SIDE_STATUSES, type ExecuteSideOptions, type SideExecution, type SideNoCode, type SideRan, type SideStatus, type SideTimings, type SideUnavailable } from './execute-side.js';
export { executeDataset, countByEnvironment, programHash, type EnvironmentCounts, type ExecuteDatasetOptions, type ExecuteSummary } from './execute-dataset.js';
export {
  applyExecutions, executionKey, executionLineSchema, EXECUTION_LINE_STATUSES, EXECUTIONS_FORMAT, imagesDirOf, readExecutions, storeImage,
  type AppliedExecutions, type ExecutionLine, type ExecutionLineStatus, type ExecutionsRead, type ImageRef,
} from './executions-file.js';
export { compareExecutions, normaliseOutput, outputSimilarity, SIMILARITY_CHARS, type EnvironmentComparison, type ExecutionsComparison } from './executions-compare.js';
