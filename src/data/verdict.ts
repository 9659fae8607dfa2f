/**
 * The verdict vocabulary shared by every room: what a judge can be shown
 * (mode), which way round (order), what it can answer (label), and one line of
 * a results JSONL file. It lives in the data room so that statistics, ratings
 * and evaluation can describe verdicts without importing the judge.
 */
import { z } from 'zod';
import { OUTCOMES, type Outcome } from './comparison.js';

/** What the judge is shown: the code only, or the code plus what it did when run. */
export const JUDGE_MODES = ['code-only', 'with-output'] as const;
export type JudgeMode = (typeof JUDGE_MODES)[number];

/** Which way round the pair was shown: `AB` as stored, `BA` swapped. */
export const ORDERS = ['AB', 'BA'] as const;
export type Order = (typeof ORDERS)[number];

/** Every verdict a results line can hold: an outcome, or `error` when the answer could not be parsed or the call failed. */
export const VERDICT_LABELS = [...OUTCOMES, 'error'] as const;
/** A parsed verdict, or `error` when the answer could not be parsed or the call failed. */
export type VerdictLabel = Outcome | 'error';

export interface Usage {
  promptTokens?: number;
  completionTokens?: number;
  /** In US dollars, when the price of the model is known. */
  cost?: number;
}

/** One line of a results JSONL file. */
export interface VerdictRecord {
  id: string;
  judge: string;
  /** The endpoint a model judge called (beside its name, e.g. `openai:gpt-4o` at http://localhost:8000/v1). */
  endpoint?: string;
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

const usageSchema = z.looseObject({
  promptTokens: z.number({ error: 'must be a number' }).optional(),
  completionTokens: z.number({ error: 'must be a number' }).optional(),
  cost: z.number({ error: 'must be a number' }).optional(),
});

/**
 * A results-file line. Unknown fields pass through (older and newer writers
 * add bookkeeping); the fields every reader relies on are checked, and a bad
 * one is named with what it must be.
 */
export const verdictRecordSchema = z.looseObject(
  {
    id: z.string({ error: 'must be a string' }),
    judge: z.string({ error: 'must be a string' }),
    endpoint: z.string({ error: 'must be a string' }).optional(),
    mode: z.enum(JUDGE_MODES, { error: `must be one of ${JUDGE_MODES.join(', ')}` }),
    order: z.enum(ORDERS, { error: `must be ${ORDERS.join(' or ')}` }),
    verdict: z.enum(VERDICT_LABELS, { error: `must be one of ${VERDICT_LABELS.join(', ')}` }),
    reasoning: z.string({ error: 'must be a string' }).optional(),
    raw: z.string({ error: 'must be a string' }).optional(),
    error: z.string({ error: 'must be a string' }).optional(),
    latencyMs: z.number({ error: 'must be a number' }).optional(),
    usage: usageSchema.optional(),
    cached: z.boolean({ error: 'must be true or false' }).optional(),
    attempts: z.number({ error: 'must be a number' }).optional(),
  },
  { error: 'a results line must be a JSON object' },
);

// The schema and the interface describe the same line: fail the typecheck if they drift apart.
type SchemaLine = z.infer<typeof verdictRecordSchema>;
const _sameShape: (line: SchemaLine) => VerdictRecord = (line) => line;
void _sameShape;

/** True for the labels a results line may carry. */
export function isVerdictLabel(value: unknown): value is VerdictLabel {
  return typeof value === 'string' && (VERDICT_LABELS as readonly string[]).includes(value);
}
