/**
 * The arena's offline endpoints for tests: the local OpenAI-compatible test
 * server (judge-server.ts: recorded requests, Batch API, scripted faults)
 * playing candidates, baseline and judge with the library's demo script
 * (`src/arena/demo.ts`: canned runnable programs, some broken, and scripted
 * five-point verdicts). `fault` can replace the reply of any request.
 */
import { join } from 'node:path';
import { demoReply } from '../../src/arena/demo.js';
import { DEMO_MODELS, runArena, type ArenaPrompt, type ArenaRun } from '../../src/arena/index.js';
import { localBackend } from '../../src/exec/index.js';
import { ChatClient } from '../../src/llm/client.js';
import { startJudgeServer, type ChatRequest, type JudgeServer, type Reply } from './judge-server.js';

/** The 600 real AutoCodeArena prompts, in ../shared beside the checkout. */
export const ARENA_PROMPTS_DIR = join(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'autocodearena-v0');

/**
 * The whole arena on `prompts` against a demo server: the three demo models
 * generate, strong and weak are the candidates against the baseline, the demo
 * judge judges, answers run in bubblewrap, retries are fast.
 */
export function runDemoArena(server: JudgeServer, prompts: ArenaPrompt[], dir: string): Promise<ArenaRun> {
  const chat = (model: string) => new ChatClient({ model, baseURL: server.baseURL, apiKey: 'test-key-123456' });
  return runArena({
    prompts,
    generators: [DEMO_MODELS.strong, DEMO_MODELS.weak, DEMO_MODELS.baseline].map((m) => ({ name: m, chat: chat(m) })),
    candidates: [DEMO_MODELS.strong, DEMO_MODELS.weak],
    baseline: DEMO_MODELS.baseline,
    judge: { name: 'demo-judge', chat: chat(DEMO_MODELS.judge) },
    backend: localBackend(),
    dir,
    retry: { baseMs: 1, maxDelayMs: 5 },
  });
}

export interface ArenaServerOptions {
  latencyMs?: number;
  /** A reply that replaces the demo's for some requests (return undefined to keep it). */
  fault?: (req: ChatRequest) => Reply | undefined;
  recordBodies?: boolean;
  batchPollsUntilDone?: number;
}

export async function startArenaServer(options: ArenaServerOptions = {}): Promise<JudgeServer> {
  const attempts = new Map<string, number>();
  return startJudgeServer({
    ...(options.recordBodies !== undefined ? { recordBodies: options.recordBodies } : {}),
    ...(options.batchPollsUntilDone !== undefined ? { batchPollsUntilDone: options.batchPollsUntilDone } : {}),
    script: (req) => {
      const faulty = options.fault?.(req);
      if (faulty) return faulty;
      const user = req.body.messages.find((m) => m.role === 'user');
      const key = `${req.body.model}\u0000${typeof user?.content === 'string' ? user.content : JSON.stringify(user?.content)}`;
      const attempt = attempts.get(key) ?? 0;
      attempts.set(key, attempt + 1);
      return { kind: 'text', text: demoReply(req.body, attempt), ...(options.latencyMs ? { latencyMs: options.latencyMs } : {}) };
    },
  });
}
