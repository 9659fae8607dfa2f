/**
 * A judge served by any OpenAI-compatible chat endpoint (OpenAI, OpenRouter,
 * vLLM, a local test server), through the shared chat client (`src/llm/`:
 * SDK retries off, the key never written, non-completions retried). The key
 * comes from an environment variable (default OPENAI_API_KEY) or a config
 * file the user names.
 */
import { readFileSync } from 'node:fs';
import type OpenAI from 'openai';
import type { ChatCompletion, ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { z } from 'zod';
import { ConfigError, InputError } from '../errors.js';
import { ChatClient, endpointOf, type ChatClientOptions } from '../llm/client.js';
import { toStoredVerdict } from './orders.js';
import { followUpTurn, parseVerdict } from './parse/index.js';
import { createPromptBuilder, type ChatMessage, type PromptBuilder, type PromptOptions } from './prompt/index.js';
import type { BatchCapable } from './capabilities.js';
import type { JudgeEntry } from './entry.js';
import type { JudgeRequest, JudgeResult, Order, Usage } from './types.js';

export interface OpenAIJudgeOptions extends ChatClientOptions {
  /** Name in results and caches (default `openai:<model>`, `+vision` when vision is on; the endpoint is recorded beside it). */
  name?: string;
  /** Send screenshots as image parts in with-output mode. */
  vision?: boolean;
  /** Ask once more, with the parser's follow-up message, when an answer has no readable verdict (default true). */
  followUp?: boolean;
  /** Prompt template, truncation limits, image settings. */
  prompt?: Omit<PromptOptions, 'vision'>;
}

/** What a judge config file may hold (JSON). Any field overrides the command line's default. */
const configFileSchema = z
  .object({
    model: z.string().min(1),
    baseURL: z.string().url(),
    apiKey: z.string().min(1),
    apiKeyEnv: z.string().min(1),
    name: z.string().min(1),
    temperature: z.number().min(0).max(2),
    maxTokens: z.number().int().positive(),
    maxTokensField: z.enum(['max_tokens', 'max_completion_tokens']),
    timeoutMs: z.number().int().positive(),
    vision: z.boolean(),
    followUp: z.boolean(),
    pricePerMTokIn: z.number().nonnegative(),
    pricePerMTokOut: z.number().nonnegative(),
    headers: z.record(z.string(), z.string()),
  })
  .partial()
  .strict();

export type JudgeConfigFile = z.infer<typeof configFileSchema>;

/** Reads a judge config file; problems name the file and the field (never a value, which may be a key). */
export function loadJudgeConfigFile(file: string): JudgeConfigFile {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new InputError(`cannot read judge config (${(err as Error).message.split('\n')[0]})`, { file }, { cause: err });
  }
  const parsed = configFileSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError(issue.message, { file, field: issue.path.join('.') || undefined });
  }
  return parsed.data;
}

/**
 * `openai:<model>` (`+vision` when screenshots are sent), whatever the
 * endpoint: names stay readable, and the endpoint is recorded beside the name
 * (`endpoint` on the judge and on its results lines) and kept in the cache key
 * (`config.baseURL`), so two endpoints never share cached answers. Results
 * written before this rule carry `<host>:<model>`; they still load as any
 * other judge name.
 */
export function defaultJudgeName(opts: Pick<OpenAIJudgeOptions, 'model' | 'baseURL' | 'vision'>): string {
  endpointOf(opts.baseURL);
  return `openai:${opts.model}${opts.vision ? '+vision' : ''}`;
}

export class OpenAIJudge implements BatchCapable {
  readonly name: string;
  /** The endpoint root this judge calls (recorded beside its name, never in it). */
  readonly endpoint: string;
  readonly capabilities = ['batch'] as const;
  readonly config: Readonly<Record<string, unknown>>;
  readonly chat: ChatClient;
  readonly prompt: PromptBuilder;

  constructor(private readonly opts: OpenAIJudgeOptions) {
    if (!opts.model) throw new ConfigError('an OpenAI-compatible judge needs a model name (--model)');
    this.chat = new ChatClient(opts);
    this.prompt = createPromptBuilder({ ...opts.prompt, vision: opts.vision ?? false });
    this.name = opts.name ?? defaultJudgeName(opts);
    this.endpoint = endpointOf(opts.baseURL);
    // Everything that changes answers, for cache keys; never the key.
    this.config = Object.freeze({
      ...this.chat.config,
      vision: opts.vision ?? false,
      followUp: opts.followUp ?? true,
      promptVersion: this.prompt.version,
    });
  }

  get client(): OpenAI {
    return this.chat.client;
  }

  /** Strings that must never be written anywhere (the key). */
  get secretsToRedact(): readonly string[] {
    return this.chat.secretsToRedact;
  }

  /** The chat request body for `messages` (used as is by the Batch API mode). */
  body(messages: readonly ChatMessage[]): ChatCompletionCreateParamsNonStreaming {
    return this.chat.body(messages);
  }

  /** Builds the first-turn request body for a comparison. */
  async requestBody(request: Omit<JudgeRequest, 'signal'>): Promise<ChatCompletionCreateParamsNonStreaming> {
    const built = await this.prompt.build(request);
    return this.body(built.messages);
  }

  /** Cost in US dollars of `usage`, when a price is configured. */
  cost(usage: Usage): number | undefined {
    return this.chat.cost(usage);
  }

  /**
   * Reads a verdict from one answer: the text (or refusal) of the first choice,
   * parsed, and mapped back to stored A/B. Used for live calls and batch output.
   */
  interpret(completion: ChatCompletion, order: Order): { result: JudgeResult; text: string } {
    const { text, refusal, finish } = this.chat.textOf(completion);
    if (refusal) return { text, result: { verdict: 'error', raw: refusal, error: `refusal: ${refusal}` } };
    const parsed = parseVerdict(text, { allowBothBad: this.prompt.allowBothBad });
    if (parsed.verdict === 'error') {
      const why = parsed.error ?? 'no verdict found';
      return {
        text,
        result: { verdict: 'error', raw: text, error: `unparseable answer: ${why}${finish === 'length' ? ' (answer cut at max tokens)' : ''}` },
      };
    }
    return {
      text,
      result: {
        verdict: toStoredVerdict(parsed.verdict, order),
        raw: text,
        ...(parsed.reasoning ? { reasoning: parsed.reasoning } : {}),
      },
    };
  }

  async judge(request: JudgeRequest): Promise<JudgeResult> {
    const started = performance.now();
    const built = await this.prompt.build(request);
    const usage: Usage = {};
    const call = (messages: readonly ChatMessage[]) => this.chat.complete(messages, usage, request.signal);
    const first = await call(built.messages);
    let { result, text } = this.interpret(first, request.order);
    if (result.verdict === 'error' && (this.opts.followUp ?? true) && !result.error?.startsWith('refusal')) {
      // One more turn, asking for the verdict in the required format.
      const second = await call([...built.messages, ...followUpTurn(text, { allowBothBad: this.prompt.allowBothBad })]);
      const retry = this.interpret(second, request.order);
      // Both answers are kept in `raw`, so a reader sees why a follow-up was needed.
      result = { ...retry.result, raw: `${text}\n--- follow-up ---\n${retry.text}` };
    }
    const cost = this.cost(usage);
    return {
      ...result,
      latencyMs: performance.now() - started,
      ...(usage.promptTokens !== undefined ? { usage: { ...usage, ...(cost !== undefined ? { cost } : {}) } } : {}),
    };
  }
}


/** Options a registry spec may carry for this judge kind: the config file's, without the key itself. */
const entryOptions = configFileSchema
  .omit({ apiKey: true, model: true, baseURL: true, name: true })
  .extend({ model: z.string().min(1), baseUrl: z.string().url() })
  .partial()
  .strict();

/**
 * The registry entry: `openai:<model>` (any model after the colon), e.g.
 * `createJudge({ name: 'openai:gpt-4o', vision: true })`. Its secret is the
 * key in `apiKeyEnv` (default OPENAI_API_KEY).
 */
export const openAIJudgeEntry: JudgeEntry<typeof entryOptions> = {
  name: 'openai:*',
  description: 'any OpenAI-compatible chat model: openai:<model> (key from OPENAI_API_KEY or apiKeyEnv; baseUrl for other providers)',
  options: entryOptions,
  secretEnv: (o) => [o.apiKeyEnv ?? 'OPENAI_API_KEY'],
  create: (o, { name, env }) => {
    const { model, baseUrl, ...rest } = o;
    return new OpenAIJudge({ ...rest, env, model: model ?? name.slice(name.indexOf(':') + 1), ...(baseUrl ? { baseURL: baseUrl } : {}) });
  },
};
