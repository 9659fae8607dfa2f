/**
 * The arena's offline endpoints for tests: the local OpenAI-compatible test
 * server (judge-server.ts: recorded requests, Batch API, scripted faults)
 * playing candidates, baseline and judge with the library's demo script
 * (`src/arena/demo.ts`: canned runnable programs, some broken, and scripted
 * five-point verdicts). `fault` can replace the reply of any request.
 */
import { demoReply } from '../../src/arena/demo.js';
import { startJudgeServer, type ChatRequest, type JudgeServer, type Reply } from './judge-server.js';

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
