/**
 * A judge served by any OpenAI-compatible chat endpoint (OpenAI, OpenRouter,
 * vLLM, a local test server), through the `openai` SDK.
 *
 * The SDK's own retries are off: the runner owns retries, so attempts are
 * counted and capped in one place. The API key comes from an environment
 * variable (default OPENAI_API_KEY) or a config file the user names; it is
 * never put in `config`, results, the cache or an error message.
 */
import { readFileSync } from 'node:fs';
import OpenAI from 'openai';
import type { ChatCompletion, ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { z } from 'zod';
import { ConfigError, InputError } from '../errors.js';
import { MalformedResponseError, quoteBody } from '../jobs/index.js';
import { toStoredVerdict } from './orders.js';
import { followUpTurn, parseVerdict } from './parse/index.js';
import { createPromptBuilder, type ChatMessage, type PromptBuilder, type PromptOptions } from './prompt/index.js';
import { redact } from './runner/redact.js';
import type { BatchCapable } from './capabilities.js';
import type { JudgeEntry } from './entry.js';
import type { JudgeRequest, JudgeResult, Order, Usage } from './types.js';

export interface OpenAIJudgeOptions {
  model: string;
  /** Endpoint root, e.g. https://openrouter.ai/api/v1 (default: OpenAI's). */
  baseURL?: string;
  /** The key itself (e.g. read from a config file). Prefer `apiKeyEnv`. */
  apiKey?: string;
  /** Environment variable holding the key (default OPENAI_API_KEY). */
  apiKeyEnv?: string;
  /** Where to read `apiKeyEnv` (default process.env). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Name in results and caches (default `openai:<model>`, `+vision` when vision is on; the endpoint is recorded beside it). */
  name?: string;
  temperature?: number;
  /** Upper bound on the answer's tokens (default 4096). */
  maxTokens?: number;
  /** Newer OpenAI models want `max_completion_tokens`; most compatible servers know `max_tokens` (default). */
  maxTokensField?: 'max_tokens' | 'max_completion_tokens';
  /** SDK-level timeout per HTTP call (default 120 s); the runner also aborts via the request signal. */
  timeoutMs?: number;
  /** Send screenshots as image parts in with-output mode. */
  vision?: boolean;
  /** Ask once more, with the parser's follow-up message, when an answer has no readable verdict (default true). */
  followUp?: boolean;
  /** Prompt template, truncation limits, image settings. */
  prompt?: Omit<PromptOptions, 'vision'>;
  /** US dollars per million prompt / completion tokens, for cost accounting. */
  pricePerMTokIn?: number;
  pricePerMTokOut?: number;
  /** Extra headers (e.g. OpenRouter's HTTP-Referer). */
  headers?: Record<string, string>;
  /** A fetch to use instead of the global one (proxies, tests). */
  fetch?: typeof fetch;
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

/** The key, from the options or the named environment variable; a ConfigError naming the variable when absent. */
export function resolveApiKey(opts: Pick<OpenAIJudgeOptions, 'apiKey' | 'apiKeyEnv' | 'env'>): string {
  if (opts.apiKey) return opts.apiKey;
  const envName = opts.apiKeyEnv ?? 'OPENAI_API_KEY';
  const key = (opts.env ?? process.env)[envName];
  if (!key) {
    throw new ConfigError(
      `no API key: set the environment variable ${envName} (any value will do for a server without auth), ` +
        'choose another variable with --api-key-env, or put "apiKey" in a judge config file',
    );
  }
  return key;
}

/** The endpoint a judge calls when no base URL is given. */
export const DEFAULT_OPENAI_ENDPOINT = 'https://api.openai.com/v1';

/** The endpoint root as given, checked to be a URL (the default one when absent). */
export function endpointOf(baseURL: string | undefined): string {
  if (!baseURL) return DEFAULT_OPENAI_ENDPOINT;
  try {
    new URL(baseURL);
  } catch {
    throw new ConfigError(`--base-url "${baseURL}" is not a URL`);
  }
  return baseURL;
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

/** Rewrites every message in an error's cause chain without the secrets; keeps status, headers and names. */
export function scrubError(err: unknown, secrets: readonly string[]): unknown {
  for (let cur = err, depth = 0; cur instanceof Error && depth < 8; cur = cur.cause, depth++) {
    try {
      cur.message = redact(cur.message, secrets);
      if (cur.stack) cur.stack = redact(cur.stack, secrets);
      const body = (cur as { error?: unknown }).error;
      if (body !== undefined) (cur as { error?: unknown }).error = JSON.parse(redact(JSON.stringify(body), secrets));
    } catch {
      // A frozen error keeps its message; the runner redacts again before writing.
    }
  }
  return err;
}

/**
 * A 200 answer that is not a chat completion (an HTML error page, a router's
 * `{"error": ...}`) becomes a retryable malformed-response failure that quotes
 * what the server said, instead of a TypeError deep in the parser.
 */
export function checkCompletion(value: unknown): ChatCompletion {
  const choices = (value as { choices?: unknown } | null)?.choices;
  if (value && typeof value === 'object' && Array.isArray(choices)) return value as ChatCompletion;
  throw new MalformedResponseError(`the server answered 200 with something that is not a chat completion: ${quoteBody(value)}`);
}

function addUsage(total: Usage, completion: ChatCompletion): void {
  const u = completion.usage;
  if (!u) return;
  total.promptTokens = (total.promptTokens ?? 0) + u.prompt_tokens;
  total.completionTokens = (total.completionTokens ?? 0) + u.completion_tokens;
}

export class OpenAIJudge implements BatchCapable {
  readonly name: string;
  /** The endpoint root this judge calls (recorded beside its name, never in it). */
  readonly endpoint: string;
  readonly capabilities = ['batch'] as const;
  readonly config: Readonly<Record<string, unknown>>;
  readonly client: OpenAI;
  readonly prompt: PromptBuilder;
  private readonly secrets: string[];

  constructor(private readonly opts: OpenAIJudgeOptions) {
    if (!opts.model) throw new ConfigError('an OpenAI-compatible judge needs a model name (--model)');
    const apiKey = resolveApiKey(opts);
    this.secrets = [apiKey];
    this.prompt = createPromptBuilder({ ...opts.prompt, vision: opts.vision ?? false });
    this.name = opts.name ?? defaultJudgeName(opts);
    this.endpoint = endpointOf(opts.baseURL);
    this.client = new OpenAI({
      apiKey,
      baseURL: opts.baseURL,
      maxRetries: 0,
      timeout: opts.timeoutMs ?? 120_000,
      ...(opts.headers ? { defaultHeaders: opts.headers } : {}),
      ...(opts.fetch ? { fetch: opts.fetch } : {}),
    });
    // Everything that changes answers, for cache keys; never the key.
    this.config = Object.freeze({
      kind: 'openai-chat',
      model: opts.model,
      baseURL: this.endpoint,
      temperature: opts.temperature ?? 0,
      maxTokens: opts.maxTokens ?? 4096,
      maxTokensField: opts.maxTokensField ?? 'max_tokens',
      vision: opts.vision ?? false,
      followUp: opts.followUp ?? true,
      promptVersion: this.prompt.version,
    });
  }

  /** Strings that must never be written anywhere (the key). */
  get secretsToRedact(): readonly string[] {
    return this.secrets;
  }

  /** The chat request body for `messages` (used as is by the Batch API mode). */
  body(messages: readonly ChatMessage[]): ChatCompletionCreateParamsNonStreaming {
    const maxTokens = (this.config.maxTokens as number);
    return {
      model: this.opts.model,
      messages: messages as ChatCompletionCreateParamsNonStreaming['messages'],
      temperature: this.opts.temperature ?? 0,
      ...(this.config.maxTokensField === 'max_completion_tokens'
        ? { max_completion_tokens: maxTokens }
        : { max_tokens: maxTokens }),
    };
  }

  /** Builds the first-turn request body for a comparison. */
  async requestBody(request: Omit<JudgeRequest, 'signal'>): Promise<ChatCompletionCreateParamsNonStreaming> {
    const built = await this.prompt.build(request);
    return this.body(built.messages);
  }

  /** Cost in US dollars of `usage`, when a price is configured. */
  cost(usage: Usage): number | undefined {
    const pin = this.opts.pricePerMTokIn;
    const pout = this.opts.pricePerMTokOut;
    if (pin === undefined && pout === undefined) return undefined;
    return ((usage.promptTokens ?? 0) * (pin ?? 0) + (usage.completionTokens ?? 0) * (pout ?? 0)) / 1e6;
  }

  /**
   * Reads a verdict from one answer: the text (or refusal) of the first choice,
   * parsed, and mapped back to stored A/B. Used for live calls and batch output.
   */
  interpret(completion: ChatCompletion, order: Order): { result: JudgeResult; text: string } {
    const message = completion.choices[0]?.message;
    const text = redact(message?.content ?? '', this.secrets);
    if (message?.refusal) {
      return { text, result: { verdict: 'error', raw: redact(message.refusal, this.secrets), error: `refusal: ${redact(message.refusal, this.secrets)}` } };
    }
    const parsed = parseVerdict(text, { allowBothBad: this.prompt.allowBothBad });
    if (parsed.verdict === 'error') {
      const why = parsed.error ?? 'no verdict found';
      const finish = completion.choices[0]?.finish_reason;
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
    const call = async (messages: readonly ChatMessage[]): Promise<ChatCompletion> => {
      try {
        const completion = checkCompletion(
          await this.client.chat.completions.create(this.body(messages), { signal: request.signal ?? null }),
        );
        addUsage(usage, completion);
        return completion;
      } catch (err) {
        throw scrubError(err, this.secrets);
      }
    };
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
