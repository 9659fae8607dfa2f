/**
 * The judge contract: every judge (remote model, offline baseline, learned)
 * implements `Judge`; the runner writes one `VerdictRecord` per line of a
 * results JSONL file, and `bcr metrics` reads those files.
 */
import type { Comparison } from '../data/comparison.js';
import type { JudgeMode, Order, VerdictRecord } from '../data/verdict.js';

// The verdict vocabulary lives in the data room (shared with stats, ratings and eval); re-exported for the judge's users.
export { JUDGE_MODES } from '../data/verdict.js';
export type { JudgeMode, Order, Usage, VerdictLabel, VerdictRecord } from '../data/verdict.js';

/**
 * What a judge returns for one request: the answer fields of a results line
 * (`VerdictRecord`), the verdict in terms of the stored record's A and B
 * whatever order it was shown in, `raw` the model's text answer (never the
 * request, never a key), `error` why the verdict is `error`, when it is.
 */
export type JudgeResult = Pick<VerdictRecord, 'verdict' | 'reasoning' | 'raw' | 'error' | 'latencyMs' | 'usage'>;

export interface JudgeRequest {
  comparison: Comparison;
  mode: JudgeMode;
  order: Order;
  signal?: AbortSignal;
}

export interface Judge {
  /** Stable name used in results, cache keys and leaderboards, e.g. "openai:gpt-4o" or "baseline:always-a". */
  readonly name: string;
  /** The endpoint a model judge calls, recorded beside its name in results (absent for offline judges). */
  readonly endpoint?: string;
  /** Everything that changes the judge's answers (model, temperature, prompt version...), for cache keys. */
  readonly config: Readonly<Record<string, unknown>>;
  /**
   * The modes this judge can serve (a learned judge: the modes it was trained
   * for); absent means every mode. Runs check it before the first task
   * (`assertServesModes` in `./capabilities.js`).
   */
  readonly modes?: readonly JudgeMode[];
  /** What else the judge can do beyond `judge` (see `./capabilities.js`). */
  readonly capabilities?: readonly JudgeCapability[];
  /** Strings this judge holds that must never be written anywhere (its API key): declared, not guessed. */
  readonly secretsToRedact?: readonly string[];
  /** One verdict for one request; a failure to call is thrown (the runner retries it), an unreadable answer is an `error` result. */
  judge(request: JudgeRequest): Promise<JudgeResult>;
}

/** Optional abilities a judge declares: `batch` = it implements `BatchCapable` (the provider's Batch API). */
export type JudgeCapability = 'batch';
