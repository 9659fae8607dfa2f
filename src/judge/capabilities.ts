/**
 * What a judge can do beyond answering one request, declared by the judge
 * itself (`Judge.modes`, `Judge.capabilities`) rather than guessed from its
 * class: the modes it serves, and batch mode.
 */
import type { ChatCompletion, ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import type OpenAI from 'openai';
import { ConfigError } from '../errors.js';
import { JUDGE_MODES, type Judge, type JudgeCapability, type JudgeMode, type JudgeRequest, type JudgeResult, type Order, type Usage } from './types.js';

/**
 * What batch mode (`runBatch`) needs from a judge: an OpenAI-compatible client
 * with the Files and Batches endpoints, the first-turn request body of a task,
 * the reading of an answer, the price of its usage, and the strings never to
 * write. A judge implementing it lists `'batch'` in `capabilities`.
 */
export interface BatchCapable extends Judge {
  readonly capabilities: readonly JudgeCapability[];
  readonly client: OpenAI;
  /** Strings that must never be written anywhere (keys). */
  readonly secretsToRedact: readonly string[];
  requestBody(request: Omit<JudgeRequest, 'signal'>): Promise<ChatCompletionCreateParamsNonStreaming>;
  interpret(completion: ChatCompletion, order: Order): { result: JudgeResult; text: string };
  cost(usage: Usage): number | undefined;
}

export function isBatchCapable(judge: Judge): judge is BatchCapable {
  return judge.capabilities?.includes('batch') ?? false;
}

/** The judge as `BatchCapable`, or a ConfigError saying it cannot run in batch mode. */
export function requireBatchCapable(judge: Judge): BatchCapable {
  if (!isBatchCapable(judge)) {
    throw new ConfigError(
      `--batch needs an OpenAI-compatible judge (one with the batch capability: --model, or --judge openai:<model>); judge ${judge.name} cannot run in batch mode`,
    );
  }
  return judge;
}

/** The modes a judge serves (`Judge.modes`, else all). */
function servedModes(judge: Judge): readonly JudgeMode[] {
  return judge.modes ?? JUDGE_MODES;
}

/**
 * Throws a ConfigError, before any task runs, when the judge cannot serve one
 * of `modes`: a run would otherwise write one error verdict per record.
 */
export function assertServesModes(judge: Judge, modes: readonly JudgeMode[]): void {
  const served = servedModes(judge);
  const missing = modes.filter((m) => !served.includes(m));
  if (missing.length > 0) {
    throw new ConfigError(
      `judge ${judge.name} cannot serve mode ${missing.join(' and ')}: it serves ${served.join(', ') || 'no mode'}` +
        ` (choose --mode ${served.length === 1 ? served[0] : served.join('|')}, or use a judge made for ${missing.join(' and ')})`,
    );
  }
}
