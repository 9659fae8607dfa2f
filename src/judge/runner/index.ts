/**
 * The judge runner: the judge's use of the job room (src/jobs): plan tasks,
 * skip those answered, run the rest with retries, rate limits, the breaker and
 * the cache, one results line each. The job room's names are re-exported for
 * callers that imported them from here.
 */
export { runJudge, planTasks, selectPending, type RunJudgeOptions, type JudgeTask } from './run.js';
export { Recorder, type RecordTarget, type RecordExtra } from './recorder.js';
export { VerdictCache } from './cache.js';
export { resultKey, cacheKey, judgeHash, comparisonContentHash, stableStringify, sha256, type TaskKey } from './keys.js';
export {
  readResultsFile, parseResultsText, parseVerdictLine, latestByKey, ResultsWriter, openResultsLedger,
  RESULTS_FORMAT, type ResultsFile,
} from './results.js';
export {
  classifyFailure, backoffMs, DEFAULT_RETRY, FAILURE_KINDS, type FailureKind, type RetryPolicy, type ClassifiedFailure,
  RateGate, waitFromHeaders, parseRetryAfter, parseResetValue, getHeader, type HeaderBag,
  createProgressBar, type ProgressBar, type ProgressEvent, lockFile as lockResultsFile, type FileLock as ResultsLock,
  JobStoppedError, DEFAULT_BREAKER, type BreakerLimits,
} from '../../jobs/index.js';
export { redact } from './redact.js';
export { formatSummary, emptySummary, type RunSummary } from './summary.js';
