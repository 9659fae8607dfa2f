/**
 * The judge contract: every judge (remote model, offline baseline, learned)
 * implements `Judge`; the runner writes one `VerdictRecord` per line of a
 * results JSONL file, and `bcr metrics` reads those files.
 */
import type { Comparison, Outcome } from '../data/comparison.js';

/** What the judge is shown: the code only, or the code plus what it did when run. */
export const JUDGE_MODES = ['code-only', 'with-output'] as const;
export type JudgeMode = (typeof JUDGE_MODES)[number];

/** A parsed verdict, or `error` when the answer could not be parsed or the call failed. */
export type VerdictLabel = Outcome | 'error';

/** Which way round the pair was shown: `AB` as stored, `BA` swapped. */
export type Order = 'AB' | 'BA';

export interface Usage {
  promptTokens?: number;
  completionTokens?: number;
  /** In US dollars, when the price of the model is known. */
  cost?: number;
}

export interface JudgeResult {
  /** In terms of the stored record's A and B, whatever order it was shown in. */
  verdict: VerdictLabel;
  reasoning?: string;
  /** The model's raw text answer (never the request, never a key). */
  raw?: string;
  /** Why the verdict is `error`, when it is. */
  error?: string;
  latencyMs?: number;
  usage?: Usage;
}

export interface JudgeRequest {
  comparison: Comparison;
  mode: JudgeMode;
  order: Order;
  signal?: AbortSignal;
}

export interface Judge {
  /** Stable name used in results, cache keys and leaderboards, e.g. "openai:gpt-4o" or "baseline:always-a". */
  readonly name: string;
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
  judge(request: JudgeRequest): Promise<JudgeResult>;
}

/** Optional abilities a judge declares: `batch` = it implements `BatchCapable` (the provider's Batch API). */
export type JudgeCapability = 'batch';

/** One line of a results JSONL file. */
export interface VerdictRecord {
  id: string;
  judge: string;
  mode: JudgeMode;
  order: Order;
  verdict: VerdictLabel;
  reasoning?: string;
  raw?: string;
  error?: string;
  latencyMs?: number;
  usage?: Usage;
  /** True when the answer came from the on-disk cache. */
  cached?: boolean;
  attempts?: number;
}
