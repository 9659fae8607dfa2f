/**
 * The job room: what any long-running stage (judging now; executing code and
 * generating answers later) is built from. A typed ledger (lock, repair,
 * latest line per key, append), one JSONL reader, one retry policy, a shared
 * rate gate, a circuit breaker, a worker pool, a content-keyed cache,
 * progress events, and `runJob`, the loop that ties them together.
 */
export { Ledger, readLedger, latestByKey, type LedgerFormat, type LedgerContents } from './ledger.js';
export {
  parseJsonlText, readJsonlFile, schemaLines, JsonlAppender,
  type LineParser, type JsonlText, type JsonlFile, type JsonlReadOptions,
} from './jsonl.js';
export { lockFile, type FileLock } from './lock.js';
export { DEFAULT_RETRY, backoffMs, decideRetry, withRetry, type RetryPolicy, type RetryDecision, type WithRetryOptions } from './retry.js';
export {
  FAILURE_KINDS, classifyFailure, MalformedResponseError, quoteBody, type FailureKind, type ClassifiedFailure,
} from './failure.js';
export { RateGate, waitFromHeaders, parseRetryAfter, parseResetValue, getHeader, type HeaderBag } from './rate-gate.js';
export { CircuitBreaker, DEFAULT_BREAKER, breakerLimits, type BreakerLimits } from './breaker.js';
export { runPool } from './pool.js';
export { ContentCache, type ContentCacheOptions } from './cache.js';
export { createProgressBar, type ProgressBar, type ProgressEvent } from './progress.js';
export { runJob, type RunJobOptions, type JobOutcome, type JobStop, type StopReason } from './run.js';
export { JobStoppedError, resumeHint } from './stopped.js';
export { sleep } from './sleep.js';
