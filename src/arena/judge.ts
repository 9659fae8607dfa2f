/**
 * The judge stage: each candidate's answer against the baseline's answer to
 * the same prompt, with both programs' execution results (and screenshots
 * for a vision judge), in both orders: AB shows the candidate as A, BA shows
 * the baseline as A. Verdicts are five-point labels read by the hardened
 * parser (`parseFivePoint`); an unreadable answer gets one follow-up turn,
 * then is written as an `error` line: counted, and left out of the scores.
 *
 * A prompt one side has no answer to is not judged; it is listed as missing
 * (`missingAnswers`), so the leaderboard never has a silent hole.
 */
import { join } from 'node:path';
import type { ChatCompletion } from 'openai/resources/chat/completions';
import { z } from 'zod';
import type { Usage } from '../data/verdict.js';
import { ContentCache } from '../jobs/index.js';
import type { ChatClient } from '../llm/client.js';
import type { ChatMessage } from '../llm/messages.js';
import { redact } from '../llm/redact.js';
import { FIVE_POINT_FOLLOW_UP, FIVE_POINT_LABELS, parseFivePoint, swapFivePoint, type FivePointLabel } from '../judge/parse/index.js';
import { sha256, stableStringify } from '../judge/runner/keys.js';
import { answerKey, type AnswerLine } from './answers.js';
import type { AnswerExecution } from './execute.js';
import { ARENA_JUDGE_PROMPT_VERSION, arenaJudgeMessages, type ShownAnswer } from './judge-prompt.js';
import type { ArenaPrompt } from './prompts.js';
import { runBatchStage, type BatchStageOptions } from './batch.js';
import { runStage, type StageRunOptions, type StageSummary } from './stage.js';

export const ARENA_ORDERS = ['AB', 'BA'] as const;
export type ArenaOrder = (typeof ARENA_ORDERS)[number];

export const judgmentLineSchema = z.object({
  v: z.literal(1),
  uid: z.string().min(1),
  /** The candidate judged against the baseline. */
  model: z.string().min(1),
  baseline: z.string().min(1),
  judge: z.string().min(1),
  /** AB: the candidate shown as A; BA: the baseline shown as A. */
  order: z.enum(ARENA_ORDERS),
  status: z.enum(['ok', 'error']),
  /** The label as the judge wrote it, about the pair as shown. */
  shown: z.enum(FIVE_POINT_LABELS).nullable(),
  /** The same verdict with the candidate as A: A>>B = the candidate is much better than the baseline. */
  label: z.enum(FIVE_POINT_LABELS).nullable(),
  raw: z.string().nullable(),
  error: z.string().nullable(),
  attempts: z.number().int().nonnegative(),
  usage: z.object({ promptTokens: z.number().optional(), completionTokens: z.number().optional(), cost: z.number().optional() }).optional(),
  latencyMs: z.number().optional(),
  cached: z.boolean().optional(),
});
export type JudgmentLine = z.infer<typeof judgmentLineSchema>;

export function judgmentKey(l: Pick<JudgmentLine, 'judge' | 'model' | 'baseline' | 'uid' | 'order'>): string {
  return JSON.stringify([l.judge, l.model, l.baseline, l.uid, l.order]);
}

export const JUDGMENTS_FORMAT = { schema: judgmentLineSchema, key: judgmentKey };

export interface ArenaJudge {
  /** Name in judgment lines and caches. */
  name: string;
  chat: ChatClient;
  /** Send screenshots as images. */
  vision?: boolean;
  /** One follow-up turn after an unreadable answer (default true). */
  followUp?: boolean;
}

/** A prompt a model has no usable answer to: not judged, and reported. */
export interface MissingAnswer {
  model: string;
  uid: string;
  why: 'no line' | 'generation failed';
}

export interface JudgeAnswersOptions extends StageRunOptions {
  prompts: readonly ArenaPrompt[];
  answers: ReadonlyMap<string, AnswerLine>;
  /** Executions by answers key (`readAnswerExecutions`); answers without one are shown as not executed. */
  executions: ReadonlyMap<string, AnswerExecution>;
  candidates: readonly string[];
  baseline: string;
  judge: ArenaJudge;
  out: string;
  cacheDir?: string;
}

export interface JudgeAnswersSummary extends StageSummary {
  /** Lines this run wrote without a readable label. */
  unparseable: number;
  requests: number;
  missingAnswers: MissingAnswer[];
}

interface JudgeTask {
  key: string;
  prompt: ArenaPrompt;
  model: string;
  order: ArenaOrder;
  candidate: ShownAnswer;
  base: ShownAnswer;
}

/** Usable answers and the prompts each model lacks one for. */
export function findMissing(prompts: readonly ArenaPrompt[], answers: ReadonlyMap<string, AnswerLine>, models: readonly string[]): MissingAnswer[] {
  const missing: MissingAnswer[] = [];
  for (const model of models) {
    for (const p of prompts) {
      const line = answers.get(answerKey(model, p.uid));
      if (!line) missing.push({ model, uid: p.uid, why: 'no line' });
      else if (line.answer === null) missing.push({ model, uid: p.uid, why: 'generation failed' });
    }
  }
  return missing;
}

function shown(line: AnswerLine, executions: ReadonlyMap<string, AnswerExecution>): ShownAnswer {
  const e = executions.get(answerKey(line.model, line.uid));
  return { answer: line.answer ?? '', line: e?.line ?? null, execution: e?.execution ?? null };
}

export function planJudgeTasks(opts: Pick<JudgeAnswersOptions, 'prompts' | 'answers' | 'executions' | 'candidates' | 'baseline'>, judgeName: string): JudgeTask[] {
  const tasks: JudgeTask[] = [];
  for (const model of opts.candidates) {
    for (const prompt of opts.prompts) {
      const c = opts.answers.get(answerKey(model, prompt.uid));
      const b = opts.answers.get(answerKey(opts.baseline, prompt.uid));
      if (!c || c.answer === null || !b || b.answer === null) continue;
      for (const order of ARENA_ORDERS) {
        tasks.push({
          key: judgmentKey({ judge: judgeName, model, baseline: opts.baseline, uid: prompt.uid, order }),
          prompt, model, order, candidate: shown(c, opts.executions), base: shown(b, opts.executions),
        });
      }
    }
  }
  return tasks;
}

/** The messages for a task, in its order. */
function taskMessages(t: JudgeTask, vision: boolean): Promise<ChatMessage[]> {
  const [a, b] = t.order === 'AB' ? [t.candidate, t.base] : [t.base, t.candidate];
  return arenaJudgeMessages(t.prompt.instruction, a, b, vision);
}

/** A shown-order label in candidate-as-A terms. */
export function candidateLabel(label: FivePointLabel, order: ArenaOrder): FivePointLabel {
  return order === 'AB' ? label : swapFivePoint(label);
}

/** Reads one judge answer into a line's verdict fields. */
export function readJudgment(chat: ChatClient, completion: ChatCompletion, order: ArenaOrder): Pick<JudgmentLine, 'status' | 'shown' | 'label' | 'raw' | 'error'> {
  const { text, refusal } = chat.textOf(completion);
  if (refusal) return { status: 'error', shown: null, label: null, raw: refusal, error: `refusal: ${refusal}` };
  const parsed = parseFivePoint(text);
  if (parsed.label === 'error') return { status: 'error', shown: null, label: null, raw: text, error: `unparseable answer: ${parsed.error}` };
  return { status: 'ok', shown: parsed.label, label: candidateLabel(parsed.label, order), raw: text, error: null };
}

export async function judgeAnswers(opts: JudgeAnswersOptions): Promise<JudgeAnswersSummary> {
  const judge = opts.judge;
  const vision = judge.vision ?? false;
  const tasks = planJudgeTasks(opts, judge.name);
  const identity = sha256(stableStringify({ name: judge.name, config: judge.chat.config, vision, followUp: judge.followUp ?? true, prompt: ARENA_JUDGE_PROMPT_VERSION }));
  const cache = opts.cacheDir
    ? new ContentCache<JudgmentLine>(join(opts.cacheDir, `arena-judge-${identity.slice(0, 32)}.jsonl`), {
      accept: (l) => l.status === 'ok',
      store: (l) => {
        const s = { ...l };
        delete s.latencyMs;
        return s;
      },
    })
    : null;
  // The cache key is the request itself (everything shown, in its order) under the judge's identity.
  const cacheKeys = new Map<string, string>();
  const cacheKeyOf = async (t: JudgeTask) => {
    let k = cacheKeys.get(t.key);
    if (k === undefined) {
      k = sha256(`${identity}\u0000${t.order}\u0000${JSON.stringify(await taskMessages(t, vision))}`);
      cacheKeys.set(t.key, k);
    }
    return k;
  };
  if (cache) for (const t of tasks) await cacheKeyOf(t);
  const secrets = judge.chat.secretsToRedact;
  const counts = { unparseable: 0, requests: 0 };
  const base = { v: 1 as const, baseline: opts.baseline, judge: judge.name };
  try {
    const summary = await runStage<JudgeTask, JudgmentLine>({
      ...opts,
      stage: 'judge',
      format: JUDGMENTS_FORMAT,
      tasks,
      secrets,
      isError: (l) => l.status === 'error',
      lookup: (t) => {
        const hit = cache?.get(cacheKeys.get(t.key)!);
        return hit ? { ...hit, ...base, uid: t.prompt.uid, model: t.model, order: t.order, cached: true } : undefined;
      },
      attempt: async (t, signal) => {
        const started = performance.now();
        const usage: Usage = {};
        const messages = await taskMessages(t, vision);
        counts.requests++;
        const first = await judge.chat.complete(messages, usage, signal);
        let read = readJudgment(judge.chat, first, t.order);
        let attempts = 1;
        if (read.status === 'error' && (judge.followUp ?? true) && !read.error?.startsWith('refusal')) {
          counts.requests++;
          attempts++;
          const second = await judge.chat.complete(
            [...messages, { role: 'assistant', content: read.raw ?? '' }, { role: 'user', content: FIVE_POINT_FOLLOW_UP }], usage, signal,
          );
          const again = readJudgment(judge.chat, second, t.order);
          read = { ...again, raw: `${read.raw ?? ''}\n--- follow-up ---\n${again.raw ?? ''}` };
        }
        if (read.status === 'error') counts.unparseable++;
        const cost = judge.chat.cost(usage);
        return {
          ...base, uid: t.prompt.uid, model: t.model, order: t.order, ...read, attempts,
          latencyMs: Math.round(performance.now() - started),
          ...(usage.promptTokens !== undefined ? { usage: { ...usage, ...(cost !== undefined ? { cost } : {}) } } : {}),
        };
      },
      onFresh: (t, line) => cache?.put(cacheKeys.get(t.key)!, line),
      errorLine: (t, failure, info) => ({
        ...base, uid: t.prompt.uid, model: t.model, order: t.order, status: 'error', shown: null, label: null, raw: null,
        error: redact(`${failure.kind}: ${failure.message} (${info.why})`, secrets), attempts: info.attempts,
      }),
    });
    return { ...summary, ...counts, missingAnswers: findMissing(opts.prompts, opts.answers, [...opts.candidates, opts.baseline]) };
  } finally {
    cache?.close();
  }
}

/**
 * The same verdicts through the provider's Batch API (one session for the
 * judge). No follow-up turn in batch mode: an unreadable answer is written
 * as an unparseable error line at once (`--retry-errors` asks again).
 */
export async function judgeAnswersBatch(opts: JudgeAnswersOptions & BatchStageOptions): Promise<JudgeAnswersSummary> {
  const judge = opts.judge;
  const vision = judge.vision ?? false;
  const base = { v: 1 as const, baseline: opts.baseline, judge: judge.name };
  let unparseable = 0;
  const tasks = planJudgeTasks(opts, judge.name).map((t) => ({ ...t, customId: `${t.model}|${t.order}|${t.prompt.uid}` }));
  const summary = await runBatchStage({
    ...opts,
    stage: 'judge',
    format: JUDGMENTS_FORMAT,
    groups: [{ name: judge.name, chat: judge.chat, tasks }],
    isError: (l: JudgmentLine) => l.status === 'error',
    body: async (t) => judge.chat.body(await taskMessages(t, vision)),
    read: (t, completion) => {
      const read = readJudgment(judge.chat, completion, t.order);
      if (read.status === 'error') unparseable++;
      const u = completion.usage;
      return {
        ...base, uid: t.prompt.uid, model: t.model, order: t.order, ...read, attempts: 1,
        ...(u ? { usage: { promptTokens: u.prompt_tokens, completionTokens: u.completion_tokens } } : {}),
      };
    },
    errorLine: (t, message) => ({
      ...base, uid: t.prompt.uid, model: t.model, order: t.order, status: 'error' as const, shown: null, label: null, raw: null,
      error: redact(message, judge.chat.secretsToRedact), attempts: 1,
    }),
  });
  return { ...summary, unparseable, requests: summary.written, missingAnswers: findMissing(opts.prompts, opts.answers, [...opts.candidates, opts.baseline]) };
}
