/**
 * The generate stage: an answer from every model (candidates and baseline)
 * to every prompt, through the shared OpenAI-compatible client (`src/llm/`)
 * on the job room: retries, the shared rate gate, the breaker, a content
 * cache, one answers line per (model, uid), resumable. An answer without a
 * program (the executor's own block choice) is asked for again, up to
 * `maxRegenerations` times, then written as `no-code` and counted.
 */
import { join } from 'node:path';
import type { Usage } from '../data/verdict.js';
import { ContentCache, type ClassifiedFailure } from '../jobs/index.js';
import type { ChatClient } from '../llm/client.js';
import type { ChatMessage } from '../llm/messages.js';
import { redact } from '../llm/redact.js';
import { sha256, stableStringify } from '../judge/runner/keys.js';
import { ANSWERS_FORMAT, answerHasCode, answerKey, type AnswerLine } from './answers.js';
import type { ArenaPrompt } from './prompts.js';
import { runBatchStage, type BatchStageOptions } from './batch.js';
import { runStage, type StageRunOptions, type StageSummary } from './stage.js';
import { DEFAULT_SYSTEM_PROMPT } from './system-prompt.js';

/** A model that answers: its name in the arena, and its endpoint. */
export interface ArenaModel {
  name: string;
  chat: ChatClient;
}

export interface GenerateOptions extends StageRunOptions {
  prompts: readonly ArenaPrompt[];
  models: readonly ArenaModel[];
  /** The answers ledger. */
  out: string;
  cacheDir?: string;
  systemPrompt?: string;
  /** Further requests for an answer with no code (default 2). */
  maxRegenerations?: number;
}

export interface GenerateSummary extends StageSummary {
  /** Answers with a program, without one after every regeneration, and endpoint failures, written by this run. */
  ok: number;
  noCode: number;
  /** Requests made for no-code answers, beyond the first. */
  regenerations: number;
  /** Chat requests this run sent. */
  requests: number;
}

interface GenTask {
  key: string;
  model: ArenaModel;
  prompt: ArenaPrompt;
}

/** The messages sent for a prompt. */
export function generationMessages(prompt: ArenaPrompt, systemPrompt: string = DEFAULT_SYSTEM_PROMPT): ChatMessage[] {
  return [
    { role: 'system', content: systemPrompt },
    { role: 'user', content: prompt.instruction },
  ];
}

/** Cached answers, one file per model identity; only answers with code are kept. */
function answerCache(dir: string, model: ArenaModel, systemPrompt: string): { cache: ContentCache<AnswerLine>; key: (p: ArenaPrompt) => string } {
  const identity = sha256(stableStringify({ name: model.name, config: model.chat.config, systemPrompt }));
  const cache = new ContentCache<AnswerLine>(join(dir, `answers-${identity.slice(0, 32)}.jsonl`), {
    accept: (l) => l.status === 'ok',
    store: (l) => {
      const stored = { ...l };
      delete stored.latencyMs;
      return stored;
    },
  });
  return { cache, key: (p) => sha256(stableStringify([identity, p.uid, p.instruction])) };
}

export async function generateAnswers(opts: GenerateOptions): Promise<GenerateSummary> {
  const systemPrompt = opts.systemPrompt ?? DEFAULT_SYSTEM_PROMPT;
  const cap = opts.maxRegenerations ?? 2;
  const tasks: GenTask[] = [];
  for (const model of opts.models) {
    for (const prompt of opts.prompts) tasks.push({ key: answerKey(model.name, prompt.uid), model, prompt });
  }
  const caches = new Map(opts.models.map((m) => [m.name, opts.cacheDir ? answerCache(opts.cacheDir, m, systemPrompt) : null]));
  const secrets = opts.models.flatMap((m) => m.chat.secretsToRedact);
  const counts = { ok: 0, noCode: 0, regenerations: 0, requests: 0 };
  const count = (line: AnswerLine) => {
    if (line.status === 'ok') counts.ok++;
    else if (line.status === 'no-code') counts.noCode++;
  };
  try {
    const summary = await runStage<GenTask, AnswerLine>({
      ...opts,
      stage: 'generate',
      format: ANSWERS_FORMAT,
      tasks,
      secrets,
      isError: (l) => l.status === 'error',
      lookup: (t) => {
        const c = caches.get(t.model.name);
        const hit = c?.cache.get(c.key(t.prompt));
        if (!hit) return undefined;
        const line: AnswerLine = { ...hit, cached: true };
        count(line);
        return line;
      },
      attempt: async (t, signal) => {
        const started = performance.now();
        const usage: Usage = {};
        let text: string | null = null;
        let generations = 0;
        for (let n = 0; n <= cap; n++) {
          if (n > 0) counts.regenerations++;
          counts.requests++;
          generations++;
          const completion = await t.model.chat.complete(generationMessages(t.prompt, systemPrompt), usage, signal);
          const { text: content, refusal } = t.model.chat.textOf(completion);
          text = refusal ?? content;
          if (!refusal && answerHasCode(text)) break;
        }
        const cost = t.model.chat.cost(usage);
        const line: AnswerLine = {
          v: 1, uid: t.prompt.uid, model: t.model.name, answer: text, status: answerHasCode(text) ? 'ok' : 'no-code',
          source: 'generated', generations, error: null, latencyMs: Math.round(performance.now() - started),
          ...(usage.promptTokens !== undefined ? { usage: { ...usage, ...(cost !== undefined ? { cost } : {}) } } : {}),
        };
        count(line);
        return line;
      },
      onFresh: (t, line) => {
        const c = caches.get(t.model.name);
        c?.cache.put(c.key(t.prompt), line);
      },
      errorLine: (t, failure: ClassifiedFailure, info) => ({
        v: 1, uid: t.prompt.uid, model: t.model.name, answer: null, status: 'error', source: 'generated',
        generations: info.attempts, error: redact(`${failure.kind}: ${failure.message} (${info.why})`, secrets),
      }),
    });
    return { ...summary, ...counts };
  } finally {
    for (const c of caches.values()) c?.cache.close();
  }
}

/**
 * The same answers through the provider's Batch API (one batch session per
 * model): answers without code are asked for again in the next round, up to
 * `maxRegenerations` rounds. A kill between rounds loses only the round
 * count: the task is asked again from its first request.
 */
export async function generateAnswersBatch(opts: GenerateOptions & BatchStageOptions): Promise<StageSummary> {
  const systemPrompt = opts.systemPrompt ?? DEFAULT_SYSTEM_PROMPT;
  const generations = new Map<string, number>();
  return runBatchStage<GenTask & { customId: string }, AnswerLine>({
    ...opts,
    stage: 'generate',
    format: ANSWERS_FORMAT,
    rounds: 1 + (opts.maxRegenerations ?? 2),
    groups: opts.models.map((model) => ({
      name: model.name, chat: model.chat,
      tasks: opts.prompts.map((prompt) => ({ key: answerKey(model.name, prompt.uid), customId: prompt.uid, model, prompt })),
    })),
    isError: (l) => l.status === 'error',
    body: async (t) => t.model.chat.body(generationMessages(t.prompt, systemPrompt)),
    read: (t, completion, _round, last) => {
      const n = (generations.get(t.key) ?? 0) + 1;
      generations.set(t.key, n);
      const { text, refusal } = t.model.chat.textOf(completion);
      const answer = refusal ?? text;
      const ok = !refusal && answerHasCode(answer);
      if (!ok && !last) return 'again';
      const u = completion.usage;
      return {
        v: 1, uid: t.prompt.uid, model: t.model.name, answer, status: ok ? 'ok' : 'no-code', source: 'generated', generations: n, error: null,
        ...(u ? { usage: { promptTokens: u.prompt_tokens, completionTokens: u.completion_tokens } } : {}),
      };
    },
    errorLine: (t, message) => ({
      v: 1, uid: t.prompt.uid, model: t.model.name, answer: null, status: 'error', source: 'generated', generations: generations.get(t.key) ?? 1,
      error: redact(message, t.model.chat.secretsToRedact),
    }),
  });
}
