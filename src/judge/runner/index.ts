/**
 * The judge runner: the judge's use of the job room (src/jobs): plan tasks,
 * skip those answered, run the rest with retries, rate limits, the breaker and
 * the cache, one results line each.
 */
export { runJudge } from './run.js';
export { VerdictCache } from './cache.js';
export { resultKey, cacheKey } from './keys.js';
export { readResultsFile, ResultsWriter, type ResultsFile } from './results.js';
export { formatSummary, emptySummary, type RunSummary } from './summary.js';
