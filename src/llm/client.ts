/**
 * The one OpenAI-compatible chat client, shared by the judge and by answer
 * generation (the arena): the `openai` SDK with its own retries off (the job
 * room owns retries, so attempts are counted and capped in one place), the
 * key from an environment variable and never written anywhere, 200 answers
 * that are not completions turned into retryable failures, usage and cost.
 */
import OpenAI from 'openai';
import type { ChatCompletion, ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import type { Usage } from '../data/verdict.js';
import { ConfigError } from '../errors.js';
import { MalformedResponseError, quoteBody } from '../jobs/index.js';
import type { ChatMessage } from './messages.js';
import { redact } from './redact.js';

export interface ChatClientOptions {
  model: string;
  /** Endpoint root, e.g. https://openrouter.ai/api/v1 (default: OpenAI's). */
  baseURL?: string;
  /** The key itself (e.g. read from a config file). Prefer `apiKeyEnv`. */
  apiKey?: string;
  /** Environment variable holding the key (default OPENAI_API_KEY). */
  apiKeyEnv?: string;
  /** Where to read `apiKeyEnv` (default process.env). */
  env?: Readonly<Record<string, string | undefined>>;
  temperature?: number;
  /** Upper bound on the answer's tokens (default 4096). */
  maxTokens?: number;
  /** Newer OpenAI models want `max_completion_tokens`; most compatible servers know `max_tokens` (default). */
  maxTokensField?: 'max_tokens' | 'max_completion_tokens';
  /** SDK-level timeout per HTTP call (default 120 s); runners also abort via the request signal. */
  timeoutMs?: number;
  /** US dollars per million prompt / completion tokens, for cost accounting. */
  pricePerMTokIn?: number;
  pricePerMTokOut?: number;
  /** Extra headers (e.g. OpenRouter's HTTP-Referer). */
  headers?: Record<string, string>;
  /** A fetch to use instead of the global one (proxies, tests). */
  fetch?: typeof fetch;
}

/** The key, from the options or the named environment variable; a ConfigError naming the variable when absent. */
export function resolveApiKey(opts: Pick<ChatClientOptions, 'apiKey' | 'apiKeyEnv' | 'env'>): string {
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

/** The endpoint a client calls when no base URL is given. */
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
 * what the server said, instead of a TypeError deep in a parser.
 */
export function checkCompletion(value: unknown): ChatCompletion {
  const choices = (value as { choices?: unknown } | null)?.choices;
  if (value && typeof value === 'object' && Array.isArray(choices)) return value as ChatCompletion;
  throw new MalformedResponseError(`the server answered 200 with something that is not a chat completion: ${quoteBody(value)}`);
}

/** Adds a completion's token counts to `total`. */
export function addUsage(total: Usage, completion: ChatCompletion): void {
  const u = completion.usage;
  if (!u) return;
  total.promptTokens = (total.promptTokens ?? 0) + u.prompt_tokens;
  total.completionTokens = (total.completionTokens ?? 0) + u.completion_tokens;
}

export class ChatClient {
  readonly client: OpenAI;
  /** Everything that changes answers, for cache keys; never the key. */
  readonly config: Readonly<Record<string, unknown>>;
  private readonly secrets: string[];

  constructor(private readonly opts: ChatClientOptions) {
    if (!opts.model) throw new ConfigError('an OpenAI-compatible endpoint needs a model name (--model)');
    const apiKey = resolveApiKey(opts);
    this.secrets = [apiKey];
    this.client = new OpenAI({
      apiKey,
      baseURL: opts.baseURL,
      maxRetries: 0,
      timeout: opts.timeoutMs ?? 120_000,
      ...(opts.headers ? { defaultHeaders: opts.headers } : {}),
      ...(opts.fetch ? { fetch: opts.fetch } : {}),
    });
    this.config = Object.freeze({
      kind: 'openai-chat',
      model: opts.model,
      baseURL: endpointOf(opts.baseURL),
      temperature: opts.temperature ?? 0,
      maxTokens: opts.maxTokens ?? 4096,
      maxTokensField: opts.maxTokensField ?? 'max_tokens',
    });
  }

  get model(): string {
    return this.opts.model;
  }

  /** Strings that must never be written anywhere (the key). */
  get secretsToRedact(): readonly string[] {
    return this.secrets;
  }

  /** The chat request body for `messages` (used as is by the Batch API). */
  body(messages: readonly ChatMessage[]): ChatCompletionCreateParamsNonStreaming {
    const maxTokens = this.config.maxTokens as number;
    return {
      model: this.opts.model,
      messages: messages as ChatCompletionCreateParamsNonStreaming['messages'],
      temperature: this.opts.temperature ?? 0,
      ...(this.config.maxTokensField === 'max_completion_tokens' ? { max_completion_tokens: maxTokens } : { max_tokens: maxTokens }),
    };
  }

  /** Cost in US dollars of `usage`, when a price is configured. */
  cost(usage: Usage): number | undefined {
    const pin = this.opts.pricePerMTokIn;
    const pout = this.opts.pricePerMTokOut;
    if (pin === undefined && pout === undefined) return undefined;
    return ((usage.promptTokens ?? 0) * (pin ?? 0) + (usage.completionTokens ?? 0) * (pout ?? 0)) / 1e6;
  }

  /** One chat call; its usage is added to `usage`. Errors come back with the key scrubbed from them. */
  async complete(messages: readonly ChatMessage[], usage: Usage, signal?: AbortSignal): Promise<ChatCompletion> {
    try {
      const completion = checkCompletion(await this.client.chat.completions.create(this.body(messages), { signal: signal ?? null }));
      addUsage(usage, completion);
      return completion;
    } catch (err) {
      throw scrubError(err, this.secrets);
    }
  }

  /** The text of a completion's first choice, key scrubbed, and its refusal when it refused. */
  textOf(completion: ChatCompletion): { text: string; refusal: string | null; finish: string | null } {
    const message = completion.choices[0]?.message;
    return {
      text: redact(message?.content ?? '', this.secrets),
      refusal: message?.refusal ? redact(message.refusal, this.secrets) : null,
      finish: completion.choices[0]?.finish_reason ?? null,
    };
  }
}
